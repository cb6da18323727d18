"""Names of admin areas the packages give only with a kind word or in another script:
"Intan Jaya" for Kabupaten Intan Jaya, "Bakhmutskyi" for Bakhmut Raion, as news and ACLED's
notes write them."""

from __future__ import annotations

import re

# The kind words that some countries' admin areas carry in every name the packages give
# them, where news and ACLED's notes write the bare name ("Sugapa (Intan Jaya, Papua
# Tengah)" for Kabupaten Intan Jaya, alias "Intan Jaya Regency").
ADMIN_AFFIXES = {"ID": (("Kabupaten ", "Kota "), (" Regency",))}


def bare_admin_names(country: str, names: tuple[str, ...]) -> list[str]:
    """The names of an admin area without its kind word, when no name is bare already."""
    prefixes, suffixes = ADMIN_AFFIXES.get(country, ((), ()))
    bare = []
    for name in names:
        for prefix in prefixes:
            if name.startswith(prefix):
                bare.append(name[len(prefix) :])
        for suffix in suffixes:
            if name.endswith(suffix):
                bare.append(name[: -len(suffix)])
    if not bare or any(n in names for n in bare):
        return []
    return sorted({n for n in bare if n})


_UKRAINIAN_AREA = re.compile(r"^(\S+)(ький|ька) (?:район|міськрада|міська рада)$", re.IGNORECASE)


def raion_adjectives(names: tuple[str, ...]) -> list[str]:
    """The raion's name as ACLED and Ukrainian officials write it in Latin letters, the
    adjective of its Ukrainian name ("Бахмутський район" -> "Bakhmutskyi"; a city
    council's "Куп’янська міськрада" -> "Kupianskyi"); the packages give only "Bakhmut
    Raion" and Russian-style spellings."""
    from .katottg import latin  # the national transliteration, with the village table

    out = []
    for name in names:
        m = _UKRAINIAN_AREA.match(name.strip())
        if m:
            out.append(latin(m.group(1) + "ький"))
    return sorted(set(out))
