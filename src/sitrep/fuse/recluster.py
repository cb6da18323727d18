"""Re-clustering after new mentions: replay only the clustering decisions they can change.

``cluster_mentions`` takes a bucket's mentions in one order (``processing_key``) and puts each
in the best cluster it fits entirely, found through the mentions it is *linked* to (same
bucket, neighbouring cells, and they fit: ``Linker``); clusters are named here by their
first member. A mention's choice depends only on the clusters of its linked predecessors,
as they stand when its turn comes. So, replaying the order with the new mentions in it, a
stored mention can choose differently only if one of those clusters has changed: it is
*dirty* when it belongs to, or is linked to a member of, a cluster that gained or lost a
member before its turn. Everything else keeps its stored incident. Replaying the new and
dirty mentions in order, and marking what their moves make dirty, gives exactly what a full
recompute gives, while reading only the neighbourhood of the new mentions.
"""

from __future__ import annotations

import bisect
import heapq
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from ..errors import StoreError
from ..store import schema as t
from . import index
from .clustering import (
    DAY_SLACK,
    Linker,
    bucket_key,
    date_span,
    neighbour_cell_keys,
    processing_key,
    sort_key,
    window_days,
)
from .codec import mention_from_dict
from .incidents import Incident, build_incident
from .mentions import EventMention

Key = tuple[bool, int, str]
Row = tuple[int, str, int, int, str | None]  # day, id, date span (lo, hi), mode


class Neighbourhood:
    """Indexed mentions near the ones being replayed, fetched once per (bucket, cell, day)
    or by id, and decoded once."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.widest: dict[str, int] = {}
        self.fetched: dict[tuple[str, str], set[int]] = {}
        self.by_cell: dict[tuple[str, str], list[Row]] = {}
        self.raw: dict[str, str] = {}
        self.decoded: dict[str, EventMention] = {}
        self.linker = Linker()
        self.links: dict[str, list[str]] = {}

    def add(self, m: EventMention) -> None:
        self.decoded[m.id] = m

    def mention(self, mid: str) -> EventMention:
        m = self.decoded.get(mid)
        if m is None:
            if mid not in self.raw:
                self.fetch_ids([mid])
            m = self.decoded[mid] = mention_from_dict(json.loads(self.raw[mid]))
        return m

    def fetch_ids(self, ids: Iterable[str]) -> None:
        fm = index.fuse_mentions
        wanted = sorted({i for i in ids if i not in self.raw and i not in self.decoded})
        for chunk in index.chunks(wanted):
            for mid, data in self.conn.execute(
                select(fm.c.id, fm.c.data_json).where(fm.c.id.in_(chunk))
            ):
                self.raw[mid] = data
        missing = [i for i in wanted if i not in self.raw]
        if missing:
            raise StoreError(f"the fusion index lacks mention {missing[0]}; run: sitrep fuse run")

    def linked(self, m: EventMention) -> list[str]:
        """Ids of every indexed mention linked to ``m``."""
        out = self.links.get(m.id)
        if out is not None:
            return out
        out = self.links[m.id] = []
        lo, hi = date_span(m)
        mode = m.event.plover_mode if self.linker.mode_sensitive(m) else None
        for entries in self._near(m):
            for _day, mid, first, last, other in entries:
                # dates and mode first, from the index row: most neighbours fail there
                if (first <= hi + DAY_SLACK and lo <= last + DAY_SLACK and mid != m.id
                        and (mode is None or other is None or other == mode)
                        and self.linker.fit(m, self.mention(mid))):
                    out.append(mid)
        return out

    def _span(self, m: EventMention, bucket: str) -> int:
        """How many days from ``m`` a mention it fits can lie."""
        if bucket not in self.widest:
            fm = index.fuse_mentions
            self.widest[bucket] = int(self.conn.execute(
                select(func.max(fm.c.window_days)).where(fm.c.bucket == bucket)
            ).scalar_one() or 0)
        return window_days(m) + self.widest[bucket] + DAY_SLACK

    def _near(self, m: EventMention) -> Iterator[list[Row]]:
        """Index rows of the mentions in ``m``'s bucket, neighbouring cells and day span,
        one list per cell."""
        bucket, day = bucket_key(m), sort_key(m)[0]
        span = self._span(m, bucket)
        lo, hi = day - span, day + span
        cells = neighbour_cell_keys(m)
        self._fetch(bucket, cells, lo, hi)
        for cell in cells:
            entries = self.by_cell.get((bucket, cell))
            if entries:
                a = bisect.bisect_left(entries, (lo,))
                b = bisect.bisect_right(entries, (hi + 1,))
                yield entries[a:b]

    def _fetch(self, bucket: str, cells: list[str], lo: int, hi: int) -> None:
        days = set(range(lo, hi + 1))
        missing = [c for c in cells if not self.fetched.setdefault((bucket, c), set()) >= days]
        if not missing:
            return
        fm = index.fuse_mentions
        rows = self.conn.execute(
            select(fm.c.id, fm.c.cell, fm.c.day, fm.c.lo, fm.c.hi, fm.c.mode, fm.c.data_json)
            .where(
                fm.c.bucket == bucket, fm.c.cell.in_(missing), fm.c.day.between(lo, hi)
            )
        ).all()
        for mid, cell, day, first, last, mode, data in rows:
            entries = self.by_cell.setdefault((bucket, cell), [])
            if mid not in self.raw:
                self.raw[mid] = data
            row = (day, mid, first, last, mode)
            at = bisect.bisect_left(entries, row)
            if at == len(entries) or entries[at] != row:
                entries.insert(at, row)
        for c in missing:
            self.fetched[(bucket, c)].update(days)


@dataclass(frozen=True, slots=True)
class Reclustering:
    incidents: tuple[Incident, ...]  # the incidents whose members changed, rebuilt
    replaced: tuple[str, ...]  # the stored incident ids they replace
    replayed: int  # mentions whose choice was replayed


class _Replay:
    def __init__(self, conn: Connection, new: Sequence[EventMention]):
        self.conn = conn
        self.hood = Neighbourhood(conn)
        self.cluster_of: dict[str, str] = {}  # mention id -> its cluster's first member
        self.stored_cluster: dict[str, str | None] = {}  # the same, before the new mentions
        self.members: dict[str, set[str]] = {}
        self.incident_of: dict[str, str] = {}  # stored cluster -> its incident id
        self.changed: set[str] = set()
        self.queue: list[tuple[Key, str]] = []
        self.queued: set[str] = set()
        self.keys: dict[str, Key] = {}
        for m in new:
            self.hood.add(m)
            self.stored_cluster[m.id] = None
            self._push(m.id)

    def key(self, mid: str) -> Key:
        k = self.keys.get(mid)
        if k is None:
            k = self.keys[mid] = processing_key(self.hood.mention(mid))
        return k

    def _push(self, mid: str) -> None:
        if mid not in self.queued:
            self.queued.add(mid)
            heapq.heappush(self.queue, (self.key(mid), mid))

    def _load(self, mids: Iterable[str]) -> None:
        """Read the stored clusters of ``mids`` (and their members) not read yet."""
        todo = sorted({m for m in mids if m not in self.stored_cluster})
        if not todo:
            return
        ev = t.events
        found: dict[str, str | None] = {}
        for chunk in index.chunks(todo):
            found.update((eid, incident) for eid, incident in self.conn.execute(
                select(ev.c.id, ev.c.incident_id).where(ev.c.id.in_(chunk))))
        lost = [m for m in todo if found.get(m) is None]
        if lost:
            raise StoreError(f"event {lost[0]} has no incident; run: sitrep fuse run")
        members: dict[str, list[str]] = {}
        for chunk in index.chunks(sorted({i for i in found.values() if i is not None})):
            for eid, incident in self.conn.execute(
                select(ev.c.id, ev.c.incident_id).where(ev.c.incident_id.in_(chunk))
            ):
                members.setdefault(incident, []).append(eid)
        self.hood.fetch_ids(i for ids in members.values() for i in ids)
        for incident, ids in members.items():
            first = min(ids, key=self.key)
            self.members[first] = set(ids)
            self.incident_of[first] = incident
            for i in ids:
                self.stored_cluster[i] = self.cluster_of[i] = first

    def run(self) -> Reclustering:
        replayed = 0
        while self.queue:
            key, mid = heapq.heappop(self.queue)
            self._load([mid])
            replayed += 1
            self._replay(key, self.hood.mention(mid))
        clusters = [self.members[c] for c in sorted(self.changed) if self.members.get(c)]
        incidents = tuple(build_incident([self.hood.mention(i) for i in c]) for c in clusters)
        replaced = tuple(sorted(self.incident_of[c] for c in self.changed
                                if c in self.incident_of))
        return Reclustering(incidents, replaced, replayed)

    def _replay(self, key: Key, y: EventMention) -> None:
        """Choose ``y``'s cluster as ``cluster_mentions`` would at its turn."""
        candidates: set[str] = set()
        links = self.hood.linked(y)
        self._load(links)
        for w in links:
            if self.key(w) < key:
                candidates.add(self.cluster_of[w])
        best: tuple[int, int, Key, str] | None = None
        for c in candidates:
            before = [self.hood.mention(i) for i in self.members[c] if self.key(i) < key]
            if not before:  # its first member has left it, and the rest come later
                continue
            rank = self.hood.linker.rank(y, before)
            if rank is not None:
                cand = (*rank, self.key(c), c)  # ties: the older cluster (created first)
                if best is None or cand < best:
                    best = cand
        chosen = y.id if best is None else best[3]
        was = self.cluster_of.get(y.id)
        if chosen == was:
            return
        if was is not None:
            self.members[was].discard(y.id)
            self._mark(was, key)
        self.members.setdefault(chosen, set()).add(y.id)
        self.cluster_of[y.id] = chosen
        self._mark(chosen, key)

    def _mark(self, cluster: str, key: Key) -> None:
        """``cluster`` changed at ``key``: what comes later and touches it is dirty."""
        self.changed.add(cluster)
        later: set[str] = set()
        for m in self.members[cluster]:
            if self.key(m) > key:
                later.add(m)
            later.update(w for w in self.hood.linked(self.hood.mention(m)) if self.key(w) > key)
        self._load(later)
        for m in later:
            self._push(m)


def recluster(conn: Connection, new: Sequence[EventMention]) -> Reclustering:
    """The incidents that change when ``new`` mentions (already in the fusion index) join the
    stored ones, as a full recompute would build them."""
    return _Replay(conn, new).run()
