"""Where a document's generic actors belong: the context country."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorsStage, Registry
from sitrep.models import Document


@pytest.fixture(scope="module")
def stage() -> ActorsStage:
    return ActorsStage(Registry.load())


@pytest.fixture()
def actors_of(parse_text, stage) -> Callable[[str], Document]:  # type: ignore[no-untyped-def]
    def run(text: str) -> Document:
        return stage(parse_text(text))

    return run


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
