"""ACLED-style notes from outside the Middle East: sentences we wrote, typed by the rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.actors import ActorsStage
from sitrep.events import EventsStage
from sitrep.events.acled import AcledCoder
from sitrep.events.lexicon import load_lexicon
from sitrep.events.rank import main_event
from sitrep.models import Actor, ActorRef, Article, Document, Place


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    return EventsStage(learned=False)


def subtype(parse_text: Callable[..., Document], stage: EventsStage, text: str) -> str | None:
    ev = main_event(stage(parse_text(text)))
    return ev.acled_sub_event_type if ev else None


# a month in a date is no protest word ("On 4 March 2023" names no march)
MONTHS = [
    (
        "On 4 March 2023, rebels attacked an army post near the river but were pushed back.",
        "Armed clash",
    ),
    ("On 19 March 2024, unknown gunmen shot dead two herders near the well.", "Attack"),
    (
        "In May 2022, bandits kidnapped a teacher on the road to the market.",
        ("Abduction/forced disappearance"),
    ),
    (
        "On 2 March 2023, hundreds of nurses held a march to the ministry over pay.",
        ("Peaceful protest"),
    ),
]


# weapons named in notes on the war in Ukraine and elsewhere
WEAPONS = [
    (
        "On 5 May 2023, Russian forces fired MLRS at a village in the south.",
        ("Shelling/artillery/missile attack"),
    ),
    (
        "Troops launched Shahed drones at the port overnight, damaging warehouses.",
        ("Air/drone strike"),
    ),
    (
        "Russian forces dropped glide bombs on the town, destroying two houses.",
        ("Air/drone strike"),
    ),
    (
        "A farmer's tractor hit the mine on a field road and he was killed.",
        ("Remote explosive/landmine/IED"),
    ),
]
# protest forms named in South Asian notes; a torch rally burns nothing
PROTESTS = [
    (
        "Opposition workers staged a dharna outside the district office against power cuts.",
        ("Peaceful protest"),
    ),
    ("Traders observed a hartal in the town to protest against a new tax.", "Peaceful protest"),
    (
        "Students formed a human chain on the campus to demand safety for women.",
        ("Peaceful protest"),
    ),
    (
        "Youth activists held a torch rally in the town square against unemployment.",
        ("Peaceful protest"),
    ),
    (
        "Police detained two men who held placards against the war outside the station.",
        ("Protest with intervention"),
    ),
    ("A crowd of protesters set a police car on fire near the court.", "Violent demonstration"),
    # herders who kill villagers are an armed (ethnic) militia in ACLED's use, not a mob
    ("Suspected herders attacked a farming village and killed five people.", "Attack"),
    # party supporters fighting with sticks are a crowd, whatever faction they follow
    (
        "Supporters of two factions of the ruling party clashed with sticks and knives over "
        "the market committee.",
        "Mob violence",
    ),
    ("Vigilantes and bandits exchanged gunfire near the village, killing six.", "Armed clash"),
    (
        "Party activists enforcing a blockade torched two buses on the highway.",
        ("Violent demonstration"),
    ),
    ("Two men on a motorcycle shot a shopkeeper outside his store.", "Attack"),
    # burning an effigy is a protest's symbol, no arson
    (
        "Opposition workers burnt an effigy of the minister in protest against the price rise.",
        ("Peaceful protest"),
    ),
    (
        "Peasant organisations held a minga on the highway to demand land titles.",
        ("Peaceful protest"),
    ),
    # people demanding something who turn violent are demonstrators, not a mob
    (
        "Dock workers demanding overdue pay smashed office windows and clashed with police.",
        ("Violent demonstration"),
    ),
    ("Unknown people hacked a farmer to death in his field.", "Attack"),
    # violence against people outranks the property burned with it
    ("Villagers set ablaze the hut of a healer and beat his son with sticks.", "Mob violence"),
    ("Troops disabled three explosive devices planted along the road.", "Disrupted weapons use"),
    # burning people to death is violence against them, not property destruction
    ("Attackers burned the driver to death in his cab on the highway.", "Attack"),
    (
        "Troops neutralised six terrorists during a clearance operation in the forest.",
        ("Armed clash"),
    ),
    ("Soldiers neutralised an explosive device found under a bridge.", "Disrupted weapons use"),
    ("Farmers gheraoed the district office over delayed compensation.", "Peaceful protest"),
    ("Unidentified gunmen shot dead a health worker near the clinic.", "Attack"),
    ("Armed men from two villages exchanged fire in the hills overnight.", "Armed clash"),
    # what a clash is about ("over the blockade") is no protest at the scene
    (
        "Rival party activists clashed with sticks over the strike call, injuring ten.",
        ("Mob violence"),
    ),
    # vigilantes who fight off armed men fight a battle; beating suspects is mob violence
    (
        "Vigilantes repelled an attack by armed herders on the village, losing two men.",
        ("Armed clash"),
    ),
    ("A vigilante group flogged two young men accused of stealing goats.", "Mob violence"),
    # an exchange of shells is two-sided: a battle, not a shelling
    ("The two armies exchanged artillery fire across the border overnight.", "Armed clash"),
    ("Government troops and rebels exchanged mortar shelling on the front line.", "Armed clash"),
    # the killing is the news, not the houses burned with it
    ("Militants killed eight villagers and burned several houses in the night.", "Attack"),
    # people of no armed kind killed are civilians; armed men killed fought
    ("Militants killed five firewood collectors near the lake.", "Attack"),
    ("Troops killed twelve bandits in the forest.", "Armed clash"),
    ("Soldiers killed four militiamen near the bridge.", "Armed clash"),
    ("Unidentified gunmen shot dead a former army officer in his shop.", "Attack"),
    ("Soldiers raided a separatist camp in the forest at dawn.", "Armed clash"),
    # people pushed back at a demonstration: intervention, not ground regained
    (
        "Riot police pushed back students who tried to block the ministry entrance.",
        ("Protest with intervention"),
    ),
    (
        "Officers stopped the nurses' march near the palace and pushed them back with shields.",
        ("Protest with intervention"),
    ),
    (
        "The army pushed back the militants from the hills above the town.",
        ("Government regains territory"),
    ),
    # riot-control gas dropped on troops is a chemical weapon (not at a protest)
    (
        "Russian forces dropped grenades with tear gas from a drone on Ukrainian trenches.",
        ("Chemical weapon"),
    ),
    ("A drone dropped K-51 grenades on enemy positions near the village.", "Chemical weapon"),
    (
        "Police fired grenades with tear gas to disperse the protesters near the court.",
        ("Protest with intervention"),
    ),
    ("Bandits rustled forty cows from herders near the river.", "Looting/property destruction"),
    (
        "Teachers observed a pen-down strike to demand the regularisation of their jobs.",
        ("Peaceful protest"),
    ),
    ("Rebels took the town without fighting.", "Non-violent transfer of territory"),
    (
        "Rebels captured the town after the army abandoned its positions following days of "
        "clashes.",
        "Non-state actor overtakes territory",
    ),
    # a protest followed by arrests in the next sentence was met with intervention
    (
        "Climate activists glued themselves to a road in the city centre. Police removed them "
        "and detained eight activists.",
        "Protest with intervention",
    ),
    # ... and one followed by the demonstrators' violence was a violent demonstration,
    # whatever the police did next
    (
        "Residents held a demonstration on the main road against the water cuts. "
        "Demonstrators burned tyres on the road.",
        "Violent demonstration",
    ),
    (
        "Bus drivers held a demonstration against the new fares on Monday. The drivers threw "
        "rocks at police officers near the bridge. Ten drivers were arrested.",
        "Violent demonstration",
    ),
    (
        "Prisoners protested against poor food on Monday. One of them had been taken to the "
        "prison hospital after falling ill.",
        "Peaceful protest",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MONTHS + WEAPONS + PROTESTS)
def test_events_regions_notes_are_typed(parse_text, stage, text, expected):
    assert subtype(parse_text, stage, text) == expected


# ACLED's sub-category tags at the head of a note name its type
TAGS = [
    (
        "Interception: On 3 May 2023, Russian forces launched drones at Kyiv; air defence "
        "downed most of them.",
        "Disrupted weapons use",
    ),
    (
        "Looting: On 4 May 2023, armed men entered the market and took goods from the stalls.",
        "Looting/property destruction",
    ),
    (
        "Non-violent activity: On 5 May 2023, a militant group handed out leaflets in the town.",
        "Other",
    ),
    (
        "Movement of forces: On 6 May 2023, the army moved two battalions to the border town.",
        "Change to group/activity",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TAGS)
def test_events_regions_note_tag_names_the_type(parse_text, stage, text, expected):
    assert subtype(parse_text, stage, text) == expected


def test_events_regions_unknown_tag_changes_nothing(parse_text, stage):
    text = "Update: On 7 May 2023, gunmen shot dead a trader in the market."
    assert subtype(parse_text, stage, text) == "Attack"


# ACLED's territorial types: only a country's own government regains its ground
def test_events_regions_foreign_forces_overtake_territory() -> None:
    coder = AcledCoder(load_lexicon())
    text = "Russian forces took control of the village."
    doc = Document(
        Article(id="a1", text=text),
        actors=(
            Actor(
                id="RUS.state-forces",
                name="Military Forces of Russia",
                kind="state-forces",
                country="RUS",
            ),
            Actor(
                id="UKR.state-forces",
                name="Military Forces of Ukraine",
                kind="state-forces",
                country="UKR",
            ),
        ),
    )
    village = Place(id="p1", name="Village", text="village", start=35, end=42, country="UA")
    russia = [ActorRef("RUS.state-forces", "Military Forces of Russia", "Russian forces")]
    ukraine = [ActorRef("UKR.state-forces", "Military Forces of Ukraine", "Ukrainian forces")]
    assert coder.foreign("GOV_REGAINS_TERIT", doc, russia, village) == (
        "NON_STATE_ACTOR_OVERTAKES_TER"
    )
    assert coder.foreign("GOV_REGAINS_TERIT", doc, ukraine, village) == "GOV_REGAINS_TERIT"
    assert coder.foreign("GOV_REGAINS_TERIT", doc, russia, None) == "GOV_REGAINS_TERIT"
    assert coder.foreign("ARMED_CLASH", doc, russia, village) == "ARMED_CLASH"


# foreign forces on the host government's side: the ground they take is the government's
def _territory(
    parse_text: Callable[..., Document],
    actors_stage: ActorsStage,
    text: str,
    country: str,
    code: str = "GOV_REGAINS_TERIT",
    published: str | None = None,
) -> str | None:
    """The code the foreign-forces rule gives ground taken by the text's first actor in
    a place of ``country`` (ISO alpha-2)."""
    doc = actors_stage(parse_text(text, published=published))
    first = doc.actors[0]
    agent = ActorRef(first.id, first.name, first.mentions[0].text)
    town = Place(id="p1", name="Town", text="town", start=0, end=4, country=country)
    return AcledCoder(load_lexicon()).foreign(code, doc, [agent], town)


OVERTAKES, REGAINS = "NON_STATE_ACTOR_OVERTAKES_TER", "GOV_REGAINS_TERIT"


@pytest.mark.parametrize(
    ("text", "country", "code", "published", "expected"),
    [
        # deployed at the host's request: Rwandan troops in Mozambique since 2021
        (
            "Rwandan troops recaptured the town from insurgents.",
            "MZ",
            REGAINS,
            "2023-08-08",
            REGAINS,
        ),
        # the same troops across another border take ground as any foreign force
        ("Rwandan troops seized the town after a day of fighting.", "CD", REGAINS, None, OVERTAKES),
        # with the host's own forces among the agents
        (
            "Wagner forces and the Malian army took control of the town.",
            "ML",
            OVERTAKES,
            None,
            REGAINS,
        ),
        # named right after an alliance word (no deployment listed for this pair)
        (
            "Chadian troops, alongside the Cameroonian army, retook the town from Boko Haram.",
            "CM",
            REGAINS,
            None,
            REGAINS,
        ),
        # the host's forces named as the losers make no alliance
        ("Russian forces took the town from the Ukrainian army.", "UA", REGAINS, None, OVERTAKES),
        # a deployment counts only while it lasted
        ("Russian forces captured the town from rebels.", "SY", REGAINS, "2019-05-01", REGAINS),
        ("Russian forces captured the town from rebels.", "SY", REGAINS, "2025-02-01", OVERTAKES),
    ],
)
def test_events_regions_foreign_allies_regain_territory(
    parse_text, actors_stage, text, country, code, published, expected
):
    assert _territory(parse_text, actors_stage, text, country, code, published) == expected


# "Beni" alone is a town of North Kivu, not the particle of "Beni Suef"
REGION = ("CD",)


def test_events_regions_beni_alone_is_a_place(places, stage, actors_stage):  # type: ignore[no-untyped-def]
    doc = stage(actors_stage(places("ADF militants killed 7 civilians in Beni.")))
    ev = main_event(doc)
    assert ev is not None and ev.place is not None
    assert ev.place.name == "Beni" and ev.place.country == "CD"


# a weapon destroyed is a weapon disrupted, also when a pronoun names it
@pytest.mark.parametrize(
    "text",
    [
        "Army engineers cleared 400 landmines near the border and destroyed them.",
        "Police seized a cache of grenades in the house and destroyed them.",
    ],
)
def test_events_regions_weapons_destroyed_by_pronoun(parse_text, stage, text):
    ev = main_event(stage(parse_text(text)))
    assert ev is not None and ev.acled_sub_event_type == "Disrupted weapons use"
    types = {e.trigger.text: e.acled_sub_event_type for e in stage(parse_text(text)).events}
    assert "Remote explosive/landmine/IED" not in types.values()
