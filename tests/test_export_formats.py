"""Exports round-trip: what we write, pandas, pyarrow and json read back."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from sitrep.errors import InputError
from sitrep.export import (
    export_control_geojson,
    export_events,
    export_incidents,
    export_incidents_geojson,
)
from sitrep.export.acled import ACLED_COLUMNS, COLUMNS
from sitrep.fuse.persist import fuse_store
from sitrep.fuse.synthetic import DocumentBuilder, withdrawal_example
from sitrep.models import Document
from sitrep.store import Store, open_store


def _strike(outlet: str, credits: tuple[str, ...]) -> Document:
    text = "Russian jets bombed a market in Idlib on Monday, killing at least 11 civilians."
    b = DocumentBuilder(text, published=dt.date(2024, 12, 3), outlet=outlet, credits=credits,
                        url=f"https://{outlet}.example/idlib")
    russia = b.actor("RUS.military", "Military Forces of Russia", kind="foreign state forces",
                     mention="Russian jets")
    civilians = b.actor("civilians", "Civilians (Syria)", kind="civilians", mention="civilians")
    b.event("bombed", "ASSAULT", mode="aerial", actor1=russia, actor2=civilians,
            place=b.place("Idlib"), date=dt.date(2024, 12, 2), fatalities=11,
            acled=("Explosions/Remote violence", "Air/drone strike"))
    return b.build()


@pytest.fixture
def store(tmp_path) -> Store:
    s = open_store("sqlite:///" + str(tmp_path / "export.db"))
    s.add_documents([withdrawal_example(), _strike("alpha", ("AFP",)), _strike("beta", ("AFP",))])
    fuse_store(s)
    yield s
    s.close()


def test_export_acled_csv_round_trips_through_pandas(store: Store):
    out = io.StringIO()
    n = export_events(store, "csv", None, None, out)
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert len(frame) == n > 0
    assert tuple(frame.columns) == COLUMNS
    assert tuple(frame.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    strikes = frame[frame["sub_event_type"] == "Air/drone strike"]
    assert len(strikes) == 2
    row = strikes.iloc[0]
    assert row["event_id_cnty"].startswith("SYR") and row["event_id_cnty"][3:].isdigit()
    assert (row["country"], row["iso"], row["region"]) == ("Syria", 760, "Middle East")
    assert (row["location"], row["admin1"], row["geo_precision"]) == ("Idlib", "Idlib", 1)
    assert row["time_precision"] == 1 and row["fatalities"] == 11
    assert (row["inter1"], row["inter2"], row["interaction"]) == (8, 7, 78)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["disorder_type"] == "Political violence"
    assert row["notes"].startswith("On 2 December 2024, Russian jets bombed a market")
    assert (row["sources_count"], row["independent_sources"]) == (2, 1)
    assert row["source"] == "alpha; beta"
    assert set(frame["modality"]) >= {"asserted", "reported", "hypothetical"}


def test_export_parquet_round_trips_through_pyarrow(store: Store, tmp_path):
    path = tmp_path / "events.parquet"
    with path.open("wb") as fh:
        n = export_events(store, "parquet", dt.date(2024, 12, 2), dt.date(2024, 12, 2), fh)
    table = pq.read_table(path)
    assert table.num_rows == n == 2
    assert table.column_names == list(COLUMNS)
    assert table.column("fatalities").to_pylist() == [11, 11]
    assert str(table.schema.field("latitude").type) == "double"


def test_export_json_is_contract_events_with_article_ids(store: Store):
    out = io.StringIO()
    export_events(store, "json", dt.date(2024, 12, 8), None, out)
    items = json.loads(out.getvalue())
    assert items and all(
        {"id", "trigger", "plover", "place", "date", "modality", "article_id"} <= set(e)
        for e in items
    )
    assert all(e["date"]["value"] >= "2024-12-08" for e in items)
    assert all(e["incident_id"] for e in items)


def test_export_plover_and_geojson(store: Store):
    out = io.StringIO()
    export_events(store, "plover", None, None, out)
    plover = json.loads(out.getvalue())
    seizure = next(p for p in plover if p["trigger"] == "seizure")
    assert (seizure["event_type"], seizure["mode"]) == ("COERCE", "seize")
    assert seizure["location"]["country_iso3"] == "SYR"
    out = io.StringIO()
    export_events(store, "geojson", None, None, out)
    geo = json.loads(out.getvalue())
    assert geo["type"] == "FeatureCollection"
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 42 and 32 < lat < 38


def test_export_incident_and_control_geojson(store: Store):
    out = io.StringIO()
    export_incidents_geojson(store, None, None, out)
    incidents = json.loads(out.getvalue())["features"]
    strike = next(f for f in incidents if f["properties"]["fatalities"] == 11)
    assert len(strike["properties"]["mentions"]) == 2
    out = io.StringIO()
    export_control_geojson(store, dt.date(2024, 12, 8), out)
    control = {f["properties"]["place_name"]: f for f in json.loads(out.getvalue())["features"]}
    assert control["Damascus"]["properties"]["controller"]["side"] == "government"
    assert control["Homs"]["properties"]["status"] == "contested"


def test_export_rejects_unknown_format_and_text_stream_for_parquet(store: Store):
    with pytest.raises(InputError, match="use one of"):
        export_events(store, "xlsx", None, None, io.StringIO())
    with pytest.raises(InputError, match="binary"):
        export_events(store, "parquet", None, None, io.StringIO())


def test_export_incidents_one_row_per_fused_event(store: Store):
    out = io.StringIO()
    n_events = export_events(store, "csv", None, None, io.StringIO())
    n = export_incidents(store, "csv", None, None, out)
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert len(frame) == n < n_events
    [strike] = frame[frame["sub_event_type"] == "Air/drone strike"].itertuples()
    assert strike.event_id.startswith("inc-") and strike.incident_id == strike.event_id
    assert (strike.sources_count, strike.independent_sources, strike.fatalities) == (2, 1, 11)
    assert strike.source == "alpha; beta"
    items = io.StringIO()
    export_incidents(store, "json", dt.date(2024, 12, 2), dt.date(2024, 12, 2), items)
    [incident] = json.loads(items.getvalue())
    assert incident["mentions"] and incident["outlets"] == ["alpha", "beta"]
