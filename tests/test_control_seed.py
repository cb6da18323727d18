"""End to end: the founding article and the sample corpus through the whole pipeline, then
fusion. Slow: loads the gazetteer (and builds it on a fresh machine)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.engine import Resources, build_pipeline, extract
from sitrep.fuse.control import ControlEntry, as_of
from sitrep.fuse.fusion import fuse_documents
from sitrep.ingest.readers import Defaults, make_article, read_paths
from sitrep.models import Document
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline(Resources.load(Settings.from_env()))


def _control(docs: list[Document], day: dt.date) -> dict[str, ControlEntry]:
    return {e.place_key: e for e in as_of(fuse_documents(docs).timelines, day)}


def test_control_seed_article_as_of_2024_12_08(pipeline: Pipeline, seed_path: Path):
    article = make_article(seed_path.read_text(encoding="utf-8"),
                           Defaults(published=dt.date(2024, 12, 8)))
    control = _control([pipeline(Document(article=article))], dt.date(2024, 12, 8))
    for key in ("gn:170654", "gn:173576", "gn:163345"):  # Damascus, Latakia, Tartus
        assert (control[key].status, control[key].side) == ("held", "government"), key
    for key in ("gn:170063", "gn:170017"):  # Aleppo, Hama
        assert control[key].side != "government", key
    homs = control["gn:169577"]
    assert homs.status == "contested" or homs.side not in (None, "government")


def test_control_sample_corpus_as_of_2024_12_10(pipeline: Pipeline, samples_dir: Path):
    docs = list(extract(read_paths([str(samples_dir)], Defaults()), pipeline, []))
    control = _control(docs, dt.date(2024, 12, 10))
    expected = {  # who took the city, and when (within a day)
        "gn:170063": ("opposition", dt.date(2024, 11, 30)),  # Aleppo
        "gn:170017": ("opposition", dt.date(2024, 12, 5)),  # Hama
        "gn:169577": ("opposition", dt.date(2024, 12, 8)),  # Homs
        "gn:170654": ("opposition", dt.date(2024, 12, 8)),  # Damascus
        "gn:170794": ("kurdish-led", dt.date(2024, 12, 6)),  # Deir ez-Zor
    }
    for key, (side, since) in expected.items():
        entry = control[key]
        assert (entry.status, entry.side) == ("held", side), key
        assert entry.since is not None and abs((entry.since - since).days) <= 1, key
