"""Hand-compiled names (``data/gazetteer/aliases.csv``) for areas the sources name
otherwise."""

from __future__ import annotations

from sitrep.places import Gazetteer

REGION = ["BH", "AR", "KW"]


def test_places_aliases_bahrain_capital_governorate(gazetteer: Gazetteer) -> None:
    """Bahrain's Capital Governorate, which GeoNames names after Manama, is found by the
    name news and ACLED use for it, beside Argentina's "La Capital" departments."""
    found = gazetteer.lookup("Capital")
    bahrain = [e for e in found if e.country == "BH"]
    assert bahrain and bahrain[0].feature == "ADM1"
