"""The article store: three Chroma collections, written so a crash never half-publishes.

* `<prefix>_chunks`: one record per chunk (text, embedding, article id, offsets and the
  article *version*, i.e. its content hash).
* `<prefix>_articles`: one record per published article (full text, title, hash, chunk
  count, when ingested); its embedding is the mean of its chunks' embeddings.
* `<prefix>_meta`: one record, the store's *generation*, changed before and after every
  publish and removal, so a reader notices another process's writes with one read
  instead of listing every article.

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
  and within `KEYWORD_RECHECK_S` when reading); writing over a stale view could
  overwrite the other process's vectors on disk.

The lock, the per-process view and the generation record live in `sharing.py`. A
remote store has one owner, the Chroma server; there, a repair leaves alone leftovers
younger than `REMOTE_REPAIR_GRACE_S` (they may be another replica's write in flight).

The store is local (`chromadb.PersistentClient` under `store_dir`) or remote
(`chromadb.HttpClient` at `chroma_url`); telemetry is off and Chroma's own default
embedding function (which downloads a model) is never used.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import numpy as np

from .articles import Article
from .chunking import Chunk
from .errors import StoreError
from .lexical import LexicalIndex, saving
from .sentence_vectors import decode_units, encode_units
from .settings import StoreSettings
from .sharing import (
    LocalView,
    fingerprint_at,
    forget_system,
    remember_fingerprint,
    view_of,
    write_lock,
)

if TYPE_CHECKING:
    import chromadb
    from chromadb.api.models.Collection import Collection
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

__all__ = ["ArticleRecord", "ArticleStore", "Publication", "StoredChunk"]

log = logging.getLogger(__name__)

WRITE_BATCH = 4000  # records per Chroma write; Chroma refuses batches above ~5,400
KEYWORD_RECHECK_S = 2.0  # seconds an in-memory keyword index is trusted unchecked
READ_BATCH = 5000  # records per Chroma read when scanning a whole collection
VERSION_CHARS = 16  # of the content hash, in chunk ids
REMOTE_REPAIR_GRACE_S = 3600.0  # remote: leftovers younger than this may be in flight
_SPACE = {"hnsw": {"space": "cosine"}}
_GENERATION = "generation"  # id of the one record in `<prefix>_meta`


@dataclass(frozen=True)
class ArticleRecord:
    """What the store knows about a published article (without its text)."""

    id: str
    title: str
    content_hash: str
    chunk_count: int
    ingested_at: str
    path: str = ""


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from the store, with the score of the search that found it."""

    id: str
    article_id: str
    title: str
    version: str
    start: int
    end: int
    text: str
    score: float = 0.0
    packed_sentences: str = ""  # see `sentence_units`

    def sentence_units(self) -> tuple[list[tuple[int, int]], np.ndarray]:
        """The chunk's sentences (article offsets) and their stored unit vectors; empty
        lists for a chunk written without them (a store from an older version)."""
        return decode_units(self.packed_sentences)


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

    def chunk_metadata(self) -> list[dict[str, Any]]:
        written = int(time.time())  # lets a remote store's repair skip writes in flight
        metas: list[dict[str, Any]] = [
            {
                "article_id": self.article.id,
                "title": self.article.title,
                "version": self.version,
                "index": c.index,
                "start": c.start,
                "end": c.end,
                "written": written,
            }
            for c in self.chunks
        ]
        if self.sentence_vectors is not None:
            for meta, c, rows in zip(metas, self.chunks, self.sentence_vectors, strict=True):
                if c.sentences and len(rows) == len(c.sentences):
                    meta["sentences"] = encode_units(c.sentences, rows)
        return metas

    def mean_vector(self) -> np.ndarray:
        """The article record's embedding: the unit-length mean of its chunks' vectors."""
        vectors = np.asarray(self.vectors, dtype=np.float32)
        mean = vectors.mean(axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    def article_metadata(self, ingested_at: str) -> dict[str, Any]:
        return {
            "title": self.article.title,
            "content_hash": self.version,
            "chunk_count": len(self.chunks),
            "path": self.article.path,
            "ingested_at": ingested_at,
        }


class ArticleStore:
    """Read and write articles and chunks; see the module docstring for the protocol.

    >>> store = ArticleStore(StoreSettings(store_dir=tmp_path))   # doctest: +SKIP
    >>> store.publish(article, chunks, vectors)                     # doctest: +SKIP
    """

    def __init__(self, settings: StoreSettings, embeddings: Embeddings | None = None) -> None:
        self.settings = settings
        self._embeddings = embeddings
        self._embeddings_lock = threading.Lock()
        self._keyword = _KeywordCache()
        self._epoch = -1  # the `LocalView.epoch` this object's Chroma client belongs to

    # ---- opening -------------------------------------------------------------------
    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.store_dir)

    def exists(self) -> bool:
        """Whether there is a store to read (a remote store always counts as existing)."""
        return bool(self.settings.chroma_url) or (self.settings.store_dir / "chroma").is_dir()

    @cached_property
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
            self._epoch = view.epoch
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            if view.generation is None:  # what this process's first view of the store holds
                meta = self._collection(f"{self.settings.collection}_meta", client)
                view.generation = _generation_of(meta)
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

    @cached_property
    def chunks(self) -> Collection:
        return self._collection(f"{self.settings.collection}_chunks")

    @cached_property
    def meta(self) -> Collection:
        """One record: the store's write *generation*, changed by every write."""
        return self._collection(f"{self.settings.collection}_meta")

    def generation(self) -> str:
        """A token that changes whenever articles are published or removed ("" for a
        store written before generations existed)."""
        return self._call(_generation_of, self.meta)

    def _bump_generation(self) -> None:
        value = uuid.uuid4().hex
        self._call(
            self.meta.upsert,
            ids=[_GENERATION],
            embeddings=[[1.0]],
            metadatas=[{"value": value}],
        )
        view = self._view()
        if view is not None:  # this process's own write: its view already holds it
            view.generation = value

    # ---- sharing the store with other processes --------------------------------------
    def _view(self) -> LocalView | None:
        """This process's view of a local store (None for a remote one)."""
        return None if self.settings.chroma_url else view_of(self.settings.store_dir / "chroma")

    def refresh(self) -> str:
        """The store's generation, after reopening Chroma if another process wrote since
        this process last looked (its local vector index would not show those writes)."""
        generation = self.generation()
        view = self._view()
        if view is None:
            return generation
        with view.lock:  # opening the client recorded the view's first generation
            if view.generation != generation:
                log.info("another process wrote to %s; reopening the store", self.location)
                forget_system(self.client)
                view.epoch += 1
                view.generation = generation
            if self._epoch != view.epoch:
                for name in ("client", "chunks", "articles", "meta", "langchain"):
                    self.__dict__.pop(name, None)
                self._keyword.checked = float("-inf")
        return generation

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the store's write lock (local stores) on an up-to-date view."""
        self._keyword.checked = float("-inf")
        if self.settings.chroma_url:
            yield
            return
        with write_lock(self.settings.store_dir, self.location):
            self.refresh()  # write on top of what other processes wrote, never over it
            yield

    @cached_property
    def articles(self) -> Collection:
        return self._collection(f"{self.settings.collection}_articles")

    @property
    def embeddings(self) -> Embeddings:
        with self._embeddings_lock:  # a warm-up thread may be loading it already
            if self._embeddings is None:
                from .embeddings import get_embeddings

                self._embeddings = get_embeddings(self.settings)
            return self._embeddings

    @cached_property
    def langchain(self) -> Chroma:
        """The chunk collection as a LangChain `Chroma` vector store (same data)."""
        from langchain_chroma import Chroma

        return Chroma(
            client=self.client,
            collection_name=self.chunks.name,
            embedding_function=self.embeddings,
            collection_configuration=_SPACE,  # type: ignore[arg-type]
        )

    # ---- reading -------------------------------------------------------------------
    def list_articles(self) -> list[ArticleRecord]:
        """Every published article, sorted by id."""
        records = [_record(i, m) for i, m, _ in self._scan(self.articles, include=["metadatas"])]
        return sorted(records, key=lambda r: r.id)

    def get_articles(self, ids: Sequence[str]) -> dict[str, Article]:
        """Published articles by id (missing ids are left out)."""
        if not ids:
            return {}
        got = self._call(
            self.articles.get, ids=list(dict.fromkeys(ids)), include=["documents", "metadatas"]
        )
        out = {}
        for i, doc, meta in zip(
            got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True
        ):
            m = meta or {}
            out[i] = Article(
                i,
                str(m.get("title", i)),
                doc or "",
                str(m.get("content_hash", "")),
                str(m.get("path", "")),
            )
        return out

    def versions(self) -> dict[str, str]:
        """`{article_id: published content hash}`."""
        return {r.id: r.content_hash for r in self.list_articles()}

    def fingerprint(self) -> str:
        """Changes whenever the published set of articles changes."""
        h = hashlib.sha256()
        for article_id, version in sorted(self.versions().items()):
            h.update(f"{article_id}\0{version}\n".encode())
        return h.hexdigest()[:16]

    def keyword_index(self) -> LexicalIndex:
        """BM25 over the published chunks: from memory, the disk cache, or built anew.

        One question asks for it several times; within `KEYWORD_RECHECK_S` of the last
        check the in-memory index is trusted without listing every article again (this
        process's own writes invalidate it at once; other processes' within that time).
        """
        with self._keyword.lock:  # one thread rebuilds; the others wait and share it
            return self._keyword_index()

    def _keyword_index(self) -> LexicalIndex:
        now = time.monotonic()
        if self._keyword.index is not None and now - self._keyword.checked < KEYWORD_RECHECK_S:
            return self._keyword.index
        # Listing every article takes seconds at 100k chunks; the generation is one read.
        generation = self.refresh()
        self._keyword.checked = now
        if self._keyword.index is not None and generation == self._keyword.generation != "":
            return self._keyword.index
        lexical = self.settings.store_dir / "lexical"
        fingerprint = fingerprint_at(lexical, generation)
        if fingerprint is None:
            fingerprint = self.fingerprint()
            remember_fingerprint(lexical, generation, fingerprint)
        self._keyword.generation = generation
        if self._keyword.index is not None and self._keyword.fingerprint == fingerprint:
            return self._keyword.index
        folder = lexical / fingerprint
        index = LexicalIndex.load(folder)
        if index is None:
            published = self.versions()
            ids, texts = [], []
            for c in self.iter_chunks():
                if published.get(c.article_id) == c.version:
                    ids.append(c.id)
                    texts.append(c.text)
            index = LexicalIndex.build(ids, texts)
            try:
                folder.parent.mkdir(parents=True, exist_ok=True)
                index.save(folder)
                for old in folder.parent.iterdir():
                    if old.is_dir() and old.name != fingerprint and not saving(old):
                        shutil.rmtree(old, ignore_errors=True)
            except OSError as e:  # a read-only store still answers, just slower to start
                log.warning("cannot cache the keyword index in %s: %s", folder, e)
        self._keyword.index, self._keyword.fingerprint = index, fingerprint
        return index

    def chunk_count(self) -> int:
        return int(self._call(self.chunks.count))

    def iter_chunks(self) -> Iterator[StoredChunk]:
        """Every chunk in the store, published or not (callers filter by version)."""
        for chunk_id, meta, doc in self._scan(self.chunks, include=["metadatas", "documents"]):
            yield _chunk(chunk_id, meta, doc)

    def get_chunks(self, ids: Sequence[str]) -> list[StoredChunk]:
        if not ids:
            return []
        got = self._call(self.chunks.get, ids=list(ids), include=["metadatas", "documents"])
        by_id = {
            i: _chunk(i, m, d)
            for i, m, d in zip(
                got["ids"], got["metadatas"] or [], got["documents"] or [], strict=True
            )
        }
        return [by_id[i] for i in ids if i in by_id]

    def vector_search(self, vector: Sequence[float], k: int) -> list[StoredChunk]:
        """The `k` chunks nearest to `vector`, best first, `score` = cosine similarity."""
        got = self._call(  # Chroma returns fewer than `k` when the store holds fewer
            self.chunks.query,
            query_embeddings=[list(vector)],
            n_results=k,
            include=["metadatas", "documents", "distances"],
        )
        return [
            _chunk(i, m, d, score=1.0 - float(dist))
            for i, m, d, dist in zip(
                got["ids"][0],
                (got["metadatas"] or [[]])[0],
                (got["documents"] or [[]])[0],
                (got["distances"] or [[]])[0],
                strict=True,
            )
        ]

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
                    where={
                        "$and": [
                            {"article_id": item.article.id},
                            {"version": {"$ne": item.version}},
                        ]
                    },
                )
        self._bump_generation()

    def remove(self, article_id: str) -> None:
        """Unpublish an article first, then delete its chunks."""
        with self._writing():
            self._call(self.articles.delete, ids=[article_id])
            self._call(self.chunks.delete, where={"article_id": article_id})
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
        # locally the write lock shuts out writes in flight; remotely, only their age does
        young = time.time() - REMOTE_REPAIR_GRACE_S if self.settings.chroma_url else None
        # The ids alone say whose chunk each is (`chunk_id`): reading every chunk's
        # metadata, sentence vectors included, took most of a re-ingest at 100k chunks.
        stale: dict[str, list[str]] = {}
        for chunk_id_, _, _ in self._scan(self.chunks, include=[]):
            owner = _owner(chunk_id_)
            if owner is None:
                continue  # not a chunk id of ours: leave it alone
            article_id, version = owner
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
                    if float((m or {}).get("written", 0)) <= young:
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

    def _scan(self, collection: Collection, include: list[str]) -> Iterator[tuple[str, Any, Any]]:
        offset = 0
        while True:
            got = self._call(collection.get, include=include, limit=READ_BATCH, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            metas = got.get("metadatas") or [{}] * len(ids)
            docs = got.get("documents") or [None] * len(ids)
            for i, m, d in zip(ids, metas, docs, strict=True):
                if "documents" in include:
                    yield i, m or {}, d
                else:
                    yield i, m or {}, None
            offset += len(ids)

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
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


def chunk_id(article_id: str, version: str, index: int) -> str:
    """Deterministic chunk id, so re-writing after a crash overwrites, never duplicates."""
    return f"{article_id}::{version[:VERSION_CHARS]}::{index}"


def _owner(chunk_id_: str) -> tuple[str, str] | None:
    """(article id, version prefix) of a `chunk_id`, or None if it is not one."""
    parts = chunk_id_.rsplit("::", 2)
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    return parts[0], parts[1]


def _record(article_id: str, m: dict[str, Any]) -> ArticleRecord:
    return ArticleRecord(
        id=article_id,
        title=str(m.get("title", article_id)),
        content_hash=str(m.get("content_hash", "")),
        chunk_count=int(m.get("chunk_count", 0)),
        ingested_at=str(m.get("ingested_at", "")),
        path=str(m.get("path", "")),
    )


def _chunk(chunk_id_: str, m: Any, doc: Any, score: float = 0.0) -> StoredChunk:
    m = m or {}
    return StoredChunk(
        id=chunk_id_,
        article_id=str(m.get("article_id", "")),
        title=str(m.get("title", "")),
        version=str(m.get("version", "")),
        start=int(m.get("start", 0)),
        end=int(m.get("end", 0)),
        text=doc or "",
        score=score,
        packed_sentences=str(m.get("sentences", "")),
    )


class _KeywordCache:
    """The in-process copy of the keyword index and the fingerprint it was built for."""

    def __init__(self) -> None:
        self.fingerprint = ""
        self.index: LexicalIndex | None = None
        self.checked = float("-inf")  # time.monotonic() of the last fingerprint check
        self.lock = threading.Lock()
        self.generation = ""  # the store generation `fingerprint` was last checked at
