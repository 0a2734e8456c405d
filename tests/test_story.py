"""A sentence read as part of its story (`qa.story`): with the real model, the sentence
that adds the asked detail to its headline overtakes the lead or headline that only
retells it; the lift stays below the article's most similar sentence, is left out of
follow-ups and of questions about the headline itself, and each title is embedded once."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from qa import Settings, engine_for
from qa.backends.extractive import Candidate, ExtractiveBackend
from qa.rules import WEIGHTS
from qa.story import in_story, story_lift
from vectorstore import ingest

RALLY = """Thousands rally in Sydney for Karabakh refugees

SYDNEY, September 30 - Thousands of members of Australia's Armenian community rallied in \
central Sydney on Saturday to demand help for refugees from Karabakh.
The marchers walked from Hyde Park to the state parliament, carrying flags and photographs.
Police estimated the crowd at 3,500, and said the march passed off peacefully.
Organisers said they would march again next month.
"""


@pytest.fixture(scope="module")
def rally(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("rally-articles")
    (folder / "rally.txt").write_text(RALLY, encoding="utf-8")
    settings = Settings(store_dir=tmp_path_factory.mktemp("rally-store"))
    assert not ingest([folder], settings).failed
    return settings


def _best(settings: Settings, question: str, title_mix: float) -> Candidate:
    """The best candidate for `question` with `title_mix` of the title read with each
    sentence (0: each sentence alone)."""
    engine = engine_for(settings)
    query = engine.prepare(question)
    vectors = engine.embed(query.searches)
    retrieved = engine.retriever.retrieve(query.searches, vectors=vectors)
    backend = ExtractiveBackend(engine)
    backend.weights = replace(WEIGHTS, title_mix=title_mix)
    return backend.rank(query, retrieved, vectors)[0]


@pytest.mark.parametrize(
    ("question", "alone", "answer"),
    [
        ("How many attended the rally in Sydney for Karabakh refugees?", "rally in", "3,500"),
        ("Was the Sydney rally peaceful?", "SYDNEY", "peacefully"),
    ],
)
def test_read_with_its_title_the_sentence_that_answers_overtakes_the_one_retelling_it(
    rally: Settings, question: str, alone: str, answer: str
) -> None:
    assert alone in _best(rally, question, 0.0).text  # the headline or the lead, alone
    assert answer in _best(rally, question, WEIGHTS.title_mix).text


def test_the_sentence_read_with_its_title_is_the_answer(rally: Settings) -> None:
    """("How many attended ...?" is still declined: "Police estimated the crowd at 3,500"
    shares no word with it, and that check reads the sentence alone.)"""
    answer = engine_for(rally).ask("Was the Sydney rally peaceful?")
    assert "peacefully" in answer.text and answer.citations[0].source == "rally.txt"


def test_a_question_about_the_headline_reads_no_story(rally: Settings) -> None:
    answer = engine_for(rally).ask("What does the headline say happened in Sydney?")
    assert answer.explanation is not None
    assert not any(p.rule == "story" for c in answer.explanation.candidates for p in c.parts)


def test_a_first_question_reads_sentences_with_their_titles_and_a_follow_up_does_not(
    seed_settings: Settings,
) -> None:
    engine = engine_for(seed_settings)
    first = engine.ask("How many children did the Russian military evacuate?")
    assert first.explanation is not None
    assert any(p.rule == "story" for c in first.explanation.candidates for p in c.parts)
    follow = engine.ask("And how many people in all?", [first])
    assert follow.explanation is not None
    assert not any(p.rule == "story" for c in follow.explanation.candidates for p in c.parts)


def test_a_sentence_that_adds_to_its_headline_gains_more_from_it_than_one_retelling_it(
    seed_settings: Settings,
) -> None:
    """With the real model's vectors, the sentence that gives what the question asks
    gains more from its title than the lead that retells the headline."""
    engine = engine_for(seed_settings)
    title = "Millbrook opens its new library after a five-year campaign"
    retelling = "MILLBROOK - The town opened its new library on Tuesday after a long campaign."
    adding = "The building cost 4.2 million pounds, shared by the council and a lottery grant."
    question = engine.embed(["How much did Millbrook's new library cost?"])
    gain = in_story(
        engine.embed([retelling, adding]), engine.embed([title, title]), question, WEIGHTS.title_mix
    )
    assert gain[1, 0] > gain[0, 0]


def test_a_story_lifts_no_sentence_past_its_articles_most_similar_one() -> None:
    rng = np.random.default_rng(7)
    gain = rng.uniform(-0.2, 0.4, 200)
    similarity = rng.uniform(0.0, 0.8, 200)
    articles = [f"a{i % 7}" for i in range(200)]
    lift = story_lift(gain, similarity, articles, WEIGHTS.story_reach)
    assert (lift >= 0).all() and (lift <= np.maximum(gain, 0)).all()
    for article in set(articles):
        rows = [i for i, a in enumerate(articles) if a == article]
        best = similarity[rows].max()
        assert (similarity[rows] + lift[rows] <= best + 1e-12).all()
        assert lift[rows][similarity[rows].argmax()] == 0


def test_no_title_mix_reads_each_sentence_alone(rally: Settings) -> None:
    off = _best(rally, "Was the Sydney rally peaceful?", 0.0)
    assert all(p.rule != "story" for p in off.score.parts)
