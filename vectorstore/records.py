"""What reading the store gives back: article records and chunks with their scores."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sentence_vectors import decode_units

__all__ = ["ArticleRecord", "StoredChunk"]


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


VERSION_CHARS = 16  # of the content hash, in chunk ids


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
