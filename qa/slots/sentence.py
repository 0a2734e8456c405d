"""The candidate sentence the slot checks and the scoring rules read: its text, its
article and what the backend found about it (similarity, whether it counts the asked
thing, its neighbours)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Sentence",
]


@dataclass(frozen=True)
class Sentence:
    """A candidate sentence and what the rules may read about it."""

    source: str
    title: str
    start: int
    end: int
    text: str
    article: str  # the whole article's text
    prior: float = 0.0
    semantic: float = 0.0
    semantic_context: float | None = None
    story: float = 0.0  # what `semantic` keeps from being read with its title (`qa.story`)
    counts: bool | None = None  # for "how many X": whether it counts X (None: no number)
    following: str = ""  # the next sentence, where a reaction may be told
    preceding: str = ""  # the sentence before, which may name an attribute's subject
    unnamed: tuple[str, ...] = ()  # the question's names its article never uses
