"""Follow-up questions without a language model.

A follow-up ("And how many of them were children?", "Where did his wife travel?") only
makes sense with the turns before it. `build_query` decides whether a question leans on
its history (pronouns, a leading "and"/"what about", ellipsis) and, if so, carries the
previous question and the previous answer along: retrieval searches for both the bare
question and the question in context, and answer scoring gives context words a
smaller weight than the question's own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .question import REACTION

__all__ = ["Query", "build_query", "is_followup", "strip_markers"]

HISTORY_TURNS = 2  # earlier turns that may inform a follow-up

_PRONOUNS = re.compile(
    r"\b(he|she|they|them|it|its|his|her|hers|their|theirs|him|those|these|that one|"
    r"this one|there|then|the same|such|the latter|the former|the group|the country|"
    r"the region|the operation|the ceasefire|the attack|the war|the truce)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(and|but|also|so|what about|how about|and what about|what else|why|anything else)\b",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\s*\[\d+\]")


@dataclass(frozen=True)
class Query:
    """A question ready for retrieval: itself, its context, and what to search for."""

    question: str
    context: str = ""
    previous_answers: tuple[str, ...] = ()  # earlier answer texts, markers stripped, newest last
    expanded: str = ""  # the question as searched, if not as asked ("Baku (Azerbaijan)")

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


def strip_markers(text: str) -> str:
    """Remove `[n]` citation markers.

    >>> strip_markers("They evacuated 2,000 people. [1]")
    'They evacuated 2,000 people.'
    """
    return _MARKER.sub("", text).strip()


def is_followup(question: str) -> bool:
    """Whether a question needs earlier turns to make sense.

    >>> is_followup("And how many of them were children?"), is_followup("Who is Nikol Pashinyan?")
    (True, False)
    >>> is_followup("How many people were injured?"), is_followup("How did Armenia respond?")
    (True, True)
    """
    if _PRONOUNS.search(question) or _LEADING.search(question.strip()):
        return True
    if REACTION.search(question):  # a reaction is to something said before
        return True
    # A question that names nothing ("How many people were injured?") is about whatever
    # the conversation is about.
    return not any(w[:1].isupper() for w in question.split()[1:])


def build_query(question: str, history: Sequence[tuple[str, str]]) -> Query:
    """The query for `question` after `history` (earlier (question, answer) pairs).

    >>> build_query("How many of them were children?",
    ...             [("How many people were evacuated?", "Over 2,000 people. [1]")]).context
    'How many people were evacuated? Over 2,000 people.'
    """
    answers = tuple(
        strip_markers(a)
        for _, a in list(history)[-HISTORY_TURNS:]
        if a and not strip_markers(a).startswith("The articles don't say")
    )
    if not history or not is_followup(question):
        return Query(question, previous_answers=answers)
    recent = list(history)[-HISTORY_TURNS:]
    parts: list[str] = []
    for q, a in recent[-1:]:
        parts.append(q)
        answer = strip_markers(a)
        if answer and not answer.startswith("The articles don't say"):
            parts.append(answer)
    # An earlier follow-up's own context lives in the turn before it.
    if len(recent) > 1 and is_followup(recent[-1][0]):
        parts.insert(0, recent[0][0])
    return Query(question, " ".join(parts), answers)
