"""The web app: pure rendering helpers, and the real Gradio server driven by gradio_client.

The rendering, naming and example-question helpers run directly. The server tests
(`slow`) launch the real app on a free 127.0.0.1 port: one over the session's seed store
for asking (read only), one over a private store for uploads and removals, so nothing
here changes what other tests see. `articleqa serve` runs as a real subprocess.
"""

from __future__ import annotations

import doctest
import itertools
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ui
import ui.chat
import ui.cli
import ui.examples
import ui.gradio_import
import ui.render
import ui.uploads
import ui.votes
from qa import Answer, Citation, Passage, Settings
from vectorstore import Article, ArticleStore, ingest

from .conftest_paths import client, free_port, launch

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ID = "000_11571fa2a61f8d64.txt"
UPLOAD_LIMIT_MB = 0.02  # the upload server refuses files over 20 kB

ARTICLE = """Zanzibar ferry line opens

The harbour authority of Zanzibar said on Monday that the new ferry line will carry \
4,200 passengers a day.

The ferries were built in Norway and cost 12 million dollars each.
"""


# ---- helpers and fixtures ----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_url(seed_settings: Settings) -> Iterator[str]:
    yield from launch(seed_settings)


@pytest.fixture(scope="module")
def upload_settings(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A private store holding seeds/, with a 20 kB upload limit."""
    settings = seed_settings.replace(
        store_dir=tmp_path_factory.mktemp("ui-upload-store"), max_file_mb=UPLOAD_LIMIT_MB
    )
    assert not ingest([SEEDS], settings).failed
    return settings


@pytest.fixture(scope="module")
def upload_url(upload_settings: Settings) -> Iterator[str]:
    yield from launch(upload_settings)


def seed_article(settings: Settings) -> Article:
    return ArticleStore(settings).get_articles([SEED_ID])[SEED_ID]


# ---- pure helpers ------------------------------------------------------------------
@pytest.mark.parametrize(
    "module", [ui.render, ui.examples, ui.uploads, ui.cli, ui.chat, ui.gradio_import, ui.votes]
)
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("A.\n\nB c. D.\n\nE.", (4, 8), (4, 11)),
        ("A.\n\nB c. D.\n\nE.", (0, 2), (0, 2)),
        ("A.\n\nB c. D.\n\nE.", (13, 15), (13, 15)),
        ("One long paragraph. No breaks.", (20, 30), (0, 30)),
        ("A.\n  \nB.", (6, 8), (6, 8)),  # a "blank" line of spaces still separates
    ],
)
def test_paragraph_bounds(text: str, span: tuple[int, int], expected: tuple[int, int]) -> None:
    assert ui.paragraph_bounds(text, *span) == expected


EVIL = 'Headline <b>x</b>\n\nSaid <script>alert(1)</script> and <img src=x onerror="y()">.\n\nEnd.'


def test_sources_escape_everything_and_mark_the_cited_span() -> None:
    start = EVIL.index("Said")
    end = EVIL.index("\n\nEnd")
    article = Article("e<vil>.txt", "T <i>itle</i>", EVIL, "h")
    quote = EVIL[start:end]
    answer = Answer(
        text=f"{quote} [1]", citations=[Citation(article.id, article.title, quote, start, end)]
    )
    html = ui.render_sources(answer, {article.id: article}, turn=3)
    assert "<script" not in html and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "T &lt;i&gt;itle&lt;/i&gt;" in html and "e&lt;vil&gt;.txt" in html
    assert '<mark id="aqa-hl-3-1">Said &lt;script&gt;' in html  # in the whole article
    assert "<mark>Said &lt;script&gt;" in html  # in its paragraph
    assert 'href="#aqa-hl-3-1"' in html and 'id="aqa-src-3-1"' in html
    message = ui.render_answer(answer.text, 3, 1)
    assert "&lt;script&gt;" in message and 'href="#aqa-src-3-1">[1]</a>' in message


def test_abstained_sources_show_the_closest_passages() -> None:
    article = Article("a.txt", "Title", "First para.\n\nSecond para here.", "h")
    passage = Passage("a.txt", "Title", "Second para here.", 13, 30, 0.5)
    answer = Answer(text="The articles don't say.", abstained=True, passages=[passage])
    html = ui.render_sources(answer, {"a.txt": article}, turn=1)
    assert "did not answer" in html and "Closest passages" in html
    assert "<mark>Second para here.</mark>" in html
    assert ui.render_answer("x [1]", 1, 0) == '<span class="aqa-answer">x [1]</span>'


def test_stream_prefixes_grow_to_the_whole_answer_without_splitting_markers() -> None:
    text = "The Russian military said it evacuated 2,000 people. [1] Armenia objected. [2]"
    pieces = ui.render.stream_prefixes(text, steps=5)
    assert pieces[-1] == text and len(pieces) > 2
    assert all(b.startswith(a) and len(b) > len(a) for a, b in itertools.pairwise(pieces))
    assert not any(p.endswith(("[", "[1", "[2")) for p in pieces)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\win.md", "win.md"),
        ("my report (v2).HTML", "my_report_v2_.HTML"),
        ("..", "upload"),
        ("<script>.txt", "script_.txt"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_safe_name(name: str, expected: str) -> None:
    assert ui.safe_name(name) == expected


def test_refused_uploads_never_reach_the_disk(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store", max_file_mb=0.001)
    files = {"empty.md": b"", "big.txt": b"x" * 2000, "tool.exe": b"MZ"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    outcomes = ui.add_uploads([tmp_path / n for n in files], settings)
    assert [o.ok for o in outcomes] == [False, False, False]
    assert "empty" in outcomes[0].message
    assert outcomes[1].message.startswith("file is 2 kB, over the 1 kB limit")
    assert "unsupported file type '.exe'" in outcomes[2].message
    assert not (tmp_path / "store").exists()


def test_example_questions_name_what_the_articles_are_about(seed_settings: Settings) -> None:
    store = ArticleStore(seed_settings)
    articles = list(store.get_articles([r.id for r in store.list_articles()]).values())
    questions = ui.example_questions(articles)
    assert len(questions) == 3 and len(set(questions)) == 3
    for q in questions:
        name = q.removeprefix("What happened in ").removeprefix("What happened to ")
        assert q.startswith("What happened") and name.endswith("?"), q
        assert any(name[:-1] in a.text for a in articles), q


@pytest.mark.parametrize(
    ("host", "warns"),
    [
        ("127.0.0.1", False),
        ("localhost", False),
        ("::1", False),
        ("0.0.0.0", True),
        ("192.168.1.5", True),
        ("example.org", True),
    ],
)
def test_non_loopback_hosts_warn(host: str, warns: bool) -> None:
    assert (ui.cli.non_loopback_warning(host) is not None) == warns


# ---- the real server ---------------------------------------------------------------
@pytest.mark.slow
def test_ask_api_returns_answer_and_structured_citations(
    seed_url: str, seed_settings: Settings
) -> None:
    result = client(seed_url).predict("How many children were evacuated?", api_name="/ask")
    assert result["abstained"] is False
    assert "1,049 children" in result["answer"] and "[1]" in result["answer"]
    citation = result["citations"][0]
    assert set(citation) >= {"source", "title", "quote", "start", "end", "score"}
    assert citation["source"] == SEED_ID
    text = seed_article(seed_settings).text
    assert text[citation["start"] : citation["end"]] == citation["quote"]
    assert "1,049 children" in citation["quote"]


@pytest.mark.slow
def test_follow_ups_use_each_clients_own_history(seed_url: str) -> None:
    alice, bob = client(seed_url), client(seed_url)
    first = alice.predict("How many children were evacuated?", api_name="/ask")
    follow = alice.predict("Who evacuated them?", api_name="/ask")
    assert "How many children were evacuated?" in follow["query"]  # asked in context
    assert "Russian military" in follow["answer"]
    alone = bob.predict("Who evacuated them?", api_name="/ask")
    assert alone["query"] == "Who evacuated them?"  # Bob never saw Alice's turn
    alice.predict(api_name="/new_conversation")
    again = alice.predict("Who evacuated them?", api_name="/ask")
    assert again["query"] == "Who evacuated them?"
    assert first["citations"]


@pytest.mark.slow
def test_unanswerable_question_abstains_with_closest_passages(seed_url: str) -> None:
    result = client(seed_url).predict("What is the capital of France?", api_name="/ask")
    assert result["abstained"] is True and result["citations"] == []
    assert result["answer"].startswith("The articles don't say")
    assert {"source", "text", "start", "end"} <= set(result["passages"][0])
    assert len(result["passages"]) == Settings().top_k
    fewer = client(seed_url).predict(
        "What is the capital of France?", "extractive", 2, api_name="/ask"
    )
    assert len(fewer["passages"]) == 2  # the Settings panel's "passages retrieved"


@pytest.mark.slow
def test_the_ask_api_answers_within_the_chosen_articles(seed_url: str) -> None:
    from gradio_client.exceptions import AppError

    syria = "related_02_russia_evacuation_syria.txt"
    ask = client(seed_url)
    within = ask.predict(
        "How many children were evacuated?", "extractive", 8, [syria], api_name="/ask"
    )
    assert "1,312" in within["answer"]
    assert {c["source"] for c in within["citations"]} == {syria}
    everywhere = client(seed_url).predict(  # a new conversation
        "How many children were evacuated?", "extractive", 8, [], api_name="/ask"
    )
    assert "1,049" in everywhere["answer"]  # an empty pick is every article
    with pytest.raises(AppError, match=f"No article 'nope.txt' is indexed.*{syria}"):
        ask.predict(
            "How many children were evacuated?", "extractive", 8, ["nope.txt"], api_name="/ask"
        )


@pytest.mark.slow
def test_empty_question_is_refused_with_a_message(seed_url: str) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="The question is empty"):
        client(seed_url).predict("   ", api_name="/ask")


@pytest.mark.slow
def test_bad_uploads_give_messages_and_leave_the_index_unchanged(
    upload_url: str, upload_settings: Settings, tmp_path: Path
) -> None:
    from gradio_client import handle_file

    files = {
        "binary.txt": bytes(range(256)) * 8,
        "empty.md": b"",
        "huge.txt": b"words and more words. " * 2000,  # 44 kB, over the 20 kB limit
        "markup-only.html": b"<html><body><script>x()</script></body></html>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    store = ArticleStore(upload_settings)
    before = store.versions()
    result = client(upload_url).predict(
        [handle_file(str(tmp_path / n)) for n in files], api_name="/upload"
    )
    log = result[0]
    assert log.count('class="aqa-fail"') == 4 and "aqa-ok" not in log
    assert "binary.txt</strong>: binary data, not text" in log
    assert "empty.md</strong>: the file is empty" in log
    assert "huge.txt</strong>: file is 44 kB, over the 20 kB limit" in log
    assert "markup-only.html</strong>: no text in the file" in log
    assert store.versions() == before
    uploads = ui.uploads.uploads_dir(upload_settings)
    assert not [p for p in uploads.glob("*") if p.is_file()]


@pytest.mark.slow
def test_upload_ask_and_remove_an_article(
    upload_url: str, upload_settings: Settings, tmp_path: Path
) -> None:
    from gradio_client import handle_file

    path = tmp_path / "zanzibar ferries.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    c = client(upload_url)
    log, _chat, table, *_ = c.predict([handle_file(str(path))], api_name="/upload")
    assert "aqa-ok" in log and "indexed as zanzibar_ferries.txt" in log
    assert "Zanzibar ferry line opens" in table and "zanzibar_ferries.txt" in table
    stored = ui.uploads.uploads_dir(upload_settings) / "zanzibar_ferries.txt"
    assert stored.read_text(encoding="utf-8") == ARTICLE

    result = c.predict("Where were the ferries built?", api_name="/ask")
    assert "Norway" in result["answer"]
    assert result["citations"][0]["source"] == "zanzibar_ferries.txt"

    log, _chat, table, *_ = c.predict("zanzibar_ferries.txt", api_name="/remove_article")
    assert "removed “Zanzibar ferry line opens”" in log
    assert "zanzibar_ferries.txt" not in table and not stored.exists()
    assert "zanzibar_ferries.txt" not in ArticleStore(upload_settings).versions()
    log, *_ = c.predict("zanzibar_ferries.txt", api_name="/remove_article")
    assert "no indexed article has this id" in log


@pytest.mark.slow
def test_serve_command_serves_the_page(tmp_path: Path) -> None:
    port = free_port()
    articleqa = Path(sys.executable).parent / "articleqa"
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    cmd = [str(articleqa), "--store", str(tmp_path / "store"), "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "Article QA" in page, proc.stderr.read() if proc.poll() is not None else ""
        from gradio_client.exceptions import AppError

        with pytest.raises(AppError, match="No articles are indexed"):  # once loaded
            client(f"http://127.0.0.1:{port}/").predict("Who?", api_name="/ask")
    finally:
        proc.terminate()
        try:
            _out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _out, err = proc.communicate()
    assert "other machines can reach" not in err  # the default host is loopback
    assert str(tmp_path / "store") in err
    assert "loading the model" in err  # after the page was served
    shutil.rmtree(tmp_path / "store", ignore_errors=True)
