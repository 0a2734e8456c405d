"""Whether a candidate sentence may answer at all: it must fill the slot the question asks.

`slot_filled` checks that a sentence gives what the question asks for about the
question's subject: a number that counts the asked thing (and, for "how many of them",
a part rather than the total), a date, a time of day, an office holder, an age or a
name of whom the question means, an attribute of the subject it names, an amount in the
asked unit, a reaction by the named actor, and not a dateline or a sentence that says
the asked thing is unknown. `kind_match` reads the asked kind alone; the scoring rules
(`qa.rules`) weigh it, and `qa.decision.decide` declines when the best sentence leaves
the slot empty.

One module per reading: `sentence` (the candidate `Sentence` both read: its text, its
article and what the backend found about it), `filled` (`kind_match`, `slot_filled`),
`amounts` (what a sentence's numbers count), `times` (which time, and where to) and
`subject` (whether a sentence is about what the question asks about); their public
names are re-exported here.
"""

from __future__ import annotations

from .amounts import gives_unit
from .filled import STRICT_KINDS, asked_words, kind_match, slot_filled
from .sentence import Sentence
from .subject import mentions, unused_names
from .times import gives_date_part, gives_destination

__all__ = [
    "STRICT_KINDS",
    "Sentence",
    "asked_words",
    "gives_date_part",
    "gives_destination",
    "gives_unit",
    "kind_match",
    "mentions",
    "slot_filled",
    "unused_names",
]
