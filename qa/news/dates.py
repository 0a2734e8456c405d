"""Dates, days of a month and times of day as news writes them ("Sept. 28", "6 December",
"shortly after midnight"), and a dateline standing alone."""

from __future__ import annotations

import calendar
import re

__all__ = [
    "MADE_IN",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "WEEKDAYS",
    "YEAR",
    "date_spans",
    "dates_in",
    "days_in",
    "has_clock_time",
    "has_time",
    "is_dateline",
    "tells_when",
]

# The calendar's words, lower case: a date, never anyone's name
WEEKDAYS = frozenset(day.lower() for day in calendar.day_name)
MONTHS = frozenset(month.lower() for month in calendar.month_name[1:])

# News style abbreviates months before a day: "Sept. 28", "Oct. 12 and 13", and wire
# style without the point: "Sept 6", "Dec 12".
_MONTH_ABBREVIATIONS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
MONTH_ABBREVIATIONS = frozenset(_MONTH_ABBREVIATIONS)  # a date too: "per Sept 30"
_ABBREVIATED = rf"(?:{'|'.join(_MONTH_ABBREVIATIONS)})\.?(?= \d)"
# how many days, weeks or years a stretch of time is: "within 24 months", "five days later"
_HOW_MANY = (
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen"
    r"|twenty|thirty|forty|fifty|sixty)"
)
_DATE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|june|july|august|september|october|november|december|"
    rf"{_ABBREVIATED}|"
    r"(?:1[89]|20)\d\ds?|yesterday|today|tonight|last (?:week|month|year)|"
    r"(?:this|next) (?:week|month|year)"
    # a season, a stretch ahead, an end: "next spring", "within 24 months", "before the
    # end of the year", "after the first six months"
    r"|(?:this|next|last|in the|by the|until the|since the|since last|early|late)"
    r" (?:spring|summer|autumn|fall|winter)"
    rf"|(?:within|after|in) (?:the (?:first |next )?)?{_HOW_MANY}"
    r" (?:days|weeks|months|years|day|week|month|year)"
    r"|(?:by|before|until) the end of (?:the|this|next) (?:week|month|year|season)"
    # a century, and a time told from another: "in the 13th century", "five days later",
    # "in the coming days"
    r"|\d{1,2}(?:st|nd|rd|th) century|in the coming (?:days|weeks|months|years)"
    rf"|{_HOW_MANY} (?:days?|weeks?|months?|years?|decades?)"
    r" (?:later|earlier|ago|before|after))"
    r"(?:\b|(?<=\.))",
    re.IGNORECASE,
)
# "May" is a month where news writes one ("in May", "by the end of May", "mid-May"), not
# the verb "may"
_MAY = re.compile(
    r"(?:\b(?i:in|of|since|by|until|till|from|to|through|early|late|last|next|this|and)"
    r" |\bmid-)May\b"
)
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    f"|{_ABBREVIATED}"
)
# A day of a month: "6 December", "December 6th", "Sept. 28"
_DAY = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_NAMES})|({_MONTH_NAMES}) (\d{{1,2}})"
    r"(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
# A time by the clock: "3 a.m.", "14:30", "noon", "six o'clock"
_CLOCK_TIMES = (
    r"\d{1,2}(?:[:.]\d{2})?\s?(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}|midnight|noon|midday|o'clock"
)
_CLOCK = re.compile(  # and "7.45 in the morning"
    rf"\b({_CLOCK_TIMES}|(?:\d{{1,2}}(?:[:.]\d{{2}})?|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve) in the (?:morning|afternoon|evening))(?!\w)",
    re.IGNORECASE,
)
# A time of day: those, or "at dawn", "in the morning", "shortly after midnight"
_TIME = re.compile(
    rf"\b({_CLOCK_TIMES}|dawn|dusk|daybreak|sunrise|sunset|morning|afternoon|evening"
    r"|overnight|night|local time|gmt|utc)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?:1[89]|20)\d\ds?")  # "2,000" is no year: the comma rules it out
# When a thing was made, which tells its age: "built in 1878", "dates from 1858", "founded
# in 1998", "dating back to the 12th century"
MADE_IN = re.compile(
    r"\b(?:(?:re)?built|founded|established|opened|completed|erected|constructed|launched|made"
    r"|dat(?:es|ed|ing)(?: back)?)(?: (?:in|from|to))? (?:the )?"
    r"(?:1\d{3}s?|20\d\ds?|\d{1,2}(?:st|nd|rd|th) century)\b",
    re.IGNORECASE,
)
# "MASIS, Armenia, 2 October 2023", "BRANWELL, 14 March 2024": a place in capitals, a date
_DATELINE = re.compile(
    r"[A-Z][A-Z'’/ -]{2,}(?:, [A-Z][a-z'’]+(?: [A-Z][a-z'’]+)*)*"  # MASIS, Armenia
    r"(?:,? (?:[A-Z][a-z]+\.?|\d{1,2}(?:st|nd|rd|th)?))*,? (?:1[89]|20)\d\d"  # , 2 October 2023
)
MAX_DATELINE = 80  # characters: a dateline is short


# What news writes of what is still to come: a modal, a plan, a schedule, "next", a
# delay to a later date ("postponed to", "until"), "yet to"
_AHEAD = re.compile(
    r"(?i)\b(?:will|(?:would|should|could|may|might)(?! have\b)|shall|wo(?:n't|n’t)|going to"
    r"|expect\w*|due"
    r"|plan\w*|schedul\w*|set to|intend\w*|aim\w*|hop(?:e|es|ing)|(?:is|are|was|were) to"
    r"|next|until|upcoming|coming|later this|soon|yet to|not yet|postpone\w*|delay\w*"
    r"|reschedul\w*|moved to|pushed back|starting|from (?:today|tomorrow|now))\b"
)


def speaks_ahead(text: str) -> bool:
    """Whether `text` speaks of what is still to come, as "when will it reopen?" asks: a
    sentence wholly in the past tells when something happened, not when it will.

    >>> speaks_ahead("The bridge will reopen in April."), speaks_ahead("It is due to open in May.")
    (True, True)
    >>> speaks_ahead("The fishery was closed in 2018.")
    False
    >>> speaks_ahead("An amendment would have moved it to the smaller lake.")  # it did not
    False
    """
    return bool(_AHEAD.search(text))


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` gives a date or a time of day by the clock (character offsets).

    >>> t = "The hall, built in 1838, opened at 9 a.m. on Monday."
    >>> [t[a:b] for a, b in date_spans(t)]
    ['1838', 'Monday', '9 a.m.']
    """
    return [m.span() for pattern in (_DATE, _CLOCK) for m in pattern.finditer(text)]


def has_time(text: str) -> bool:
    """Whether `text` tells a time of day (a weekday or a year is no time of day).

    >>> has_time("shortly after midnight on November 10"), has_time("On Tuesday, in 2020")
    (True, False)
    """
    return bool(_TIME.search(text))


# A time told by another event rather than a date: "at a time when the Soviet Union was
# on the verge of collapse", "When the hostilities broke out, ...", "within days",
# "minutes before it began", "the day a treaty is signed" ("as soon as" and "once" are
# not: "as soon as possible" tells no time, "would pay $30 million once it reached full
# production" tells no time of reaching it)
_TIME_CLAUSE = re.compile(
    r"^[\"“]?When\b|\bat (?:a|the) time when\b"
    r"|\bwithin (?:days|weeks|hours|minutes|months)\b"
    r"|\b(?:seconds|minutes|hours|days|weeks)\W* (?:before|after)\b"
    r"|\b(?:on )?the day (?:a|the|that|when|it|they)\b",
    re.IGNORECASE,
)


def tells_when(text: str) -> bool:
    """Whether `text` tells when something happened by another event, as news often
    does in place of a date.

    >>> tells_when("It was carved out at a time when the Soviet Union was collapsing.")
    True
    >>> tells_when("When the hostilities broke out, troops began evacuating civilians.")
    True
    >>> tells_when("Civilians can leave within days.")
    True
    >>> tells_when("He said he did not know when the road would reopen.")
    False
    """
    return bool(_TIME_CLAUSE.search(text))


def has_clock_time(text: str) -> bool:
    """Whether `text` tells a time by the clock, which "what time?" asks for ("in the
    evening" tells only a part of the day).

    >>> has_clock_time("The match began at 6 pm."), has_clock_time("It began on Saturday evening.")
    (True, False)
    """
    return bool(_CLOCK.search(text))


def dates_in(text: str) -> set[str]:
    """Day names, months, years, decades and days of a month ("May 29", though "may"
    alone is no month).

    >>> sorted(dates_in("On Tuesday, as in the early 1990s and in 2020"))
    ['1990s', '2020', 'tuesday']
    >>> sorted(dates_in("The court sat on Oct. 12 and 13, and again on May 29."))
    ['12 october', '29 may', 'october']

    Wire style drops the point ("Sept 6"); a date may lie ahead or be a season:

    >>> sorted(dates_in("Peskov said on Sept 6 that the next talks are on Dec 12."))
    ['12 december', '6 september', 'december', 'september']
    >>> sorted(dates_in("It is due next spring; deliveries within 24 months."))
    ['next spring', 'within 24 months']
    >>> sorted(dates_in("Planned since the spring, it ends within eighteen months."))
    ['since the spring', 'within eighteen months']

    "May" where it is a month, a century, and a time told from another:

    >>> sorted(dates_in("It opened in May; it may close by the end of May.")), dates_in("It may.")
    (['may'], set())
    >>> sorted(dates_in("It dates from the 13th century; he came five days later."))
    ['13th century', 'five days later']
    """
    dates = {_month(m.lower().strip()) for m in _DATE.findall(text)}
    return dates | days_in(text) | ({"may"} if _MAY.search(text) else set())


def days_in(text: str) -> set[str]:
    """The days of a month `text` names, as "day month".

    >>> sorted(days_in("Queues formed on 6 December and on March 3rd, not in 2021."))
    ['3 march', '6 december']
    >>> days_in("asking the court on Sept. 28 for emergency measures")
    {'28 september'}
    """
    return {
        f"{int(m.group(1) or m.group(4))} {_month((m.group(2) or m.group(3)).lower())}"
        for m in _DAY.finditer(text)
    }


def when_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` names a day of a month (`days_in`) or an hour by "a.m." or "p.m.", as
    character offsets: numbers that tell when, never how many ("13:00" and "2:24:12" may
    be a race's time, and stay out).

    >>> t = "on Sept. 28 at 9 a.m., 2,000 left; by 13:00, 300"
    >>> [t[a:b] for a, b in when_spans(t)]
    ['Sept. 28', '9 a.m.']
    """
    return [m.span() for pattern in (_DAY, _BY_HOUR) for m in pattern.finditer(text)]


_BY_HOUR = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)", re.IGNORECASE)


def is_dateline(text: str) -> bool:
    """Whether `text` is an article's dateline on a line of its own (where and when it
    was filed): it tells no fact a question asks for.

    >>> is_dateline("MASIS, Armenia, 2 October 2023"), is_dateline("YEREVAN, Monday, May 9, 2023")
    (True, True)
    >>> is_dateline("GORIS, Armenia - More than 65,400 people have crossed since 2023")
    False
    """
    return len(text) <= MAX_DATELINE and bool(_DATELINE.fullmatch(text.strip()))


def _month(word: str) -> str:
    """A month's full name for its news-style abbreviation ("sept." -> "september")."""
    return _MONTH_ABBREVIATIONS.get(word.rstrip("."), word)
