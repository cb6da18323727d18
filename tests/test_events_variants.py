"""News-language variants of event words, on sentences we wrote (no actors or places)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.events import EventsStage
from sitrep.events.rank import main_event
from sitrep.models import Document


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    return EventsStage()


def subtype(parse_text: Callable[..., Document], stage: EventsStage, text: str) -> str | None:
    ev = main_event(stage(parse_text(text)))
    return ev.acled_sub_event_type if ev else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Insurgents mortared the army base overnight.", "Shelling/artillery/missile attack"),
        (
            "Mortar fire hit the outskirts of the town on Monday.",
            "Shelling/artillery/missile attack",
        ),
        ("Dock workers went on strike on Monday over pay.", "Peaceful protest"),
        ("Soldiers mutinied over unpaid salaries.", "Change to group/activity"),
        ("Government forces retook the district from insurgents.", "Government regains territory"),
        ("Militants stormed a village and killed 12 people.", "Attack"),
        ("Commandos stormed a rebel base near the river.", "Armed clash"),
        (
            "Kidnappers seized six passengers from a bus on the highway.",
            "Abduction/forced disappearance",
        ),
        ("Angry villagers burned down the police station.", "Looting/property destruction"),
        ("Air defences downed a drone over the airport.", "Disrupted weapons use"),
        ("Two soldiers died in an exchange of fire with militants.", "Armed clash"),
        ("A suspected thief was beaten to death by a mob.", "Mob violence"),
        ("Rebels killed a villager they suspected of being a police informer.", "Attack"),
        ("Militants attacked a military vehicle on the highway.", "Armed clash"),
        ("Security forces dismantled an IED planted on the road.", "Disrupted weapons use"),
        ("Gunmen ambushed a wedding party, killing nine guests.", "Attack"),
        ("Government troops ambushed a rebel column near the river.", "Armed clash"),
        ("Police seized a truck loaded with explosives at a checkpoint.", "Disrupted weapons use"),
        ("A car rammed into a crowd of worshippers, killing three.", "Attack"),
        # the parser lemmatises "raped" as "rap"
        ("Militiamen raped two women at the displacement camp.", "Sexual violence"),
        ("He is accused of raping a detainee in the police station.", "Sexual violence"),
        # the parser tags "protested" as a noun after "the disappeared"
        ("In Zapopan, relatives of the disappeared protested.", "Peaceful protest"),
        ("In Manhattan, climate activists blocked traffic for an hour.", "Peaceful protest"),
        ("In Rome, climate activists threw paint on a fountain.", "Violent demonstration"),
        # a found device blown up on purpose is disrupted weapons use
        ("Sappers found a landmine by the road and detonated it safely.", "Disrupted weapons use"),
        ("An IED exploded near a checkpoint, killing three.", "Remote explosive/landmine/IED"),
    ],
)
def test_events_variant_words_are_typed(parse_text, stage, text, expected):
    assert subtype(parse_text, stage, text) == expected


def test_events_riot_police_is_no_riot(parse_text, stage):
    text = "Riot police fired tear gas to disperse hundreds of students marching on parliament."
    assert subtype(parse_text, stage, text) == "Protest with intervention"


def test_events_modifier_noun_is_no_event(parse_text, stage):
    doc = stage(parse_text("Officers carried assault rifles and an arrest warrant."))
    assert not [e for e in doc.events if e.trigger.text.lower() in ("assault", "arrest")]


# ACLED refinements: interception, non-state detention, settlers and rioters, land taken,
# patrols, a protest's grievance (sentences written for sitrep)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # projectiles fired and reported intercepted in the same sentence
        (
            "Militants fired a salvo of rockets at the port city, but air defences "
            "intercepted most of them over the sea.",
            "Disrupted weapons use",
        ),
        (
            "A barrage of missiles was launched toward the capital, and several were "
            "shot down before reaching it.",
            "Disrupted weapons use",
        ),
        # no interception: still a shelling
        (
            "Militants fired a salvo of rockets at the port city on Sunday.",
            "Shelling/artillery/missile attack",
        ),
        # detention by a non-state group is an abduction, by the state an arrest
        (
            "Rebel fighters detained three teachers at a checkpoint outside the town.",
            "Abduction/forced disappearance",
        ),
        ("Police detained three smugglers at a checkpoint outside the town.", "Arrests"),
        # unorganised groups of civilians turning on others: mob violence
        (
            "A group of settlers threw stones at passing cars near the village.",
            "Mob violence",
        ),
        ("Rioters hurled stones at a bus carrying pilgrims.", "Mob violence"),
        # rioters facing the police: a demonstration turned violent
        (
            "Rioters clashed with police in the main square after the verdict.",
            "Violent demonstration",
        ),
        # farmland and homes taken are property, not territory
        (
            "Soldiers seized forty dunams of farmland belonging to the villagers.",
            "Looting/property destruction",
        ),
        ("Government troops seized the town after heavy fighting.", "Government regains territory"),
        (
            "Troops seized hundreds of hectares of farmland near the river.",
            "Looting/property destruction",
        ),
        # patrols and security measures change a group's activity
        (
            "Peacekeepers conducted a patrol along the border road on Tuesday.",
            "Change to group/activity",
        ),
        # what a protest denounces does not make it violent or repressed
        (
            "Hundreds of students held a rally in the capital to denounce the killing of "
            "a journalist last week.",
            "Peaceful protest",
        ),
        (
            "Workers staged a protest outside the ministry against the arrest of "
            "their union leader.",
            "Peaceful protest",
        ),
        # an explosive thrown by hand is a grenade attack
        (
            "Gunmen threw an explosive device at a police patrol in the market.",
            "Grenade",
        ),
        # naval guns are shelling
        (
            "Gunboats struck the coast near the fishing harbour.",
            "Shelling/artillery/missile attack",
        ),
        # a nationality named as the target is people: violence against civilians
        ("Police shot an Afghan near the bus station on Monday.", "Attack"),
        ("Soldiers shot two Palestinians near the checkpoint.", "Attack"),
        ("Troops opened fire at residential areas of the town.", "Attack"),
        # a mob taking land takes property; it is no mob violence
        (
            "A group of settlers seized twenty dunams of farmland near the village.",
            "Looting/property destruction",
        ),
        # an arrest told after the shooting is its sequel, not the report's event
        (
            "Gunmen opened fire on a minibus carrying farmers, killing two of them. "
            "Police later arrested three suspects.",
            "Attack",
        ),
        # what a protest condemns is no event of the report
        (
            "Thousands of demonstrators rallied in the capital to condemn the air strikes "
            "that killed dozens of people in the north.",
            "Peaceful protest",
        ),
        # arrests told with a protest are how the protest was met
        (
            "Activists blocked a motorway near the airport; police removed and detained "
            "thirty of them.",
            "Protest with intervention",
        ),
        # troops blocking roads with no demonstration named: a security measure
        (
            "Soldiers blocked the entrances of the village with earth mounds.",
            "Change to group/activity",
        ),
        # a crowd beating a suspected thief is mob violence
        ("An angry crowd beat a suspected thief to death at the market.", "Mob violence"),
        # force against the protesters themselves still counts
        (
            "Police opened fire on the protesters in the capital, killing four of them.",
            "Excessive force against protesters",
        ),
    ],
)
def test_events_acled_refinements(
    parse_text: Callable[..., Document], stage: EventsStage, text: str, expected: str
) -> None:
    assert subtype(parse_text, stage, text) == expected


# mob violence: people who are no armed group, with hands or primitive weapons, no protest
CROWD_VIOLENCE: list[tuple[str, str | None]] = [
    ("Villagers beat two men to death near the river, accusing them of theft.", "Mob violence"),
    ("Fans of the two teams fought with bottles outside the stadium.", "Mob violence"),
    ("Residents of two hamlets clashed over a well, leaving six people hurt.", "Mob violence"),
    ("Youths attacked a delivery van with stones in the old quarter.", "Mob violence"),
    # an armed group, a state agent or a firearm keeps the violence where it was
    ("Gunmen attacked a bus on the highway, killing four passengers.", "Attack"),
    ("Police beat a detained trader to death at the station.", "Attack"),
    ("Militants clashed with villagers armed with sticks.", "Armed clash"),
    # a demonstration named makes the violence a violent demonstration
    (
        "Protesters threw stones at the governor's convoy during a march against fuel prices.",
        "Violent demonstration",
    ),
]


# vocabulary of general news usage for territory, bases, group activity, bodies and drills
NEWS_VOCABULARY: list[tuple[str, str | None]] = [
    ("Army units drove the insurgents out of the river port.", "Government regains territory"),
    ("Government forces won back the airport after a week.", "Government regains territory"),
    ("The rebels wrested the hill town from the army.", "Non-state actor overtakes territory"),
    (
        "The militants turned a disused school into a base for their fighters.",
        "Headquarters or base established",
    ),
    ("The insurgent movement appointed a new military chief.", "Change to group/activity"),
    ("The governor imposed a curfew on the two districts.", "Change to group/activity"),
    ("Authorities declared a state of emergency in the valley.", "Change to group/activity"),
    ("The militia began recruiting teenagers in the camps.", "Change to group/activity"),
    ("Four bodies were found in a field near the highway.", "Other"),
    ("The bodies of two traders were found with gunshot wounds.", "Attack"),
    ("The navy held a military exercise off the southern coast.", "Other"),
    ("A shepherd was found dead in the hills.", "Other"),
]


# how a protest was met, detention that ends in a disappearance, sexual violence named with
# an abduction, a protest's grievance
PROTESTS_AND_DETENTIONS: list[tuple[str, str | None]] = [
    (
        "Police detained a student leader and his family says his whereabouts are unknown.",
        "Abduction/forced disappearance",
    ),
    ("Militiamen abducted two girls and raped them in a forest camp.", "Sexual violence"),
    ("A crowd burned a suspected thief alive in the market.", "Mob violence"),
    (
        "Riot police broke up a vigil outside the prison and detained six people.",
        "Protest with intervention",
    ),
    (
        "Police fired live rounds at a peaceful sit-in, and three people died.",
        "Excessive force against protesters",
    ),
    (
        "Officers dispersed the march with tear gas; no injuries were reported.",
        "Protest with intervention",
    ),
    ("Hundreds rallied against the arrests of two journalists.", "Peaceful protest"),
    ("Youths pelted a passing patrol with stones near the market.", "Mob violence"),
]


def test_events_rules_grievance_keeps_little_confidence(
    parse_text: Callable[..., Document], stage: EventsStage
) -> None:
    doc = stage(parse_text("Hundreds rallied against the arrests of two journalists."))
    rally = next(e for e in doc.events if e.trigger.text == "rallied")
    arrests = next(e for e in doc.events if e.trigger.text == "arrests")
    assert arrests.confidence < rally.confidence


# a charge beside violence is its reason; a strike by workers is a protest
SPEECH_AND_STRIKES: list[tuple[str, str | None]] = [
    ("Insurgents shot dead a teacher they accused of informing for the army.", "Attack"),
    ("Gunmen killed two herders, accusing them of stealing goats.", "Attack"),
    ("Nurses at the district hospital went on a strike over unpaid wages.", "Peaceful protest"),
    ("Bus drivers began an indefinite strike on Monday.", "Peaceful protest"),
]


def test_events_rules_charge_yields_to_violence(
    parse_text: Callable[..., Document], stage: EventsStage
) -> None:
    doc = stage(parse_text("Insurgents shot dead a teacher they accused of informing."))
    charge = next(e for e in doc.events if e.plover_type == "ACCUSE")
    shot = next(e for e in doc.events if e.plover_type == "ASSAULT")
    assert charge.confidence < shot.confidence


# suicide attacks told by their vest or vehicle, chemical weapons told by their use or their
# symptoms, offices and bases opened
WEAPONS_AND_OFFICES: list[tuple[str, str | None]] = [
    ("A man wearing an explosive vest blew up a checkpoint queue.", "Suicide bomb"),
    ("A bomber with explosives strapped to his body struck a wedding hall.", "Suicide bomb"),
    ("Witnesses said the army used chlorine against the besieged quarter.", "Chemical weapon"),
    (
        "After the shelling, doctors treated dozens for choking and breathing difficulties.",
        "Chemical weapon",
    ),
    ("The rebels opened a new office in the border town.", "Headquarters or base established"),
    ("Police used tear gas to disperse the students' march.", "Protest with intervention"),
]


def test_events_rules_leaving_dead_is_no_withdrawal(
    parse_text: Callable[..., Document], stage: EventsStage
) -> None:
    doc = stage(
        parse_text("Militants attacked a border post on Monday, leaving at least nine dead.")
    )
    assert not [e for e in doc.events if e.plover_type == "RETREAT"]


def test_events_rules_accidents_are_no_violence(
    parse_text: Callable[..., Document], stage: EventsStage
) -> None:
    for text in (
        "A fire in a textile mill killed eleven workers overnight.",
        "A crowded minibus plunged off a bridge, killing nine passengers.",
    ):
        assert subtype(parse_text, stage, text) is None, text
    # a weapon's fire is violence
    shelled = "Artillery fire destroyed the bridge over the river."
    assert subtype(parse_text, stage, shelled) is not None


@pytest.mark.parametrize(
    "text",
    [
        "A teenager was killed by Israeli fire near the border fence on Tuesday.",
        "Ukrainian fire killed two civilians in a village near Belgorod.",
    ],
)
def test_events_rules_a_nations_fire_is_an_attack(
    parse_text: Callable[..., Document], stage: EventsStage, text: str
) -> None:
    assert subtype(parse_text, stage, text) == "Attack"


def test_events_rules_a_nations_fire_is_its_own_not_a_buildings(
    parse_text: Callable[..., Document], stage: EventsStage
) -> None:
    doc = stage(parse_text("A farmer was killed by Israeli fire near the border fence."))
    ev = main_event(doc)
    assert ev is not None and ev.actor1 is not None and ev.actor1.name == "Israeli"
    # a blaze named by where it burned stays an accident
    blaze = "A Nigerian market fire killed four traders on Sunday."
    assert subtype(parse_text, stage, blaze) is None


# what a victim is accused of is no cue; strikers and gatherings are protests
CHARGES_AND_STRIKERS: list[tuple[str, str | None]] = [
    ("A mob beat two men suspected of kidnapping a girl.", "Mob violence"),
    ("Villagers lynched a man they accused of rape.", "Mob violence"),
    (
        "Police opened fire on striking dock workers, killing three.",
        "Excessive force against protesters",
    ),
    ("Striking drivers torched two buses at the depot.", "Violent demonstration"),
    ("Protesters set the town hall on fire during the general strike.", "Violent demonstration"),
]


# people taken and never seen again; shots fired into the air that hit nobody
TAKEN_AND_WARNING_SHOTS: list[tuple[str, str | None]] = [
    (
        "A journalist went missing after being picked up by men in plain clothes.",
        "Abduction/forced disappearance",
    ),
    (
        "Soldiers took her from her home at night and she has not been seen since.",
        "Abduction/forced disappearance",
    ),
    ("Police picked up a union organiser at his home on Monday.", "Arrests"),
    ("Troops fired into the air during a search of the village.", "Other"),
    ("The navy test-fired a cruise missile from a frigate in the gulf.", "Other"),
    (
        "Police fired into the air to scatter a crowd of marching teachers.",
        "Protest with intervention",
    ),
]


# a group's or a government's measures: internet cut, leaders replaced, units trained
GROUP_MEASURES: list[tuple[str, str | None]] = [
    (
        "The authorities shut down the internet in the northern province.",
        "Change to group/activity",
    ),
    ("The rebel movement replaced its commander in the east.", "Change to group/activity"),
    ("The militia is training a new brigade near the lake.", "Change to group/activity"),
]


# diplomacy is no ACLED event: agreements on relations or trade, protests lodged by a
# government; banned or planned protests have not happened
DIPLOMACY_AND_BANS: list[tuple[str, str | None]] = [
    ("The two governments agreed to expand trade and investment.", None),
    ("The foreign ministry summoned the envoy to protest the remarks.", None),
    ("The militia and the army agreed to exchange prisoners.", "Agreement"),
    ("Anti-war protesters marched to the parliament on Sunday.", "Peaceful protest"),
    ("The governor banned all rallies in the province.", "Change to group/activity"),
]


# ground handed over or taken with no fight; buildings blown up with nobody hurt
HANDOVERS_AND_DEMOLITIONS: list[tuple[str, str | None]] = [
    (
        "The rebels took control of the crossing, meeting no resistance.",
        "Non-violent transfer of territory",
    ),
    (
        "The militia handed the port back to the coast guard.",
        "Non-violent transfer of territory",
    ),
    ("Insurgents blew up a railway bridge north of the city.", "Looting/property destruction"),
    (
        "Militants blew up an army truck on the road, killing four soldiers.",
        "Remote explosive/landmine/IED",
    ),
]


# the weapon decides: drones that slam into a target, shells lobbed, barrel bombs that
# destroy, mines that vehicles hit
WEAPONS_DECIDE: list[tuple[str, str | None]] = [
    ("A kamikaze drone slammed into a fuel terminal near the port.", "Air/drone strike"),
    ("Militants lobbed mortar rounds into the army base.", "Shelling/artillery/missile attack"),
    ("Rebels lobbed a grenade into a police truck.", "Grenade"),
    ("Barrel bombs destroyed a bakery in the old town.", "Air/drone strike"),
    ("A minibus hit a mine on a dirt road, killing six.", "Remote explosive/landmine/IED"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *CROWD_VIOLENCE,
        *NEWS_VOCABULARY,
        *PROTESTS_AND_DETENTIONS,
        *SPEECH_AND_STRIKES,
        *WEAPONS_AND_OFFICES,
        *DIPLOMACY_AND_BANS,
        *HANDOVERS_AND_DEMOLITIONS,
        *WEAPONS_DECIDE,
        *CHARGES_AND_STRIKERS,
        *TAKEN_AND_WARNING_SHOTS,
        *GROUP_MEASURES,
    ],
)
def test_events_rules_general(
    parse_text: Callable[..., Document], stage: EventsStage, text: str, expected: str | None
) -> None:
    assert subtype(parse_text, stage, text) == expected


def test_events_clause_sets_are_cached_per_lexicon(parse_text: Callable[..., Document]) -> None:
    from sitrep.events.clauses import charge_tokens
    from sitrep.events.syntax import SentenceView

    doc = parse_text("Villagers beat a man they accused of stealing cattle.")
    view = SentenceView(doc, doc.sentences[0])
    with_accuse = charge_tokens(view, frozenset({"accuse"}))
    # the same sentence asked with another lexicon is computed afresh, not served from cache
    assert with_accuse and charge_tokens(view, frozenset({"suspect"})) == set()
    assert charge_tokens(view, frozenset({"accuse"})) == with_accuse
