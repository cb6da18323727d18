"""Situation reports: a dated brief for a period and area, in Markdown, HTML or PDF.

>>> report = build_report(store, Scope(dt.date(2024, 11, 27), dt.date(2024, 12, 10)))
>>> write_report(report, "html", Path("sitrep.html"))

Names load on first use, so ``sitrep --help`` does not import matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "FORMATS": ".render",
    "Report": ".model",
    "Scope": ".model",
    "build_report": ".build",
    "incident_filter": ".build",
    "resolve_region": ".geodata",
    "write_report": ".render",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
