"""Browser packages installed at set-up (never committed): Leaflet from the npm registry.

``python -m sitrep.web.assets`` copies ``node_modules/leaflet/dist`` (after ``npm ci``)
into ``sitrep/web/static/vendor/leaflet``, where the dashboard serves it from.
"""

from __future__ import annotations

import shutil
import sys
from importlib import resources as importlib_resources
from pathlib import Path

from ..errors import ConfigError

FILES = ("leaflet.js", "leaflet.css", "images")


def vendor_dir() -> Path:
    return Path(str(importlib_resources.files("sitrep.web") / "static" / "vendor"))


def leaflet_installed() -> bool:
    return (vendor_dir() / "leaflet" / "leaflet.js").is_file()


def install_leaflet(node_modules: Path) -> Path:
    """Copy Leaflet's distribution files out of ``node_modules``; return the target dir."""
    source = node_modules / "leaflet" / "dist"
    if not (source / "leaflet.js").is_file():
        raise ConfigError(f"no Leaflet in {source}: run `npm ci` in the repository root first")
    target = vendor_dir() / "leaflet"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in FILES:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        else:
            shutil.copy2(src, target / name)
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    node_modules = Path(args[0]) if args else Path("node_modules")
    try:
        target = install_leaflet(node_modules)
    except ConfigError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    sys.stdout.write(f"Leaflet copied to {target}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
