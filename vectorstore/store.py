"""The article store: Chroma collections, written so a crash never half-publishes.

* `<prefix>_chunks`: one record per chunk (text, embedding, article id, offsets and the
  article *version*, i.e. its content hash).
* `<prefix>_articles`: one record per published article (full text, title, hash, chunk
  count, when ingested); its embedding is the mean of its chunks' embeddings.
* The store's *generation*, changed before and after every publish and removal, so a
  reader notices another process's writes with one read instead of listing every
  article: in the file `<store_dir>/generation` for a local store, in the one record of
  `<prefix>_meta` for a remote one.

Publishing an article is three steps, in this order: write its chunks under the new
version; upsert its article record (the *marker*: from now on readers use the new
version); delete chunks of other versions. A reader only trusts chunks whose version
matches the published record, so a process killed at any point leaves either the old
article or the new one visible, never a mix; `repair()` deletes the leftovers.

Several processes may share one local store (the web app, an `articleqa ingest` beside
it), though chromadb's local mode is not process-safe. Two rules make it so here:

* Writers take turns: every write (a publish group, a removal, a repair) holds an OS file
  lock on `<store_dir>/write.lock` (released by the kernel if the process dies), so a
  repair never mistakes another process's half-written article for crash leftovers.
* A process whose view is stale reopens it: chromadb's local vector index follows only
  its own process's writes, so when the generation changes under a process that did not
  write it, that process drops its Chroma client and opens a fresh one (before writing,
  and when reading: at each question's start, `recheck`, and otherwise within
  `readcache.RECHECK_S`); writing over a stale view could overwrite the other
  process's vectors on disk.

The lock, the per-process view and the generation record live in `sharing.py`. A
remote store has one owner, the Chroma server; there, a repair leaves alone leftovers
younger than `REMOTE_REPAIR_GRACE_S` (they may be another replica's write in flight).

Questions read through the *read cache* (`readcache.py`): the keyword index and a
memory-mapped snapshot of the published chunks and articles, rebuilt from Chroma when
the published set changes. A process that finds it on disk answers without importing
chromadb (a second of a one-shot `articleqa ask`).

The store is local (`chromadb.PersistentClient` under `store_dir`) or remote
(`chromadb.HttpClient` at `chroma_url`); telemetry is off and Chroma's own default
embedding function (which downloads a model) is never used.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urlparse

import numpy as np

from .articles import Article
from .chunking import Chunk
from .errors import StoreError
from .lexical import LexicalIndex
from .readcache import CacheKeeper, ReadCache, fingerprint_of, settled_versions
from .records import (
    VERSION_CHARS,
    ArticleRecord,
    ChunkRecord,
    Metadata,
    StoredChunk,
    chunk_id,
    chunk_owner,
    chunks_of,
    from_metadata,
    to_metadata,
)
from .sentence_vectors import encode_units
from .settings import StoreSettings
from .sharing import (
    LocalView,
    forget_system,
    read_generation,
    remember_fingerprint,
    view_of,
    wait_for_writers,
    write_generation,
    write_lock,
    writers_idle,
)
from .snapshot import SnapshotChunk

if TYPE_CHECKING:
    import chromadb
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

__all__ = ["ArticleRecord", "ArticleStore", "Publication", "StoredChunk"]

log = logging.getLogger(__name__)
T = TypeVar("T")

WRITE_BATCH = 4000  # records per Chroma write; Chroma refuses batches above ~5,400
EXACT_SEARCH_MAX = 50_000  # chunks; the snapshot's exact scan takes ~6 ms here, HNSW ~5
READ_BATCH = 5000  # records per Chroma read when scanning a whole collection
REMOTE_REPAIR_GRACE_S = 3600.0  # remote: leftovers younger than this may be in flight
_SPACE = {"hnsw": {"space": "cosine"}}
_GENERATION = "generation"  # id of the one record in `<prefix>_meta`


class _memo(Generic[T]):  # lower case: a decorator, like cached_property
    """`functools.cached_property` without its lock. Python 3.11's holds one lock per
    property for all instances while it computes, and computing these calls Chroma,
    which waits for this process's write group (`LocalView.mutex`): a question opening
    `articles` while an upload's write group needed it deadlocked both. Two threads may
    now compute one value at once; getting a collection twice is harmless."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value = self.compute(obj)
        obj.__dict__[self.name] = value  # found there first from now on
        return value


@dataclass(frozen=True)
class Publication:
    """One article to publish: its chunks, their vectors and (optionally) each chunk's
    sentence vectors, one row per sentence of that chunk."""

    article: Article
    chunks: Sequence[Chunk]
    vectors: np.ndarray
    sentence_vectors: Sequence[np.ndarray] | None = None

    @property
    def version(self) -> str:
        return self.article.content_hash

    def chunk_metadata(self) -> list[Metadata]:
        """The Chroma metadata of each chunk's record, in order."""
        written = int(time.time())  # lets a remote store's repair skip writes in flight
        packed = [""] * len(self.chunks)
        if self.sentence_vectors is not None:
            for i, (c, rows) in enumerate(zip(self.chunks, self.sentence_vectors, strict=True)):
                if c.sentences and len(rows) == len(c.sentences):
                    packed[i] = encode_units(c.sentences, rows)
        return [
            to_metadata(
                ChunkRecord(
                    id=chunk_id(self.article.id, self.version, c.index),
                    article_id=self.article.id,
                    title=self.article.title,
                    version=self.version,
                    index=c.index,
                    start=c.start,
                    end=c.end,
                    written=written,
                    sentences=sentences,
                )
            )
            for c, sentences in zip(self.chunks, packed, strict=True)
        ]

    def mean_vector(self) -> np.ndarray:
        """The article record's embedding: the unit-length mean of its chunks' vectors."""
        vectors = np.asarray(self.vectors, dtype=np.float32)
        mean = vectors.mean(axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    def article_metadata(self, ingested_at: str) -> Metadata:
        """The Chroma metadata of the article's record."""
        record = ArticleRecord(
            id=self.article.id,
            title=self.article.title,
            content_hash=self.version,
            chunk_count=len(self.chunks),
            ingested_at=ingested_at,
            path=self.article.path,
        )
        return to_metadata(record)


class ArticleStore:
    """Read and write articles and chunks; see the module docstring for the protocol.

    >>> store = ArticleStore(StoreSettings(store_dir=tmp_path))   # doctest: +SKIP
    >>> store.publish(article, chunks, vectors)                     # doctest: +SKIP
    """

    def __init__(self, settings: StoreSettings, embeddings: Embeddings | None = None) -> None:
        self.settings = settings
        self._embeddings = embeddings
        self._embeddings_lock = threading.Lock()
        self._cache = CacheKeeper(self)
        self._epoch = -1  # the `LocalView.epoch` this object's Chroma client belongs to
        self._index_open = False  # whether `open()` loaded Chroma's vector index

    # ---- opening -------------------------------------------------------------------
    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.store_dir)

    def exists(self) -> bool:
        """Whether there is a store to read (a remote store always counts as existing)."""
        return bool(self.settings.chroma_url) or (self.settings.store_dir / "chroma").is_dir()

    @_memo
    def client(self) -> chromadb.ClientAPI:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if self.settings.chroma_url:
                url = urlparse(self.settings.chroma_url)
                if not url.hostname:
                    raise StoreError(
                        f"ARTICLEQA_CHROMA_URL={self.settings.chroma_url!r} is not a URL; "
                        "use http://host:port"
                    )
                return chromadb.HttpClient(
                    host=url.hostname,
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
            path = self.settings.store_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            view = self._view()
            assert view is not None
            # chromadb's cache of Systems is not thread-safe: a client opened beside
            # another got a System not yet started ("no attribute 'bindings'"), and one
            # opened beside a reopen lost its System (KeyError). So clients open one at a
            # time, and a reopen waits for an opening as for any Chroma call in flight.
            with view.using(), view.opening:
                self._epoch = view.epoch
                generation = self.generation()  # read first: the view holds at least this
                client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
                if view.generation is None:  # this process's first view of the store
                    view.generation = generation
            return client
        except StoreError:
            raise
        except Exception as e:  # chromadb raises bare Exception/ValueError on connect
            raise StoreError(
                f"Cannot open the Chroma store at {self.location}: {e}. "
                + (
                    "Check that the Chroma server is running (`chroma run --path DIR`)."
                    if self.settings.chroma_url
                    else "Check the folder's permissions or set ARTICLEQA_STORE_DIR."
                )
            ) from e

    @_memo
    def chunks(self) -> Collection:
        return self._collection(f"{self.settings.collection}_chunks")

    @_memo
    def meta(self) -> Collection:
        """A remote store's one record: its write *generation*."""
        return self._collection(f"{self.settings.collection}_meta")

    def generation(self) -> str:
        """A token that changes whenever articles are published or removed ("" for a
        store no write has given one yet). A local store keeps it in a file, so reading
        it needs no Chroma; a remote one in the `<prefix>_meta` collection."""
        if self.settings.chroma_url:
            return self._call(_generation_of, self.meta)
        return read_generation(self.settings.store_dir)

    def _bump_generation(self) -> None:
        value = uuid.uuid4().hex
        view = self._view()
        if view is None:
            self._call(
                self.meta.upsert,
                ids=[_GENERATION],
                embeddings=[[1.0]],
                metadatas=[{"value": value}],
            )
            return
        with view.lock:  # a reader never sees the new file with the old view: it would
            try:  # take this process's own write for another's and reopen Chroma mid-write
                write_generation(self.settings.store_dir, value)
            except OSError as e:
                raise StoreError(
                    f"Cannot record a write to the store at {self.location} ({e}). "
                    "Check the folder's permissions and free space, then ingest again."
                ) from e
            view.generation = value  # this process's own write: its view already holds it

    # ---- sharing the store with other processes --------------------------------------
    def _view(self) -> LocalView | None:
        """This process's view of a local store (None for a remote one)."""
        return None if self.settings.chroma_url else view_of(self.settings.store_dir / "chroma")

    def refresh(self) -> str:
        """The store's generation, after reopening Chroma if another process wrote since
        this process last looked (its local vector index would not show those writes)."""
        view = self._view()
        if view is None:
            return self.generation()
        if not self.generation() and self.exists():
            self._first_generation()
        with view.lock:  # read with the view: a write of this process updates both at once
            generation = self.generation()
            if view.generation is not None and view.generation != generation:
                log.info("another process wrote to %s; reopening the store", self.location)
                view.wait_idle()  # no thread of this process may go on with the old one
                forget_system(self.settings.store_dir / "chroma")
                view.epoch += 1
                view.generation = generation
            if "client" in self.__dict__ and self._epoch != view.epoch:
                for name in ("client", "chunks", "articles", "meta"):
                    self.__dict__.pop(name, None)
                self._cache.invalidate()
        return generation

    def _first_generation(self) -> None:
        """Give a local store written before generation files existed its first one (if
        it cannot be written, every check lists the articles instead)."""
        with writers_idle(self.settings.store_dir) as idle:
            if idle and not self.generation():
                try:
                    write_generation(self.settings.store_dir, uuid.uuid4().hex)
                except OSError as e:
                    log.debug("cannot give %s a generation: %s", self.location, e)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the store's write lock (local stores) on an up-to-date view; the read
        cache is checked again on its next use (a check made meanwhile may have seen the
        write half done)."""
        self._cache.invalidate()
        try:
            if self.settings.chroma_url:
                yield
                return
            view = self._view()
            assert view is not None
            with write_lock(self.settings.store_dir, self.location), view.mutex:
                self.refresh()  # write on top of what other processes wrote, never over it
                yield
        finally:
            self._cache.invalidate()

    @_memo
    def articles(self) -> Collection:
        return self._collection(f"{self.settings.collection}_articles")

    @property
    def embeddings(self) -> Embeddings:
        with self._embeddings_lock:  # a warm-up thread may be loading it already
            if self._embeddings is None:
                from .embeddings import get_embeddings

                self._embeddings = get_embeddings(self.settings)
            return self._embeddings

    # ---- reading -------------------------------------------------------------------
    def list_articles(self) -> list[ArticleRecord]:
        """Every published article, sorted by id."""
        records = [
            from_metadata(ArticleRecord, i, m)
            for i, m, _ in self._scan("articles", include=["metadatas"])
        ]
        return sorted(records, key=lambda r: r.id)

    def get_articles(self, ids: Sequence[str]) -> dict[str, Article]:
        """Published articles by id (missing ids are left out): from the read snapshot,
        and from Chroma for any it does not hold (published since it was built)."""
        if not ids:
            return {}
        wanted = list(dict.fromkeys(ids))
        cache = self._fresh_cache()
        out = cache.snapshot.articles(wanted) if cache is not None else {}
        missing = [i for i in wanted if i not in out]
        if missing:
            out.update(self._chroma_articles(missing))
        return out

    def _chroma_articles(self, ids: Sequence[str]) -> dict[str, Article]:
        got = self._call(self.articles.get, ids=list(ids), include=["documents", "metadatas"])
        return {
            i: _article(i, meta, doc)
            for i, doc, meta in zip(
                got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True
            )
        }

    def versions(self) -> dict[str, str]:
        """`{article_id: published content hash}`."""
        return {r.id: r.content_hash for r in self.list_articles()}

    def settled_versions(self) -> dict[str, str] | None:
        """`versions()` without opening Chroma, when the read cache on disk is certain to
        hold them and no write was left unfinished (`readcache.settled_versions`); None
        otherwise, and always for a remote store."""
        if self.settings.chroma_url or not self.exists():
            return None
        return settled_versions(self.settings.store_dir, self.cache_folder)

    def fingerprint(self) -> str:
        """Changes whenever the published set of articles changes."""
        return fingerprint_of(self.versions())

    def recheck(self) -> None:
        """Look for other processes' writes on the next read, however recently this
        process last looked. `Engine.prepare` calls it as each question starts, so a
        long-running process (the web app, `articleqa chat`) sees an `articleqa ingest`
        that ended just before the question; within the question the read cache is
        trusted for `readcache.RECHECK_S`. It costs one read of the store generation per
        question (a small file; one Chroma read for a remote store)."""
        self._cache.invalidate()

    def keyword_index(self) -> LexicalIndex:
        """BM25 over the published chunks (see `read_cache`)."""
        return self.read_cache().index

    def read_cache(self) -> ReadCache:
        """The keyword index and snapshot of the published chunks: from memory, from
        disk, or built anew from Chroma (`readcache.CacheKeeper`). A process that finds
        it on disk answers without opening Chroma at all."""
        return self._cache.get()

    def _fresh_cache(self) -> ReadCache | None:
        """`read_cache()`, or None when there is no store to read yet."""
        return self.read_cache() if self.exists() else None

    @property
    def cache_folder(self) -> Path:
        """Where the read caches of this store live (one folder per published set)."""
        return self.settings.store_dir / "lexical"

    def published_articles(self) -> list[Article]:
        """Every published article, with its text (a scan of the whole collection)."""
        return [
            _article(i, m, d)
            for i, m, d in self._scan("articles", include=["metadatas", "documents"])
        ]

    @contextmanager
    def writers_idle(self) -> Iterator[bool]:
        """`sharing.writers_idle` for a local store; a remote one has no lock to hold,
        so there the generation alone tells whether anything was written."""
        if self.settings.chroma_url:
            yield True
            return
        with writers_idle(self.settings.store_dir) as idle:
            yield idle

    def wait_for_writers(self) -> None:
        """`sharing.wait_for_writers` for a local store; a remote store's server serves
        reads beside writes, so there is nothing to wait for."""
        if not self.settings.chroma_url:
            wait_for_writers(self.settings.store_dir)

    def published_chunks(
        self, published: dict[str, str]
    ) -> Iterator[tuple[list[SnapshotChunk], np.ndarray]]:
        """Batches of the chunks of `published` article versions with their vectors, as
        `Snapshot.write` takes them."""
        for got in self._pages("chunks", include=["metadatas", "embeddings"]):
            chunks, rows = [], []
            for i, (id_, m) in enumerate(zip(got["ids"], got["metadatas"] or [], strict=False)):
                c = from_metadata(ChunkRecord, id_, m)
                if published.get(c.article_id) != c.version:
                    continue  # not published (yet, or any more)
                chunks.append(SnapshotChunk(c.article_id, c.index, c.start, c.end, c.sentences))
                rows.append(i)
            yield chunks, np.asarray(got["embeddings"], dtype=np.float32)[rows]

    def chunk_count(self) -> int:
        return int(self._call(self.chunks.count))

    def iter_chunks(self) -> Iterator[StoredChunk]:
        """Every chunk in the store, published or not (callers filter by version)."""
        for id_, meta, doc in self._scan("chunks", include=["metadatas", "documents"]):
            yield _chunk(id_, meta, doc)

    def get_chunks(self, ids: Sequence[str]) -> list[StoredChunk]:
        """Chunks by id, in that order: from the read snapshot, and from Chroma for any
        it does not hold (written since it was built)."""
        if not ids:
            return []
        cache = self._fresh_cache()
        by_id = {c.id: c for c in cache.snapshot.get(ids)} if cache is not None else {}
        missing = [i for i in ids if i not in by_id]
        if missing:
            by_id.update((c.id, c) for c in self._chroma_chunks(missing))
        return [by_id[i] for i in ids if i in by_id]

    def _chroma_chunks(self, ids: Sequence[str]) -> list[StoredChunk]:
        got = self._call(self.chunks.get, ids=list(ids), include=["metadatas", "documents"])
        return [
            _chunk(i, m, d)
            for i, m, d in zip(
                got["ids"], got["metadatas"] or [], got["documents"] or [], strict=True
            )
        ]

    def vector_search(self, vector: Sequence[float], k: int) -> list[StoredChunk]:
        """The `k` chunks nearest to `vector`, best first, `score` = cosine similarity.

        The read snapshot's exact scan answers unless this process has loaded Chroma's
        HNSW index (`open()`: the web app and `articleqa chat` do) and the store holds
        more than `EXACT_SEARCH_MAX` chunks, where HNSW is the faster; so a one-shot
        `articleqa ask` never imports chromadb.
        """
        cache = self._fresh_cache()
        if cache is not None and (not self._index_open or len(cache.snapshot) <= EXACT_SEARCH_MAX):
            return cache.snapshot.search(vector, k)
        got = self._call(  # Chroma returns fewer than `k` when the store holds fewer
            self.chunks.query,
            query_embeddings=[list(vector)],
            n_results=k,
            include=["distances"],  # the records come from the snapshot: half the time
        )
        ids = got["ids"][0]
        scores = {
            i: 1.0 - float(d) for i, d in zip(ids, (got["distances"] or [[]])[0], strict=True)
        }
        return [replace(c, score=scores[c.id]) for c in self.get_chunks(ids)]

    def open(self) -> None:
        """Open Chroma and load its HNSW index now (a long-running process does), so
        vector search uses it from the next question on when the store is larger than
        `EXACT_SEARCH_MAX`; until then the snapshot's exact scan answers."""
        chunks = self.chunks
        cache = self._fresh_cache()
        if cache is not None and len(cache.snapshot):  # Chroma loads the index on a query
            probe = np.zeros(cache.snapshot.dim, dtype=np.float32)
            probe[0] = 1.0
            self._call(chunks.query, query_embeddings=[probe], n_results=1, include=[])
        self._index_open = True

    def open_if_large(self) -> threading.Thread:
        """`open()` on a thread if the store is large enough for Chroma's HNSW index to
        beat the snapshot's exact scan (`EXACT_SEARCH_MAX`): for a long-running process
        (`articleqa chat` does it while the person types). Questions asked meanwhile
        share the CPU with chromadb's import, so a one-shot process should not."""

        def open_() -> None:
            try:
                if self.exists() and len(self.read_cache().snapshot) > EXACT_SEARCH_MAX:
                    self.open()
            except StoreError as e:  # the next real call reports it, with its message
                log.debug("opening Chroma in the background failed: %s", e)

        thread = threading.Thread(target=open_, name="articleqa-open-store", daemon=True)
        thread.start()
        return thread

    # ---- writing -------------------------------------------------------------------
    def publish(
        self,
        article: Article,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        sentence_vectors: Sequence[np.ndarray] | None = None,
    ) -> None:
        """Write `article` with its chunks and their vectors; see the protocol above.

        `sentence_vectors[i]` (optional) holds one row per sentence of `chunks[i]`; it is
        stored in the chunk's record (`vectorstore.sentence_vectors`).
        """
        self.publish_many([Publication(article, chunks, vectors, sentence_vectors)])

    def publish_many(self, items: Sequence[Publication]) -> None:
        """`publish` for many articles in a few large writes (each Chroma write has a
        fixed cost of tens of milliseconds, which dominated ingesting small articles).

        The protocol holds per article: every chunk is written before any article record
        flips, and old versions are deleted only after.
        """
        if not items:
            return
        with self._writing():
            self._publish_many(items)

    def _publish_many(self, items: Sequence[Publication]) -> None:
        ids: list[str] = []
        docs: list[str] = []
        metas: list[dict[str, Any]] = []
        rows: list[np.ndarray] = []
        for item in items:
            ids.extend(chunk_id(item.article.id, item.version, c.index) for c in item.chunks)
            docs.extend(c.text for c in item.chunks)
            metas.extend(item.chunk_metadata())
            rows.append(np.asarray(item.vectors, dtype=np.float32))
        vectors = np.vstack(rows) if ids else np.zeros((0, 0), dtype=np.float32)
        for a in range(0, len(ids), WRITE_BATCH):
            b = a + WRITE_BATCH
            self._call(
                self.chunks.upsert,
                ids=ids[a:b],
                embeddings=vectors[a:b],
                documents=docs[a:b],
                metadatas=metas[a:b],
            )
        article_ids = [item.article.id for item in items]
        previous = self._call(self.articles.get, ids=article_ids, include=[])["ids"]
        self._bump_generation()  # before and after the markers flip: readers recheck
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for a in range(0, len(items), WRITE_BATCH):
            batch = items[a : a + WRITE_BATCH]
            self._call(
                self.articles.upsert,
                ids=[item.article.id for item in batch],
                embeddings=np.vstack([item.mean_vector() for item in batch]),
                documents=[item.article.text for item in batch],
                metadatas=[item.article_metadata(now) for item in batch],
            )
        for item in items:
            if item.article.id in previous:  # a new article has no old version to delete
                self._call(
                    self.chunks.delete,
                    where=chunks_of(item.article.id, other_than=item.version),
                )
        self._bump_generation()

    def remove(self, article_id: str) -> None:
        """Unpublish an article first, then delete its chunks."""
        with self._writing():
            self._call(self.articles.delete, ids=[article_id])
            self._call(self.chunks.delete, where=chunks_of(article_id))
            self._bump_generation()

    def repair(self) -> list[str]:
        """Delete chunks no published article owns (left by an interrupted ingest).

        Returns one line per article repaired, for the ingest report.
        """
        with self._writing():
            return self._repair()

    def _repair(self) -> list[str]:
        # A new generation per ingest: a writer killed between its two bumps may have
        # flipped markers that no generation change announced.
        self._bump_generation()
        published = self.versions()
        if not self.settings.chroma_url:  # what the new generation publishes (a repair
            # removes chunks only): an unchanged re-ingest next time needs no Chroma
            remember_fingerprint(self.cache_folder, self.generation(), fingerprint_of(published))
        # locally the write lock shuts out writes in flight; remotely, only their age does
        young = time.time() - REMOTE_REPAIR_GRACE_S if self.settings.chroma_url else None
        # The ids alone say whose chunk each is (`chunk_id`): reading every chunk's
        # metadata, sentence vectors included, took most of a re-ingest at 100k chunks.
        stale: dict[str, list[str]] = {}
        for chunk_id_, _, _ in self._scan("chunks", include=[]):
            owner = chunk_owner(chunk_id_)
            if owner is None:
                continue  # not a chunk id of ours: leave it alone
            article_id, version, _ = owner
            if published.get(article_id, "")[:VERSION_CHARS] != version:
                stale.setdefault(article_id, []).append(chunk_id_)
        if young is not None and stale:
            stale = self._not_in_flight(stale, young)
        for ids in stale.values():
            for a in range(0, len(ids), WRITE_BATCH):
                self._call(self.chunks.delete, ids=ids[a : a + WRITE_BATCH])
        return [
            f"{article_id}: removed {len(ids)} chunk(s) left by an interrupted ingest"
            for article_id, ids in sorted(stale.items())
        ]

    def _not_in_flight(self, stale: dict[str, list[str]], young: float) -> dict[str, list[str]]:
        """`stale` without the chunks written after `young` (time.time())."""
        kept: dict[str, list[str]] = {}
        for article_id, ids in stale.items():
            for a in range(0, len(ids), READ_BATCH):
                got = self._call(
                    self.chunks.get, ids=ids[a : a + READ_BATCH], include=["metadatas"]
                )
                for i, m in zip(got["ids"], got.get("metadatas") or [], strict=True):
                    if from_metadata(ChunkRecord, i, m).written <= young:
                        kept.setdefault(article_id, []).append(i)
        return kept

    # ---- helpers -------------------------------------------------------------------
    def _collection(self, name: str, client: chromadb.ClientAPI | None = None) -> Collection:
        return self._call(
            (client or self.client).get_or_create_collection,
            name=name,
            configuration=_SPACE,
            embedding_function=None,
        )

    def _pages(self, which: str, include: list[str]) -> Iterator[dict[str, Any]]:
        """A whole collection (`"chunks"` or `"articles"`), `READ_BATCH` records at a time,
        as Chroma's `get` gives; each page through the current client (a reopen between
        pages must not leave this scan on the old one)."""
        offset = 0
        while True:
            collection = getattr(self, which)
            got = self._call(collection.get, include=include, limit=READ_BATCH, offset=offset)
            if not got["ids"]:
                return
            yield got
            offset += len(got["ids"])

    def _scan(self, which: str, include: list[str]) -> Iterator[tuple[str, Any, Any]]:
        """(id, metadata, document) of every record (the document None unless included)."""
        for got in self._pages(which, include):
            ids = got["ids"]
            metas = got.get("metadatas") or [{}] * len(ids)
            docs = got.get("documents") if "documents" in include else None
            yield from zip(ids, (m or {} for m in metas), docs or [None] * len(ids), strict=True)

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        view = self._view()
        try:
            if view is None:
                return fn(*args, **kwargs)
            with view.mutex, view.using():
                return fn(*args, **kwargs)
        except StoreError:
            raise
        except Exception as e:  # chromadb's errors share no base class worth naming
            raise StoreError(
                f"The Chroma store at {self.location} failed ({type(e).__name__}: {e}). "
                "If it persists, re-create it: delete the folder and run `articleqa ingest` again."
            ) from e


def _generation_of(meta: Collection) -> str:
    got = meta.get(ids=[_GENERATION], include=["metadatas"])
    metas = got.get("metadatas") or []
    return str((metas[0] or {}).get("value", "")) if metas else ""


def _article(article_id: str, m: Any, doc: Any) -> Article:
    record = from_metadata(ArticleRecord, article_id, m)
    return Article(article_id, record.title, doc or "", record.content_hash, record.path)


def _chunk(chunk_id_: str, m: Any, doc: Any) -> StoredChunk:
    return from_metadata(ChunkRecord, chunk_id_, m).stored(doc or "")
