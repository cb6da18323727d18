"""People through their offices: "the Syrian president" is whoever held the office on the
article's date, and "Putin's troops" are the forces of the state he leads."""

from __future__ import annotations

from dataclasses import replace

from .matching import Hit
from .registry import Registry
from .words import Word


def office_titles(
    registry: Registry, hits: list[Hit], words: list[list[Word]], day: str | None
) -> list[Hit]:
    """A title phrase matched as a government ("Syrian president") names the office
    holder on ``day`` when the registry knows who that was."""
    out = []
    for h in hits:
        entry = registry.get(h.actor)
        if entry is not None and entry.kind == "government" and h.method == "template":
            role = " ".join(w.key for w in words[h.sent][h.w0 + 1 : h.w1])
            holder = registry.office_holder(h.actor, role, day) if role else None
            if holder is not None:
                h = replace(h, actor=holder.id, method="office", affiliation=h.actor)
        out.append(h)
    return out


def leaders_forces(
    registry: Registry, hits: list[Hit], words: list[list[Word]], text: str, day: str | None
) -> list[Hit]:
    """ "Putin's troops", "Erdogan's government", "forces loyal to Netanyahu": the state's
    forces or government, through the office the person holds."""
    lex = registry.lexicon
    out = []
    for h in hits:
        entry = registry.get(h.actor)
        iso3 = registry.led_state(h.actor, day) if entry and entry.kind == "person" else None
        if iso3 is None:
            out.append(h)
            continue
        ws = words[h.sent]
        after = [w.key for w in ws[h.w1 : h.w1 + 2]]
        before = [w.key for w in ws[max(0, h.w0 - 3) : h.w0]]
        w0, w1 = h.w0, h.w1
        suffix = ""
        if len(after) == 2 and after[0] == "'s" and after[1] in lex.leader_forces:
            suffix, w1 = "state-forces", h.w1 + 2
        elif len(after) == 2 and after[0] == "'s" and after[1] in lex.leader_government:
            suffix, w1 = "government", h.w1 + 2
        elif len(before) == 3 and before[1:] == ["loyal", "to"] and before[0] in lex.leader_forces:
            suffix, w0 = "state-forces", h.w0 - 3
        if not suffix or f"{iso3}.{suffix}" not in registry:
            out.append(h)
            continue
        start, end = ws[w0].start, ws[w1 - 1].end
        out.append(
            replace(
                h,
                w0=w0,
                w1=w1,
                start=start,
                end=end,
                text=text[start:end],
                actor=f"{iso3}.{suffix}",
                method="leader-possessive",
            )
        )
    merged = [(h.sent, h.w0, h.w1) for h in out if h.method == "leader-possessive"]
    return [
        h
        for h in out
        if h.method == "leader-possessive"
        or not any(s == h.sent and w0 <= h.w0 and h.w1 <= w1 for s, w0, w1 in merged)
    ]


def governing_movements(
    registry: Registry, hits: list[Hit], words: list[list[Word]], day: str | None
) -> list[Hit]:
    """ "Taliban forces" after August 2021 are Afghanistan's state forces: a movement's
    forces are the state's while it governs (the movement itself is then the government,
    see ``Registry.kind_on``); before, they are the movement's own. Undated, only a
    state's words for its forces ("Taliban forces", "Taliban troops") make them the
    state's: "Taliban fighters" or "militants" are the insurgency's words."""
    forces = registry.lexicon.leader_forces
    if day is not None:
        forces = forces | {"fighters", "militants", "gunmen"}
    out = []
    for h in hits:
        iso3 = registry.governed_on(h.actor, day) if h.actor else None
        last = words[h.sent][h.w1 - 1].key
        if iso3 and last in forces and f"{iso3}.state-forces" in registry:
            h = replace(h, actor=f"{iso3}.state-forces", method="governing-forces")
        out.append(h)
    return out
