"""Clustering: which event mentions report one incident.

Two mentions may be one incident when they share a type family, their places lie within a
distance set by geo precision, their dates within a window set by date precision, and their
actors agree (same actor, or same side). Clustering is greedy and complete-link over the
mentions in a canonical order (``processing_key``), so the result does not depend on the
order articles were ingested. Hypothetical, future and negated mentions are never merged
into factual incidents. ``Linker`` and the key functions let ``recluster.py`` replay only
the choices new mentions can change.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..geo import distance_km
from ..ids import normalise_text
from ..models import ActorRef, Place
from .mentions import EventMention
from .resources import families

DISTANCE_KM = {1: 25.0, 2: 50.0, 3: 150.0}
DEFAULT_DISTANCE_KM = 50.0
DATE_WINDOW_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
UNDATED_WINDOW_DAYS = 2
DAY_SLACK = 1  # reports of one event often differ by a day (time zones, "overnight")
CELL_DEGREES = 1.5  # > 150 km in latitude: neighbours of a cell hold every candidate

def has_point(p: Place | None) -> bool:
    return p is not None and p.lat is not None and p.lon is not None


def places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.id == b.id or (a.geonames_id is not None and a.geonames_id == b.geonames_id):
        return True
    if has_point(a) and has_point(b):
        limit = max(DISTANCE_KM.get(a.precision or 0, DEFAULT_DISTANCE_KM),
                    DISTANCE_KM.get(b.precision or 0, DEFAULT_DISTANCE_KM))
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit  # type: ignore[arg-type]
    return normalise_text(a.name) == normalise_text(b.name)


def _window(m: EventMention) -> int:
    return DATE_WINDOW_DAYS.get(m.date_precision or "", UNDATED_WINDOW_DAYS)


def date_interval(m: EventMention) -> tuple[int, int]:
    """The days (ordinals) a mention's date can mean. A coarse date equal to the publication
    date ("in recent weeks", or no date at all) reaches back from it, not forward."""
    day = m.date
    assert day is not None
    d = day.toordinal()
    width = _window(m)
    if m.date_precision == "day":
        return d, d
    if m.published is not None and day >= m.published:
        return d - width, d
    return d - width // 2, d + width // 2


@dataclass(slots=True)
class _Item:
    """A mention with what clustering compares, computed once."""

    m: EventMention
    lo: int | None
    hi: int | None
    place: Place | None
    cell: tuple[object, ...]
    a1: ActorRef | None
    s1: str | None
    a2: ActorRef | None
    s2: str | None
    mode: str | None
    trigger: str
    day: int  # ``sort_key``'s day: the date's ordinal, 0 when undated

    @classmethod
    def of(cls, m: EventMention) -> _Item:
        lo, hi = date_interval(m) if m.date is not None else (None, None)
        e = m.event
        return cls(m, lo, hi, fusion_place(m), _cell(m), e.actor1, m.actor1_side, e.actor2,
                   m.actor2_side, e.plover_mode, e.trigger.text.casefold(), sort_key(m)[0])


def _dates_fit(a: _Item, b: _Item) -> bool:
    if a.lo is None or b.lo is None:
        return a.lo is None and b.lo is None
    assert a.hi is not None and b.hi is not None
    return a.lo <= b.hi + DAY_SLACK and b.lo <= a.hi + DAY_SLACK


def _unknown(ref: ActorRef | None, side: str | None) -> bool:
    """No actor, or a provisional one ("his fighters") whose side nobody knows."""
    return ref is None or (side is None and ref.id.startswith("provisional"))


def _actor_match(r1: ActorRef | None, s1: str | None, r2: ActorRef | None, s2: str | None) -> bool:
    if _unknown(r1, s1) or _unknown(r2, s2):
        return True
    assert r1 is not None and r2 is not None
    return r1.id == r2.id or (s1 is not None and s1 == s2)


def _actors_fit(a: _Item, b: _Item, symmetric: bool) -> bool:
    if _actor_match(a.a1, a.s1, b.a1, b.s1) and _actor_match(a.a2, a.s2, b.a2, b.s2):
        return True
    return symmetric and _actor_match(a.a1, a.s1, b.a2, b.s2) and _actor_match(
        a.a2, a.s2, b.a1, b.s1
    )


def fusion_place(m: EventMention) -> Place | None:
    """Where a mention says the event happened: its place, "the city" it refers to, or
    nothing when the place is only the article's dateline (a fallback, not a report)."""
    p = m.anaphor_place or m.event.place
    return None if p is None or p.role == "dateline" else p


def _places_fit(a: _Item, b: _Item) -> bool:
    if a.place is None and b.place is None:  # unlocated: one article, or one named actor
        return a.m.article_id == b.m.article_id or (
            a.a1 is not None and b.a1 is not None and a.a1.id == b.a1.id
            and not _unknown(a.a1, a.s1)
        )
    return places_compatible(a.place, b.place)


def _fit(a: _Item, b: _Item, symmetric: bool, by_mode: bool) -> bool:
    return (
        _dates_fit(a, b)
        and (not by_mode or a.mode is None or b.mode is None or a.mode == b.mode)
        and _places_fit(a, b)
        and _actors_fit(a, b, symmetric)
    )


def compatible(
    a: EventMention, b: EventMention, symmetric: bool = False, by_mode: bool = False
) -> bool:
    """Whether two mentions may report one incident (date, mode, place and actors agree)."""
    return _fit(_Item.of(a), _Item.of(b), symmetric, by_mode)


def _pool(m: EventMention) -> str:
    """Factual and denied mentions fuse together (a denial contradicts a claim); the
    hypothetical, future and negated never join them."""
    return "factual" if m.factual or m.event.modality == "denied" else m.event.modality


def _cell(m: EventMention) -> tuple[object, ...]:
    p = fusion_place(m)
    if p is not None and p.lat is not None and p.lon is not None:
        return (math.floor(p.lat / CELL_DEGREES), math.floor(p.lon / CELL_DEGREES))
    return ("name", normalise_text(p.name) if p else "")


def _neighbours(cell: tuple[object, ...]) -> list[tuple[object, ...]]:
    if cell and cell[0] == "name":
        return [cell]
    r, c = cell
    assert isinstance(r, int) and isinstance(c, int)
    return [(r + i, c + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]


def bucket_key(m: EventMention) -> str:
    """The pool and family of a mention: mentions of different buckets never fuse."""
    return f"{_pool(m)}|{families().family(m.event.plover_type, m.event.plover_mode)}"


def _cell_text(cell: tuple[object, ...]) -> str:
    return ":".join(map(str, cell))


def cell_key(m: EventMention) -> str:
    """The search cell of a mention's place, as text (``"21:24"``, ``"name:aleppo"``)."""
    return _cell_text(_cell(m))


def neighbour_cell_keys(m: EventMention) -> list[str]:
    """The cells clustering searches for a mention's partners (``cell_key`` form)."""
    return [_cell_text(c) for c in _neighbours(_cell(m))]


def date_span(m: EventMention) -> tuple[int, int]:
    """``date_interval``, or ``(0, 0)`` for an undated mention (which fits only the undated):
    two mentions' dates fit when their spans overlap give or take ``DAY_SLACK``."""
    return date_interval(m) if m.date is not None else (0, 0)


def window_days(m: EventMention) -> int:
    """How many days a mention's date can stretch (two fitting mentions lie at most
    ``window_days(a) + window_days(b) + DAY_SLACK`` days apart)."""
    return _window(m)


def linked(a: EventMention, b: EventMention) -> bool:
    """Whether clustering can ever put ``a`` and ``b`` in one incident directly: one bucket,
    neighbouring cells, and they fit. Clusters only grow along such links, so the mentions
    linked to a new one, transitively, are all a new mention can change."""
    if bucket_key(a) != bucket_key(b) or cell_key(b) not in neighbour_cell_keys(a):
        return False
    return Linker().fit(a, b)


class Linker:
    """``linked`` for many pairs already known to share a bucket and neighbouring cells:
    each mention's clustering view is computed once."""

    def __init__(self) -> None:
        self._items: dict[str, _Item] = {}
        self._families = families()

    def _item(self, m: EventMention) -> _Item:
        item = self._items.get(m.id)
        if item is None:
            item = self._items[m.id] = _Item.of(m)
        return item

    def rank(self, x: EventMention, cluster: Sequence[EventMention]) -> tuple[int, int] | None:
        """How ``cluster_mentions`` ranks ``cluster`` for ``x`` (lower is better), or None
        when ``x`` does not fit every member."""
        if not all(self.fit(x, o) for o in cluster):
            return None
        item, others = self._item(x), [self._item(o) for o in cluster]
        return -_affinity(item, others), _gap(item.day, others)

    def mode_sensitive(self, m: EventMention) -> bool:
        """Whether ``m``'s family fuses only mentions of one mode (or none)."""
        return self._families.family(m.event.plover_type, m.event.plover_mode) in (
            self._families.mode_sensitive
        )

    def fit(self, a: EventMention, b: EventMention) -> bool:
        x, y = self._item(a), self._item(b)
        if not _dates_fit(x, y):
            return False
        family = self._families.family(a.event.plover_type, a.event.plover_mode)
        return _fit(x, y, family in self._families.symmetric,
                    family in self._families.mode_sensitive)


def processing_key(m: EventMention) -> tuple[bool, int, str]:
    """The order ``cluster_mentions`` takes a bucket's mentions in: those with a known actor
    first, then by date and id."""
    return (_unknown(m.event.actor1, m.actor1_side), *sort_key(m))


def sort_key(m: EventMention) -> tuple[int, str]:
    return (m.date.toordinal() if m.date else 0, m.id)


def _affinity(x: _Item, cluster: list[_Item]) -> int:
    """How much a cluster looks like ``x``'s: members from its article, same trigger words."""
    return sum(
        (o.m.article_id == x.m.article_id) + (o.trigger == x.trigger) for o in cluster
    )


def _gap(day: int, cluster: list[_Item]) -> int:
    """Days between ``day`` and the cluster's nearest member."""
    return min(abs(day - o.day) for o in cluster)


def cluster_mentions(mentions: Iterable[EventMention]) -> list[list[EventMention]]:
    """Groups of mentions of one incident, in canonical order.

    A mention joins the candidate cluster it fits entirely (complete link) that looks most
    like its own (``_affinity``), then the one with the nearest member in days, then the
    oldest (created first). The choice depends only on the clusters it fits, never on how
    far the search looked, so replaying only the choices new mentions can change
    (``recluster.py``) gives what clustering everything gives.
    """
    fams = families()
    buckets: dict[tuple[str, str], list[EventMention]] = {}
    for m in mentions:
        key = (_pool(m), fams.family(m.event.plover_type, m.event.plover_mode))
        buckets.setdefault(key, []).append(m)
    groups: list[list[EventMention]] = []
    for (_pool_name, family), members in sorted(buckets.items()):
        # mentions whose actor is known first, so the unknown ones join the best fit
        members.sort(key=processing_key)
        items = [_Item.of(m) for m in members]
        symmetric = family in fams.symmetric
        by_mode = family in fams.mode_sensitive
        reach = 2 * max((_window(m) for m in members), default=0) + DAY_SLACK
        # per cell: (day, cluster index) of every member, for range lookups
        cells: dict[tuple[object, ...], list[tuple[int, int]]] = {}
        clusters: list[list[_Item]] = []
        for x in items:
            day = x.day
            best: tuple[int, int, int] | None = None
            seen: set[int] = set()
            for cell in _neighbours(x.cell):
                entries = cells.get(cell)
                if not entries:
                    continue
                lo = bisect.bisect_left(entries, (day - reach, -1))
                hi = bisect.bisect_right(entries, (day + reach, len(clusters)))
                for _day, ci in entries[lo:hi]:
                    if ci in seen:
                        continue
                    seen.add(ci)
                    if all(_fit(x, other, symmetric, by_mode) for other in clusters[ci]):
                        cand = (-_affinity(x, clusters[ci]), _gap(day, clusters[ci]), ci)
                        if best is None or cand < best:
                            best = cand
            if best is None:
                clusters.append([x])
                ci = len(clusters) - 1
            else:
                ci = best[2]
                clusters[ci].append(x)
            bisect.insort(cells.setdefault(x.cell, []), (day, ci))
        groups.extend([x.m for x in c] for c in clusters)
    return groups
