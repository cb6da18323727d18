"""The other side of a clash named through its members: "drug traffickers of the Comando
Vermelho", "members of the Sinaloa Cartel" are the organisation."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "Military police clashed with drug traffickers of the Comando Vermelho in Rio de "
            "Janeiro.",
            "Comando Vermelho",
        ),
        ("Soldiers clashed with members of the Sinaloa Cartel in Culiacan.", "Sinaloa Cartel"),
    ],
)
def test_roles_members_name_their_organisation(
    parse_text: Callable[..., Document],
    actors_events: Callable[[Document], Document],
    text: str,
    actor2: str,
) -> None:
    doc = actors_events(parse_text(text))
    clashes = [e for e in doc.events if e.acled_sub_event_type == "Armed clash"]
    assert clashes and clashes[0].actor2 is not None
    assert clashes[0].actor2.name == actor2


def test_roles_members_craft_of_a_strike_is_no_agent(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("Malian forces conducted drone strikes on rebel positions in Kidal.")
    )
    strikes = [e for e in doc.events if e.acled_sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].actor1 is not None
    assert strikes[0].actor1.id == "MLI.state-forces"


def test_roles_members_resistance_attack_on_a_junta_column_is_a_clash(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("PDF fighters attacked a junta column near Myaung in Sagaing region.")
    )
    clashes = [e for e in doc.events if e.acled_sub_event_type == "Armed clash"]
    assert clashes and clashes[0].actor1 is not None and clashes[0].actor2 is not None
    assert (clashes[0].actor1.id, clashes[0].actor2.id) == ("MMR.pdf", "MMR.state-forces")


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # a state named as the agent of violence is its military forces
        ("North Korea fired a ballistic missile at the coast.", "PRK.state-forces", None),
        # the victims of rape are civilians (the parser lemmatises "raped" as "rap")
        (
            "SSPDF soldiers raped two women near a checkpoint in Juba.",
            "SSD.state-forces",
            "SSD.civilians",
        ),
        # two nationalities of one noun are two actors ("Russian and Ukrainian forces")
        (
            "Russian and Ukrainian forces clashed near Marinka.",
            "RUS.state-forces",
            "UKR.state-forces",
        ),
        # two sides of a clash named together; whose drones were shot down
        ("The SAF and the RSF clashed in Khartoum on Friday.", "SDN.state-forces", "SDN.rsf"),
        (
            "Ukrainian forces shot down 21 Shahed drones launched by Russian forces over Odesa.",
            "UKR.state-forces",
            "RUS.state-forces",
        ),
        # a suicide bomber who "blew himself up" is not who was acted on
        (
            "A suicide bomber blew himself up near a police station in Peshawar, Pakistan.",
            None,
            None,
        ),
    ],
)
def test_roles_members_agents_and_victims(
    parse_text: Callable[..., Document],
    actors_events: Callable[[Document], Document],
    text: str,
    actor1: str | None,
    actor2: str | None,
) -> None:
    doc = actors_events(parse_text(text))
    violent = [e for e in doc.events if e.plover_type == "ASSAULT"]
    assert violent
    top = max(violent, key=lambda e: e.confidence)
    assert (top.actor1.id if top.actor1 else None) == actor1
    assert (top.actor2.id if top.actor2 else None) == actor2


def test_roles_members_agreement_noun_takes_the_signers(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("The SAF and the RSF signed a humanitarian truce agreement in Jeddah.")
    )
    truce = [e for e in doc.events if e.trigger.text == "truce"]
    assert truce and truce[0].actor1 is not None and truce[0].actor1.id == "SDN.state-forces"
