"""Errors of the answering side, extending the shared hierarchy in `vectorstore.errors`.

Each message says what to do next; the CLI maps `exit_code`, the web UI shows the text.
"""

from __future__ import annotations

from vectorstore.errors import (
    ArticleQAError,
    EmbeddingModelError,
    StoreError,
    UnknownBackendError,
)

__all__ = [
    "ArticleQAError",
    "BackendError",
    "EmbeddingModelError",
    "FeedbackError",
    "NoArticlesError",
    "QuestionError",
    "StoreError",
    "UnknownBackendError",
]


class NoArticlesError(ArticleQAError):
    """Nothing is indexed yet."""

    exit_code = 3

    def __init__(self, location: str) -> None:
        super().__init__(
            f"No articles are indexed in {location}. "
            "Add some first: `articleqa ingest PATH` (a file or a folder of articles)."
        )


class QuestionError(ArticleQAError, ValueError):
    """The question cannot be asked as given (empty, too long, no words)."""

    exit_code = 2


class BackendError(ArticleQAError):
    """An answer backend failed (server down, timeout, bad key)."""

    exit_code = 4


class FeedbackError(ArticleQAError, ValueError):
    """A vote that cannot be recorded as given (a correction with a thumbs up, a turn
    that is not in the conversation)."""

    exit_code = 2
