"""Write a report in one format to a file or return it as text."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .figures import chart_png, map_png
from .html import render_html
from .markdown import render_markdown
from .model import Report
from .pdf import html_to_pdf

FORMATS = ("md", "html", "pdf")


def write_report(report: Report, fmt: str, out: Path | None,
                 chromium: str | None = None) -> str | None:
    """Write ``report`` to ``out``; with no ``out``, return the text (md and html only).

    Markdown written to a file gets its two pictures beside it (``<stem>-map.png`` and
    ``<stem>-chart.png``); printed Markdown has none.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "pdf":
        if out is None:
            raise InputError("PDF output needs --out FILE.pdf")
        html_to_pdf(render_html(report), out, chromium)
        return None
    if fmt == "html":
        body = render_html(report)
    else:
        images = None
        if out is not None and not report.empty:
            images = {"map": f"{out.stem}-map.png", "chart": f"{out.stem}-chart.png"}
            (out.parent / images["map"]).write_bytes(map_png(report))
            (out.parent / images["chart"]).write_bytes(chart_png(report))
        body = render_markdown(report, images)
    if out is None:
        return body
    out.write_text(body, encoding="utf-8")
    return None
