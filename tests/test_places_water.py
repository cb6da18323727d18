"""Words around a name that say it is no town: a river ("the Dnipro river") and a square or
street opened by its kind word ("Plaza San Martin"). Sentences written for sitrep."""

from __future__ import annotations

from collections.abc import Callable

from sitrep.models import Document

REGION = ["UA", "PE", "BR", "AR", "IE"]


def test_places_water_river_is_no_town(places: Callable[[str], Document]) -> None:
    doc = places(
        "On 19 November 2023, marines clashed with soldiers near Krynky (Kakhovskyi raion, "
        "Kherson oblast) on the left bank of the Dnipro river."
    )
    river = next(p for p in doc.places if p.text == "Dnipro")
    village = next(p for p in doc.places if p.text == "Krynky")
    assert river.precision == 3  # somewhere along the river, not the city
    assert village.precision is not None and village.precision < river.precision


def test_places_water_square_of_the_story_town(places: Callable[[str], Document]) -> None:
    doc = places(
        "On 19 January 2023, in Lima (Lima, Lima), protesters clashed with police near "
        "Plaza San Martin."
    )
    square = next(p for p in doc.places if p.text.endswith("San Martin"))
    assert square.text == "Plaza San Martin" and square.lat is None


def test_places_water_square_with_a_link_word(places: Callable[[str], Document]) -> None:
    doc = places(
        "On 20 December 2023, in Buenos Aires, thousands of people gathered in the Plaza de "
        "Mayo to protest against the economic measures."
    )
    assert all(p.country != "IE" for p in doc.places)


def test_places_water_town_after_a_common_word_stays(places: Callable[[str], Document]) -> None:
    doc = places("On 2 May 2023, workers marched from Callao to Lima.")
    assert [p.country for p in doc.places if p.role == "mention"] == ["PE", "PE"]
