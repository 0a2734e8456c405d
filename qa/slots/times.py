"""Which time, and where to, for the slot checks: the part of a date a question asks
("which month"), a count or a time asked for one weekday, month or year and not
another, where someone went ("to their base"), and a question about when an article
was published (a dateline's only question)."""

from __future__ import annotations

import functools
import re

from ..kinds import GOING
from ..news import (
    MONTHS,
    WEEKDAYS,
    YEAR,
    dates_in,
)
from .sentence import Sentence

__all__ = [
    "PUBLISHED",
    "another_time",
    "gives_date_part",
    "gives_destination",
    "year_elsewhere",
]


def gives_date_part(part: str, text: str, question: str) -> bool:
    """Whether `text` gives the `part` of a date (`Intent.date_part`) that `question` lacks: a
    year for "what year", a month for "which month", a day of a month for "on what
    exact day" (a weekday will do for "on what day").

    >>> gives_date_part("month", "It ended through a 1994 ceasefire.", "Which month?")
    False
    >>> gives_date_part("exact day", "They left in late September.", "On what exact day?")
    False
    >>> gives_date_part("day", "They left on Tuesday.", "On what day did they leave?")
    True
    """
    found = dates_in(text) - dates_in(question)
    days = {d for d in found if " " in d and d.split()[0].isdigit()}
    if part == "year":  # "in 1994", "the 1990s", "last year"
        return any(YEAR.fullmatch(d) or d.endswith(" year") for d in found)
    if part == "month":
        return bool(days or found & MONTHS)
    if part == "weekday":
        return bool(found & WEEKDAYS)
    if part == "exact day":
        return bool(days)
    return bool(days or found & WEEKDAYS)


# where to: "to their base", "to Armenia", "into a hotel", "in Goris" (not "to safety",
# "have to move elsewhere", "in the fighting", nor a sentence's opening "In Moscow, ...")
_DESTINATION = re.compile(
    r"\b(?:to|into|towards?|onto)\s+(?:the|their|its|his|her|a|an|[A-Z][\w’'-]+)\b"
    r"|(?<!^)\b(?:in|at)\s+[A-Z][\w’'-]+"
    # "bound for Goris", "left Sotk for Yerevan"; "moved to temporary gazebos", "sent on to
    # shaded sites": a going, then where to
    r"|\b(?:bound|head(?:ed|ing|s)?|left \w+|leaving \w+|set off|sailed) for [A-Z]"
    rf"|\b{GOING} (?:\w+ ){{0,3}}?to (?!safety\b|be\b|[a-z]+ (?:it|them|him|her)\b)[a-z]+"
)


def gives_destination(text: str) -> bool:
    """Whether `text` says where someone or something went: a place after "to", "into",
    or a named one after "in" or "at"; a named one after a going "for" ("bound for
    Goris"), or any after a going "to" ("moved to temporary gazebos").

    >>> gives_destination("Peacekeepers took some civilians to their base.")
    True
    >>> gives_destination("Moscow troops began evacuating civilians from the conflict zone.")
    False
    >>> gives_destination("In Moscow, the ministry said it moved 3,150 people out of villages.")
    False
    >>> gives_destination("Several families have left Sotk for Yerevan, however.")
    True
    """
    return bool(_DESTINATION.search(text))


# a year in digits only: `news.YEAR` also reads a decade ("the 1990s"), which pins no year
_YEAR_DIGITS = re.compile(r"\b(?:1[89]|20)\d\d\b")


def year_elsewhere(question: str, sentence: Sentence) -> str | None:
    """A year the question pins in digits ("in the 2020 war") that the sentence's
    article names, but not the sentence, nor its paragraph or the one before, nor the
    article's title and first paragraph: the sentence is about another time than the one
    asked, which the article tells apart ("attacks killed at least 32 people" in an
    article that tells of the 2020 war only further on). None when the sentence names a
    year of its own, or the article never names the asked one (nothing to tell it from).

    >>> article = ("Fighting broke out.\\n\\nAttacks killed 32 people.\\n\\n"
    ...            "It followed the 2020 war.")
    >>> def toll(text):
    ...     at = text.index("Attacks")
    ...     return Sentence("a.txt", "Title", at, at + 25, text[at : at + 25], text)
    >>> year_elsewhere("How many died in the 2020 war?", toll(article))
    '2020'
    >>> year_elsewhere("How many died in the 2016 war?", toll(article)) is None
    True

    The paragraph before may set the year ("In September 2023 Azerbaijan took the region."
    before "192 of its servicemen were killed in that operation."):

    >>> article = article.replace("Fighting broke out.", "Fighting broke out in 2020.")
    >>> year_elsewhere("How many died in the 2020 war?", toll(article)) is None
    True
    """
    article = sentence.article
    named = set(_YEAR_DIGITS.findall(question)) & set(_YEAR_DIGITS.findall(article))
    if not named or _YEAR_DIGITS.search(sentence.text):
        return None
    paragraphs = [p for p in article.split("\n\n") if p.strip()]
    opens = article.rfind("\n\n", 0, sentence.start)  # where the sentence's paragraph opens
    first = article.rfind("\n\n", 0, opens) if opens > 0 else -1  # and the one before
    last = article.find("\n\n", sentence.end)
    around = article[max(first, 0) : last if last >= 0 else len(article)]
    head = " ".join([sentence.title, *paragraphs[:2]])  # the title and the first paragraph
    if named & set(_YEAR_DIGITS.findall(f"{head} {around}")):
        return None
    return min(named)


_TIME_KINDS = ("day of the week", "month", "year")


@functools.lru_cache(maxsize=1024)
def _time_pins(text: str) -> tuple[frozenset[str], ...]:
    """The days of the week, months and years-as-said ("last year") `text` names, in the
    order of `_TIME_KINDS`. (A year in digits is left out: news dates an event by one
    year and sets it among others, "after the August 2022 shelling ... the November 2020
    statement".) A date after "since" is left out too: a count "since September 24"
    stands now, not then. Remembered: a question is read against every candidate."""
    text = _SINCE.sub("", text)
    found = dates_in(text)
    now = {"this year"} if _NOW.search(text) else set()  # "had 41 last year, now has 58"
    return (
        frozenset(found & WEEKDAYS),
        frozenset({d.split()[-1] for d in found} & MONTHS),
        frozenset({d for d in found if d.endswith(" year")} | now),
    )


_NOW = re.compile(r"\b(?:now|currently|so far|to date)\b", re.IGNORECASE)
# When a count began, not when it stands: "arrived since September 24"
_SINCE = re.compile(r"\bsince (?:the )?(?:\w+ ){0,3}?\w+(?=[,.;?!]|$| and\b)", re.IGNORECASE)


def another_time(question: str, text: str) -> str | None:
    """The kind of time ("month") for which the question names one and `text` only
    others: "How many were served on Monday?" is not answered by a count "on Tuesday".

    >>> another_time("How many calls came in September?", "It took 900 calls in October.")
    'month'
    >>> another_time("How many calls came on Monday?", "On Monday it took 900 calls.") is None
    True
    >>> another_time("What was its budget last year?", "Its budget this year is £2m.")
    'year'
    >>> another_time("How many had arrived by Monday, October 2?", "More than 98,000 had "
    ...              "arrived since September 24.") is None
    True
    """
    asked_pins = _time_pins(question)
    if not any(asked_pins):
        return None
    for kind, asked, said in zip(_TIME_KINDS, asked_pins, _time_pins(text), strict=True):
        if asked and said and not asked & said:
            return kind
    return None


# "When was the article published?", "where was the story filed?": a dateline's question
PUBLISHED = re.compile(r"\b(?:published|filed|dated|written|dateline)\b", re.IGNORECASE)
