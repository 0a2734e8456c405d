"""What a sentence's numbers count, for the slot checks: an amount in the asked unit, a
part rather than the total, a count that names what it counts ("which three
counties?"), casualties (killed or injured) rather than other people, and round words
that count nothing exactly ("thousands")."""

from __future__ import annotations

import functools
import re

from vectorstore.text import stem

from ..intent import Intent
from ..kinds import INJURED, KILLED, wordset
from ..news import (
    amounts_in,
    counts_in,
    gives_share,
    measures,
    numbers_in,
)
from ..units import DIMENSIONS, UNITS

__all__ = [
    "SPANS",
    "WORDED",
    "casualties_in",
    "gives_unit",
    "money_implied",
    "only_vague",
    "part_amounts",
    "part_of",
    "span_of",
    "unit_words",
]


# Round words that give no count by themselves: "thousands", "several hundred", "dozens"
_VAGUE = wordset("dozen dozens hundred hundreds thousand thousands million millions")


def only_vague(text: str) -> bool:
    """Whether every amount `text` gives is a round word that counts nothing exactly
    ("Thousands gathered", "several thousand protesters"; not "two hundred").

    >>> only_vague("Several thousand protesters gathered."), only_vague("Two hundred came.")
    (True, False)
    """
    found = amounts_in(text)
    return bool(found) and found <= _VAGUE


def span_of(intent: Intent, text: str, m: re.Match[str]) -> bool:
    """Whether a stretch of time in words is the asked one's: "decades-long tensions" is
    how long tensions lasted, not a ceasefire."""
    if not m.group().endswith("-long"):
        return True
    described = _NEXT_LOWER.match(text, m.end())
    return described is not None and stem(described.group(1)) in intent.subject


_NEXT_LOWER = re.compile(r"\s+([a-z]+)")


WORDED = ("share", "score", "measure")  # amounts news may give without a digit ("a third")


SPANS = ("duration", "duration or length", "distance")  # and stretches of time in words


def gives_unit(unit: str, text: str) -> bool:
    """Whether `text` gives an amount in the asked `unit` (see `Intent.unit`).

    >>> gives_unit("share", "Turnout was 41 per cent."), gives_unit("per week", "a fee of £2m")
    (True, False)
    """
    if unit == "measure":
        return measures(text)
    if unit == "share":
        return gives_share(text)
    return unit not in UNITS or bool(re.search(UNITS[unit], text, re.IGNORECASE))


# A sum in millions with nothing after it ("argued it needed 134.8 million more."): news
# names a currency once and leaves it out of the sums after
_BARE_MILLIONS = re.compile(
    r"(?i)\b\d[\d,.]*\s?(?:million|billion|bn)\b(?=\s*(?:more|less|extra)?\s*(?:[.,;:)]|$))"
)


def money_implied(text: str, article: str) -> bool:
    """Whether `text` gives a sum in millions without its currency, which its `article`
    names with another sum ("The budget rose to 277 million euros. Critics argued it
    needed 134.8 million more.").

    >>> art = "The budget rose to 277 million euros. Critics said it needed 134.8 million more."
    >>> money_implied("Critics said it needed 134.8 million more.", art)
    True
    >>> money_implied("Critics said it needed 134.8 million more.", "No sum in a currency.")
    False
    >>> money_implied("About 2.5 million visitors came.", art)
    False
    """
    return bool(_BARE_MILLIONS.search(text)) and _gives_money(article)


@functools.lru_cache(maxsize=64)
def _gives_money(article: str) -> bool:
    """Whether `article` gives a sum of money: read once per article, not per sentence
    and check (`slot_filled` and `kind_match` both ask)."""
    return gives_unit("money", article)


def part_amounts(intent: Intent, text: str) -> set[str]:
    """The amounts `text` gives besides the whole "how much of that" asks a part of (and
    the question's own numbers): "2.5 million" of "3.8 million"."""
    given = numbers_in(intent.question) | {intent.whole or ""}
    return {n for n in amounts_in(text) - given if any(c.isdigit() for c in n)}


def part_of(intent: Intent, text: str) -> bool:
    """Whether `text` gives a part of the total a partitive asks about ("how many of
    them were let go?"): a number besides the totals (and the question's own) that
    counts what a total counted ("74 of its 370 employees") or what the question names
    ("among them about 30,000 children" for "how many of them children?").

    >>> from qa.history import HistoryTurn
    >>> from qa.intent import analyse
    >>> said = "The count used 47 registration points over 11 days."
    >>> i = analyse("How many of those points were in Yerevan?",
    ...     [HistoryTurn("How many registration points were used?", said)])
    >>> part_of(i, said), part_of(i, "Of the 47 points, 12 registration points were in Yerevan.")
    (False, True)
    >>> said = "Some 100,617 people had crossed, among them about 30,000 children."
    >>> i = analyse("how many of them children", [HistoryTurn("How many people crossed?", said)])
    >>> part_of(i, said)
    True
    """
    # what the total counted, or what the question itself names ("of them children")
    counted = frozenset().union(*intent.totals.values()) | set(intent.subject)
    given = numbers_in(intent.question)
    return any(
        n not in intent.totals and n not in given and counted & {stem(w.lower()) for w in phrase}
        for n, phrase in counts_in(text)
    )


def unit_words(unit: str) -> str:
    if unit == "share":
        return "share (a percentage or a fraction)"
    if unit == "rate":
        return "rate (a percentage)"
    if unit == "score":
        return "score or vote"
    if unit == "pace":
        return "speed or time taken"
    if unit.startswith("duration") or unit in DIMENSIONS or unit == "race time":
        return unit
    return f"amount {unit}" if unit.startswith("per ") else f"amount in {unit}"


def casualties_in(text: str) -> set[str]:
    """Which casualties `text` speaks of.

    >>> sorted(casualties_in("32 people were killed and 200 wounded"))
    ['injured', 'killed']
    >>> casualties_in("evacuated 2,000")
    set()
    """
    return {name for name, pattern in _CASUALTIES.items() if pattern.search(text)}


# What happened to the people a count counts, as news tells casualties.
_CASUALTIES = {
    "killed": re.compile(rf"\b({KILLED})\b", re.I),
    "injured": re.compile(rf"\b({INJURED})\b", re.I),
}
