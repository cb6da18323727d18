"""The places stage over sentences written for these tests, with a small real gazetteer."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sitrep.models import (
    Actor,
    Article,
    Document,
    EntityMention,
    Mention,
    Place,
    Sentence,
    Token,
)
from sitrep.pipeline import Pipeline
from sitrep.places import Gazetteer
from sitrep.places.lookup import dateline_place, place_for_span, resolve_name
from sitrep.places.stage import PlacesStage

REGION = ["SY", "LB", "TR", "IQ", "JO", "IL"]


def _at(doc: Document, text: str, nth: int = 0) -> Place:
    starts = [p for p in doc.places if p.text == text]
    assert len(starts) > nth, f"{text!r} not found in {[p.text for p in doc.places]}"
    return starts[nth]


CAPITALS = {
    "Damascus": 170654,
    "Aleppo": 170063,
    "Homs": 169577,
    "Hama": 170017,
    "Latakia": 173576,
    "Tartus": 163345,
    "Idlib": 169389,
    "Raqqa": 172955,
    "Deir ez-Zor": 170794,
    "Hasakah": 173811,
    "Daraa": 170905,
    "Sweida": 172408,
    "Quneitra": 173334,
}

VARIANTS = [
    ("Deir Ezzor", 170794),
    ("Deir el-Zor", 170794),
    ("Dayr az Zawr", 170794),
    ("Deraa", 170905),
    ("Dar'a", 170905),
    ("Tartous", 163345),
    ("Lattakia", 173576),
    ("Idleb", 169389),
    ("Suwayda", 172408),
    ("As-Suwayda", 172408),
    ("Qamishli", 173377),
    ("Al-Qamishli", 173377),
    ("Manbij", 167357),
    ("Menbij", 167357),
    ("Hims", 169577),
    ("Hamah", 170017),
    ("Halab", 170063),
    ("Ar-Raqqah", 172955),
    ("Al-Hasakah", 173811),
]


@pytest.mark.parametrize(("name", "gid"), [*CAPITALS.items(), *VARIANTS])
def test_places_provincial_capitals_and_variants_resolve(
    places: Callable[[str], Document], name: str, gid: int
) -> None:
    doc = places(f"Shelling hit the city of {name} on Tuesday, residents said.")
    place = _at(doc, name)
    assert place.geonames_id == gid
    assert place.country == "SY" and place.precision == 1


@pytest.mark.parametrize(("name", "gid"), [*CAPITALS.items(), *VARIANTS])
def test_places_names_resolve_without_a_cue_word(
    places: Callable[[str], Document], name: str, gid: int
) -> None:
    doc = places(f"Government troops withdrew from {name} after two days of fighting in Syria.")
    assert _at(doc, name).geonames_id == gid


def test_places_all_fourteen_capitals_are_covered() -> None:
    assert len(CAPITALS) + 1 == 14  # Rif Dimashq's seat is Damascus itself


def test_places_names_spacy_mislabels_still_resolve(places: Callable[[str], Document]) -> None:
    doc = places("Rebels entered Aleppo and Hama, and the navy kept its base in Tartus.")
    found = {(p.text, p.geonames_id) for p in doc.places}
    assert found >= {("Aleppo", 170063), ("Hama", 170017), ("Tartus", 163345)}


def test_places_no_place_inside_organisation_names(places: Callable[[str], Document]) -> None:
    doc = places(
        "The Syrian Observatory for Human Rights and the broadcaster Sham FM reported clashes."
    )
    assert [p for p in doc.places if p.role == "mention"] == []


def test_places_demonyms_are_country_context_not_locations(
    places: Callable[[str], Document],
) -> None:
    doc = places("Israeli jets struck a depot, Syrian state media said.")
    israeli = _at(doc, "Israeli")
    assert (israeli.role, israeli.country, israeli.precision) == ("demonym", "IL", 3)
    assert place_for_span(doc, 0, len(doc.article.text)) is None


def test_places_coordinated_provinces_are_admin_areas(places: Callable[[str], Document]) -> None:
    doc = places("The road links Damascus to the coastal provinces of Latakia and Tartus.")
    assert _at(doc, "Latakia").feature == "ADM1"
    assert _at(doc, "Tartus").feature == "ADM1"
    assert _at(doc, "Damascus").feature == "PPLC"


@pytest.mark.parametrize(
    ("text", "name", "feature", "precision"),
    [
        ("Clashes continued in Idlib province on Monday.", "Idlib", "ADM1", 3),
        ("Airstrikes hit the Idlib countryside overnight.", "Idlib", "PPLA", 2),
        ("Fighters reached the outskirts of Hama at dawn.", "Hama", "PPLA", 2),
        ("Gunmen attacked a checkpoint near Homs on Sunday.", "Homs", "PPLA", 2),
        ("A bomb exploded in the city of Homs on Sunday.", "Homs", "PPLA", 1),
    ],
)
def test_places_expressions_set_feature_and_precision(
    places: Callable[[str], Document], text: str, name: str, feature: str, precision: int
) -> None:
    place = _at(places(text), name)
    assert (place.feature, place.precision) == (feature, precision)


def test_places_the_capital_is_the_focus_countrys_capital(
    places: Callable[[str], Document],
) -> None:
    doc = places("Rebels in Syria said they had reached the suburbs of the capital.")
    capital = next(p for p in doc.places if p.role == "capital")
    assert capital.geonames_id == 170654
    assert doc.focus.country == "SY"


def test_places_dateline_sets_the_focus(places: Callable[[str], Document]) -> None:
    doc = places("HOMS, Syria (AP) \u2014 Troops left the city on Saturday, a monitor said.")
    line = dateline_place(doc)
    assert line is not None and line.geonames_id == 169577
    assert doc.focus.country == "SY" and doc.focus.place == line


def test_places_one_name_one_place(places: Callable[[str], Document]) -> None:
    doc = places("Fighting raged in Homs. Later, Homs fell quiet.")
    ids = {p.geonames_id for p in doc.places if p.text == "Homs"}
    assert ids == {169577}


def test_places_unknown_names_keep_no_point(places: Callable[[str], Document]) -> None:
    doc = places("Residents fled Qaryat Zzyxwv on Friday, the governor of Nowhereland said.")
    for p in doc.places:
        assert p.lat is None or p.precision is not None


def test_places_place_for_span_prefers_the_town(places: Callable[[str], Document]) -> None:
    doc = places("Rebels seized Manbij in northern Syria on Sunday.")
    place = place_for_span(doc, 0, len(doc.article.text))
    assert place is not None and place.geonames_id == 167357


def test_places_resolve_name_for_datelines(gazetteer: Gazetteer) -> None:
    place = resolve_name(gazetteer, "DEIR EZZOR", country="SY")
    assert place is not None and place.geonames_id == 170794
    assert resolve_name(gazetteer, "Nowhereland") is None


def _hand_doc(text: str, label: str, ent_text: str, *more: tuple[str, str]) -> Document:
    """A document built by hand: whitespace tokens, one sentence, labelled entities."""
    tokens, at = [], 0
    for i, word in enumerate(text.split()):
        start = text.index(word, at)
        at = start + len(word)
        tokens.append(
            Token(
                i=i,
                start=start,
                end=at,
                text=word,
                lemma=word.lower(),
                pos="PROPN" if word[:1].isupper() else "VERB",
                tag="",
                dep="",
                head=i,
                sent=0,
            )
        )
    entities = []
    for lab, words in [(label, ent_text), *more]:
        first = text.index(words)
        k = next(t.i for t in tokens if t.start == first)
        n = len(words.split())
        entities.append(EntityMention(lab, words, first, first + len(words), k, k + n, 0))
    return Document(
        article=Article(id="a-test", text=text),
        sentences=(Sentence(0, 0, len(text), token_start=0, token_end=len(tokens)),),
        tokens=tuple(tokens),
        entities=tuple(sorted(entities, key=lambda e: e.start)),
    )


def test_places_mislabelled_entity_becomes_a_place(gazetteer: Gazetteer) -> None:
    doc = PlacesStage(gazetteer)(_hand_doc("Shells fell on Hama overnight", "PERSON", "Hama"))
    assert [p.geonames_id for p in doc.places] == [170017]


def test_places_actor_names_are_not_places(gazetteer: Gazetteer) -> None:
    doc = _hand_doc("Hama said it would join the talks", "ORG", "Hama")
    actor = Actor(id="x.hama", name="Hama", kind="organisation", mentions=(Mention("Hama", 0, 4),))
    out = PlacesStage(gazetteer)(dataclasses.replace(doc, actors=(actor,)))
    assert out.places == ()


def test_places_person_followed_by_said_is_not_a_place(gazetteer: Gazetteer) -> None:
    doc = PlacesStage(gazetteer)(_hand_doc("Homs said nothing more", "PERSON", "Homs"))
    assert doc.places == ()


def test_places_stage_fits_the_pipeline(gazetteer: Gazetteer) -> None:
    class Parsed:
        name = "parse"
        requires = ("article",)
        assigns = ("sentences", "tokens", "entities", "actors")

        def __call__(self, doc: Document) -> Document:
            return doc

    pipeline = Pipeline([Parsed(), PlacesStage(gazetteer)])
    assert "places" in pipeline.assigns and "focus" in pipeline.assigns


def test_places_unknown_street_lies_in_the_focus_town(gazetteer: Gazetteer) -> None:
    doc = _hand_doc(
        "A car bomb hit Zzyzx Street in Aleppo today", "FAC", "Zzyzx Street", ("GPE", "Aleppo")
    )
    out = PlacesStage(gazetteer)(doc)
    street = _at(out, "Zzyzx Street")
    assert (street.geonames_id, street.precision) == (170063, 2)


def test_places_regions_and_continents(places: Callable[[str], Document]) -> None:
    doc = places("Israel struck targets in the Golan Heights, and EU ministers met in Europe.")
    golan = _at(doc, "Golan Heights")
    assert golan.country == "SY" and golan.precision == 3 and golan.geonames_id is None
    assert _at(doc, "EU").geonames_id == 6255148


def test_places_kurdish_points_to_the_region(places: Callable[[str], Document]) -> None:
    doc = places("Kurdish fighters held the dam on Monday.")
    kurdish = _at(doc, "Kurdish")
    assert kurdish.role == "demonym" and kurdish.name == "Kurdistan"


def test_places_the_syrian_capital(places: Callable[[str], Document]) -> None:
    doc = places("Israeli jets struck near the Syrian capital on Tuesday.")
    capital = next(p for p in doc.places if p.role == "capital")
    assert capital.geonames_id == 170654


def test_places_weak_spans_need_a_convincing_place(gazetteer: Gazetteer) -> None:
    doc = _hand_doc("Talks with Aleppo and Tartus resumed", "PERSON", "Aleppo", ("ORG", "Tartus"))
    out = PlacesStage(gazetteer)(doc)
    assert [p.geonames_id for p in out.places] == [170063, 163345]
    tiny = _hand_doc("Talks with Zzyx resumed", "ORG", "Zzyx")
    assert PlacesStage(gazetteer)(tiny).places == ()


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("Russian jets took off from Hmeimim on Friday.", "Hmeimim", "AIRB"),
        ("Fighting closed the Nassib border crossing with Jordan.", "Nassib", "PSTB"),
        ("Drones struck near the Tishreen Dam east of Manbij.", "Tishreen Dam", "DAM"),
    ],
)
def test_places_military_and_border_sites(
    places: Callable[[str], Document], text: str, name: str, feature: str
) -> None:
    found = [p for p in places(text).places if name in p.text]
    assert found and found[0].feature == feature and found[0].country == "SY"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "the",
        "Al- - -- al ez",
        "\u0627\u0644\u0631\u0642\u0629 \U0001f4a5 Deir",
        "X" * 300,
        "Homs Homs Homs Homs Homs Homs",
    ],
)
def test_places_odd_documents_never_crash(gazetteer: Gazetteer, text: str) -> None:
    doc = Document(article=Article(id="a-odd", text=text or " "))
    if text.strip():
        doc = _hand_doc(text, "GPE", text.split()[0])
    out = PlacesStage(gazetteer)(doc)
    for p in out.places:
        assert 0 <= p.start < p.end <= len(out.article.text)
        assert (p.lat is None) == (p.precision is None)


def test_places_demonyms_can_be_left_out(gazetteer: Gazetteer) -> None:
    doc = _hand_doc("Syrian troops entered Homs", "NORP", "Syrian", ("GPE", "Homs"))
    assert [p.role for p in PlacesStage(gazetteer)(doc).places] == ["demonym", "mention"]
    assert [p.role for p in PlacesStage(gazetteer, demonyms=False)(doc).places] == ["mention"]


@pytest.mark.parametrize("word", ["Northwest", "Metro", "Dr.", "Mr."])
def test_places_generic_words_alone_are_no_places(gazetteer: Gazetteer, word: str) -> None:
    doc = _hand_doc(f"Officials from {word} arrived late", "ORG", "Officials")
    assert PlacesStage(gazetteer)(doc).places == ()
