"""The HTML report in Debian's chromium (Playwright): the map and chart images show, nothing
is requested from anywhere, no script runs. A screenshot goes to artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.fuse.persist import fuse_store
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.models import Document
from sitrep.report import Scope, build_report, write_report
from sitrep.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
D = dt.date

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")


def _offensive() -> list[Document]:
    docs = []
    for city, day in (("Aleppo", 30), ("Hama", 5), ("Homs", 7), ("Damascus", 8)):
        when = D(2024, 11, day) if day > 20 else D(2024, 12, day)
        text = (f"Government troops withdrew from {city} and Rebels entered {city}, "
                "the Observatory said.")
        b = DocumentBuilder(text, published=when, outlet=f"{city} Monitor")
        army = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                       mention="Government troops")
        rebels = b.actor("HTS", "Hayat Tahrir al-Sham", side="opposition", mention="Rebels")
        obs = b.actor("sohr", "Syrian Observatory for Human Rights", kind="monitor",
                      mention="the Observatory")
        place = b.place(city)
        b.event("withdrew", "RETREAT", mode="withdraw", actor1=army, place=place, date=when,
                sources=[obs])
        b.event("entered", "COERCE", mode="seize", actor1=rebels, place=place, date=when,
                sources=[obs])
        docs.append(b.build())
    return docs


def test_report_html_in_chromium_shows_the_map(tmp_path: Path):
    store = open_store(f"sqlite:///{tmp_path / 'browser.db'}")
    store.add_documents(_offensive())
    fuse_store(store)
    page_path = tmp_path / "report.html"
    write_report(build_report(store, Scope(D(2024, 11, 27), D(2024, 12, 10))), "html",
                 page_path)
    requests: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_path.as_uri())
        page.wait_for_load_state("load")
        sizes = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.id, e.complete, e.naturalWidth, e.naturalHeight])")
        page.locator("#report-map").scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "report-html.png"), full_page=True)
        map_box = page.locator("#report-map").bounding_box()
        heading = page.locator("h1").inner_text()
        browser.close()
    assert heading.startswith("Situation report")
    shown = {name: (done, w, h) for name, done, w, h in sizes}
    assert shown["report-map"][0] and shown["report-map"][1] > 400
    assert shown["report-chart"][0] and shown["report-chart"][1] > 400
    assert map_box is not None and map_box["width"] > 300 and map_box["height"] > 200
    outside = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert outside == []
    assert errors == []
    assert (SCREENSHOTS / "report-html.png").stat().st_size > 10_000
