"""Votes kept as test cases: `qa.feedback`, and the test-set reader's log rules.

The pure record builder and the appender run directly (appends from threads and from
other processes at once, a torn last line, a line separator in a question); every record
is read back by the eval's own reader, and context turns and a missing article are
played through the real engine. The web app's side of the loop is in test_votes.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from qa import (
    Answer,
    Citation,
    FeedbackError,
    Settings,
    append_feedback,
    evaluate,
    feedback_record,
    load_testset,
    withdrawal_record,
)
from qa.eval.testset import parse_case

from .conftest_paths import SEED_ID, SEEDS

QUOTE = "The Russian military said it has evacuated over 2,000 people, including 1,049 children."
ANSWERED = Answer(
    f"{QUOTE} [1]", [Citation(SEED_ID, "Azerbaijan launches", QUOTE, 1948, 2035)], backend="x"
)
DECLINED = Answer("The articles don't say. The closest passage ...", abstained=True)


def record(answer: Answer = ANSWERED, vote: str = "up", **kw: Any) -> dict[str, Any]:
    history = kw.pop("history", [])
    question = kw.pop("question", "How many children were evacuated?")
    return feedback_record(history, question, answer, vote, vote_id="v1", at="2025-05-01", **kw)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


# ---- the record ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "vote", "extra", "turn", "tag"),
    [
        (
            ANSWERED,
            "up",
            {},
            {"answers": (QUOTE,), "evidence": (QUOTE,), "source": SEED_ID, "answerable": True},
            "vote-up",
        ),
        (DECLINED, "up", {}, {"answers": (), "answerable": False}, "unanswerable"),
        (ANSWERED, "down", {"correction": " 1,049 "}, {"answers": ("1,049",)}, "corrected"),
        (ANSWERED, "down", {"unanswerable": True}, {"answerable": False}, "unanswerable"),
        (DECLINED, "down", {"correction": "Paris"}, {"answers": ("Paris",)}, "corrected"),
    ],
)
def test_each_vote_becomes_the_test_case_it_means(
    answer: Answer, vote: str, extra: dict[str, Any], turn: dict[str, Any], tag: str
) -> None:
    made = record(answer, vote, **extra)
    case = parse_case(made)  # the eval's own reader takes it as it is
    assert case.id == "feedback-v1" and tag in case.tags and "feedback" in case.tags
    (parsed,) = case.turns
    assert parsed.question == "How many children were evacuated?"
    for field, value in turn.items():
        assert getattr(parsed, field) == value, field
    feedback = made["feedback"]
    assert feedback["vote"] == vote and feedback["at"] == "2025-05-01"
    assert feedback["answer"] == answer.text and feedback["abstained"] == answer.abstained
    assert [c["quote"] for c in feedback["citations"]] == [c.quote for c in answer.citations]


def test_the_conversation_so_far_is_replayed_as_context() -> None:
    first = ("How many children were evacuated?", ANSWERED)
    made = record(ANSWERED, "down", history=[first], question="Who did that?", correction="Russia")
    case = parse_case(made)
    assert [t.context for t in case.turns] == [True, False]
    assert case.turns[0].question == first[0] and made["turns"][0]["shown"] == ANSWERED.text
    assert case.turns[1].answers == ("Russia",)


def test_a_bare_thumbs_down_waits_for_its_right_answer(tmp_path: Path) -> None:
    made = record(ANSWERED, "down")
    assert made["turns"][-1]["answers"] == [] and "needs-answer" in made["tags"]
    path = tmp_path / "feedback.jsonl"
    append_feedback(path, made)
    other = record(ANSWERED, "up") | {"id": "feedback-v2"}
    append_feedback(path, other)
    testset = load_testset(path)
    assert [c.id for c in testset] == ["feedback-v2"]
    (skipped,) = testset.skipped
    assert skipped.line == 1 and "thumbs down given without the right answer" in skipped.reason


@pytest.mark.parametrize(
    ("vote", "extra", "message"),
    [
        ("sideways", {}, "A vote is 'up' or 'down'"),
        ("up", {"correction": "1,049"}, "A thumbs up says the answer was right"),
        ("up", {"unanswerable": True}, "takes no correction"),
        ("down", {"correction": "x", "unanswerable": True}, "not both"),
        ("down", {"correction": "x" * 2001}, "keep it under 2000"),
    ],
)
def test_votes_that_mean_nothing_are_refused_with_a_message(
    vote: str, extra: dict[str, Any], message: str
) -> None:
    with pytest.raises(FeedbackError, match=message):
        record(ANSWERED, vote, **extra)


def test_a_removed_article_is_noted_in_the_vote() -> None:
    made = record(ANSWERED, "up", missing=[SEED_ID])
    assert f"{SEED_ID} no longer in the store" in made["feedback"]["note"]
    assert "note" not in record(ANSWERED, "up")["feedback"]


# ---- the file ----------------------------------------------------------------------
APPENDER = """
import sys
from pathlib import Path
from qa import append_feedback
path, who = Path(sys.argv[1]), sys.argv[2]
for i in range(50):
    append_feedback(path, {"id": f"{who}-{i}", "turns": [{"question": "q " * 300 + who,
                           "answers": ["a"]}]})
"""


def test_concurrent_votes_from_threads_and_processes_never_interleave(tmp_path: Path) -> None:
    path = tmp_path / "store" / "feedback.jsonl"  # the folder does not exist yet
    env = {**os.environ, "PYTHONPATH": str(SEEDS.parent)}
    procs = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(path), f"p{n}"], env=env, cwd="/")
        for n in range(2)
    ]

    def votes(who: str) -> None:
        for i in range(50):
            turn = {"question": "q " * 300 + who, "answers": ["a"]}
            append_feedback(path, {"id": f"{who}-{i}", "turns": [turn]})

    threads = [threading.Thread(target=votes, args=(f"t{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    written = lines(path)  # every line is whole JSON
    assert len(written) == 400 and len({r["id"] for r in written}) == 400
    testset = load_testset(path)
    assert len(testset) == 400 and not testset.skipped


def test_a_torn_last_line_is_left_alone_and_the_next_vote_starts_a_line(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    append_feedback(path, record())
    with path.open("a", encoding="utf-8") as f:
        f.write('{"id": "feedback-torn", "turns": [{"quest')  # a crash mid-write
    append_feedback(path, record() | {"id": "feedback-v2"})
    testset = load_testset(path)
    assert [c.id for c in testset] == ["feedback-v1", "feedback-v2"]
    assert [s.line for s in testset.skipped] == [2] and "not valid JSON" in testset.skipped[
        0
    ].reason


def test_a_line_separator_in_a_question_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    question = "How many\u2028children\u2029were evacuated?\x85"
    append_feedback(path, record(question=question))
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1  # even by splitlines()
    (case,) = load_testset(path)
    assert case.turns[0].question == question


def test_a_later_vote_replaces_an_earlier_one_and_a_withdrawal_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    append_feedback(path, record(ANSWERED, "up"))
    append_feedback(path, record(ANSWERED, "up") | {"id": "feedback-v2"})
    append_feedback(path, record(ANSWERED, "down"))  # v1 again: bare, then corrected
    append_feedback(path, record(ANSWERED, "down", correction="1,049"))
    append_feedback(path, withdrawal_record("v2", "2025-05-02"))
    testset = load_testset(path)
    assert [(c.id, c.turns[-1].answers) for c in testset] == [("feedback-v1", ("1,049",))]
    assert not testset.skipped  # the bare vote was replaced, so nothing is reported


# ---- replaying ---------------------------------------------------------------------
@pytest.mark.slow
def test_context_turns_are_played_not_scored_and_a_missing_article_is_reported(
    seed_settings: Settings,
) -> None:
    cases = [
        {
            "id": "fu",
            "turns": [
                {"question": "How many children were evacuated?", "context": True},
                {"question": "Who evacuated them?", "answers": ["Russian military"]},
            ],
        },
        {
            "id": "gone",
            "turns": [
                {
                    "question": "Where were the ferries built?",
                    "answers": ["Norway"],
                    "evidence": ["The ferries were built in Norway"],
                    "source": "zanzibar_ferries.txt",
                }
            ],
        },
    ]
    report = evaluate(cases, seed_settings)
    results = report.runs["extractive"].results
    assert [(r.case_id, r.index) for r in results] == [("fu", 1), ("gone", 0)]
    assert results[0].followup and results[0].score.correct  # asked in its conversation
    assert report.missing == (("gone", 0, "zanzibar_ferries.txt"),)
    assert report.to_dict()["missing_articles"][0]["source"] == "zanzibar_ferries.txt"
