"""The words around a place name: cue words ("province", "city of") and modifiers
("near", "outskirts of", "northern") that set the kind of place and the ACLED precision.

Word lists come from ``sitrep/data/gazetteer/cues.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..models import Document, Token
from .normalise import ARTICLES


@dataclass(frozen=True, slots=True)
class Cues:
    admin: frozenset[str]
    admin2: frozenset[str]
    city: frozenset[str]
    near_after: frozenset[str]
    part_after: frozenset[str]
    near_before: frozenset[str]
    near_before_of: frozenset[str]
    part_before: frozenset[str]
    street: frozenset[str]
    speech: frozenset[str]
    generic: frozenset[str]
    place_nouns: frozenset[str]
    area_nouns: frozenset[str]
    place_before: frozenset[str]
    name_particles: frozenset[str]

    def kind(self, word: str) -> str | None:
        """The cue a word gives: admin, admin2, city or None."""
        w = word.lower()
        if w in self.admin:
            return "admin"
        if w in self.admin2:
            return "admin2"
        if w in self.city:
            return "city"
        return None


@lru_cache(maxsize=1)
def cues() -> Cues:
    text = resources.files("sitrep.data.gazetteer").joinpath("cues.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return Cues(**{k: frozenset(str(w).lower() for w in v) for k, v in data.items()})


class TokenIndex:
    """Find tokens by character offset in one document (binary search)."""

    def __init__(self, doc: Document):
        self.text = doc.article.text
        self.tokens = doc.tokens
        self.starts = [t.start for t in doc.tokens]

    def covering(self, start: int, end: int) -> list[Token]:
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                out.append(self.tokens[i])
            i += 1
        return out

    def before(self, start: int) -> Token | None:
        i = bisect.bisect_left(self.starts, start) - 1
        return self.tokens[i] if i >= 0 and self.tokens[i].end <= start else None

    def after(self, end: int) -> Token | None:
        i = bisect.bisect_left(self.starts, end)
        return self.tokens[i] if i < len(self.tokens) else None

    def neighbours(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """Up to eight words before and six words after a span, within its sentence."""
        inside = self.covering(start, end)
        if not inside:
            return [], []
        sent, first, last = inside[0].sent, inside[0].i, inside[-1].i
        before = [t.text for t in self.tokens[max(0, first - 8) : first] if t.sent == sent]
        after = [t.text for t in self.tokens[last + 1 : last + 7] if t.sent == sent]
        return before, after


STREET_NAMES = frozenset({"street", "avenue", "boulevard", "lane"})  # lowercase only
# "near Plaza San Martin" (Lima), "on Rua Augusta": a square or street named after a
# town or person, in Spanish, Portuguese and Italian usage (capitalised only)
STREET_OPENERS = frozenset({"Plaza", "Praça", "Praca", "Avenida", "Calle", "Rua", "Piazza"})
STREET_LINKS = frozenset({"de", "del", "do", "da", "dos", "das", "della"})  # "Plaza de Mayo"
# "the Dnipro river", "the Kakhovka reservoir": water, not the town of that name
WATER_NAMES = frozenset({"river", "canal", "reservoir"})
_NAME_SUFFIX = re.compile(r"\s+(province|governorate|countryside|state|county)$", re.I)


def split_suffix(name: str) -> tuple[str, str | None]:
    """ "Idlib Province" -> ("Idlib", "province"); names without such a suffix unchanged."""
    m = _NAME_SUFFIX.search(name)
    if not m:
        return name, None
    return name[: m.start()], m.group(1).lower()


def _skip_names(words: list[str]) -> int:
    """How many leading words form a list of names ("Latakia and Tartus", "Idlib, Hama")."""
    k = 0
    while k < len(words) and (
        words[k][:1].isupper()
        or words[k] in (",", "and", "-", "'s", "\u2019s")
        or words[k].lower() in ARTICLES
    ):
        k += 1
    return k


def cue_before(words: list[str]) -> str | None:
    """A cue word shortly before: "the provinces of Latakia and Tartus", "city of Homs"."""
    k = len(words) - _skip_names(words[::-1]) - 1
    if k >= 1 and words[k].lower() == "of":
        return cues().kind(words[k - 1])
    return None


def cue_after(words: list[str]) -> str | None:
    """A cue word right after, or after a list of names: "Idlib and Hama provinces"."""
    if not words:
        return None
    direct = cues().kind(words[0])
    if direct:
        return direct
    k = _skip_names(words)
    if 0 < k < len(words) and words[k].lower().endswith("s"):
        return cues().kind(words[k])
    return None


@dataclass(frozen=True, slots=True)
class Setting:
    """What the words around a name say: the name proper, a cue and a modifier."""

    name: str
    cue: str | None
    modifier: str | None


def read_setting(index: TokenIndex, name: str, start: int, end: int) -> Setting:
    c = cues()
    cue: str | None = None
    modifier: str | None = None
    bare, suffix = split_suffix(name)
    if suffix == "countryside":
        name, modifier = bare, "part"
    elif suffix:
        name, cue = bare, c.kind(suffix) or ("admin2" if suffix == "county" else "admin")
    before, after = index.neighbours(start, end)
    cue = cue or cue_after(after)
    if after:
        word = after[0].lower()
        if word in c.near_after:
            modifier = "near"
        elif word in c.part_after:
            modifier = modifier or "part"
    if before:
        words = [w.lower() for w in before]
        cue = cue or cue_before(before)
        if len(words) >= 2 and words[-1] in ("(", ",") and words[-2] in c.admin2:
            cue = cue or "admin"  # "Munya LGA (Niger)": the state, not the country
        if words[-1] in c.part_before:
            modifier = modifier or "part"
        if words[-1] in c.near_before or (
            len(words) >= 2 and words[-1] in ("of", "to") and words[-2] in c.near_before_of
        ):
            modifier = "near"
    if after and after[0] in STREET_NAMES and (not before or before[-1] not in "-\u2013/"):
        # "George street": a street named after a person (or a town); "the Aleppo road"
        # and "the Washington-Moscow route" lead to their towns
        modifier = "street"
    if before and (
        before[-1] in STREET_OPENERS
        or (len(before) >= 2 and before[-1] in STREET_LINKS and before[-2] in STREET_OPENERS)
    ):
        modifier = "square"  # "Plaza San Martin", "Plaza de Mayo"
    if after and after[0].lower() in WATER_NAMES:
        # "on the left bank of the Dnipro river": the river, not the city of its name
        modifier = "water"
    return Setting(name, cue, modifier)
