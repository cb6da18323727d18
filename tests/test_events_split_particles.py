"""Phrasal verbs whose object stands between verb and particle ("handed it over", "blew the
bridge up") match the cues written as "hand over" and "blow up". Sentences written for
sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events.clauses import cue_strings
from sitrep.events.syntax import SentenceView
from sitrep.models import Document


def _view(doc: Document) -> SentenceView:
    return SentenceView(doc, doc.sentences[0])


def test_events_split_particle_joins_its_verb_in_the_cue_strings(
    parse_text: Callable[..., Document],
) -> None:
    view = _view(parse_text("Militants blew the bridge up on Monday."))
    assert view.has_cue("blow up") and view.has_cue("blew up")
    # the sentence itself is read as before, and no cue spans the bar
    assert view.lemma_string.startswith(" militant blow the bridge up on monday . ")
    assert not view.has_cue("monday . blow")
    next_to = _view(parse_text("The army handed over the town."))
    assert next_to.has_cue("hand over") and "|" not in next_to.lemma_string
    plain = _view(parse_text("The council met on Tuesday in the capital."))
    assert "|" not in plain.lemma_string + plain.word_string


def test_events_split_particle_left_out_with_its_verb(
    parse_text: Callable[..., Document],
) -> None:
    view = _view(parse_text("Police rounded them up after the march."))
    verb = next(i for i in range(view.first, view.last) if view.lemma(i) == "round")
    kept_lemmas, _ = cue_strings(view, {verb + 5})  # "march": the pair stays
    assert " round up " in kept_lemmas and " march " not in kept_lemmas
    lemmas, words = cue_strings(view, {verb})
    assert " round up " not in lemmas and " rounded up " not in words


def test_events_split_particle_handed_over_is_a_non_violent_transfer(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    for text in (
        "Government troops entered the town after the rebels handed it over under a truce.",
        "The militia withdrew from two villages and handed them over to the police.",
    ):
        assert case_label(parse_text(text)) == "NON_VIOL_TERRIT_TRANSFER", text
