"""Publishing articles so that a crash never half-publishes, and repairing what one left.

The store keeps two Chroma collections (opened by `vectorstore.chroma`):

* `<prefix>_chunks`: one record per chunk: its text, embedding and `ChunkRecord`
  metadata (article id, offsets, sentence vectors and the article *version*, i.e. its
  content hash);
* `<prefix>_articles`: one record per published article: its full text and
  `ArticleRecord` metadata (title, hash, chunk count, when ingested); its embedding is
  the mean of its chunks' embeddings.

Publishing an article is three steps, in this order: write its chunks under the new
version; upsert its article record (the *marker*: from now on readers use the new
version); delete chunks of other versions. A reader only trusts chunks whose version
matches the published record, so a process killed at any point leaves either the old
article or the new one visible, never a mix; `repair` deletes the leftovers.

Every write (a publish group, a removal, a repair) is one write group
(`ChromaConnection.writing`: other processes' writers wait), and changes the store's
generation, before and after its markers flip, so readers elsewhere recheck. A remote
store has one owner, the Chroma server, and no lock; there a repair leaves alone
leftovers younger than `REMOTE_REPAIR_GRACE_S` (they may be another replica's write in
flight).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .articles import Article
from .chroma import READ_BATCH, ChromaConnection
from .chunking import Chunk
from .readcache import fingerprint_of
from .reads import article_records
from .records import (
    VERSION_CHARS,
    ArticleRecord,
    ChunkRecord,
    Metadata,
    chunk_id,
    chunk_owner,
    chunks_of,
    from_metadata,
    to_metadata,
)
from .sentence_vectors import encode_units
from .sharing import remember_fingerprint

__all__ = [
    "REMOTE_REPAIR_GRACE_S",
    "WRITE_BATCH",
    "Publication",
    "publish_many",
    "remove",
    "repair",
]

WRITE_BATCH = 4000  # records per Chroma write; Chroma refuses batches above ~5,400
REMOTE_REPAIR_GRACE_S = 3600.0  # remote: leftovers younger than this may be in flight


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


def publish_many(chroma: ChromaConnection, items: Sequence[Publication]) -> None:
    """Publish `items` in a few large writes (each Chroma write has a fixed cost of tens
    of milliseconds, which dominated ingesting small articles).

    The protocol holds per article: every chunk is written before any article record
    flips, and old versions are deleted only after.
    """
    if not items:
        return
    with chroma.writing():
        _publish_many(chroma, items)


def remove(chroma: ChromaConnection, article_id: str) -> None:
    """Unpublish an article first, then delete its chunks."""
    with chroma.writing():
        chroma.call(chroma.articles.delete, ids=[article_id])
        chroma.call(chroma.chunks.delete, where=chunks_of(article_id))
        chroma.bump_generation()


def repair(chroma: ChromaConnection, cache_folder: Path) -> list[str]:
    """Delete chunks no published article owns (left by an interrupted ingest).

    Returns one line per article repaired, for the ingest report.
    """
    with chroma.writing():
        return _repair(chroma, cache_folder)


def _publish_many(chroma: ChromaConnection, items: Sequence[Publication]) -> None:
    ids: list[str] = []
    docs: list[str] = []
    metas: list[Metadata] = []
    rows: list[np.ndarray] = []
    for item in items:
        ids.extend(chunk_id(item.article.id, item.version, c.index) for c in item.chunks)
        docs.extend(c.text for c in item.chunks)
        metas.extend(item.chunk_metadata())
        rows.append(np.asarray(item.vectors, dtype=np.float32))
    vectors = np.vstack(rows) if ids else np.zeros((0, 0), dtype=np.float32)
    for a in range(0, len(ids), WRITE_BATCH):
        b = a + WRITE_BATCH
        chroma.call(
            chroma.chunks.upsert,
            ids=ids[a:b],
            embeddings=vectors[a:b],
            documents=docs[a:b],
            metadatas=metas[a:b],
        )
    article_ids = [item.article.id for item in items]
    previous = chroma.call(chroma.articles.get, ids=article_ids, include=[])["ids"]
    chroma.bump_generation()  # before and after the markers flip: readers recheck
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for a in range(0, len(items), WRITE_BATCH):
        batch = items[a : a + WRITE_BATCH]
        chroma.call(
            chroma.articles.upsert,
            ids=[item.article.id for item in batch],
            embeddings=np.vstack([item.mean_vector() for item in batch]),
            documents=[item.article.text for item in batch],
            metadatas=[item.article_metadata(now) for item in batch],
        )
    for item in items:
        if item.article.id in previous:  # a new article has no old version to delete
            chroma.call(
                chroma.chunks.delete, where=chunks_of(item.article.id, other_than=item.version)
            )
    chroma.bump_generation()


def _repair(chroma: ChromaConnection, cache_folder: Path) -> list[str]:
    # A new generation per ingest: a writer killed between its two bumps may have
    # flipped markers that no generation change announced.
    chroma.bump_generation()
    published = {r.id: r.content_hash for r in article_records(chroma)}
    remote = bool(chroma.settings.chroma_url)
    if not remote:  # what the new generation publishes (a repair removes chunks only):
        # an unchanged re-ingest next time needs no Chroma
        remember_fingerprint(cache_folder, chroma.generation(), fingerprint_of(published))
    # locally the write lock shuts out writes in flight; remotely, only their age does
    young = time.time() - REMOTE_REPAIR_GRACE_S if remote else None
    # The ids alone say whose chunk each is (`chunk_id`): reading every chunk's
    # metadata, sentence vectors included, took most of a re-ingest at 100k chunks.
    stale: dict[str, list[str]] = {}
    for chunk_id_, _, _ in chroma.scan("chunks", include=[]):
        owner = chunk_owner(chunk_id_)
        if owner is None:
            continue  # not a chunk id of ours: leave it alone
        article_id, version, _ = owner
        if published.get(article_id, "")[:VERSION_CHARS] != version:
            stale.setdefault(article_id, []).append(chunk_id_)
    if young is not None and stale:
        stale = _not_in_flight(chroma, stale, young)
    for ids in stale.values():
        for a in range(0, len(ids), WRITE_BATCH):
            chroma.call(chroma.chunks.delete, ids=ids[a : a + WRITE_BATCH])
    return [
        f"{article_id}: removed {len(ids)} chunk(s) left by an interrupted ingest"
        for article_id, ids in sorted(stale.items())
    ]


def _not_in_flight(
    chroma: ChromaConnection, stale: dict[str, list[str]], young: float
) -> dict[str, list[str]]:
    """`stale` without the chunks written after `young` (time.time())."""
    kept: dict[str, list[str]] = {}
    for article_id, ids in stale.items():
        for a in range(0, len(ids), READ_BATCH):
            got = chroma.call(chroma.chunks.get, ids=ids[a : a + READ_BATCH], include=["metadatas"])
            for i, m in zip(got["ids"], got.get("metadatas") or [], strict=True):
                if from_metadata(ChunkRecord, i, m).written <= young:
                    kept.setdefault(article_id, []).append(i)
    return kept
