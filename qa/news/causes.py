"""What a sentence gives as a cause: "because of fuel shortages", "after shelling cut the
road", "citing rising costs", "blamed the delay on the weather"."""

from __future__ import annotations

import re

__all__ = ["tells_cause"]

# How news gives a cause or a purpose. "After" and "since" also date things, but a
# sentence dated by what happened before it tells what led to it more often than not.
_CAUSE = re.compile(
    r"\b(?:because|due to|owing to|as a result of|caused by|blam(?:e|es|ed|ing)|after|since"
    r"|citing|amid|for fear|so that|in order to|following|thanks to|led to|reasons?)\b",
    re.IGNORECASE,
)


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
