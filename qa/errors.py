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
    "UnknownArticleError",
    "UnknownBackendError",
]


KNOWN_LISTED = 20  # article ids an error message lists before "..."


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


class UnknownArticleError(QuestionError):
    """A question was to be asked within articles, and some are not in the store (or
    none was chosen)."""

    def __init__(self, unknown: list[str], known: list[str]) -> None:
        listed = ", ".join(known[:KNOWN_LISTED]) + (", ..." if len(known) > KNOWN_LISTED else "")
        if not unknown:
            message = (
                "No article was chosen to ask within. Choose at least one, or leave the "
                f"choice out to ask all of them. The articles are: {listed}."
            )
        else:
            missing = ", ".join(repr(u) for u in unknown)
            message = (
                f"No article {missing} is indexed. Use the article's id as "
                f"`articleqa articles` lists it; the articles are: {listed}."
            )
        super().__init__(message)
        self.unknown = unknown
        self.known = known


class BackendError(ArticleQAError):
    """An answer backend failed (server down, timeout, bad key)."""

    exit_code = 4


class FeedbackError(ArticleQAError, ValueError):
    """A vote that cannot be recorded as given (a correction with a thumbs up, a turn
    that is not in the conversation)."""

    exit_code = 2
