"""The method note's figures: what was read to write the report.

The query layer has no "articles behind these incidents" function, so this module reads it
from the same tables: the events fused into the report's incidents, and their articles.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, select

from ..store import Store
from ..store import schema as t
from .model import Method, Scope


def _incident_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    c = t.incidents.c
    cond: list[ColumnElement[bool]] = [c.date >= scope.since, c.date <= scope.until]
    if scope.bbox:
        w, s, e, n = scope.bbox
        cond += [c.lat.between(s, n), c.lon.between(w, e)]
    return cond


def method_note(store: Store, scope: Scope, score_note: str) -> Method:
    """Articles, outlets and events behind the report's incidents, and the store's size."""
    e, a = t.events.c, t.articles.c
    joined = t.events.join(t.incidents, e.incident_id == t.incidents.c.id)
    where = and_(*_incident_conditions(scope))
    with store.engine.connect() as conn:
        articles = conn.execute(
            select(func.count(func.distinct(e.article_id))).select_from(joined).where(where)
        ).scalar_one()
        events = conn.execute(select(func.count()).select_from(joined).where(where)).scalar_one()
        outlets = conn.execute(
            select(e.outlet).select_from(joined).where(where, e.outlet.is_not(None))
            .distinct().order_by(e.outlet)
        ).scalars().all()
        published = conn.execute(
            select(func.count()).select_from(t.articles)
            .where(a.published >= scope.since, a.published <= scope.until)
        ).scalar_one()
        stored = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
    return Method(
        articles=int(articles),
        outlets=tuple(str(o) for o in outlets),
        articles_published=int(published),
        events=int(events),
        store_articles=int(stored),
        score_note=score_note,
    )
