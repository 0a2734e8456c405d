"""Article storage: loading files, chunking, embedding and the Chroma store.

Nothing heavy is imported here: the embedding model, chromadb and LangChain load on
first use.
"""

from .articles import SUPPORTED_SUFFIXES, Article, LoadFailure, discover, load_article
from .chunking import Chunk, chunk_article, chunk_spans, split_sentences
from .embeddings import available_embedders, get_embeddings, register_embedder
from .errors import ArticleQAError, EmbeddingModelError, StoreError, UnknownBackendError
from .ingest import IngestReport, ingest
from .lexical import LexicalIndex
from .notices import NOTICE_LOGGER, notice
from .publishing import Publication
from .records import ArticleRecord, StoredChunk
from .settings import StoreSettings, set_library_environment
from .store import ArticleStore

__all__ = [
    "NOTICE_LOGGER",
    "SUPPORTED_SUFFIXES",
    "Article",
    "ArticleQAError",
    "ArticleRecord",
    "ArticleStore",
    "Chunk",
    "EmbeddingModelError",
    "IngestReport",
    "LexicalIndex",
    "LoadFailure",
    "Publication",
    "StoreError",
    "StoreSettings",
    "StoredChunk",
    "UnknownBackendError",
    "available_embedders",
    "chunk_article",
    "chunk_spans",
    "discover",
    "get_embeddings",
    "ingest",
    "load_article",
    "notice",
    "register_embedder",
    "set_library_environment",
    "split_sentences",
]
