"""The parse stage: spaCy over each paragraph, in batches, copied into frozen tokens.

Each non-empty line of the article is parsed on its own, so a heading never merges with
the sentence after it; offsets are shifted back into ``article.text``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .models import Document, EntityMention, Sentence, Span, Token

if TYPE_CHECKING:
    from spacy.language import Language

# Month names: in a date ("On 4 March 2023", "May 2023") they are no words for the event
# rules (March is no march, May no modal) and no towns (March, England).
MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy model once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run the README's set-up command"
        ) from exc


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their start offsets, leading/trailing spaces trimmed."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            out.append((m.start() + (len(line) - len(line.lstrip())), stripped))
    return out


def _inside(span: tuple[int, int], spans: tuple[Span, ...]) -> bool:
    return any(s.start <= span[0] and span[1] <= s.end for s in spans)


class ParseStage:
    """Sentences, tokens and named entities from spaCy."""

    name = "parse"
    requires = ("article",)
    assigns = ("sentences", "tokens", "entities")

    def __init__(self, nlp: Language, batch_size: int = 64):
        self.nlp = nlp
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        it = iter(docs)
        while True:
            chunk = list(islice(it, self.batch_size))
            if not chunk:
                return
            yield from self._parse_chunk(chunk)

    def _parse_chunk(self, chunk: list[Document]) -> Iterator[Document]:
        paras = [paragraphs(d.article.text) for d in chunk]
        flat = [p for ps in paras for _, p in ps]
        parsed = iter(self.nlp.pipe(flat, batch_size=self.batch_size))
        for doc, ps in zip(chunk, paras, strict=True):
            yield self._assemble(doc, [(off, next(parsed)) for off, _ in ps])

    def _assemble(self, doc: Document, parsed: list[tuple[int, Any]]) -> Document:
        art = doc.article
        sentences: list[Sentence] = []
        tokens: list[Token] = []
        entities: list[EntityMention] = []
        for offset, sdoc in parsed:
            base = len(tokens)
            sent_of: dict[int, int] = {}
            for sent in sdoc.sents:
                start = offset + sent[0].idx
                end = offset + sent[-1].idx + len(sent[-1].text)
                i = len(sentences)
                for t in sent:
                    sent_of[t.i] = i
                heading = _inside((start, end), art.headings)
                sentences.append(
                    Sentence(
                        i=i,
                        start=start,
                        end=end,
                        heading=heading,
                        boilerplate=_inside((start, end), art.boilerplate),
                        token_start=base + sent.start,
                        token_end=base + sent.end,
                    )
                )
            for t in sdoc:
                tokens.append(
                    Token(
                        i=base + t.i,
                        start=offset + t.idx,
                        end=offset + t.idx + len(t.text),
                        text=t.text,
                        lemma=t.lemma_,
                        pos=t.pos_,
                        tag=t.tag_,
                        dep=t.dep_,
                        head=base + t.head.i,
                        sent=sent_of[t.i],
                        ent_type=t.ent_type_,
                        ent_iob=t.ent_iob_,
                        ws=bool(t.whitespace_),
                    )
                )
            for e in sdoc.ents:
                entities.append(
                    EntityMention(
                        label=e.label_,
                        text=e.text,
                        start=offset + e.start_char,
                        end=offset + e.end_char,
                        token_start=base + e.start,
                        token_end=base + e.end,
                        sent=sent_of[e.start],
                    )
                )
        return dataclasses.replace(
            doc, sentences=tuple(sentences), tokens=tuple(tokens), entities=tuple(entities)
        )
