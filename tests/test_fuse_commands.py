"""The ``sitrep fuse`` command group, through click's test runner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sitrep.fuse.commands import fuse
from sitrep.fuse.synthetic import withdrawal_example
from sitrep.store import open_store


def test_fuse_commands_run_timeline_incidents_and_map(tmp_path):
    db = "sqlite:///" + str(tmp_path / "cmd.db")
    store = open_store(db)
    store.add_documents([withdrawal_example()])
    store.close()
    runner = CliRunner()
    ran = runner.invoke(fuse, ["run", "--db", db])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.output)["incidents"] > 0
    homs = runner.invoke(fuse, ["timeline", "Homs", "--db", db])
    assert homs.exit_code == 0 and "contested" in homs.output
    missing = runner.invoke(fuse, ["timeline", "Atlantis", "--db", db])
    assert missing.exit_code != 0 and "no control entries" in missing.output
    rows = runner.invoke(fuse, ["incidents", "--format", "csv", "--db", db])
    assert rows.exit_code == 0 and rows.output.startswith("event_id_cnty,event_date,")
    geo = runner.invoke(fuse, ["control-geojson", "--as-of", "2024-12-08", "--db", db])
    assert json.loads(geo.output)["type"] == "FeatureCollection"
