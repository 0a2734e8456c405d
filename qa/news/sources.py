"""Whose a statement is, as news says it: "..., the ministry said", "according to a
statement from the migration service", "Deputy Minister Ruben Sargsyan told parliament"."""

from __future__ import annotations

import re

__all__ = ["gives_source"]

# How news attributes what it reports to someone
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|according to|reported|reports"
    r"|estimated|estimates|stated|confirmed|added|wrote|disclosed|revealed|quoted|cited"
    r"|figures (?:from|by|released by|published by))\b",
    re.IGNORECASE,
)


def gives_source(text: str) -> bool:
    """Whether `text` says whose statement it reports.

    >>> gives_source("It would pay 25,000 drams per child, Deputy Minister Ruben Sargsyan said.")
    True
    >>> gives_source("By Thursday, 4,350 people had crossed, according to the migration service.")
    True
    >>> gives_source("Officials expected the figure to rise.")
    False
    """
    return bool(_ATTRIBUTION.search(text))
