"""The layout of a plain-text article: dateline, wire credits, headings and footers.

All results are spans into the text as given; the text itself is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Dateline, Span

WIRES = {
    "ap": "AP",
    "associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "aa": "Anadolu",
    "dpa": "dpa",
    "efe": "EFE",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "sana": "SANA",
    "upi": "UPI",
    "ani": "ANI",
    "bloomberg": "Bloomberg",
}

_SEP = r"(?:\s*[—–]+\s*|\s+-{1,2}\s+|\s*:\s+|,\s*[—–]+\s*)"
_PARTICLE = r"(?:al|el|ez|az|ad|as|ar|ash|ed|es|an)-"
_PLACE = rf"[A-Z][A-Za-z'’.\-]*(?:\s+(?:[A-Z]|{_PARTICLE})[A-Za-z'’.\-]*){{0,3}}"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2}))?"
    r"(?:\s*\((?P<wire>[A-Za-z][A-Za-z .\-]{1,30})\))?"
    rf"(?P<sep>{_SEP}|,(?=\S))"
)
_CREDIT_PATTERNS = (
    re.compile(
        r"\((?:with )?(?:files|input|reporting|additional reporting) (?:from|by) "
        r"(?P<who>[^)]{2,80})\)",
        re.I,
    ),
    re.compile(r"\[(?:source|sources|via)\s*:\s*(?P<who>[^\]]{2,80})\]", re.I),
    re.compile(r"^\s*(?:source|sources|via)\s*:\s*(?P<who>.{2,80})$", re.I | re.M),
    re.compile(r"^\s*(?:additional )?reporting by (?P<who>.{2,120})$", re.I | re.M),
)
_COPYRIGHT = re.compile(r"(copyright|©|\(c\)\s*\d{4}|all rights reserved)", re.I)
_FINAL_PUNCT = tuple(".!?;:,\"”’'…)]")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Layout:
    dateline: Dateline | None
    credits: tuple[str, ...]
    headings: tuple[Span, ...]
    boilerplate: tuple[Span, ...]
    title: str | None


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _LINE.finditer(text):
        raw = m.group()
        s = raw.strip()
        if s:
            start = m.start() + len(raw) - len(raw.lstrip())
            out.append((start, start + len(s), s))
    return out


def wire_names(who: str) -> list[str]:
    """Known wire names in a credit phrase ("AP and Reuters" gives AP, Reuters)."""
    parts = re.split(r",|/|;|\band\b|&", who)
    names = []
    for p in parts:
        key = re.sub(r"[^a-z \-]", "", p.lower()).strip()
        key = re.sub(r"^the ", "", key)
        if key in WIRES:
            names.append(WIRES[key])
        elif p.strip() and len(p.split()) <= 4:
            names.append(p.strip())
    return names


def find_dateline(text: str, first: tuple[int, int, str] | None) -> Dateline | None:
    if first is None:
        return None
    start, _end, line = first
    m = _DATELINE.match(line)
    if not m:
        return None
    place = m.group("place")
    if m.group("sep").strip() == ":" and not place.isupper():
        return None  # "Analysts said: ..." is not a dateline; "BEIRUT:" is
    if not (place.isupper() or m.group("region") or m.group("wire")) and len(place.split()) > 2:
        return None
    return Dateline(
        text=line[: m.end()].strip(),
        start=start,
        end=start + len(line[: m.end()].rstrip()),
        place_text=place.strip(),
    )


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 12
        and len(line) <= 90
        and not line.endswith(_FINAL_PUNCT)
        and line[0].isupper()
        and not _COPYRIGHT.search(line)
        and sum(w[0].isupper() for w in words if w[0].isalpha()) >= 1
    )


def analyse(text: str) -> Layout:
    """Find the dateline, credits, headings, boilerplate and a title line in ``text``."""
    lines = _lines(text)
    title = None
    body = lines
    if len(lines) >= 2 and _is_heading(lines[0][2]) and not _DATELINE.match(lines[0][2]):
        title = lines[0][2]
        body = lines[1:]
    dateline = find_dateline(text, body[0] if body else None)
    credits: list[str] = []
    if dateline:
        m = _DATELINE.match(text[dateline.start : dateline.end + 1])
        if m and m.group("wire"):
            credits += wire_names(m.group("wire"))
    headings: list[Span] = []
    boilerplate: list[Span] = []
    for idx, (start, end, line) in enumerate(lines):
        credit_here = False
        for pat in _CREDIT_PATTERNS:
            for m in pat.finditer(line):
                credits += wire_names(m.group("who"))
                credit_here = True
        bare = re.sub(r"[^A-Za-z \-]", "", line).strip().lower()
        is_last = idx >= len(lines) - 2
        if is_last and bare in WIRES and len(line) <= 30:
            credits.append(WIRES[bare])
            credit_here = True
        if (_COPYRIGHT.search(line) and (is_last or len(line) < 120)) or (
            credit_here and len(line) <= 120
        ):
            boilerplate.append(Span(start, end))
        elif (
            idx > 0
            and idx < len(lines) - 1
            and _is_heading(line)
            and (dateline is None or start >= dateline.end)
            and (title is None or idx > 0)
        ):
            headings.append(Span(start, end))
    if title is not None:
        headings.insert(0, Span(lines[0][0], lines[0][1]))
    return Layout(
        dateline=dateline,
        credits=tuple(dict.fromkeys(credits)),
        headings=tuple(headings),
        boilerplate=tuple(boilerplate),
        title=title,
    )
