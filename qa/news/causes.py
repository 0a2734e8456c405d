"""What a sentence gives as a cause: "because of fuel shortages", "after shelling cut the
road", "citing rising costs", "blamed the delay on the weather"."""

from __future__ import annotations

import re

__all__ = ["gives_reason", "tells_cause"]

# How news gives a cause or a purpose. "After" and "since" also date things, but a
# sentence dated by what happened before it tells what led to it more often than not.
_REASON = (
    r"because|due to|owing to|as a result of|caused by|citing|for fear|so that|in order to"
    r"|thanks to|reasons?"
)
_CAUSE = re.compile(
    rf"\b(?:{_REASON}|blam(?:e|es|ed|ing)|after|since|amid|following|led to)\b", re.IGNORECASE
)
# Only the words that say "this is why", not those that may only date ("after", "since")
_REASON_WORDS = re.compile(rf"\b(?:{_REASON})\b", re.IGNORECASE)


def tells_cause(text: str) -> bool:
    """Whether `text` gives a cause or a purpose, as news words one.

    >>> tells_cause("The departure was postponed twice because of fuel shortages.")
    True
    >>> tells_cause("Villagers were evacuated after shelling cut the road.")
    True
    >>> tells_cause("The evacuees were carried in 38 buses to the base.")
    False
    """
    return bool(_CAUSE.search(text))


def gives_reason(text: str) -> bool:
    """Whether `text` says why in words that only say why ("because", "due to", "in order
    to", "citing"), not in words that may only date ("after", "since").

    >>> gives_reason("Fares rise because fuel costs more."), gives_reason("It rose after May.")
    (True, False)
    """
    return bool(_REASON_WORDS.search(text))
