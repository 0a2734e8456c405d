"""Ingesting files into the store: idempotent, incremental, and honest about failures.

`ingest(paths)` loads every supported file under `paths`, skips the ones whose content
hash is already published (no re-embedding), re-chunks and re-embeds changed ones,
optionally prunes articles whose files are gone, and returns an `IngestReport` that says
what was added, updated, unchanged, removed, repaired and what failed and why. A bad
file never stops the others, and nothing already stored is touched by a failure.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .articles import Article, LoadFailure, discover, file_hash, load_article
from .chunking import Chunk, chunk_article
from .publishing import Publication
from .settings import StoreSettings
from .store import ArticleStore

__all__ = ["IngestReport", "ProgressCallback", "ingest"]

log = logging.getLogger(__name__)

EMBED_GROUP_CHUNKS = 256  # chunks embedded together before their articles are published

ProgressCallback = Callable[[int, int, str], None]  # (files done, files total, message)


@dataclass
class IngestReport:
    """What an ingest did, article by article."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)
    chunks_written: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.repaired)

    def summary(self) -> str:
        """One line: `2 added, 0 updated, 5 unchanged, 0 removed, 1 failed (0.8 s)`."""
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.removed)} removed",
            f"{len(self.failed)} failed",
        ]
        if self.repaired:
            parts.append(f"{len(self.repaired)} repaired")
        return ", ".join(parts) + f" ({self.chunks_written} chunks written, {self.seconds:.1f} s)"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    settings: StoreSettings | None = None,
    *,
    prune: bool = False,
    progress: ProgressCallback | None = None,
    store: ArticleStore | None = None,
) -> IngestReport:
    """Index the articles under `paths` (files or folders) and report what changed.

    `prune=True` also removes published articles that none of `paths` holds any more.
    """
    started = time.perf_counter()
    settings = settings or StoreSettings.from_env()
    store = store or ArticleStore(settings)
    found = list(discover(paths))
    failures = [f for f in found if isinstance(f, LoadFailure)]
    files = [f for f in found if not isinstance(f, LoadFailure)]
    max_bytes = int(settings.max_file_mb * 1e6)
    settled = None if failures else store.settled_versions()
    if settled is not None and _all_published(files, settled, max_bytes, prune):
        # Nothing to write, nothing to repair: the store is not even opened.
        report = IngestReport(unchanged=[article_id for article_id, _ in files])
        return _finish(report, started, progress, len(files))
    report = IngestReport(repaired=store.repair(), failed=failures)
    published = store.versions()
    seen: set[str] = set()
    pending: list[tuple[Article, list[Chunk]]] = []

    def flush() -> None:
        report.embed_seconds += _publish(store, pending, report, published)
        pending.clear()

    for done, (article_id, path) in enumerate(files, 1):
        if progress:
            progress(done - 1, len(files), f"reading {article_id}")
        if article_id in seen:
            report.failed.append(
                LoadFailure(
                    str(path), f"another file already has the id {article_id!r}; rename one of them"
                )
            )
            continue
        seen.add(article_id)
        loaded = _load(article_id, path, max_bytes, published.get(article_id))
        if loaded is None:
            report.unchanged.append(article_id)
            continue
        if isinstance(loaded, LoadFailure):
            report.failed.append(loaded)
            continue
        chunks = chunk_article(loaded, settings.chunk_chars, settings.chunk_overlap_chars)
        pending.append((loaded, chunks))
        if sum(len(c) for _, c in pending) >= EMBED_GROUP_CHUNKS:
            flush()
    flush()
    if prune:
        failed_ids = {f.path for f in report.failed}
        for article_id in sorted(set(published) - seen):
            if article_id not in failed_ids:
                store.remove(article_id)
                report.removed.append(article_id)
    if report.changed:
        store.keyword_index()  # rebuild now, so the first question after ingest is fast
    return _finish(report, started, progress, len(files))


def _finish(
    report: IngestReport, started: float, progress: ProgressCallback | None, files: int
) -> IngestReport:
    if progress:
        progress(files, files, "done")
    report.seconds = time.perf_counter() - started
    log.info("ingest: %s", report.summary())
    return report


def _all_published(
    files: Sequence[tuple[str, Path]], published: dict[str, str], max_bytes: int, prune: bool
) -> bool:
    """Whether ingesting `files` would change nothing: each one is readable, has an id of
    its own and is published as it is, and a prune would remove nothing. (It stops at
    the first file that differs.)"""
    ids = {article_id for article_id, _ in files}
    if len(ids) != len(files) or (prune and not ids.issuperset(published)):
        return False
    return all(
        _load(article_id, path, max_bytes, published.get(article_id)) is None
        for article_id, path in files
    )


def _load(
    article_id: str, path: os.PathLike[str], max_bytes: int, published_hash: str | None
) -> Article | LoadFailure | None:
    """The article at `path`, None if its published version is current, or why not."""
    p = Path(path)
    try:
        info = p.stat()
        if info.st_size > max_bytes or not stat.S_ISREG(info.st_mode):
            return load_article(article_id, p, max_bytes)  # refuses, saying why
        digest = file_hash(p)
    except OSError:
        return load_article(article_id, p, max_bytes)  # reports the read error
    if digest == published_hash:
        return None
    return load_article(article_id, p, max_bytes, content_hash=digest)


def _publish(
    store: ArticleStore,
    pending: list[tuple[Article, list[Chunk]]],
    report: IngestReport,
    published: dict[str, str],
) -> float:
    """Embed the pending articles' sentences together, then publish them one by one.

    Each sentence is embedded once (not once per chunk that repeats it); a chunk's
    vector is the length-weighted mean of its sentences' vectors, which is what the
    model's own mean pooling over the chunk approximates.
    """
    if not pending:
        return 0.0
    units = [sorted({u for c in chunks for u in _units(c)}) for _, chunks in pending]
    texts = [
        article.text[a:b]
        for (article, _), spans in zip(pending, units, strict=True)
        for a, b in spans
    ]
    t0 = time.perf_counter()
    vectors = np.asarray(store.embeddings.embed_documents(texts), dtype=np.float32)
    seconds = time.perf_counter() - t0
    offset = 0
    items = []
    for (article, chunks), spans in zip(pending, units, strict=True):
        row = {span: vectors[offset + i] for i, span in enumerate(spans)}
        offset += len(spans)
        per_chunk = [np.stack([row[u] for u in _units(c)]) for c in chunks]
        items.append(Publication(article, chunks, chunk_vectors(chunks, per_chunk), per_chunk))
    store.publish_many(items)
    for article, chunks in pending:
        report.chunks_written += len(chunks)
        (report.updated if article.id in published else report.added).append(article.id)
    return seconds


def chunk_vectors(chunks: Sequence[Chunk], sentence_vectors: Sequence[np.ndarray]) -> np.ndarray:
    """Unit-length, length-weighted means of each chunk's sentence vectors.

    >>> c = Chunk("a", "t", 0, 0, 9, "xx. yyyy.", ((0, 3), (4, 9)))
    >>> [round(float(x), 3) for x in chunk_vectors([c], [np.eye(2)])[0]]
    [0.514, 0.857]
    """
    out = np.zeros((len(chunks), sentence_vectors[0].shape[1] if chunks else 0), np.float32)
    for i, (c, rows) in enumerate(zip(chunks, sentence_vectors, strict=True)):
        weights = np.array([b - a for a, b in _units(c)], dtype=np.float32)
        mean = weights @ rows
        out[i] = mean / (np.linalg.norm(mean) or 1.0)
    return out


def _units(chunk: Chunk) -> tuple[tuple[int, int], ...]:
    return chunk.sentences or ((chunk.start, chunk.end),)
