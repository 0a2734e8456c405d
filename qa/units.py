"""What unit a question wants an amount in, and how a sentence gives an amount in it.

"How much was the aid worth in dollars?" is answered only by dollars, "what proportion"
by a share, "how much will he earn a week?" by an amount a week, "how much did it cost?"
by money, and any other "how much" by a measured amount (not a count, a date or a rank).
`qa.intent.analyse` reads the unit once per question (`Intent.unit`); `qa.slots` checks it.
"""

from __future__ import annotations

import re

from .news import (
    CURRENCIES,
    DEGREES_ON,
    LENGTH_UNITS,
    MONEY_SIGN,
    NUMBER_WORDS,
    TEMPERATURE_UNITS,
    WEIGHT_UNITS,
)

__all__ = [
    "DIMENSIONS",
    "MEASURED_UNITS",
    "MONEY",
    "RACE_TIME",
    "RATES",
    "SCORE",
    "SCORE_ASKED",
    "UNITS",
    "WORDED_SPAN",
    "asked_unit",
    "asks_money",
    "asks_rate",
    "asks_share",
]

# An amount asked in a unit ("worth in dollars") is given only by an amount in it.
MEASURED_UNITS = {
    "dollars": r"\$|\bdollars?\b|\bUSD\b",
    "euros": r"€|\beuros?\b|\bEUR\b",
    "pounds": r"£|\bpounds?\b|\bsterling\b|\bGBP\b",
    "percent": r"%|\bper ?cent\b|\bpercentage points?\b",
    "kilometres": r"\bkilomet(?:re|er)s?\b|\bkm\b",
    "miles": r"\bmiles?\b",
    "hours": r"\bhours?\b",
    "minutes": r"\bminutes?\b",
    "square kilometres": r"\bsquare (?:kilomet(?:re|er)s?|km)\b|\bkm2\b|km²|\bsq\.? ?km\b",
    "square miles": r"\bsquare miles?\b|\bsq\.? ?mi(?:les?)?\b",
    "cubic metres": r"\bcubic met(?:re|er)s?\b|\bm3\b|m³|\bbcm\b",
    "square metres": r"\bsquare met(?:re|er)s?\b|\bsq\.? ?m\b|\bm2\b|m²",
    "metres": r"(?<!square )(?<!cubic )\bmet(?:re|er)s?\b|\d ?m\b",
    "hectares": r"\bhectares?\b|\bha\b",
    "tonnes": r"\btonnes?\b|\btons?\b",
    "litres": r"\blit(?:re|er)s?\b",
    "kilograms": r"\bkilo(?:gram(?:me)?)?s?\b|\bkg\b",
    "drams": r"\bdrams?\b|\bAMD\b",
}
_UNIT_NAMES = "|".join(sorted(MEASURED_UNITS, key=len, reverse=True))  # "square miles" first
_IN_UNIT = re.compile(
    rf"\bin (?:US |U\.S\. |American |Australian |Canadian )?({_UNIT_NAMES})\b", re.IGNORECASE
)
# An amount asked per period ("earn a week", "weekly wage") is given only per that period.
RATES = {
    f"per {period}": rf"\b(?:per|an?|each|every) {period}\b(?! (?:ago|earlier|later|before|after))"
    rf"|\b{adverb}\b"
    for period, adverb in [
        ("hour", "hourly"),
        ("day", "daily"),
        ("week", "weekly"),
        ("month", "monthly"),
        ("year", "yearly|annual(?:ly)?|per annum"),
    ]
}
# Every unit `Intent.unit` may name, besides "share" and "measure", and how a sentence
# gives an amount in it.
# Money asked by what it does ("how much did it cost", "what will the jobs pay") is given
# only in a currency: "12 tonnes of medicines" is not what the order cost.
MONEY = rf"{MONEY_SIGN}|\b(?:{CURRENCIES}|USD|EUR|GBP|AMD|AZN)\b"
_MONEY_ASKED = re.compile(
    r"(?i)\bhow much\b(?! (?:more|less|of)\b).*\b(?:cost|costs|costing|worth|pay|pays|paid"
    r"|earn|earns|earned|charge|charges|charged|spend|spends|spent|raise|raised|fetch|fetched"
    r"|price|fee|salary|wage"
    r"|rent|budget|profit|funding|revenues?|turnover|income|grant|loan|investment"
    r"|(?:sell|sells|sold|selling|go|goes|went) for)\b"
    r"|(?<!\bby )\bhow much (?:(?!(?:is|are|was|were|did|does|do|will|has|have|had)\b)[\w-]+ )?"
    r"(?:money|cash)\b"  # "how much prize money"
    # what something is, by a verb of being alone: "how much is a ticket?", "how much
    # were the tickets?", "how much is the pension?": its price
    r"|^\W*(?:and |so |but )?how much (?:is|are|was|were|will be|would be)"
    r"(?: (?![\w’'-]*(?:ing|ed)\b)[\w’'-]+){1,7}\s*\??\s*$"
    r"|\bwhat (?:does|did|will|would|do) [\w ’'-]+ (?:cost|pay|earn|charge|be paid|get paid)"
    r"(?= *(?:\?|$|per\b|each\b|an? (?:hour|day|week|month|year)\b))"  # not "pay for"
    # what a price is, by name: "what price per litre", "what's the budget for it?"
    r"|^(?:and |so )?what(?:['’]s| is| was| are| were| will be| would be)?"
    r" (?:the |its |his |her |their |a |an )?(?:[\w’'-]+ ){0,2}?"
    r"(?:price|cost|fare|salary|wage|rent|budget|revenue|turnover|income|funding)s?\b"
)
# "How long" asks for a stretch of time ("for nine months", "a 48-hour strike", "since
# 2016", "for decades") or of space ("a 300-metre bridge"); how long something lasted,
# took or lived, only time. Not an age, an area or a bare count.
_TIME_SPAN = (
    r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)"
    r"|nights?|fortnights?|weekends?|winters?|summers?|seasons?|overnight|since|until|till)\b"
    r"(?!-old)"
    r"|\b\d{1,2}:\d{2}:\d{2}\b"  # hours, minutes, seconds: "the climb took 2:24:12"
)
# A race's time is how long it took, not a time of day: "what was her time?", "the
# winning time", "in what time?"
RACE_TIME = re.compile(
    r"\b(?:his|her|their|its|[\w-]+['’]s|winning|finishing|fastest|best|record) time\b"
    r"(?! of (?:the )?(?:day|year)| to\b)"  # not "the best time of day to spot them"
    r"|\bin what time\b",
    re.IGNORECASE,
)
# What a race's time is given as: a clock ("won in 2:24:12", "1:41:07") or hours,
# minutes and seconds counted ("2 hours, 14 minutes and 37 seconds", "in 94.31 seconds"),
# not the margin it was won by ("by 48 seconds", "40 seconds ahead") nor a wait of years
_RACE_CLOCK = r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b"
_RACE_SPAN = (
    r"(?<!\bby )(?<!\bby just )(?<!\bby only )(?<![\d.])\d+(?:\.\d+)?"
    r" (?:hours?|minutes?|seconds?)\b"
    r"(?!,? (?:ahead|behind|clear|slower|faster|short|outside|off|back|later|earlier)\b)"
)
# A stretch of time given in words: "less than a day", "an hour away", "decades-long
# tensions", "since 1952" (how long is asked; "in 1952" says when)
WORDED_SPAN = re.compile(
    r"\b(?:a|an|half an?|several|a few|one)\s+(?:years?|months?|weeks?|days?|hours?|minutes?"
    r"|decades?|centur(?:y|ies)|nights?|fortnight)\b|\b(?:decades|centuries)(?:-long)?\b"
    r"|\bsince (?:1[89]|20)\d\d\b|\bovernight\b",
    re.IGNORECASE,
)
_LENGTH = rf"(?<!square )(?<!cubic )\b(?:{LENGTH_UNITS}|pages?)\b"
_HOW_LONG = re.compile(r"(?i)\bhow long\b")
# A size asked by its dimension ("how high", "how deep", "how far", "how heavy", "how
# fast", "how hot") is given in a unit of it: "58 metres", "4 tonnes", "60 km/h", "40
# degrees" (a distance also in time: "an hour away");
# "how far ahead/behind/below" and "how far did the shares drop" ask a margin or a
# change, which a share or any unit may give.
_WEIGHT = rf"\b(?:{WEIGHT_UNITS})\b"
_SPEED = (
    r"(?:\b|(?<=\d))(?:km/h|kph|mph|knots?|rpm)\b"  # "90mph"
    r"|\b(?:kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?) (?:an|per)"
    r" (?:hour|second)\b|\b(?:revolutions|rotations|turns) (?:a|per) minute\b"
)
# "how fast" something happened (no motion asked) is how long it took ("within 24 hours",
# "in under two hours") or, for growth, a rate ("grew 8.3 percent"): its pace
_QUICKLY = rf"{_SPEED}|{_TIME_SPAN}|\d\s?(?:%|per ?cent\b|percent\b)"
_MOTION = re.compile(
    r"(?i)\b(?:go|goes|going|went|travel\w*|move[sd]?|moving|fly|flies|flying|flew|run|runs"
    r"|running|ran|drive[sn]?|driving|drove|sail\w*|ride[sn]?|riding|rode|swim\w*|swam"
    r"|speed|top)\b"
)
_TEMPERATURE = rf"°|\b(?:{TEMPERATURE_UNITS})\b|{DEGREES_ON}"
DIMENSIONS = {
    "length": (r"high|tall|deep|wide|thick", _LENGTH),
    "distance": (  # "170 kilometres", or "an hour away by car"
        r"far(?! (?:ahead|behind|back|off|below|above|short)\b)"
        r"(?!.*\b(?:drop|dropped|fall|fell|fallen|rise|rose|risen|slid|slide|slip|slipped"
        r"|decline|declined|climb|climbed|increase|increased|cut|down|up)\b)",
        f"{_LENGTH}|{_TIME_SPAN}",
    ),
    "weight": (r"heavy|much\b[^?]*\bweigh(?:s|ed)?", _WEIGHT),  # "how much does it weigh?"
    "speed": (r"fast|quickly", _SPEED),
    "temperature": (r"hot|cold|warm", _TEMPERATURE),
}
_HOW_DIMENSION = {
    unit: re.compile(rf"(?i)\bhow (?:{asked})\b") for unit, (asked, _) in DIMENSIONS.items()
}
_LASTS = re.compile(  # "how long did it last", "how long has she been leader"
    r"(?i)\bhow long\b.*\b(?:last|lasts|lasted|take|takes|took|taken|live|lives|lived|stay"
    r"|stayed|wait|waited|been|spend|spent|remain|remained|continue|continued|serve|served"
    r"|go on|went on|run|ran|keep|kept)\b"
)
# A result asked for ("what was the final score?", "what was the vote?", "how did the board
# vote?") is given by its two sides: "won 4-3", "by 298 votes to two", "by seven to three",
# "12 in favour", "unanimously". A score or a vote tells no other amount.
SCORE_ASKED = re.compile(
    r"\b(?:the|its|their|final|half-time|full-time) (?:final )?(?:score|scoreline|tally)\b"
    r"|\bwhat (?:was|is|were) (?:the )?(?:[\w’'-]+ ){0,4}(?:vote|ballot)\b"
    r"|\bhow did (?:the )?[\w’' -]+? vote\b"
    r"|\b(?:result|outcome) of (?:the |their |its )?(?:[\w’'-]+ ){0,3}(?:match|game|final|vote"
    r"|ballot)\b",
    re.IGNORECASE,
)
_TALLY = r"(?:\d[\d,]*|" + "|".join(NUMBER_WORDS.split()) + r"|none|nil)"
SCORE = (
    r"(?<![\w.,-])\d{1,3} ?[-–] ?\d{1,3}(?![\w-])"
    rf"|\b{_TALLY} votes? (?:to|against) {_TALLY}\b"
    rf"|\b(?:by|voted) {_TALLY} (?:votes )?to {_TALLY}\b"
    rf"|\b{_TALLY} (?:in favou?r|against|abstentions?)\b|\bunanimous(?:ly)?\b"
)
# How a rate is given: a number in percent, or none at all ("the loan is interest-free")
RATE_GIVEN = (
    rf"\d\s?(?:{MEASURED_UNITS['percent']})|\binterest[- ]free\b|\b(?:zero|no) interest\b"
)
UNITS = {
    **MEASURED_UNITS,
    **RATES,
    "money": MONEY,
    "rate": RATE_GIVEN,
    "score": SCORE,
    "duration": _TIME_SPAN,
    "race time": f"{_RACE_CLOCK}|{_RACE_SPAN}",
    "duration or length": f"{_TIME_SPAN}|{_LENGTH}",
    **{unit: given for unit, (_, given) in DIMENSIONS.items()},
    "pace": _QUICKLY,
}
# "How much" asks for a measured amount (money, land, a share), not a count or a date;
# "how much of", "how much time/longer" and "by how much" ask something else.
_HOW_MUCH = re.compile(
    r"(?i)(?<!\bby )\bhow much\b(?! (?:of|time|longer|later|earlier|more|less)\b)"
)
_WHAT_SHARE = re.compile(  # a share is given as a part of a whole: "21 per cent", "half"
    r"(?i)\b(?:what|which) (?:share|percentage|proportion|fraction)\b|\bhow many per ?cent\b"
)


# A rate news gives as a percentage, asked by name: "what interest rate does the loan
# carry?", "at what interest rate?", "what was the jobless rate?" (not "did the bank raise
# interest rates?", which asks whether)
_RATE_ASKED = re.compile(
    r"(?i)\b(?:what|which|how high|how low)\b[^?]*?\b(?:interest|inflation|unemployment"
    r"|jobless|growth|survival|mortality|tax|mortgage|refinancing|turnout|vacancy|occupancy)"
    r" rates?\b|\bwhat rate of (?:interest|inflation|growth|unemployment)\b"
    r"|\bwhat interest\b(?! group)"
)


def asks_rate(question: str) -> bool:
    """Whether `question` asks a rate by name, given as a percentage.

    >>> asks_rate("What interest rate does the loan carry?"), asks_rate("At what interest rate?")
    (True, True)
    >>> asks_rate("Did the bank raise interest rates?"), asks_rate("What is the exchange rate?")
    (False, False)
    """
    return bool(_RATE_ASKED.search(question))


def asks_share(question: str) -> bool:
    """Whether `question` asks for a part of a whole ("what share of voters"): answered
    by a percentage or a fraction, not by a count of the voters.

    >>> asks_share("What proportion of the participants were women?")
    True
    >>> asks_share("How many participants were women?")
    False
    """
    return bool(_WHAT_SHARE.search(question))


def asks_money(question: str) -> bool:
    """Whether `question` asks an amount of money, in any other unit it names too ("how
    much does it pay for power each year?" asks money a year).

    >>> asks_money("How much does it pay for power each year?"), asks_money("How much a day?")
    (True, False)
    """
    return bool(_MONEY_ASKED.search(question))


def asked_unit(question: str) -> str | None:
    """The unit a question wants its amount in, if it says: a currency or measure ("in
    dollars"), a share, a rate ("a week"), or "measure" for any measured amount ("how
    much", which a count, a date or a rank does not answer).

    >>> asked_unit("How much was the aid worth in dollars?"), asked_unit("Who paid for it?")
    ('dollars', None)
    >>> asked_unit("What proportion of the players were local?")
    'share'
    >>> asked_unit("What interest rate will the co-op pay on the loan?")
    'rate'
    >>> asked_unit("How much will he earn a week?"), asked_unit("What is his weekly wage?")
    ('per week', 'per week')
    >>> asked_unit("How much land was cleared?"), asked_unit("By how much did he win?")
    ('measure', None)
    >>> asked_unit("How many died a year ago?") is None
    True
    >>> asked_unit("How much did the order cost?"), asked_unit("What will the jobs pay?")
    ('money', 'money')
    >>> asked_unit("What will the new cellar manager be paid?")
    'money'
    >>> asked_unit("What price per litre are they paid?"), asked_unit("What's the budget?")
    ('money', 'money')
    >>> asked_unit("How much funding did it get?"), asked_unit("What was the firm's revenue?")
    ('money', 'money')
    >>> asked_unit("How long did the strike last?"), asked_unit("How long is the bridge?")
    ('duration', 'duration or length')
    >>> asked_unit("How high does it climb?"), asked_unit("How far behind was she?")
    ('length', None)
    >>> asked_unit("How far did she swim?"), asked_unit("How far did the shares drop?")
    ('distance', None)
    >>> asked_unit("How heavy is it?"), asked_unit("How fast can it go?"), asked_unit("How hot?")
    ('weight', 'speed', 'temperature')
    >>> asked_unit("How fast did the economy grow?"), asked_unit("how quickly did it sell out?")
    ('pace', 'pace')
    >>> asked_unit("How much does an adult weigh?")
    'weight'
    >>> asked_unit("What was the final score?"), asked_unit("How did the board vote?")
    ('score', 'score')
    >>> asked_unit("What was her winning time?"), asked_unit("In what time?")
    ('race time', 'race time')
    >>> asked_unit("What's the best time of day to spot nests?") is None
    True
    """
    if SCORE_ASKED.search(question) and not re.search(r"(?i)\bhow (?:many|much)\b", question):
        return "score"
    m = _IN_UNIT.search(question)
    if m:
        return m.group(1).lower()
    if RACE_TIME.search(question):
        return "race time"
    if _HOW_LONG.search(question):
        return "duration" if _LASTS.search(question) else "duration or length"
    dimension = next((u for u, p in _HOW_DIMENSION.items() if p.search(question)), None)
    if dimension == "speed" and not _MOTION.search(question):
        return "pace"  # "how fast did the army do its job?": "within 24 hours"
    if dimension is not None:
        return dimension
    if asks_rate(question):
        return "rate"
    if asks_share(question):
        return "share"
    rate = next((r for r, p in RATES.items() if re.search(p, question, re.IGNORECASE)), None)
    if rate is not None:
        return rate
    if _MONEY_ASKED.search(question):
        return "money"
    return "measure" if _HOW_MUCH.search(question) else None
