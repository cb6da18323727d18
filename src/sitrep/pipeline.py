"""Stages and the pipeline that runs them.

A stage is any object with ``name``, ``requires`` and ``assigns`` (names of ``Document``
fields) and ``__call__(doc) -> Document``. ``Pipeline`` checks the order when it is
built and checks each result when it runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .errors import PipelineError
from .models import Document

DOCUMENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Document)) - {"done"}


@runtime_checkable
class Stage(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def assigns(self) -> tuple[str, ...]: ...

    def __call__(self, doc: Document) -> Document: ...


@runtime_checkable
class BatchStage(Stage, Protocol):
    """A stage that can process many documents at once (the parser)."""

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]: ...


class Pipeline:
    """An ordered list of stages whose requirements are met in order."""

    def __init__(self, stages: Sequence[Stage]):
        available = {"article"}
        for stage in stages:
            unknown = (set(stage.requires) | set(stage.assigns)) - DOCUMENT_FIELDS
            if unknown:
                raise PipelineError(
                    f"stage {stage.name!r} names unknown document fields {sorted(unknown)}"
                )
            missing = set(stage.requires) - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier "
                    "stage assigns; reorder the stages"
                )
            available |= set(stage.assigns)
        self.stages = tuple(stages)
        self.assigns = frozenset(available)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def _apply(self, stage: Stage, doc: Document) -> Document:
        out = stage(doc)
        return self._checked(stage, out)

    @staticmethod
    def _checked(stage: Stage, out: object) -> Document:
        if not isinstance(out, Document):
            raise PipelineError(f"stage {stage.name!r} returned {type(out).__name__}, not Document")
        return dataclasses.replace(out, done=out.done | set(stage.assigns))

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = self._apply(stage, doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run every stage over a stream; batch stages (the parser) see the stream whole."""
        stream: Iterable[Document] = docs
        for stage in self.stages:
            stream = self._stream(stage, stream)
        yield from stream

    def _stream(self, stage: Stage, docs: Iterable[Document]) -> Iterator[Document]:
        if isinstance(stage, BatchStage):
            for out in stage.pipe(docs):
                yield self._checked(stage, out)
        else:
            for doc in docs:
                yield self._apply(stage, doc)
