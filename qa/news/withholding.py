"""What a sentence says is not known: "did not say whether", "declined to say how many",
"has not said where", "gave no cause"."""

from __future__ import annotations

import re

__all__ = ["withheld"]

# A sentence that says what is not known: "did not say whether", "declined to say how
# many", "gave no cause". The word after the verb says which kind of answer is withheld.
_WITHHOLDS = (
    r"(?:did|does|do|would|could|will) not (?:say|confirm|disclose|specify|reveal|explain"
    r"|announce|give|know)|(?:has|have|had) not (?:yet )?(?:said|confirmed|disclosed|specified"
    r"|revealed|explained|announced|given)"
    r"|(?:declined|refused) to (?:say|confirm|disclose|specify|reveal|explain)"
    r"|(?:is|was|are|were|remains?|remained) (?:still )?(?:unclear|not clear|not known"
    r"|unknown|uncertain|undecided)|gave no indication of|no word on"
)
_WITHHELD_WH = {
    "yesno": r"whether|if",
    "reason": r"why|what caused",
    "number": r"how (?:many|much|long)",
    "date": r"when|on what date|what date",
    "place": r"where",
    "person": r"who|whom",
    "which": r"which|what",  # a matter of any kind: "which substances had been found"
    "manner": r"how",  # "did not explain how the couples were selected"
}
_WITHHELD_ASKED = "|".join(f"(?P<{kind}>{words})" for kind, words in _WITHHELD_WH.items())
_WITHHELD = re.compile(
    rf"\b(?:{_WITHHOLDS}) (?:exactly )?(?:{_WITHHELD_ASKED})\b"
    r"|\bgave no (?P<cause>cause|reason|explanation)\b|\bwithout (?:giving|offering) (?:a |any )?"
    r"(?P<motive>reason|explanation)\b|\b(?P<unknown_cause>cause) (?:is|was|remains|remained)"
    r" (?:unknown|unclear|under investigation)\b"
    r"|\bno date (?:has|had) (?:yet )?been (?P<unset>set)\b",
    re.IGNORECASE,
)
_WITHHELD_KIND = {"cause": "reason", "motive": "reason", "unknown_cause": "reason", "unset": "date"}


def withheld(text: str) -> dict[str, str]:
    """The kinds of answer `text` says are not known ("did not say whether ..."), each
    with what follows the words that withhold it (the matter left open).

    >>> withheld("He did not say whether the prize money would rise.")
    {'yesno': ' the prize money would rise.'}
    >>> withheld("Engineers found a turbine damaged but gave no cause.")
    {'reason': '.'}
    >>> withheld("Police declined to say how many people were arrested.")
    {'number': ' people were arrested.'}
    >>> withheld("Organisers did not explain how the 42 couples were selected.")
    {'manner': ' the 42 couples were selected.'}
    >>> withheld("The minister said whether to go was his decision.")
    {}
    """
    found: dict[str, str] = {}
    for m in _WITHHELD.finditer(text):
        group = next(k for k, v in m.groupdict().items() if v)
        found.setdefault(_WITHHELD_KIND.get(group, group), text[m.end() :])
    return found
