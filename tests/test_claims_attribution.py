"""Attribution: cues, speakers, content spans, quotes and stances, on sentences written here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sitrep.claims import ClaimsStage
from sitrep.models import Claim, Document, Event, Mention

STAGE = ClaimsStage()


def with_events(doc: Document, *triggers: str) -> Document:
    """Add one hand-built event per trigger word (first occurrence in the text)."""
    events = []
    for word in triggers:
        start = doc.article.text.index(word)
        sent = next(s.i for s in doc.sentences if s.start <= start < s.end)
        events.append(
            Event(
                id=f"e-{word}",
                sentence=sent,
                trigger=Mention(word, start, start + len(word)),
                plover_type="ASSAULT",
            )
        )
    return dataclasses.replace(doc, events=tuple(events))


def claims_of(parse_text: Callable[..., Document], text: str, *triggers: str) -> Document:
    return STAGE(with_events(parse_text(text), *triggers))


def content(doc: Document, claim: Claim) -> str:
    return doc.article.text[claim.start : claim.end]


def only(doc: Document, cue: str) -> Claim:
    found = [c for c in doc.claims if c.cue.casefold() == cue.casefold()]
    assert len(found) == 1, [c.cue for c in doc.claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "stance", "gist"),
    [
        (
            "Government troops left the town of Saraqib overnight, according to the Syrian "
            "Observatory for Human Rights.",
            "according to",
            "Syrian Observatory for Human Rights",
            "reports",
            "Government troops left the town of Saraqib overnight",
        ),
        (
            "According to Ukrainian officials, Russian forces fired 40 glide bombs at Kupiansk.",
            "According to",
            "Ukrainian officials",
            "reports",
            "Russian forces fired 40 glide bombs",
        ),
        (
            "The pro-government radio Sham FM reported that the army had regrouped near Hama.",
            "reported",
            "Sham FM",
            "reports",
            "the army had regrouped near Hama",
        ),
        (
            "Two people died when a shell hit a school in Idlib, local residents told Reuters.",
            "told",
            "local residents",
            "asserts",
            "Two people died when a shell hit a school",
        ),
        (
            "The militia claimed its fighters had downed a drone over Sinjar.",
            "claimed",
            "militia",
            "alleges",
            "its fighters had downed a drone",
        ),
        (
            "The ministry denied that its aircraft had struck the market in Ariha.",
            "denied",
            "ministry",
            "denies",
            "its aircraft had struck the market",
        ),
        (
            "Officials dismissed the footage as a fabrication.",
            "dismissed",
            "Officials",
            "denies",
            "the footage as a fabrication",
        ),
        (
            "The governor announced that a curfew would begin at dusk in Kherson.",
            "announced",
            "governor",
            "asserts",
            "a curfew would begin at dusk",
        ),
        (
            "Analysts say the loss of the airbase could be a turning point for the army.",
            "say",
            "Analysts",
            "opinion",
            "the loss of the airbase could be a turning point",
        ),
        (
            "Rebel commanders have corroborated reports that the garrison surrendered.",
            "corroborated",
            "Rebel commanders",
            "asserts",
            "the garrison surrendered",
        ),
        (
            "The spokesman insisted that the offensive was going to plan.",
            "insisted",
            "spokesman",
            "asserts",
            "the offensive was going to plan",
        ),
        (
            "Turkish security sources said artillery had returned fire near Kilis.",
            "said",
            "Turkish security sources",
            "asserts",
            "artillery had returned fire near Kilis",
        ),
    ],
)
def test_claims_cue_speaker_stance(parse_text, text, cue, speaker, stance, gist) -> None:
    doc = claims_of(parse_text, text)
    claim = only(doc, cue)
    assert claim.speaker is not None
    assert speaker.casefold() in claim.speaker.text.casefold()
    assert claim.stance == stance
    assert gist in content(doc, claim)


def test_claims_posted_on_social_media_is_one_cue_with_the_medium(parse_text) -> None:
    doc = claims_of(
        parse_text, "On Monday the mayor posted on social media that the bridge had reopened."
    )
    claim = only(doc, "posted on social media")
    assert claim.speaker is not None and claim.speaker.text == "the mayor"
    assert content(doc, claim) == "that the bridge had reopened"


def test_claims_speaking_at_attributes_the_main_clause(parse_text) -> None:
    doc = claims_of(
        parse_text, "Speaking at a forum in Oslo, the envoy called for talks in Geneva."
    )
    claim = only(doc, "Speaking at")
    assert claim.speaker is not None and claim.speaker.text == "the envoy"
    assert "called for talks in Geneva" in content(doc, claim)


def test_claims_direct_quote_before_the_speaker(parse_text) -> None:
    text = "“The army did not use the truce to rebuild trust with its people,” Sheikh Tamim said."
    doc = claims_of(parse_text, text, "rebuild")
    claim = only(doc, "said")
    assert claim.quote
    assert claim.speaker is not None and claim.speaker.text == "Sheikh Tamim"
    assert content(doc, claim).startswith("The army did not use the truce")
    assert claim.events == ("e-rebuild",)


def test_claims_mixed_quote_sets_the_quote_flag(parse_text) -> None:
    doc = claims_of(
        parse_text, "The envoy said the situation was “changing by the hour” in the north."
    )
    claim = only(doc, "said")
    assert claim.quote
    assert "changing by the hour" in content(doc, claim)


def test_claims_indirect_speech_has_no_quote_flag(parse_text) -> None:
    doc = claims_of(parse_text, "The envoy said the situation was changing quickly in the north.")
    assert not only(doc, "said").quote


def test_claims_pronoun_speaker_takes_the_earlier_speaker(parse_text) -> None:
    text = (
        "Foreign Minister Hakan Fidan criticized the delay in the talks. "
        "“There is a real danger of a wider war,” he stated."
    )
    doc = claims_of(parse_text, text)
    claim = only(doc, "stated")
    assert claim.speaker is not None
    assert claim.speaker.text == "he"
    assert claim.speaker.name == "Hakan Fidan"


def test_claims_short_name_continues_the_speaker(parse_text) -> None:
    text = (
        "Ahmed Hassan, a spokesman for the Sudanese Red Crescent, said volunteers had reached "
        "El Fasher. According to Hassan, the southern road remains closed."
    )
    doc = claims_of(parse_text, text)
    first, second = only(doc, "said"), only(doc, "According to")
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.id == first.speaker.id
    assert second.speaker.text == "Hassan"
    assert "the southern road remains closed" in content(doc, second)


def test_claims_participle_inherits_the_speaker(parse_text) -> None:
    text = "State television dismissed the rumours, insisting the president was in the capital."
    doc = claims_of(parse_text, text)
    dismissed, insisting = only(doc, "dismissed"), only(doc, "insisting")
    assert dismissed.stance == "denies" and insisting.stance == "asserts"
    assert dismissed.speaker == insisting.speaker
    assert content(doc, insisting) == "the president was in the capital"


def test_claims_quote_continues_into_the_next_sentence(parse_text) -> None:
    text = "“We will not withdraw,” the general said. “Every position in the province is held.”"
    doc = claims_of(parse_text, text, "held")
    assert len(doc.claims) == 2
    second = doc.claims[1]
    assert second.speaker == doc.claims[0].speaker
    assert second.quote and second.events == ("e-held",)


def test_claims_rumour_on_social_media(parse_text) -> None:
    text = "The fighting led to speculation on social media about the governor's whereabouts."
    doc = claims_of(parse_text, text)
    claim = only(doc, "speculation")
    assert claim.stance == "rumour"
    assert claim.speaker is not None and claim.speaker.text == "social media"


def test_claims_said_with_false_content_is_a_denial(parse_text) -> None:
    doc = claims_of(parse_text, "The presidency said the reports of a coup were false.")
    assert only(doc, "said").stance == "denies"


def test_claims_normative_modal_makes_an_opinion(parse_text) -> None:
    doc = claims_of(parse_text, "The senator said the country should stay out of the war.")
    assert only(doc, "said").stance == "opinion"


def test_claims_plain_object_of_add_is_not_a_claim(parse_text) -> None:
    doc = claims_of(parse_text, "The army added two brigades to the northern front.")
    assert doc.claims == ()


def test_claims_ids_are_deterministic(parse_text) -> None:
    text = "The ministry said three soldiers were wounded near Raqqa."
    first, second = claims_of(parse_text, text), claims_of(parse_text, text)
    assert [c.id for c in first.claims] == [c.id for c in second.claims]
    assert first.claims[0].id.startswith("c-")


def test_claims_named_apposition_is_the_speaker(parse_text) -> None:
    text = "The UN envoy for Yemen, Hans Grundberg, said the truce was holding in Hodeidah."
    claim = only(claims_of(parse_text, text), "said")
    assert claim.speaker is not None and claim.speaker.text == "Hans Grundberg"


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not say whether the convoy had reached Deir ez-Zor.",
        "The spokesman declined to say whether troops had left the base.",
        "The army did not confirm the report.",
    ],
)
def test_claims_withheld_statements_are_not_claims(parse_text, text) -> None:
    assert claims_of(parse_text, text).claims == ()


def test_claims_coordinated_sources_in_one_phrase_are_two_speakers(parse_text) -> None:
    text = "Fighters entered three villages, according to a war monitor and rebel sources."
    doc = claims_of(parse_text, text)
    assert [c.speaker.text for c in doc.claims if c.speaker] == ["a war monitor", "rebel sources"]


def test_claims_sentence_final_speaker_with_a_dateline(parse_text) -> None:
    text = "DAMASCUS — Rebels entered the city after troops pulled out, the army acknowledged."
    claim = only(claims_of(parse_text, text), "acknowledged")
    assert claim.speaker is not None and claim.speaker.text == "the army"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The governor was quoted by SANA as saying that the road to Latakia was open.",
            "governor",
        ),
        (
            "Local media quoted the governor as saying that the road to Latakia was open.",
            "governor",
        ),
    ],
)
def test_claims_quoted_as_saying_speaks_for_the_quoted(parse_text, text, speaker) -> None:
    claim = only(claims_of(parse_text, text), "saying")
    assert claim.speaker is not None and speaker in claim.speaker.text
    assert content(claims_of(parse_text, text), claim) == "that the road to Latakia was open"


@pytest.mark.parametrize(("verb", "stance"), [("rumoured", "rumour"), ("reported", "reports")])
def test_claims_impersonal_passive_has_no_speaker(parse_text, verb, stance) -> None:
    doc = claims_of(parse_text, f"It was {verb} that the general had fled to Beirut.")
    claim = only(doc, verb)
    assert claim.speaker is None and claim.stance == stance


def test_claims_expressed_concern_is_an_opinion(parse_text) -> None:
    claim = only(claims_of(parse_text, "Jordan expressed concern over the fighting."), "expressed")
    assert claim.stance == "opinion"


def test_claims_they_takes_the_subject_of_the_sentence_before(parse_text) -> None:
    text = (
        "Kurdish officials met the envoy in Erbil. In a statement they said the talks had failed."
    )
    claim = only(claims_of(parse_text, text), "said")
    assert claim.speaker is not None and claim.speaker.name == "kurdish officials"


def test_claims_they_after_several_named_people_stays_unresolved(parse_text) -> None:
    text = "Omar Haddad, Lina Saad and Karim Aziz met in Amman. They said the border must reopen."
    assert only(claims_of(parse_text, text), "said").speaker is None


def test_claims_later_negation_denies_the_earlier_claim(parse_text) -> None:
    text = (
        "The militia said it had shot down a drone over Mosul. "
        "The ministry later said no drone had been lost."
    )
    doc = claims_of(parse_text, text, "shot")
    denial = doc.claims[-1]
    assert denial.stance == "denies"
    assert "e-shot" in denial.events
    assert next(e for e in doc.events if e.id == "e-shot").modality == "denied"


def test_claims_plain_negated_statement_stays_an_assertion(parse_text) -> None:
    doc = claims_of(parse_text, "The ministry said no civilians were hurt in the raid.")
    assert only(doc, "said").stance == "asserts"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Unconfirmed reports said the colonel had defected.", "Unconfirmed reports"),
        ("Videos shared on social media claimed the airport had fallen.", "social media"),
    ],
)
def test_claims_unsourced_subjects_are_rumours(parse_text, text, speaker) -> None:
    claim = claims_of(parse_text, text).claims[0]
    assert claim.stance == "rumour"
    assert claim.speaker is not None and claim.speaker.text == speaker


def test_claims_restrictive_relative_clause_stays_in_the_speaker(parse_text) -> None:
    text = "The army left the town, according to a farmer who lives nearby."
    claim = only(claims_of(parse_text, text), "according to")
    assert claim.speaker is not None and claim.speaker.text == "a farmer who lives nearby"


@pytest.mark.parametrize(
    "text",
    [
        "said.",
        "According to , the town fell.",
        "“”, he said.",
        "“The siege is over,” said.",
        "He said, she said, they said.",
        "according to according to reports",
        "Rumours.",
        "It said that.",
        "The, said the army, town was quiet.",
        "«Nous restons», a déclaré le ministre.",
    ],
)
def test_claims_odd_text_gives_well_formed_claims(parse_text, text) -> None:
    doc = claims_of(parse_text, text)
    for claim in doc.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert claim.stance in ("asserts", "reports", "alleges", "denies", "rumour", "opinion")
        assert claim.speaker is None or claim.speaker.id


@pytest.mark.parametrize(
    ("text", "is_claim"),
    [
        ("The council rejected the request for a new checkpoint.", False),
        ("The court dismissed the appeal on Monday.", False),
        ("The militia denied involvement in the attack.", True),
        ("The ministry rejected the allegations.", True),
        ("The army dismissed the video as fake.", True),
    ],
)
def test_claims_denial_verbs_need_a_statement_as_object(parse_text, text, is_claim) -> None:
    assert bool(claims_of(parse_text, text).claims) is is_claim


def test_claims_passive_clause_does_not_inherit_a_speaker(parse_text) -> None:
    text = "The governor left office, a move that came after he was rebuffed by the council."
    assert claims_of(parse_text, text).claims == ()


@pytest.mark.parametrize(
    "text",
    [
        "Groth said she didn't think the dam would hold.",
        "“I think the talks will fail,” the envoy said.",
    ],
)
def test_claims_opinion_inside_a_claim_is_part_of_it(parse_text, text) -> None:
    doc = claims_of(parse_text, text)
    assert [c.cue for c in doc.claims] == ["said"]


def test_claims_warned_with_an_infinitive_is_no_claim(parse_text) -> None:
    assert claims_of(parse_text, "Drivers were warned to avoid the coast road.").claims == ()


def test_claims_quote_opening_a_sentence_earlier_is_the_speakers(parse_text) -> None:
    text = "“We have taken the town. The army fled before dawn,” the commander said."
    doc = claims_of(parse_text, text, "taken", "fled")
    first, second = doc.claims
    assert content(doc, first) == "We have taken the town"
    assert first.speaker == second.speaker and first.quote
    assert first.events == ("e-taken",) and second.events == ("e-fled",)


def test_claims_according_to_plan_is_no_attribution(parse_text) -> None:
    doc = claims_of(parse_text, "The spokesman insisted the offensive was going according to plan.")
    assert [c.cue for c in doc.claims] == ["insisted"]


def test_claims_report_subject_makes_one_claim(parse_text) -> None:
    doc = claims_of(parse_text, "Two gunmen were arrested near the port, security reports said.")
    assert [(c.cue, c.speaker.text if c.speaker else None) for c in doc.claims] == [
        ("said", "security reports")
    ]


def test_claims_parenthesis_ends_the_speaker(parse_text) -> None:
    text = "Task Force SAFE (a joint army unit) said the fire had been put out."
    claim = only(claims_of(parse_text, text), "said")
    assert claim.speaker is not None and claim.speaker.text == "Task Force SAFE"


def test_claims_ids_are_unique_in_a_document(parse_text) -> None:
    text = (
        "Opposition groups and rebel groups have corroborated these claims. "
        "Fighters entered the town, according to rebels and rebels."
    )
    ids = [c.id for c in claims_of(parse_text, text).claims]
    assert len(ids) == len(set(ids))
