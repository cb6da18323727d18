"""Wording shared by the Markdown and HTML renderers: headings, reasons, the method note."""

from __future__ import annotations

from .model import ControlChange, Report

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
        f"{t.incidents} incidents over {report.scope.days} days, {len(report.changes)} changes "
        f"of control, {len(report.contested)} places contested at the end; {t.fatalities} "
        f"deaths reported across {t.incidents_with_fatalities} incidents (lowest figures); "
        f"{t.denied_or_contradicted} incidents denied or contradicted, {t.single_source} "
        f"resting on one independent source."
    )


def change_phrase(ch: ControlChange) -> str:
    if ch.status == "contested":
        return f"contested (last held by {ch.before.label})"
    if ch.status != "held" or ch.after.name is None:
        return f"no longer held by {ch.before.label}"
    return f"{ch.before.label} to {ch.after.label}"


def tracing(report: Report) -> str:
    base = report.link_base or ""
    return (
        f"Every line carries incident ids. Open {base}/incidents/<id> in the web app "
        f"(sitrep serve) to read each source sentence in its article, or "
        f"{base}/api/incidents/<id> for JSON; control evidence ids are event or claim ids "
        f"({base}/api/events/<id>, {base}/api/claims)."
    )
