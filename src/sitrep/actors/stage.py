"""The actors stage: every mention of an actor in an article, resolved to one actor."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..models import Actor, Document, Mention
from .aliasing import (
    former_names,
    parenthesised_aliases,
    provisional_hits,
    short_form_hits,
)
from .context import PlaceLookup, place_index
from .coref import definite_descriptions, pronoun_mentions
from .crowds import coordinated_nations, harmed_civilians, protesting_crowds
from .descriptors import (
    absorb_titles,
    apply_descriptors,
    appositions,
    compound_groups,
    drop_places,
    drop_unintroduced_short,
    pro_forces,
    resolve_context,
    resolve_homonyms,
    resolve_named,
)
from .matching import Hit, find_hits, sentence_words
from .offices import governing_movements, leaders_forces, office_titles
from .registry import Registry
from .votes import country_votes


class ActorsStage:
    """Find actors: registry phrases, descriptions, in-article aliases and unknown names.

    In order: registry phrases (longest match; short names only after the full name);
    countries and capitals used as places dropped; "pro-X forces" as X's proxies; the
    country where they act, for "rebels", "government forces", "civilians" (the places of
    their sentence, else of the document; the gazetteer, when given, places the small
    towns the built-in index does not know); descriptors
    (patron, leader, ideology); titles before names; office holders and leaders' forces
    on the article's date; provisional actors for PERSON/ORG/NORP entities the registry
    does not know; surnames; "(ACR)" and "formerly known as"; "the group"; appositions.

    >>> stage = ActorsStage(Registry.load())   # doctest: +SKIP
    >>> doc = stage(parsed_doc)                 # doctest: +SKIP
    """

    name = "actors"
    requires = ("sentences", "tokens", "entities")
    assigns = ("actors",)

    def __init__(self, registry: Registry, gazetteer: PlaceLookup | None = None):
        self.registry = registry
        self.gazetteer = gazetteer
        place_index()  # built once per process: now, with the other resources, not mid-batch

    def __call__(self, doc: Document) -> Document:
        return dataclasses.replace(doc, actors=self.find(doc))

    def find(self, doc: Document) -> tuple[Actor, ...]:
        reg = self.registry
        text = doc.article.text
        words = sentence_words(doc)
        hits: list[Hit] = []
        for i, ws in enumerate(words):
            hits += find_hits(reg, ws, i, text)
        hits = resolve_named(drop_unintroduced_short(hits))
        hits = drop_places(reg, hits, words)
        hits = pro_forces(reg, hits, words, text)
        votes = country_votes(reg, doc, hits, words, self.gazetteer)
        hits = resolve_homonyms(reg, hits, votes)
        hits = resolve_context(reg, hits, words, votes)
        hits = protesting_crowds(reg, doc, hits, words, votes)
        hits = harmed_civilians(reg, doc, hits, words, votes)
        hits = coordinated_nations(reg, hits, words)
        hits = apply_descriptors(reg, hits, words, text)
        hits = absorb_titles(reg, hits, words)
        day = doc.article.published.isoformat() if doc.article.published else None
        hits = office_titles(reg, hits, words, day)
        hits = leaders_forces(reg, hits, words, text, day)
        hits = governing_movements(reg, hits, words, day)
        hits = sorted(
            hits + provisional_hits(reg, doc, words, hits, self.gazetteer), key=lambda h: h.start
        )
        hits = compound_groups(reg, hits, text)
        hits = short_form_hits(reg, words, hits)
        hits = parenthesised_aliases(reg, words, hits)
        hits = former_names(reg, words, hits)
        hits = definite_descriptions(reg, words, hits, text)
        hits = pronoun_mentions(reg, doc, words, hits)
        hits = absorb_titles(reg, hits, words)  # "its leader Ahmed al-Sharaa"
        hits = appositions(reg, hits, words)
        return self._actors(hits, day)

    def _actors(self, hits: list[Hit], day: str | None) -> tuple[Actor, ...]:
        groups: dict[str, list[Hit]] = defaultdict(list)
        for h in hits:
            groups[h.actor].append(h)
        actors = [self._actor(actor_id, hs, day) for actor_id, hs in groups.items()]
        return tuple(sorted(actors, key=lambda a: a.mentions[0].start))

    def _actor(self, actor_id: str, hits: list[Hit], day: str | None) -> Actor:
        mentions = tuple(
            sorted(
                {
                    (h.start, h.end): Mention(h.text, h.start, h.end, h.method) for h in hits
                }.values(),
                key=lambda m: m.start,
            )
        )
        attributes = tuple(dict.fromkeys(a for h in hits for a in h.attributes if a[0] != "kind"))
        affiliation = next((h.affiliation for h in hits if h.affiliation), None)
        entry = self.registry.get(actor_id)
        if entry is None:
            kind = next((v for h in hits for k, v in h.attributes if k == "kind"), "organisation")
            name = max((h.text for h in hits), key=len)
            return Actor(actor_id, name, kind, None, mentions, True, None, affiliation, attributes)
        return Actor(
            id=entry.id,
            name=entry.name,
            kind=self.registry.kind_on(entry, day),
            country=entry.country,
            mentions=mentions,
            provisional=False,
            side=entry.side,
            affiliation=affiliation or entry.affiliation,
            attributes=attributes,
        )
