"""The dashboard and pages in Debian's chromium, driven by Playwright, against a local server.

Every test fails on a request to any host but the local server and on any console error.
Screenshots of the main views go to artifacts/screenshots/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from sitrep.settings import Settings
from sitrep.store import Store, open_store
from sitrep.web.app import create_app
from sitrep.web.assets import leaflet_installed
from sitrep.web.synthetic import sample_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
    pytest.mark.skipif(not leaflet_installed(),
                       reason="needs Leaflet: run scripts/install-web-assets.sh"),
]
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
expect.set_options(timeout=15_000)  # a loaded CI machine is slow, not wrong


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve(store: Store) -> Iterator[str]:
    """The app over ``store`` on a free loopback port, in a thread; yields its base URL."""
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(Settings(), store), host="127.0.0.1",
                                        port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start in 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = sample_store(tmp_path_factory.mktemp("web") / "web.db")
    with serve(store) as base:
        yield base
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Watch:
    """What a page did that it must not: outside requests, console errors, page errors."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    watch = Watch()

    def guard(route: Any) -> None:
        if route.request.url.startswith((server + "/", "data:")):
            route.continue_()
        else:
            watch.outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    pg.watch = watch
    pg.base = server
    yield pg
    context.close()
    assert watch.outside == [], f"requests to outside hosts: {watch.outside}"
    assert watch.errors == [], f"console errors: {watch.errors}"


def open_dashboard(page: Any) -> None:
    page.goto(page.base + "/")
    page.wait_for_selector("#dash[data-ready='true']", timeout=15_000)


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def control_cell(page: Any, place: str) -> str:
    row = page.locator("#control-table tbody tr", has_text=place)
    text: str = row.locator("td").nth(2).inner_text()
    return text


def test_web_dashboard_loads_map_list_and_timeline(page: Any) -> None:
    open_dashboard(page)
    assert page.locator("#list tbody tr[data-id]").count() == 5
    assert page.locator("#status").inner_text() == "5 incidents"
    assert page.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg").count() >= 1
    assert page.locator("#timeline rect.bar").count() >= 3
    assert page.locator("#asof-label").inner_text() == "2024-12-07"
    shot(page, "dashboard-1366x768")


def test_web_time_slider_changes_control(page: Any) -> None:
    open_dashboard(page)
    page.click("#tab-control")
    page.wait_for_selector("#control-table tbody tr[data-place='gn-homs']")
    assert control_cell(page, "Homs") == "Syrian rebels"
    page.focus("#asof")
    page.keyboard.press("Home")  # three days before the first incident
    expect(page.locator("#asof-label")).to_have_text("2024-12-02")
    homs = page.locator("#control-table tr[data-place='gn-homs'] td").nth(2)
    expect(homs).to_have_text("Syrian government forces")
    hama = page.locator("#control-table tr[data-place='gn-hama']")
    assert hama.get_attribute("data-status") == "held"
    shot(page, "control-2024-12-02")
    page.locator("#timeline rect.bar").first.click()
    expect(page.locator("#asof-label")).to_have_text("2024-12-05")
    expect(hama).to_have_attribute("data-status", "contested")
    page.focus("#asof")
    page.keyboard.press("End")
    expect(page.locator("#asof-label")).to_have_text("2024-12-07")
    expect(homs).to_have_text("Syrian rebels")


def test_web_incident_detail_shows_source_sentence(page: Any) -> None:
    open_dashboard(page)
    page.click("#list tbody tr[data-id='i-homs-withdraw']")
    evidence = page.locator("#panel-detail li.evidence").first
    evidence.wait_for()
    assert evidence.locator("mark").inner_text() == "withdrew"
    quote = evidence.locator("blockquote").inner_text()
    assert quote.startswith("HOMS — Government forces withdrew from the city of Homs")
    meta = evidence.locator(".evidence-meta").inner_text()
    assert "Syrian Observatory for Human Rights" in meta
    assert "Levant Wire" in meta and "2024-12-07" in meta and "stance: asserts" in meta
    assert "Contradicted" in page.locator("#panel-detail dl.facts").inner_text()
    shot(page, "incident-detail")
    evidence.locator("a").click()
    page.wait_for_selector(".article-text .focus")
    assert page.locator(".article-text .focus").first.inner_text() == "withdrew"


def test_web_marker_click_opens_detail(page: Any) -> None:
    open_dashboard(page)
    x, y = page.evaluate(
        "(() => { const p = document.getElementById('map').sitrepMap"
        ".latLngToContainerPoint([35.8647, 36.8006]); return [p.x, p.y]; })()"
    )
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    expect(page.locator(".leaflet-tooltip")).to_contain_text("ASSAULT · Saraqib")
    page.mouse.click(box["x"] + x, box["y"] + y)
    evidence = page.locator("#panel-detail li.evidence").first
    evidence.wait_for()
    assert evidence.locator("mark").inner_text() == "Air strikes"
    assert "Idlib Monitor" in evidence.locator(".evidence-meta").inner_text()


def test_web_filter_by_type(page: Any) -> None:
    open_dashboard(page)
    page.check("#type-options input[value='ASSAULT']")
    page.click("#filters button[type='submit']")
    expect(page.locator("#status")).to_have_text("3 incidents")
    chips = page.locator("#list tbody .type-chip").all_inner_texts()
    assert chips == ["ASSAULT"] * 3
    page.check("#filters input[name='modality'][value='hypothetical']")
    page.click("#filters button[type='submit']")
    expect(page.locator("#status")).to_have_text("1 incidents")
    assert page.locator("#list tbody tr[data-id]").get_attribute("data-id") == "i-hama-attack"


def test_web_view_is_kept_in_the_url(page: Any) -> None:
    page.goto(page.base + "/#kind=incidents&type=ASSAULT&as_of=2024-12-05&id=i-saraqib")
    page.wait_for_selector("#dash[data-ready='true']", timeout=15_000)
    expect(page.locator("#status")).to_have_text("3 incidents")
    assert page.locator("#type-options input[value='ASSAULT']").is_checked()
    expect(page.locator("#asof-label")).to_have_text("2024-12-05")
    expect(page.locator("#panel-detail mark")).to_have_text("Air strikes")
    page.click("#tab-list")
    page.click("#list tbody tr[data-id='i-hama-shell']")
    expect(page.locator("#panel-detail mark")).to_have_text("shelled")
    assert "id=i-hama-shell" in page.url and "type=ASSAULT" in page.url


def test_web_actor_page_shows_its_incidents_on_the_map(page: Any) -> None:
    page.goto(page.base + "/actors/SYR.rebels")
    page.click("text=Show on the map")
    page.wait_for_selector("#dash[data-ready='true']", timeout=15_000)
    expect(page.locator("#status")).to_have_text("2 incidents")
    expect(page.locator("#scope-text")).to_have_text("Actor: SYR.rebels")
    page.click("#scope-clear")
    expect(page.locator("#status")).to_have_text("5 incidents")
    assert page.locator("#scope").is_hidden()


def test_web_hostile_article_renders_inert(page: Any) -> None:
    page.goto(page.base + "/articles")
    page.click("text=Statement on Hama")
    page.wait_for_selector("#article-text")
    assert page.evaluate("window.pwned === undefined")
    body = page.locator("#article-text").inner_text()
    assert "<script>window.pwned=1</script>" in body and 'onerror="window.pwned=2"' in body
    assert page.locator("#article-text script, #article-text img, h1 img").count() == 0
    assert "<script>" in page.locator("h1").inner_text()
    shot(page, "article-hostile")
    open_dashboard(page)
    page.click("#list tbody tr[data-id='i-hama-shell']")
    page.locator("#panel-detail li.evidence").first.wait_for()
    assert "onerror=" in page.locator("#panel-detail blockquote").inner_text()
    assert page.evaluate("window.pwned === undefined")


def test_web_article_page_highlights_annotations(page: Any) -> None:
    page.goto(page.base + "/articles")
    page.click("text=Army leaves Homs")
    page.wait_for_selector("#article-text")
    rebels = page.locator("#article-text .ann-actor", has_text="Rebel fighters")
    assert "actor: Syrian rebels" in (rebels.get_attribute("title") or "")
    assert page.locator(".ann-place", has_text="Homs").count() >= 1
    assert page.locator("#article-text .ann-event").all_inner_texts() == ["withdrew", "entered"]
    assert page.locator("#article-text .ann-claim").count() >= 2
    shot(page, "article")


def test_web_actor_and_place_pages(page: Any) -> None:
    page.goto(page.base + "/actors")
    page.click("text=Syrian Ministry of Defence")
    assert page.locator("h1").inner_text() == "Syrian Ministry of Defence"
    assert "troops had left Homs" in page.locator("main").inner_text()
    page.goto(page.base + "/places/gn-homs")
    text = page.locator("main").inner_text()
    assert re.search(r"2024-12-07\s+held\s+Syrian rebels", text)
    shot(page, "place")


def test_web_phone_width(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server + "/")
    pg.wait_for_selector("#dash[data-ready='true']", timeout=15_000)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the dashboard is {width}px wide on a 390px phone"
    assert pg.locator("#map").bounding_box()["height"] > 300
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / "dashboard-phone.png"), full_page=True)
    for path in ("/articles", "/actors", "/actors/SYR.rebels", "/places/gn-homs",
                 "/incidents/i-homs-withdraw"):
        pg.goto(server + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px phone"
    context.close()
    assert errors == []


def test_web_empty_store_dashboard(browser: Any, tmp_path: Path) -> None:
    """A fresh database shows an empty dashboard and page lists, without errors."""
    store = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    errors: list[str] = []
    with serve(store) as base:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        pg = context.new_page()
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(base + "/")
        pg.wait_for_selector("#dash[data-ready='true']", timeout=15_000)
        expect(pg.locator("#status")).to_have_text("0 incidents")
        assert pg.locator("#asof").is_disabled()
        assert "No incidents match" in pg.locator("#list").inner_text()
        pg.goto(base + "/articles")
        assert "No articles yet" in pg.locator("main").inner_text()
        context.close()
    store.close()
    assert errors == []
