"""Roles of crowds and of unnamed attackers, coded as ACLED codes them: the crowd of a
riot is rioters, people who attack are an unidentified armed group, victims civilians."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events.crowds import recoded
from sitrep.models import ActorRef, Document, Event


def _of_type(doc: Document, acled_type: str) -> list[Event]:
    return [e for e in doc.events if e.acled_event_type == acled_type]


def _top(doc: Document) -> Event:
    assert doc.events
    return max(doc.events, key=lambda e: (e.confidence, -e.trigger.start))


def test_events_crowds_recoded_keeps_the_country() -> None:
    ref = ActorRef("KEN.protesters", "Protesters (Kenya)", "demonstrators")
    assert recoded(ref, "rioters") == ActorRef("KEN.rioters", "Rioters (Kenya)", "demonstrators")
    gunmen = recoded(ActorRef("PAK.civilians", "Civilians (Pakistan)", "two men"), "unidentified")
    assert gunmen.id == "PAK.unidentified-armed-group"
    assert gunmen.name == "Unidentified Armed Group (Pakistan)"
    assert recoded(ActorRef("protesters", "Protesters", "a crowd"), "rioters").id == "rioters"


def test_events_crowds_the_crowd_that_riots_is_actor1(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("Demonstrators threw petrol bombs at the police in Nakuru on Monday.")
    )
    riots = _of_type(doc, "Riots")
    assert riots
    for e in riots:
        assert e.actor1 is not None and e.actor1.id.endswith(".rioters")
        assert e.actor1.name.startswith("Rioters (")
    # the noun that acts takes the patient of its verb
    assert any(e.actor2 is not None and e.actor2.id.endswith(".police") for e in riots)


def test_events_crowds_protesters_burning_tyres_are_rioters(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("In Kisumu, protesters burned tyres and blocked the highway to the airport.")
    )
    riots = _of_type(doc, "Riots")
    assert riots
    assert all(e.actor1 is not None and e.actor1.id.endswith(".rioters") for e in riots)


def test_events_crowds_villagers_who_lynch_are_rioters_and_the_victim_a_civilian(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "On 3 May 2023, in Sylhet, villagers beat a man to death after accusing him of "
            "stealing a goat."
        )
    )
    top = _top(doc)
    assert top.acled_event_type == "Riots"
    assert top.actor1 is not None and top.actor1.id == "BGD.rioters"
    assert top.actor2 is not None and top.actor2.id == "BGD.civilians"


def test_events_crowds_men_who_shoot_are_an_armed_group(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(parse_text("In Peshawar, two men shot dead a shopkeeper outside his home."))
    violent = _of_type(doc, "Violence against civilians")
    assert violent
    for e in violent:
        assert e.actor1 is not None and e.actor1.id == "PAK.unidentified-armed-group"


def test_events_crowds_a_peaceful_march_keeps_its_protesters(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("In Eldoret, hundreds of teachers marched peacefully to demand pay.")
    )
    protests = _of_type(doc, "Protests")
    assert protests
    for e in protests:
        assert e.actor1 is not None and e.actor1.id.endswith("protesters")


def test_events_crowds_clashes_between_two_sides_have_both_roles(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "Heavy fighting broke out between the SAF and the RSF near the airport of Nyala."
        )
    )
    battles = _of_type(doc, "Battles")
    assert battles
    top = max(battles, key=lambda e: e.confidence)
    assert top.actor1 is not None and top.actor2 is not None
    assert {top.actor1.id, top.actor2.id} == {"SDN.state-forces", "SDN.rsf"}
    assert all(r.id != top.actor2.id for r in top.actor1_more)


def test_events_crowds_protesting_drivers_are_the_crowd(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("In Cochabamba, protesting bus drivers threw stones at police officers.")
    )
    kinds = {a.id: a.kind for a in doc.actors}
    assert "protesters" in kinds.values()
    riots = _of_type(doc, "Riots")
    assert riots
    assert all(e.actor1 is not None and e.actor1.id == "BOL.rioters" for e in riots)


def test_events_crowds_settlers_who_riot_are_rioters_of_their_country(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "On 4 June 2023, Israeli settlers stormed the village of Turmus Ayya, smashed "
            "the windows of houses and set two cars on fire."
        )
    )
    riots = _of_type(doc, "Riots")
    assert riots
    top = max(riots, key=lambda e: e.confidence)
    assert top.actor1 is not None and top.actor1.id == "ISR.rioters"
    assert top.actor1.name == "Rioters (Israel)"
    assert [r.id for r in top.actor1_more] == ["ISR.settlers"]


def test_events_crowds_clashed_with_names_actor2(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("In Goma, M23 rebels clashed with FARDC soldiers on the main road.")
    )
    battles = _of_type(doc, "Battles")
    assert battles
    top = max(battles, key=lambda e: e.confidence)
    assert top.actor1 is not None and top.actor1.id == "COD.m23"
    assert top.actor2 is not None and top.actor2.id == "COD.state-forces"


def test_events_crowds_solidarity_with_a_people_is_no_patient(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text(
            "In Sanaa, thousands of demonstrators held a rally in solidarity with the "
            "Sudanese people."
        )
    )
    protests = _of_type(doc, "Protests")
    assert protests
    assert all(e.actor2 is None for e in protests)


def test_events_crowds_stones_thrown_at_the_police_act_on_the_police(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(parse_text("Rioters threw stones at police officers in Nanterre."))
    riots = _of_type(doc, "Riots")
    assert riots
    top = max(riots, key=lambda e: e.confidence)
    assert top.actor1 is not None and top.actor1.id == "FRA.rioters"
    assert top.actor2 is not None and top.actor2.id == "FRA.police"


def test_events_crowds_a_weapon_planted_by_a_group_is_its_act(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("Near Jowhar, a roadside bomb planted by al-Shabaab killed three soldiers.")
    )
    violent = [e for e in doc.events if e.acled_event_type == "Explosions/Remote violence"]
    assert violent
    top = max(violent, key=lambda e: e.confidence)
    assert top.actor1 is not None and top.actor1.id == "SOM.al-shabaab"


def test_events_crowds_passive_agent_of_a_coordinated_verb(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("In Quetta, a shopkeeper was shot and wounded by unidentified gunmen.")
    )
    attacks = _of_type(doc, "Violence against civilians")
    assert attacks
    top = max(attacks, key=lambda e: e.confidence)
    assert top.actor1 is not None and top.actor1.id == "PAK.unidentified-armed-group"


def test_events_crowds_a_strike_on_a_house_harms_the_civilians_it_killed(
    parse_text: Callable[..., Document], actors_events: Callable[[Document], Document]
) -> None:
    doc = actors_events(
        parse_text("Israeli warplanes struck a house in Rafah, killing three civilians.")
    )
    top = _top(doc)
    assert top.actor1 is not None and top.actor1.id == "ISR.state-forces"
    assert top.actor2 is not None and top.actor2.id == "PSE.civilians"
