"""The actor registry: who is who, loaded once from the YAML files under ``sitrep/data/actors``.

``Registry.load()`` reads the package data (countries, templates, named actors, people),
expands every country into its state and generic actors, and builds one phrase index
(normalised alias -> targets) so matching an article never touches a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .entries import RegistryEntry, as_tuple, expand, fill, read_data, read_entry
from .lexicon import Lexicon
from .words import fold, phrase_key, raw_key, split_words

ACTOR_FILES = ("syria.yaml", "middle-east.yaml", "world.yaml", "international.yaml", "people.yaml")

# match priorities: a named alias beats a templated phrase beats a context phrase
NAMED, TEMPLATED, SHORT, CONTEXT = 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class Target:
    """What a phrase names: an actor id, or ``*.suffix`` for the context country's actor."""

    id: str
    priority: int
    caps: tuple[bool, ...] = ()
    method: str = "registry"


@dataclass
class _Index:
    ci: dict[tuple[str, ...], list[Target]] = field(default_factory=dict)
    cs: dict[tuple[str, ...], list[Target]] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)

    def add(
        self, phrase: str, actor_id: str, priority: int, method: str, case_sensitive: bool = False
    ) -> None:
        words = split_words(phrase)
        if not words:
            return
        folded = tuple(w.key for w in words)
        if case_sensitive:
            key, target = tuple(w.text for w in words), Target(actor_id, priority, (), method)
        else:
            caps = tuple(w.capitalised for w in words) if priority > CONTEXT else ()
            key, target = folded, Target(actor_id, priority, caps, method)
        table = self.cs if case_sensitive else self.ci
        bucket = table.setdefault(key, [])
        same = [k for k, t in enumerate(bucket) if t.id == actor_id]
        if not same:
            bucket.append(target)
        elif (
            sum(target.caps) < sum(bucket[same[0]].caps)
            and target.priority == bucket[same[0]].priority
        ):
            bucket[same[0]] = target  # "Iron Dome" and "iron dome": either case matches
        for n in range(1, len(folded) + 1):
            self.prefixes.add(folded[:n])


class Registry:
    """Every known actor by id, and the phrase index used to find them in text."""

    def __init__(
        self,
        entries: Iterable[RegistryEntry],
        index: _Index,
        countries: Mapping[str, str],
        lexicon: Lexicon,
    ):
        self._entries = {e.id: e for e in entries}
        self._people = [e for e in self._entries.values() if e.offices]
        self._acronyms_folded: dict[tuple[str, ...], list[Target]] = {}
        for k, ts in index.cs.items():
            self._acronyms_folded.setdefault(tuple(map(fold, k)), []).extend(ts)
        self._loose: dict[str, tuple[str, ...]] = {}
        for e in self._entries.values():
            for name in (e.name, *e.aliases, *(f.name for f in e.former)):
                key = loose_key(name)
                if key and e.id not in self._loose.get(key, ()):
                    self._loose[key] = (*self._loose.get(key, ()), e.id)
        self.lexicon = lexicon
        self._index = index
        self._country_keys = dict(countries)
        self.max_phrase_words = max((len(k) for k in index.prefixes), default=1)

    # -- loading ----------------------------------------------------------------------------
    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Registry:
        """The registry from the package data files, read once per process."""
        countries = read_data("countries.yaml")["countries"]
        templates = read_data("templates.yaml")["templates"]
        entries: dict[str, RegistryEntry] = {}
        index = _Index()
        country_keys: dict[str, str] = {}
        for c in countries:
            cls._add_country(c, templates, entries, index, country_keys)
        for tmpl in templates:
            suffix = tmpl["id"].split(".", 1)[1]
            entries[suffix] = RegistryEntry(
                id=suffix,
                name=tmpl["generic"],
                kind=tmpl["kind"],
                inter=tmpl.get("inter"),
                sector=tmpl.get("sector"),
                side=tmpl.get("side"),
            )
            for phrase in tmpl.get("context_phrases", ()):
                index.add(phrase, "*." + suffix, CONTEXT, "context")
        for name in ACTOR_FILES:
            for raw in read_data(name)["actors"]:
                cls._add_named(raw, entries, index)
        lexicon = Lexicon.from_data(read_data("lexicon.yaml"))
        return cls(entries.values(), index, country_keys, lexicon)

    @staticmethod
    def _add_country(
        c: Mapping[str, Any],
        templates: list[Mapping[str, Any]],
        entries: dict[str, RegistryEntry],
        index: _Index,
        country_keys: dict[str, str],
    ) -> None:
        iso3 = c["iso3"]
        names = (c["name"], *as_tuple(c.get("aliases")))
        adjectives = as_tuple(c.get("adjectives"))
        entries[iso3] = RegistryEntry(
            id=iso3,
            name=c["name"],
            kind="country",
            country=iso3,
            sector="GOV",
            aliases=names,
            metonyms=as_tuple(c.get("metonyms")),
            iso2=c["iso2"],
            adjectives=adjectives,
        )
        for n in names:
            index.add(n, iso3, NAMED, "registry", n.isupper() and len(n) <= 4)
            country_keys[" ".join(phrase_key(n))] = iso3
        for a in adjectives:
            country_keys.setdefault("adj:" + " ".join(phrase_key(a)), iso3)
        for r in as_tuple(c.get("regions")):
            country_keys["region:" + " ".join(phrase_key(r))] = iso3
        country_keys["iso2:" + c["iso2"]] = iso3
        for m in as_tuple(c.get("metonyms")):
            index.add(m, iso3 + ".government", NAMED, "metonym")
        for tmpl in templates:
            eid = fill(tmpl["id"], c)
            entries[eid] = RegistryEntry(
                id=eid,
                name=fill(tmpl["name"], c),
                kind=tmpl["kind"],
                country=iso3,
                inter=tmpl.get("inter"),
                sector=tmpl.get("sector"),
                side=tmpl.get("side"),
                parent=fill(tmpl["parent"], c) if tmpl.get("parent") else None,
                patrons=(fill(tmpl["patron"], c),) if tmpl.get("patron") else (),
            )
            for phrase in tmpl.get("phrases", ()):
                for text in expand(phrase, c, names, adjectives):
                    index.add(text, eid, TEMPLATED, "template")

    @staticmethod
    def _add_named(
        raw: Mapping[str, Any], entries: dict[str, RegistryEntry], index: _Index
    ) -> None:
        eid = str(raw["id"])
        entry = read_entry(raw, entries.get(eid))
        entries[eid] = entry
        for a in (*as_tuple(raw.get("aliases")), *([raw["name"]] if "name" in raw else [])):
            index.add(a, eid, NAMED, "registry")
        for f in entry.former:
            index.add(f.name, eid, NAMED, "former-name")
        for a in as_tuple(raw.get("acronyms")):
            index.add(a, eid, NAMED, "acronym", case_sensitive=True)
        for s in as_tuple(raw.get("short")):
            index.add(s, eid, SHORT, "short-name")
        for m in as_tuple(raw.get("metonyms")):
            index.add(m, eid, NAMED, "metonym")

    # -- lookups ------------------------------------------------------------------------------
    def get(self, actor_id: str) -> RegistryEntry | None:
        return self._entries.get(actor_id)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._entries

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def targets(self, key: tuple[str, ...], raw: tuple[str, ...]) -> list[Target]:
        """Targets of a phrase given its folded key and its words as written."""
        return self._index.cs.get(raw, []) + self._index.ci.get(key, [])

    def is_prefix(self, key: tuple[str, ...]) -> bool:
        return key in self._index.prefixes

    def lookup(self, phrase: str) -> RegistryEntry | None:
        """The best actor a phrase names on its own (case-insensitive; no context)."""
        key = phrase_key(phrase)
        found = [t for t in self.targets(key, raw_key(phrase)) if not t.id.startswith("*.")]
        if not found:
            found = self._acronyms_folded.get(key, [])
        best = max(found, key=lambda t: t.priority, default=None)
        return self._entries.get(best.id) if best else None

    def lookup_loose(self, phrase: str) -> RegistryEntry | None:
        """Like :meth:`lookup`, tolerant of transliteration and plural variants
        ("Al Fath Al Mubeen Operation Room" = "Fath al-Mubin Operations Room"): names are
        compared by their consonant skeletons. For names given alone (ACLED names, the
        CLI), not for running text."""
        found = self.lookup(phrase)
        if found is not None:
            return found
        ids = self._loose.get(loose_key(phrase), ())
        return self._entries.get(ids[0]) if len(ids) == 1 else None

    def country_of(self, name: str) -> str | None:
        """ISO3 of a country name or alias ("Syria", "Türkiye"), or None."""
        return self._country_keys.get(" ".join(phrase_key(name)))

    def country_of_adjective(self, adjective: str) -> str | None:
        """ISO3 of a demonym adjective ("Syrian"), or None."""
        return self._country_keys.get("adj:" + " ".join(phrase_key(adjective)))

    def region_country(self, name: str) -> str | None:
        """ISO3 of a region listed in countries.yaml ("West Bank"), or None."""
        return self._country_keys.get("region:" + " ".join(phrase_key(name)))

    def iso3_of_iso2(self, iso2: str) -> str | None:
        return self._country_keys.get("iso2:" + iso2.upper())

    def governed_on(self, actor_id: str, day: str | None) -> str | None:
        """ISO3 of the state a movement governs on ``day`` (today's when unknown), if any."""
        entry = self._entries.get(actor_id)
        return next((o.title for o in entry.governs if o.held_on(day)), None) if entry else None

    def kind_on(self, entry: RegistryEntry, day: str | None) -> str:
        """The entry's kind on ``day``: a movement that governs a state is its government.
        Undated, its own kind: most of what is written about a movement that governs now
        (the Taliban) was written while it fought, and undated only a state's words for its
        forces make them the state's (``offices.governing_movements``)."""
        if day is None:
            return entry.kind
        return "government" if self.governed_on(entry.id, day) else entry.kind

    def in_country(self, actor_id: str, iso3: str | None) -> str:
        """The id of the context actor ``*.suffix`` in ``iso3`` (the bare suffix when unknown)."""
        suffix = actor_id[2:]
        return f"{iso3}.{suffix}" if iso3 and f"{iso3}.{suffix}" in self._entries else suffix

    def head_of(self, org_id: str, day: str | None = None) -> RegistryEntry | None:
        """The person holding a top office of ``org_id`` on ``day`` (president, leader...)."""
        for e in self._people:
            for o in e.offices:
                if o.org == org_id and o.held_on(day) and o.title.split()[0] in _HEAD_TITLES:
                    return e
        return None

    def office_holder(self, org_id: str, role: str, day: str | None = None) -> RegistryEntry | None:
        """The person whose office in ``org_id`` is ``role`` ("foreign minister") on ``day``."""
        role = fold(role).replace("defense", "defence")
        for e in self._people:
            for o in e.offices:
                title = fold(o.title).replace("defense", "defence")
                if o.org == org_id and o.held_on(day) and title.startswith(role + " of"):
                    return e
        return None

    def led_state(self, person_id: str, day: str | None = None) -> str | None:
        """ISO3 of the state whose government the person heads on ``day`` (or last headed)."""
        entry = self._entries.get(person_id)
        if entry is None:
            return None
        heads = [
            o
            for o in entry.offices
            if o.org and o.org.endswith(".government") and o.title.split()[0] in _HEAD_TITLES
        ]
        current = [o for o in heads if o.held_on(day)] or heads[-1:]
        return current[0].org.split(".")[0] if current and current[0].org else None

    def ancestors(self, actor_id: str) -> list[str]:
        """The parent chain of an actor, nearest first."""
        out: list[str] = []
        e = self._entries.get(actor_id)
        while e is not None and e.parent and e.parent not in out:
            out.append(e.parent)
            e = self._entries.get(e.parent)
        return out


_HEAD_TITLES = frozenset(
    {"President", "Leader", "Emir", "Supreme", "Secretary-General", "Prime", "King", "Crown"}
)


_ARTICLES = frozenset({"al", "el", "the"})
_VOWELS = str.maketrans("", "", "aeiouy")


def loose_key(name: str) -> str:
    """A name's consonant skeleton: articles, plural s and vowels dropped ("Mubeen" = "Mubin")."""
    words = [k for k in phrase_key(name) if k.isalnum() and k not in _ARTICLES]
    words = [k[:-1] if len(k) > 3 and k.endswith("s") else k for k in words]
    return " ".join(w.translate(_VOWELS) or w for w in words)
