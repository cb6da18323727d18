"""Fifteenth events session: general rules, each with sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events import EventsStage
from sitrep.models import Document


def test_events_engaging_armed_men_is_a_clash_engaging_others_is_not(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    for text in (
        "Police commandos engaged Maoist rebels in a forest of Bijapur district on Sunday.",
        "Troops engaged Boko Haram fighters near Bama on Friday, the army said.",
        "Soldiers engaged the gunmen for two hours before they fled into the hills.",
    ):
        doc = stage(parse_text(text))
        engaged = [e for e in doc.events if e.trigger.text.lower() == "engaged"]
        assert [e.acled_sub_event_type for e in engaged] == ["Armed clash"], text
        assert case_label(doc) == "ARMED_CLASH", text
    for text in (
        "The campaign engaged voters across the state ahead of the poll.",
        "The minister engaged in talks with the union on Monday.",
        "The company engaged a law firm to review the contract.",
    ):
        doc = stage(parse_text(text))
        assert not any(e.trigger.text.lower() == "engaged" for e in doc.events), text


def test_events_a_plural_mask_is_masked_too(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    """"riot shields" is no riot, as "riot shield" is not."""
    stage = EventsStage(learned=False)
    for text in (
        "National Guard troops blocked a march of pensioners in Caracas, pushing them back "
        "with riot shields.",
        "Police in riot helmets and riot shields dispersed the sit-in by teachers.",
    ):
        assert case_label(stage(parse_text(text))) == "PROTEST_WITH_INTER", text
    riot = "Protesters rioted in the capital, burning tyres and hurling stones at the police."
    assert case_label(stage(parse_text(riot))) == "VIOL_DEMONSTR"


def test_events_what_is_said_inside_a_background_clause_is_background(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = (
        "Suspected ADF rebels hacked to death at least 22 civilians in a night raid on a "
        "village near Beni, a week after the army announced it had retaken a nearby rebel camp."
    )
    doc = stage(parse_text(text))
    retaken = [e for e in doc.events if e.trigger.text == "retaken"]
    hacked = [e for e in doc.events if e.trigger.text == "hacked"]
    assert retaken and hacked
    assert retaken[0].confidence < hacked[0].confidence
    assert case_label(doc) == "ATTACK"
    # said in the main clause, it is the news
    said = stage(parse_text("The army announced it had retaken a rebel camp near Beni."))
    assert case_label(said) == "GOV_REGAINS_TERIT"


def test_events_arresting_organisers_of_a_planned_protest_is_an_arrest(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    for text in (
        "Authorities in Harare arrested the organisers of a planned anti-government march on "
        "Friday, a day before it was due to take place.",
        "Police detained the leaders of the upcoming rally in Minsk on Monday.",
    ):
        assert case_label(stage(parse_text(text))) == "ARREST", text
    for text in (
        "Police arrested 30 protesters during a march against fuel prices in Lagos.",
        "Police arrested the organisers of the march as it reached the parliament.",
    ):
        assert case_label(stage(parse_text(text))) == "PROTEST_WITH_INTER", text


def test_events_a_gunbattle_is_a_clash_and_a_chairman_a_leader(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = "Militants stormed an army base, sparking a gunbattle that lasted several hours."
    assert case_label(stage(parse_text(text))) == "ARMED_CLASH"
    text = "The NSCN-K announced it has appointed a new chairman following the death of its leader."
    assert case_label(stage(parse_text(text))) == "CHANGE_TO_GROUP_ACT"


def test_events_a_clause_a_span_of_time_sets_apart_is_another_event(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    # its weapon does not type the news ...
    text = (
        "Al-Shabaab militants stormed an army base in Lower Shabelle on Monday, a day after a "
        "roadside bomb hit a convoy in the same area."
    )
    doc = stage(parse_text(text))
    stormed = [e for e in doc.events if e.trigger.text == "stormed"]
    assert [e.acled_sub_event_type for e in stormed] == ["Armed clash"]
    # ... nor takes the news's deaths as its own
    text = "Gunmen killed five people in a market, two days after a suicide bomber struck a mosque."
    doc = stage(parse_text(text))
    killed = [e for e in doc.events if e.trigger.text == "killed"]
    assert [e.acled_sub_event_type for e in killed] == ["Attack"]
    assert case_label(doc) == "ATTACK"
    # a result told with its attack is still that attack's
    doc = stage(parse_text("A suicide bomber struck a mosque in the town, killing five people."))
    assert not any(e.trigger.text == "killing" for e in doc.events)
    assert case_label(doc) == "SUIC_BOMB"


def test_events_words_for_shots_not_fired_injuries_and_a_group_giving_up(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    cases = {
        "Taliban fighters walked into the provincial capital on Sunday after the police left "
        "overnight; no shots were fired, residents said.": "NON_VIOL_TERRIT_TRANSFER",
        "Rebels took the town without firing a shot.": "NON_VIOL_TERRIT_TRANSFER",
        "Rebels captured the town after two days of heavy fighting.": (
            "NON_STATE_ACTOR_OVERTAKES_TER"
        ),
        "Riot police fired tear gas canisters directly at marchers in Cali, leaving a young "
        "man with a fractured skull.": "FORCE_AGAINST_PROTEST",
        "Riot police fired tear gas at marchers in Cali.": "PROTEST_WITH_INTER",
        "A dissident FARC bloc announced that it was ceasing armed operations and would "
        "become a political movement.": "CHANGE_TO_GROUP_ACT",
    }
    for text, label in cases.items():
        assert case_label(stage(parse_text(text))) == label, text


def test_case_cues_for_a_fire_that_broke_out_and_drugs_by_street_name(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    fire = "A fire at a garment factory in Gazipur killed twelve workers, fire officials said."
    assert case_label(stage(parse_text(fire))) == "MAN_MADE_DISASTER"
    arson = "Attackers set fire to a church in the village, burning it to the ground."
    assert case_label(stage(parse_text(arson))) != "MAN_MADE_DISASTER"
    shot = "Troops opened fire at a checkpoint, killing two."
    assert case_label(stage(parse_text(shot))) != "MAN_MADE_DISASTER"
    yaba = "Coast Guard recovers two lakh yaba tablets from fishing trawler in Teknaf"
    assert case_label(stage(parse_text(yaba))) == "ORG_CRIME"


def test_events_property_destroyed_yields_to_people_killed_with_it(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = "Attackers set fire to a church in the village, killing three worshippers."
    assert case_label(stage(parse_text(text))) == "ATTACK"
    text = "Attackers set fire to a church in the village overnight, residents said."
    assert case_label(stage(parse_text(text))) == "PROPERTY_DISTRUCT"


def test_events_a_headline_verb_tagged_as_a_plural_noun_is_the_verb(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    cases = {
        "Military retakes last rebel-held building in Marawi, says army": "GOV_REGAINS_TERIT",
        "Sticky bomb attached to car explodes in Kabul, driver hurt": "REM_EXPLOS",
    }
    for text, label in cases.items():
        doc = stage(parse_text(text))
        assert case_label(doc) == label, text
    # a plural noun with its own determiner, or an event noun, stays a noun
    doc = stage(parse_text("The retakes of the scene were filmed in Marawi."))
    assert not doc.events


def test_events_fifteenth_session_trigger_words(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    cases = {
        # "trade fire" as "exchange fire"
        "Soldiers and rebels traded fire for two hours on the outskirts of Goma on "
        "Wednesday.": "ARMED_CLASH",
        # a gathering to bury the dead is no protest: the rocket attack is the news
        "Relatives gathered on Tuesday to bury four of the seven people killed when rockets "
        "slammed into a residential block in Kharkiv on Saturday.": "ART_MISS_ATTACK",
        "Hundreds gathered outside the parliament to demand the release of detained "
        "activists.": "PEACE_PROTEST",
        # a ceasefire violated is no agreement
        "Pakistan violates ceasefire, shells forward posts in Poonch": "ART_MISS_ATTACK",
        "The two sides agreed a ceasefire on Sunday.": "AGREEMENT",
        # men pulled out of a bus are no withdrawal; troops pulled out are
        "Residents stopped a minibus, pulled out several men they suspected of being gang "
        "members and stoned them to death, police said.": "MOB_VIOL",
        "The army pulled out its troops from the town on Monday.": "NON_VIOL_TERRIT_TRANSFER",
        # walking into a shop takes no territory
        "A man wearing an explosive vest walked into a tea shop frequented by soldiers and "
        "blew himself up, killing six people.": "SUIC_BOMB",
    }
    for text, label in cases.items():
        assert case_label(stage(parse_text(text))) == label, text
    found = stage(parse_text("Investigators said fragments of Grad rockets were found."))
    assert not any(e.acled_sub_event_type == "Disrupted weapons use" for e in found.events)
    cache = stage(parse_text("Police found a cache of rockets in a farmhouse."))
    assert case_label(cache) == "DISR_WEAP"


def test_case_cues_a_force_telling_of_its_own_strike_and_a_rigged_cylinder(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    cases = {
        "US Africa Command said it carried out an air strike against al-Shabaab fighters "
        "near Jilib on Sunday, killing four militants.": "AIR_STRIKE",
        "The Islamic State group said it carried out the attack on the checkpoint.": "ATTRIB",
        "Troops at a checkpoint intercepted a vehicle loaded with gas cylinders rigged as "
        "explosives, an army spokesman said.": "DISR_WEAP",
    }
    for text, label in cases.items():
        assert case_label(stage(parse_text(text))) == label, text


def test_case_a_violent_event_said_to_be_to_blame_is_its_attribution(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = (
        "Kyiv accused Russian forces of blowing up the Nova Kakhovka dam, while Moscow said "
        "Ukrainian shelling was to blame."
    )
    assert case_label(stage(parse_text(text))) == "ATTRIB"
    # an accusation alone is told as the violence it names
    text = "The rebels accused the army of a chlorine attack that killed five civilians."
    assert case_label(stage(parse_text(text))) == "CHEM_WEAP"


def test_events_the_english_of_regional_outlets(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    cases = {
        # "the accused" are people, not an accusation
        "Unknown persons barged into the house of a shopkeeper and shot him dead. Police has "
        "registered a case against unknown accused.": "ATTACK",
        "The terrorist elements carried away the chief of the village together with his two "
        "sons in the night.": "ABDUCT_DISSAP",
        # soldiers who "embrace martyrdom" died: no suicide attack
        "IED BLAST HITS FC VEHICLE IN KECH, THREE PERSONNEL EMBRACE MARTYRDOM A roadside "
        "improvised explosive device went off when the vehicle was passing.": "REM_EXPLOS",
        "The forces of the FARDC reconquered the locality of Kitshanga which was occupied by "
        "the M23 rebels.": "GOV_REGAINS_TERIT",
        "The Taliban entered the provincial capital without firing a single shot.": (
            "NON_VIOL_TERRIT_TRANSFER"
        ),
        "The elements of the army fired with real bullets on the unarmed crowd of "
        "demonstrators in Conakry.": "FORCE_AGAINST_PROTEST",
        "The elements of the gendarmerie interpellated five individuals suspected of "
        "complicity with the terrorists in Dori.": "ARREST",
        "The terrorists of the ISGS have installed a base in the forest near the village.": (
            "HQ_ESTABLISHED"
        ),
        "Two armed groups of the north announced their fusion into a single movement.": (
            "CHANGE_TO_GROUP_ACT"
        ),
        "The BLA has owned the killing of the two labourers in Turbat, its spokesman said.": (
            "ATTRIB"
        ),
    }
    for text, label in cases.items():
        assert case_label(stage(parse_text(text))) == label, text


def test_events_cues_of_several_words_match_a_target(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    """The target's words and lemmas are kept apart (``span_string``), so a cue of several
    words ("ex - soldier", as the parser splits it) is found in them."""
    stage = EventsStage(learned=False)
    text = "Gunmen shot dead an ex-soldier in the village on Monday."
    assert case_label(stage(parse_text(text))) == "ATTACK"
    text = "Gunmen shot dead a soldier at the checkpoint on Monday."
    assert case_label(stage(parse_text(text))) == "ARMED_CLASH"
    text = "Israeli forces shot a Palestinian near Khirbat Atuf on Monday."
    assert case_label(stage(parse_text(text))) == "ATTACK"


def test_events_demonstrators_blocking_streets_riot(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = (
        "Opposition supporters have blocked streets in the capital after they launched a "
        "campaign of protests to force the prime minister to step down."
    )
    assert case_label(stage(parse_text(text))) == "VIOL_DEMONSTR"
    text = "Opposition supporters marched through the capital to demand new elections."
    assert case_label(stage(parse_text(text))) == "PEACE_PROTEST"


def test_events_fresh18_syntax(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    cases = {
        # two events each told inside the other's clause: both compete
        "The recapture of the district headquarters by the army followed a fierce assault "
        "backed by armoured vehicles.": "GOV_REGAINS_TERIT",
        # people marched somewhere by armed men protest nothing
        "Armed men had taken 10 passengers off a bus near Gusau and marched them into the "
        "forest.": "ABDUCT_DISSAP",
        "Thousands marched through the capital on Sunday.": "PEACE_PROTEST",
        "Police used excessive force to disperse the protesters in Nairobi.": (
            "FORCE_AGAINST_PROTEST"
        ),
        "At least a dozen women and girls were carried off from the camp by fighters of the "
        "group.": "ABDUCT_DISSAP",
        # what a quantity word counts falls
        "Scores of Grad rockets rained down on the port town on Thursday night.": (
            "ART_MISS_ATTACK"
        ),
    }
    for text, label in cases.items():
        assert case_label(stage(parse_text(text))) == label, text


def test_events_a_deployment_noun_attacked_is_the_target(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = "A patrol ambushed on the road to Damboa returned fire, witnesses said."
    doc = stage(parse_text(text))
    assert not any(e.trigger.text == "patrol" for e in doc.events)
    assert case_label(doc) == "ARMED_CLASH"
    deployed = stage(parse_text("The army deployed a patrol to the village on Monday."))
    assert case_label(deployed) == "CHANGE_TO_GROUP_ACT"


def test_events_the_release_of_hostages_as_the_verb(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    text = (
        "The release of 12 hostages, negotiated by local elders with the armed group, took "
        "place on Wednesday, officials said."
    )
    assert case_label(stage(parse_text(text))) == "AGREEMENT"
    doc = stage(parse_text("The release of the report was delayed."))
    assert not any(e.trigger.text == "release" for e in doc.events)


def test_events_a_peaceful_protest_broken_up_a_base_established_a_group_renamed(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    stage = EventsStage(learned=False)
    cases = {
        "A peaceful protest by taxi drivers was cut short when security forces moved in and "
        "pushed the crowd back with batons.": "PROTEST_WITH_INTER",
        "The dispersal of a peaceful sit-in by riot police ended a week-long occupation of "
        "the square.": "PROTEST_WITH_INTER",
        "Thousands marched peacefully through the capital on Sunday.": "PEACE_PROTEST",
        "The establishment of a new headquarters by the armed group in the hill village marks "
        "its move into the province.": "HQ_ESTABLISHED",
        "The rebel movement said it was changing its name to the National Liberation Front.": (
            "CHANGE_TO_GROUP_ACT"
        ),
    }
    for text, label in cases.items():
        assert case_label(stage(parse_text(text))) == label, text
