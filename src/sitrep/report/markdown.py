"""The report as Markdown. Text that comes from articles is escaped so it renders as text."""

from __future__ import annotations

import re

from . import text
from .model import KeyIncident, Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!])")


def md(value: object) -> str:
    """Plain text safe inside a Markdown line or table cell."""
    flat = " ".join(str(value).split())
    return _SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def _ids(report: Report, ids: tuple[str, ...], articles: tuple[str, ...] = ()) -> str:
    links = [f"[{i}]({report.incident_url(i)})" for i in ids]
    links += [f"article [{a}]({report.article_url(a)})" for a in articles]
    return ", ".join(links) or "-"


def _incident(n: int, report: Report, k: KeyIncident) -> list[str]:
    head = f"{n}. **{k.date or 'undated'} · {md(k.place or 'place unknown')}** · {md(k.kind)}"
    facts = [
        f"actors: {md(', '.join(k.actors)) or '-'}",
        f"fatalities: {k.fatalities_label}",
        f"sources: {k.sources_count} ({k.independent_sources} independent)",
        f"score {k.score.total:.2f} (F {k.score.fatalities:.2f}, C {k.score.corroboration:.2f}, "
        f"N {k.score.novelty:.1f})",
    ]
    lines = [head, f"   - {'; '.join(facts)}"]
    if k.note:
        lines.append(f"   - source sentence: “{md(text.clip(k.note))}”")
    if k.flag:
        lines.append(f"   - **flag: {k.flag}**")
    if k.sources:
        lines.append("   - reported by: " + "; ".join(md(s.label) for s in k.sources))
    if k.related:
        lines.append("   - same place and day: " + "; ".join(
            f"{md(kind)} [{i}]({report.incident_url(i)})" for i, kind in k.related))
    lines.append(f"   - trace: {_ids(report, (k.id,))}")
    return lines


def render_markdown(report: Report, images: dict[str, str] | None = None) -> str:
    """``images`` maps "map" and "chart" to the paths (or URIs) the Markdown should show."""
    out = [f"# {md(text.title(report))}", ""]
    if report.generated:
        out += [f"Generated {report.generated:%Y-%m-%d %H:%M} UTC.", ""]
    out += [text.summary(report), ""]
    if report.empty:
        out += ["## Method", "", md(text.tracing(report)), ""]
        return "\n".join(out)
    out += ["## 1. Changes of control", ""]
    if report.headlines:
        out += ["### Headlines", ""]
        out += [
            f"- **{ch.date}**: {md(text.headline(ch))}; {text.plural(ch.evidence_count, 'piece')} "
            f"of evidence; trace: {_ids(report, ch.incident_ids, ch.article_ids)}"
            for ch in report.headlines
        ]
        out += ["", "### Every change in the period", ""]
    if report.changes:
        out += ["| Date | Place | Change | Evidence | Incidents |", "|---|---|---|---|---|"]
        out += [
            f"| {ch.date} | [{md(ch.place)}]({report.place_url(ch.place_id)}) | "
            f"{md(text.change_phrase(ch))} | {ch.evidence_count} | "
            f"{_ids(report, ch.incident_ids, ch.article_ids)} |"
            for ch in report.changes
        ]
    else:
        out.append("No change of control recorded in the period.")
    out += ["", "### Contested at the end of the period", ""]
    out += [f"- {md(text.contested(c))}" for c in report.contested] or [
        "No place is recorded as contested on the last day."]
    out += ["", "## 2. Key incidents", ""]
    for n, k in enumerate(report.key_incidents, 1):
        out += _incident(n, report, k)
    if not report.key_incidents:
        out.append("No factual incident in the period.")
    out += ["", "## 3. Claims to watch", ""]
    for reason, heading in text.REASONS.items():
        items = [w for w in report.watch if w.reason == reason]
        if not items:
            continue
        out += [f"### {heading}", ""]
        out += [
            f"- {w.date or 'undated'}: {md(w.text)} — {md(w.who)} — trace: "
            f"{_ids(report, w.incident_ids, (w.article_id,) if w.article_id else ())}"
            + (f" (claim {w.claim_id})" if w.claim_id else "")
            for w in items
        ]
        out.append("")
    if not report.watch:
        out += ["Nothing to flag.", ""]
    out += ["## 4. Map and activity", ""]
    if images:
        out += [f"![Map of incidents and control]({images['map']})", "",
                f"![Incidents per day by type]({images['chart']})", ""]
    out += ["| Type | Incidents |", "|---|---|"]
    out += [f"| {md(k)} | {n} |" for k, n in report.totals.by_type]
    m = report.method
    out += [
        "", "## 5. Method", "",
        f"- Read: {m.articles} articles from {len(m.outlets)} outlets stand behind these "
        f"incidents ({m.events} event mentions); {m.articles_published} articles in the store "
        f"were published in the period, {m.store_articles} in all.",
        f"- Outlets: {md(', '.join(m.outlets)) or '-'}.",
        f"- Counts: {md(text.COUNTS_NOTE)}",
        f"- Ranking: {md(m.score_note)}",
        f"- Tracing: {md(text.tracing(report))}",
        "",
    ]
    return "\n".join(out)
