"""The actors stage on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorsStage, actor_at, actors_in_span
from sitrep.events import EventsStage
from sitrep.models import Actor, Document


def _by_text(doc: Document, text: str) -> Actor:
    for a in doc.actors:
        if any(m.text == text for m in a.mentions):
            return a
    raise AssertionError(f"no actor mentioned as {text!r}: {[a.id for a in doc.actors]}")


def test_actors_stage_declares_its_fields(actors_stage: ActorsStage) -> None:
    assert actors_stage.requires == ("sentences", "tokens", "entities")
    assert actors_stage.assigns == ("actors",)


def test_actors_former_name_and_acronym_are_one_actor(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "The offensive was led by Hayat Tahrir al-Sham (HTS), formerly known as the "
        "al-Nusra Front. Several countries list HTS as a terrorist group."
    )
    hts = _by_text(doc, "Hayat Tahrir al-Sham")
    assert hts.id == "SYR.hts"
    assert {m.text for m in hts.mentions} >= {"Hayat Tahrir al-Sham", "HTS", "al-Nusra Front"}


@pytest.mark.parametrize(
    "phrase",
    [
        "Syrian government forces",
        "Syrian troops",
        "the Syrian army",
        "Assad's forces",
        "regime forces",
        "forces loyal to Assad",
    ],
)
def test_actors_descriptions_of_the_syrian_army(actors_of, phrase: str) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(f"In Hama on Tuesday, {phrase} shelled two villages held by the opposition.")
    refs = actors_in_span(doc, 0, len(doc.article.text))
    assert any(a.id == "SYR.state-forces" for a, _ in refs), [a.id for a, _ in refs]


def test_actors_descriptor_gives_patron_and_ideology(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("Turkey-backed Islamist rebel forces entered the town of Tal Rifaat in Syria.")
    rebels = _by_text(doc, "Turkey-backed Islamist rebel forces")
    assert rebels.id == "SYR.rebels"
    assert ("patron", "TUR") in rebels.attributes
    assert ("ideology", "Islamist") in rebels.attributes


def test_actors_rebels_led_by_a_named_group(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("Rebels led by HTS captured the airport outside Aleppo, Syria, on Friday.")
    rebels = _by_text(doc, "Rebels")
    assert rebels.affiliation == "SYR.hts"


def test_actors_apposition_gives_affiliation(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "Nadia Karimova, the spokeswoman of the Syrian Network for Human Rights, said "
        "twelve people died. Karimova added that the toll could rise."
    )
    person = _by_text(doc, "Nadia Karimova")
    assert person.provisional and person.kind == "person"
    assert person.affiliation == "snhr"
    assert {m.text for m in person.mentions} == {"Nadia Karimova", "Karimova"}


def test_actors_short_name_needs_the_full_name(actors_of) -> None:  # type: ignore[no-untyped-def]
    alone = actors_of("Sheikh Mohammed spoke to reporters in Dubai on Monday.")
    assert all(a.id != "person.mohammed-bin-abdulrahman-al-thani" for a in alone.actors)
    full = actors_of(
        "Qatar's Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani met the envoy. "
        "Sheikh Mohammed said talks would continue."
    )
    pm = _by_text(full, "Sheikh Mohammed")
    assert pm.id == "person.mohammed-bin-abdulrahman-al-thani"
    assert len(pm.mentions) == 2


def test_actors_country_as_actor_not_as_place(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "Russia has expressed concern after government troops pulled out of Homs. "
        "Iran said it would keep its advisers in Syria."
    )
    ids = {a.id for a in doc.actors}
    assert "RUS" in ids and "IRN" in ids
    syria = [a for a in doc.actors if a.id == "SYR"]
    assert not syria, "Syria after 'in' is a place"
    north = actors_of("Turkish troops advanced in Syria's north. Syria's government protested.")
    assert [m.text for a in north.actors if a.id == "SYR" for m in a.mentions] == []
    assert all("homs" not in a.id for a in doc.actors)


def test_actors_unknown_group_is_kept_as_provisional(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("The Free Hawks Brigade attacked a checkpoint near Daraa in Syria.")
    prov = [a for a in doc.actors if a.provisional]
    assert prov and prov[0].id.startswith("prov:")
    assert prov[0].kind == "rebel-group"


def test_actors_transliterated_name_resolves_loosely(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("Fighters of the Sultan Mourad Division clashed with the SDF near Afrin.")
    division = _by_text(doc, "Sultan Mourad Division")
    assert division.id == "SYR.sultan-murad" and not division.provisional


def test_actors_unknown_group_aliases_within_the_article(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "The Free Hawks Brigade (FHB), formerly known as the Northern Storm Battalion, "
        "attacked a checkpoint near Daraa. An FHB commander said the Northern Storm "
        "Battalion name was dropped in 2019."
    )
    brigade = _by_text(doc, "Free Hawks Brigade")
    assert brigade.provisional and brigade.id == "prov:free-hawks-brigade"
    texts = [m.text for m in brigade.mentions]
    assert texts.count("FHB") == 2
    assert "Northern Storm Battalion" in texts
    assert len([a for a in doc.actors if a.provisional]) == 1


def test_actors_definite_description_refers_back(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "Hezbollah fired rockets at northern Israel on Monday. The group said it targeted "
        "an army base. The monitor could not confirm the claim."
    )
    hezbollah = _by_text(doc, "Hezbollah")
    assert "The group" in {m.text for m in hezbollah.mentions}
    assert all(m.text != "The monitor" for a in doc.actors for m in a.mentions)


def test_actors_actor_at_prefers_the_containing_mention(actors_of) -> None:  # type: ignore[no-untyped-def]
    text = "Turkey-backed rebel forces shelled Kurdish positions."
    doc = actors_of(text)
    start = text.index("rebel")
    ref = actor_at(doc, start, start + len("rebel forces"))
    assert ref is not None and ref.text == "Turkey-backed rebel forces"
    turkey = actor_at(doc, 0, len("Turkey"))
    assert turkey is not None
    assert actor_at(doc, text.index("shelled"), text.index("shelled") + 7) is None


# --- the context country of generic groups ------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        (
            "Unknown gunmen shot dead a man in Deir ez-Zor countryside on Sunday.",
            "SYR.unidentified-armed-group",
        ),
        (
            "Protesters gathered in Irbid in solidarity with people in Gaza and the West Bank.",
            "JOR.protesters",
        ),
        ("Rebels shelled a market in Idlib, killing three civilians.", "SYR.rebels"),
        ("Police dispersed rioters in Basra after the vote.", "IRQ.police"),
    ],
)
def test_actors_context_country_of_generic_groups(actors_of, text: str, actor_id: str) -> None:  # type: ignore[no-untyped-def]
    assert actor_id in {a.id for a in actors_of(text).actors}


def test_actors_context_bare_troops_corefer_to_the_named_army(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of(
        "Israeli forces raided the Jenin camp in the West Bank. The soldiers arrested two men."
    )
    soldiers = next(a for a in doc.actors if any(m.text == "soldiers" for m in a.mentions))
    assert soldiers.id == "ISR.state-forces"
    assert "PSE.civilians" in {a.id for a in doc.actors}


def test_actors_context_pro_state_forces_are_its_proxies(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("A drone struck pro-Iranian military positions near Albu Kamal in Syria.")
    assert "IRN.proxies" in {a.id for a in doc.actors}
    assert "IRN.state-forces" not in {a.id for a in doc.actors}


def test_actors_context_us_backed_group_gets_its_patron(actors_of) -> None:  # type: ignore[no-untyped-def]
    doc = actors_of("US-backed Kurdish-led fighters repelled an attack near Manbij.")
    fighters = next(a for a in doc.actors if a.id == "SYR.sdf")
    assert fighters.mentions[0].text.startswith("US-backed")


# -- coreference: definite descriptions and pronouns become mentions -----------------------
def _mentions(doc: Document, actor_id: str) -> list[str]:
    return [m.text for a in doc.actors if a.id == actor_id for m in a.mentions]


def test_actors_coref_descriptions_chain_back_to_the_name(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of(
        "Hayat Tahrir al-Sham fighters entered Hama on Thursday. The group said it had "
        "captured the airport. A day later the militia reached the outskirts of Homs."
    )
    said = _mentions(doc, "SYR.hts")
    assert "The group" in said and "the militia" in said and "it" in said


def test_actors_coref_he_is_the_subject_before_him(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of("Geir Pedersen met Sergey Lavrov in Moscow. He said the talks were useful.")
    assert "He" in _mentions(doc, "person.geir-pedersen")
    assert "He" not in _mentions(doc, "person.sergey-lavrov")


def test_actors_coref_empty_it_is_no_actor(actors_of: Callable[[str], Document]) -> None:
    doc = actors_of(
        "The Houthis fired a missile at a cargo ship. It is unclear whether the ship was hit."
    )
    assert all(m.text != "It" for a in doc.actors for m in a.mentions)


def test_actors_coref_they_act_in_events(actors_of: Callable[[str], Document]) -> None:
    doc = EventsStage()(
        actors_of("Israeli forces raided the Jenin camp on Monday; they arrested five men.")
    )
    arrests = [e for e in doc.events if e.trigger.text == "arrested"]
    assert arrests and arrests[0].actor1 is not None
    assert arrests[0].actor1.id == "ISR.state-forces"
    assert arrests[0].actor1.text == "they"


def test_actors_coref_possessive_gives_the_person_an_affiliation(
    actors_of: Callable[[str], Document],
) -> None:
    doc = actors_of(
        "The Islamic State claimed the bombing in Raqqa. Its spokesman Abu Hamza al-Qurashi "
        "said more attacks would follow."
    )
    person = next(a for a in doc.actors if a.name.startswith("Abu Hamza"))
    assert person.affiliation == "islamic-state"
