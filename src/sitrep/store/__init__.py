"""Storage: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from .store import Store, open_store

__all__ = ["Store", "open_store"]
