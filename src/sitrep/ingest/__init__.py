"""Ingest: text, HTML, feeds, JSON Lines, directories, standard input and URLs."""

from .readers import Defaults, Record, RecordError, read_bytes, read_paths

__all__ = ["Defaults", "Record", "RecordError", "read_bytes", "read_paths"]
