"""ACLED sub-event types from a trigger's family and the words around it."""

from __future__ import annotations

from dataclasses import replace

from ..actors.lookup import actor_by_id
from ..geo import alpha2
from ..models import ActorRef, Document, Place
from .acled_context import AcledContext, reason_tokens
from .allies import Allies
from .clauses import (
    apart_tokens,
    cause_tokens,
    charge_tokens,
    grievance_tokens,
    masked_cues,
    nationality_target,
    pronoun_object,
    stative_tokens,
)
from .lexicon import Family, Lexicon
from .modality import PLANNED_PASSIVES
from .syntax import PRONOUNS, SentenceView

# passive verbs that make their subject an event yet to happen ("a rally is scheduled"), as
# the modality judge reads them, and "called" ("a strike was called for Monday"), which there
# would also make "the protest was called off" a future
PLANNING_VERBS = PLANNED_PASSIVES | {"call"}


class AcledCoder:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        fams = lex.families
        terr = fams["TERRITORY"].options
        self.state_cues = tuple(f" {c} " for c in terr["state_cues"])
        self.nonstate_cues = tuple(f" {c} " for c in terr["nonstate_cues"])
        self.state_kinds = frozenset(terr["state_kinds"])
        self.nonstate_kinds = frozenset(terr["nonstate_kinds"])
        vio = fams["VIOLENCE"].options
        self.civilian_cues = tuple(f" {c} " for c in vio["civilian_cues"])
        self.armed_cues = tuple(f" {c} " for c in vio["armed_cues"])
        self.people_verbs = frozenset(vio.get("people_verbs", ()))
        self.former_cues = tuple(f" {c} " for c in vio.get("former_cues", ()))
        self.people_unknown = frozenset(vio.get("people_unknown", ()))
        # words that usually name the attacker do not show who was targeted
        attackers = {f" {c} " for c in vio["attacker_words"]}
        self.armed_context_cues = tuple(c for c in self.armed_cues if c not in attackers)
        ref = lex.refinements
        intercept = ref.get("interception", {})
        self.intercepted_codes = frozenset(intercept.get("codes", ()))
        self.intercept_cues = tuple(intercept.get("cues", ()))
        self.nonstate_arrest: str | None = ref.get("nonstate_arrest")
        self.riot_demo_cues = tuple(
            ref.get("riot_demonstration_cues", ("demonstration", "protest", "rally"))
        )
        self.street_riot_cues = tuple(ref.get("street_riot_cues", ()))
        # what ground is ("abandoned positions" were left by someone; "abandoned houses" not)
        self.grounds = lex.word_sets["territory_nouns"] | lex.word_sets["base_nouns"]
        self.grievance_heads = frozenset(ref.get("grievance_heads", ()))
        self.crowd_words = frozenset(lex.demonstration_cues)
        self.charge_heads = frozenset(ref.get("charge_heads", ()))
        self.grievance_preps = tuple(ref.get("grievance_preps", ()))
        self.property_nouns = frozenset(ref.get("property_nouns", ()))
        self.property_code: str | None = ref.get("property_code")
        self.state_obstruction: str | None = ref.get("state_obstruction")
        self.refine = [
            (frozenset(ref[k]["codes"]), str(ref[k]["code"]), tuple(ref[k]["cues"]))
            for k in ("disappearance", "sexual", "exchange", "controlled")
            if k in ref
        ]
        self.people_family: tuple[frozenset[str], str] | None = None
        self.burned_cues: tuple[str, ...] = ()
        if "burned_people" in ref:
            burned = ref["burned_people"]
            self.people_family = (frozenset(burned["codes"]), str(burned["family"]))
            self.burned_cues = tuple(burned.get("cues", ()))
        diplo = ref.get("diplomatic_agreement", {})
        self.diplomatic_codes = frozenset(diplo.get("codes", ()))
        self.diplomatic_cues = tuple(diplo.get("cues", ()))
        self.diplomatic_unless = tuple(diplo.get("unless", ()))
        state_protest = ref.get("state_protest", {})
        self.state_protest_family: str | None = state_protest.get("family")
        self.state_protest_agents = frozenset(state_protest.get("agents", ()))
        self.weapon_damage: tuple[frozenset[str], str] | None = None
        if "weapon_damage" in ref:
            damage = ref["weapon_damage"]
            self.weapon_damage = (frozenset(damage["codes"]), str(damage["family"]))
        foreign = ref.get("foreign_gain", {})
        self.foreign_codes = frozenset(foreign.get("codes", ()))
        self.foreign_code: str | None = foreign.get("code")
        self.allied_codes = frozenset(foreign.get("allied_codes", ()))
        self.allied_code: str | None = foreign.get("allied_code")
        self.allies = Allies.from_rules(foreign)
        self.battle_cues = tuple(ref.get("battle_cues", ()))
        crowd = ref.get("crowd_violence", {})
        self.crowd_code: str | None = crowd.get("code")
        self.crowd_codes = frozenset(crowd.get("codes", ()))
        self.crowd_agents = tuple(f" {c} " for c in crowd.get("agents", ()))
        self.crowd_weapons = tuple(crowd.get("weapons", ()))
        self.crowd_firearms = tuple(crowd.get("firearms", ()))
        # who, arrested, makes the arrest an intervention in a protest ("20 protesters")
        self.protesters = lex.protest_cues + lex.protest_patients
        # agent words of demonstrators (the agent overrides' violent-demonstration cues)
        self.demonstrating = tuple(
            c for r in lex.agent_overrides if r.code == "VIOL_DEMONSTR" for c in r.cues
        )

    def foreign(
        self, code: str | None, doc: Document, agents: list[ActorRef], place: Place | None
    ) -> str | None:
        """ACLED: only a country's own government regains its territory; a foreign state's
        forces taking ground there (Russia's in Ukraine) overtake it as non-state actors do,
        unless they fight on the government's side (``allies``): then the ground is the
        government's, also when a foreign private force (Wagner) took it."""
        if not agents or place is None or not place.country:
            return code
        actor = actor_by_id(doc, agents[0].id)
        own = alpha2(actor.country) if actor is not None and actor.country else None
        if not own or own == place.country.upper():
            return code
        if code in self.foreign_codes:
            allied = self.allies.allied(doc, agents, place)
            return code if allied else self.foreign_code
        if code in self.allied_codes and self.allies.allied(doc, agents, place):
            return self.allied_code
        return code

    def _weapon_pronoun(self, view: SentenceView, trigger: int) -> bool:
        noun = pronoun_object(view, trigger)
        if noun is None:
            return False
        low = view.word(noun)
        forms = {view.lemma(noun), low, low.removesuffix("s")}
        return bool(forms & self.lex.word_sets["weapon_nouns"])

    def types(self, code: str | None) -> tuple[str | None, str | None]:
        if code is None or code not in self.lex.acled:
            return None, None
        return self.lex.acled[code]

    def code(
        self, family: str | None, view: SentenceView, ctx: AcledContext
    ) -> tuple[str | None, bool]:
        """(ACLED code, whether a specific cue decided it)."""
        if family is None:
            return None, False
        if ctx.object_class in (None, "person") and self._weapon_pronoun(view, ctx.trigger):
            ctx = replace(ctx, object_class="weapon")  # "cleared mines and destroyed them"
        if (
            family == "PROTEST"
            and self.state_obstruction
            and self._is_state(ctx) is True
            and not any(view.has_cue(c) for c in self.lex.demonstration_cues)
        ):
            return self.state_obstruction, True  # "troops blocked the village entrances"
        if family == self.state_protest_family and ctx.agent_head in self.state_protest_agents:
            return None, False  # "the ministry summoned the ambassador to protest"
        code, specific = self._family_code(family, view, ctx)
        if (
            code in self.diplomatic_codes
            and any(view.has_cue(c) for c in self.diplomatic_cues)
            and not any(view.has_cue(c) for c in self.diplomatic_unless)
        ):
            return None, False  # "agreed to restore diplomatic relations"
        if (
            self.people_family is not None
            and code in self.people_family[0]
            and (ctx.object_class == "person" or any(view.has_cue(c) for c in self.burned_cues))
        ):
            # "burned a suspected thief alive": violence against a person
            code, specific = self._family_code(self.people_family[1], view, ctx)
        if (
            self.weapon_damage is not None
            and code in self.weapon_damage[0]
            and ctx.agent_head in self.lex.word_sets["weapon_nouns"]
        ):
            code, specific = self._family_code(self.weapon_damage[1], view, ctx)
        charged = masked_cues(view, (), charge_tokens(view, self.charge_heads))
        for codes, refined, cues in self.refine:
            if code in codes and any(charged(c) for c in cues):
                return refined, True  # "detained ... and his whereabouts are unknown"
        if code in self.intercepted_codes and any(view.has_cue(c) for c in self.intercept_cues):
            return "DISR_WEAP", True  # "rockets were fired, some were intercepted"
        if code == "ARREST" and self.nonstate_arrest and self._is_state(ctx) is False:
            return self.nonstate_arrest, True  # detained by a rebel group
        if code in self.lex.protest_codes and self._at_protest(code, view, ctx):
            return self._family_code("PROTEST", view, ctx)
        target = f" {ctx.patient_text.lower()} "
        if code == "ARREST" and (unheld := self._unheld(view)):
            # "the organisers of a planned march": no protester was arrested
            gone = {view.tok(k).text.lower() for k in unheld} | {view.lemma(k) for k in unheld}
            target = f" {' '.join(w for w in target.split() if w not in gone)} "
        if code == "ARREST" and any(f" {c} " in target for c in self.protesters):
            return "PROTEST_WITH_INTER", True  # "police arrested 20 protesters"
        if self._crowd_violence(code, specific, view, ctx):
            return str(self.crowd_code), True  # "villagers beat a suspected thief to death"
        if code in self.lex.agent_override_codes and family != "SEIZE":
            agent = f" {ctx.agent_text.lower()} {ctx.agent_phrase.lower()} "
            for rule in self.lex.agent_overrides:
                if rule.code == self.crowd_code and self._battle(view):
                    continue  # "vigilantes and bandits exchanged gunfire": a battle
                if any(f" {c} " in agent or f" {c}s " in agent for c in rule.cues):
                    if rule.code == "RIOT":
                        protest = any(view.has_cue(c) for c in self.riot_demo_cues)
                        return ("VIOL_DEMONSTR" if protest else "MOB_VIOL"), True
                    return rule.code, True
        return code, specific

    def _family_code(
        self, family: str, view: SentenceView, ctx: AcledContext
    ) -> tuple[str | None, bool]:
        charges = charge_tokens(view, self.charge_heads) if self.charge_heads else set()
        if family != "PROTEST":
            charges = charges | apart_tokens(view, ctx.trigger)  # "a day after a bomb hit"
        if family in self.lex.refinable:
            # an explosion can be anything's; a named weapon ("shelling") is refined only to
            # chemical or suicide attacks
            wider = self.lex.refinable if family == "REM_EXPLOS" else frozenset()
            cue = masked_cues(view, (), charges)
            for rule in self.lex.families["VIOLENCE"].rules:
                weapon = rule.code in wider or rule.code in ("CHEM_WEAP", "SUIC_BOMB")
                if (
                    weapon
                    and any(cue(c) for c in rule.cues)
                    and not any(cue(c) for c in rule.unless)
                ):
                    return rule.code, True
            return family, False
        if family in self.lex.acled:
            return family, False
        fam = self.lex.families[family]
        if family == "SEIZE":
            return self._seize(fam, view, ctx)
        if "weapon" in fam.options and ctx.object_class == "weapon":
            return str(fam.options["weapon"]), True
        if "person" in fam.options and ctx.object_class == "person":
            return str(fam.options["person"]), True
        if family == "TERRITORY":
            return self._territory(fam, ctx, view)
        skip = (
            grievance_tokens(view, self.grievance_heads, self.grievance_preps)
            | cause_tokens(view, self.crowd_words)
            | ctx.agent_tokens
            if family == "PROTEST"
            else charges
        )
        has = masked_cues(view, fam.options.get("masks", ()), skip)
        for rule in fam.rules:
            if any(has(c) for c in rule.cues) and not any(has(c) for c in rule.unless):
                return rule.code, True
        if family == "VIOLENCE":
            # a civilian person named as the target decides before the words around it
            # ("a villager suspected to be a police informer"); a thing does not ("a
            # military vehicle")
            head = f" {ctx.patient_head.lower()} "
            people = self.lex.word_sets["person_nouns"]
            if any(c in head for c in self.civilian_cues) and set(head.split()) & people:
                return "ATTACK", False
            target = f" {ctx.patient_text.lower()} "
            if any(c in target for c in self.former_cues):
                return "ATTACK", False  # "a former soldier" is a civilian now
            if any(c in target for c in self.armed_cues):
                return "ARMED_CLASH", False
            if nationality_target(view, ctx.patient_head):
                return "ATTACK", False  # "shot a Palestinian", "two Afghans were beaten"
            if any(c in target for c in self.civilian_cues):
                return "ATTACK", False
            # no target phrase: weigh the rest of the sentence (the attacker left out)
            civilian = sum(c in ctx.context for c in self.civilian_cues)
            armed = sum(c in ctx.context for c in self.armed_context_cues)
            if civilian > armed:
                return "ATTACK", False
            if self._people_killed(view, ctx):
                return "ATTACK", False
        return fam.default, False

    def _people_killed(self, view: SentenceView, ctx: AcledContext) -> bool:
        """A killing verb whose target is people of no armed kind: a plural common noun
        ("firewood collectors"), the target phrase naming no armed group."""
        if ctx.trigger < 0 or view.lemma(ctx.trigger) not in self.people_verbs:
            return False
        for i in range(view.first, view.last):
            tok = view.tok(i)
            if tok.tag == "NNS" and view.span_string([i]) == ctx.patient_head:
                return not tok.ent_type and view.lemma(i) not in self.people_unknown
        return False

    def _at_protest(self, code: str, view: SentenceView, ctx: AcledContext) -> bool:
        """Whether a protest is named where the violence or arrest happened; for an arrest,
        not in its reason ("arrested over his role in the protests")."""
        if ctx.trigger in cause_tokens(view, self.crowd_words):
            return False  # "rallied after police shot a student": what set the protest off
        # nor a protest a span of time sets apart ("a week after he led a peaceful march")
        apart = apart_tokens(view, ctx.trigger) if ctx.trigger >= 0 else set()
        if code != "ARREST" or ctx.trigger < 0:
            # not in a grievance ("clashed over the blockade" is no clash at a blockade)
            grievance = grievance_tokens(view, self.grievance_heads, self.grievance_preps)
            # nor at a gathering that is no demonstration ("a funeral gathering")
            # nor at one yet to happen ("a protest over the killings is planned for Monday")
            unheld = grievance | apart | self._unheld(view)
            has = masked_cues(view, self.lex.social_gatherings, unheld or None)
            return any(has(c) for c in self.lex.protest_cues)
        if ctx.trigger in grievance_tokens(view, self.grievance_heads, self.grievance_preps):
            return False  # "rallied to decry the arrests"
        # nor a protest yet to happen ("arrested the organisers of a planned march")
        reason = reason_tokens(view, ctx.trigger, self.lex) | self._unheld(view) | apart
        has = masked_cues(view, (), reason)
        return any(has(c) for c in self.lex.protest_cues)

    def _unheld(self, view: SentenceView) -> set[int]:
        """The words of the nouns a hypothetical adjective makes events yet to happen ("a
        planned anti-government march", "the upcoming rally"), or that are the subject of a
        passive planning verb ("a protest over the killings is planned for Monday"); read
        once per sentence."""
        unreal = self.lex.modality.hypothetical_adjectives

        def compute() -> frozenset[int]:
            out: set[int] = set()
            for i in range(view.first, view.last):
                head = view.head(i)
                if head is None:
                    continue
                dep, head_pos = view.tok(i).dep, view.tok(head).pos
                # "a planned march": the noun the adjective describes
                if dep == "amod" and head_pos in ("NOUN", "PROPN") and view.lemma(i) in unreal:
                    out.update(view.subtree(head))
                # "a protest ... is planned": the verb's subject
                elif (
                    dep == "nsubjpass"
                    and head_pos in ("NOUN", "PROPN", "VERB")
                    and view.lemma(head) in PLANNING_VERBS
                ):
                    out.update(view.subtree(i))
            return frozenset(out)

        return set(view.memoised("unheld", compute))

    def _crowd_violence(
        self, code: str | None, specific: bool, view: SentenceView, ctx: AcledContext
    ) -> bool:
        """ACLED's mob violence: people who are no armed group (villagers, supporters, a
        crowd) turning on others with their hands or primitive weapons, no demonstration
        named; a state agent, an armed group or a firearm in the sentence says otherwise."""
        if self.crowd_code is None or code not in self.crowd_codes or specific:
            return False
        phrase = f" {ctx.agent_phrase.lower()} "
        head = ctx.agent_head
        # a crowd word heading the agent is a crowd ("supporters of two factions")
        crowd = (
            bool(head)
            and head not in self.lex.word_sets["quantity_nouns"]  # "hundreds of militants"
            and any(c.strip() in (head, head + "s") for c in self.crowd_agents)
        )
        state = self._is_state(ctx)
        if not phrase.strip() or state is True or (state is False and not crowd):
            return False
        own = phrase if not crowd else phrase.split(" of ")[0] + " "  # "unknown people"
        if any(c in own for c in self.nonstate_cues):
            return False
        if any(view.has_cue(c) for c in self.crowd_firearms) or self._battle(view):
            return False
        if any(f" {c} " in phrase for c in self.demonstrating):
            return False  # "workers demanding higher wages" demonstrate
        grievance = grievance_tokens(view, self.grievance_heads, self.grievance_preps)
        has = masked_cues(view, (), grievance)
        if any(has(c) for c in (*self.lex.demonstration_cues, *self.street_riot_cues)):
            return False  # demonstrators turning violent riot (violent demonstration)
        return any(c in phrase for c in self.crowd_agents) or any(
            view.has_cue(c) for c in self.crowd_weapons
        )

    def _battle(self, view: SentenceView) -> bool:
        """Whether two sides are said to shoot at each other (an exchange of fire)."""
        return any(view.has_cue(c) for c in self.battle_cues)

    def _is_state(self, ctx: AcledContext) -> bool | None:
        kinds = set(ctx.agent_kind.lower().split())
        if kinds & self.nonstate_kinds:
            return False
        if kinds & self.state_kinds:
            return True
        text = f" {ctx.agent_text.lower()} {ctx.agent_kind.lower()} "
        plural = text.replace("s ", " ")  # "soldiers" is a soldier, "troops" a troop
        if any(c in text or c in plural for c in self.nonstate_cues):
            return False
        if any(c in text or c in plural for c in self.state_cues):
            return True
        return None

    def _territory(
        self, fam: Family, ctx: AcledContext, view: SentenceView
    ) -> tuple[str | None, bool]:
        # people pushed back at a demonstration ("pushed them back", "pushed back students
        # trying to block the entrance") are a protest met with force, not ground taken
        people = ctx.object_class == "person" or bool(set(ctx.patient_head.split()) & PRONOUNS)
        if people and any(view.has_cue(c) for c in (*self.lex.demonstration_cues, "block")):
            return self._family_code("PROTEST", view, ctx)
        # ground changing hands without a fight is a non-violent transfer, whoever takes it;
        # not a thing described as left ("motorbikes lying abandoned", "abandoned houses")
        has = masked_cues(view, (), stative_tokens(view, self.grounds))
        for rule in fam.rules:
            # the vetoes are words ("clashes"); the negated cues ("without fighting") are
            # no fighting
            words = view.word_string
            for c in rule.cues:
                if c.startswith(("without ", "no ")):
                    words = words.replace(f" {c} ", " _ ")
            if any(has(c) for c in rule.cues) and not any(f" {c} " in words for c in rule.unless):
                return rule.code, True
        return self._direction(fam, ctx), False

    def _direction(self, fam: Family, ctx: AcledContext) -> str:
        state = self._is_state(ctx)
        if state is None:
            # "the terrorists were pushed back": whoever took the ground fought them
            lost = f" {ctx.patient_text.lower()} "
            if any(c in lost for c in self.nonstate_cues):
                state = True
            elif any(c in lost for c in self.state_cues):
                state = False
        if state is None:
            return str(fam.default)
        return str(fam.options["state"] if state else fam.options["nonstate"])

    def _seize(self, fam: Family, view: SentenceView, ctx: AcledContext) -> tuple[str | None, bool]:
        cls = ctx.object_class
        if cls == "weapon":
            return str(fam.options["weapon"]), True
        head = set(ctx.patient_head.lower().split())
        if head & self.lex.word_sets["quantity_nouns"]:  # "hundreds of dunams of land"
            head = set(ctx.patient_text.lower().split())
        if cls != "person" and self.property_code and head & self.property_nouns:
            return self.property_code, True  # land, homes or goods taken, not ground held
        if cls == "troops" and head & self.lex.word_sets["person_nouns"]:
            cls = "person"  # "seized two soldiers": people taken, not a unit's ground
        if cls == "person":
            state = self._is_state(ctx)
            return str(
                fam.options["person_state" if state is not False else "person_nonstate"]
            ), True
        return self._territory(self.lex.families["TERRITORY"], ctx, view)
