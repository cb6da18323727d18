"""The CASE 2021 cue tiers of ``data/events/case_extra.yaml`` on sentences written for
sitrep: attribution of responsibility for a named attack."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials blamed a separatist cell for the blast at the bus depot.", "ATTRIB"),
        ("The ministry accused the militia of carrying out the massacre.", "ATTRIB"),
        ("The rebels denied any involvement in the ambush on the convoy.", "ATTRIB"),
        ("Investigators attributed the explosion to a local jihadist cell.", "ATTRIB"),
        ("Police said a criminal network was behind the kidnapping of the engineer.", "ATTRIB"),
        # an arrest for an attack is an arrest; an unclaimed attack is the attack
        ("Police arrested two men for the attack on the bus depot.", "ARREST"),
        ("A roadside bomb hit a police patrol; no group has claimed the attack.", "REM_EXPLOS"),
    ],
)
def test_events_rules_case_attribution(
    parse_text: Callable[..., Document],
    case_label: Callable[[Document], str],
    text: str,
    expected: str,
) -> None:
    assert case_label(parse_text(text)) == expected
