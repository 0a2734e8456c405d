"""A question that names its article ("in the story about X, ...", "the walnut story"):
`qa.scope` finds the phrase, and the one article it describes, or none.

Readers with several articles name the one they mean when the articles disagree; the
answer must then come from that article, and a description that fits no article, or two
equally, must leave the question as it was asked.
"""

from __future__ import annotations

import pytest

from qa.scope import article_reference, resolve_reference
from vectorstore import LexicalIndex, StoredChunk


@pytest.mark.parametrize(
    ("question", "description", "rest"),
    [
        (
            "In the story about the brandy distillery, who gave the death toll?",
            "the brandy distillery",
            "Who gave the death toll?",
        ),
        (
            "And in the piece about the vets, how many were evacuated?",
            "the vets",
            "How many were evacuated?",
        ),
        (
            "According to the census article: who heads the service?",
            "census",
            "Who heads the service?",
        ),
        (
            "Switching to the mountain rescue guy's story - how many got out?",
            "mountain rescue guy's",
            "How many got out?",
        ),
        (
            "How old is Pashinyan according to the report on the dissolution decree?",
            "the dissolution decree",
            "How old is Pashinyan?",
        ),
        (
            "Who is the agronomist quoted in the walnut story?",
            "walnut",
            "Who is the agronomist quoted?",
        ),
        (
            "How many crossed according to the officials in the pension story?",
            "pension",
            "How many crossed according to the officials?",
        ),
        (
            "What number does the article about the court ruling give for those who left?",
            "the court ruling",
            "What number does the article give for those who left?",
        ),
        (
            "What population does that mine article give?",
            "mine",
            "What population does the article give?",
        ),
        (  # a source and a topic together
            "What toll did the ministry give in the SMNI report on the start of the operation?",
            "SMNI the start of the operation",
            "What toll did the ministry give?",
        ),
        (  # a leading reference the question runs on from, no comma
            "per the tumo article how many people crossed into armenia?",
            "tumo",
            "how many people crossed into armenia?",
        ),
    ],
)
def test_a_named_article_is_read_off_the_question(
    question: str, description: str, rest: str
) -> None:
    found = article_reference(question)
    assert found is not None
    assert (found.description, found.question) == (description, rest)


@pytest.mark.parametrize(
    "question",
    [
        "Who was the lead author of the Caucasus Civil Monitor report?",  # a report, no pointer
        "What did the Russian military report about its evacuation effort?",  # a verb
        "In the report, how many were killed?",  # no article described
        "How long have the tensions lasted, according to the article?",
        "Which item was sold first?",
    ],
)
def test_a_question_that_names_no_article_is_left_alone(question: str) -> None:
    assert article_reference(question) is None


def _index(articles: dict[str, tuple[str, str]]) -> tuple[LexicalIndex, dict[str, StoredChunk]]:
    chunks = {
        f"{aid}::{'ab' * 8}::0": StoredChunk(f"{aid}::{'ab' * 8}::0", aid, title, "v", 0, 9, text)
        for aid, (title, text) in articles.items()
    }
    index = LexicalIndex.build(list(chunks), [c.text for c in chunks.values()])
    return index, chunks


ARTICLES = {
    "vets.txt": ("Yerevan vets treat pets", "Vets in Yerevan saw 400 cats. The war killed 200."),
    "mine.txt": ("Firm takes over copper mine", "The copper mine restarts. The war killed 227."),
    "seed.txt": ("Azerbaijan launches operation", "SMNI reports that the war killed 32 people."),
}


@pytest.mark.parametrize(
    ("description", "article"),
    [("the vets", "vets.txt"), ("the copper mine", "mine.txt"), ("SMNI", "seed.txt")],
)
def test_the_described_article_is_the_one_holding_most_of_its_words(
    description: str, article: str
) -> None:
    index, chunks = _index(ARTICLES)
    got = resolve_reference(description, index, lambda ids: [chunks[i] for i in ids])
    assert got == article


@pytest.mark.parametrize("description", ["the weather", "the war"])
def test_a_description_no_article_fits_or_several_fit_equally_is_unresolved(
    description: str,
) -> None:
    index, chunks = _index(ARTICLES)
    assert resolve_reference(description, index, lambda ids: [chunks[i] for i in ids]) is None


def test_a_description_is_resolved_only_among_the_chosen_articles() -> None:
    index, chunks = _index(ARTICLES)
    get = lambda ids: [chunks[i] for i in ids]  # noqa: E731
    assert resolve_reference("the vets", index, get, within=["mine.txt", "seed.txt"]) is None
