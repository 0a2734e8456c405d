"""The read cache: questions answered from a snapshot beside the keyword index.

A process that finds the cache on disk answers without opening Chroma (a one-shot
`articleqa ask` saves the second chromadb takes to import). The snapshot must give
exactly what Chroma gives, follow other processes' writes, and never be kept on disk
under a name it does not match (a write in flight while it was read).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa import Settings, ask
from vectorstore import Article, ArticleStore, StoreError, chunk_article, ingest
from vectorstore.chroma import ChromaConnection
from vectorstore.readcache import BUILD_ATTEMPTS, load
from vectorstore.sharing import GENERATION_FILE, fingerprint_at, write_lock

from .conftest_paths import ROOT, SEEDS
from .test_shared_store import ENV


def _opened(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> ArticleStore:
    store = ArticleStore(settings)
    store.open()  # Chroma open, and the store counted large: HNSW answers
    monkeypatch.setattr("vectorstore.reads.EXACT_SEARCH_MAX", 0)
    return store


def test_the_snapshot_gives_what_chroma_gives(
    seed_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    snap = ArticleStore(seed_settings)  # Chroma never opened: the snapshot answers
    chroma = _opened(seed_settings, monkeypatch)
    for question in ("How many children were evacuated?", "Who is Ruben Vardanyan?", "fog"):
        vector = snap.embeddings.embed_query(question)
        ours = snap.vector_search(vector, k=10)
        theirs = chroma.vector_search(vector, k=10)
        assert [c.id for c in ours] == [c.id for c in theirs]
        assert np.allclose([c.score for c in ours], [c.score for c in theirs], atol=1e-4)
        ids = [c.id for c in theirs]
        by_id = {c.id: c for c in chroma._chroma_chunks(ids)}  # Chroma's order, not ours
        assert snap.get_chunks(ids) == [by_id[i] for i in ids]
    assert not snap.chroma.is_open  # no Chroma on the snapshot's side, ever
    records = chroma.list_articles()
    ids = [r.id for r in records]
    assert snap.get_articles(ids) == chroma._chroma_articles(ids)
    for chunk in snap.get_chunks([c.id for c in ours]):
        article = snap.get_articles([chunk.article_id])[chunk.article_id]
        assert article.text[chunk.start : chunk.end] == chunk.text
        spans, vectors = chunk.sentence_units()
        assert spans and len(vectors) == len(spans)


def test_ids_it_does_not_hold_come_from_chroma_or_nowhere(seed_settings: Settings) -> None:
    store = ArticleStore(seed_settings)
    assert store.get_chunks(["nothing.txt::0000000000000000::0", "not an id"]) == []
    assert store.get_articles(["nothing.txt"]) == {}


def test_a_new_process_answers_from_disk_without_chroma(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)  # ingest leaves the cache on disk for the first question
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qa import Settings, ask\n"
        f"settings = Settings(store_dir=Path({str(settings.store_dir)!r}))\n"
        "print(ask('How many children were evacuated?', settings=settings).text)\n"
        "print('chromadb' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    text, chroma_loaded = done.stdout.strip().rsplit("\n", 1)
    assert "1,049 children" in text
    assert chroma_loaded == "False"


def test_a_cache_read_during_a_write_is_not_kept(tmp_path: Path) -> None:
    """The cache on disk is named by the published set it holds; read while a writer
    holds the lock, it may hold half a write, so it is used but not kept."""
    settings = Settings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)
    lexical = settings.store_dir / "lexical"
    shutil.rmtree(lexical)
    with write_lock(settings.store_dir, "test"):  # as another process's ingest would
        reader = ArticleStore(settings)
        assert reader.keyword_index().ids  # it answers meanwhile
        assert not any(p.is_dir() for p in lexical.iterdir())
        assert not (lexical / GENERATION_FILE).exists()
    reader._cache.checked = float("-inf")
    built = reader.read_cache()
    generation = reader.generation()
    assert fingerprint_at(lexical, generation) == built.fingerprint  # kept now
    assert load(lexical, built.fingerprint) is not None


def test_an_unchanged_reingest_reads_only_a_settled_cache(tmp_path: Path) -> None:
    """Re-ingesting unchanged files takes the published set from the cache on disk and
    never opens Chroma, but only while nothing can have changed behind the cache: no
    write in flight, none that died (it may have left chunks only a repair finds)."""
    settings = Settings(store_dir=tmp_path / "store")
    first = ingest([SEEDS], settings)
    store = ArticleStore(settings)
    again = ingest([SEEDS], settings, store=store)
    assert again.unchanged == first.added and not again.changed
    assert not store.chroma.is_open  # Chroma never opened
    settled = store.settled_versions()
    assert settled is not None and settled == store.versions()
    with write_lock(settings.store_dir, "test"):  # another process's write in flight
        assert store.settled_versions() is None
    assert store.settled_versions() == settled
    with pytest.raises(KeyboardInterrupt), write_lock(settings.store_dir, "test"):
        raise KeyboardInterrupt  # a writer that died mid-write
    assert store.settled_versions() is None
    repairing = ArticleStore(settings)
    report = ingest([SEEDS], settings, store=repairing)
    assert report.unchanged == first.added and repairing.chroma.is_open
    assert repairing.settled_versions() == settled  # the repair settled it again
    (settings.store_dir / "generation").write_text("from another writer")
    assert store.settled_versions() is None  # a generation no cache was recorded for


class _DiesBeforeItsMarker(ChromaConnection):
    """A writer killed after writing its chunks, before its article record."""

    def bump_generation(self) -> None:
        raise KeyboardInterrupt


def test_a_page_of_chunks_no_article_publishes_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache build reads the chunks a page at a time, and a page may hold only
    chunks no published article owns (another process's write in flight, or one that
    died). Such a page used to fail the question with numpy's "cannot reshape array of
    size 0" (the concurrency test, while an ingest and an upload wrote)."""
    settings = Settings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)
    store = ArticleStore(settings)
    published = store.versions()
    monkeypatch.setattr("vectorstore.chroma.READ_BATCH", store.chunk_count())
    text = "Comet found at Kestrel Ridge\n\nAstronomers named the comet Quillfeather.\n"
    article = Article("comet.txt", "Comet found at Kestrel Ridge", text, "c" * 64)
    chunks = chunk_article(article)
    vectors = np.random.default_rng(0).random((len(chunks), 384)).astype(np.float32)
    with pytest.raises(KeyboardInterrupt):
        ArticleStore(settings, connection=_DiesBeforeItsMarker).publish(article, chunks, vectors)
    shutil.rmtree(settings.store_dir / "lexical")  # the next question builds the cache
    reader = ArticleStore(settings)
    assert reader.read_cache().snapshot.versions() == published


@pytest.mark.parametrize(
    "damage", ["vectors.f32", "snapshot.json", "articleqa.json", "texts.bin", "units.bin"]
)
def test_a_damaged_cache_is_rebuilt(tmp_path: Path, damage: str) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)
    fingerprint = ArticleStore(settings).read_cache().fingerprint
    path = settings.store_dir / "lexical" / fingerprint / damage
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    assert load(settings.store_dir / "lexical", fingerprint) is None
    answer = ask("How many children were evacuated?", settings=settings)
    assert "1,049 children" in answer.text
    assert load(settings.store_dir / "lexical", fingerprint) is not None


def test_a_cache_from_before_the_index_kept_names_is_rebuilt(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)
    fingerprint = ArticleStore(settings).read_cache().fingerprint
    meta_path = settings.store_dir / "lexical" / fingerprint / "articleqa.json"
    meta = json.loads(meta_path.read_text())
    del meta["names"]  # as an older version wrote it
    meta_path.write_text(json.dumps(meta))
    assert load(settings.store_dir / "lexical", fingerprint) is None
    assert "1,049 children" in ask("how many children were evacuated?", settings=settings).text
    rebuilt = load(settings.store_dir / "lexical", fingerprint)
    assert rebuilt is not None and rebuilt.index.names["armenia"] == "Armenia"


def test_a_store_from_before_generation_files_gets_one(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)
    (settings.store_dir / "generation").unlink()  # as a store an older version wrote
    store = ArticleStore(settings)
    assert store.refresh()
    assert (settings.store_dir / "generation").is_file()
    assert "1,049 children" in ask("How many children were evacuated?", settings=settings).text


@pytest.mark.parametrize(
    "module",
    ["vectorstore.snapshot", "vectorstore.ranking", "vectorstore.records", "vectorstore.lexical"],
)
def test_doctests(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted and not result.failed


def test_a_long_running_process_opens_chroma_only_for_a_large_store(
    seed_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`articleqa chat` calls `open_if_large` while the person types: Chroma's HNSW index
    then answers on a store where it beats the snapshot's exact scan, and only there."""
    from qa.engine import Engine

    small = Engine(seed_settings)
    small.store.open_if_large().join(timeout=60)
    assert not small.store.chroma.is_open  # the seed store is small: the scan stays
    monkeypatch.setattr("vectorstore.reads.EXACT_SEARCH_MAX", 0)
    large = Engine(seed_settings)
    large.store.open_if_large().join(timeout=60)
    assert large.store.chroma.is_open and large.store._index_open
    answer = large.ask("How many children were evacuated?")  # now through HNSW
    assert "1,049 children" in answer.text


def test_while_one_thread_rebuilds_the_others_answer_from_the_cache_they_have(
    seed_settings: Settings,
) -> None:
    """Rebuilding takes a minute at 100k chunks; questions meanwhile use the published
    set from before the write instead of waiting for it."""
    import threading

    store = ArticleStore(seed_settings)
    before = store.read_cache()
    store._cache.checked = float("-inf")  # due for a check, which another thread holds
    store._cache.lock.acquire()  # as a thread rebuilding after a write
    try:
        got: list[object] = []
        reader = threading.Thread(target=lambda: got.append(store.read_cache()))
        reader.start()
        reader.join(timeout=10)
        assert got == [before]
    finally:
        store._cache.lock.release()


class _BrokenOnceStore(ArticleStore):
    """A real store whose first read of the chunks fails as chromadb's local mode does
    when it meets another process's write ("Error finding id"), which no test can time."""

    waited = 0
    failures = 1

    def published_chunks(self, published: dict[str, str]) -> Iterator[Any]:
        if self.failures:
            self.failures -= 1
            raise StoreError(
                f"The Chroma store at {self.location} failed (InternalError: Error executing "
                "plan: Internal error: Error finding id)."
            )
        yield from super().published_chunks(published)

    def wait_for_writers(self) -> None:
        self.waited += 1
        super().wait_for_writers()


def test_a_read_broken_by_another_process_write_is_read_again(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)
    shutil.rmtree(settings.store_dir / "lexical")  # the next question builds the cache
    store = _BrokenOnceStore(settings)
    assert store.read_cache().snapshot.versions() == store.versions()
    assert store.waited == 1  # it waited for the writer before reading again
    still = _BrokenOnceStore(settings)
    still.failures = 99  # a store that stays broken says so, after a few tries
    shutil.rmtree(settings.store_dir / "lexical")
    with pytest.raises(StoreError, match="Error finding id"):
        still.read_cache()
    assert still.waited == BUILD_ATTEMPTS - 1
