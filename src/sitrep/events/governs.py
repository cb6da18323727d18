"""Which events of a sentence are told inside another's clause, not as news of their own.

"The militia handed over the airport under the terms of the peace deal": the deal is the
frame of the handover, "gathered to denounce the killing" names the protest's reason, "a
firefight broke out when police tried to arrest him" the fight's occasion, "agreed to
withdraw" what was agreed. An event whose trigger hangs below another event's trigger in
the dependency tree (or below the verb whose subject or object the other trigger is: "the
march was stopped by police, who confiscated banners") is subordinate to it. Not across a
coordination ("attacked the post and fought the troops": two events of equal rank), and
not a participle of consequence ("set fire to the house, killing a mother": the killing is
news in its own right, which the event's confidence already weighs), unless that participle
is a strategic development: what an attack or an operation leaves behind ("struck targets,
destroying ammunition depots", "foiled a bomb plot, arresting two suspects") is its
aftermath, not the news.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Document, Event
from .acled_context import reason_tokens
from .lexicon import load_lexicon
from .syntax import SentenceView

# the dependents through which a trigger noun stands for its verb's clause
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
# a prepositional phrase that tells how or during what the governing event happened names
# the event itself ("destroyed the camp in an air raid", "pelted police during the rally")
MEANS_PREPS = frozenset({"in", "during", "with", "by", "through", "via", "amid", "amidst"})
# the phrase's object and the nouns it is built of ("in a series of air strikes"), not a
# clause inside it ("in areas where the militia withdrew") nor a gerund ("by arresting")
NOMINAL_CHAIN = frozenset({"pobj", "prep", "compound", "nmod", "conj", "appos"})
# a content clause ("found evidence that soldiers had used rape", "said that ...") is news
CONTENT_DEPS = frozenset({"ccomp"})
# a verb whose subject or object a trigger noun is governs its adverbial and relative
# clauses and phrases, not what it lets or makes happen ("allowed the army to win back")
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "conj"})
MAX_DEPTH = 40  # a parse is a tree, but never trust a loop in copied data
# a demonstration frames whatever is done at or to it ("fired on villagers protesting"):
# never subordinate
FRAME_TYPES = frozenset({"Protests"})
FRAME_SUBTYPES = frozenset({"Violent demonstration"})
# ...except under an explosive weapon's attack: a rally that a grenade, a bomb or a strike
# was aimed at is its target ("threw a grenade at the crowd gathered for the rally")
TARGET_FRAME_RULERS = frozenset(
    {"Grenade", "Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike"}
)
# ...and under an arrest, a demonstration named as what the arrested are held over or
# charged with ("arrested on charges of organising the protests", "detained over their
# role in the demonstrations"): the arrest is the news (``_charged``)
CHARGE_FRAME_RULERS = frozenset({"Arrests"})
# ...and under an agreement, a demonstration that is what was agreed on ("reached a deal to
# end weeks of street protests", "agreed to call off the strike rallies"): its content
CONTENT_FRAME_RULERS = frozenset({"Agreement"})
# events of this ACLED type told as a participle of consequence are the governing event's
# aftermath ("struck the camp, destroying weapons")
AFTERMATH_TYPES = frozenset({"Strategic developments"})


def trigger_token(doc: Document, event: Event) -> int | None:
    """The token that heads the event's trigger phrase ("attack" of "rocket attack")."""
    s = doc.sentences[event.sentence] if 0 <= event.sentence < len(doc.sentences) else None
    if s is None:
        return None
    span = [
        k
        for k in range(s.token_start, s.token_end)
        if event.trigger.start
        <= doc.tokens[k].start
        < max(event.trigger.end, event.trigger.start + 1)
    ]
    # the span's syntactic head: "battle" of "gun battle", "handed" of "handed over"
    heads = [
        k for k in span if not span[0] <= doc.tokens[k].head <= span[-1] or doc.tokens[k].head == k
    ]
    return heads[0] if heads else (span[0] if span else None)


def _consequence(doc: Document, k: int) -> bool:
    """A participle clause of consequence: ", killing six" (no "after", "while" ...)."""
    tok = doc.tokens[k]
    if tok.dep != "advcl" or tok.tag != "VBG":
        return False
    return not any(t.head == k and t.dep == "mark" for t in doc.tokens[max(0, k - 3) : k])


def _content(doc: Document, k: int) -> bool:
    """A content clause: a verb's ("said that ...") or a noun's ("evidence that ...")."""
    tok = doc.tokens[k]
    if tok.dep in CONTENT_DEPS:
        return True
    return tok.dep == "acl" and any(
        t.head == k and t.dep == "mark" and t.text.lower() == "that"
        for t in doc.tokens[max(0, k - 6) : k]
    )


def _path(doc: Document, k: int) -> list[int]:
    """``k`` and its ancestors, nearest first."""
    out = [k]
    while len(out) < MAX_DEPTH:
        head = doc.tokens[out[-1]].head
        if head == out[-1] or head < 0:
            break
        out.append(head)
    return out


def governs(
    doc: Document,
    upper: int,
    lower: int,
    triggers: frozenset[int] = frozenset(),
    aftermath: bool = False,
) -> bool:
    """Whether the trigger at token ``upper`` governs the one at ``lower``; a trigger noun
    stands for its verb's clause unless the verb is itself one of ``triggers`` (then the
    verb rules: "released the hostages per the truce agreement" is the release's frame).
    With ``aftermath`` a participle of consequence is governed too."""
    if upper == lower:
        return False
    tops = [upper]
    head = doc.tokens[upper].head
    if doc.tokens[upper].dep in ARGUMENT_DEPS and head not in triggers:
        tops.append(head)
    path = _path(doc, lower)
    for depth, node in enumerate(path):
        if node in tops and depth > 0:
            below = doc.tokens[path[depth - 1]]
            if any(_content(doc, k) for k in path[:depth]):
                return False
            if (
                below.dep == "prep"
                and below.lemma.lower() in MEANS_PREPS
                and all(doc.tokens[k].dep in NOMINAL_CHAIN for k in path[: depth - 1])
            ):
                return False  # the event is the phrase's object, not told deeper inside it
            if node != upper and below.dep in COMPLEMENT_DEPS:
                return False
            return below.dep != "conj" and (aftermath or not _consequence(doc, path[depth - 1]))
    return False


def _charged(doc: Document, sentence: int, upper: int, lower: int) -> bool:
    """Whether ``lower`` is told inside the phrase that gives ``upper``'s charge or cause
    (``acled_context.reason_tokens`` with the ``charge_preps``): "over their role in the
    protests", "for taking part in the march", "on charges of organising the protests"."""
    lex = load_lexicon()
    view = SentenceView(doc, doc.sentences[sentence])
    return lower in reason_tokens(view, upper, lex, lex.word_sets["charge_preps"])


def subordinate(doc: Document, events: Sequence[Event], rulers: Sequence[Event]) -> set[str]:
    """Ids of ``events`` governed by one of ``rulers`` in the same sentence."""
    located = {e.id: trigger_token(doc, e) for e in [*events, *rulers]}
    by_sentence: dict[int, list[tuple[int, str | None]]] = {}
    for e in rulers:
        k = located[e.id]
        if k is not None:
            by_sentence.setdefault(e.sentence, []).append((k, e.acled_sub_event_type))
    triggers = frozenset(k for k in located.values() if k is not None)
    out: set[str] = set()
    for e in events:
        k = located[e.id]
        if k is None:
            continue
        frame = e.acled_event_type in FRAME_TYPES or e.acled_sub_event_type in FRAME_SUBTYPES
        aftermath = e.acled_event_type in AFTERMATH_TYPES
        if any(
            governs(doc, up, k, triggers, aftermath)
            and kind != e.acled_sub_event_type
            and (
                not frame
                or kind in TARGET_FRAME_RULERS
                or (kind in CHARGE_FRAME_RULERS and _charged(doc, e.sentence, up, k))
                or kind in CONTENT_FRAME_RULERS
            )
            for up, kind in by_sentence.get(e.sentence, ())
        ):
            out.add(e.id)
    return out
