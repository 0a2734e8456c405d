"""Votes in the web app, replayed: the loop from a thumbs up or down to `articleqa eval`.

Votes cast through the real web app (gradio_client on a real server over a private
store) become `<store>/feedback.jsonl`, which the real `articleqa eval` replays in a
subprocess and scores; a vote on an answer whose article was removed since is recorded
with a note, and its replay reports the missing article instead of crashing. The
browser's thumbs and correction box are tried in test_browser.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qa import Settings, feedback_path
from vectorstore import ingest

from .conftest_paths import RELATED, SEED_ID, SEEDS, client, launch

QUOTE = "The Russian military said it has evacuated over 2,000 people, including 1,049 children."
FERRIES = """Zanzibar ferry line opens

The harbour authority of Zanzibar said on Monday that the new ferry line will carry \
4,200 passengers a day.

The ferries were built in Norway and cost 12 million dollars each.
"""


def articleqa(*args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI, run from outside the project (its own modules come from PYTHONPATH)."""
    env = {**os.environ, "PYTHONPATH": str(SEEDS.parent), "HF_HUB_OFFLINE": "1"}
    exe = Path(sys.executable).parent / "articleqa"
    return subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=300, cwd="/"
    )


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


@pytest.fixture
def vote_settings(tmp_path: Path) -> Settings:
    """A private store holding seeds/, the distractors and one article about ferries."""
    ferries = tmp_path / "articles" / "zanzibar_ferries.txt"
    ferries.parent.mkdir()
    ferries.write_text(FERRIES, encoding="utf-8")
    settings = Settings(store_dir=tmp_path / "store")
    assert not ingest([SEEDS, RELATED, ferries.parent], settings).failed
    return settings


@pytest.fixture
def vote_url(vote_settings: Settings) -> Iterator[str]:
    yield from launch(vote_settings)


@pytest.mark.slow
def test_votes_in_the_web_app_replay_with_articleqa_eval(
    vote_url: str, vote_settings: Settings
) -> None:
    from gradio_client.exceptions import AppError

    c = client(vote_url)
    c.predict("How many children were evacuated?", api_name="/ask")
    up = c.predict("up", api_name="/vote")
    assert up["turns"][0]["answers"] == [QUOTE] and up["turns"][0]["source"] == SEED_ID
    c.predict("Who evacuated them?", api_name="/ask")
    c.predict("down", "the Russian military", api_name="/vote")
    c.predict("What is the capital of France?", api_name="/ask")  # declines
    c.predict("up", api_name="/vote")  # right to decline
    c.predict("down", "", True, 1, api_name="/vote")  # turn 1 again: changes its vote
    c.predict("up", "", False, 1, api_name="/vote")  # ... and back
    c.predict("How many people were killed in the attacks?", api_name="/ask")
    c.predict("down", api_name="/vote")  # no right answer given: eval says so
    with pytest.raises(AppError, match="A thumbs up says the answer was right"):
        c.predict("up", "32", api_name="/vote")
    c.predict(api_name="/new_conversation")
    with pytest.raises(AppError, match="no answer 2 in this conversation"):
        c.predict("up", "", False, 2, api_name="/vote")  # from before the new conversation

    path = feedback_path(vote_settings)
    written = lines(path)
    assert len(written) == 6 and {r["feedback"]["vote"] for r in written} == {"up", "down"}
    follow = written[1]["turns"]
    assert follow[0] == {
        "question": "How many children were evacuated?",
        "context": True,
        "shown": f"{QUOTE} [1]",
    }
    assert follow[1]["question"] == "Who evacuated them?"

    done = articleqa("--store", str(vote_settings.store_dir), "eval", str(path), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [s["line"] for s in report["skipped"]] == [6]
    assert "thumbs down given without the right answer" in report["skipped"][0]["reason"]
    turns = report["backends"]["extractive"]["turns"]
    asked = [t["question"] for t in turns]
    assert asked == [
        "How many children were evacuated?",
        "Who evacuated them?",
        "What is the capital of France?",
    ]  # each once: the later votes on turn 1 replaced the earlier
    assert [t["followup"] for t in turns] == [False, True, True]
    summary = report["backends"]["extractive"]["summary"]["overall"]
    assert summary["answer_accuracy"] == 1.0 and summary["citation_recall"] == 1.0
    assert summary["abstention_recall"] == 1.0


@pytest.mark.slow
def test_a_vote_after_its_article_was_removed_is_kept_and_replayed_as_missing(
    vote_url: str, vote_settings: Settings
) -> None:
    c = client(vote_url)
    asked = c.predict("Where were the ferries built?", api_name="/ask")
    assert asked["citations"][0]["source"] == "zanzibar_ferries.txt"
    c.predict("zanzibar_ferries.txt", api_name="/remove_article")
    voted = c.predict("up", api_name="/vote")
    assert "zanzibar_ferries.txt no longer in the store" in voted["feedback"]["note"]
    assert voted["turns"][0]["answers"] == [
        "The ferries were built in Norway and cost 12 million dollars each."
    ]

    path = feedback_path(vote_settings)
    done = articleqa("--store", str(vote_settings.store_dir), "eval", str(path))
    assert done.returncode == 0, done.stderr
    assert "Missing article: feedback-" in done.stderr
    assert "names zanzibar_ferries.txt, which is not in the store" in done.stderr
    assert "1 conversations, 1 turns" in done.stdout
