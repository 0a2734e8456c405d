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
from qa import Settings, ask
from qa.question import truecase
from vectorstore import LexicalIndex


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


def test_the_articles_say_which_words_are_names() -> None:
    """A word is a name when the articles capitalise it inside sentences and (almost)
    never write it in lower case; a sentence's first word says nothing."""
    index = LexicalIndex.build(
        ["a", "b"],
        [
            "Talks in Bishkek ended. The UN said the CSTO failed; the news shocked Yerevan.",
            "Reports by Armenpress News Agency said talks may resume in May. News of it spread.",
        ],
    )
    assert index.names == {
        "bishkek": "Bishkek",
        "un": "UN",
        "csto": "CSTO",
        "yerevan": "Yerevan",
        "armenpress": "Armenpress",
        "agency": "Agency",
    }
    asked = "what did the un and armenpress say about the news from bishkek?"
    assert truecase(asked, index.names) == (
        "what did the UN and Armenpress say about the news from Bishkek?"
    )


def test_a_question_typed_in_lower_case_is_read_with_its_names(seed_settings: Settings) -> None:
    """The seed says Armenia urged the UN Security Council to intervene, not how it
    responded: typed in lower case, the question still names the council and is declined."""
    asked = "how did the un security council respond to armenia's appeal?"
    low = ask(asked, settings=seed_settings)
    assert low.abstained
    assert "UN" in low.query and "Armenia's" in low.query
    found = ask("how many children did the russian military evacuate?", settings=seed_settings)
    assert "1,049 children" in found.text


def test_a_not_typed_without_its_apostrophe_is_read_as_written() -> None:
    """Chat drops the apostrophe of "didn't": the question asks what it would with it
    ("isnt it..." a yes or no; "how many didnt show up" counts no "didnts")."""
    from qa.intent import analyse
    from qa.question import correct_spelling

    vocabulary = {"show": 1, "capital": 1}
    for typed, written in [
        ("isnt it the capital?", "isn't it the capital?"),
        ("how many didnt show up", "how many didn't show up"),
    ]:
        fixed = correct_spelling(typed, vocabulary)
        assert fixed == written
        assert analyse(fixed).describe() == analyse(written).describe()
    assert analyse(correct_spelling("isnt it the capital?", vocabulary)).asks == "yesno"
    assert analyse(correct_spelling("how many didnt show up", vocabulary)).counted is None
