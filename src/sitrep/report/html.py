"""The report as one self-contained HTML file: inline CSS, images as data: URIs, no scripts,
no outside requests (its Content-Security-Policy forbids them), every text autoescaped."""

from __future__ import annotations

import base64
import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import text
from .figures import chart_png, map_png
from .model import Report


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("sitrep.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def render_html(report: Report) -> str:
    template = _environment().get_template("report.html")
    return template.render(
        report=report,
        title=text.title(report),
        summary=text.summary(report),
        tracing=text.tracing(report),
        counts_note=text.COUNTS_NOTE,
        reasons=text.REASONS,
        change_phrase=text.change_phrase,
        headline=text.headline,
        contested=text.contested,
        plural=text.plural,
        clip=text.clip,
        map_png="" if report.empty else _b64(map_png(report)),
        chart_png="" if report.empty else _b64(chart_png(report)),
    )
