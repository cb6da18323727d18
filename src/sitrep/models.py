"""The data model: frozen dataclasses that flow through the pipeline.

Every derived fact carries character offsets into ``Article.text`` (``start``/``end``)
and the ``method`` that produced it, so it can be shown with its source sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline that opens an article ("HOMS,—", "BEIRUT (Reuters) -")."""

    text: str
    start: int
    end: int
    place_text: str | None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read. ``text`` is the exact text offsets index into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"
    dateline: Dateline | None = None
    credits: tuple[str, ...] = ()
    headings: tuple[Span, ...] = ()
    boilerplate: tuple[Span, ...] = ()
    source_format: str = "text"


@dataclass(frozen=True, slots=True)
class Sentence:
    i: int
    start: int
    end: int
    heading: bool = False
    boilerplate: bool = False
    token_start: int = 0
    token_end: int = 0


@dataclass(frozen=True, slots=True)
class Token:
    """A parsed token, copied out of spaCy so documents stay plain, frozen and picklable."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    ent_type: str = ""
    ent_iob: str = "O"
    ws: bool = True


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named-entity span from the parser (spaCy label), in token and character terms."""

    label: str
    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    sent: int


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    method: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor named or described in a document.

    ``id`` is a registry id (``"SYR.state-forces"``-style) or a provisional id derived
    from the normalised name when the registry does not know the actor.
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    mentions: tuple[Mention, ...] = ()
    provisional: bool = False
    side: str | None = None
    affiliation: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ActorRef:
    id: str
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention resolved (or not) to a gazetteer entry.

    ``precision`` is the ACLED geo_precision code: 1 the town itself, 2 near or part of a
    region, 3 only a larger region; ``None`` when unresolved.
    """

    id: str
    name: str
    text: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    geonames_id: int | None = None
    precision: int | None = None
    method: str = ""
    role: str = "mention"


@dataclass(frozen=True, slots=True)
class EventDate:
    value: dt.date | None
    precision: str | None
    text: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def time_precision(self) -> int | None:
        """ACLED time_precision: 1 day, 2 week, 3 month or coarser."""
        return {"day": 1, "week": 2, "month": 3, "year": 3}.get(self.precision or "")


MODALITIES = ("asserted", "reported", "alleged", "hypothetical", "future", "negated", "denied")
FACTUAL_MODALITIES = frozenset({"asserted", "reported", "alleged"})


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    sentence: int
    trigger: Mention
    plover_type: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    actor1_more: tuple[ActorRef, ...] = ()
    place: Place | None = None
    date: EventDate = field(default_factory=lambda: EventDate(None, None))
    modality: str = "asserted"
    sources: tuple[ActorRef, ...] = ()
    fatalities: int | None = None
    confidence: float = 0.5
    method: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    sentence: int
    speaker: ActorRef | None
    cue: str
    start: int
    end: int
    quote: bool = False
    stance: str = "asserts"
    events: tuple[str, ...] = ()
    method: str = ""


@dataclass(frozen=True, slots=True)
class Focus:
    """The document's geographic focus, used to rank places and fill event locations."""

    country: str | None = None
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The one container that flows through the pipeline.

    A stage fills the fields it ``assigns`` and returns ``dataclasses.replace(doc, ...)``.
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    focus: Focus = field(default_factory=Focus)
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    done: frozenset[str] = frozenset({"article"})

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.article.text[s.start : s.end]

    def sentence_tokens(self, i: int) -> tuple[Token, ...]:
        s = self.sentences[i]
        return self.tokens[s.token_start : s.token_end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds the character at ``offset`` (None between sentences)."""
        return next((s for s in self.sentences if s.start <= offset < s.end), None)
