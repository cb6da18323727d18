"""Bad input on the command line: one clear line on stderr, exit code 2, never a traceback.

Most cases call ``sitrep.cli.main`` in this process (the real pipeline, loaded once); two
run the installed entry point (``python -m sitrep``) to prove the same holds end to end.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sitrep import cli, engine

_LOADED: dict[str, Any] = {}
_REAL_LOAD = engine.Resources.load.__func__  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def load_resources_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real resources, loaded once for the module rather than once per command."""

    def load(cls: type[engine.Resources], settings: Any) -> engine.Resources:
        if "res" not in _LOADED:
            _LOADED["res"] = _REAL_LOAD(cls, settings)
        return _LOADED["res"]

    monkeypatch.setattr(engine.Resources, "load", classmethod(load))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        cli.main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_clear_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sitrep: ")
    assert "internal error" not in lines[0]
    return lines[0]


@pytest.fixture()
def bad(tmp_path: Path) -> Path:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Alep, caf\xe9 fermé".encode("latin-1"))
    (tmp_path / "nothing.html").write_text("<html><body><div></div></body></html>")
    (tmp_path / "deep.html").write_text("<div>" * 5000 + "Rebels entered Hama.")
    (tmp_path / "broken.xml").write_text("<rss><channel><item><title>x")
    (tmp_path / "notafeed.rss").write_text("Rebels entered Hama on Thursday.")
    (tmp_path / "longline.txt").write_text("Rebels shelled Hama. " * 8000)
    (tmp_path / "ok.txt").write_text("Rebels entered Hama on Thursday, a monitor said.\n")
    (tmp_path / "only.jsonl").write_text('{"title": "no text"}\n')
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "emptydir" / "notes.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["extract", "{d}/missing.txt"], "no such file"),
        (["extract", "{d}/empty.txt"], "is empty"),
        (["extract", "{d}/blank.txt"], "is empty"),
        (["extract", "{d}/binary.txt"], "looks binary"),
        (["extract", "{d}/latin1.txt"], "not valid UTF-8"),
        (["extract", "{d}/nothing.html"], "no article text"),
        (["extract", "{d}/deep.html"], "nests deeper"),
        (["extract", "{d}/broken.xml"], "feed"),
        (["extract", "{d}/notafeed.rss"], "not a readable RSS/Atom feed"),
        (["extract", "{d}/only.jsonl"], "only.jsonl:1: the record has neither"),
        (["extract", "{d}/emptydir"], "no input files found"),
        (["extract", "{d}/longline.txt"], "break it into paragraphs"),
        (["extract", "{d}/ok.txt", "--published", "2024-13-45"], "--published"),
        (["extract", "{d}/ok.txt", "--published", "next Tuesday"], "not a date"),
        (["extract", "{d}/ok.txt", "--format", "yaml"], "--format"),
        (["extract", "{d}/ok.txt", "--frobnicate"], "No such option"),
        (["extract"], "Missing argument"),
        (["extract", "file:///etc/passwd"], "no such file"),
        (["extract", "http://127.0.0.1:9/admin"], "non-public"),
        (["extract", "http://169.254.169.254/latest/meta-data/"], "non-public"),
        (["ingest", "{d}/ok.txt", "--db", "nosuchdialect://x"], "cannot use database URL"),
        (["ingest", "{d}/ok.txt", "--db", "{d}/no/such/dir/x.db"], "cannot open database"),
        (["ingest", "{d}/ok.txt", "--db", "{d}/emptydir"], "cannot open database"),
        (["ingest", "{d}/ok.txt", "--db", "{d}/binary.txt"], "database"),
        (["control", "--as-of", "yesterday"], "--as-of"),
        (["events", "--since", "2024-02-30"], "--since"),
        (["nosuchcommand"], "No such command"),
        (["serve", "--port", "99999"], "--port"),
        (["serve", "--port", "-1"], "--port"),
    ],
)
def test_cli_badinput_one_line_exit_2(
    argv: list[str], says: str, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run([a.replace("{d}", str(bad)) for a in argv], capsys)
    assert code == 2, err
    line = one_clear_line(err)
    assert says.lower() in line.lower()


def test_cli_badinput_foreign_database_refused(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = bad / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    code, _out, err = run(["ingest", str(bad / "ok.txt"), "--db", str(other)], capsys)
    assert code == 2
    assert "not a sitrep database" in one_clear_line(err)


def mixed_jsonl(path: Path) -> Path:
    lines = [
        json.dumps({"text": "Rebels entered Hama on Thursday, a war monitor said."}),
        '{"text": "unterminated',
        json.dumps({"text": "Government troops left Homs on Saturday.", "published": "2024-12-07"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Talks were held in Doha.", "published": "the twelfth of never"}),
        json.dumps({"text": "Israeli jets struck sites near Damascus on Sunday."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_badinput_malformed_jsonl_lines_reported_good_lines_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = mixed_jsonl(tmp_path / "mixed.jsonl")
    db = tmp_path / "mixed.db"
    code, _out, err = run(["ingest", str(src), "--db", str(db)], capsys)
    assert code == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    prefix = f"sitrep: {src}:"
    assert [ln[len(prefix) :].split(":")[0] for ln in lines if ln.startswith(prefix)] == [
        "2",
        "4",
        "5",
    ]
    assert lines[-1] == "read 3, added 3, already stored 0, errors 3"
    with sqlite3.connect(db) as conn:
        texts = {r[0] for r in conn.execute("SELECT text FROM articles")}
        errors = conn.execute("SELECT record FROM ingest_errors ORDER BY record").fetchall()
    assert texts == {
        "Rebels entered Hama on Thursday, a war monitor said.",
        "Government troops left Homs on Saturday.",
        "Israeli jets struck sites near Damascus on Sunday.",
    }
    assert errors == [(2,), (4,), (5,)]


def test_cli_badinput_malformed_jsonl_extract_keeps_good_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = mixed_jsonl(tmp_path / "mixed.jsonl")
    code, out, err = run(["extract", str(src), "--format", "jsonl"], capsys)
    assert code == 2
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["article"]["text"][:8] for d in docs] == ["Rebels e", "Governme", "Israeli "]
    assert len(err.splitlines()) == 3 and "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "stdin", "says"),
    [
        (["extract", "-"], b"\x00\x01\x02binary\xff", "looks binary"),
        (["extract", "-"], "caf\xe9 au lait".encode("latin-1"), "not valid UTF-8"),
        (["extract", "-"], b"", "is empty"),
    ],
)
def test_cli_badinput_entry_point_stdin(argv: list[str], stdin: bytes, says: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sitrep", *argv], input=stdin, capture_output=True, timeout=300
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert says in one_clear_line(err)
