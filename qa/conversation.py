"""Follow-up questions without a language model: a question put in its conversation.

A follow-up ("And how many of them were children?", "Where did his wife travel?") only
makes sense with the turns before it. `build_query` reads the question once
(`qa.intent.analyse`: what it asks, and whether it leans on its history) and, for a
follow-up, carries the previous question and answer along as `context`: retrieval
searches for both the bare question and the question in context, and the scorer gives
context words a smaller weight than the question's own words. History arrives as typed
turns (`HistoryTurn`) that keep their answers' citations, so the article a conversation
is about is known from where the last answer was cited, never re-found by its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .followups import is_followup
from .history import normalise_history, strip_markers
from .intent import Intent, analyse

__all__ = ["Query", "build_query", "is_followup", "strip_markers"]


@dataclass(frozen=True)
class Query:
    """A question ready for retrieval: itself, its context, and what to search for."""

    question: str
    context: str = ""
    expanded: str = ""  # the question as searched, if not as asked ("Baku (Azerbaijan)")
    intent: Intent = field(default_factory=lambda: Intent(""))
    sources: tuple[str, ...] | None = None  # the articles to answer from (None: all)

    @property
    def is_followup(self) -> bool:
        return bool(self.context)

    @property
    def searched(self) -> str:
        """The question as searched and scored: `expanded`, else as asked."""
        return self.expanded or self.question

    @property
    def searches(self) -> list[str]:
        """Search strings: the question alone, then (for follow-ups) in its context."""
        q = self.searched
        return [q, f"{q} {self.context}"] if self.context else [q]

    @property
    def display(self) -> str:
        """What was searched, as `Answer.query` shows it."""
        q = self.searched
        return f"{q} (context: {self.context})" if self.context else q


def build_query(question: str, history: Sequence[object] = (), expanded: str = "") -> Query:
    """The query for `question` after `history`: `(question, answer)` pairs (the answer
    as text or as an `Answer`) or `Answer`s; `expanded` is the question as searched.

    >>> build_query("How many of them were children?",
    ...             [("How many people were evacuated?", "Over 2,000 people. [1]")]).context
    'How many people were evacuated? Over 2,000 people.'
    >>> build_query("Who reported the death toll?",
    ...             [("How many people were evacuated?", "Over 2,000 people. [1]")]).context
    ''
    """
    turns = normalise_history(history)
    intent = analyse(expanded or question, turns)
    if not intent.followup:
        return Query(question, expanded=expanded, intent=intent)
    recent = intent.history
    parts: list[str] = []
    last = recent[-1]
    parts.append(last.question)
    if last.answer:
        parts.append(last.answer)
    # An earlier follow-up's own context lives in the turn before it.
    if len(recent) > 1 and is_followup(last.question, recent[:-1]):
        parts.insert(0, recent[-2].question)
    return Query(question, " ".join(parts), expanded, intent)
