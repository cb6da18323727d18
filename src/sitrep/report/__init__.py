"""Situation reports: a dated brief for a period and area, in Markdown, HTML or PDF.

>>> report = build_report(store, Scope(dt.date(2024, 11, 27), dt.date(2024, 12, 10)))
>>> write_report(report, "html", Path("sitrep.html"))
"""

from .build import build_report, incident_filter
from .geodata import resolve_region
from .model import Report, Scope
from .render import FORMATS, write_report

__all__ = [
    "FORMATS",
    "Report",
    "Scope",
    "build_report",
    "incident_filter",
    "resolve_region",
    "write_report",
]
