"""Where a control or incident evidence id points: its article and sentence.

Control evidence is a list of ids of three forms: an event id (``ev-...``), a claim id
(``c-...`` / ``cl-...``), or, for a control statement in a sentence with neither, the
sentence id ``<article id>#s<sentence index>``. ``locate`` turns any of them into
``(article id, sentence index)`` so the API and reports can show the source sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select

from ..store import Store
from ..store import schema as t

SENTENCE_ID = re.compile(r"^(?P<article>[^#\s]+)#s(?P<i>\d+)$")


def locate(store: Store, ids: Iterable[str]) -> dict[str, tuple[str, int]]:
    """Evidence id -> ``(article id, sentence index)`` for every id the store knows;
    unknown ids are left out."""
    wanted = sorted(set(ids))
    out: dict[str, tuple[str, int]] = {}
    rows: list[str] = []
    for eid in wanted:
        m = SENTENCE_ID.match(eid)
        if m:
            if store.has_article(m.group("article")):
                out[eid] = (m.group("article"), int(m.group("i")))
        else:
            rows.append(eid)
    if rows:
        with store.engine.connect() as conn:
            for table in (t.events, t.claims):
                query = select(table.c.id, table.c.article_id, table.c.sentence).where(
                    table.c.id.in_(rows))
                for r in conn.execute(query):
                    out[r.id] = (r.article_id, r.sentence)
    return out
