"""The report rendered: Markdown, one self-contained HTML file, the CLI command, PDF."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.fuse.persist import fuse_store
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.models import Document
from sitrep.report import Scope, build_report, write_report
from sitrep.report.commands import report as report_command
from sitrep.report.html import render_html
from sitrep.report.markdown import render_markdown
from sitrep.report.pdf import find_chromium
from sitrep.store import Store, open_store

D = dt.date
HOSTILE = '<script>alert("x")</script>'
PERIOD = Scope(D(2024, 12, 1), D(2024, 12, 8))


def _homs() -> Document:
    text = (f"Government troops pulled out of Homs on Saturday, the Observatory said. "
            f"Rebels entered Homs, {HOSTILE} reported.")
    b = DocumentBuilder(text, published=D(2024, 12, 7), outlet=f"Homs {HOSTILE} News")
    army = b.actor("SYR.state-forces", "Syrian Armed Forces", side="government",
                   mention="Government troops")
    rebels = b.actor("HTS", "Hayat Tahrir al-Sham", side="opposition", mention="Rebels")
    obs = b.actor("sohr", "Syrian Observatory for Human Rights", kind="monitor",
                  mention="the Observatory")
    odd = b.actor("odd", HOSTILE, kind="media", mention=HOSTILE)
    b.event("pulled out", "RETREAT", mode="withdraw", actor1=army, place=b.place("Homs"),
            date=D(2024, 12, 7), sources=[obs])
    b.event("entered", "COERCE", mode="seize", actor1=rebels,
            place=b.place("Homs", after=b.find("entered")), date=D(2024, 12, 7), sources=[odd])
    return b.build()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('render') / 'render.db'}"
    s = open_store(url)
    s.add_documents([_homs()])
    fuse_store(s)
    yield url, s
    s.close()


def test_report_markdown_names_change_and_traces_incidents(db: tuple[str, Store]):
    report = build_report(db[1], PERIOD, link_base="http://127.0.0.1:8000")
    text = render_markdown(report)
    assert text.startswith("# Situation report: all areas, 2024-12-01 to 2024-12-08")
    assert re.search(r"\| 2024-12-07 \| \[Homs\]\(http://127.0.0.1:8000/places/[^)]+\) \| "
                     r"taken by Hayat Tahrir al-Sham \(opposition\) from Syrian Armed Forces "
                     r"\(government\)", text)
    assert re.search(r"- \*\*2024-12-07\*\*: Homs fell to Hayat Tahrir al-Sham \(opposition\) "
                     r"\(held before by Syrian Armed Forces \(government\)\); 2 pieces of "
                     r"evidence; trace: \[inc-", text)
    assert "(http://127.0.0.1:8000/incidents/inc-" in text
    assert "<script>" not in text


def test_report_html_is_self_contained_and_escaped(db: tuple[str, Store]):
    html = render_html(build_report(db[1], PERIOD))
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["'](?!data:|/|#)""", html.replace(
        'href="/', "")), "only data: images and local links"
    assert "<link" not in html and "@import" not in html and "url(" not in html
    images = re.findall(r'<img id="(report-\w+)"[^>]*src="data:image/png;base64,([^"]+)"', html)
    assert [name for name, _ in images] == ["report-map", "report-chart"]
    assert all(len(data) > 1000 for _, data in images)


def test_report_empty_period_is_short(db: tuple[str, Store]):
    report = build_report(db[1], Scope(D(2020, 1, 1), D(2020, 1, 2)))
    text = render_markdown(report)
    assert "Nothing recorded for this period and area" in text
    assert len(text.splitlines()) < 12
    assert "<img" not in render_html(report)


def test_report_command_writes_markdown_with_pictures(db: tuple[str, Store], tmp_path: Path):
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(report_command, ["--db", db[0], "--from", "2024-12-01", "--to",
                                                 "2024-12-08", "--region", "centre",
                                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    body = out.read_text()
    assert "Situation report: centre" in body and "Homs" in body
    assert (tmp_path / "brief-map.png").read_bytes().startswith(b"\x89PNG")
    assert "![Map of incidents and control](brief-map.png)" in body


@pytest.mark.parametrize("args,message", [
    (["--region", "Atlantis"], "unknown region"),
    (["--region", "south", "--bbox", "35,32,37,33"], "not both"),
    (["--bbox", "1,2,3"], "four numbers"),
    (["--format", "pdf"], "needs --out"),
])
def test_report_command_refuses_bad_options(db: tuple[str, Store], args: list[str],
                                            message: str):
    result = CliRunner().invoke(report_command, ["--db", db[0], "--from", "2024-12-01",
                                                 "--to", "2024-12-08", *args])
    assert result.exit_code != 0
    assert message in str(result.exception)


@pytest.mark.browser
def test_report_pdf_prints_through_chromium(db: tuple[str, Store], tmp_path: Path):
    try:
        find_chromium()
    except Exception:
        pytest.skip("needs Debian chromium")
    out = tmp_path / "brief.pdf"
    write_report(build_report(db[1], PERIOD), "pdf", out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and out.stat().st_size > 20_000
    assert len(re.findall(rb"/Subtype\s*/Image", data)) == 2  # the map and the chart


def test_report_cli_prints_one_line_and_exits_2_on_bad_input(db: tuple[str, Store],
                                                            capsys: pytest.CaptureFixture[str]):
    from sitrep.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--db", db[0], "--from", "2024-12-01", "--to", "2024-12-08",
              "--region", "Atlantis"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("sitrep: unknown region 'Atlantis'")


def test_report_links_encode_ids(db: tuple[str, Store]):
    report = build_report(db[1], PERIOD, link_base="http://127.0.0.1:8000")
    assert report.place_url("name:tal (rifaat)") == (
        "http://127.0.0.1:8000/places/name:tal%20%28rifaat%29")
