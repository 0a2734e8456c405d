"""Reading questions and scoring sentences: the pure functions of `qa.question`,
`qa.places`, the `qa.news` readers and `qa.scoring`, through their doctests."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

import qa.news
import qa.news.dates
import qa.news.names
import qa.news.numbers
import qa.news.withholding
import qa.places
import qa.question
import qa.scoring


@pytest.mark.parametrize(
    "module",
    [
        qa.question,
        qa.places,
        qa.news.dates,
        qa.news.names,
        qa.news.numbers,
        qa.news.withholding,
        qa.scoring,
    ],
    ids=lambda m: m.__name__,
)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted and not result.failed


def test_capitals_come_from_the_country_data() -> None:
    table = qa.places.capitals()
    assert table["Baku"] == "Azerbaijan" and table["Yerevan"] == "Armenia"
    assert table["Washington"] == "United States"  # "Washington D.C." as written in news
    assert "Douglas" not in table  # a small territory's capital: more often a person
    assert not any(country.split()[0] in capital for capital, country in table.items())


def test_small_territories_words_are_not_taken_for_places_in_names() -> None:
    words = qa.places.place_words()
    assert {"armenia", "azerbaijani", "baku", "yerevan"} <= words
    # Saint Helena, Saint Martin, Saint Pierre: a person's first name, in news
    assert not {"helena", "martin", "pierre", "peter", "douglas"} & words
    said = "Chief executive Helena Ferreira, 52, announced the plan."
    assert qa.news.person_names(said) == {"helena", "ferreira"}
