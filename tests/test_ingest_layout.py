import pytest

from sitrep.ingest.layout import analyse, wire_names

ARTICLE = """
HAMA, Syria (AP) — Rebel fighters entered the city of Hama on Thursday, a war monitor said.
Army Says It Redeployed
The defence ministry said its units had moved outside the city to protect civilians.
Residents described empty checkpoints and burned vehicles on the main road.
(With files from AFP and Reuters)
Copyright © 2024 Example Media. All rights reserved
"""


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("HOMS,— Government forces pulled out of the city.", "HOMS"),
        ("BEIRUT: The monitor counted at least 16 dead.", "BEIRUT"),
        ("QAMISHLI, Syria (AP) — Kurdish-led forces said they took the town.", "QAMISHLI"),
        ("Hama, Syria - Rebels reached the outskirts.", "Hama"),
        ("DAMASCUS — Crowds gathered in Umayyad Square.", "DAMASCUS"),
        ("Deir ez-Zor, Syria — The SDF moved into the city.", "Deir ez-Zor"),
    ],
)
def test_layout_finds_dateline_place(opening: str, place: str) -> None:
    layout = analyse(opening + "\nA second line follows here.")
    assert layout.dateline is not None
    assert layout.dateline.place_text == place


@pytest.mark.parametrize(
    "opening",
    [
        "Analysts said: the war is over.",
        "The rebels entered the city on Saturday.",
        "Turkey, a key backer of the rebels, urged calm.",
    ],
)
def test_layout_no_dateline_in_ordinary_sentences(opening: str) -> None:
    assert analyse(opening + "\nMore text.").dateline is None


def test_layout_headings_credits_and_footer() -> None:
    layout = analyse(ARTICLE)
    headings = [ARTICLE[s.start : s.end] for s in layout.headings]
    assert headings == ["Army Says It Redeployed"]
    assert layout.credits == ("AP", "AFP", "Reuters")
    footer = [ARTICLE[s.start : s.end] for s in layout.boilerplate]
    assert footer == [
        "(With files from AFP and Reuters)",
        "Copyright © 2024 Example Media. All rights reserved",
    ]


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Body sentence one.\nBody two here.\n[Source: Reuters]", "Reuters"),
        ("Body sentence one.\nBody two here.\nAFP", "AFP"),
        ("Body sentence one.\nBody two here.\n(Reporting by Jane Doe; editing by Ann Roe)", None),
    ],
)
def test_layout_wire_credit_forms(text: str, credit: str | None) -> None:
    credits = analyse(text).credits
    if credit is None:
        assert "AP" not in credits and "AFP" not in credits
    else:
        assert credit in credits


def test_layout_wire_names_split() -> None:
    assert wire_names("the Associated Press and AFP") == ["AP", "AFP"]


def test_layout_title_line_is_heading() -> None:
    text = "Rebels Reach Damascus Suburbs\nDAMASCUS — Rebels reached the suburbs on Saturday."
    layout = analyse(text)
    assert layout.title == "Rebels Reach Damascus Suburbs"
    assert layout.dateline is not None and layout.dateline.place_text == "DAMASCUS"
