"""The ``sitrep actors`` command group."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sitrep.actors.commands import actors


def test_actors_commands_lookup_prints_the_entry() -> None:
    result = CliRunner().invoke(actors, ["lookup", "Jabhat", "Fateh", "al-Sham"])
    assert result.exit_code == 0
    entry = json.loads(result.output)
    assert entry["id"] == "SYR.hts" and entry["country"] == "SYR"


def test_actors_commands_lookup_reads_acled_names() -> None:
    result = CliRunner().invoke(actors, ["lookup", "--acled", "Protesters (Jordan)"])
    assert result.exit_code == 0 and json.loads(result.output)["id"] == "JOR.protesters"


def test_actors_commands_unknown_name_is_an_error() -> None:
    result = CliRunner().invoke(actors, ["lookup", "No Such Brigade Anywhere"])
    assert result.exit_code == 1 and "no actor is known" in result.output


def test_actors_commands_list_filters() -> None:
    result = CliRunner().invoke(actors, ["list", "--side", "kurdish-led", "--country", "syr"])
    ids = [line.split("\t")[0] for line in result.output.splitlines()]
    assert "SYR.sdf" in ids and "SYR.hts" not in ids
