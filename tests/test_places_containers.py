"""Containers and spellings in ACLED-style notes outside the Middle East: "X village (Y
LGA, Z state)", "X taluka (Y district, Z)", "X, Zaporizhia", "Sao Jose dos Campos".
Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document, Place
from sitrep.places.links import link_between
from sitrep.places.normalise import loose_key

REGION = [
    "UA",
    "RU",
    "IN",
    "US",
    "BR",
    "MM",
    "BA",
    "NG",
    "ZA",
    "LB",
    "PK",
    "SY",
    "AU",
    "SD",
    "HT",
    "FR",
]


def _mentions(doc: Document) -> list[Place]:
    return [p for p in doc.places if p.role == "mention"]


def test_places_containers_doubled_digraph_is_one_sound() -> None:
    assert loose_key("Zaporizhia") == loose_key("Zaporizhzhia")
    assert loose_key("Lattakia") == "latakia"


def test_places_containers_oblast_spelt_short_beside_a_foreign_army(
    places: Callable[[str], Document],
) -> None:
    doc = places("Russian forces shelled the village of Kamianka, Zaporizhia, on Friday.")
    found = [p for p in _mentions(doc) if p.text == "Zaporizhia"]
    assert found and found[0].country == "UA" and found[0].lat is not None


def test_places_containers_taluka_keeps_a_namesake_abroad_out(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "Farmers staged a sit-in in Walwa taluka (Sangli district, Maharashtra) on Friday."
    )
    countries = {p.country for p in _mentions(doc) if p.lat is not None}
    assert countries == {"IN"}


def test_places_containers_look_past_an_unknown_district(
    places: Callable[[str], Document],
) -> None:
    doc = places(
        "Soldiers burned houses in Kyauk Ye village (Pale township, Yinmarbin district, "
        "Sagaing region) on Friday."
    )
    assert "BA" not in {p.country for p in _mentions(doc)}
    assert any(p.text == "Sagaing" and p.country == "MM" for p in _mentions(doc))


def test_places_containers_lga_is_a_place_not_an_organisation(
    places: Callable[[str], Document],
) -> None:
    doc = places("Gunmen attacked Kafin Hausa village (Gusau LGA, Zamfara state) on Friday.")
    gusau = [p for p in doc.places if p.text == "Gusau"]
    assert gusau and gusau[0].role == "mention" and gusau[0].admin1 == "Zamfara"
    # a namesake in another state is not the village of Gusau LGA
    assert all(p.admin1 in (None, "Zamfara") for p in _mentions(doc) if p.lat is not None)


def test_places_containers_romance_connector_keeps_a_name_whole(
    places: Callable[[str], Document],
) -> None:
    doc = places("Two men were shot dead in Sao Jose dos Campos (Sao Paulo) on Friday.")
    names = [p.text for p in _mentions(doc)]
    assert "Sao Jose dos Campos" in names and "Campos" not in names


def test_places_containers_nationality_does_not_move_a_big_city_abroad(
    places: Callable[[str], Document],
) -> None:
    # Donetsk, Ukraine has some 900,000 people; Donetsk, Russia some 50,000
    doc = places("Russian forces attacked Ukrainian positions near Donetsk on Friday.")
    found = [p for p in _mentions(doc) if p.text == "Donetsk"]
    assert found and found[0].country == "UA" and found[0].method == "gazetteer"


def test_places_containers_village_in_another_province_than_the_seat_named(
    places: Callable[[str], Document],
) -> None:
    # every Hryhorivka the gazetteer knows lies outside Donetsk oblast
    doc = places("Russian forces attacked near Hryhorivka, Donetsk, but were repelled.")
    resolved = [p for p in _mentions(doc) if p.lat is not None]
    assert {p.admin1 for p in resolved} == {"Donetska oblast"}


def test_places_containers_entity_grown_into_the_name_after_it(
    places: Callable[[str], Document],
) -> None:
    doc = places("Militants attacked a checkpoint in Dera Ismail Khan (Khyber Pakhtunkhwa).")
    names = {p.text: p.country for p in _mentions(doc)}
    assert names.get("Dera Ismail Khan") == "PK" and "SY" not in names.values()


def test_places_containers_object_of_a_verb_before_its_province(
    places: Callable[[str], Document],
) -> None:
    doc = places("Russian forces shelled Bilozerka, Kherson. One civilian was wounded.")
    town = [p for p in _mentions(doc) if p.text == "Bilozerka"]
    assert town and town[0].admin1 == "Khersonska oblast"


def test_places_containers_weekday_is_no_place(places: Callable[[str], Document]) -> None:
    doc = places("The mayor announced Thursday, Cairns, that the road would reopen.")
    assert "Thursday" not in {p.text for p in doc.places}


def test_places_containers_a_village_abroad_does_not_hold_a_city(
    places: Callable[[str], Document],
) -> None:
    doc = places("The army and the RSF clashed in Omdurman (Karari, Khartoum) on Friday.")
    city = [p for p in _mentions(doc) if p.text == "Omdurman"]
    assert city and city[0].country == "SD"


def test_places_containers_hyphenated_name_kept_whole(
    places: Callable[[str], Document],
) -> None:
    doc = places("Gang members killed three people in Croix-des-Bouquets (Ouest) on Friday.")
    names = {p.text: p.country for p in _mentions(doc)}
    assert names.get("Croix-des-Bouquets") == "HT" and "FR" not in names.values()


def test_places_containers_object_of_a_verb_several_words_long(
    places: Callable[[str], Document],
) -> None:
    doc = places("Russian forces shelled Velyka Pysarivka, Sumy with mortars on Friday.")
    town = [p for p in _mentions(doc) if p.text == "Velyka Pysarivka"]
    assert town and town[0].country == "UA"


def test_places_containers_province_spelt_loosely_still_contains(
    places: Callable[[str], Document],
) -> None:
    doc = places("Militants attacked a military base in Bal'ad town (Middle Shabelle) on Friday.")
    assert "IQ" not in {p.country for p in _mentions(doc)}


def test_places_containers_link_past_one_unknown_bracket_name_only() -> None:
    # "Bal'ad (Balcad, Middle Shabelle)" with "Balcad" no place span: the region after it is
    # still Bal'ad's container (so Iraq's Balad is refused for a Somali note)
    text = "attacked Bal'ad (Balcad, Middle Shabelle) and Kano, Kaduna"
    end = text.index(" (Balcad")
    assert link_between(text, end, text.index("Middle")) == "("
    # not past two names, nor past a name after another link word
    two = "Bal'ad (Balcad, Afgooye, Middle Shabelle)"
    assert link_between(two, two.index(" ("), two.index("Middle")) is None
    prose = "clashed in Hodan, then Mogadishu"
    assert link_between(prose, prose.index(" in"), prose.index("Mogadishu")) is None
