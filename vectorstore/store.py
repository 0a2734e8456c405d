"""`ArticleStore`: the one object the rest of Article QA reads and writes articles through.

It is a facade over the modules that each hold one concept of the store:

* `vectorstore.chroma`: the Chroma client and collections, reopened after another
  process's writes; the store's generation; the write lock (`ChromaConnection`);
* `vectorstore.reads`: questions' reads, from the read snapshot or Chroma, and the
  listings a read cache is built from (`StoreReader`, which this class extends);
* `vectorstore.publishing`: the crash-safe publish protocol, removal and repair;
* `vectorstore.records`: the records and the one codec of their Chroma metadata.

To these it adds the embedding model, loaded on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from . import publishing
from .articles import Article
from .chroma import ChromaConnection
from .chunking import Chunk
from .publishing import Publication
from .reads import StoreReader
from .settings import StoreSettings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

__all__ = ["ArticleStore"]


class ArticleStore(StoreReader):
    """Read and write articles and chunks; see `vectorstore.publishing` for the protocol.

    >>> store = ArticleStore(StoreSettings(store_dir=tmp_path))   # doctest: +SKIP
    >>> store.publish(article, chunks, vectors)                     # doctest: +SKIP
    """

    def __init__(
        self,
        settings: StoreSettings,
        embeddings: Embeddings | None = None,
        *,
        connection: type[ChromaConnection] = ChromaConnection,
    ) -> None:
        super().__init__(settings, connection=connection)
        self._embeddings = embeddings
        self._embeddings_lock = threading.Lock()

    @property
    def embeddings(self) -> Embeddings:
        with self._embeddings_lock:  # a warm-up thread may be loading it already
            if self._embeddings is None:
                from .embeddings import get_embeddings

                self._embeddings = get_embeddings(self.settings)
            return self._embeddings

    def publish(
        self,
        article: Article,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        sentence_vectors: Sequence[np.ndarray] | None = None,
    ) -> None:
        """Write `article` with its chunks and their vectors (`vectorstore.publishing`).

        `sentence_vectors[i]` (optional) holds one row per sentence of `chunks[i]`; it is
        stored in the chunk's record (`vectorstore.sentence_vectors`).
        """
        self.publish_many([Publication(article, chunks, vectors, sentence_vectors)])

    def publish_many(self, items: Sequence[Publication]) -> None:
        """`publish` for many articles in a few large writes (`publishing.publish_many`)."""
        publishing.publish_many(self.chroma, items)

    def remove(self, article_id: str) -> None:
        """Unpublish an article first, then delete its chunks."""
        publishing.remove(self.chroma, article_id)

    def repair(self) -> list[str]:
        """Delete chunks no published article owns (left by an interrupted ingest).

        Returns one line per article repaired, for the ingest report.
        """
        return publishing.repair(self.chroma, self.cache_folder)
