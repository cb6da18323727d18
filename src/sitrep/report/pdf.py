"""PDF: the self-contained HTML report printed by headless Chromium, with networking off."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ConfigError, SitrepError

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_S = 120
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-extensions",
    "--disable-sync",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
)


def find_chromium(path: str | None = None) -> str:
    """The Chromium executable: ``path``, else /usr/bin/chromium, else ``chromium`` on PATH."""
    for candidate in (path, CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise ConfigError(
        "PDF output needs Chromium, which is not installed: install the Debian package "
        "'chromium' (apt-get install chromium) or use --format html"
    )


def html_to_pdf(html: str, out: Path, chromium: str | None = None) -> Path:
    """Print ``html`` to ``out`` (A4, backgrounds on) and return ``out``."""
    exe = find_chromium(chromium)
    with tempfile.TemporaryDirectory(prefix="sitrep-report-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = out.resolve()
        cmd = [exe, *FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={target}",
               page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                                  check=False)
        except subprocess.TimeoutExpired as exc:
            raise SitrepError(f"Chromium did not print the report within {TIMEOUT_S} s; "
                              "try --format html") from exc
        except OSError as exc:
            raise ConfigError(f"cannot run Chromium at {exe}: {exc}") from exc
    if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise SitrepError(f"Chromium could not print the report ({tail[0]}); try --format html")
    return target
