"""Asking within chosen articles: `qa.ask(..., sources=[...])`, `--article ID`, and the
filter in every search path (the read snapshot, Chroma's HNSW index, BM25).

The seed says 1,049 children were evacuated; the Syria distractor says 1,312. Asked
within one article, the answer must come from that article alone, whichever search
path answers; asked within an unknown article or none, the error names the known ones.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import vectorstore.reads
from qa import Settings, UnknownArticleError, ask
from qa.engine import Engine
from vectorstore import ArticleStore, LexicalIndex

from .conftest_paths import ROOT, SEED_ID
from .test_cli import run

SYRIA = "related_02_russia_evacuation_syria.txt"
QUESTION = "How many children were evacuated?"


def test_an_answer_comes_from_the_chosen_article_only(seed_settings: Settings) -> None:
    everywhere = ask(QUESTION, settings=seed_settings)
    assert "1,049" in everywhere.text
    within = ask(QUESTION, settings=seed_settings, sources=[SYRIA])
    assert "1,312" in within.text
    assert {c.source for c in within.citations} == {SYRIA}
    assert {p.source for p in within.passages} == {SYRIA}


def test_a_follow_up_stays_within_the_chosen_articles(seed_settings: Settings) -> None:
    first = ask("How many civilians were evacuated?", settings=seed_settings, sources=[SYRIA])
    then = ask("And how many of them were children?", [first], seed_settings, sources=[SYRIA])
    assert "1,312" in then.text and {c.source for c in then.citations} == {SYRIA}


def test_an_unknown_or_empty_choice_is_a_clear_error(seed_settings: Settings) -> None:
    with pytest.raises(UnknownArticleError) as e:
        ask(QUESTION, settings=seed_settings, sources=["syria.txt", SEED_ID])
    message = str(e.value)
    assert "'syria.txt'" in message and SYRIA in message and SEED_ID in message
    assert e.value.unknown == ["syria.txt"] and e.value.exit_code == 2
    with pytest.raises(UnknownArticleError, match="No article was chosen"):
        ask(QUESTION, settings=seed_settings, sources=[])


def test_the_snapshot_and_chroma_paths_honour_the_filter(
    seed_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ArticleStore(seed_settings)
    vector = store.embeddings.embed_query(QUESTION)
    from_snapshot = store.vector_search(vector, 5, [SYRIA, SEED_ID])
    assert from_snapshot and {c.article_id for c in from_snapshot} <= {SYRIA, SEED_ID}
    monkeypatch.setattr(vectorstore.reads, "EXACT_SEARCH_MAX", 0)  # HNSW answers now
    store.open()
    from_chroma = store.vector_search(vector, 5, [SYRIA])
    assert from_chroma and {c.article_id for c in from_chroma} == {SYRIA}
    assert from_chroma[0].id == store.vector_search(vector, 5, [SYRIA])[0].id
    unfiltered = store.vector_search(vector, 5)
    assert {c.article_id for c in unfiltered} != {SYRIA}


def test_bm25_ranks_only_the_chosen_articles_chunks() -> None:
    ids = [f"{a}::{'v' * 16}::{i}" for a, i in (("a.txt", 0), ("b.txt", 0), ("b.txt", 1))]
    texts = ["Troops evacuated 40 children.", "Fog over the port.", "Buses took children."]
    index = LexicalIndex.build(ids, texts)
    assert {cid for cid, _ in index.search("evacuated children", 3)} == {ids[0], ids[2]}
    assert [cid for cid, _ in index.search("evacuated children", 3, ["b.txt"])] == [ids[2]]
    assert index.search("children evacuated", 3, ["c.txt"]) == []


def test_the_retriever_never_returns_another_articles_passage(seed_settings: Settings) -> None:
    engine = Engine(seed_settings)
    search = ["Russia evacuation children Syria Karabakh"]
    got = engine.retriever.retrieve(search, 8, None, [SEED_ID])
    assert got.passages and {p.source for p in got.passages} == {SEED_ID}
    assert np.isfinite([p.score for p in got.passages]).all()


@pytest.mark.slow
def test_the_cli_asks_within_articles_and_names_the_known_ones(tmp_path: Path) -> None:
    store = tmp_path / "store"
    related = ROOT / "tests" / "data" / "related"
    ingested = run("--store", str(store), "ingest", str(ROOT / "seeds"), str(related))
    assert ingested.returncode == 0, ingested.stderr
    good = run("--store", str(store), "ask", QUESTION, "--article", SYRIA)
    assert good.returncode == 0, good.stderr
    assert "1,312" in good.stdout and "1,049" not in good.stdout
    bad = run("--store", str(store), "ask", QUESTION, "--article", "nope.txt")
    assert bad.returncode == 2 and "'nope.txt'" in bad.stderr and SYRIA in bad.stderr
    chat = run("--store", str(store), "chat", "--article", "nope.txt", stdin="x\n")
    assert chat.returncode == 2 and "'nope.txt'" in chat.stderr
    talk = run("--store", str(store), "chat", "--article", SYRIA, stdin=f"{QUESTION}\n\n")
    assert talk.returncode == 0 and "1,312" in talk.stdout, talk.stderr


def test_a_question_that_names_its_article_is_answered_from_it(seed_settings: Settings) -> None:
    """The Syrian evacuation article says 1,312 children, the seed 1,049: named, the
    Syria story answers, and the words that name it are not searched for."""
    asked = "In the story about the evacuation from the Syrian town, how many children left?"
    answer = ask(asked, settings=seed_settings)
    assert "1,312" in answer.text
    assert {c.source for c in answer.citations} == {SYRIA}
    assert "Syrian town" not in answer.query


def test_an_article_no_one_wrote_leaves_the_question_as_asked(seed_settings: Settings) -> None:
    answer = ask("In the story about the weather, " + QUESTION.lower(), settings=seed_settings)
    assert "1,049" in answer.text  # every article, as if no article had been named
