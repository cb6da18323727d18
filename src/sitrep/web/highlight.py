"""Article text cut into flat segments, each carrying the annotations that cover it.

The article page renders each segment as one escaped ``<span>`` whose classes say which
actors, places, event triggers and claims cover it, so overlapping annotations need no nesting.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Annotation:
    start: int
    end: int
    kind: str  # actor | place | event | claim | heading
    label: str
    ref: str = ""  # id of the annotated record


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    start: int
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    anchor: str | None = None
    focus: bool = False

    @property
    def css(self) -> str:
        classes = [f"ann-{k}" for k in self.kinds]
        if self.focus:
            classes.append("focus")
        return " ".join(classes)


def collect_annotations(doc: JSON) -> list[Annotation]:
    """Every highlightable span in a contract document."""
    out: list[Annotation] = []
    for actor in doc.get("actors") or ():
        label = f"actor: {actor['name']}" + (f" ({actor['kind']})" if actor.get("kind") else "")
        out += [Annotation(m["start"], m["end"], "actor", label, actor["id"])
                for m in actor.get("mentions") or ()]
    for place in doc.get("places") or ():
        where = ", ".join(x for x in (place.get("admin1"), place.get("country")) if x)
        label = f"place: {place['name']}" + (f" ({where})" if where else "")
        out.append(Annotation(place["start"], place["end"], "place", label, place["id"]))
    for event in doc.get("events") or ():
        mode = event["plover"].get("mode")
        kind = event["plover"]["type"] + (f"/{mode}" if mode else "")
        trig = event["trigger"]
        out.append(Annotation(trig["start"], trig["end"], "event",
                              f"event: {kind}, {event['modality']}", event["id"]))
    for claim in doc.get("claims") or ():
        who = claim["speaker"]["name"] if claim.get("speaker") else "unattributed"
        out.append(Annotation(claim["start"], claim["end"], "claim",
                              f"claim: {who} ({claim['cue']}, {claim['stance']})", claim["id"]))
    for start, end in (doc.get("article") or {}).get("headings") or ():
        out.append(Annotation(start, end, "heading", "heading"))
    return out


def segments(doc: JSON, focus: str | None = None) -> list[Segment]:
    """Cut ``article.text`` at every annotation and sentence boundary.

    ``focus`` is an event or claim id whose spans are marked for the reader to find.
    """
    text: str = doc["article"]["text"]
    anns = [a for a in collect_annotations(doc) if 0 <= a.start < a.end <= len(text)]
    anchors = {s["start"]: f"s-{s['i']}" for s in doc.get("sentences") or ()}
    cuts = sorted({0, len(text), *anchors, *(a.start for a in anns), *(a.end for a in anns)})
    anns.sort(key=lambda a: a.start)
    out: list[Segment] = []
    active: list[Annotation] = []
    nxt = 0
    for lo, hi in pairwise(cuts):
        while nxt < len(anns) and anns[nxt].start <= lo:
            active.append(anns[nxt])
            nxt += 1
        active = [a for a in active if a.end > lo]
        kinds = tuple(sorted({a.kind for a in active}))
        labels = tuple(dict.fromkeys(a.label for a in active if a.kind != "heading"))
        out.append(Segment(text[lo:hi], lo, kinds, labels, anchors.get(lo),
                           focus=focus is not None and any(a.ref == focus for a in active)))
    return out
