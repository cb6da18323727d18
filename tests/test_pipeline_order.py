import dataclasses

import pytest

from sitrep.errors import PipelineError
from sitrep.models import Article, Document
from sitrep.pipeline import Pipeline


@dataclasses.dataclass
class FakeStage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    result: object = None

    def __call__(self, doc: Document) -> Document:
        if self.result is not None:
            return self.result  # type: ignore[return-value]
        return dataclasses.replace(doc, claims=doc.claims)


def test_pipeline_rejects_unmet_requirement_when_built() -> None:
    with pytest.raises(PipelineError, match="requires \\['events'\\]"):
        Pipeline([FakeStage("claims", ("events",), ("claims",))])


def test_pipeline_rejects_unknown_field() -> None:
    with pytest.raises(PipelineError, match="unknown document fields"):
        Pipeline([FakeStage("x", ("article",), ("nonsense",))])


def test_pipeline_accepts_order_and_marks_done() -> None:
    p = Pipeline(
        [
            FakeStage("parse", ("article",), ("sentences", "tokens")),
            FakeStage("claims", ("sentences",), ("claims",)),
        ]
    )
    doc = p(Document(article=Article(id="a", text="x")))
    assert {"sentences", "tokens", "claims"} <= doc.done
    assert p.names == ("parse", "claims")


def test_pipeline_rejects_stage_returning_non_document() -> None:
    p = Pipeline([FakeStage("bad", ("article",), ("claims",), result={"not": "a doc"})])
    with pytest.raises(PipelineError, match="returned dict"):
        p(Document(article=Article(id="a", text="x")))
