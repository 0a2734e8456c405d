"""The read cache on disk: one published set of articles, ready to answer from.

For each published set (named by its fingerprint) the cache folder
`store_dir/lexical/<fingerprint>/` holds the keyword index (`LexicalIndex`) and the
snapshot of chunks and articles (`Snapshot`). A builder writes a cache into a folder of
its own (`stage`) and renames it into place (`commit`) only when it knows the cache
matches its name, i.e. no write changed the store while it read; otherwise it uses the
cache for itself and throws the folder away (`discard`). A reader therefore finds a
whole, right cache or none.

`CacheKeeper` holds one process's cache of one store: it trusts it for `RECHECK_S`
(or until `invalidate`, which each question's start calls), then checks the store's
generation, and loads or rebuilds the cache when the published set moved.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .articles import Article
from .errors import StoreError
from .lexical import LexicalIndex
from .sharing import fingerprint_at, read_generation, remember_fingerprint, write_unfinished
from .snapshot import Snapshot, SnapshotChunk

__all__ = [
    "RECHECK_S",
    "CacheKeeper",
    "CacheSource",
    "ReadCache",
    "commit",
    "discard",
    "fingerprint_of",
    "load",
    "saving",
    "settled_versions",
    "stage",
]

log = logging.getLogger(__name__)

RECHECK_S = 2.0  # seconds an in-memory read cache is trusted unchecked
BUILD_ATTEMPTS = 3  # reads of the store per cache build, when other processes' writes break them
_SAVING = ".tmp"  # in the name of a folder a builder is still writing
SAVING_MAX_AGE_S = 3600.0  # older than this, such a folder was left by a crash


@dataclass(frozen=True)
class ReadCache:
    """The keyword index and snapshot of the published set named `fingerprint`."""

    fingerprint: str
    index: LexicalIndex
    snapshot: Snapshot


def load(lexical: Path, fingerprint: str) -> ReadCache | None:
    """The committed cache for `fingerprint`, or None (none yet, or damaged)."""
    folder = lexical / fingerprint
    snapshot = Snapshot.load(folder)
    index = LexicalIndex.load(folder) if snapshot is not None else None
    if snapshot is None or index is None or len(index.ids) != len(snapshot):
        return None
    return ReadCache(fingerprint, index, snapshot)


def stage(
    lexical: Path,
    fingerprint: str,
    articles: Sequence[Article],
    batches: Iterable[tuple[Sequence[SnapshotChunk], Any]],
) -> tuple[ReadCache, Path]:
    """Build the cache of `articles` (published) and their chunks (`batches`, as
    `Snapshot.write` takes them) in a new folder; the cache and that folder.

    The folder is beside the committed caches, or in the system's temporary folder when
    the store cannot be written (a read-only store still answers; it builds each start).
    """
    try:
        lexical.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=lexical, prefix=fingerprint + _SAVING))
    except OSError as e:
        log.warning("cannot cache the read index in %s (%s); keeping it in memory", lexical, e)
        folder = Path(tempfile.mkdtemp(prefix="articleqa-cache-"))
    try:
        Snapshot.write(folder, articles, batches)
        snapshot = Snapshot.load(folder)
        if snapshot is None:
            raise OSError(f"the snapshot just written to {folder} does not read back")
        index = LexicalIndex.build(snapshot.ids(), snapshot.texts())
        index.save(folder)
    except BaseException:
        discard(folder)
        raise
    return ReadCache(fingerprint, index, snapshot), folder


def commit(staged: Path, lexical: Path, fingerprint: str) -> None:
    """Put the `staged` cache in place for `fingerprint` and drop older caches."""
    folder = lexical / fingerprint
    try:
        if staged.parent != lexical:  # staged outside the store: it cannot be kept
            discard(staged)
            return
        shutil.rmtree(folder, ignore_errors=True)
        staged.rename(folder)  # a reader sees the old cache, none, or the whole new one
        for old in lexical.iterdir():
            if old.is_dir() and old.name != fingerprint and not saving(old):
                shutil.rmtree(old, ignore_errors=True)
    except OSError as e:
        log.warning("cannot keep the read index in %s: %s", folder, e)
        discard(staged)


def discard(staged: Path) -> None:
    """Remove a staged folder (a cache loaded from it stays readable: its files are
    memory-mapped, and an unlinked file lives on while it is mapped)."""
    shutil.rmtree(staged, ignore_errors=True)


def saving(folder: Path) -> bool:
    """Whether `folder` is a cache another process is still staging, so a clean-up must
    leave it alone."""
    if _SAVING not in folder.name:
        return False
    try:
        return time.time() - folder.stat().st_mtime < SAVING_MAX_AGE_S
    except OSError:
        return False


def settled_versions(store_dir: Path, lexical: Path) -> dict[str, str] | None:
    """The published set (`{article_id: content hash}`) of the local store in
    `store_dir`, read from its committed cache without opening Chroma, or None unless
    that is certain: the cache is the one recorded for the current generation, holds
    the set its name says, and no write group was in flight or died meanwhile (one that
    died may have left chunks no article owns, and only a repair through Chroma finds
    them). An ingest of unchanged files ends here."""
    generation = read_generation(store_dir)
    fingerprint = fingerprint_at(lexical, generation)
    if fingerprint is None or write_unfinished(store_dir):
        return None
    snapshot = Snapshot.load(lexical / fingerprint)
    if snapshot is None:
        return None
    versions = snapshot.versions()
    if fingerprint_of(versions) != fingerprint:
        return None
    # checked last: a write group that started after the first read has either finished
    # (a new generation) or not (its mark is still there)
    if write_unfinished(store_dir) or read_generation(store_dir) != generation:
        return None
    return versions


def fingerprint_of(versions: dict[str, str]) -> str:
    """A name for one published set of articles (`{article_id: content hash}`)."""
    h = hashlib.sha256()
    for article_id, version in sorted(versions.items()):
        h.update(f"{article_id}\0{version}\n".encode())
    return h.hexdigest()[:16]


Batches = Iterator[tuple[list[SnapshotChunk], Any]]


class CacheSource(Protocol):
    """What `CacheKeeper` reads of a store (`ArticleStore` is one)."""

    @property
    def cache_folder(self) -> Path: ...

    def refresh(self) -> str: ...  # the generation, after following other writers

    def generation(self) -> str: ...

    def fingerprint(self) -> str: ...  # of the published set, by listing the articles

    def published_articles(self) -> list[Article]: ...

    def published_chunks(self, published: dict[str, str]) -> Batches: ...

    def writers_idle(self) -> AbstractContextManager[bool]: ...

    def wait_for_writers(self) -> None: ...


class CacheKeeper:
    """One process's read cache of one store, kept in step with the store.

    One question asks for it several times; within `RECHECK_S` of the last check the
    one in memory is trusted unchecked. `invalidate` ends that trust at once: this
    process's own writes call it, and so does each question's start
    (`ArticleStore.recheck`), so other processes' writes count from the next question
    on. A check reads the store's
    generation, one small file for a local store. One thread checks or rebuilds at a
    time; while it rebuilds (a minute at 100k chunks) the others answer from the cache
    they have, the published set before the write, and only a thread with none waits.
    """

    def __init__(self, source: CacheSource) -> None:
        self._source = source
        self.current: ReadCache | None = None
        self.checked = float("-inf")  # time.monotonic() of the last check
        self.lock = threading.Lock()
        self.generation = ""  # the store generation `current` was checked at
        self.kept = False  # whether `current` was read with no write changing the store

    def invalidate(self) -> None:
        """Check the store on the next `get` (this process wrote or reopened it, or a
        question starts)."""
        self.checked = float("-inf")

    def get(self) -> ReadCache:
        if not self.lock.acquire(blocking=self.current is None):
            assert self.current is not None
            return self.current
        try:
            return self._get()
        finally:
            self.lock.release()

    def _get(self) -> ReadCache:
        now = time.monotonic()
        if self.current is not None and now - self.checked < RECHECK_S:
            return self.current
        source = self._source
        generation = source.refresh()
        self.checked = now
        if self.kept and generation == self.generation != "":
            assert self.current is not None
            return self.current
        lexical = source.cache_folder
        fingerprint = fingerprint_at(lexical, generation)
        known = fingerprint is not None
        if fingerprint is None:  # listing every article: seconds at 100k chunks
            fingerprint = source.fingerprint()
        found: ReadCache | None
        if self.kept and self.current is not None and self.current.fingerprint == fingerprint:
            found = self.current  # a cache once kept holds its published set truly
        else:
            found = load(lexical, fingerprint)
        if found is None:
            found, kept = self._build_anew(generation)
        else:
            kept = True
            if not known:
                self._keep(generation, fingerprint, lambda: None)
        self.current, self.generation, self.kept = found, generation, kept
        return found

    def _build_anew(self, generation: str) -> tuple[ReadCache, bool]:
        """`_build`, and again when another process's write broke the read: chromadb's
        local mode fails a read of vectors that meets another process's write ("Error
        finding id": the records are on disk, their vectors not yet in this process's
        index). The retry waits for that write group to end and follows it first."""
        attempt = 1
        while True:
            try:
                return self._build(generation)
            except StoreError as e:
                if attempt == BUILD_ATTEMPTS:
                    raise
                attempt += 1
                log.info("a write of another process broke reading the store (%s); again", e)
                self._source.wait_for_writers()
                generation = self._source.refresh()

    def _build(self, generation: str) -> tuple[ReadCache, bool]:
        """Read the published articles and chunks into a new cache and commit it to disk
        if no write changed the store meanwhile. The cache, and whether it was."""
        source = self._source
        articles = source.published_articles()
        published = {a.id: a.content_hash for a in articles}
        fingerprint = fingerprint_of(published)
        lexical = source.cache_folder
        cache, staged = stage(lexical, fingerprint, articles, source.published_chunks(published))
        kept = self._keep(generation, fingerprint, lambda: commit(staged, lexical, fingerprint))
        if not kept:
            discard(staged)
        return cache, kept

    def _keep(self, generation: str, fingerprint: str, keep: Callable[[], None]) -> bool:
        """If the store still holds what was read since `generation` (no write changed
        it, none is in flight), run `keep`, record `fingerprint` for `generation` and
        return True: the cache read meanwhile is true to its name."""
        source = self._source

        def unchanged() -> bool:
            if generation:
                return source.generation() == generation
            return source.fingerprint() == fingerprint  # a store without a generation

        with source.writers_idle() as idle:
            quiet = idle and unchanged()
            if quiet:
                keep()
                remember_fingerprint(source.cache_folder, generation, fingerprint)
        return quiet
