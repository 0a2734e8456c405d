"""Answer backends, chosen by name from a small registry.

A backend turns a `Query` into an `Answer` using the engine's retriever and models.
Built-ins register through `register_backend`, exactly as a new one would:

    @register_backend("mine")
    class Mine(AnswerBackend):
        def answer(self, query: Query) -> Answer: ...
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import prompts
from ..errors import BackendError, UnknownBackendError

if TYPE_CHECKING:
    from ..answer import Answer
    from ..conversation import Query
    from ..engine import Engine

__all__ = [
    "FALLBACK",
    "AnswerBackend",
    "available_backends",
    "create_backend",
    "fall_back",
    "register_backend",
]

log = logging.getLogger(__name__)

FALLBACK = "extractive"  # the backend that needs nothing but the store: always there

_REGISTRY: dict[str, type[AnswerBackend]] = {}


class AnswerBackend(ABC):
    """Answers questions over an `Engine` (its store, retriever and embedding model)."""

    name = "base"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @abstractmethod
    def answer(self, query: Query) -> Answer:
        """The answer to `query`; abstain rather than guess."""


def register_backend(name: str) -> Callable[[type[AnswerBackend]], type[AnswerBackend]]:
    def decorate(cls: type[AnswerBackend]) -> type[AnswerBackend]:
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return decorate


def available_backends() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def create_backend(name: str, engine: Engine) -> AnswerBackend:
    _load_builtins()
    if name not in _REGISTRY:
        raise UnknownBackendError("answer backend", name, list(_REGISTRY))
    return _REGISTRY[name](engine)


def fall_back(engine: Engine, query: Query, failed: str, error: BackendError) -> Answer:
    """The `FALLBACK` answer, with a notice saying why, after backend `failed` raised
    `error`: the one fallback path of `ask` and `stream` alike. Re-raises `error` when
    `Settings.llm_fallback` is off or the failed backend was the fallback itself."""
    if failed == FALLBACK or not engine.settings.llm_fallback:
        raise error
    log.warning("%s backend failed, answering with %s: %s", failed, FALLBACK, error)
    answer = create_backend(FALLBACK, engine).answer(query)
    reason = str(error).rstrip(".")
    return replace(answer, notice=prompts.FALLBACK_NOTICE.format(backend=failed, reason=reason))


def _load_builtins() -> None:
    from . import extractive, openai  # noqa: F401  (register "extractive" and "openai")
