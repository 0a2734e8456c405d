"""What an answer is: `Answer`, its `Citation`s and the `Passage`s it was built from.

These are plain frozen dataclasses (LangChain `Document`s stop at the store boundary),
with `to_dict()` for `--json`, the web API and the evaluation harness, and
`render_answer()` which joins cited sentences into the text shown to people.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Answer", "Citation", "Passage", "render_answer"]


@dataclass(frozen=True)
class Citation:
    """An exact span of an article: `article.text[start:end] == quote`."""

    source: str
    title: str
    quote: str
    start: int
    end: int
    score: float = 0.0


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk, with offsets into its article and its fused retrieval score."""

    source: str
    title: str
    text: str
    start: int
    end: int
    score: float = 0.0


@dataclass(frozen=True)
class Answer:
    """The reply to one question.

    `text` carries `[n]` markers that number `citations`; `abstained` is True when the
    articles do not answer the question (then `citations` is empty and `passages` holds
    the closest passages found). `query` is what was actually searched for (a follow-up
    is expanded with its context); `notice` tells the user about a fallback.
    """

    text: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    query: str = ""
    passages: list[Passage] = field(default_factory=list)
    backend: str = "extractive"
    confidence: float = 0.0
    notice: str = ""
    dropped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def render_answer(sentences: list[str]) -> str:
    """Join cited sentences, each followed by its citation marker.

    >>> render_answer(["Russia evacuated 2,000 people.", "Armenia objected."])
    'Russia evacuated 2,000 people. [1] Armenia objected. [2]'
    """
    return " ".join(f"{s} [{i}]" for i, s in enumerate(sentences, 1))
