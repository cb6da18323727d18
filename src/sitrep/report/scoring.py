"""How key incidents are ranked.

    score = 0.45 * F + 0.35 * C + 0.20 * N

- F, fatalities: ``log10(1 + fatalities) / 3``, capped at 1 (1 death 0.10, 10 deaths 0.35,
  100 deaths 0.67, 1,000 or more 1.0). The most conservative figure counts, not the range's top.
- C, corroboration: the fusion stage's 0..1 figure (more independent sources and agreement
  across opposed sides raise it; a denial halves it).
- N, novelty: 1 when the incident is the first at its place within the ``NOVELTY_DAYS``
  before it (counting days before the period too), 0.5 when only its type is new there,
  else 0. An incident with no place scores 0.

Ties break on date (latest first) then id, so the order is stable.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

from .model import Score

WEIGHTS = {"fatalities": 0.45, "corroboration": 0.35, "novelty": 0.20}
NOVELTY_DAYS = 30
FATALITY_SCALE = 3.0  # log10(1 + 1000)

SCORE_NOTE = (
    "Key incidents are ranked by score = 0.45 F + 0.35 C + 0.20 N, each part 0 to 1: "
    "F = log10(1 + fatalities) / 3 capped at 1 (the lowest reported figure); "
    "C = corroboration from fusion (independent sources, agreement across opposed sides, "
    f"halved when denied); N = 1 when nothing was recorded at the place in the {NOVELTY_DAYS} "
    "days before, 0.5 when only the incident type is new there."
)


def fatality_part(fatalities: int | None) -> float:
    if not fatalities or fatalities <= 0:
        return 0.0
    return min(1.0, math.log10(1 + fatalities) / FATALITY_SCALE)


def _day(item: dict[str, Any]) -> dt.date | None:
    value = item["date"]["value"]
    return dt.date.fromisoformat(value) if value else None


def _any_between(days: list[int], lo: int, hi: int) -> bool:
    """True when sorted ``days`` holds a value in [lo, hi)."""
    i = bisect.bisect_left(days, lo)
    return i < len(days) and days[i] < hi


def novelty(
    incidents: Sequence[dict[str, Any]], history: Iterable[dict[str, Any]]
) -> dict[str, float]:
    """Incident id -> N for ``incidents`` (query-layer dicts), given earlier ``history``."""
    at_place: dict[str, list[int]] = {}
    of_type: dict[tuple[str, str], list[int]] = {}
    for item in [*history, *incidents]:
        place, day = item["place"], _day(item)
        if place is None or day is None:
            continue
        at_place.setdefault(place["id"], []).append(day.toordinal())
        of_type.setdefault((place["id"], item["plover"]["type"]), []).append(day.toordinal())
    for days in (*at_place.values(), *of_type.values()):
        days.sort()
    out: dict[str, float] = {}
    for item in incidents:
        place, day = item["place"], _day(item)
        if place is None or day is None:
            out[item["id"]] = 0.0
            continue
        hi = day.toordinal()
        lo = hi - NOVELTY_DAYS
        if not _any_between(at_place[place["id"]], lo, hi):
            out[item["id"]] = 1.0
        elif not _any_between(of_type[(place["id"], item["plover"]["type"])], lo, hi):
            out[item["id"]] = 0.5
        else:
            out[item["id"]] = 0.0
    return out


def score(item: dict[str, Any], novelty_part: float) -> Score:
    f = fatality_part(item["fatalities"])
    c = float(item["corroboration"] or 0.0)
    total = (
        WEIGHTS["fatalities"] * f
        + WEIGHTS["corroboration"] * c
        + WEIGHTS["novelty"] * novelty_part
    )
    return Score(round(total, 4), round(f, 3), round(c, 3), novelty_part)


def rank_key(item: dict[str, Any], s: Score) -> tuple[float, int, str]:
    day = _day(item)
    return (-s.total, -(day.toordinal() if day else 0), item["id"])
