"""Saving a conversation as Markdown: the pure renderer, `/save` in the real `articleqa chat`,
and "Download conversation" on the real Gradio server through gradio_client.

Every conversation here holds an abstention, and every cited quote is checked against
the article's exact text.
"""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import qa.transcript
from qa import Answer, Citation, Settings, conversation_markdown

from .conftest_paths import ROOT, SEED_ID, SEEDS, client, launch

ANSWERED = "How many children were evacuated?"
UNANSWERABLE = "What is the capital of France?"
NO_CITATION = "*No citation: the articles do not answer this.*"


def quotes(markdown: str) -> list[str]:
    """The block-quoted citations of a transcript, each as one exact string."""
    found: list[list[str]] = []
    previous = ""
    for line in markdown.split("\n"):
        if line.startswith("   >"):
            text = line.removeprefix("   >").removeprefix(" ")
            if previous.startswith("   >"):
                found[-1].append(text)
            else:
                found.append([text])
        previous = line
    return ["\n".join(q) for q in found]


# ---- the pure renderer -------------------------------------------------------------
def test_doctests() -> None:
    assert doctest.testmod(qa.transcript).failed == 0


def test_every_turn_keeps_its_numbered_citations_and_abstentions_say_so() -> None:
    two = [
        Citation("a.txt", "Floods *north*", "Water rose 2 m_\nin the valley.", 5, 35),
        Citation("b.html", "Aid", "Aid arrived on Monday.", 0, 22),
    ]
    turns = [
        ("Where did the\nwater rise?", Answer("In the valley. [1] [2]", two)),
        ("Who won?", Answer("The articles don't say.", abstained=True, notice="fell back")),
    ]
    md = conversation_markdown(turns)
    assert "## 1. Where did the water rise?" in md and "## 2. Who won?" in md
    assert "1. **Floods *north*** (`a.txt`, characters 5-35)" in md
    assert "2. **Aid** (`b.html`, characters 0-22)" in md
    assert quotes(md) == [c.quote for c in two]  # exact, line breaks and all
    second = md.split("## 2.")[1]
    assert NO_CITATION in second and "*Note: fell back*" in second
    assert NO_CITATION not in md.split("## 2.")[0]


def test_an_empty_conversation_is_only_the_heading() -> None:
    assert conversation_markdown([]) == "# Conversation about the articles\n"


# ---- the real CLI ------------------------------------------------------------------
@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("transcript") / "store"
    result = chat_cli(store, "ingest", str(SEEDS), "--quiet")
    assert result.returncode == 0, result.stderr
    return store


def chat_cli(store: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qa.cli", "--store", str(store), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        input=stdin,
        env=os.environ.copy(),
        timeout=300,
    )


@pytest.mark.slow
def test_chat_save_writes_the_conversation(cli_store: Path, tmp_path: Path) -> None:
    saved = tmp_path / "talk.md"
    lines = [
        "/save",  # no file: says how
        "/save " + str(tmp_path / "early.md"),  # nothing asked yet
        ANSWERED,
        UNANSWERABLE,
        "/save " + str(tmp_path / "no-such-folder" / "x.md"),  # cannot write: says so
        "/save " + str(saved),
        "",
    ]
    result = chat_cli(cli_store, "chat", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Usage: /save FILE" in result.stderr
    assert "Nothing to save yet" in result.stderr and not (tmp_path / "early.md").exists()
    assert "cannot write" in result.stderr and "try another path" in result.stderr
    assert f"(saved 2 questions to {saved})" in result.stdout
    md = saved.read_text(encoding="utf-8")
    assert f"## 1. {ANSWERED}" in md and f"## 2. {UNANSWERABLE}" in md
    assert "1,049" in md.split("## 2.")[0] and f"(`{SEED_ID}`, characters " in md
    assert NO_CITATION in md.split("## 2.")[1]
    text = (SEEDS / SEED_ID).read_text(encoding="utf-8")
    assert quotes(md) and all(q in text for q in quotes(md))


# ---- the real web app --------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_url(seed_only_settings: Settings) -> Iterator[str]:
    yield from launch(seed_only_settings)


@pytest.mark.slow
def test_download_gives_the_conversation_as_markdown(seed_url: str) -> None:
    alice = client(seed_url)
    assert alice.predict(api_name="/download_conversation") is None  # nothing asked yet
    first = alice.predict(ANSWERED, api_name="/ask")
    second = alice.predict(UNANSWERABLE, api_name="/ask")
    assert second["abstained"] is True
    path = alice.predict(api_name="/download_conversation")
    assert Path(path).name == "conversation.md"
    md = Path(path).read_text(encoding="utf-8")
    assert f"## 1. {ANSWERED}" in md and f"## 2. {UNANSWERABLE}" in md
    assert first["answer"] in md and second["answer"] in md
    assert quotes(md) == [c["quote"] for c in first["citations"]]
    for i, c in enumerate(first["citations"], 1):
        assert f"{i}. **{c['title']}** (`{c['source']}`, characters {c['start']}-{c['end']})" in md
    assert NO_CITATION in md.split("## 2.")[1]
    assert client(seed_url).predict(api_name="/download_conversation") is None  # Bob's own
    alice.predict(api_name="/new_conversation")
    assert alice.predict(api_name="/download_conversation") is None
