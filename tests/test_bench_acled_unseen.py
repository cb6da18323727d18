"""The held-out ACLED figures are also given over the rows that sampled_events.csv does not
share (earlier sessions read that file's misses). Files written by hand."""

from __future__ import annotations

from pathlib import Path

from sitrep.bench.events import _unseen


def test_bench_acled_unseen_leaves_out_sampled_rows(tmp_path: Path) -> None:
    folder = tmp_path / "acled-sample"
    folder.mkdir()
    (folder / "sampled_events.csv").write_text("event_id_cnty,notes\nUKR1,x\nBRA2,y\n")
    rows = [{"event_id_cnty": i} for i in ("UKR1", "MEX3", "BRA2", "IND4")]
    assert _unseen(tmp_path, rows) == {"MEX3", "IND4"}


def test_bench_acled_unseen_without_the_file_keeps_all(tmp_path: Path) -> None:
    rows = [{"event_id_cnty": "UKR1"}]
    assert _unseen(tmp_path, rows) == {"UKR1"}
