"""The read cache on disk: one published set of articles, ready to answer from.

For each published set (named by its fingerprint) the cache folder
`store_dir/lexical/<fingerprint>/` holds the keyword index (`LexicalIndex`) and the
snapshot of chunks and articles (`Snapshot`). A builder writes a cache into a folder of
its own (`stage`) and renames it into place (`commit`) only when it knows the cache
matches its name, i.e. no write changed the store while it read; otherwise it uses the
cache for itself and throws the folder away (`discard`). A reader therefore finds a
whole, right cache or none.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .articles import Article
from .lexical import LexicalIndex
from .snapshot import Snapshot, SnapshotChunk

__all__ = ["ReadCache", "commit", "discard", "load", "saving", "stage"]

log = logging.getLogger(__name__)

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
