"""The error hierarchy shared by every layer.

Every message says what went wrong *and what to do next*; the CLI turns these into one
line and a non-zero exit code, the web UI into a visible error. `qa.errors` extends this
hierarchy with the answering-side errors.
"""

from __future__ import annotations

__all__ = [
    "ArticleQAError",
    "EmbeddingModelError",
    "StoreError",
    "UnknownBackendError",
]


class ArticleQAError(Exception):
    """Base class: anything Article QA raises on purpose."""

    exit_code = 1


class StoreError(ArticleQAError):
    """The vector store cannot be opened, read or written."""

    exit_code = 3


class EmbeddingModelError(ArticleQAError):
    """The embedding model cannot be loaded (missing package, bad path, no network)."""

    exit_code = 4


class UnknownBackendError(ArticleQAError, KeyError):
    """A backend name that no registry knows; the message lists the valid names."""

    exit_code = 2

    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        self.kind, self.name, self.valid = kind, name, valid
        super().__init__(f"Unknown {kind} {name!r}. Choose one of: {', '.join(sorted(valid))}.")

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])
