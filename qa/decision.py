"""Whether to answer with the best-scored sentence, and why: `decide` over the ranked
`SentenceScore`s of `qa.rules`. It declines when the best candidate's score is under
`Settings.min_confidence`, when it is unrelated to the question, or when it leaves the
asked slot empty (`qa.slots.slot_filled`); every threshold is a `Weights` field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .rules import SentenceScore
from .weights import WEIGHTS, Weights

__all__ = ["Decision", "decide"]


@dataclass(frozen=True)
class Decision:
    """Whether to answer with the best candidate, and why."""

    answer: bool
    why: str


def decide(
    scores: Sequence[SentenceScore], threshold: float, weights: Weights = WEIGHTS
) -> Decision:
    """Answer with the best candidate only if it scores enough and fills the asked slot.
    (Falling back to a lower sentence that fills the slot was measured and answered
    more near-miss questions wrongly than it answered right.) A question whose kind no
    check confirms (`type_match` None: a description, a reason, a yes or no) needs
    `Weights.unchecked_kind` less, as no sentence can earn the asked-kind bonus. A best
    sentence that shares no word with the question and is not close to it in meaning
    (`Weights.unrelated`) is unrelated to it, however much the conversation lifted it:
    "When was that group founded?" is not answered by the sentence after the last answer,
    "The council vote on Monday evening passed by nine votes to four".

    >>> from qa.answer import Adjustment
    >>> decide([], 0.4).why
    'no sentence of the articles matches'
    >>> hit = SentenceScore((Adjustment("semantic", 0.5),), semantic=0.71)
    >>> miss = SentenceScore((Adjustment("semantic", 0.6),), semantic=0.86, slot=False,
    ...                      slot_why="gives no date")
    >>> decide([hit], 0.4).answer, decide([miss, hit], 0.4).why
    (True, 'the best sentence gives no date')
    >>> from dataclasses import replace
    >>> near = SentenceScore((Adjustment("semantic", 0.38),), semantic=0.54)
    >>> decide([near], 0.4).answer, decide([replace(near, type_match=True)], 0.4).answer
    (True, False)
    >>> lifted = SentenceScore((Adjustment("conversation", 0.5),), semantic=0.13, overlap=0.0)
    >>> decide([lifted], 0.4).why
    'the best sentence shares no word with the question (similarity 0.13)'
    """
    if not scores:
        return Decision(False, "no sentence of the articles matches")
    best = scores[0]
    if best.type_match is None:
        threshold -= weights.unchecked_kind
    if best.total < threshold:
        return Decision(False, f"best score {best.total:.2f} is under {threshold:.2f}")
    if best.overlap == 0 and best.semantic < weights.unrelated:
        why = f"the best sentence shares no word with the question (similarity {best.semantic:.2f})"
        return Decision(False, why)
    if not best.slot:
        return Decision(False, f"the best sentence {best.slot_why}")
    return Decision(True, f"score {best.total:.2f} ≥ {threshold:.2f} and fills the asked slot")
