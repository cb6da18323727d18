"""Which places can be controlled, and one key per place across articles.

A city, town or admin1 province can be held; a country, a region ("southern Syria") or an
unresolved name cannot. Syria's provincial capitals are canonicalised onto one entry each
(data/control/provincial-capitals.csv) so every spelling and every gazetteer id lands on
the same timeline.
"""

from __future__ import annotations

from ..ids import normalise_text, slug
from ..models import Place
from .resources import capitals

COUNTRY_FEATURES = frozenset(
    {"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR", "CONT", "RGN"}
)
PROVINCE_FEATURES = frozenset({"ADM1", "ADM1H"})
PROVINCE_WORDS = ("province", "governorate", "provinces", "governorates", "countryside")


def is_province(p: Place) -> bool:
    text = normalise_text(p.text)
    return (p.feature or "") in PROVINCE_FEATURES or any(w in text for w in PROVINCE_WORDS)


def control_place(p: Place | None) -> tuple[str, Place] | None:
    """``(key, place)`` for a place whose control can be tracked, else None."""
    if p is None or (p.feature or "") in COUNTRY_FEATURES:
        return None
    if p.geonames_id is None and p.lat is None and not p.name:
        return None
    if is_province(p):
        return _province(p)
    if p.precision == 3:
        return None
    capital = None
    if p.geonames_id is not None:
        capital = capitals().by_geonames.get(p.geonames_id)
    if capital is None and (p.country in (None, "SY")):
        capital = capitals().find(p.name) or capitals().find(p.text)
    if capital is not None:
        return capital.place().id, capital.place()
    if p.geonames_id is not None:
        return f"gn:{p.geonames_id}", p
    return p.id, p


def _province(p: Place) -> tuple[str, Place] | None:
    """A province: Syria's governorates by their GeoNames id, others by their own id."""
    own = (p.feature or "") in PROVINCE_FEATURES
    if p.precision == 3 and not own:
        return None
    if p.country in (None, "SY"):
        row = capitals().governorate(p.name if own else (p.admin1 or p.text))
        if row is not None and row.admin1_geonames_id:
            return row.province().id, row.province()
    if own and p.geonames_id is not None:
        return f"gn:{p.geonames_id}", p
    name = p.name if own or not p.admin1 else p.admin1
    return f"admin1:{(p.country or 'xx').lower()}:{slug(name)}", p
