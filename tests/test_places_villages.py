"""Villages and their containers: names the gazetteer may know only by another spelling,
names known only from the words around them, and the area named right after a place."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sitrep.models import Actor, Document, EntityMention, Mention, Place
from sitrep.places import Gazetteer
from sitrep.places.contain import inside
from sitrep.places.normalise import sound_key
from sitrep.places.spans import cued_spans, split_brackets
from sitrep.places.stage import PlacesStage

REGION = ["SY", "PS", "IQ", "LB", "YE", "SA", "CN", "BR"]


def _named(doc: Document, text: str) -> Place | None:
    return next((p for p in doc.places if p.text == text), None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Teftnaz", "Taftan\u0101z"),
        ("Sheikh Miskine", "Shaykh Misk\u012bn"),
        ("Nassriya", "An N\u0101\u015fir\u012byah"),
        ("Kafr Oweid", "Kafr \u2018Uwayd"),
        ("Qarqur", "Q\u0101rq\u016br"),
    ],
)
def test_places_sound_key_joins_transliterations(a: str, b: str) -> None:
    assert sound_key(a) == sound_key(b) != ""


def test_places_sound_key_refuses_short_skeletons() -> None:
    assert sound_key("Ein Issa") == ""  # "n s" would join half the region
    assert sound_key("Amara") == ""


def test_places_gazetteer_finds_arabic_names_by_their_consonants(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Nassriya")
    assert found and all(e.kind == "sound" for e in found)
    assert any(e.country == "IQ" and e.population > 100_000 for e in found)


def test_places_gazetteer_keeps_sound_matches_to_the_arab_world(gazetteer: Gazetteer) -> None:
    # Chinese and Brazilian towns are never matched by their consonants alone
    assert all(e.country not in ("CN", "BR") for e in gazetteer.lookup("Shenen"))
    assert gazetteer.lookup("Shinan")  # the Chinese town by its own name


def test_places_west_bank_governorates_sit_at_their_own_towns(gazetteer: Gazetteer) -> None:
    jenin = next(e for e in gazetteer.lookup("Jenin") if e.is_admin)
    hebron = next(e for e in gazetteer.lookup("Hebron") if e.is_admin)
    assert jenin.lat is not None and hebron.lat is not None
    assert jenin.lat > 32.2 > 31.7 > hebron.lat  # north and south, not one shared point


def test_places_entity_cut_short_takes_the_whole_name(
    places: Callable[[str], Document],
) -> None:
    doc = places("Gunmen attacked a checkpoint in Deir ez Zor countryside on Monday.")
    assert any(p.country == "SY" and p.text.startswith("Deir ez Zor") for p in doc.places)
    assert _named(doc, "Deir") is None


def test_places_container_moves_a_namesake_home(places: Callable[[str], Document]) -> None:
    # a Chinese "Shinan" exists; a village in Idlib countryside is not it
    doc = places("Government forces shelled Shinan town in Idlib countryside with artillery.")
    shinan = _named(doc, "Shinan")
    assert shinan is None or shinan.country in (None, "SY")
    assert any(p.country == "SY" for p in doc.places)


def test_places_cued_village_resolves_by_its_consonants(places: Callable[[str], Document]) -> None:
    doc = places("A gunman shot a man in Teftnaz town in Idlib countryside on Tuesday.")
    village = _named(doc, "Teftnaz")
    assert village is not None and village.country == "SY" and village.lat is not None


def test_places_unknown_cued_village_is_left_out(places: Callable[[str], Document]) -> None:
    doc = places("Soldiers raided Zumrakhet village in Idlib countryside at night.")
    assert _named(doc, "Zumrakhet") is None
    assert any(p.text == "Idlib" and p.country == "SY" for p in doc.places)


def test_places_entity_running_into_a_bracket_is_two_names() -> None:
    ent = EntityMention("ORG", "Modiin (Ramla,", 10, 24, 0, 3, 0)
    assert [(e.text, e.start, e.end) for e in split_brackets(ent)] == [
        ("Modiin", 10, 16),
        ("Ramla", 18, 23),
    ]


def test_places_comma_splits_an_organisation_but_not_a_place() -> None:
    org = EntityMention("ORG", "Cizre, Sirnak", 0, 13, 0, 3, 0)
    assert [e.text for e in split_brackets(org)] == ["Cizre", "Sirnak"]
    gpe = EntityMention("GPE", "Washington, D.C.", 0, 16, 0, 4, 0)
    assert split_brackets(gpe) == [gpe]


def test_places_longer_name_beats_the_town_inside_it(places: Callable[[str], Document]) -> None:
    doc = places("Israeli artillery shelled the outskirts of Bint Jbeil in Lebanon on Monday.")
    village = next((p for p in doc.places if "Jbeil" in p.text), None)
    assert village is not None and village.text == "Bint Jbeil"
    assert village.name != "Byblos" and village.country == "LB"


def test_places_syrian_subdistricts_sit_at_their_seats(gazetteer: Gazetteer) -> None:
    ein_issa = [e for e in gazetteer.lookup("Ein Issa") if e.feature == "ADM3"]
    assert len(ein_issa) == 1 and ein_issa[0].country == "SY"
    assert ein_issa[0].admin1 is not None and "Raqq" in ein_issa[0].admin1
    assert ein_issa[0].lat is not None and 36.0 < ein_issa[0].lat < 36.8


def test_places_district_named_as_such_is_a_place(places: Callable[[str], Document]) -> None:
    doc = places("Fighters detained a man near the border, in Ein Issa district, on Monday.")
    place = _named(doc, "Ein Issa")
    assert place is not None and place.country == "SY" and place.feature == "ADM3"


def test_places_lone_city_found_by_its_consonants(places: Callable[[str], Document]) -> None:
    doc = places("Dozens of teachers protested outside the governor's office in Nassriya city.")
    city = _named(doc, "Nassriya")
    assert city is not None and city.country == "IQ" and city.lat is not None


def test_places_foreign_namesake_before_a_province_is_dropped(
    places: Callable[[str], Document],
) -> None:
    # "Al Salam" is matched only loosely abroad; the province after the comma is in Iraq
    doc = places("Two cousins clashed in Al Salam district, Diyala, on Friday.")
    named = _named(doc, "Al Salam")
    assert named is None or named.country in (None, "IQ")


def test_places_village_taken_inside_its_west_bank_governorate(
    places: Callable[[str], Document],
) -> None:
    # two West Bank villages are called Jaba; the one in the Jerusalem governorate is meant
    doc = places("Soldiers raided Jaba village (Jerusalem, West Bank) overnight.")
    jaba = _named(doc, "Jaba")
    assert jaba is not None and jaba.country == "PS"
    assert jaba.lat is not None and jaba.lat < 32.0


def test_places_square_in_a_city_is_not_a_namesake_abroad(
    places: Callable[[str], Document],
) -> None:
    # a Chinese or Brazilian namesake of the square is not meant: the city is in Syria
    doc = places("Locals protested in Shinan square in Idlib city on Friday.")
    square = _named(doc, "Shinan")
    assert square is None or square.country in (None, "SY")


def test_places_rough_match_outside_its_province_is_dropped(gazetteer: Gazetteer) -> None:
    hama = next(e for e in gazetteer.lookup("Hama") if e.feature == "PPLA")
    idlib = next(e for e in gazetteer.lookup("Idlib") if e.feature == "PPLA")
    aleppo = next(e for e in gazetteer.lookup("Aleppo") if e.feature == "PPLA")
    assert inside(hama, hama) is True
    assert not inside(aleppo, idlib)  # "X in Idlib countryside" is not in Aleppo province


def test_places_actors_country_decides_a_shared_name(
    gazetteer: Gazetteer, parse_text: Callable[..., Document]
) -> None:
    doc = parse_text("Houthi forces deployed fighters to Al Jawf on Thursday.")
    at = doc.article.text.index("Houthi forces")
    houthis = Actor(
        id="YEM.houthis",
        name="Houthis",
        kind="rebel-group",
        country="YEM",
        mentions=(Mention("Houthi forces", at, at + len("Houthi forces")),),
    )
    stage = PlacesStage(gazetteer)
    with_actor = stage(dataclasses.replace(doc, actors=(houthis,)))
    jawf = _named(with_actor, "Al Jawf")
    assert jawf is not None and jawf.country == "YE"


def test_places_outskirts_of_a_bracketed_village(places: Callable[[str], Document]) -> None:
    doc = places("Artillery hit the outskirts of Teftnaz (Idlib) on Monday.")
    village = _named(doc, "Teftnaz")
    assert village is not None and village.country == "SY" and village.lat is not None


def test_places_province_named_after_its_seat_sits_there(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Idlib")
    province = next(e for e in found if e.feature == "ADM1")
    seat = next(e for e in found if e.feature == "PPLA")
    assert (province.lat, province.lon) == (seat.lat, seat.lon)


def test_places_bracketed_area_after_a_village_is_a_place(
    places: Callable[[str], Document],
) -> None:
    doc = places("Artillery shelled the outskirts of Zumrakhet (Marjayoun) on Friday.")
    area = _named(doc, "Marjayoun")
    assert area is not None and area.country == "LB" and area.lat is not None


def test_places_bracket_cue_needs_a_place_word(parse_text: Callable[..., Document]) -> None:
    near = parse_text("Artillery shelled the area near Zumrakhet (Marjayoun) on Friday.")
    person = parse_text("The minister thanked John Smith (Marjayoun) on Friday.")
    assert "Marjayoun" in [s.text for s in cued_spans(near, [])]
    assert "Marjayoun" not in [s.text for s in cued_spans(person, [])]


def test_places_short_skeleton_matches_only_a_big_city(gazetteer: Gazetteer) -> None:
    # "Hejneh" and Hajin share three consonants, too few to trust for a small town
    assert gazetteer.lookup("Hejneh") == ()
    assert any(e.population >= 100_000 for e in gazetteer.lookup("Nassriya"))


def test_places_rough_match_abroad_gives_way_to_the_story_country(
    places: Callable[[str], Document],
) -> None:
    # "Shinann" is the Chinese Shinan only by a loose spelling; the story is in Syria
    doc = places("Government forces shelled Shinann near Idlib and Hama in Syria on Friday.")
    rough = _named(doc, "Shinann")
    assert rough is None or rough.country != "CN"
