"""What an answer is: `Answer`, its `Citation`s and the `Passage`s it was built from.

These are plain frozen dataclasses (LangChain `Document`s stop at the store boundary),
with `to_dict()` for `--json`, the web API and the evaluation harness, and
`render_answer()` which joins cited sentences into the text shown to people.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Adjustment",
    "Answer",
    "CandidateView",
    "Citation",
    "Explanation",
    "Passage",
    "render_answer",
]


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
class Adjustment:
    """One named part of a candidate's score (a weighted signal or a rule's adjustment)
    and why it applies; `qa.rules` makes them, explanations show them."""

    rule: str
    value: float
    why: str = ""


@dataclass(frozen=True)
class CandidateView:
    """A candidate sentence as an explanation shows it: its score, part by part."""

    source: str
    quote: str
    start: int
    end: int
    total: float
    parts: list[Adjustment] = field(default_factory=list)
    fills_slot: bool = True
    slot_note: str = ""  # why it does not fill the asked slot


@dataclass(frozen=True)
class Explanation:
    """Why an answer was given or declined: what the question asks, the decision and
    its reason, and the top candidates with every part of their scores."""

    intent: str
    decision: str  # "answered" or "declined"
    why: str
    candidates: list[CandidateView] = field(default_factory=list)

    def render(self) -> str:
        """Plain text, as `articleqa ask --explain` prints it.

        >>> e = Explanation("asks: number", "declined", "best score 0.30 is under 0.40",
        ...                 [CandidateView("a.txt", "It rained.", 0, 10, 0.3,
        ...                                [Adjustment("semantic", 0.3, "similarity 0.43")])])
        >>> print(e.render())
        Question: asks: number
        Declined: best score 0.30 is under 0.40
          1. 0.300  a.txt  “It rained.”
               +0.300  semantic     similarity 0.43
        """
        lines = [f"Question: {self.intent}", f"{self.decision.capitalize()}: {self.why}"]
        for n, c in enumerate(self.candidates, 1):
            lines.append(f"  {n}. {c.total:.3f}  {c.source}  “{c.quote}”")
            for p in c.parts:
                lines.append(f"       {p.value:+.3f}  {p.rule:<12} {p.why}")
            if not c.fills_slot:
                lines.append(f"       cannot answer: it {c.slot_note}")
        return "\n".join(lines)


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
    also: list[Citation] = field(default_factory=list)
    explanation: Explanation | None = None
    question: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def render_answer(sentences: list[str]) -> str:
    """Join cited sentences, each followed by its citation marker.

    >>> render_answer(["Russia evacuated 2,000 people.", "Armenia objected."])
    'Russia evacuated 2,000 people. [1] Armenia objected. [2]'
    """
    return " ".join(f"{s} [{i}]" for i, s in enumerate(sentences, 1))
