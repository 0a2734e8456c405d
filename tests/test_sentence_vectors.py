"""Sentence vectors stored at ingest: exact offsets, faithful vectors, and a query path
that embeds only the question."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.embeddings import Embeddings

from qa import Settings
from qa.engine import Engine
from vectorstore import Article, ArticleStore, chunk_article, get_embeddings, ingest, load_article
from vectorstore.sentence_vectors import decode_units, encode_units

from .conftest_paths import SEEDS


class CountingEmbeddings(Embeddings):
    """The real model, counting how many texts reach it."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts.extend(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.texts.append(text)
        return self.inner.embed_query(text)


@settings(deadline=None)  # timing is not what is tested; the machines are shared
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=8),
    st.integers(1, 64),
    st.data(),
)
def test_encoding_round_trips(spans: list[tuple[int, int]], dim: int, data: st.DataObject) -> None:
    values = st.floats(-1, 1, allow_nan=False, width=32)
    rows = np.array(
        [data.draw(st.lists(values, min_size=dim, max_size=dim)) for _ in spans], np.float32
    )
    got_spans, got = decode_units(encode_units(spans, rows))
    assert got_spans == spans
    scale = np.abs(rows).max(axis=1, keepdims=True)
    assert np.all(np.abs(got - rows) <= scale / 127 * 0.51 + 1e-6)


@pytest.mark.parametrize("bad", ["", "|", "0:5|", "x:y|AAAA", "0:5|not base64!", "0:5,6:9|AAAA"])
def test_a_damaged_record_decodes_to_nothing(bad: str) -> None:
    spans, rows = decode_units(bad)
    assert spans == [] and rows.size == 0


def test_each_chunk_carries_its_sentences_and_their_vectors(empty_settings: Settings) -> None:
    ingest([SEEDS], empty_settings)
    store = ArticleStore(empty_settings)
    article = next(iter(store.get_articles([r.id for r in store.list_articles()]).values()))
    chunks = [c for c in store.iter_chunks() if c.article_id == article.id]
    expected = chunk_article(article)
    assert sorted((c.start, c.end) for c in chunks) == [(c.start, c.end) for c in expected]
    model = get_embeddings(empty_settings)
    for chunk in chunks:
        spans, rows = chunk.sentence_units()
        assert spans and all(chunk.start <= a < b <= chunk.end for a, b in spans)
        texts = [article.text[a:b] for a, b in spans]
        assert "".join(texts).replace(" ", "") in chunk.text.replace(" ", "").replace("\n", "")
        fresh = np.asarray(model.embed_documents(texts))
        cosine = np.sum(fresh * rows, axis=1) / np.linalg.norm(rows, axis=1)
        assert cosine.min() > 0.99


def test_a_warm_question_embeds_only_itself(seed_settings: Settings) -> None:
    """Sentences come with their vectors from the store; a question embeds itself and,
    once per process, the title of an article it meets for the first time (`qa.story`)."""
    counting = CountingEmbeddings(get_embeddings(seed_settings))
    engine = Engine(seed_settings, ArticleStore(seed_settings, embeddings=counting))
    engine.ask("How many children were evacuated?")  # warms the keyword index
    counting.texts.clear()
    question = "Who launched anti-terror operations in the enclave?"
    answer = engine.ask(question)
    assert answer.citations and not answer.abstained
    titles = {r.title for r in engine.store.list_articles()}
    assert counting.texts[0] == question and set(counting.texts[1:]) <= titles
    counting.texts.clear()
    engine.ask(question.replace("Who launched", "Who started"))
    assert counting.texts == [question.replace("Who launched", "Who started")]


def test_a_store_without_sentence_vectors_still_answers(empty_settings: Settings) -> None:
    """Chunks written by an older version (no stored sentences) are embedded on demand."""
    path = next(Path(SEEDS).iterdir())
    article = load_article(path.name, path, max_bytes=10**7)
    assert isinstance(article, Article)
    chunks = [replace(c, sentences=()) for c in chunk_article(article)]
    store = ArticleStore(empty_settings)
    vectors = np.asarray(store.embeddings.embed_documents([c.text for c in chunks]), np.float32)
    store.publish(article, chunks, vectors)
    assert all(not c.sentence_units()[0] for c in store.iter_chunks())
    answer = Engine(empty_settings, store).ask("How many children were evacuated?")
    assert "1,049" in answer.text
    cited = answer.citations[0]
    assert cited.quote == article.text[cited.start : cited.end]
