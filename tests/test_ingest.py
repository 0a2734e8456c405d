"""Ingest on a real Chroma store: idempotent, incremental, pruning, and crash-safe."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from qa import Settings, engine_for
from vectorstore import Article, ArticleStore, Chunk, chunk_article, ingest
from vectorstore.records import ChunkRecord, to_metadata

from .conftest_paths import RELATED, SEEDS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    shutil.copy(RELATED / "related_02_russia_evacuation_syria.txt", folder)
    return folder


def _chunk_ids(settings: Settings) -> list[str]:
    return [c.id for c in ArticleStore(settings).iter_chunks()]


def test_reingest_adds_nothing_and_skips_embedding(corpus: Path, empty_settings: Settings) -> None:
    first = ingest([corpus], empty_settings)
    assert len(first.added) == 2 and not first.failed and first.chunks_written > 0
    before = sorted(_chunk_ids(empty_settings))
    store = ArticleStore(empty_settings)
    again = ingest([corpus], empty_settings, store=store)
    assert not store.chroma.is_open  # the read cache said so: Chroma stayed shut
    assert (
        again.added == [] and again.updated == [] and sorted(again.unchanged) == sorted(first.added)
    )
    assert again.chunks_written == 0 and again.embed_seconds == 0
    assert sorted(_chunk_ids(empty_settings)) == before
    assert len(before) == len(set(before))


def test_changed_file_replaces_its_chunks(corpus: Path, empty_settings: Settings) -> None:
    ingest([corpus], empty_settings)
    target = corpus / "related_02_russia_evacuation_syria.txt"
    target.write_text(target.read_text() + "\n\nA zebra named Quentin escaped from the zoo.\n")
    report = ingest([corpus], empty_settings)
    assert report.updated == ["related_02_russia_evacuation_syria.txt"]
    store = ArticleStore(empty_settings)
    published = store.versions()
    chunks = [c for c in store.iter_chunks() if c.article_id == target.name]
    assert chunks and all(c.version == published[target.name] for c in chunks)
    answer = engine_for(empty_settings).ask("What was the name of the zebra that escaped?")
    assert "Quentin" in answer.text


def test_prune_removes_articles_whose_files_are_gone(
    corpus: Path, empty_settings: Settings
) -> None:
    ingest([corpus], empty_settings)
    (corpus / "related_02_russia_evacuation_syria.txt").unlink()
    kept = ingest([corpus], empty_settings)
    assert kept.removed == []  # without --prune nothing is removed
    pruned = ingest([corpus], empty_settings, prune=True)
    assert pruned.removed == ["related_02_russia_evacuation_syria.txt"]
    store = ArticleStore(empty_settings)
    assert [r.id for r in store.list_articles()] == ["000_11571fa2a61f8d64.txt"]
    assert all(c.article_id == "000_11571fa2a61f8d64.txt" for c in store.iter_chunks())


def test_bad_files_are_reported_and_good_ones_kept(corpus: Path, empty_settings: Settings) -> None:
    ingest([corpus], empty_settings)
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 20)
    report = ingest([corpus, corpus / "missing.md"], empty_settings)
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "missing.md"}
    assert len(report.unchanged) == 2
    assert len(ArticleStore(empty_settings).list_articles()) == 2


def test_interrupted_publish_is_never_cited_and_is_repaired(
    corpus: Path, empty_settings: Settings
) -> None:
    ingest([corpus], empty_settings)
    store = ArticleStore(empty_settings)
    # Simulate a crash after the new version's chunks were written, before the marker flip.
    old = store.get_articles(["000_11571fa2a61f8d64.txt"])["000_11571fa2a61f8d64.txt"]
    half = Article(old.id, old.title, old.text + "\n\nThe moon is made of cheese.", "f" * 64)
    chunks = chunk_article(half)
    vectors = np.asarray(store.embeddings.embed_documents([c.text for c in chunks]))
    with pytest.raises(KeyboardInterrupt), store.chroma.writing():
        _write_chunks_then_die(store, half, chunks, vectors)
    answer = engine_for(empty_settings).ask("What is the moon made of?")
    assert "cheese" not in answer.text
    report = ingest([corpus], empty_settings)  # nothing changed, but a write died
    assert report.repaired and "interrupted ingest" in report.repaired[0]
    assert all(c.version != "f" * 64 for c in store.iter_chunks())


def _write_chunks_then_die(
    store: ArticleStore, half: Article, chunks: list[Chunk], vectors: np.ndarray
) -> None:
    """What a writer killed after writing a new version's chunks, before publishing the
    article, left behind (`ArticleStore.publish_many` writes in that order)."""
    ids = [f"{half.id}::{'f' * 16}::{c.index}" for c in chunks]
    store.chroma.chunks.upsert(
        ids=ids,
        embeddings=vectors,
        documents=[c.text for c in chunks],
        metadatas=[
            to_metadata(
                ChunkRecord(ids[i], half.id, half.title, half.content_hash, c.index, c.start, c.end)
            )
            for i, c in enumerate(chunks)
        ],
    )
    raise KeyboardInterrupt
