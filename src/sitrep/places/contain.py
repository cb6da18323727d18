"""Containers: a place named right after another as the area it lies in.

"Shinan town in Idleb countryside", "Kafr Ubayd (Idlib district)", "Paris, Texas": the
second name says where the first is. A first name resolved outside its container (a
Chinese "Shinan" while the note says Idlib) is re-resolved among its candidates inside
the container; when none lies there and the resolution is in another country, the name
is left unresolved, so the event falls back to the container (a village the gazetteer
does not know) instead of a namesake abroad.
"""

from __future__ import annotations

import re

from ..geo import distance_km
from .context import cues
from .gazetteer import NEAR_POINT, Entry
from .links import container_of, link_between
from .normalise import normalise_name
from .recognise import PlaceSpan
from .resolve import Context, Resolution

NEAR_KM = 120.0  # a town "in" a city's countryside lies within this of the city
SUBURB_KM = 30.0  # a town this close to a provincial seat may lie across the border
HAMLET = 1_000  # people: fewer, and a town read for a bracket's district places nothing


def inside(entry: Entry, area: Entry) -> bool:
    """Whether ``entry`` can lie in ``area`` (a country, admin area or town)."""
    if entry.country != area.country:
        return False
    if area.is_country:
        return True
    if None in (entry.lat, entry.lon, area.lat, area.lon):
        return False
    km = distance_km(entry.lat, entry.lon, area.lat, area.lon)  # type: ignore[arg-type]
    if area.feature == "ADM1" and area.admin2_code:
        # an ISO level-1 area that GeoNames puts lower (a West Bank governorate)
        return entry.admin2_code == area.admin2_code or (
            entry.admin2_code is None and km <= NEAR_KM / 3
        )
    if area.feature == "ADM1" and entry.admin1_code == area.admin1_code:
        return True
    if area.feature == "PPLA" and entry.admin1_code and area.admin1_code:
        # "in Hama countryside": the province whose seat Hama is
        return entry.admin1_code == area.admin1_code or km <= SUBURB_KM
    return km <= NEAR_KM


def apply_containers(
    text: str,
    spans: list[PlaceSpan],
    resolved: dict[int, Resolution],
    pools: dict[int, tuple[Entry, ...]],
) -> dict[int, Resolution]:
    """Resolutions with each place moved inside the container named right after it."""
    out = dict(resolved)
    for i, span in enumerate(spans):
        res = out.get(i)
        if span.role != "mention" or res is None or res.entry is None:
            continue
        entry = res.entry
        if entry.is_country or entry.is_region:
            continue
        if entry.feature == "ADM1" and not _small(text, span):
            continue
        pair = _bracket_pair(text, spans, out, pools, i)
        if pair is not None:
            # "El Callao (El Callao, Bolivar)": Peru's Callao and a Peruvian Bolivar were
            # read apart; the town lies in a first-level area the bracket ends with
            k, town, state = pair
            out[i], out[k] = Resolution(town), Resolution(state)
            for m in range(i + 1, k):  # the district between, inside the state or unknown
                fits = [c for c in pools.get(m, ()) if c.kind in ("name", "alias")]
                fits = [c for c in fits if c.id != state.id and inside(c, state)]
                best = max(fits, key=lambda c: (c.feature == "ADM2", c.population), default=None)
                out[m] = Resolution(best)
            res, entry = out[i], town
        found = _container(text, spans, out, i)
        if found is not None and found[1] == "-":
            continue  # "Recife - Boa Viagem": what follows the dash is a part of this town
        found = _whole(text, spans, out, i) or found
        if found is None:
            continue
        j, link, area = found
        further = _container(text, spans, out, j) if link != "-" else None
        if area is not None and _abroad(further, area):
            area = None  # "Kuchi village in Munya LGA of Niger State" with a Burmese Munya
        if (
            area is not None
            and area.id != entry.id
            and _faint(area)
            and further is not None
            and further[1] != "-"
        ):
            # "San Ignacio (Velasco, Santa Cruz)": a hamlet read for the district (Bolivia's
            # Pulqui, which bears the name as an alternate) says nothing; the area after it does
            area = None
        last = further is None or further[1] == "-"
        if area is not None and link == "(" and last and area.id != entry.id and _faint(area):
            # "Guadalupe (Zacatecas)": a hamlet read for the bracket's only area (one in
            # Nuevo Leon, beside the other Guadalupe) gives way to the first-level area
            # of that name that holds a town of the name before it
            twin = _twin(entry, pools.get(i, ()), pools.get(j, ()))
            if twin is not None:
                out[i], out[j] = Resolution(twin[0]), Resolution(twin[1])
                continue
        if area is None and further is not None and further[1] != "-":
            # "X (Pale township, Yinmarbin district, Sagaing region)": past a district
            # the gazetteer does not know, the region it lies in
            j, _, area = further
        if area is not None and area.id == entry.id and link == "(":
            # "Merida (Merida)": a town named with its state of the same name is the
            # town of the country whose first-level area bears that name (Venezuela's)
            twin = _twin(entry, pools.get(i, ()), pools.get(j, ()))
            if twin is None and entry.feature != "ADM1":
                # "Sidi Slimane (Sidi Slimane, Rabat-Sale-Kenitra)", "Pauk (Pauk, Magway)":
                # ACLED's town named with the district of the same name is the district's
                # town, and the bracket's name the district
                outer = further[2] if further is not None and further[1] != "-" else None
                twin = _seat(entry, pools.get(i, ()), pools.get(j, ()), outer)
            if twin is not None:
                out[i], out[j] = Resolution(twin[0]), Resolution(twin[1])
            continue
        if area is None or area.id == entry.id:
            continue
        if inside(entry, area):
            # "Andriivka (Bakhmutskyi raion, ...)": a namesake filed under the next
            # district gives way to one filed under this one (or to an unfiled one nearby)
            filed = [c for c in pools.get(i, ()) if c.is_populated and _filed(c, area)]
            if filed and ((res.ambiguous and area.feature == "ADM2") or not _filed(entry, area)):
                # and among several namesakes in the district, the one nearest its middle
                # ("Vodiane (Pokrovskyi raion, ...)": no longer ambiguous, precision 2)
                out[i] = Resolution(max(filed, key=lambda c: _rank(c, area)))
            elif not filed and _stranger(entry, area):
                # "Sieverne (Pokrovskyi raion, ...)": a village known only near its hromada,
                # filed under another raion (Horlivskyi's Sieverne, 107 km off), is another
                # village; the event falls back to the raion
                out[i] = Resolution(None)
            continue
        # only a well-matched, larger place says where another one lies (a province
        # or its seat spelt with fewer doubled letters still does: "Middle Shabelle",
        # "Plavni, Zaporizhia")
        rough_area = area.kind == "sound" or (
            area.kind == "loose" and area.feature not in ("ADM1", "PPLA")
        )
        if rough_area or not (area.is_country or area.is_admin or area.is_populated):
            continue
        fits = [c for c in pools.get(i, ()) if inside(c, area)]
        if fits:
            out[i] = Resolution(max(fits, key=lambda c: _rank(c, area)))
        elif _misplaced(text, spans, out, j, entry):
            continue  # "Omdurman (Karari, Khartoum)": no Indian village holds a city
        else:
            rough, foreign = entry.kind in ("loose", "sound"), entry.country != area.country
            # "Al Salam district, Diyala" is no Omani namesake, but "Paris, London" is a list;
            # "Kafin X village (Gusau LGA, Zamfara state)" is no namesake in another state
            said = link != "," or area.is_admin
            # (not "Allamakee County, Dubuque County": a list of peers)
            # nor is "Kishoreganj upazila (Nilphamari, Rangpur)" another division's district
            # of that name: a district lies in no other district
            peer = entry.feature == "ADM2" and area.feature in ("ADM1", "ADM2")
            elsewhere = area.is_admin and (peer or not entry.is_admin) and link in ("(", "in", "of")
            # "Ywathit village, Kani township, ...": a village said to lie in an area
            # written with its kind word after a comma lies in no other area
            elsewhere = elsewhere or (
                link == ","
                and area.is_admin
                and not entry.is_admin
                and spans[j].cue in ("admin", "admin2")
                and _small(text, span)
            )
            # "near Hryhorivka, Donetsk": a village in another province than the seat's
            seat = link == "," and area.feature == "PPLA" and entry.feature in ("PPL", NEAR_POINT)
            # "Kangvai (Churachandpur, Manipur)": a namesake in another state than the one
            # the district town is said to lie in
            elsewhere = elsewhere or (link == "(" and _outside(further, entry))
            # "Kandi forest area (Rajouri, ...)": the district town in brackets lies over
            # NEAR_KM from the namesake read (West Bengal's Kandi); not a city ten times the
            # size of the bracket's town ("Seoul (Yongsan, Seoul)": a Yongsan 160 km off)
            elsewhere = elsewhere or (
                link == "("
                and area.is_populated
                and not entry.is_admin
                and area.population * 10 >= entry.population
            )
            if seat or ((rough or foreign or elsewhere) if said else (rough and foreign)):
                out[i] = Resolution(None)
    return out


_NEXT_WORD = re.compile(r"\s+([\w-]+)")


def _small(text: str, span: PlaceSpan) -> bool:
    """Whether the text calls the place a town, village, camp or quarter ("Mayo
    neighbourhood in southern Khartoum"): then a province of that name is a namesake,
    and the container named after it says where the place lies."""
    m = _NEXT_WORD.match(text, span.end)
    return m is not None and m.group(1).lower() in cues().place_nouns


def _bracket_pair(
    text: str,
    spans: list[PlaceSpan],
    out: dict[int, Resolution],
    pools: dict[int, tuple[Entry, ...]],
    i: int,
) -> tuple[int, Entry, Entry] | None:
    """For ACLED's "TOWN (DISTRICT, STATE)" whose town, as read, lies in no reading of the
    last area: the index of that area, and the most populous town of the name lying in a
    first-level area of the last area's name (the town as read first, if it does)."""
    first = container_of(text, spans, i)
    if first is None or first[1] != "(":
        return None
    k, steps = first[0], 0
    while (nxt := container_of(text, spans, k)) is not None and nxt[1] == "," and steps < 2:
        k, steps = nxt[0], steps + 1
    if steps == 0 or not text[spans[k].end :].lstrip().startswith(")"):
        return None
    entry, last = out[i].entry, out.get(k)
    if entry is None or (last is not None and last.entry is not None and inside(entry, last.entry)):
        return None
    pairs = [
        (c, a)
        for a in pools.get(k, ())
        if a.feature == "ADM1" and a.kind in ("name", "alias")
        for c in pools.get(i, ())
        if c.is_populated and c.kind in ("name", "alias") and inside(c, a)
    ]
    if not pairs:
        return None
    town, state = max(pairs, key=lambda p: (p[0].id == entry.id, p[0].population))
    return k, town, state


def _twin(
    entry: Entry, towns: tuple[Entry, ...], areas: tuple[Entry, ...]
) -> tuple[Entry, Entry] | None:
    """``entry`` (else the most populous town of ``towns``) with the first-level area of
    ``areas`` it lies in; None when no town lies in one."""
    pairs = [
        (c, a)
        for a in areas
        if a.feature == "ADM1" and a.kind in ("name", "alias")
        for c in towns
        if c.is_populated and c.kind in ("name", "alias") and inside(c, a)
    ]
    return max(pairs, key=lambda p: (p[0].id == entry.id, p[0].population), default=None)


def _faint(area: Entry) -> bool:
    """Whether a container reading is a hamlet (fewer than ``HAMLET`` people on record):
    no district ACLED names in a bracket before the first-level area."""
    return area.is_populated and area.population < HAMLET


def _filed(entry: Entry, area: Entry) -> bool:
    """Whether ``entry`` lies in ``area`` by GeoNames' filing: a town filed under another
    district of the same first-level area does not (``inside`` would take any within
    ``NEAR_KM``); one filed under none does when it is ``inside``."""
    if (
        area.feature == "ADM2"
        and area.admin2_code
        and entry.admin2_code
        and entry.admin1_code == area.admin1_code
        and not entry.is_admin
    ):
        return entry.admin2_code == area.admin2_code
    return inside(entry, area)


def _stranger(entry: Entry, area: Entry) -> bool:
    """Whether ``entry``, filed under another district of ``area``'s first-level area, is
    another place of the name: a village known only near its point, or a hamlet (under
    ``HAMLET`` people) over ``NEAR_KM / 2`` from the district's point ("Pobieda (Pokrovskyi
    raion, ...)" is no Pobyeda of Horlivskyi raion, 105 km off). Towns filed across a
    district's border stay ("Imphal (Imphal West, ...)")."""
    if _filed(entry, area):
        return False
    hamlet = entry.is_populated and entry.population < HAMLET and _km(entry, area) > NEAR_KM / 2
    return entry.is_near_point or hamlet


def _rank(entry: Entry, area: Entry) -> tuple[bool, bool, int, bool, float]:
    """How well ``entry`` fits as the place inside ``area``: well spelt, filed there,
    populous, known by that very name (not as another name: "Pauktaw town in Rakhine
    state" is the township's Pauktaw, not a village also called Pauk Taw that lies nearer
    the state's middle), near its point."""
    good = entry.kind not in ("loose", "sound")
    own = entry.kind in ("name", "alias")
    return good, _filed(entry, area), entry.population, own, -_km(entry, area)


def _km(entry: Entry, area: Entry) -> float:
    """How far ``entry`` lies from ``area``'s point (0 without points)."""
    if None in (entry.lat, entry.lon, area.lat, area.lon):
        return 0.0
    return distance_km(entry.lat, entry.lon, area.lat, area.lon)  # type: ignore[arg-type]


def _seat(
    entry: Entry, towns: tuple[Entry, ...], areas: tuple[Entry, ...], outer: Entry | None
) -> tuple[Entry, Entry] | None:
    """The town and the district below the first level (inside ``outer`` when that is an
    admin area, else in ``entry``'s country) that share ``entry``'s name: the district
    ``entry`` when it is one, and the best-named, most populous town inside it, else the
    district's lower-level namesake (a township's point is its town), else the district
    itself; None when no such district is among ``areas``."""
    within = outer if outer is not None and outer.is_admin else None
    # with no area after the bracket, the district lies in the town's country: "Buenos
    # Aires (Buenos Aires)" is Argentina's capital, not Costa Rica's canton and its town
    districts = [
        a
        for a in areas
        if a.kind in ("name", "alias") and a.is_admin and a.feature != "ADM1"
        if (inside(a, within) if within is not None else a.country == entry.country)
    ]
    if not districts:
        return None
    district = max(districts, key=lambda a: (a.id == entry.id, a.feature == "ADM2", a.population))
    placed = [c for c in towns if c.is_populated and c.kind != "sound" and inside(c, district)]
    if placed:
        return max(placed, key=lambda c: (c.kind in ("name", "alias"), c.population)), district
    lower = [a for a in districts if a.id != district.id and a.feature in ("ADM3", "ADM4")]
    return (lower[0] if lower else district), district


def _container(
    text: str, spans: list[PlaceSpan], out: dict[int, Resolution], i: int
) -> tuple[int, str, Entry | None] | None:
    """``container_of`` span ``i``, with the container's resolution (None if unresolved)."""
    found = container_of(text, spans, i)
    if found is None:
        return None
    j, link = found
    return j, link, out[j].entry if j in out else None


def _whole(
    text: str, spans: list[PlaceSpan], out: dict[int, Resolution], i: int
) -> tuple[int, str, Entry | None] | None:
    """The town that span ``i`` is written as a part of, before a dash ("Khartoum - Al
    Jarif West", "Recife - Boa Viagem"), with its resolution."""
    if i == 0 or spans[i - 1].role != "mention":
        return None
    if link_between(text, spans[i - 1].end, spans[i].start) != "-":
        return None
    return i - 1, "-", out[i - 1].entry if i - 1 in out else None


def _outside(outer: tuple[int, str, Entry | None] | None, entry: Entry) -> bool:
    """Whether ``entry`` lies outside the admin area the text names as the container's own
    container (``outer``: "Manipur" of "X (Churachandpur, Manipur)")."""
    area = outer[2] if outer is not None and outer[1] in (",", "(", "in", "of") else None
    return area is not None and area.is_admin and area.id != entry.id and not inside(entry, area)


def _abroad(outer: tuple[int, str, Entry | None] | None, area: Entry) -> bool:
    """Whether a container (``area``) was read in another country than the admin area it
    is itself said to lie in (``outer``, its own container): "Munya LGA of Niger State"
    read as Burma's Monywa. Then it says nothing of where the place before it lies, and
    that area does."""
    if outer is None or outer[1] not in ("(", "in", "of"):
        return False
    entry = outer[2]
    return entry is not None and entry.is_admin and entry.country != area.country


def _misplaced(
    text: str, spans: list[PlaceSpan], out: dict[int, Resolution], j: int, entry: Entry
) -> bool:
    """Whether the container ``spans[j]`` is a smaller town abroad whose own container
    lies in ``entry``'s country: "Omdurman (Karari, Khartoum)" with an Indian Karari."""
    area = out[j].entry if j in out else None
    if area is None or not area.is_populated or area.population >= entry.population:
        return False
    found = _container(text, spans, out, j)
    outer = found[2] if found is not None else None
    return outer is not None and outer.country == entry.country != area.country


def recount(ctx: Context, spans: list[PlaceSpan], final: dict[int, Resolution]) -> Context:
    """The document context with each place name voting for the country it was finally
    resolved in (the resolver's votes are those of its first reading, before the context
    and the containers had their say: "Kuchi village (Munya LGA, Niger state)" read as a
    Chinese Kuchi at first is Nigerian in the end, and so is the story)."""
    country: dict[str, str | None] = {}
    for i, span in enumerate(spans):
        res = final.get(i)
        key = normalise_name(span.name)
        if span.target is not None or res is None or key in country:
            continue
        if res.entry is None or not res.ambiguous:
            country[key] = res.entry.country if res.entry is not None else None
    if all(country.get(k, c) == c for k, c, _ in ctx.votes if k):
        return ctx
    votes = [(k, country[k] or "", w) if k in country else (k, c, w) for k, c, w in ctx.votes]
    placed = [(k, country[k] or "") if k in country else (k, c) for k, c in ctx.placed]
    return Context(
        dateline=ctx.dateline,
        votes=[v for v in votes if v[1]],
        admin1s=ctx.admin1s,
        points=ctx.points,
        placed=[p for p in placed if p[1]],
    )
