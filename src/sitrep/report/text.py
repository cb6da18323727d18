"""Wording shared by the Markdown and HTML renderers: headings, reasons, the method note."""

from __future__ import annotations

from .model import ControlChange, ControlPoint, Report

TITLE = "Situation report"
REASONS = {
    "denied": "Denied or contradicted",
    "single-source": "Resting on one independent source",
    "unverified-figure": "Unverified casualty figures",
    "claim": "Denials and rumours published in the period",
}
COUNTS_NOTE = (
    "An incident is one real-world event as fused from every article that mentions it. "
    "'Sources' counts distinct reports (outlet and attributed voice); 'independent' counts "
    "voices after collapsing copies of one wire story and reposts of one text. Fatalities are "
    "the lowest figure any undenied report gives (a range shows the spread); totals add these "
    "over asserted, reported and alleged incidents only. Control is the latest dated entry per "
    "place on the last day; a change is an entry inside the period whose holder or status "
    "differs from the one before, and its evidence count is the number of events and claims "
    "behind it."
)


def title(report: Report) -> str:
    s = report.scope
    return f"{TITLE}: {s.area}, {s.since.isoformat()} to {s.until.isoformat()}"


def summary(report: Report) -> str:
    t = report.totals
    if report.empty:
        return (
            f"Nothing recorded for this period and area: no incidents and no changes of control "
            f"between {report.scope.since} and {report.scope.until}. The store holds "
            f"{report.method.store_articles} articles, {report.method.articles_published} of "
            f"them published in the period."
        )
    return (
        f"{t.incidents} incidents over {report.scope.days} days ({t.previous_incidents} in the "
        f"{report.scope.days} days before), {len(report.changes)} changes "
        f"of control, {len(report.contested)} places contested at the end; {t.fatalities} "
        f"deaths reported across {t.incidents_with_fatalities} incidents (lowest figures); "
        f"{t.denied_or_contradicted} incidents denied or contradicted, {t.single_source} "
        f"resting on one independent source."
    )


def _sides(values: tuple[str, ...]) -> str:
    return " and ".join(f"{v} forces" for v in values)


def _contenders(values: tuple[str, ...]) -> str:
    if not values:
        return ""
    return f" between {_sides(values)}" if len(values) > 1 else f" by {_sides(values)}"


def change_phrase(ch: ControlChange) -> str:
    """What happened to the place, from the holder before to the holder after."""
    before = ch.before.label if ch.before.known else None
    if ch.status == "held":
        if ch.after.side != ch.before.side or not ch.before.known:
            return f"taken by {ch.after.label}" + (f" from {before}" if before else "")
        return f"now held by {ch.after.label} (was {before})"
    if ch.status == "contested":
        text = "contested" + _contenders(ch.contested_by)
        return text + (f"; held before by {before}" if before else "")
    loser = before or (_sides(ch.not_held_by) if ch.not_held_by else None)
    return f"no longer held by {loser}; holder not known" if loser else "holder not known"


def headline(ch: ControlChange) -> str:
    """One sentence for a headline change: "Hama fell to ... (held before by ...)"."""
    before = ch.before.label if ch.before.known else None
    if ch.status == "held":
        return f"{ch.place} fell to {ch.after.label}" + (
            f" (held before by {before})" if before else "")
    loser = before or (_sides(ch.not_held_by) if ch.not_held_by else "its holder")
    return f"{ch.place} lost by {loser}; no new holder confirmed"


def clip(value: str, limit: int = 240) -> str:
    """One line of at most ``limit`` characters, cut at a word."""
    flat = " ".join(value.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def contested(c: ControlPoint) -> str:
    who = _contenders(c.contested_by)
    holder = f"; holder on record: {c.holder.label}" if c.holder.known else ""
    return (f"{c.place}: contested{who} since {c.since or 'an unknown date'}{holder} "
            f"({plural(len(c.evidence), 'piece')} of evidence)")


def tracing(report: Report) -> str:
    base = report.link_base or ""
    return (
        f"Every line carries incident ids. Open {base}/incidents/<id> in the web app "
        f"(sitrep serve) to read each source sentence in its article, or "
        f"{base}/api/incidents/<id> for JSON. Control evidence is events ({base}/events/<id>) "
        f"and statements in articles ({base}/articles/<id>); claims to watch link their "
        f"article too."
    )
