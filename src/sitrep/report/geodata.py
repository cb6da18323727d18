"""Offline geography for reports: named regions and the boundary layers the map draws.

Regions come from ``data/report/regions.yaml``; boundary layers are the simplified GeoJSON
files in ``data/boundaries`` (Natural Earth, OCHA) that the web map also serves.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError, InputError
from ..ids import normalise_text

BBox = tuple[float, float, float, float]
Ring = list[tuple[float, float]]
NAME_KEYS = ("name", "NAME", "name_en", "NAME_EN", "ADM1_EN", "ADM2_EN", "ADM0_EN", "shapeName")


@functools.cache
def regions() -> dict[str, tuple[str, BBox]]:
    """Case-folded name or alias -> (display name, bbox)."""
    try:
        text = resources.files("sitrep.data.report").joinpath("regions.yaml").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ConfigError("data file data/report/regions.yaml is missing; reinstall") from exc
    out: dict[str, tuple[str, BBox]] = {}
    for entry in yaml.safe_load(text)["regions"]:
        w, s, e, n = (float(v) for v in entry["bbox"])
        for name in (entry["name"], *entry.get("aliases", ())):
            out[normalise_text(str(name))] = (str(entry["name"]), (w, s, e, n))
    return out


@functools.cache
def boundary_layer(name: str) -> dict[str, Any] | None:
    """A boundary layer as parsed GeoJSON, or None when it is not installed."""
    path = resources.files("sitrep.data") / "boundaries" / f"{name}.geojson"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"boundary layer {name} is not valid GeoJSON; reinstall it") from exc
    return data if isinstance(data, dict) else None


def feature_name(feature: dict[str, Any]) -> str | None:
    props = feature.get("properties") or {}
    for key in NAME_KEYS:
        if props.get(key):
            return str(props[key])
    return None


def rings(geometry: dict[str, Any] | None) -> Iterator[Ring]:
    """The outer and inner rings of a Polygon or MultiPolygon as (lon, lat) lists."""
    if not geometry:
        return
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for polygon in polygons:
        for ring in polygon:
            yield [(float(p[0]), float(p[1])) for p in ring]


def _bbox_of(feature: dict[str, Any]) -> BBox | None:
    points = [p for ring in rings(feature.get("geometry")) for p in ring]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (min(lons), min(lats), max(lons), max(lats))


def resolve_region(name: str) -> tuple[str, BBox]:
    """A region's display name and bbox: a named region, else an admin-1 boundary feature."""
    key = normalise_text(name)
    found = regions().get(key)
    if found is not None:
        return found
    for layer in ("syria-admin1", "syria-admin2"):
        data = boundary_layer(layer)
        for feature in (data or {}).get("features", ()):
            fname = feature_name(feature)
            alt = (feature.get("properties") or {}).get("alt_names") or []
            known = {normalise_text(str(n)) for n in (fname, *alt) if n}
            if fname and known & {key, key.removesuffix(" governorate")}:
                bbox = _bbox_of(feature)
                if bbox is not None:
                    return fname, bbox
    names = sorted({v[0] for v in regions().values()})
    raise InputError(
        f"unknown region {name!r}; use one of {', '.join(names)}, a governorate name, "
        "or --bbox W,S,E,N"
    )
