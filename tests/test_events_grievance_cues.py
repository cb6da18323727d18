"""The CASE 2021 cue labels of ``data/events/case_extra.yaml`` (disasters, organised crime,
attribution, diplomacy) are not read inside a protest's grievance: a protest against a
train collision is a protest. Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.events.clauses import cue_strings, grievance_tokens
from sitrep.events.syntax import SentenceView
from sitrep.models import Document

# (sentence, label): a protest against a disaster or a crime is a protest
PROTESTS = [
    (
        "Hundreds of residents protested against the ferry collision that killed 40.",
        "PEACE_PROTEST",
    ),
    ("Villagers marched against drug peddlers in the market town on Sunday.", "PEACE_PROTEST"),
    ("Students rallied in solidarity with the victims of the warehouse fire.", "PEACE_PROTEST"),
    ("Dozens of traders protested over the gas leak at the fertiliser plant.", "PEACE_PROTEST"),
    ("Fishermen gathered to denounce the smuggling of fuel across the lake.", "PEACE_PROTEST"),
]
# outside a protest the cues still decide
PLAIN = [
    (
        "A ferry collided with a cargo vessel near the port, killing 12 passengers.",
        "MAN_MADE_DISASTER",
    ),
    ("Customs officers seized 40 kg of heroin hidden in a lorry of smugglers.", "ORG_CRIME"),
]


def test_events_grievance_cues_protest_keeps_its_label(
    parse_text: Callable[..., Document], case_label: Callable[[Document], str]
) -> None:
    found = [(text, case_label(parse_text(text))) for text, _ in PROTESTS + PLAIN]
    assert found == PROTESTS + PLAIN


def test_events_grievance_cues_solidarity_phrase_split_by_the_parser(
    parse_text: Callable[..., Document],
) -> None:
    # the parser may hang "with ..." on the verb, not on "solidarity": still the grievance
    doc = parse_text("Nurses rallied in solidarity with the flood victims on Monday.")
    view = SentenceView(doc, doc.sentences[0])
    heads = frozenset({"denounce"})
    skip = grievance_tokens(view, heads, ("against", "in solidarity with"))
    lemmas, words = cue_strings(view, skip)
    assert " flood " not in words and " victim " not in lemmas
    assert " rally " in lemmas and " monday " in words


def test_events_grievance_cues_bare_preposition_opens_no_grievance(
    parse_text: Callable[..., Document],
) -> None:
    # "in" has no object of its own here ("in and outside of ..."): it is where, not why
    doc = parse_text("Workers protested in and outside of their offices in Tehran.")
    view = SentenceView(doc, doc.sentences[0])
    skip = grievance_tokens(view, frozenset({"denounce"}), ("against", "in solidarity with"))
    assert not {view.tok(k).text for k in skip} & {"offices", "Tehran"}
