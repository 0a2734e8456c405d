"""Sharing one local store between processes (the web app, an `articleqa ingest`).

chromadb's local mode is not process-safe: a process's vector index follows only its
own writes, and writing over such a stale view can overwrite another process's vectors
on disk. `ArticleStore` stays safe with what this module holds:

* `write_lock`: the OS file lock every write group holds, so writers take turns (the
  kernel drops it if a writer dies), and the marker a write group leaves only if it did
  not finish (`write_unfinished`: the next ingest must repair the store);
* `LocalView` / `view_of` / `forget_system`: what this process's Chroma view of a folder
  reflects, and how to drop chromadb's cached System so the next client reads anew;
* `read_generation` / `write_generation`: the store's *generation*, a token every write
  group changes, in `<store_dir>/generation`: one small file read tells a process whether
  anything changed, without opening Chroma;
* `writers_idle`: whether no write group is in flight (a read cache may be kept only
  then); `wait_for_writers`: until none is;
* `fingerprint_at` / `remember_fingerprint`: the last published-set fingerprint seen at a
  store generation, so a new process finds its read cache without listing every article.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from .errors import StoreError

log = logging.getLogger(__name__)

WRITE_LOCK_TIMEOUT_S = 600.0  # a writer waits this long for another process's write group
_LOCK_FILE = "write.lock"  # in store_dir
_UNFINISHED = "write.unfinished"  # in store_dir, while a write group runs or if it died
_GENERATION = "generation"  # in store_dir


@dataclass
class LocalView:
    """One process's Chroma view of one local store, shared by its `ArticleStore`s (they
    share chromadb's cached System for the folder)."""

    generation: str | None = None  # the store generation this view reflects
    epoch: int = 0  # bumped on each reopen; clients of an older epoch are dropped
    lock: threading.Lock = field(default_factory=threading.Lock)
    users: int = 0  # Chroma calls in flight in this process (see `using`)
    # Held by a write group from start to end and by every Chroma call: chromadb's local
    # mode fails ("Error finding id") when a read of embeddings runs beside a write on
    # the same System, so this process's Chroma calls wait for its write groups.
    mutex: threading.RLock = field(default_factory=threading.RLock)
    # Held while a client opens: chromadb registers a new System before starting it, so
    # a second client opened meanwhile got a System without its bindings.
    opening: threading.Lock = field(default_factory=threading.Lock)
    idle: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.idle = threading.Condition(self.lock)

    @contextmanager
    def using(self) -> Iterator[None]:
        """Count a Chroma call in flight, so a reopen waits for it: two chromadb Systems
        on one folder in one process (a thread still on the old one) corrupt the view."""
        with self.lock:
            self.users += 1
        try:
            yield
        finally:
            with self.lock:
                self.users -= 1
                self.idle.notify_all()

    def wait_idle(self) -> None:
        """With `lock` held: wait until no Chroma call of this process is in flight."""
        while self.users:
            self.idle.wait()


_VIEWS: dict[str, LocalView] = {}  # by resolved Chroma folder
_VIEWS_LOCK = threading.Lock()


def view_of(chroma_folder: Path) -> LocalView:
    """This process's view of the Chroma store in `chroma_folder`."""
    key = str(chroma_folder.resolve())
    with _VIEWS_LOCK:
        return _VIEWS.setdefault(key, LocalView())


def forget_system(chroma_folder: Path) -> None:
    """Make the next `chromadb.PersistentClient(path=str(chroma_folder))` read the
    folder anew.

    chromadb caches one System per folder (by the path as the client was given it), and
    a new client would reuse the stale one; threads still using the old client finish on
    it. Named by its folder, a System is forgotten without opening a client to find it.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = str(chroma_folder)
    SharedSystemClient._identifier_to_system.pop(identifier, None)
    SharedSystemClient._identifier_to_refcount.pop(identifier, None)


@contextmanager
def write_lock(store_dir: Path, location: str) -> Iterator[None]:
    """Hold `<store_dir>/write.lock`, waiting up to `WRITE_LOCK_TIMEOUT_S` for another
    process's write group, with the `write_unfinished` mark set until the body returns;
    `StoreError` says what to do when it cannot."""
    from filelock import FileLock, Timeout

    path = store_dir / _LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path), timeout=WRITE_LOCK_TIMEOUT_S)
        lock.acquire()
    except Timeout as e:
        raise StoreError(
            f"Another process has been writing to the store at {location} for over "
            f"{WRITE_LOCK_TIMEOUT_S:.0f} s (it holds {path}). Wait for that ingest or "
            "upload to finish, then try again."
        ) from e
    except OSError as e:
        raise StoreError(
            f"Cannot lock the store at {location} for writing ({e}). "
            "Check the folder's permissions or set ARTICLEQA_STORE_DIR."
        ) from e
    try:
        try:
            (store_dir / _UNFINISHED).touch()
        except OSError as e:
            raise StoreError(
                f"Cannot write to the store at {location} ({e}). "
                "Check the folder's permissions and free space, or set ARTICLEQA_STORE_DIR."
            ) from e
        yield
        # Only a write group that finished clears the mark: one that raised or was
        # killed may have left chunks no article owns, which the next ingest repairs.
        with suppress(OSError):  # left behind, it costs the next ingest a repair
            (store_dir / _UNFINISHED).unlink(missing_ok=True)
    finally:
        lock.release()


def wait_for_writers(store_dir: Path) -> None:
    """Return once no process is in a write group (at once when none is), waiting up to
    `WRITE_LOCK_TIMEOUT_S`; a reader calls it before reading again after another
    process's write broke its read. It takes the lock only to see it free."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(str(store_dir / _LOCK_FILE), timeout=WRITE_LOCK_TIMEOUT_S):
            return
    except (Timeout, OSError) as e:  # the read that follows says what is wrong
        log.debug("did not see the write lock of %s free: %s", store_dir, e)


def write_unfinished(store_dir: Path) -> bool:
    """Whether a write group is in flight or died before it finished (a store written
    only by versions without the mark counts as finished)."""
    return (store_dir / _UNFINISHED).exists()


def read_generation(store_dir: Path) -> str:
    """The local store's generation ("" for a store no write of this version has made)."""
    try:
        return (store_dir / _GENERATION).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return ""


def write_generation(store_dir: Path, value: str) -> None:
    """Set the generation; only a holder of `write_lock` does, so writes never race."""
    _replace_text(store_dir / _GENERATION, value)


@contextmanager
def writers_idle(store_dir: Path) -> Iterator[bool]:
    """True, holding the write lock, when no process is writing to the store; False at
    once otherwise. A reader that built a cache keeps it only when this is True and
    the generation it started from is still the store's.

    A store whose lock file this process cannot open (a read-only folder) counts as
    idle: writers need that lock too.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(store_dir / _LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        yield False
        return
    except OSError:
        yield True
        return
    try:
        yield True
    finally:
        lock.release()


def _replace_text(path: Path, text: str) -> None:
    """Write `path` whole or not at all (a reader never sees half of it)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


GENERATION_FILE = "generation.json"  # in the keyword cache folder: the last fingerprint seen


def fingerprint_at(lexical: Path, generation: str) -> str | None:
    """The fingerprint recorded for `generation`, so a new process need not list every
    article (seconds at 100k chunks) to find its keyword index on disk."""
    if not generation:
        return None
    try:
        seen = json.loads((lexical / GENERATION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(seen, dict) or seen.get("generation") != generation:
        return None
    fingerprint = seen.get("fingerprint")
    return fingerprint if isinstance(fingerprint, str) and fingerprint.isalnum() else None


def remember_fingerprint(lexical: Path, generation: str, fingerprint: str) -> None:
    """Record `fingerprint` for `generation`. Every write changes the generation (an
    ingest starts a new one), so a recorded pair never outlives the state it names."""
    if not generation:
        return
    try:
        lexical.mkdir(parents=True, exist_ok=True)
        record = json.dumps({"generation": generation, "fingerprint": fingerprint})
        _replace_text(lexical / GENERATION_FILE, record)
    except OSError as e:  # a read-only store: the next process lists the articles again
        log.debug("cannot record the store fingerprint in %s: %s", lexical, e)
