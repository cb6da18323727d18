"""The command line as outside checks use it (DESIGN.md contract)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SITREP = [sys.executable, "-m", "sitrep"]


def run(*args: str, stdin: bytes | None = None, env: dict | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run([*SITREP, *args], input=stdin, capture_output=True, timeout=600, env=env)


def test_cli_help_has_example_on_every_command() -> None:
    for cmd in ("extract", "ingest", "control", "events", "serve"):
        out = run(cmd, "--help")
        assert out.returncode == 0
        assert b"Example: sitrep " + cmd.encode() in out.stdout


def test_cli_extract_seed_contract(seed_path: Path) -> None:
    out = run("extract", str(seed_path), "--published", "2024-12-08", "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    doc = json.loads(out.stdout)
    art = doc["article"]
    assert art["text"] == seed_path.read_text(encoding="utf-8")
    assert art["published"] == "2024-12-08"
    assert art["dateline"]["place"]["name"] == "Homs"
    assert "AP" in art["credits"]
    headings = [art["text"][s["start"] : s["end"]] for s in doc["sentences"] if s["heading"]]
    assert headings == [
        "Strategic Loss for Assad",
        "Islamist rebels Push Toward Damascus",
        "A Surge Led by Hayat Tahrir al-Sham",
        "International Reactions",
        "Calls for Peace and Stability",
    ]
    for key in ("actors", "places", "events", "claims"):
        assert doc[key], key
    for ev in doc["events"]:
        assert ev["modality"] in {
            "asserted",
            "reported",
            "alleged",
            "hypothetical",
            "future",
            "negated",
            "denied",
        }
        assert art["text"][ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"]
    actor_ids = {a["id"] for a in doc["actors"]}
    refs = [e["actor1"] for e in doc["events"] if e["actor1"]]
    refs += [c["speaker"] for c in doc["claims"] if c["speaker"]]
    assert refs and all(
        r["id"] in actor_ids or r["id"].startswith(("src:", "outlet:")) for r in refs
    )


def test_cli_extract_jsonl_streams_in_order(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w") as fh:
        for i in range(1000):
            fh.write(
                json.dumps(
                    {"text": f"Report {i}: rebels shelled a village near Idlib.", "title": f"t{i}"}
                )
                + "\n"
            )
    proc = subprocess.Popen(
        [*SITREP, "extract", str(path), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # output starts before the input is finished
    titles = [json.loads(first)["article"]["title"]]
    titles += [json.loads(line)["article"]["title"] for line in proc.stdout]
    assert proc.wait(timeout=600) == 0
    assert titles == [f"t{i}" for i in range(1000)]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"\x00\x01binary"), "binary"),
        (lambda p: p.write_bytes(b"Damas\xe7us"), "not valid UTF-8"),
    ],
)
def test_cli_bad_input_one_line_exit_2(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.txt"
    setup(path)
    out = run("extract", str(path))
    assert out.returncode == 2
    err = out.stderr.decode().strip().splitlines()
    assert len(err) == 1 and message in err[0]
    assert b"Traceback" not in out.stderr


def test_cli_ingest_bad_line_reported_good_stored(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps(
            {"text": "Rebels entered Hama on Thursday, a monitor said.", "published": "2024-12-06"}
        )
        + "\n{broken\n"
        + json.dumps({"text": "Ministers met in Doha on Saturday.", "published": "2024-12-07"})
        + "\n"
    )
    db = f"sqlite:///{tmp_path / 'x.db'}"
    out = run("ingest", str(path), "--db", db)
    assert out.returncode == 2
    assert f"{path}:2:" in out.stderr.decode()
    assert "added 2" in out.stderr.decode()
    again = run("ingest", str(path), "--db", db)
    assert "added 0, already stored 2" in again.stderr.decode()
    events = run("events", "--db", db, "--format", "json")
    assert events.returncode == 0
    assert isinstance(json.loads(events.stdout), list)
