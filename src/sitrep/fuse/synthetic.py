"""Documents built by hand, without parsing: for fusion tests, examples and the benchmark.

``DocumentBuilder`` finds each mention by its text in the article, so offsets are real and
every fact can be shown with its sentence::

    b = DocumentBuilder("Rebels seized Hama on Thursday.", published=dt.date(2024, 12, 6))
    rebels = b.actor("rebels", "Rebels", side="opposition")
    b.event("seized", "COERCE", mode="seize", actor1=rebels, place=b.place("Hama"))
    doc = b.build()
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..errors import InputError
from ..ids import article_id, digest
from ..models import (
    Actor,
    ActorRef,
    Article,
    Claim,
    Document,
    Event,
    EventDate,
    Mention,
    Place,
    Sentence,
)
from .resources import capitals

SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n+")


class DocumentBuilder:
    def __init__(
        self,
        text: str,
        *,
        published: dt.date | None = None,
        outlet: str | None = None,
        credits: Sequence[str] = (),
        url: str | None = None,
        headings: Sequence[str] = (),
    ):
        self.text = text
        self.article = Article(
            id=article_id(text, url), text=text, outlet=outlet, url=url, published=published,
            credits=tuple(credits),
        )
        self.sentences = self._split(headings)
        self.actors: dict[str, Actor] = {}
        self.places: list[Place] = []
        self.events: list[Event] = []
        self.claims: list[Claim] = []

    def _split(self, headings: Sequence[str]) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        start = 0
        for m in [*SENTENCE_END.finditer(self.text), None]:
            end = m.start() if m else len(self.text)
            if self.text[start:end].strip():
                body = self.text[start:end].strip()
                out.append(Sentence(len(out), start, end, heading=body in headings))
            start = m.end() if m else end
        return tuple(out)

    def find(self, text: str, after: int = 0) -> int:
        at = self.text.find(text, after)
        if at < 0:
            raise InputError(f"{text!r} is not in the article text after offset {after}")
        return at

    def sentence_at(self, offset: int) -> int:
        return next(s.i for s in self.sentences if s.start <= offset <= s.end)

    def actor(
        self, id: str, name: str, *, side: str | None = None, kind: str = "armed group",
        mention: str | None = None, after: int = 0, country: str | None = None,
    ) -> ActorRef:
        """Register an actor mentioned by ``mention`` (default ``name``) in the text."""
        said = mention or name
        at = self.find(said, after)
        m = Mention(said, at, at + len(said), "hand")
        old = self.actors.get(id)
        mentions = (*old.mentions, m) if old else (m,)
        if side is None and old is not None:
            side = old.side
        self.actors[id] = Actor(id, name, kind, country=country or (old.country if old else None),
                                mentions=mentions, side=side)
        return ActorRef(id, name, said)

    def place(
        self, text: str, *, name: str | None = None, lat: float | None = None,
        lon: float | None = None, geonames_id: int | None = None, feature: str = "PPL",
        precision: int = 1, admin1: str | None = None, country: str = "SY", after: int = 0,
    ) -> Place:
        """A place mention; Syrian provincial capitals fill their own coordinates."""
        at = self.find(text, after)
        cap = capitals().find(name or text)
        if cap is not None and lat is None:
            lat, lon, geonames_id = cap.lat, cap.lon, cap.geonames_id
            admin1, feature, name = cap.governorate, "PPLA", cap.name
        pid = f"gn:{geonames_id}" if geonames_id else f"name:{(name or text).lower()}"
        p = Place(
            pid, name or text, text, at, at + len(text), lat, lon, country, admin1, feature,
            geonames_id, precision, "hand",
        )
        self.places.append(p)
        return p

    def event(
        self, trigger: str, plover_type: str, *, mode: str | None = None,
        actor1: ActorRef | None = None, actor2: ActorRef | None = None,
        place: Place | None = None, date: dt.date | None = None, precision: str = "day",
        modality: str = "asserted", sources: Sequence[ActorRef] = (),
        fatalities: int | None = None, acled: tuple[str, str] | None = None, after: int = 0,
    ) -> Event:
        at = self.find(trigger, after)
        value = date if date is not None else self.article.published
        e = Event(
            id="ev-" + digest(self.article.id, at, plover_type, place.id if place else "",
                              len(self.events)),
            sentence=self.sentence_at(at),
            trigger=Mention(trigger, at, at + len(trigger), "hand"),
            plover_type=plover_type, plover_mode=mode,
            acled_event_type=acled[0] if acled else None,
            acled_sub_event_type=acled[1] if acled else None,
            actor1=actor1, actor2=actor2, place=place,
            date=EventDate(value, precision if value else None),
            modality=modality, sources=tuple(sources), fatalities=fatalities,
            confidence=0.8, method="hand",
        )
        self.events.append(e)
        return e

    def claim(
        self, cue: str, speaker: ActorRef | None, events: Sequence[Event],
        stance: str = "reports", after: int = 0,
    ) -> Claim:
        at = self.find(cue, after)
        c = Claim(
            id="cl-" + digest(self.article.id, at), sentence=self.sentence_at(at),
            speaker=speaker, cue=cue, start=at, end=at + len(cue), stance=stance,
            events=tuple(e.id for e in events), method="hand",
        )
        self.claims.append(c)
        return c

    def build(self) -> Document:
        return Document(
            article=self.article, sentences=self.sentences, actors=tuple(self.actors.values()),
            places=tuple(self.places), events=tuple(self.events), claims=tuple(self.claims),
            done=frozenset({"article", "sentences", "actors", "places", "focus", "events",
                            "claims"}),
        )


def withdrawal_example() -> Document:
    """Mirrors the founding article: partial withdrawal from Homs reported by two sources,
    earlier seizures of Aleppo and Hama, rebels at the capital's suburbs, a hypothetical
    capture, and a statement of the four capitals the government still holds."""
    text = (
        "Government troops have pulled out of large parts of the city of Homs, according to a "
        "monitoring group and a state radio station. "
        "The radio said soldiers had redeployed to positions outside Homs. "
        "Rebel fighters have already moved into parts of Homs, the monitor said. "
        "The loss of Homs would be a heavy blow for the president. "
        "In recent weeks the rebels completed the seizure of Aleppo and Hama. "
        "On Saturday the rebels reached the suburbs of Damascus. "
        "Assad's forces now hold just four of the country's 14 provincial capitals: "
        "Damascus, Homs, Latakia and Tartus."
    )
    b = DocumentBuilder(text, published=dt.date(2024, 12, 8), outlet="Example Daily")
    army = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                   mention="Government troops")
    monitor = b.actor("SOHR", "Syrian Observatory for Human Rights", side="opposition",
                      kind="monitor", mention="a monitoring group")
    radio = b.actor("ShamFM", "Sham FM", side="pro-government", kind="media",
                    mention="a state radio station")
    b.event("pulled out", "RETREAT", mode="withdraw", actor1=army, place=b.place("Homs"),
            modality="reported", sources=[monitor, radio])
    soldiers = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                       mention="soldiers")
    b.event("redeployed", "RETREAT", mode="withdraw", actor1=soldiers,
            place=b.place("Homs", after=b.find("outside")), modality="reported",
            sources=[radio])
    rebels = b.actor("rebels", "Rebels", side="opposition", mention="Rebel fighters")
    b.event("moved into", "COERCE", mode="seize", actor1=rebels,
            place=b.place("Homs", after=b.find("moved into")), modality="reported",
            sources=[monitor])
    b.event("loss", "CONCEDE", actor1=army, place=b.place("Homs", after=b.find("loss")),
            modality="hypothetical")
    seizure_rebels = b.actor("rebels", "Rebels", mention="the rebels")
    for city in ("Aleppo", "Hama"):
        b.event("seizure", "COERCE", mode="seize", actor1=seizure_rebels,
                place=b.place(city), date=dt.date(2024, 12, 1), precision="week")
    b.event("reached", "MOBILIZE", actor1=seizure_rebels, place=b.place("Damascus"),
            date=dt.date(2024, 12, 7))
    b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
            mention="Assad's forces")
    statement = b.find("Assad's forces")
    for city in ("Damascus", "Homs", "Latakia", "Tartus"):
        b.place(city, after=statement)
    return b.build()
