"""Reading the store: from the read snapshot when it can, from Chroma when it must.

Questions read through the *read cache* (`readcache.py`): the keyword index and a
memory-mapped snapshot of the published chunks and articles, rebuilt from Chroma when
the published set changes. A process that finds it on disk answers without importing
chromadb (a second of a one-shot `articleqa ask`). Chroma answers the rest:

* records published since the snapshot was built, by id;
* vector search in a long-running process that loaded Chroma's HNSW index (`open()`) on
  a store above `EXACT_SEARCH_MAX` chunks, where HNSW beats the snapshot's exact scan
  (ids and distances only: the records still come from the snapshot);
* the scans a cache is built from and whole-store listings (`published_articles`,
  `published_chunks`, `list_articles`, `iter_chunks`).

A chunk counts only while its version is its article's published one (the protocol in
`vectorstore.publishing`); the snapshot holds only those.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from .articles import Article
from .chroma import ChromaConnection
from .errors import StoreError
from .lexical import LexicalIndex
from .readcache import CacheKeeper, ReadCache, fingerprint_of, settled_versions
from .records import ArticleRecord, ChunkRecord, StoredChunk, chunks_in, from_metadata
from .settings import StoreSettings
from .snapshot import SnapshotChunk

__all__ = ["EXACT_SEARCH_MAX", "StoreReader", "article_records"]

log = logging.getLogger(__name__)

EXACT_SEARCH_MAX = 50_000  # chunks; the snapshot's exact scan takes ~6 ms here, HNSW ~5


class StoreReader:
    """The read side of a store (`ArticleStore` adds writing and the embedding model).

    `connection` is the class of its `ChromaConnection`: a subclass may watch or pause
    the connection's writes (the tests' writers that die or stall mid-publish are such).
    """

    def __init__(
        self, settings: StoreSettings, *, connection: type[ChromaConnection] = ChromaConnection
    ) -> None:
        self.settings = settings
        self._cache = CacheKeeper(self)
        self.chroma = connection(settings, on_change=self._cache.invalidate)
        self._index_open = False  # whether `open()` loaded Chroma's vector index

    # ---- the store and its generation ----------------------------------------------------
    @property
    def location(self) -> str:
        return self.chroma.location

    def exists(self) -> bool:
        """Whether there is a store to read (a remote store always counts as existing)."""
        return self.chroma.exists()

    def generation(self) -> str:
        """`ChromaConnection.generation`: changes whenever articles are published or removed."""
        return self.chroma.generation()

    def refresh(self) -> str:
        """`ChromaConnection.refresh`: the generation, after following other processes'
        writes."""
        return self.chroma.refresh()

    def recheck(self) -> None:
        """Look for other processes' writes on the next read, however recently this
        process last looked. `Engine.prepare` calls it as each question starts, so a
        long-running process (the web app, `articleqa chat`) sees an `articleqa ingest`
        that ended just before the question; within the question the read cache is
        trusted for `readcache.RECHECK_S`. It costs one read of the store generation per
        question (a small file; one Chroma read for a remote store)."""
        self._cache.invalidate()

    def writers_idle(self) -> AbstractContextManager[bool]:
        """`ChromaConnection.writers_idle`: whether no write group is in flight."""
        return self.chroma.writers_idle()

    def wait_for_writers(self) -> None:
        """`ChromaConnection.wait_for_writers`: until no write group is in flight."""
        self.chroma.wait_for_writers()

    # ---- the read cache --------------------------------------------------------------------
    @property
    def cache_folder(self) -> Path:
        """Where the read caches of this store live (one folder per published set)."""
        return self.settings.store_dir / "lexical"

    def read_cache(self) -> ReadCache:
        """The keyword index and snapshot of the published chunks: from memory, from
        disk, or built anew from Chroma (`readcache.CacheKeeper`). A process that finds
        it on disk answers without opening Chroma at all."""
        return self._cache.get()

    def keyword_index(self) -> LexicalIndex:
        """BM25 over the published chunks (see `read_cache`)."""
        return self.read_cache().index

    def _fresh_cache(self) -> ReadCache | None:
        """`read_cache()`, or None when there is no store to read yet."""
        return self.read_cache() if self.exists() else None

    # ---- what questions read ---------------------------------------------------------------
    def vector_search(
        self, vector: Sequence[float], k: int, articles: Collection[str] | None = None
    ) -> list[StoredChunk]:
        """The `k` chunks nearest to `vector`, best first, `score` = cosine similarity;
        only chunks of `articles` (ids) when given, in either path (Chroma's `where`).

        The read snapshot's exact scan answers unless this process has loaded Chroma's
        HNSW index (`open()`: the web app and `articleqa chat` do) and the store holds
        more than `EXACT_SEARCH_MAX` chunks, where HNSW is the faster; so a one-shot
        `articleqa ask` never imports chromadb.
        """
        cache = self._fresh_cache()
        if cache is not None and (not self._index_open or len(cache.snapshot) <= EXACT_SEARCH_MAX):
            return cache.snapshot.search(vector, k, articles)
        got = self.chroma.call(  # Chroma returns fewer than `k` when the store holds fewer
            self.chroma.chunks.query,
            query_embeddings=[list(vector)],
            n_results=k,
            where=chunks_in(articles) if articles is not None else None,
            include=["distances"],  # the records come from the snapshot: half the time
        )
        ids = got["ids"][0]
        scores = {
            i: 1.0 - float(d) for i, d in zip(ids, (got["distances"] or [[]])[0], strict=True)
        }
        return [replace(c, score=scores[c.id]) for c in self.get_chunks(ids)]

    def published_ids(self) -> list[str]:
        """The ids of the published articles, sorted (read from the read cache)."""
        cache = self._fresh_cache()
        return sorted(cache.snapshot.versions()) if cache is not None else []

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

    def open(self) -> None:
        """Open Chroma and load its HNSW index now (a long-running process does), so
        vector search uses it from the next question on when the store is larger than
        `EXACT_SEARCH_MAX`; until then the snapshot's exact scan answers."""
        chunks = self.chroma.chunks
        cache = self._fresh_cache()
        if cache is not None and len(cache.snapshot):  # Chroma loads the index on a query
            probe = np.zeros(cache.snapshot.dim, dtype=np.float32)
            probe[0] = 1.0
            self.chroma.call(chunks.query, query_embeddings=[probe], n_results=1, include=[])
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

    # ---- what the published set is ---------------------------------------------------------
    def list_articles(self) -> list[ArticleRecord]:
        """Every published article, sorted by id."""
        return article_records(self.chroma)

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

    # ---- whole scans of Chroma ---------------------------------------------------------------
    def published_articles(self) -> list[Article]:
        """Every published article, with its text (a scan of the whole collection)."""
        return [
            _article(from_metadata(ArticleRecord, i, m), d)
            for i, m, d in self.chroma.scan("articles", include=["metadatas", "documents"])
        ]

    def published_chunks(
        self, published: dict[str, str]
    ) -> Iterator[tuple[list[SnapshotChunk], np.ndarray]]:
        """Batches of the chunks of `published` article versions with their vectors, as
        `Snapshot.write` takes them."""
        for got in self.chroma.pages("chunks", include=["metadatas", "embeddings"]):
            chunks, rows = [], []
            for i, (id_, m) in enumerate(zip(got["ids"], got["metadatas"] or [], strict=False)):
                c = from_metadata(ChunkRecord, id_, m)
                if published.get(c.article_id) != c.version:
                    continue  # not published (yet, or any more)
                chunks.append(SnapshotChunk(c.article_id, c.index, c.start, c.end, c.sentences))
                rows.append(i)
            yield chunks, np.asarray(got["embeddings"], dtype=np.float32)[rows]

    def chunk_count(self) -> int:
        return int(self.chroma.call(self.chroma.chunks.count))

    def iter_chunks(self) -> Iterator[StoredChunk]:
        """Every chunk in the store, published or not (callers filter by version)."""
        for id_, meta, doc in self.chroma.scan("chunks", include=["metadatas", "documents"]):
            yield from_metadata(ChunkRecord, id_, meta).stored(doc or "")

    def _chroma_chunks(self, ids: Sequence[str]) -> list[StoredChunk]:
        got = self.chroma.call(
            self.chroma.chunks.get, ids=list(ids), include=["metadatas", "documents"]
        )
        return [
            from_metadata(ChunkRecord, i, m).stored(d or "")
            for i, m, d in zip(
                got["ids"], got["metadatas"] or [], got["documents"] or [], strict=True
            )
        ]

    def _chroma_articles(self, ids: Sequence[str]) -> dict[str, Article]:
        got = self.chroma.call(
            self.chroma.articles.get, ids=list(ids), include=["documents", "metadatas"]
        )
        return {
            i: _article(from_metadata(ArticleRecord, i, meta), doc)
            for i, doc, meta in zip(
                got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True
            )
        }


def article_records(chroma: ChromaConnection) -> list[ArticleRecord]:
    """Every published article's record, sorted by id (a scan of the collection)."""
    records = [
        from_metadata(ArticleRecord, i, m)
        for i, m, _ in chroma.scan("articles", include=["metadatas"])
    ]
    return sorted(records, key=lambda r: r.id)


def _article(record: ArticleRecord, text: Any) -> Article:
    return Article(record.id, record.title, text or "", record.content_hash, record.path)
