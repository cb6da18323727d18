"""Incident fusion over hand-built documents."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from sitrep.fuse.incidents import fuse_incidents
from sitrep.fuse.mentions import mentions_from_document
from sitrep.fuse.synthetic import DocumentBuilder
from sitrep.ids import slug
from sitrep.models import ActorRef, Document, Place

D = dt.date
WIRE_STORY = (
    "Israeli aircraft struck a weapons depot near Masyaf on Sunday, killing at least 6 people, "
    "the Syrian Observatory for Human Rights said."
)


STRIKE_PUBLISHED = D(2024, 9, 9)


def _strike(text: str, outlet: str, *, credits: tuple[str, ...] = (),
            day: dt.date = STRIKE_PUBLISHED, fatalities: int | None = 6,
            modality: str = "asserted", with_source: bool = False,
            trigger: str = "struck") -> Document:
    b = DocumentBuilder(text, published=day, outlet=outlet, credits=credits,
                        url=f"https://{outlet.lower().replace(' ', '')}.example/{len(text)}")
    israel = b.actor("ISR.military", "Israel Defense Forces", side="foreign",
                     mention="Israeli aircraft" if "Israeli aircraft" in text else "Israel")
    sources = []
    if with_source:
        sources.append(b.actor("sohr", "Syrian Observatory for Human Rights", kind="monitor",
                               mention="Syrian Observatory for Human Rights"))
    masyaf = b.place("Masyaf", lat=35.0653, lon=36.3406, geonames_id=167046)
    e = b.event(trigger, "ASSAULT", mode="aerial", actor1=israel, place=masyaf,
                date=D(2024, 9, 8), fatalities=fatalities, modality=modality, sources=sources,
                acled=("Explosions/Remote violence", "Air/drone strike"))
    if with_source:
        b.claim("said", sources[0], [e])
    return b.build()


def _mentions(docs):
    return [m for d in docs for m in mentions_from_document(d)]


def wire_copies() -> list[Document]:
    """Three outlets repeating one AP story, and one independent local report."""
    return [
        _strike(WIRE_STORY, "Daily Star", credits=("With files from AP",)),
        _strike(WIRE_STORY, "Gulf Times", credits=("AP",)),
        _strike(WIRE_STORY.replace("Sunday", "Sunday night"), "Morning Post"),
        _strike("Israel struck Masyaf late on Sunday; a local medic counted 9 dead.",
                "Hama Voice", fatalities=9),
    ]


def test_fuse_wire_copies_count_once():
    [incident] = fuse_incidents(_mentions(wire_copies()[:3]))
    assert len(incident.mentions) == 3
    assert incident.sources_count == 3
    assert incident.independent_sources == 1
    assert incident.outlets == ("Daily Star", "Gulf Times", "Morning Post")


def test_fuse_independent_report_adds_a_source_and_a_fatality_range():
    [incident] = fuse_incidents(_mentions(wire_copies()))
    assert incident.sources_count == 4
    assert incident.independent_sources == 2
    assert (incident.fatalities, incident.fatalities_max) == (6, 9)
    assert incident.place is not None and incident.place.name == "Masyaf"
    assert incident.date == D(2024, 9, 8)
    assert incident.modality == "asserted" and not incident.contradicted


@pytest.mark.parametrize("perm", list(itertools.permutations(range(4)))[::5])
def test_fuse_ids_do_not_depend_on_ingest_order(perm):
    docs = wire_copies()
    base = fuse_incidents(_mentions(docs))
    shuffled = fuse_incidents(_mentions([docs[i] for i in perm]))
    assert [(i.id, i.mentions) for i in base] == [(i.id, i.mentions) for i in shuffled]


def test_fuse_named_source_repeated_by_outlets_is_one_source():
    docs = [_strike(WIRE_STORY, outlet, with_source=True) for outlet in ("A1", "B2", "C3")]
    [incident] = fuse_incidents(_mentions(docs))
    assert incident.independent_sources == 1
    assert incident.sources == ("Syrian Observatory for Human Rights",)


def test_fuse_far_apart_or_distant_dates_stay_apart():
    near = _strike(WIRE_STORY, "A1")
    later = _strike(WIRE_STORY, "B2", day=D(2024, 9, 20))
    b = DocumentBuilder("Israeli aircraft struck Deir ez-Zor.", published=D(2024, 9, 9),
                        outlet="C3")
    israel = b.actor("ISR.military", "Israel Defense Forces", mention="Israeli aircraft")
    b.event("struck", "ASSAULT", mode="aerial", actor1=israel, place=b.place("Deir ez-Zor"),
            date=D(2024, 9, 8))
    incidents = fuse_incidents(_mentions([near, b.build()]))
    assert len(incidents) == 2
    # the later article dates its own strike 2024-09-08 too: one incident
    assert len(fuse_incidents(_mentions([near, later]))) == 1


def test_fuse_denial_beside_claim_is_a_contradiction():
    claim = _strike(WIRE_STORY, "A1", with_source=True)
    denial = _strike("Israel denied that its aircraft struck Masyaf.", "B2", modality="denied",
                     fatalities=None)
    [incident] = fuse_incidents(_mentions([claim, denial]))
    assert incident.contradicted
    assert incident.modality == "asserted"
    assert len(incident.contradictions) == 1
    alone = fuse_incidents(_mentions([claim]))[0]
    assert incident.corroboration < alone.corroboration


def test_fuse_hypothetical_never_joins_a_factual_incident():
    claim = _strike(WIRE_STORY, "A1")
    maybe = _strike("Israeli aircraft could strike Masyaf again, officials warned.", "B2",
                    modality="hypothetical", fatalities=None, trigger="strike")
    incidents = fuse_incidents(_mentions([claim, maybe]))
    assert sorted(i.modality for i in incidents) == ["asserted", "hypothetical"]


def test_fuse_actors_of_opposed_sides_are_different_incidents():
    text = "Rebels shelled Hama. Government artillery shelled Hama."
    b = DocumentBuilder(text, published=D(2024, 12, 1))
    rebels = b.actor("rebels", "Rebels", side="opposition", mention="Rebels")
    army = b.actor("SYR.army", "Syrian Arab Army", side="government", mention="Government")
    b.event("shelled", "ASSAULT", mode="heavy-weapons", actor1=rebels, place=b.place("Hama"))
    b.event("shelled", "ASSAULT", mode="heavy-weapons", actor1=army,
            place=b.place("Hama", after=20), after=20)
    assert len(fuse_incidents(mentions_from_document(b.build()))) == 2


def test_fuse_cross_alignment_from_two_opposed_sources():
    text = "Troops pulled out of Homs, said the Syrian Observatory for Human Rights and Sham FM."
    b = DocumentBuilder(text, published=D(2024, 12, 8), outlet="iKurd")
    army = b.actor("SYR.army", "Syrian Arab Army", side="government", mention="Troops")
    sohr = b.actor("sohr", "Syrian Observatory for Human Rights", kind="monitor",
                   mention="Syrian Observatory for Human Rights")
    sham = b.actor("sham-fm", "Sham FM", kind="media", mention="Sham FM")
    e = b.event("pulled out", "RETREAT", mode="withdraw", actor1=army, place=b.place("Homs"),
                modality="reported", sources=[sohr, sham])
    b.claim("said", sohr, [e])
    [incident] = fuse_incidents(mentions_from_document(b.build()))
    assert incident.sources_count == 2 and incident.independent_sources == 2
    assert incident.cross_alignment


def test_fuse_publisher_and_wire_named_as_sources_count_as_the_origin():
    """The claims stage lists the outlet and its wire credit as an event's sources when no
    one else is quoted: three outlets reposting one AFP story are still one source."""
    docs = []
    for outlet in ("North Star", "South Star", "East Star"):
        b = DocumentBuilder(WIRE_STORY, published=D(2024, 9, 9), outlet=outlet,
                            credits=("AFP",), url=f"https://{outlet[:5].lower()}.example/x")
        israel = b.actor("ISR.military", "Israel Defense Forces", mention="Israeli aircraft")
        publisher = b.actor(f"outlet:{outlet}", outlet, kind="media", mention="Masyaf")
        afp = b.actor("outlet:afp", "Agence France-Presse", kind="media", mention="Masyaf")
        b.event("struck", "ASSAULT", mode="aerial", actor1=israel,
                place=b.place("Masyaf", lat=35.0653, lon=36.3406, geonames_id=167046),
                sources=[ActorRef(publisher.id, outlet, outlet), afp])
        docs.append(b.build())
    [incident] = fuse_incidents(_mentions(docs))
    assert incident.independent_sources == 1
    assert incident.sources_count == 3


def test_fuse_unnamed_actor_joins_its_own_articles_incident():
    text = ("Rebels entered Hama on Thursday. Their leader said in a video that his fighters "
            "had entered Hama.")
    b = DocumentBuilder(text, published=D(2024, 12, 5), outlet="A1")
    rebels = b.actor("SYR.rebels", "Rebels", side="opposition", mention="Rebels")
    his = b.actor("provisional.his-fighters", "his fighters", mention="his fighters")
    b.event("entered", "COERCE", mode="seize", actor1=rebels, place=b.place("Hama"))
    b.event("entered", "COERCE", mode="seize", actor1=his,
            place=b.place("Hama", after=b.find("video")), after=b.find("video"))
    other = DocumentBuilder("Government troops entered Hama on Thursday, state media said.",
                            published=D(2024, 12, 5), outlet="B2")
    army = other.actor("SYR.army", "Syrian Arab Army", side="government",
                       mention="Government troops")
    other.event("entered", "COERCE", mode="seize", actor1=army, place=other.place("Hama"))
    incidents = fuse_incidents(_mentions([other.build(), b.build()]))
    by_size = sorted(len(i.mentions) for i in incidents)
    assert by_size == [1, 2]
    pair = next(i for i in incidents if len(i.mentions) == 2)
    assert pair.actor1 is not None and pair.actor1.id == "SYR.rebels"


def test_fuse_dateline_fallback_places_do_not_join_articles():
    docs = []
    for outlet in ("A1", "B2"):
        b = DocumentBuilder(f"BEIRUT — Fighting killed {len(outlet)} people, {outlet} said.",
                            published=D(2024, 11, 27), outlet=outlet)
        beirut = b.place("BEIRUT", name="Beirut", lat=33.89, lon=35.5, country="LB")
        b.event("Fighting", "ASSAULT", mode="firearms",
                place=Place(**{**{f: getattr(beirut, f) for f in Place.__slots__},
                               "role": "dateline"}))
        docs.append(b.build())
    assert len(fuse_incidents(_mentions(docs))) == 2


def _bombing(outlet: str, credit: str | None, text: str) -> Document:
    """An AP story as the claims stage leaves it when nobody is quoted: the outlet and the
    wire credit are the event's sources, and no claim attributes it."""
    b = DocumentBuilder(text, published=D(2024, 11, 28), outlet=outlet,
                        credits=(credit,) if credit else (),
                        url=f"https://{outlet.lower().replace(' ', '')}.example/bombing")
    russia = b.actor("RUS.air", "Russian Aerospace Forces", side="russian-state",
                     mention="Russian jets")
    publisher = ActorRef(f"outlet:{slug(outlet)}", outlet, outlet)
    wire = [ActorRef("outlet:ap", "Associated Press", "AP")] if credit else []
    b.event("bombed", "ASSAULT", mode="aerial", actor1=russia,
            place=b.place("Idlib"), date=D(2024, 11, 28), sources=[publisher, *wire])
    return b.build()


def test_fuse_two_outlets_running_one_ap_story_are_one_source():
    story = "Russian jets bombed a market in Idlib on Thursday, killing four civilians."
    docs = [_bombing("Levant Ledger", "AP", story),
            _bombing("Orontes Daily", "Associated Press", story)]
    [incident] = fuse_incidents(_mentions(docs))
    assert incident.independent_sources == 1
    assert incident.sources_count == 2  # one report per outlet, both voicing the wire
    assert incident.outlets == ("Levant Ledger", "Orontes Daily")


def test_fuse_unattributed_reports_count_by_origin_not_by_listed_sources():
    copied = "Russian jets bombed a market in Idlib on Thursday, killing four civilians."
    own = "Russian jets bombed Idlib's covered market on Thursday; medics counted four dead."
    docs = [_bombing("Levant Ledger", "AP", copied), _bombing("Orontes Daily", "AP", copied),
            _bombing("Idlib Voice", None, own)]
    [incident] = fuse_incidents(_mentions(docs))
    assert incident.independent_sources == 2  # the AP story and the local reporter


def test_fuse_army_statement_against_the_observatory_is_cross_alignment():
    """'the army said' is a registry actor with side government and no source profile;
    its side alone makes it pro-government, opposed to the (opposition) Observatory."""
    docs = []
    for n, (said, src_id, name, side) in enumerate((
        ("the army", "SYR.army", "Syrian Arab Army", "government"),
        ("the Syrian Observatory for Human Rights", "sohr",
         "Syrian Observatory for Human Rights", None),
    )):
        b = DocumentBuilder(f"Rebels shelled Hama on Monday, {said} said.",
                            published=D(2024, 12, 2), outlet=f"Outlet {n}",
                            url=f"https://o{n}.example/hama")
        rebels = b.actor("SYR.rebels", "Rebels", side="opposition", mention="Rebels")
        speaker = b.actor(src_id, name, side=side, kind="military", mention=said)
        e = b.event("shelled", "ASSAULT", mode="heavy-weapons", actor1=rebels,
                    place=b.place("Hama"), date=D(2024, 12, 2), modality="reported",
                    sources=[speaker])
        b.claim("said", speaker, [e])
        docs.append(b.build())
    [incident] = fuse_incidents(_mentions(docs))
    assert incident.independent_sources == 2
    assert incident.cross_alignment
