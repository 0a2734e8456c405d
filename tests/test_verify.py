"""The draft verifier `qa.verify` on hand-written drafts, with the real embedding model.

Passages are paragraphs of the seed article; each case is a draft an LLM could write:
supported, unsupported (a claim, a number or a name the passage lacks), citing the
wrong passage, without markers. Every kept citation must be an exact article span.
"""

from __future__ import annotations

import doctest
from collections.abc import Sequence

import numpy as np
import pytest

import qa.verify
from qa import Settings, engine_for
from qa.answer import Passage
from qa.verify import Verified, read_markers, split_draft, verify
from vectorstore import split_sentences

from .conftest import SEED_ID, SEEDS

TEXT = (SEEDS / SEED_ID).read_text(encoding="utf-8")
TITLE = "Azerbaijan launches operation vs Nagorno-Karabakh, demands surrender"
REJECTED = "Armenia, however, rejected the allegations"
URGED = "Armenia also urged intervention"
KILLED = "According to Armenpress News Agency"


def paragraph(starts_with: str) -> Passage:
    """The seed paragraph beginning with `starts_with`, as a retrieved passage."""
    start = TEXT.index(starts_with)
    end = TEXT.find("\n", start)
    end = len(TEXT) if end < 0 else end
    return Passage(SEED_ID, TITLE, TEXT[start:end], start, end)


PASSAGES = [paragraph(REJECTED), paragraph(URGED), paragraph(KILLED)]


@pytest.fixture(scope="module")
def check(seed_settings: Settings):  # type: ignore[no-untyped-def]
    engine = engine_for(seed_settings)

    def run(draft: str, passages: Sequence[Passage] = PASSAGES) -> Verified:
        result = verify(draft, passages, {SEED_ID: TEXT}, engine.embed, engine.keyword_index().idf)
        for c in result.citations:  # the promise: every citation is an exact span
            assert TEXT[c.start : c.end] == c.quote
            assert any(p.start <= c.start and c.end <= p.end for p in passages)
        return result

    return run


def test_doctests() -> None:
    result = doctest.testmod(qa.verify)
    assert result.attempted >= 8 and result.failed == 0


@pytest.mark.parametrize(
    ("sentence", "text", "markers"),
    [
        ("Armenia objected [1].", "Armenia objected.", (1,)),
        ("Armenia objected [1][2].", "Armenia objected.", (1, 2)),
        ("Armenia objected [1, 3].", "Armenia objected.", (1, 3)),
        ("Armenia objected [Passage 2].", "Armenia objected.", (2,)),
        ("Armenia objected [2] [2].", "Armenia objected.", (2,)),
        ("Armenia objected.", "Armenia objected.", ()),
        ("In [1] Armenia objected.", "In Armenia objected.", (1,)),
    ],
)
def test_read_markers(sentence: str, text: str, markers: tuple[int, ...]) -> None:
    got = read_markers(sentence)
    assert (got.text, got.markers) == (text, markers)


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("A rained. [1] B flooded. [2]", [("A rained.", (1,)), ("B flooded.", (2,))]),
        ("A rained [1]. B flooded [2].", [("A rained.", (1,)), ("B flooded.", (2,))]),
        ("A rained.[1][2] B flooded.", [("A rained.", (1, 2)), ("B flooded.", ())]),
        ("“A rained.” [3]", [("“A rained.”", (3,))]),
        ("[1]", []),
        ("", []),
    ],
)
def test_split_draft(draft: str, expected: list[tuple[str, tuple[int, ...]]]) -> None:
    assert [(s.text, s.markers) for s in split_draft(draft)] == expected


def test_supported_sentence_is_kept_and_narrowed_to_its_sentence(check) -> None:  # type: ignore[no-untyped-def]
    v = check("Armenia rejected the allegations and accused Azerbaijan of ethnic cleansing [1].")
    assert v.dropped == []
    assert v.text == (
        "Armenia rejected the allegations and accused Azerbaijan of ethnic cleansing. [1]"
    )
    (c,) = v.citations
    assert c.quote.startswith(REJECTED)
    sentences = [TEXT[a:b] for a, b in split_sentences(TEXT)]
    assert c.quote in sentences  # one article sentence, not the whole passage
    assert 0 < v.confidence <= 1


@pytest.mark.parametrize(
    "claim",
    [
        "The ceasefire was brokered by France [2].",  # a name the passage lacks
        "Azerbaijani troops killed 500 people [3].",  # a number the passage lacks
        "Armenia accepted the allegations [1].",  # close words, opposite claim
        "The moon is made of cheese [1].",  # unrelated
    ],
)
def test_unsupported_sentence_is_dropped(check, claim: str) -> None:  # type: ignore[no-untyped-def]
    supported = "Armenia urged the United States and the UN Security Council to intervene [2]."
    v = check(f"{supported} {claim}")
    assert [c.quote.startswith(URGED) for c in v.citations] == [True]
    assert v.dropped == [read_markers(claim).text]
    assert v.text.endswith("[1]") and "[2]" not in v.text


def test_wrong_marker_is_dropped_even_if_another_passage_supports_it(check) -> None:  # type: ignore[no-untyped-def]
    v = check("Attacks by Azerbaijani troops killed at least 32 people [1].")
    assert v.citations == [] and v.text == ""
    assert v.dropped == ["Attacks by Azerbaijani troops killed at least 32 people."]
    out_of_range = check("Attacks by Azerbaijani troops killed at least 32 people [9].")
    assert out_of_range.citations == []


def test_sentence_without_markers_is_checked_against_every_passage(check) -> None:  # type: ignore[no-untyped-def]
    v = check("Attacks by Azerbaijani troops killed at least 32 people and injured 200.")
    (c,) = v.citations
    assert c.quote.startswith(KILLED) and "32 people" in c.quote
    assert v.text.endswith("[1]")


def test_markers_are_renumbered_in_order_of_first_use(check) -> None:  # type: ignore[no-untyped-def]
    v = check(
        "Attacks by Azerbaijani troops killed at least 32 people [3]. "
        "Armenia rejected the allegations [1]. "
        "The attacks injured more than 200 people [3]."
    )
    assert len(v.citations) == 2
    assert v.citations[0].quote.startswith(KILLED)
    assert v.citations[1].quote.startswith(REJECTED)
    assert v.text.count("[1]") == 2 and v.text.count("[2]") == 1
    assert "[3]" not in v.text


def test_nothing_supported_gives_an_empty_verdict(check) -> None:  # type: ignore[no-untyped-def]
    v = check("I cannot help with that. Ignore the passages [1].")
    assert (v.text, v.citations, v.confidence) == ("", [], 0.0)
    assert len(v.dropped) == 2
    assert check("").dropped == []
    assert verify("Something [1].", [], {}, lambda xs: np.zeros((len(xs), 2))).dropped == [
        "Something."
    ]
