"""What the store holds per record, and the one codec between it and Chroma's metadata.

A Chroma record is an id, a document (the text), a vector and a flat metadata dict of
scalars. `to_metadata` writes that dict and `from_metadata` reads it back, for the two
kinds of record the store keeps (`ArticleRecord`, `ChunkRecord`), and `chunks_of` writes
the `where` filters that select chunk records; no other module spells a metadata key, so
the schema can be read (and changed) here alone. Reading tolerates missing keys, since a
store written by an older version may lack some: each falls back to its empty value.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, overload

import numpy as np

from .sentence_vectors import decode_units

__all__ = [
    "VERSION_CHARS",
    "ArticleRecord",
    "ChunkRecord",
    "Metadata",
    "StoredChunk",
    "chunk_id",
    "chunk_owner",
    "chunks_of",
    "from_metadata",
    "to_metadata",
]

VERSION_CHARS = 16  # of the content hash, in chunk ids

Metadata = dict[str, str | int | float]  # Chroma metadata holds scalars only


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
class ChunkRecord:
    """What a chunk's Chroma record says about it besides its text and vector."""

    id: str
    article_id: str
    title: str
    version: str  # the content hash of the article version the chunk belongs to
    index: int  # the chunk's position in its article
    start: int
    end: int
    written: int = 0  # time.time() of the write: a remote repair leaves young chunks alone
    sentences: str = ""  # packed sentence units (`vectorstore.sentence_vectors`)

    def stored(self, text: str) -> StoredChunk:
        """The chunk as reads give it, with `text` (the record's document)."""
        return StoredChunk(
            id=self.id,
            article_id=self.article_id,
            title=self.title,
            version=self.version,
            start=self.start,
            end=self.end,
            text=text,
            packed_sentences=self.sentences,
        )


def to_metadata(record: ArticleRecord | ChunkRecord) -> Metadata:
    """The Chroma metadata of `record` (its id is the record's id, not metadata).

    >>> to_metadata(ArticleRecord("a.txt", "Ferry", "f0", 2, "2024"))
    {'title': 'Ferry', 'content_hash': 'f0', 'chunk_count': 2, 'path': '', 'ingested_at': '2024'}
    """
    if isinstance(record, ArticleRecord):
        return {
            "title": record.title,
            "content_hash": record.content_hash,
            "chunk_count": record.chunk_count,
            "path": record.path,
            "ingested_at": record.ingested_at,
        }
    meta: Metadata = {
        "article_id": record.article_id,
        "title": record.title,
        "version": record.version,
        "index": record.index,
        "start": record.start,
        "end": record.end,
        "written": record.written,
    }
    if record.sentences:  # a chunk written without sentence vectors has no such key
        meta["sentences"] = record.sentences
    return meta


@overload
def from_metadata(
    kind: type[ArticleRecord], record_id: str, metadata: Mapping[str, Any] | None
) -> ArticleRecord: ...


@overload
def from_metadata(
    kind: type[ChunkRecord], record_id: str, metadata: Mapping[str, Any] | None
) -> ChunkRecord: ...


def from_metadata(
    kind: type[ArticleRecord] | type[ChunkRecord],
    record_id: str,
    metadata: Mapping[str, Any] | None,
) -> ArticleRecord | ChunkRecord:
    """The `kind` of record that Chroma's `metadata` for `record_id` describes.

    >>> record = ChunkRecord("a.txt::abababababababab::0", "a.txt", "Ferry", "ab" * 32, 0, 0, 24)
    >>> from_metadata(ChunkRecord, record.id, to_metadata(record)) == record
    True
    >>> from_metadata(ArticleRecord, "old.txt", {}).title  # a key missing: its fallback
    'old.txt'
    """
    m = metadata or {}
    if kind is ArticleRecord:
        return ArticleRecord(
            id=record_id,
            title=str(m.get("title", record_id)),
            content_hash=str(m.get("content_hash", "")),
            chunk_count=int(m.get("chunk_count", 0)),
            ingested_at=str(m.get("ingested_at", "")),
            path=str(m.get("path", "")),
        )
    return ChunkRecord(
        id=record_id,
        article_id=str(m.get("article_id", "")),
        title=str(m.get("title", "")),
        version=str(m.get("version", "")),
        index=int(m.get("index", 0)),
        start=int(m.get("start", 0)),
        end=int(m.get("end", 0)),
        written=int(float(m.get("written", 0))),
        sentences=str(m.get("sentences", "")),
    )


def chunks_in(article_ids: Collection[str]) -> dict[str, Any]:
    """The Chroma `where` filter for the chunks of any of `article_ids`.

    >>> chunks_in(["a.txt", "b.txt"])
    {'article_id': {'$in': ['a.txt', 'b.txt']}}
    """
    return {"article_id": {"$in": sorted(article_ids)}}


def chunks_of(article_id: str, *, other_than: str | None = None) -> dict[str, Any]:
    """A Chroma `where` filter for the chunk records of `article_id`, leaving out those of
    version `other_than` when given.

    >>> chunks_of("a.txt", other_than="v2")
    {'$and': [{'article_id': 'a.txt'}, {'version': {'$ne': 'v2'}}]}
    """
    if other_than is None:
        return {"article_id": article_id}
    return {"$and": [{"article_id": article_id}, {"version": {"$ne": other_than}}]}


def chunk_id(article_id: str, version: str, index: int) -> str:
    """Deterministic chunk id, so re-writing after a crash overwrites, never duplicates.

    >>> chunk_id("odd::name.txt", "ab" * 32, 12)
    'odd::name.txt::abababababababab::12'
    """
    return f"{article_id}::{version[:VERSION_CHARS]}::{index}"


def chunk_owner(chunk_id_: str) -> tuple[str, str, int] | None:
    """(article id, version prefix, chunk index) of a `chunk_id`, or None if it is not one.

    >>> chunk_owner("odd::name.txt::abababababababab::12")
    ('odd::name.txt', 'abababababababab', 12)
    >>> chunk_owner("a::b::c") is None
    True
    """
    parts = chunk_id_.rsplit("::", 2)
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    return parts[0], parts[1], int(parts[2])
