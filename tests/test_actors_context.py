"""Generic groups take the country where they act, not the country of a dateline abroad,
and a generic noun after a name belongs to it ("PIJ militants", "Israeli settler rioters")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from sitrep.actors import ActorsStage, Registry
from sitrep.models import Document


def _ids(doc: Document) -> set[str]:
    return {a.id for a in doc.actors}


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "AMMAN, Jordan (AP) — Rebels seized the town of Deraa on Sunday after two days of "
            "fighting. The opposition fighters then advanced north.",
            "SYR.rebels",
            "JOR.rebels",
        ),
        (
            "MOSCOW (Reuters) - Rebels attacked an army post near Saraqeb on Tuesday, the "
            "defence ministry said.",
            "SYR.rebels",
            "RUS.rebels",
        ),
    ],
)
def test_actors_context_dateline_abroad_does_not_name_the_group(
    actors_of: Callable[[str], Document], text: str, expected: str, wrong: str
) -> None:
    ids = _ids(actors_of(text))
    assert expected in ids
    assert wrong not in ids


def test_actors_context_each_sentence_places_its_own_groups(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of(
        "Protesters gathered in Amman on Friday to denounce the war. "
        "In Baghdad, protesters marched to the Green Zone on Saturday."
    )
    by_text = {m.start: a.id for a in doc.actors for m in a.mentions}
    first, second = sorted(s for s, i in by_text.items() if i.endswith(".protesters"))
    assert by_text[first] == "JOR.protesters"
    assert by_text[second] == "IRQ.protesters"


def test_actors_context_bracketed_known_actor_is_no_alias(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("AMMAN, Jordan (AP) — Jordanian police arrested two men near the border.")
    ap = next(a for a in doc.actors if any(m.text == "AP" for m in a.mentions))
    assert ap.kind == "media"


@dataclass(frozen=True)
class _Place:
    country: str | None
    population: int
    kind: str = "name"


class _Gazetteer:
    """A stand-in gazetteer that knows a few invented villages."""

    def __init__(self, places: dict[str, list[_Place]]):
        self.places = places

    def lookup(self, name: str) -> list[_Place]:
        return self.places.get(name.casefold(), [])


def test_actors_context_gazetteer_places_small_villages(parse_text) -> None:  # type: ignore[no-untyped-def]
    gazetteer = _Gazetteer({"umm qurayn": [_Place("JO", 800)], "bayt qadim": [_Place("BH", 900)]})
    stage = ActorsStage(Registry.load(), gazetteer)
    doc = stage(
        parse_text("Protesters gathered in Umm Qurayn on Friday to denounce the war in Gaza.")
    )
    assert "JOR.protesters" in _ids(doc)
    # the bracket names the area the village lies in; a namesake abroad does not vote
    doc = stage(
        parse_text(
            "Demonstrators held a protest in Bayt Qadim (Capital) in solidarity with the "
            "people of Gaza."
        )
    )
    assert "BHR.protesters" in _ids(doc)


def test_actors_compound_named_group_absorbs_its_noun(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Islamic Jihad militants fired mortar shells at an army post near Khan Younis.")
    ids = {a.id for a in doc.actors}
    assert not any(i.endswith("unidentified-armed-group") for i in ids)
    militants = next(a for a in doc.actors if any("militants" in m.text for m in a.mentions))
    assert militants.kind == "rebel-group"


def test_actors_compound_unknown_group_name_with_its_noun_is_armed(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Saraya al-Fajr al-Jadid militants ambushed a patrol near the border.")
    group = next(a for a in doc.actors if any("militants" in m.text for m in a.mentions))
    assert group.provisional
    assert group.kind == "political-militia"


def test_actors_compound_crowd_takes_the_nationality_before_it(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Israeli settler rioters threw stones at cars near Huwara in the West Bank.")
    assert "ISR.rioters" in {a.id for a in doc.actors}
    assert "PSE.rioters" not in {a.id for a in doc.actors}


def test_actors_unidentified_group_with_a_nationality(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("An unidentified Palestinian group opened fire at a checkpoint near Nablus.")
    assert "PSE.unidentified-armed-group" in {a.id for a in doc.actors}


def _actor_of_mention(doc: Document, text: str) -> str:
    return next(a.id for a in doc.actors for m in a.mentions if m.text == text)


def test_actors_crowds_residents_who_rally_are_protesters(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of(
        "Local residents staged a rally in Irbid to denounce the rising price of bread."
    )
    assert _actor_of_mention(doc, "residents") == "JOR.protesters"
    doc = actors_of("Residents fled the shelling in Idlib on Monday.")
    assert _actor_of_mention(doc, "Residents") == "SYR.civilians"


def test_actors_crowds_plural_subject_of_a_protest_is_a_crowd(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of(
        "Workers of a textile factory rallied and picketed in Mosul over unpaid salaries."
    )
    assert _actor_of_mention(doc, "Workers") == "IRQ.protesters"
    doc = actors_of(
        "Tens of rioters organized a demonstration in front of the party office in Sweida."
    )
    assert all(m.text != "Tens" for a in doc.actors for m in a.mentions)


def test_actors_context_place_and_its_area_share_one_country(parse_text) -> None:  # type: ignore[no-untyped-def]
    gazetteer = _Gazetteer({"tell qadir": [_Place("SY", 2000), _Place("IQ", 100)]})
    stage = ActorsStage(Registry.load(), gazetteer)
    doc = stage(parse_text("Protesters gathered in Tell Qadir, Nineveh, on Friday."))
    assert "IRQ.protesters" in _ids(doc)


def test_actors_context_places_taken_for_names_are_no_actors(parse_text) -> None:  # type: ignore[no-untyped-def]
    stage = ActorsStage(Registry.load(), _Gazetteer({"umm qurayn": [_Place("JO", 800)]}))
    doc = stage(
        parse_text(
            "Rebels shelled army positions on the Arbikh axis in Idlib countryside. "
            "Police arrested two men in Umm Qurayn on Friday."
        )
    )
    names = {m.text for a in doc.actors for m in a.mentions}
    assert "Arbikh" not in names
    assert "Umm Qurayn" not in names
    assert "JOR.police" in _ids(doc)


def test_actors_crowds_purpose_clauses_and_participles_make_protesters(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("About 100 residents marched in Irbid to protest against the bread price.")
    assert _actor_of_mention(doc, "residents") == "JOR.protesters"
    doc = actors_of("In Mosul, residents protesting against power cuts blocked the main road.")
    assert _actor_of_mention(doc, "residents") == "IRQ.protesters"
    # a purpose clause that is no protest leaves civilians as they are
    doc = actors_of("Residents gathered in Idlib to collect aid from the convoy.")
    assert _actor_of_mention(doc, "Residents") == "SYR.civilians"


def test_actors_context_residents_of_a_town_are_of_its_country(parse_text) -> None:  # type: ignore[no-untyped-def]
    # the parser tags neither name as a place here; "residents of" says it is one
    stage = ActorsStage(
        Registry.load(), _Gazetteer({"kumasi": [_Place("GH", 9000)], "idlib": [_Place("SY", 9000)]})
    )
    doc = stage(parse_text("About 100 residents of Kumasi marched to protest against mining."))
    assert _actor_of_mention(doc, "residents") == "GHA.protesters"
    doc = stage(parse_text("Residents of Idlib gathered to collect aid from the convoy."))
    assert _actor_of_mention(doc, "Residents") == "SYR.civilians"
