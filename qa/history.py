"""A conversation's earlier turns, typed: `HistoryTurn`s that keep their answers' citations.

Callers hand history over as they have it: `(question, answer_text)` pairs (the public
API since the start), `(question, Answer)` pairs, or `Answer`s that know their question.
`normalise_history` turns any of them into `HistoryTurn`s, so follow-up handling reads
the last answer's citations instead of searching for its text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .answer import Answer, Citation
from .prompts import ABSTAIN_PREFIX

__all__ = ["HistoryTurn", "normalise_history", "strip_markers"]

_MARKER = re.compile(r"\s*\[\d+\]")


@dataclass(frozen=True)
class HistoryTurn:
    """One earlier turn: the question, the answer text (markers stripped) and what the
    answer cited (empty when history came as plain text, or the answer declined); a
    declined answer keeps the article of the closest passage it found (`closest`)."""

    question: str
    answer: str = ""
    citations: tuple[Citation, ...] = ()
    declined: bool = False
    closest: str = ""


def strip_markers(text: str) -> str:
    """Remove `[n]` citation markers.

    >>> strip_markers("They evacuated 2,000 people. [1]")
    'They evacuated 2,000 people.'
    """
    return _MARKER.sub("", text).strip()


def normalise_history(history: Sequence[object]) -> list[HistoryTurn]:
    """Typed turns from what callers send: `(question, answer_text)` pairs,
    `(question, Answer)` pairs or `Answer`s that know their question; anything else
    is ignored.

    >>> [t.answer for t in normalise_history([("Q?", "It rained. [1]"), 42, ("only",)])]
    ['It rained.']
    """
    out: list[HistoryTurn] = []
    for turn in history or ():
        if isinstance(turn, Answer):
            out.append(_from_answer(turn.question, turn))
        elif isinstance(turn, (tuple, list)) and len(turn) == 2:
            q, a = turn
            if isinstance(a, Answer):
                out.append(_from_answer(str(q or ""), a))
            else:
                text = strip_markers(str(a or ""))
                declined = text.startswith(ABSTAIN_PREFIX)
                out.append(HistoryTurn(str(q or ""), "" if declined else text, (), declined))
    return out


def _from_answer(question: str, answer: Answer) -> HistoryTurn:
    if answer.abstained:
        closest = answer.passages[0].source if answer.passages else ""
        return HistoryTurn(question, "", (), True, closest)
    return HistoryTurn(question, strip_markers(answer.text), tuple(answer.citations))
