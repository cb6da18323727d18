"""The situation report built from a hand-made store: counts equal the query layer's,
control changes in order, ranking, claims to watch, regions, the empty period."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest

from sitrep import query
from sitrep.errors import InputError
from sitrep.fuse.persist import fuse_store
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.models import Document
from sitrep.report import Scope, build_report, incident_filter, resolve_region
from sitrep.report.build import all_incidents
from sitrep.report.scoring import fatality_part
from sitrep.store import Store, open_store

D = dt.date
PERIOD = Scope(D(2024, 11, 27), D(2024, 12, 10))
ALEPPO_BOX = (36.9, 36.0, 37.4, 36.4)


def _aleppo_falls(outlet: str, published: dt.date, text: str, sources: bool = True) -> Document:
    b = DocumentBuilder(text, published=published, outlet=outlet)
    rebels = b.actor("HTS", "Hayat Tahrir al-Sham", side="opposition", mention="Rebels")
    army = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                   mention="Government troops")
    said = [b.actor("sohr", "Syrian Observatory for Human Rights", kind="monitor",
                    mention="the Observatory")] if sources else []
    aleppo = b.place("Aleppo")
    b.event("withdrew", "RETREAT", mode="withdraw", actor1=army, place=aleppo,
            date=D(2024, 11, 30), sources=said)
    b.event("seized", "COERCE", mode="seize", actor1=rebels,
            place=aleppo, date=D(2024, 11, 30), sources=said,
            acled=("Strategic developments", "Non-state actor overtakes territory"))
    return b.build()


def _strike() -> Document:
    text = ("An air strike killed 12 people in the town of Sarmada on Tuesday, the Observatory "
            "said. The army denied any strike on Sarmada.")
    b = DocumentBuilder(text, published=D(2024, 12, 4), outlet="Idlib Today")
    obs = b.actor("sohr", "Syrian Observatory for Human Rights", kind="monitor",
                  mention="the Observatory")
    army = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                   mention="The army")
    sarmada = b.place("Sarmada", lat=36.1865, lon=36.7211, geonames_id=167357)
    strike = b.event("air strike", "ASSAULT", mode="aerial", place=sarmada,
                     date=D(2024, 12, 3), sources=[obs], fatalities=12,
                     acled=("Explosions/Remote violence", "Air/drone strike"))
    denied = b.event("strike", "ASSAULT", mode="aerial", actor1=army,
                     place=b.place("Sarmada", lat=36.1865, lon=36.7211, geonames_id=167357,
                                   after=b.find("denied")), date=D(2024, 12, 3),
                     modality="denied", sources=[army], after=b.find("denied"))
    b.claim("denied", army, [denied], stance="denies")
    assert strike.fatalities == 12
    return b.build()


def _strike_toll() -> Document:
    text = "Rescuers said 15 people died in an air strike on Sarmada."
    b = DocumentBuilder(text, published=D(2024, 12, 4), outlet="Aleppo Voice")
    rescuers = b.actor("white-helmets", "Syria Civil Defence", kind="rescue service",
                       mention="Rescuers")
    b.event("air strike", "ASSAULT", mode="aerial",
            place=b.place("Sarmada", lat=36.1865, lon=36.7211, geonames_id=167357),
            date=D(2024, 12, 3), sources=[rescuers], fatalities=15)
    return b.build()


def _hama() -> Document:
    text = "Rebels captured Hama on Thursday after government troops withdrew, a commander said."
    b = DocumentBuilder(text, published=D(2024, 12, 6), outlet="Orontes Post")
    rebels = b.actor("HTS", "Hayat Tahrir al-Sham", side="opposition", mention="Rebels")
    army = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                   mention="government troops")
    b.event("withdrew", "RETREAT", mode="withdraw", actor1=army, place=b.place("Hama"),
            date=D(2024, 12, 5))
    b.event("captured", "COERCE", mode="seize", actor1=rebels,
            place=b.place("Hama", after=b.find("captured")), date=D(2024, 12, 5))
    return b.build()


def _before_period() -> Document:
    text = "Government troops shelled Sarmada, residents said."
    b = DocumentBuilder(text, published=D(2024, 11, 20), outlet="Idlib Today")
    army = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                   mention="Government troops")
    b.event("shelled", "ASSAULT", mode="heavy-weapons", actor1=army,
            place=b.place("Sarmada", lat=36.1865, lon=36.7211, geonames_id=167357),
            date=D(2024, 11, 20))
    return b.build()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('report') / 'report.db'}")
    s.add_documents([
        _aleppo_falls("Levant Wire", D(2024, 11, 30),
                      "Government troops withdrew from Aleppo and Rebels seized the city on "
                      "Saturday, the Observatory said."),
        _aleppo_falls("Damascus Today", D(2024, 12, 1),
                      "Government troops withdrew from Aleppo overnight. Rebels seized its "
                      "citadel on Saturday, according to the Observatory.", sources=False),
        _strike(), _strike_toll(), _hama(), _before_period(),
    ])
    fuse_store(s)
    yield s
    s.close()


def test_report_counts_equal_the_query_layer(store: Store):
    report = build_report(store, PERIOD)
    items = all_incidents(store, incident_filter(PERIOD))
    api = query.list_incidents(store, query.EventFilter(since=PERIOD.since, until=PERIOD.until,
                                                        limit=query.MAX_LIMIT))
    assert report.totals.incidents == len(api.items) == len(items) > 0
    assert dict(report.totals.by_type) == Counter(i["plover"]["type"] for i in api.items)
    timeline = query.timeline(store, query.EventFilter(since=PERIOD.since, until=PERIOD.until))
    assert [(d.isoformat(), k, n) for d, k, n in report.totals.per_day] == [
        (r["date"], r["type"], r["n"]) for r in timeline]
    factual = [i for i in api.items if i["modality"] in ("asserted", "reported", "alleged")]
    assert report.totals.fatalities == sum(i["fatalities"] or 0 for i in factual) == 12
    assert {k.id for k in report.key_incidents} <= {i["id"] for i in api.items}
    before = query.list_incidents(store, query.EventFilter(
        since=D(2024, 11, 13), until=D(2024, 11, 26), limit=100))
    assert report.totals.previous_incidents == len(before.items) == 1


def test_report_control_changes_in_date_order_with_evidence(store: Store):
    report = build_report(store, PERIOD)
    taken = [(c.place, c.date, c.after.side) for c in report.changes if c.status == "held"]
    assert ("Aleppo", D(2024, 11, 30), "opposition") in taken
    assert ("Hama", D(2024, 12, 5), "opposition") in taken
    assert [c.date for c in report.changes] == sorted(c.date for c in report.changes)
    aleppo = next(c for c in report.changes if c.place == "Aleppo" and c.status == "held")
    assert aleppo.evidence_count >= 2
    assert aleppo.incident_ids and all(i.startswith("inc-") for i in aleppo.incident_ids)
    end = {c.place: c for c in report.control_end}
    assert end["Aleppo"].holder.side == "opposition"


def test_report_ranks_by_documented_score(store: Store):
    report = build_report(store, PERIOD)
    scores = [k.score.total for k in report.key_incidents]
    assert scores == sorted(scores, reverse=True)
    strike = next(k for k in report.key_incidents if k.place == "Sarmada")
    assert (strike.fatalities, strike.fatalities_max) == (12, 15)
    assert strike.fatalities_label == "12-15" and strike.contradicted and strike.flag
    assert strike.score.fatalities == pytest.approx(fatality_part(12), abs=1e-3)
    assert strike.score.novelty == 0.0  # shelled in the 30 days before: neither place nor type new
    assert any(s.modality == "denied" for s in strike.sources)
    hama = [k for k in report.key_incidents if k.place == "Hama"]
    assert len(hama) == 1 and hama[0].score.novelty == 1.0
    ((_, kind),) = hama[0].related  # the withdrawal beside the capture, same place and day
    assert {hama[0].kind.split("/")[0], kind.split("/")[0]} == {"COERCE", "RETREAT"}


@pytest.mark.parametrize("value,expected", [(None, 0.0), (0, 0.0), (9, 1 / 3), (999, 1.0),
                                            (50_000, 1.0)])
def test_report_fatality_part_is_log_scaled_and_capped(value: int | None, expected: float):
    assert fatality_part(value) == pytest.approx(expected)


def test_report_watches_denied_single_source_and_figures(store: Store):
    report = build_report(store, PERIOD)
    reasons = {(w.reason, w.incident_ids) for w in report.watch}
    strike_id = next(k.id for k in report.key_incidents if k.place == "Sarmada")
    assert ("denied", (strike_id,)) in reasons
    assert ("unverified-figure", (strike_id,)) in reasons
    denial = [w for w in report.watch if w.reason == "claim"]
    assert denial and "denies" in denial[0].who and strike_id in denial[0].incident_ids
    assert denial[0].text == "The army denied any strike on Sarmada."
    assert any(w.reason == "single-source" for w in report.watch)


def test_report_area_filter_matches_query_with_same_bbox(store: Store):
    scope = Scope(PERIOD.since, PERIOD.until, ALEPPO_BOX, "Aleppo city")
    report = build_report(store, scope)
    api = query.list_incidents(store, query.EventFilter(since=scope.since, until=scope.until,
                                                        bbox=ALEPPO_BOX, limit=100))
    assert report.totals.incidents == len(api.items) > 0
    assert {k.place for k in report.key_incidents} == {"Aleppo"}
    assert {c.place for c in report.changes} == {"Aleppo", "Aleppo province"}


def test_report_empty_period_says_so(store: Store):
    report = build_report(store, Scope(D(2023, 1, 1), D(2023, 1, 7)))
    assert report.empty
    assert report.totals.incidents == 0 and not report.key_incidents and not report.watch
    assert report.method.store_articles == 6


@pytest.mark.parametrize("name,expected", [
    ("north-east", "north-east"), ("NORTHEAST", "north-east"), ("Al-Hasakah", "Al-Hasakeh")])
def test_report_resolves_regions(name: str, expected: str):
    display, (w, s, e, n) = resolve_region(name)
    assert display == expected
    assert w < e and s < n


def test_report_unknown_region_is_an_input_error():
    with pytest.raises(InputError, match="north-east"):
        resolve_region("Atlantis")


def test_report_numbers_equal_the_http_api(store: Store):
    from fastapi.testclient import TestClient

    from sitrep.settings import Settings
    from sitrep.web.app import create_app

    scope = Scope(PERIOD.since, PERIOD.until, ALEPPO_BOX)
    report = build_report(store, scope)
    params = {"since": "2024-11-27", "until": "2024-12-10", "bbox": "36.9,36.0,37.4,36.4",
              "limit": 1000}
    client = TestClient(create_app(Settings(), store))
    items = client.get("/api/incidents", params=params).json()["items"]
    timeline = client.get("/api/timeline", params=params).json()
    control = client.get("/api/control", params={"as_of": "2024-12-10"}).json()
    assert report.totals.incidents == len(items)
    assert dict(report.totals.by_type) == Counter(i["plover"]["type"] for i in items)
    assert sum(n for _, _, n in report.totals.per_day) == sum(r["n"] for r in timeline)
    in_box = [c for c in control if 36.0 <= c["place"]["lat"] <= 36.4]
    assert [(c.place, c.status, c.holder.side) for c in report.control_end] == [
        (c["place"]["name"], c["status"], (c["controller"] or {}).get("side")) for c in in_box]


def test_report_links_open_in_the_web_app(store: Store):
    from fastapi.testclient import TestClient

    from sitrep.settings import Settings
    from sitrep.web.app import create_app

    report = build_report(store, PERIOD)
    urls = {report.incident_url(k.id) for k in report.key_incidents}
    urls |= {report.incident_url(i) for w in report.watch for i in w.incident_ids}
    urls |= {report.incident_url(i) for c in report.changes for i in c.incident_ids}
    urls |= {report.place_url(c.place_id) for c in report.changes}
    urls |= {report.article_url(w.article_id) for w in report.watch if w.article_id}
    client = TestClient(create_app(Settings(), store))
    assert len(urls) > 5
    assert {u: client.get(u).status_code for u in sorted(urls)} == {u: 200 for u in urls}
