"""The Chroma client of one store, and its reopening after another process's writes.

`ChromaConnection` is the only code that calls chromadb. It opens the client, local
(`chromadb.PersistentClient` under `store_dir`) or remote (`chromadb.HttpClient` at
`chroma_url`), with telemetry off and without Chroma's own embedding function (which
downloads a model), and the store's collections: `<prefix>_chunks` and
`<prefix>_articles` (what they hold: `vectorstore.publishing`) and `<prefix>_meta`.

The store's *generation* changes before and after every write group, so a reader
notices another process's writes with one read instead of listing every article: in the
file `<store_dir>/generation` for a local store, in the one record of `<prefix>_meta`
for a remote one.

Several processes may share one local store (the web app, an `articleqa ingest` beside
it), though chromadb's local mode is not process-safe. Two rules make it so here:

* Writers take turns: every write group runs in `writing()`, which holds an OS file lock
  on `<store_dir>/write.lock` (released by the kernel if the process dies), so a repair
  never mistakes another process's half-written article for crash leftovers.
* A process whose view is stale reopens it: chromadb's local vector index follows only
  its own process's writes, so when the generation changes under a process that did not
  write it, `refresh()` drops the client and its collections together (one handle) and
  the next call opens fresh ones; `writing()` refreshes before every write group, since
  writing over a stale view could overwrite the other process's vectors on disk.

The lock, the per-process view and the generation file live in `sharing.py`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from .errors import StoreError
from .settings import StoreSettings
from .sharing import (
    LocalView,
    forget_system,
    read_generation,
    view_of,
    wait_for_writers,
    write_generation,
    write_lock,
    writers_idle,
)

if TYPE_CHECKING:
    import chromadb
    from chromadb.api.models.Collection import Collection

__all__ = ["READ_BATCH", "ChromaConnection"]

log = logging.getLogger(__name__)

READ_BATCH = 5000  # records per Chroma read when scanning a whole collection
_SPACE = {"hnsw": {"space": "cosine"}}
_GENERATION = "generation"  # id of the one record in `<prefix>_meta`


@dataclass
class _Handles:
    """One Chroma client and the collections opened through it: dropped together when
    the store is reopened, so nothing goes on reading through the old client."""

    client: chromadb.ClientAPI
    epoch: int  # the `LocalView.epoch` the client belongs to (0 for a remote store)
    collections: dict[str, Collection] = field(default_factory=dict)


class ChromaConnection:
    """The Chroma client and collections of one store, opened on first use.

    `on_change` is called whenever what this connection reads may have changed under a
    cache of it: its write groups start and end, or it was reopened after another
    process's write.

    >>> chroma = ChromaConnection(StoreSettings(store_dir=tmp_path))   # doctest: +SKIP
    >>> chroma.call(chroma.chunks.count)                                # doctest: +SKIP
    0
    """

    def __init__(
        self, settings: StoreSettings, on_change: Callable[[], None] | None = None
    ) -> None:
        self.settings = settings
        self._on_change = on_change or _nothing
        # No lock guards opening: opening calls Chroma, which waits for this process's
        # write group (`LocalView.mutex`), and Python 3.11's `cached_property`, whose
        # lock is shared by all instances, deadlocked a question opening a collection
        # against an upload's write group. Two threads may open one collection at once:
        # harmless.
        self._handles: _Handles | None = None

    # ---- opening -----------------------------------------------------------------------
    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.store_dir)

    def exists(self) -> bool:
        """Whether there is a store to read (a remote store always counts as existing)."""
        return bool(self.settings.chroma_url) or (self.settings.store_dir / "chroma").is_dir()

    @property
    def is_open(self) -> bool:
        """Whether this connection holds a Chroma client (reads the snapshot answers
        never open one)."""
        return self._handles is not None

    @property
    def chunks(self) -> Collection:
        return self.collection("chunks")

    @property
    def articles(self) -> Collection:
        return self.collection("articles")

    @property
    def meta(self) -> Collection:
        """A remote store's one record: its write *generation*."""
        return self.collection("meta")

    def collection(self, name: str) -> Collection:
        """The collection `<prefix>_<name>`, through the current client."""
        handles = self._open()
        found = handles.collections.get(name)
        if found is None:
            found = self.call(
                handles.client.get_or_create_collection,
                name=f"{self.settings.collection}_{name}",
                configuration=_SPACE,
                embedding_function=None,
            )
            handles.collections[name] = found
        return found

    def _open(self) -> _Handles:
        handles = self._handles
        if handles is None:
            handles = self._handles = self._connect()
        return handles

    def _connect(self) -> _Handles:
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
                client = chromadb.HttpClient(
                    host=url.hostname,
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
                return _Handles(client, epoch=0)
            path = self.settings.store_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            view = self.view()
            assert view is not None
            # chromadb's cache of Systems is not thread-safe: a client opened beside
            # another got a System not yet started ("no attribute 'bindings'"), and one
            # opened beside a reopen lost its System (KeyError). So clients open one at a
            # time, and a reopen waits for an opening as for any Chroma call in flight.
            with view.using(), view.opening:
                epoch = view.epoch
                generation = self.generation()  # read first: the view holds at least this
                client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
                if view.generation is None:  # this process's first view of the store
                    view.generation = generation
            return _Handles(client, epoch)
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

    # ---- the generation, and following other processes' writes -------------------------
    def generation(self) -> str:
        """A token that changes whenever articles are published or removed ("" for a
        store no write has given one yet). A local store keeps it in a file, so reading
        it needs no Chroma; a remote one in the `<prefix>_meta` collection."""
        if self.settings.chroma_url:
            return str(self.call(_generation_of, self.meta))
        return read_generation(self.settings.store_dir)

    def bump_generation(self) -> None:
        """Give the store a new generation (a write group does, holding `writing()`)."""
        value = uuid.uuid4().hex
        view = self.view()
        if view is None:
            self.call(
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

    def view(self) -> LocalView | None:
        """This process's view of a local store (None for a remote one)."""
        return None if self.settings.chroma_url else view_of(self.settings.store_dir / "chroma")

    def refresh(self) -> str:
        """The store's generation, after reopening Chroma if another process wrote since
        this process last looked (its local vector index would not show those writes)."""
        view = self.view()
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
            handles = self._handles
            if handles is not None and handles.epoch != view.epoch:
                self._handles = None  # the next call opens a client of the new epoch
                self._on_change()
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

    # ---- taking turns with other writers -----------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[None]:
        """A write group: the store's write lock (local stores) on an up-to-date view.
        `on_change` is called as it starts and ends (a read cache checked meanwhile may
        have seen the write half done)."""
        self._on_change()
        try:
            if self.settings.chroma_url:
                yield
                return
            view = self.view()
            assert view is not None
            with write_lock(self.settings.store_dir, self.location), view.mutex:
                self.refresh()  # write on top of what other processes wrote, never over it
                yield
        finally:
            self._on_change()

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

    # ---- calling Chroma ----------------------------------------------------------------
    def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """`fn(*args, **kwargs)`, a Chroma call: after this process's write group (a read
        beside it fails in chromadb's local mode), counted so a reopen waits for it, and
        its failure re-raised as a `StoreError` that says what to do."""
        view = self.view()
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

    def pages(self, name: str, include: list[str]) -> Iterator[dict[str, Any]]:
        """A whole collection (`"chunks"` or `"articles"`), `READ_BATCH` records at a time,
        as Chroma's `get` gives; each page through the current client (a reopen between
        pages must not leave this scan on the old one)."""
        offset = 0
        while True:
            collection = self.collection(name)
            got = self.call(collection.get, include=include, limit=READ_BATCH, offset=offset)
            if not got["ids"]:
                return
            yield got
            offset += len(got["ids"])

    def scan(self, name: str, include: list[str]) -> Iterator[tuple[str, Any, Any]]:
        """(id, metadata, document) of every record (the document None unless included)."""
        for got in self.pages(name, include):
            ids = got["ids"]
            metas = got.get("metadatas") or [{}] * len(ids)
            docs = got.get("documents") if "documents" in include else None
            yield from zip(ids, (m or {} for m in metas), docs or [None] * len(ids), strict=True)


def _generation_of(meta: Collection) -> str:
    got = meta.get(ids=[_GENERATION], include=["metadatas"])
    metas = got.get("metadatas") or []
    return str((metas[0] or {}).get("value", "")) if metas else ""


def _nothing() -> None:
    pass
