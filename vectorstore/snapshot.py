"""The read snapshot: what questions read from the store, in flat memory-mapped files.

A question reads three things from the store: the chunks nearest its embedding, chunks
by id (its keyword hits) and the articles it cites. Through Chroma each is a round trip,
and opening Chroma costs more than answering: importing chromadb takes about a second,
and loading the HNSW index of a 100k-chunk store another. The snapshot holds the
published chunks (vectors, offsets, sentence units) and their articles' texts in numpy
arrays and byte blobs, memory-mapped so a new process reads only the pages a question
touches. Its vector search is exact: one matrix-vector product (about 1 ms at 10k chunks,
15 ms at 100k).

It is a cache, never the record. `vectorstore.readcache` builds it from Chroma together
with the keyword index, saves both in one folder named by the published-set
fingerprint, and reads it only while that fingerprint is the store's.

Files (all written by `Snapshot.write`):

* `snapshot.json`: format, vector width, and per article `[id, title, version, path]`;
* `texts.bin` + `text_offsets.npy`: the articles' UTF-8 texts, end to end, and where each
  starts (bytes);
* `chunks.npy`: per chunk `[article row, chunk index, start, end]`; `vectors.f32`: one
  unit vector per chunk, same order, raw float32;
* `units.bin` + `unit_offsets.npy`: each chunk's packed sentence units
  (`vectorstore.sentence_vectors`), end to end.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .articles import Article
from .ranking import top_k
from .records import VERSION_CHARS, StoredChunk, chunk_id, chunk_owner

__all__ = ["Snapshot", "SnapshotChunk"]

FORMAT = 1
DECODED_TEXTS = 4096  # article texts kept decoded (~20 MB of news articles)
_META = "snapshot.json"


@dataclass(frozen=True)
class SnapshotChunk:
    """One published chunk as the snapshot takes it in (its text is its article's
    `text[start:end]`)."""

    article_id: str
    index: int
    start: int
    end: int
    packed_sentences: str = ""


class Snapshot:
    """Published chunks and their articles, searchable without Chroma.

    >>> a = Article("a.txt", "Ferry", "The ferry sails at noon. Fog delays it.", "f" * 64)
    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> Snapshot.write(folder, [a], [([SnapshotChunk("a.txt", 0, 0, 24)], np.eye(1, 2))])
    >>> snap = Snapshot.load(folder)
    >>> [(c.id, c.text, round(c.score, 2)) for c in snap.search([1.0, 0.0], k=3)]
    [('a.txt::ffffffffffffffff::0', 'The ferry sails at noon.', 1.0)]
    """

    def __init__(
        self,
        articles: list[list[str]],
        texts: Any,
        text_offsets: np.ndarray,
        chunks: np.ndarray,
        vectors: np.ndarray,
        units: Any,
        unit_offsets: np.ndarray,
    ) -> None:
        self._articles = articles  # [id, title, version, path] per article row
        self._row = {a[0]: i for i, a in enumerate(articles)}
        self._texts = texts  # bytes-like
        self._text_offsets = text_offsets
        self._chunks = chunks  # int64 [n, 4]: article row, index, start, end
        self._vectors = vectors
        self._units = units  # bytes-like
        self._unit_offsets = unit_offsets
        self._decoded: dict[int, str] = {}  # article row -> text, see `_text`
        # rows sorted by (article, index): article a's chunks are _order[_first[a]:_first[a + 1]]
        self._order = np.lexsort((chunks[:, 1], chunks[:, 0]))
        self._first = np.searchsorted(chunks[self._order, 0], np.arange(len(articles) + 1))

    # ---- writing -----------------------------------------------------------------------
    @staticmethod
    def write(
        folder: Path,
        articles: Sequence[Article],
        batches: Iterable[tuple[Sequence[SnapshotChunk], Any]],
    ) -> None:
        """Write a snapshot of `articles` (published) into `folder` (which must exist).

        `batches` yields chunks with their vectors (one row each), in any order; chunks
        of articles not listed are left out. Chunks stream to disk as they come, so
        building one holds little more than the articles' texts in memory.
        """
        row = {a.id: i for i, a in enumerate(articles)}
        table: list[list[int]] = []
        unit_ends: list[int] = [0]
        dim = 0
        with (
            open(folder / "vectors.f32", "wb") as vec_file,
            open(folder / "units.bin", "wb") as units,
        ):
            for chunks, vectors in batches:
                keep = [i for i, c in enumerate(chunks) if c.article_id in row]
                if not keep:  # a batch may hold nothing published (then no row to reshape)
                    continue
                rows = np.asarray(vectors, dtype=np.float32).reshape(len(chunks), -1)
                dim = rows.shape[1]
                vec_file.write(np.ascontiguousarray(rows[keep]).tobytes())
                for i in keep:
                    c = chunks[i]
                    table.append([row[c.article_id], c.index, c.start, c.end])
                    written = units.write(c.packed_sentences.encode("ascii"))
                    unit_ends.append(unit_ends[-1] + written)
        texts = [a.text.encode("utf-8") for a in articles]
        (folder / "texts.bin").write_bytes(b"".join(texts))
        np.save(folder / "text_offsets.npy", _offsets(texts))
        np.save(folder / "unit_offsets.npy", np.asarray(unit_ends, dtype=np.int64))
        np.save(folder / "chunks.npy", np.asarray(table, dtype=np.int64).reshape(-1, 4))
        meta = {
            "format": FORMAT,
            "dim": dim,
            "articles": [[a.id, a.title, a.content_hash, a.path] for a in articles],
        }
        (folder / _META).write_text(json.dumps(meta), encoding="utf-8")  # last: marks it whole

    @classmethod
    def load(cls, folder: Path) -> Snapshot | None:
        """The snapshot saved in `folder`, memory-mapped; None if there is none (or it is
        damaged, or of another format): the caller rebuilds it."""
        try:
            meta = json.loads((folder / _META).read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                return None
            chunks = _array(folder / "chunks.npy").reshape(-1, 4)
            dim = int(meta["dim"])
            vectors = _blob(folder / "vectors.f32", np.float32).reshape(len(chunks), dim)
            snapshot = cls(
                [list(map(str, a)) for a in meta["articles"]],
                _blob(folder / "texts.bin"),
                _array(folder / "text_offsets.npy"),
                chunks,
                vectors,
                _blob(folder / "units.bin"),
                _array(folder / "unit_offsets.npy"),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        whole = (
            len(snapshot._text_offsets) == len(snapshot._articles) + 1
            and int(snapshot._text_offsets[-1]) == len(snapshot._texts)
            and len(snapshot._unit_offsets) == len(chunks) + 1
            and int(snapshot._unit_offsets[-1]) == len(snapshot._units)
        )
        return snapshot if whole else None

    # ---- reading -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._chunks)

    @property
    def dim(self) -> int:
        """The vectors' width."""
        return int(self._vectors.shape[1])

    def ids(self) -> list[str]:
        """Every chunk's id, in the snapshot's order."""
        articles = self._articles
        return [chunk_id(articles[a][0], articles[a][2], i) for a, i, _, _ in self._chunks.tolist()]

    def texts(self) -> Iterator[str]:
        """Every chunk's text, in the order of `ids`."""
        article, text = -1, ""
        for a, _, start, end in self._chunks.tolist():
            if a != article:
                article, text = a, self._decode(a)
            yield text[start:end]

    def versions(self) -> dict[str, str]:
        """`{article_id: content hash}` of the articles this snapshot holds."""
        return {a[0]: a[2] for a in self._articles}

    def search(
        self,
        vector: Sequence[float] | np.ndarray,
        k: int,
        articles: Collection[str] | None = None,
    ) -> list[StoredChunk]:
        """The `k` chunks nearest to `vector` by cosine similarity (exact), best first;
        only chunks of `articles` (ids) when given."""
        if not len(self) or k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        if articles is None:
            scores = self._vectors @ query
            top = top_k(scores, k)
            return self._stored(top.tolist(), scores[top].tolist())
        rows = self.rows_of(articles)
        scores = self._vectors[rows] @ query
        top = top_k(scores, k)
        return self._stored(rows[top].tolist(), scores[top].tolist())

    def rows_of(self, articles: Collection[str]) -> np.ndarray:
        """The rows of the chunks of `articles` (ids; ones it does not hold add none)."""
        at = [self._row[a] for a in articles if a in self._row]
        parts = [self._order[int(self._first[a]) : int(self._first[a + 1])] for a in at]
        return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)

    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        """The chunks with these ids, in that order (ids it does not hold are left out)."""
        rows = [r for r in (self._find(i) for i in ids) if r is not None]
        return self._stored(rows, [0.0] * len(rows))

    def articles(self, ids: Sequence[str]) -> dict[str, Article]:
        """Articles by id (ids it does not hold are left out)."""
        out = {}
        for article_id in dict.fromkeys(ids):
            a = self._row.get(article_id)
            if a is not None:
                _, title, version, path = self._articles[a]
                out[article_id] = Article(article_id, title, self._text(a), version, path)
        return out

    # ---- helpers -----------------------------------------------------------------------
    def _find(self, chunk_id_: str) -> int | None:
        owner = chunk_owner(chunk_id_)
        if owner is None:
            return None
        article_id, version, index = owner
        a = self._row.get(article_id)
        if a is None or self._articles[a][2][:VERSION_CHARS] != version:
            return None
        rows = self._order[int(self._first[a]) : int(self._first[a + 1])]
        if 0 <= index < len(rows) and self._chunks[rows[index], 1] == index:
            return int(rows[index])  # chunk indexes run 0, 1, 2, ... within an article
        found = rows[self._chunks[rows, 1] == index]
        return int(found[0]) if len(found) else None

    def _text(self, a: int) -> str:
        """Article row `a`'s text, decoded once while it is among the recent ones (the
        same articles come back question after question)."""
        text = self._decoded.get(a)
        if text is None:
            text = self._decode(a)
            if len(self._decoded) >= DECODED_TEXTS:
                self._decoded.clear()
            self._decoded[a] = text
        return text

    def _decode(self, a: int) -> str:
        start, end = int(self._text_offsets[a]), int(self._text_offsets[a + 1])
        return bytes(self._texts[start:end]).decode("utf-8")

    def _stored(self, rows: list[int], scores: list[float]) -> list[StoredChunk]:
        at = np.asarray(rows, dtype=np.int64)
        table = self._chunks[at].tolist()  # one conversion, not one per field
        u0, u1 = self._unit_offsets[at].tolist(), self._unit_offsets[at + 1].tolist()
        out = []
        for (a, index, start, end), score, ua, ub in zip(table, scores, u0, u1, strict=True):
            article_id, title, version, _ = self._articles[a]
            out.append(
                StoredChunk(
                    id=chunk_id(article_id, version, index),
                    article_id=article_id,
                    title=title,
                    version=version,
                    start=start,
                    end=end,
                    text=self._text(a)[start:end],
                    score=score,
                    packed_sentences=bytes(self._units[ua:ub]).decode("ascii"),
                )
            )
        return out


def _offsets(parts: Sequence[bytes]) -> np.ndarray:
    """Where each of `parts` starts when they are joined, and where the last one ends."""
    return np.concatenate([[0], np.cumsum([len(p) for p in parts], dtype=np.int64)]).astype(
        np.int64
    )


def _array(path: Path) -> np.ndarray:
    """A saved array, memory-mapped (an empty one cannot be, so it is read)."""
    try:
        return np.load(path, mmap_mode="r")
    except ValueError:  # "cannot mmap an empty file": a snapshot of no chunks
        return np.load(path)


def _blob(path: Path, dtype: Any = np.uint8) -> Any:
    """A raw file as a flat array, memory-mapped (an empty file cannot be mapped)."""
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r")
