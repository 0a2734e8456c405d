"""Two processes, one local store: writers take turns and readers follow the other's writes.

chromadb's local mode is not process-safe: a process's vector index does not show what
another process wrote, and a repair run by one ingest used to delete the chunks another
process had written but not yet published (the web app's upload beside an `articleqa
ingest`). These tests run the second process for real.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa import Settings, ask
from vectorstore import ArticleStore, ingest
from vectorstore.sharing import view_of

from .conftest_paths import ROOT

LIGHTHOUSE = (
    "Old lighthouse reopens as a museum\n\n"
    "The Gull Point lighthouse, first lit in 1874, reopened on Saturday as a maritime museum.\n"
)
COMET = (
    "Comet found at Kestrel Ridge\n\n"
    "Astronomers at the Kestrel Ridge observatory named the comet they found Quillfeather.\n"
)
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}

# A second process that publishes one article and holds its write half done for a while:
# its chunks are written, its article record (the marker) is not yet.
SLOW_WRITER = """
import sys, time
import numpy as np
from pathlib import Path
from vectorstore import Article, ArticleStore, StoreSettings, chunk_article
from vectorstore.chroma import ChromaConnection

class Pausing(ChromaConnection):
    bumps = 0
    def bump_generation(self):
        self.bumps += 1
        if self.bumps == 1:  # chunks are written, the marker is not
            print("chunks written", flush=True)
            time.sleep(float(sys.argv[2]))
        super().bump_generation()

store = ArticleStore(StoreSettings(store_dir=Path(sys.argv[1])), connection=Pausing)
text = sys.argv[3]
article = Article("lighthouse.txt", text.splitlines()[0], text, "f" * 64)
chunks = chunk_article(article)
vectors = np.random.default_rng(0).random((len(chunks), 384)).astype(np.float32)
store.publish(article, chunks, vectors)
print("published", flush=True)
"""


def cli_ingest(store_dir: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "qa.cli", "--store", str(store_dir), "ingest", str(folder)]
    return subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("search", ["snapshot", "chroma"])
def test_vector_search_follows_another_process_writes(
    tmp_path: Path, search: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both vector searches: the read snapshot's (a new cache, which the other process
    left on disk) and Chroma's HNSW index (a stale view, which must be reopened)."""
    settings = Settings(store_dir=tmp_path / "store")
    first = tmp_path / "first"
    first.mkdir()
    (first / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    ingest([first], settings)
    assert "1874" in ask("When was the Gull Point lighthouse first lit?", settings=settings).text

    def reader() -> ArticleStore:
        store = ArticleStore(settings)
        if search == "chroma":
            monkeypatch.setattr("vectorstore.reads.EXACT_SEARCH_MAX", 0)
            store.open()
        return store

    store = reader()
    question = store.embeddings.embed_query("What name did the astronomers give the comet?")
    assert {c.article_id for c in store.vector_search(question, k=5)} == {"lighthouse.txt"}

    second = tmp_path / "second"
    second.mkdir()
    (second / "comet.txt").write_text(COMET, encoding="utf-8")
    done = cli_ingest(settings.store_dir, second)
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout, done.stdout

    store._cache.checked = float("-inf")  # as a question `RECHECK_S` after the last one
    hits = store.vector_search(question, k=5)
    assert hits and hits[0].article_id == "comet.txt", hits
    assert store.chroma.is_open == (search == "chroma")  # the snapshot needs none
    # and then this process writes on top of the other's, losing nothing
    third = tmp_path / "third"
    third.mkdir()
    (third / "lighthouse.txt").write_text(LIGHTHOUSE + "It closed in 1990.\n", encoding="utf-8")
    ingest([third], settings, store=store)
    fresh = reader()  # a new process's view, from disk
    hits = fresh.vector_search(question, k=5)
    assert hits and hits[0].article_id == "comet.txt", hits
    answer = ask("What did the astronomers name the comet?", settings=settings)
    assert "Quillfeather" in answer.text
    assert {c.source for c in answer.citations} == {"comet.txt"}


def test_the_next_question_sees_another_process_ingest_however_soon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-running process (the web app) answers its next question from what an
    `articleqa ingest` beside it has just published. Its read cache used to be trusted
    for `RECHECK_S` (2 s) after the last question's check, so a question asked that soon
    was answered without the new article (the test above failed whenever its
    `articleqa ingest` took under 2 s). Lengthening the window makes "that soon" certain."""
    monkeypatch.setattr("vectorstore.readcache.RECHECK_S", 3600.0)
    settings = Settings(store_dir=tmp_path / "store")
    first = tmp_path / "first"
    first.mkdir()
    (first / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    ingest([first], settings)
    assert "1874" in ask("When was the Gull Point lighthouse first lit?", settings=settings).text

    second = tmp_path / "second"
    second.mkdir()
    (second / "comet.txt").write_text(COMET, encoding="utf-8")
    done = cli_ingest(settings.store_dir, second)
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout, done.stdout

    answer = ask("What did the astronomers name the comet?", settings=settings)
    assert "Quillfeather" in answer.text
    assert {c.source for c in answer.citations} == {"comet.txt"}


def test_a_repair_waits_for_another_process_write_in_flight(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    pause = 4.0
    writer = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(settings.store_dir), str(pause), LIGHTHOUSE],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        line = writer.stdout.readline()
        stderr = writer.stderr.read() if writer.stderr and not line else ""
        assert line.strip() == "chunks written", (line, stderr)
        # the other process's chunks are in the store, its article record is not yet:
        # exactly what an interrupted ingest leaves, but this one is alive and writing
        store = ArticleStore(settings)
        started = time.perf_counter()
        repaired = store.repair()
        waited = time.perf_counter() - started
        out, err = writer.communicate(timeout=120)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == 0, err
    assert "published" in out
    assert repaired == [], repaired
    assert waited > pause / 2, f"the repair ran beside the other write ({waited:.1f} s)"
    assert store.versions() == {"lighthouse.txt": "f" * 64}
    chunks = [c for c in store.iter_chunks() if c.article_id == "lighthouse.txt"]
    assert chunks and all(c.version == "f" * 64 for c in chunks)


def test_a_killed_writer_releases_the_lock(tmp_path: Path) -> None:
    """The lock is the kernel's: a writer killed mid-write leaves no lock behind, and the
    next ingest repairs what it left."""
    settings = Settings(store_dir=tmp_path / "store")
    writer = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(settings.store_dir), "600", LIGHTHOUSE],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "chunks written"
    writer.kill()
    writer.wait()
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "comet.txt").write_text(COMET, encoding="utf-8")
    report = ingest([folder], settings)
    assert report.added == ["comet.txt"]
    assert report.repaired and "lighthouse.txt" in report.repaired[0]
    assert set(ArticleStore(settings).versions()) == {"comet.txt"}


def test_a_repair_knows_each_chunk_owner_from_its_id() -> None:
    """The repair reads chunk ids only (not every chunk's metadata): the id must name the
    article and version, whatever the article's file name holds."""
    from vectorstore.records import chunk_id, chunk_owner

    assert chunk_owner(chunk_id("odd::name.txt", "ab" * 32, 12)) == ("odd::name.txt", "ab" * 8, 12)
    assert chunk_owner(chunk_id("plain.txt", "0" * 64, 0)) == ("plain.txt", "0" * 16, 0)
    assert chunk_owner("not a chunk id") is None
    assert chunk_owner("a::b::c") is None


def test_a_reader_never_takes_this_process_own_write_for_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write records its new generation in the file and in this process's view. A
    reader thread that saw the file between the two used to think another process had
    written, and reopened Chroma under the writer's feet (the web app's upload then
    failed with chromadb's 'Error finding id')."""
    import threading

    import vectorstore.chroma as chroma_module
    from vectorstore.sharing import view_of

    settings = Settings(store_dir=tmp_path / "store")
    ingest([ROOT / "seeds"], settings)
    store = ArticleStore(settings)
    store.open()
    view = view_of(settings.store_dir / "chroma")
    epoch = view.epoch
    written = threading.Event()
    real = chroma_module.write_generation

    def slow_write(store_dir: Path, value: str) -> None:
        real(store_dir, value)
        written.set()
        time.sleep(0.5)  # the file holds the new generation; the view does not yet

    monkeypatch.setattr(chroma_module, "write_generation", slow_write)
    writer = threading.Thread(target=store.chroma.bump_generation)
    writer.start()
    assert written.wait(timeout=30)
    store.refresh()  # a reader meanwhile
    writer.join(timeout=30)
    assert view.epoch == epoch  # nothing reopened: it was this process's own write
    assert view.generation == store.generation()


def test_opening_a_collection_beside_a_write_group_never_deadlocks(tmp_path: Path) -> None:
    """Opening a collection calls Chroma, which waits for this process's write group
    (`LocalView.mutex`). Under Python 3.11's `functools.cached_property`, which holds one
    lock per property for all instances while it computes, a question opening `articles`
    while a write group needed it deadlocked both (a web-app upload hung in CI)."""
    import threading

    settings = Settings(store_dir=tmp_path / "store")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "comet.txt").write_text(COMET, encoding="utf-8")
    ingest([tmp_path / "in"], settings)
    view = view_of(settings.store_dir / "chroma")
    question, writer = ArticleStore(settings), ArticleStore(settings)
    done: list[str] = []
    holding = threading.Event()

    def write_group() -> None:
        with view.mutex:  # as `ChromaConnection.writing` holds it
            holding.set()
            time.sleep(0.5)  # meanwhile the question starts opening `articles`
            assert writer.chroma.articles is not None  # the write group needs it too
            done.append("writer")

    def ask_question() -> None:
        assert question.chroma.articles is not None
        done.append("question")

    threads = [threading.Thread(target=write_group, daemon=True)]
    threads[0].start()
    holding.wait()
    threads.append(threading.Thread(target=ask_question, daemon=True))
    threads[1].start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(done) == ["question", "writer"]


def test_clients_opened_at_once_after_another_process_write(tmp_path: Path) -> None:
    """After another process writes, every store object of this process reopens Chroma
    on its next use, and in the web app several threads do so at once. chromadb's cache
    of Systems is not thread-safe: a client opened beside another got a System that was
    not started yet ("'RustBindingsAPI' object has no attribute 'bindings'"), and one
    opened beside a reopen lost its System (KeyError); both failed the concurrency test
    about one run in eight. A new generation in the file stands for the other write."""
    import threading
    import uuid

    from vectorstore.sharing import write_generation

    settings = Settings(store_dir=tmp_path / "store")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "comet.txt").write_text(COMET, encoding="utf-8")
    ingest([tmp_path / "in"], settings)
    stores = [ArticleStore(settings) for _ in range(6)]
    errors: list[BaseException] = []

    def open_and_read(store: ArticleStore, start: threading.Barrier) -> None:
        try:
            start.wait(timeout=30)
            store.refresh()  # as a question's read-cache check does
            assert store.chroma.articles.count() == 1
        except BaseException as e:  # reported below, with the others
            errors.append(e)

    for _ in range(20):
        write_generation(settings.store_dir, uuid.uuid4().hex)
        start = threading.Barrier(len(stores))
        threads = [threading.Thread(target=open_and_read, args=(s, start)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert not errors, errors[:3]
