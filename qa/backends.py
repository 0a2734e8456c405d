"""Answer backends, chosen by name from a small registry.

A backend turns a `Query` into an `Answer` using the engine's retriever and models.
Built-ins register through `register_backend`, exactly as a new one would:

    @register_backend("mine")
    class Mine(AnswerBackend):
        def answer(self, query: Query) -> Answer: ...
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import UnknownBackendError

if TYPE_CHECKING:
    from .answer import Answer
    from .conversation import Query
    from .engine import Engine

__all__ = ["AnswerBackend", "available_backends", "create_backend", "register_backend"]

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


def _load_builtins() -> None:
    from . import extractive, llm  # noqa: F401  (register "extractive" and "openai")
