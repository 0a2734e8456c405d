"""The LangChain surface: `qa.build_chain` and the `HybridRetriever` standard tests.

Both run on the real seed store with the offline `extractive` backend; the LLM path of
the same chain is exercised against a real server in `test_llm_backend.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import pytest
from langchain_core.retrievers import BaseRetriever
from langchain_tests.integration_tests import RetrieversIntegrationTests

from qa import Answer, HybridRetriever, QuestionError, Settings, ask, build_chain, stream

QUESTION = "Who proposed a ceasefire?"
FOLLOWUP = "And who confirmed it?"


def test_invoke_gives_the_same_verified_answer_as_ask(seed_settings: Settings) -> None:
    answer = build_chain(seed_settings).invoke({"question": QUESTION, "history": []})
    assert isinstance(answer, Answer)
    assert answer == ask(QUESTION, settings=seed_settings)
    assert answer.citations and not answer.abstained


def test_stream_yields_pieces_then_the_answer(seed_settings: Settings) -> None:
    items = list(build_chain(seed_settings).stream({"question": QUESTION}))
    *pieces, final = items
    texts = [t for t in pieces if isinstance(t, str)]
    assert isinstance(final, Answer)
    assert len(texts) == len(pieces) > 1
    assert "".join(texts) == final.text
    assert list(stream(QUESTION, settings=seed_settings)) == items


def test_batch_answers_each_conversation(seed_settings: Settings) -> None:
    first = ask(QUESTION, settings=seed_settings)
    inputs: list[Mapping[str, Any]] = [
        {"question": QUESTION},
        {"question": FOLLOWUP, "history": [(QUESTION, first.text)]},
        {"question": "What is the capital of Peru?", "history": []},
    ]
    answers = [a for a in build_chain(seed_settings).batch(inputs) if isinstance(a, Answer)]
    assert len(answers) == len(inputs)
    assert answers[0] == first
    assert answers[1] == ask(FOLLOWUP, [(QUESTION, first.text)], settings=seed_settings)
    assert answers[2].abstained and answers[2].citations == []


def test_citations_are_exact_spans(seed_settings: Settings) -> None:
    from qa import engine_for

    answer = build_chain(seed_settings).invoke({"question": QUESTION})
    assert isinstance(answer, Answer)
    articles = engine_for(seed_settings).store.get_articles([c.source for c in answer.citations])
    for c in answer.citations:
        assert articles[c.source].text[c.start : c.end] == c.quote


@pytest.mark.parametrize("bad", [{"history": []}, {"question": 3}, ["question"]])
def test_malformed_input_is_refused_with_the_expected_shape(
    seed_settings: Settings, bad: Any
) -> None:
    with pytest.raises(QuestionError, match='"question"'):
        build_chain(seed_settings).invoke(bad)


class TestHybridRetrieverStandard(RetrieversIntegrationTests):
    """langchain-tests' standard retriever suite on the seed store."""

    # The suite's one async test needs the asyncio mark; its sync tests ignore it.
    pytestmark: ClassVar = [
        pytest.mark.asyncio,
        pytest.mark.filterwarnings("ignore:The test <Function:pytest.PytestWarning"),
    ]

    @pytest.fixture(autouse=True)
    def _store(self, seed_settings: Settings) -> None:
        self._settings = seed_settings

    @property
    def retriever_constructor(self) -> type[BaseRetriever]:
        return HybridRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"settings": self._settings, "k": 4}

    @property
    def retriever_query_example(self) -> str:
        return "ceasefire in Nagorno-Karabakh"
