"""The report's two pictures, drawn offline with matplotlib (Agg, no pyplot state):
a map of incidents by type and control at the end of the period, and incidents per day.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .geodata import BBox, boundary_layer, regions, rings
from .model import ControlPoint, Report

TYPE_COLOURS = ("#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b")
OTHER_COLOUR = "#7f7f7f"
SIDE_COLOURS = {
    "government": "#c0392b",
    "opposition": "#27ae60",
    "kurdish-led": "#f1c40f",
    "islamic-state": "#222222",
}
UNKNOWN_SIDE = "#95a5a6"
LAYERS = (  # (layer, face, edge, line width)
    ("world", "#ebe7de", "#b8b2a7", 0.5),
    ("syria-admin0", "#fbfaf7", "#6b6357", 1.0),
    ("syria-admin1", "none", "#c9c2b6", 0.5),
)
MAX_LABELS = 40
MIN_SPAN = 2.0  # degrees
ASPECT = 1.3  # map width / height on the page
DPI = 110


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight")
    return out.getvalue()


def type_palette(kinds: Sequence[str]) -> dict[str, str]:
    """The most frequent types get their own colour; the rest share grey as "other"."""
    top = [k for k, _ in Counter(kinds).most_common(len(TYPE_COLOURS))]
    return {k: TYPE_COLOURS[i] for i, k in enumerate(sorted(top))}


def extent(report: Report) -> BBox:
    """The area to draw: the report's box, else its points padded to at least ``MIN_SPAN``
    degrees and widened to the figure's shape."""
    if report.scope.bbox:
        return report.scope.bbox
    lons, lats = _focus_coordinates(report)
    if not lons:
        return regions()["syria"][1]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    shrink = max(0.2, math.cos(math.radians(cy)))
    half_h = max(MIN_SPAN, (max(lats) - min(lats)) * 1.15) / 2
    half_w = max(MIN_SPAN, (max(lons) - min(lons)) * 1.15) / 2
    half_w = max(half_w, half_h * ASPECT / shrink)
    half_h = max(half_h, half_w * shrink / ASPECT)
    return (max(-180.0, cx - half_w), max(-90.0, cy - half_h),
            min(180.0, cx + half_w), min(90.0, cy + half_h))


def _focus_coordinates(report: Report) -> tuple[list[float], list[float]]:
    """Coordinates of incidents and controlled places in the report's main country (all of
    them when it has none), so a few far-away places do not turn the map into a world map."""
    focus = report.focus_country
    coords = [(p.lon, p.lat) for p in report.points if focus is None or p.country == focus]
    coords += [(c.lon, c.lat) for c in report.control_end
               if c.lon is not None and c.lat is not None and (focus is None or c.country == focus)]
    if not coords:
        coords = [(p.lon, p.lat) for p in report.points]
    return [x for x, _ in coords], [y for _, y in coords]


def _span(ring: list[tuple[float, float]]) -> float:
    """Longitude span; rings cut at the antimeridian span ~360 and are not drawn."""
    xs = [p[0] for p in ring]
    return max(xs) - min(xs)


def _overlaps(ring: list[tuple[float, float]], box: BBox) -> bool:
    w, s, e, n = box
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return not (max(xs) < w or min(xs) > e or max(ys) < s or min(ys) > n)


def _draw_boundaries(ax: Axes, box: BBox) -> bool:
    drawn = False
    for name, face, edge, width in LAYERS:
        data = boundary_layer(name)
        if not data:
            continue
        polys = [r for f in data.get("features", ()) for r in rings(f.get("geometry"))
                 if len(r) > 2 and _overlaps(r, box) and _span(r) < 180]
        if polys:
            ax.add_collection(PolyCollection(polys, facecolors=face, edgecolors=edge,
                                             linewidths=width, zorder=1))
            drawn = True
    return drawn


def _control_style(c: ControlPoint) -> tuple[str, str]:
    colour = SIDE_COLOURS.get(c.holder.side or "", UNKNOWN_SIDE)
    if c.status == "contested":
        return "white", colour
    if c.status != "held":
        return UNKNOWN_SIDE, "#555555"
    return colour, "black"


def map_png(report: Report) -> bytes:
    """Incidents by type (dots sized by count per place) and control at the end of the
    period (squares)."""
    box = extent(report)
    w, s, e, n = box
    fig = Figure(figsize=(8.0, 6.4))
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor("#dfe9f2")
    has_boundaries = _draw_boundaries(ax, box)
    palette = type_palette([p.kind for p in report.points])
    handles: list[Line2D] = []
    counts: dict[str, Counter[tuple[float, float]]] = {}
    for p in report.points:
        kind = p.kind if p.kind in palette else "other"
        counts.setdefault(kind, Counter())[(p.lon, p.lat)] += 1
    kinds = [k for k in [*sorted(palette), "other"] if k in counts]
    ring = 0.012 * max(e - w, n - s)  # types at one place sit around it, not on each other
    for i, kind in enumerate(kinds):
        angle = 2 * math.pi * i / max(1, len(kinds))
        dx, dy = ring * math.cos(angle), ring * math.sin(angle)
        spots = sorted(counts[kind].items())
        colour = palette.get(kind, OTHER_COLOUR)
        ax.scatter([x + dx for (x, _), _ in spots], [y + dy for (_, y), _ in spots],
                   s=[12 + 10 * math.sqrt(c) for _, c in spots], c=colour, alpha=0.8,
                   edgecolors="white", linewidths=0.4, zorder=4)
        total = sum(counts[kind].values())
        handles.append(Line2D([], [], marker="o", linestyle="", color=colour,
                              label=f"{kind} ({total})"))
    _draw_control(ax, report.control_end, handles)
    ax.set_xlim(w, e)
    ax.set_ylim(s, n)
    ax.set_aspect(1 / max(0.2, math.cos(math.radians((s + n) / 2))))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    sc = report.scope
    ax.set_title(f"Incidents {sc.since} to {sc.until}; control on {sc.until}", fontsize=10)
    if not has_boundaries:
        ax.text(0.01, 0.01, "boundary data not installed", transform=ax.transAxes, fontsize=7)
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.85)
    return _png(fig)


def _draw_control(ax: Axes, points: Sequence[ControlPoint], handles: list[Line2D]) -> None:
    shown = [(c, c.lon, c.lat) for c in points if c.lat is not None and c.lon is not None]
    if shown:
        styles = [_control_style(c) for c, _, _ in shown]
        ax.scatter([lon for _, lon, _ in shown], [lat for _, _, lat in shown], s=110,
                   marker="s", c=[f for f, _ in styles], edgecolors=[e for _, e in styles],
                   linewidths=1.6, zorder=5)
    for c, lon, lat in shown[:MAX_LABELS]:
        ax.annotate(c.place, (lon, lat), xytext=(5, 4), textcoords="offset points",
                    fontsize=7, zorder=6)
    sides = sorted({(c.holder.side or "unknown", c.status) for c, _, _ in shown})
    for side, status in sides:
        colour = SIDE_COLOURS.get(side, UNKNOWN_SIDE)
        face = "white" if status == "contested" else colour if status == "held" else UNKNOWN_SIDE
        handles.append(Line2D([], [], marker="s", linestyle="", markerfacecolor=face,
                              markeredgecolor=colour if status == "contested" else "black",
                              label=f"{side}, {status}"))


def chart_png(report: Report) -> bytes:
    """Incidents per day, stacked by type."""
    scope = report.scope
    days = [scope.since + dt.timedelta(days=i) for i in range(scope.days)]
    palette = type_palette([k for _, k, n in report.totals.per_day for _ in range(n)])
    series: dict[str, list[int]] = {k: [0] * len(days) for k in [*sorted(palette), "other"]}
    for day, kind, n in report.totals.per_day:
        i = (day - scope.since).days
        if 0 <= i < len(days):
            series[kind if kind in palette else "other"][i] += n
    fig = Figure(figsize=(7.5, 2.6))
    ax = fig.add_subplot(1, 1, 1)
    bottom = [0] * len(days)
    x = date2num(days)
    for kind, counts in series.items():
        if not any(counts):
            continue
        ax.bar(x, counts, bottom=bottom, color=palette.get(kind, OTHER_COLOUR), label=kind,
               width=0.8)
        bottom = [a + b for a, b in zip(bottom, counts, strict=True)]
    ax.xaxis_date()
    ax.set_xlim(x[0] - 0.6, x[-1] + 0.6)
    ax.set_ylabel("incidents")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Incidents per day by type", fontsize=10)
    ax.tick_params(axis="x", labelsize=7, rotation=45)
    if any(bottom):
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _png(fig)
