"""Tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

``SCHEMA_VERSION`` is stored in ``meta``; ``sitrep.store.migrations`` upgrades older files.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 2

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", String(200)),
    Column("published", Date),
    Column("language", String(16)),
    Column("source_format", String(16)),
    Column("credits", Text),
    Column("text", Text, nullable=False),
    Column("doc_json", Text, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_claims", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_published", articles.c.published)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("plover_type", String(32), nullable=False),
    Column("plover_mode", String(64)),
    Column("acled_event_type", String(64)),
    Column("acled_sub_event_type", String(64)),
    Column("actor1_id", String(120)),
    Column("actor1_name", Text),
    Column("actor2_id", String(120)),
    Column("actor2_name", Text),
    Column("place_id", String(120)),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("geo_precision", Integer),
    Column("date", Date),
    Column("date_precision", String(8)),
    Column("modality", String(16), nullable=False),
    Column("fatalities", Integer),
    Column("confidence", Float, nullable=False),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("sources_json", Text, nullable=False),
    Column("outlet", String(200)),
    Column("published", Date),
    Column("incident_id", String(40)),
)
Index("ix_events_date", events.c.date)
Index("ix_events_article", events.c.article_id)
Index("ix_events_type_date", events.c.plover_type, events.c.date)
Index("ix_events_latlon", events.c.lat, events.c.lon)
Index("ix_events_actor1", events.c.actor1_id)
Index("ix_events_place", events.c.place_id)
Index("ix_events_incident", events.c.incident_id)
# v2: the dashboard's filtered map query (type, date range, bbox, min sources) from the index
ix_events_filter_cover = Index(
    "ix_events_filter_cover",
    events.c.plover_type,
    events.c.date,
    events.c.lat,
    events.c.lon,
    events.c.n_sources,
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id"), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("speaker_id", String(120)),
    Column("speaker_name", Text),
    Column("cue", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Boolean, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("events_json", Text, nullable=False),
)
Index("ix_claims_article", claims.c.article_id)
Index("ix_claims_speaker", claims.c.speaker_id)

actors = Table(
    "actors",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40)),
    Column("country", String(3)),
    Column("side", String(40)),
    Column("provisional", Boolean, nullable=False, default=False),
)

article_actors = Table(
    "article_actors",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("actor_id", String(120), primary_key=True),
    Column("mentions", Integer, nullable=False),
)
Index("ix_article_actors_actor", article_actors.c.actor_id)

places = Table(
    "places",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("feature", String(16)),
    Column("geonames_id", Integer),
)

article_places = Table(
    "article_places",
    metadata,
    Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
    Column("place_id", String(120), primary_key=True),
    Column("mentions", Integer, nullable=False),
)
Index("ix_article_places_place", article_places.c.place_id)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("plover_type", String(32), nullable=False),
    Column("plover_mode", String(64)),
    Column("acled_event_type", String(64)),
    Column("acled_sub_event_type", String(64)),
    Column("actor1_id", String(120)),
    Column("actor1_name", Text),
    Column("actor2_id", String(120)),
    Column("actor2_name", Text),
    Column("place_id", String(120)),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("geo_precision", Integer),
    Column("date", Date),
    Column("date_min", Date),
    Column("date_max", Date),
    Column("time_precision", Integer),
    Column("modality", String(16), nullable=False),
    Column("fatalities", Integer),
    Column("fatalities_max", Integer),
    Column("n_mentions", Integer, nullable=False),
    Column("sources_count", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("cross_alignment", Boolean, nullable=False),
    Column("contradicted", Boolean, nullable=False),
    Column("corroboration", Float, nullable=False),
    Column("data_json", Text, nullable=False),
)
Index("ix_incidents_date", incidents.c.date)
Index("ix_incidents_latlon", incidents.c.lat, incidents.c.lon)
Index("ix_incidents_type_date", incidents.c.plover_type, incidents.c.date)

control = Table(
    "control",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("place_id", String(120), nullable=False),
    Column("since", Date),
    Column("place_name", Text, nullable=False),
    Column("place_json", Text, nullable=False),
    Column("controller_id", String(120)),
    Column("controller_name", Text),
    Column("side", String(40)),
    Column("status", String(16), nullable=False),
    Column("evidence_json", Text, nullable=False),
)
Index("ix_control_place_since", control.c.place_id, control.c.since)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("record", Integer),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
