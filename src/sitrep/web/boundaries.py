"""Build the dashboard's boundary layers: simplified GeoJSON from Natural Earth and OCHA.

Run once by a maintainer (the output is committed under ``sitrep/data/boundaries``)::

    python -m sitrep.web.boundaries ../shared/data src/sitrep/data/boundaries

Simplification is Douglas-Peucker per ring with a tolerance in degrees, then coordinates are
rounded; rings that collapse are dropped. Shared edges may differ by up to the tolerance.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError

JSON = dict[str, Any]
Point = Sequence[float]


@dataclass(frozen=True)
class Layer:
    name: str
    source: str
    tolerance: float
    digits: int
    near: tuple[float, float, float, float] | None = None  # west, south, east, north
    near_tolerance: float = 0.0


NEAR_SYRIA = (25.0, 25.0, 56.0, 43.0)
LAYERS = (
    Layer("world", "natural-earth/ne_50m_countries_from_world-atlas.geojson", 0.12, 2,
          near=NEAR_SYRIA, near_tolerance=0.015),
    Layer("syria-admin0", "ocha-syria/syr_admin0.geojson", 0.004, 3),
    Layer("syria-admin1", "ocha-syria/syr_admin1.geojson", 0.004, 3),
    Layer("syria-admin2", "ocha-syria/syr_admin2.geojson", 0.008, 3),
)


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance from ``p`` to the segment ``a``-``b`` in degree units."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    u = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - (a[0] + u * dx), p[1] - (a[1] + u * dy))


def simplify(line: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: keep the points farther than ``tolerance`` from the simplified line."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, index = 0.0, -1
        for i in range(lo + 1, hi):
            d = _distance(line[i], line[lo], line[hi])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(lo, index), (index, hi)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def _ring(ring: Sequence[Point], tolerance: float, digits: int) -> list[list[float]] | None:
    # split the closed ring in two halves so the fixed end points do not dominate
    mid = len(ring) // 2
    half = simplify(ring[: mid + 1], tolerance)[:-1] + simplify(ring[mid:], tolerance)
    out: list[list[float]] = []
    for x, y in ((round(p[0], digits), round(p[1], digits)) for p in half):
        if not out or out[-1] != [x, y]:
            out.append([x, y])
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _polygon(rings: list[Any], tolerance: float, digits: int) -> list[Any] | None:
    outer = _ring(rings[0], tolerance, digits)
    if outer is None:
        return None
    holes = [h for h in (_ring(r, tolerance, digits) for r in rings[1:]) if h is not None]
    return [outer, *holes]


def simplify_geometry(geom: JSON, tolerance: float, digits: int,
                      near: tuple[float, float, float, float] | None = None,
                      near_tolerance: float = 0.0) -> JSON | None:
    """Simplify every polygon; those whose extent meets ``near`` use ``near_tolerance``."""
    if geom["type"] == "Polygon":
        polygons = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polygons = geom["coordinates"]
    else:
        raise ConfigError(f"boundary geometry {geom['type']} not supported; expected polygons")
    kept = []
    for rings in polygons:
        tol = near_tolerance if near and _intersects(_extent(rings[0]), near) else tolerance
        polygon = _polygon(rings, tol, digits)
        if polygon is not None:
            kept.append(polygon)
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _extent(ring: Sequence[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return (min(xs), min(ys), max(xs), max(ys))


def _intersects(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _properties(layer: str, props: JSON, feature: JSON, aliases: dict[str, list[str]]) -> JSON:
    if layer == "world":
        return {"name": props.get("name"), "iso_n3": feature.get("id")}
    level = layer[-1]
    if level == "0":
        return {"name": props["adm0_name"], "name_ar": props.get("adm0_name1"), "iso2": "SY"}
    pcode = props[f"adm{level}_pcode"]
    out = {"name": props[f"adm{level}_name"], "name_ar": props.get(f"adm{level}_name1"),
           "pcode": pcode}
    if level == "1":
        out["alt_names"] = aliases.get(pcode, [])
    else:
        out["admin1"] = props.get("adm1_name")
    return out


def _aliases(data_dir: Path) -> dict[str, list[str]]:
    """Other spellings of each province (GeoNames and ACLED names) from the OCHA crosswalk."""
    path = data_dir / "ocha-syria" / "admin1_crosswalk_ocha_geonames_acled.json"
    out: dict[str, list[str]] = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        names = [row.get("geonames_admin1_name"), *row.get("acled_admin1_votes_from_subset", {})]
        out[row["ocha_adm1_pcode"]] = sorted({n for n in names if n} - {row["ocha_adm1_name_en"]})
    return out


def build(data_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write every layer to ``out_dir``; return the size in bytes of each file."""
    if not (data_dir / "ocha-syria").is_dir():
        raise ConfigError(f"no OCHA/Natural Earth data under {data_dir}; pass ../shared/data")
    aliases = _aliases(data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for layer in LAYERS:
        source = json.loads((data_dir / layer.source).read_text(encoding="utf-8"))
        features = []
        for f in source["features"]:
            geom = simplify_geometry(f["geometry"], layer.tolerance, layer.digits,
                                     layer.near, layer.near_tolerance)
            if geom is not None:
                props = _properties(layer.name, f["properties"], f, aliases)
                features.append({"type": "Feature", "properties": props, "geometry": geom})
        path = out_dir / f"{layer.name}.geojson"
        text = json.dumps({"type": "FeatureCollection", "features": features},
                          ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")
        sizes[layer.name] = path.stat().st_size
    return sizes


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.stderr.write("usage: python -m sitrep.web.boundaries SHARED_DATA_DIR OUT_DIR\n")
        return 2
    try:
        sizes = build(Path(args[0]), Path(args[1]))
    except ConfigError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    for name, size in sizes.items():
        sys.stdout.write(f"{name}: {size:,} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
