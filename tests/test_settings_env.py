"""Settings read from the environment: the default gazetteer file per schema version."""

from __future__ import annotations

from pathlib import Path

from sitrep.places.gazetteer import SCHEMA_VERSION
from sitrep.settings import Settings


def test_settings_default_gazetteer_is_named_by_schema_version() -> None:
    settings = Settings.from_env({})
    # the file name carries the schema version, so another sitrep version keeps its own file
    assert settings.gazetteer_path.name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"
    assert settings.gazetteer_path.parent.name == "sitrep"


def test_settings_gazetteer_from_environment_wins(tmp_path: Path) -> None:
    chosen = tmp_path / "mine.sqlite"
    assert Settings.from_env({"SITREP_GAZETTEER": str(chosen)}).gazetteer_path == chosen
    # an empty variable is no path: the default is used, not the current directory
    empty = Settings.from_env({"SITREP_GAZETTEER": ""}).gazetteer_path
    assert empty.name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"
