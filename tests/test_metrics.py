"""The pure metric functions of `qa.eval.metrics`, on hand-made cases (no model, no store)."""

from __future__ import annotations

import doctest
import random

import numpy as np
import pytest

import qa.eval.metrics
from qa.answer import Citation, Passage
from qa.eval.metrics import (
    Evidence,
    Span,
    TurnScore,
    answer_correct,
    best_f1,
    cites,
    failures,
    locate_evidence,
    normalize_answer,
    percentile,
    retrieval_ranks,
    score_turn,
    summarize,
    token_f1,
)

ARTICLE = (
    "Russia evacuated civilians. The Russian military said it has evacuated over 2,000 "
    "people, including 1,049 children. Armenia’s “anti-terror” claim was denied."
)
TEXTS = {"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": "Nothing to see here."}
QUOTE = "including 1,049 children"
AT = ARTICLE.index(QUOTE)


def test_doctests() -> None:
    result = doctest.testmod(qa.eval.metrics)
    assert result.attempted > 10 and result.failed == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ANSWER", "answer"),
        ("an apple, a pear", "apple pear"),
        ("2,000 people", "2000 people"),
        ("over 1,049,000.", "over 1049000"),
        ("“Anti-terror” operations", "anti terror operations"),
        ("Armenia’s interests", "armenias interests"),
        ("Armenia's interests", "armenias interests"),
        ("Russia evacuated them. [1] [2]", "russia evacuated them"),
        ("  spaced\tout\n", "spaced out"),
        ("Theatre and the", "theatre and"),
    ],
)
def test_normalize_answer(text: str, expected: str) -> None:
    assert normalize_answer(text) == expected


@pytest.mark.parametrize(
    ("answer", "acceptable", "expected"),
    [
        ("They evacuated over 2000 people. [1]", ["over 2,000"], True),
        ("They evacuated over 2,000 people.", ["2000"], True),
        ("It accused Moscow of betraying Armenia’s interests.", ["Armenia's interests"], True),
        ("THE RUSSIAN MILITARY did it", ["the Russian military"], True),
        ("The hostilities are not over.", ["No"], False),  # whole words only
        ("Russian troops arrived.", ["Russia"], True),  # a long word matches as a prefix
        ("A move that angered Russia.", ["anger"], True),
        ("Armenia's interests", ["Armenia"], True),
        ("Armenia objected", ["Arm"], False),  # too short to match as a prefix
        ("It ended in 2020.", ["20"], False),  # numbers match whole
        ("The most notable escalation", ["No"], False),
        ("They fled to Yerevan", ["Yerevan city"], False),  # every word must be there
        ("Moscow troops arrived.", ["Russia", "Moscow troops"], True),
        ("anything", [], False),
        ("anything", ["the", ""], False),  # an answer of only articles matches nothing
        # the opposite verdict first is wrong, whatever else the answer names
        ("Yes. The border is less than 10 km away. [1]", ["no", "less than 10 km"], False),
        ("No, less than 10 km. [1]", ["no", "less than 10 km"], True),
        ("The border is less than 10 km away. [1]", ["no", "less than 10 km"], True),
        ("No. It was cancelled. [1]", ["Yes"], False),
        ("Yes. Nobody knew. [1]", ["Nobody knew"], True),  # no verdict to contradict
    ],
)
def test_answer_correct(answer: str, acceptable: list[str], expected: bool) -> None:
    assert answer_correct(answer, acceptable) is expected


@pytest.mark.parametrize(
    ("prediction", "truth", "expected"),
    [
        ("Russia", "Russia", 1.0),
        ("the Russian military", "Russian military said", 0.8),
        ("Azerbaijan", "Armenia", 0.0),
        ("", "Armenia", 0.0),
        ("2,000 people", "2000 people", 1.0),
    ],
)
def test_token_f1(prediction: str, truth: str, expected: float) -> None:
    assert token_f1(prediction, truth) == pytest.approx(expected)


def test_best_f1_takes_the_best_acceptable_answer() -> None:
    assert best_f1("1,049 children", ["Russia", "1049 children", "children"]) == 1.0
    assert best_f1("anything", []) == 0.0


def test_a_correct_refusal_scores_as_correct() -> None:
    refused = score_turn(
        answer_text="The articles don't say.",
        abstained=True,
        citations=[],
        passages=[],
        answers=[],
        evidence=[],
        answerable=False,
    )
    assert refused.correct and refused.f1 == 1.0
    assert failures(refused) == ()
    assert summarize([refused]).answer_accuracy == 1.0


def test_answering_an_unanswerable_question_is_wrong() -> None:
    answered = score_turn(
        answer_text="Paris. [1]",
        abstained=False,
        citations=[Citation("c.txt", "C", "Nothing", 0, 7)],
        passages=[],
        answers=[],
        evidence=[],
        answerable=False,
    )
    assert not answered.correct and answered.f1 == 0.0
    assert answered.citation_precision is None  # counted by abstention recall instead
    assert failures(answered) == ("missed abstention",)


def test_a_refusal_that_names_the_answer_is_still_a_false_abstention() -> None:
    refused = score_turn(
        answer_text="The articles don't say. The closest passage is in “Russia evacuates”.",
        abstained=True,
        citations=[],
        passages=[],
        answers=["Russia"],
        evidence=[locate_evidence(QUOTE, TEXTS, "a.txt")],
    )
    assert not refused.correct and refused.f1 == 0.0
    assert refused.citation_recall == 0.0 and refused.citation_precision is None
    assert "false abstention" in failures(refused)
    assert "evidence not cited" not in failures(refused)  # the refusal is the failure


def test_the_right_quote_from_the_wrong_article_does_not_count() -> None:
    evidence = locate_evidence(QUOTE, TEXTS, source="a.txt")
    assert evidence.spans == (Span("a.txt", AT, AT + len(QUOTE)),)
    right = Citation("a.txt", "A", QUOTE, AT, AT + len(QUOTE))
    wrong = Citation("b.txt", "B", QUOTE, AT, AT + len(QUOTE))  # same text, same offsets
    assert cites(right, evidence)
    assert not cites(wrong, evidence)
    score = score_turn(
        answer_text="1,049 children.",
        abstained=False,
        citations=[wrong],
        passages=[],
        answers=["1,049"],
        evidence=[evidence],
    )
    assert score.correct
    assert score.citation_precision == 0.0 and score.citation_recall == 0.0


def test_without_a_source_any_article_holding_the_quote_counts() -> None:
    evidence = locate_evidence(QUOTE, TEXTS)
    assert {s.source for s in evidence.spans} == {"a.txt", "b.txt"}
    assert cites(Citation("b.txt", "B", "1,049", AT + 10, AT + 15), evidence)
    assert not cites(Citation("c.txt", "C", "Nothing", 0, 7), evidence)


def test_a_citation_counts_when_its_span_overlaps_the_evidence() -> None:
    evidence = locate_evidence(QUOTE, TEXTS, "a.txt")
    sentence_start = ARTICLE.index("The Russian")
    sentence = Citation("a.txt", "A", "...", sentence_start, AT + len(QUOTE) + 1)
    touching = Citation("a.txt", "A", "...", 0, AT)  # ends where the evidence begins
    assert cites(sentence, evidence)
    assert not cites(touching, evidence)


def test_citation_precision_and_recall_on_two_of_each() -> None:
    first = locate_evidence("Russia evacuated civilians", TEXTS, "a.txt")
    second = locate_evidence(QUOTE, TEXTS, "a.txt")
    good = Citation("a.txt", "A", "Russia evacuated", 0, 16)
    stray = Citation("a.txt", "A", "Armenia’s", ARTICLE.index("Armenia"), len(ARTICLE))
    score = score_turn(
        answer_text="Russia evacuated civilians. [1] Armenia objected. [2]",
        abstained=False,
        citations=[good, stray],
        passages=[],
        answers=["Russia"],
        evidence=[first, second],
    )
    assert score.supported == (True, False) and score.covered == (True, False)
    assert score.citation_precision == 0.5 and score.citation_recall == 0.5
    assert failures(score) == (
        "unsupported citation",
        "evidence not cited",
        "evidence not retrieved",
    )


def test_evidence_is_found_despite_quote_marks_and_white_space() -> None:
    evidence = locate_evidence('Armenia\'s  "anti-terror"\nclaim', TEXTS, "a.txt")
    start = ARTICLE.index("Armenia’s")
    assert evidence.spans == (Span("a.txt", start, start + len("Armenia’s “anti-terror” claim")),)


def test_unlocated_evidence_falls_back_to_comparing_text() -> None:
    evidence = locate_evidence("a sentence in no article", TEXTS, "a.txt")
    assert evidence.spans == ()
    assert cites(Citation("a.txt", "A", "It was a sentence in no article.", 0, 30), evidence)
    assert not cites(Citation("b.txt", "B", "a sentence in no article", 0, 24), evidence)
    assert not cites(Citation("a.txt", "A", "something else", 0, 14), evidence)


def test_retrieval_ranks_recall_at_k_and_reciprocal_rank() -> None:
    evidence = [
        locate_evidence("Russia evacuated civilians", TEXTS, "a.txt"),
        locate_evidence(QUOTE, TEXTS, "a.txt"),
    ]
    passages = [
        Passage("b.txt", "B", ARTICLE, 0, len(ARTICLE)),  # right text, wrong article
        Passage("c.txt", "C", "Nothing", 0, 7),
        Passage("a.txt", "A", QUOTE, AT, AT + len(QUOTE)),
    ]
    assert retrieval_ranks(passages, evidence) == (None, 3)
    kwargs = dict(answer_text="x", abstained=False, citations=[], answers=["x"])
    at_3 = score_turn(passages=passages, evidence=evidence, k=3, **kwargs)  # type: ignore[arg-type]
    at_2 = score_turn(passages=passages, evidence=evidence, k=2, **kwargs)  # type: ignore[arg-type]
    assert at_3.recall_at_k == 0.5 and at_3.reciprocal_rank == pytest.approx(1 / 3)
    assert at_2.recall_at_k == 0.0 and at_2.reciprocal_rank == 0.0


def test_turns_without_evidence_leave_citation_and_retrieval_undefined() -> None:
    score = score_turn(
        answer_text="Russia.",
        abstained=False,
        citations=[],
        passages=[],
        answers=["Russia"],
        evidence=[],
    )
    assert score.correct
    assert (score.citation_precision, score.citation_recall, score.recall_at_k) == (None,) * 3


def _turn(answerable: bool, abstained: bool, latency: float = 0.1, **kw: object) -> TurnScore:
    correct = abstained if not answerable else bool(kw.pop("correct", not abstained))
    return TurnScore(
        answerable=answerable,
        abstained=abstained,
        correct=correct,
        f1=float(correct),
        latency=latency,
        **kw,  # type: ignore[arg-type]
    )


def test_summarize_counts_abstentions_over_turns() -> None:
    scores = [
        _turn(False, True),  # correct refusal
        _turn(False, False),  # missed refusal
        _turn(True, True),  # false abstention
        _turn(True, False),
        _turn(True, False, correct=False),
    ]
    s = summarize(scores, k=6)
    assert (s.turns, s.answerable, s.unanswerable, s.k) == (5, 3, 2, 6)
    assert s.answer_accuracy == pytest.approx(2 / 5)
    assert s.abstention_precision == pytest.approx(1 / 2)
    assert s.abstention_recall == pytest.approx(1 / 2)
    assert s.false_abstention_rate == pytest.approx(1 / 3)


def test_summarize_leaves_undefined_figures_as_none() -> None:
    s = summarize([_turn(True, False)])
    assert s.abstention_precision is None  # never declined
    assert s.abstention_recall is None  # nothing to decline
    assert s.citation_precision is None and s.recall_at_k is None
    assert summarize([]).answer_accuracy is None


def test_summarize_means_citation_figures_over_turns_where_defined() -> None:
    a = _turn(True, False, citation_precision=1.0, citation_recall=0.5)
    b = _turn(True, False, citation_precision=None, citation_recall=0.0)
    c = _turn(False, True)
    s = summarize([a, b, c])
    assert s.citation_precision == 1.0 and s.citation_recall == 0.25


def test_errors_are_counted_and_left_out_of_latency() -> None:
    s = summarize([_turn(True, False, latency=0.2), TurnScore(True, False, False, 0.0, error="x")])
    assert s.errors == 1 and s.latency_p50 == 0.2


@pytest.mark.parametrize("q", [0, 5, 50, 90, 95, 100])
def test_percentile_agrees_with_numpy(q: float) -> None:
    rng = random.Random(q)
    for n in (1, 2, 7, 40):
        values = [rng.uniform(0, 3) for _ in range(n)]
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_evidence_records_its_source() -> None:
    assert Evidence("q").spans == () and locate_evidence("", TEXTS).spans == ()
