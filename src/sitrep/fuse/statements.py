"""State statements: sentences that say who holds what, without a discrete event.

Two text rules over a document's sentences:

- a list of held provincial capitals ("Assad's forces now hold just four of the country's
  14 provincial capitals: Damascus, Homs, Latakia, and Tartus"): the listed capitals are held
  by the speaker's side, every other capital is not;
- "under the control of X" / "under X control" with the places of the same clause;
- "X controlled / took control of / holds [most of] PLACE", where the place follows the verb
  and the holder is the last actor named before it in the clause;
- "PLACE fell to X";
- "rebel-held PLACE", "government-controlled PLACE", "SDF-held PLACE".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..ids import normalise_text
from ..models import Actor, ActorRef, Document, Place
from .places import control_place
from .resources import capitals, sides

HOLD_LIST = re.compile(
    r"\b(?:hold|holds|held|control|controls|controlled|retain|retains|keep|keeps)\s+"
    r"(?:(?:just|only|now|still)\s+)*(?P<n>\w+)\s+of\s+(?:the\s+)?(?:(?:country|syria)['’]s\s+)?"
    r"(?:(?P<m>\w+)\s+)?provincial\s+capitals\s*[:,—–-]?\s*(?P<list>[^.;]*)",
    re.IGNORECASE,
)
UNDER_CONTROL = re.compile(
    r"\bunder\s+(?:the\s+)?(?:full\s+|firm\s+|complete\s+)?(?:(?P<pre>[\w'’ -]{1,40}?)\s+)?control"
    r"(?:\s+of\s+(?P<post>[^,.;]{1,80}))?",
    re.IGNORECASE,
)
CONTROL_VERB = re.compile(
    r"\b(?:(?:took|take|takes|taken|seized|gained|assumed|wrested|have|has|had|in|under|"
    r"retained|regained|established)\s+(?:full\s+|complete\s+|total\s+)?control\s+(?:over|of)|"
    r"controlled|controls|control|now\s+holds?|still\s+holds?|held)\s+"
    r"(?:(?:most|all|nearly\s+all|almost\s+all|the\s+whole|the\s+rest)\s+of\s+)?"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central)\s+)?"
    r"(?:(?:city|town|village|province|governorate)\s+of\s+)?",
    re.IGNORECASE,
)
FELL_TO = re.compile(
    r"\s*(?:has\s+|had\s+)?(?:fell|fallen|falls)\s+(?:to|into\s+the\s+hands\s+of)\s+",
    re.IGNORECASE,
)
HELD_ADJECTIVE = re.compile(
    r"\b(?P<holder>[\w'’]+(?:-[\w'’]+)?)-(?:held|controlled|run)\s+"
    r"(?:(?:northern|southern|eastern|western|central)\s+)?"
    r"(?:(?:city|town|village|province|governorate|region)\s+of\s+)?$",
    re.IGNORECASE,
)
PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?$", re.IGNORECASE)
BACKGROUND = re.compile(
    r"\s*(?:,\s*)?(?:since|until|till|for\s+(?:years|decades|months)|before|from\s+\d{4}|"
    r"in\s+\d{4}|between)\b", re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|never|no longer|denied|deny|denies|dismissed|rejected|false|lost|losing|"
    r"loses)\b|n['’]t\b", re.IGNORECASE,
)
IRREALIS = re.compile(r"\b(?:would|could|might|may|if|unless|whether|should)\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|while|whereas|although)\b")


@dataclass(frozen=True, slots=True)
class ControlStatement:
    """One place said to be held (``held=True``) or not held by ``side``."""

    id: str
    article_id: str
    sentence: int
    date: dt.date | None
    place_key: str
    place: Place
    side: str
    actor: ActorRef | None
    held: bool


def _actor_in(
    doc: Document, actors: dict[str, Actor], lo: int, hi: int, first: bool = False
) -> ActorRef | None:
    """The actor mentioned last (or ``first``) inside ``[lo, hi)``."""
    best = None
    for a in doc.actors:
        for m in a.mentions:
            if not (lo <= m.start and m.end <= hi):
                continue
            key = -m.start if first else m.start
            if best is None or key > best[0]:
                best = (key, ActorRef(a.id, a.name, m.text))
    return best[1] if best else None


def _side(doc: Document, actors: dict[str, Actor], ref: ActorRef | None, text: str) -> str | None:
    side = sides().side_of(ref, actors) if ref else None
    return side or sides().guess(text)


def _places_in(doc: Document, lo: int, hi: int) -> list[Place]:
    """Places named in ``[lo, hi)``; a dateline names where the reporter is, not a place
    anyone holds."""
    return [p for p in doc.places if lo <= p.start and p.end <= hi and p.role != "dateline"]


def _listed_capitals(doc: Document, lo: int, hi: int, text: str) -> list[tuple[str, Place]]:
    found: dict[str, Place] = {}
    for p in _places_in(doc, lo, hi):
        cp = control_place(p)
        if cp:
            found.setdefault(*cp)
    for name in re.split(r",\s*(?:and\s+)?|\s+and\s+", text):
        cap = capitals().find(name.strip(" .\u2019'"))
        if cap is not None:
            found.setdefault(cap.place().id, cap.place())
    return sorted(found.items())


def sentence_evidence_id(article_id: str, sentence: int) -> str:
    """The evidence id of a sentence that has neither a claim nor an event:
    ``<article id>#s<sentence index>`` (``sitrep.fuse.evidence`` resolves it)."""
    return f"{article_id}#s{sentence}"


def _evidence_ids(doc: Document) -> dict[int, str]:
    """Sentence index -> the id a statement made there cites: the sentence's first claim
    (by id), else its first event (by id), else the sentence id."""
    found: dict[int, str] = {}
    for c in sorted(doc.claims, key=lambda c: c.id):
        found.setdefault(c.sentence, c.id)
    for e in sorted(doc.events, key=lambda e: e.id):
        found.setdefault(e.sentence, e.id)
    return found


def statements_from_document(doc: Document) -> tuple[ControlStatement, ...]:
    """Every control statement in ``doc`` (dated by publication). Its evidence id is the id
    of a claim made in that sentence, else of an event in it, else the sentence id
    ``<article id>#s<sentence index>``."""
    actors = {a.id: a for a in doc.actors}
    cited = _evidence_ids(doc)
    out: list[ControlStatement] = []
    for s in doc.sentences:
        if s.heading or s.boilerplate:
            continue
        text = doc.article.text[s.start : s.end]
        sid = cited.get(s.i) or sentence_evidence_id(doc.article.id, s.i)

        def add(key: str, place: Place, side: str, ref: ActorRef | None, held: bool,
                _sid: str = sid, _i: int = s.i) -> None:
            out.append(ControlStatement(_sid, doc.article.id, _i, doc.article.published,
                                        key, place, side, ref, held))

        for m in HOLD_LIST.finditer(text):
            if IRREALIS.search(text[: m.start()]):
                continue
            ref = _actor_in(doc, actors, s.start, s.start + m.start())
            side = _side(doc, actors, ref, text[: m.start()])
            if side is None:
                continue
            lo = s.start + m.start("list")
            listed = _listed_capitals(doc, lo, s.start + m.end("list"), m.group("list"))
            held_keys = {k for k, _ in listed}
            for key, place in listed:
                add(key, place, side, ref, True)
            if listed and (m.group("m") or "").lower() in ("14", "fourteen", ""):
                for cap in capitals().all:
                    key = cap.place().id
                    if key not in held_keys:
                        add(key, cap.place(), side, ref, False)
        for m in CONTROL_VERB.finditer(text):
            if m.group(0).lower().startswith("under"):
                continue
            clause_start = max(
                (b.end() for b in CLAUSE_BREAK.finditer(text, 0, m.start())), default=0
            )
            before = text[clause_start : m.start()]
            if IRREALIS.search(before) or NEGATION.search(before):
                continue
            follows = next(
                (p for p in _places_in(doc, s.start + m.end(), s.end)
                 if p.start == s.start + m.end()), None,
            )
            cp = control_place(follows)
            if follows is not None and (
                PAST_PERFECT.search(before) or BACKGROUND.match(text, follows.end - s.start)
            ):
                continue  # "had held Aleppo since 2016": background, not the present
            ref = _actor_in(doc, actors, s.start + clause_start, s.start + m.start())
            side = _side(doc, actors, ref, before) if ref else None
            if cp is not None and side is not None:
                add(cp[0], cp[1], side, ref, True)
        for p in _places_in(doc, s.start, s.end):
            adjective = HELD_ADJECTIVE.search(text, max(0, p.start - s.start - 60),
                                              p.start - s.start)
            held_cp = control_place(p) if adjective else None
            if adjective is not None and held_cp is not None:
                side = sides().guess(adjective.group("holder"))
                if side is not None:
                    add(held_cp[0], held_cp[1], side, None, True)
            fell = FELL_TO.match(text, p.end - s.start)
            cp = control_place(p)
            if fell is None or cp is None:
                continue
            before = text[: p.start - s.start]
            if IRREALIS.search(before) or NEGATION.search(before):
                continue
            after = re.split(r"[,;.]", text[fell.end() : fell.end() + 60])[0]
            ref = _actor_in(doc, actors, s.start + fell.end(), s.start + fell.end() + len(after),
                            first=True)
            side = _side(doc, actors, ref, after)
            if side is not None:
                add(cp[0], cp[1], side, ref, True)
        for m in UNDER_CONTROL.finditer(text):
            clause_start = max(
                (b.end() for b in CLAUSE_BREAK.finditer(text, 0, m.start())), default=0
            )
            if IRREALIS.search(text[clause_start : m.start()]):
                continue
            holder_text = " ".join(g for g in (m.group("pre"), m.group("post")) if g)
            hlo = s.start + m.start()
            ref = _actor_in(doc, actors, hlo, s.start + m.end())
            side = _side(doc, actors, ref, holder_text)
            if side is None or not normalise_text(holder_text):
                continue
            for p in _places_in(doc, s.start + clause_start, hlo):
                cp = control_place(p)
                if cp:
                    add(cp[0], cp[1], side, ref, True)
    return tuple(out)
