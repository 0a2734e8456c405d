"""Numbers, amounts, shares and what a number counts, as news writes them ("192 of its
servicemen", "a 125-seat chamber", "roughly a third", "£62m", "150,000 kroner")."""

from __future__ import annotations

import re

from vectorstore.text import STOPWORDS, normalize_numbers

from .dates import YEAR, when_spans

__all__ = [
    "CURRENCIES",
    "DEGREES_ON",
    "LENGTH_UNITS",
    "NUMBER_WORDS",
    "POPULATION",
    "TEMPERATURE_UNITS",
    "WEIGHT_UNITS",
    "amounts_in",
    "counted_words",
    "counts_in",
    "gives_part",
    "gives_share",
    "measures",
    "number_spans",
    "number_value",
    "numbers_in",
]

COUNTED_WORDS = 4  # words after a number that may name what it counts
# the words news puts before a figure it rounds or bounds: "about 2,000", "more than 200"
_ABOUT = r"(?:(?:about|around|some|nearly|almost|roughly|over|more than|fewer than|up to|just) )?"
_SMALL_NUMBERS = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TIMES = ("twice", "thrice")  # "postponed twice": a count of times, as "two times"
_NUMBER_WORD = "|".join(_SMALL_NUMBERS + _TENS)  # a number written out: "forty", "seven"
NUMBER_WORDS = (
    f"{' '.join(_SMALL_NUMBERS)} {' '.join(_TENS)} dozen dozens hundred hundreds "
    f"thousand thousands million millions billion half {' '.join(_TIMES)}"
)
_SCALED = r"(?=(?:m|bn|mn|k|(?-i:C|F))?\b)"  # "£62m", "$3bn", "rose by 1.3C"
# where a number starts: a word boundary, or right after a currency written as letters
# ("R25", rand; "Rs500", rupees)
_STARTS = r"(?:\b|(?<=\bR)|(?<=\bRs))"
_NUMBER = re.compile(
    rf"{_STARTS}(\d+(?:\.\d+)?%?{_SCALED}|(?:{'|'.join(NUMBER_WORDS.split())})\b)", re.IGNORECASE
)
_RAW_NUMBER = re.compile(
    rf"{_STARTS}(\d{{1,3}}(?:,\d{{3}})+{_SCALED}|\d+(?:\.\d+)?%?{_SCALED}"
    rf"|(?:{'|'.join(NUMBER_WORDS.split())})\b)",
    re.IGNORECASE,
)
# "192 of its servicemen", "74 of its 370 employees": what the whole counts
_OF_OWNER = re.compile(
    r"\s+of\s+(?:its|their|his|her|our|the|these|those|them)(?:\s+[\d,]+(?=\s))?(?=[\s.,;:])", re.I
)
# "her staff of 14", "a crew of nine": a group counted by the number after it (not "a
# total of 96", which the words after the number name)
_GROUP_OF = re.compile(
    r"\b(?!(?:total|average|maximum|minimum|sum|figure|number|rate|age|one|each|all|some|most"
    rf"|any|none|part|half)\b)([a-z][a-z-]+) of {_ABOUT}$"
)
# "my crew are 11 men", "the team numbers 12": a group counted by what it is said to be
_GROUP_IS = re.compile(
    r"\b(?i:my|our|his|her|their|its|the) ([a-z][a-z-]+) (?:are|is|was|were|numbers|numbered)"
    rf" (?:now )?{_ABOUT}$"
)
# "cut her staff from six to two": the group whose size changed
_GROUP_FROM = re.compile(
    rf"\b(?:her|his|its|their|our|the) (?:[a-z-]+ )?([a-z][a-z-]+) from {_ABOUT}$"
)
# "the number of entries had more than doubled, to 412": what the number is the number of
_CLAUSE = re.compile(r"\b(?:with|while|whereas|but|who|which|when)\b|;")
_NUMBER_OF = re.compile(r"\bnumber of (?:the |new |all )?([a-z][a-z'’-]*)(?: ([a-z][a-z'’-]*))?")
# "call-outs had risen to 212": what rose is what the number counts
_ROSE_TO = re.compile(
    r"\b([A-Za-z][\w-]*[a-z]s) (?:had |have |has )?(?:risen|rose|fallen|fell|grown|grew|climbed"
    rf"|increased|dropped|doubled|reached) (?:to )?{_ABOUT}$"
)
# a noun joined by "and"/"or" to the one before ("deck and engine staff"), not a verb
_AND_NOUN = re.compile(r"\s+(?:and|or)\s+([a-z][a-z'’-]*[a-z])\b(?<!ed)(?<!ing)")
# what a counted group is said to be: "N of the arrivals were children"
_WERE_NOUN = re.compile(r"\s+(?:were|are|was|is)\s+([a-z][a-z'’-]*[a-z])\b(?<!ed)(?<!ing)")
_COMPOUND = re.compile(r"-([a-z]+)\b(?!-)")  # "125-seat", not "34-year-old"
# a verb after a number ("14,212 finished,"), not an adjective ("63 wounded people")
_DONE = re.compile(r"[a-z]{3,}ed(?=[,;.:)]|\s+(?:and|or|so|by|in|at|on|to|from|since)\b)")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'’-]*)")
# what "of them" counts when nothing before was counted: the last plural noun before it
# (not one after a pronoun: "she says")
_THEM = frozenset(["them", "these", "those"])
_PLURAL_BEFORE = re.compile(r"(?<!\b[Hh]e )(?<!\b[Ss]he )(?<!\bit )\b([a-z][a-z-]{2,}[^s\W]s)\b")
_CURRENCY_SIGNS = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen", "R": "rand"}
# an amount's currency written before it: a sign ("$12", "£3m") or letters ("R25", rand;
# "Rs500", rupees; `_STARTS` lets a number begin right after them)
MONEY_SIGN = r"(?-i:[$£€¥]\s?|\bRs?\.? ?)(?=\d)"
_MORE_OF = frozenset(["other", "more"])  # what the number adds to: the noun after counts
# A part of a whole: "21 per cent", "a third", "one in five", "3 out of 10".
_FRACTION = r"(?:a|one|two|three|four)[ -](?:third|quarter|fifth)s?"
_SHARE = re.compile(
    rf"\d\s?%|(?:\d\s?|\b(?:{_NUMBER_WORD})"  # "21 per cent", "Forty percent"
    rf"(?:[- ](?:{'|'.join(_SMALL_NUMBERS)}))? )(?:per ?cent|percentage points?)\b"
    rf"|\b(?:half|{_FRACTION}"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|\d+) (?:in|out of) (?:every )?\w+)\b",
    re.IGNORECASE,
)
# A change by a fraction of the whole: "fell by about a third", "a fifth more"; not an
# ordinal before its noun ("a third flight") nor a part of a count ("a third of them")
_CHANGED_BY = re.compile(
    rf"\bby {_ABOUT}(?:half|{_FRACTION})\b"
    rf"|\b{_FRACTION} (?:more|less|fewer|higher|lower|cheaper|bigger|smaller)\b",
    re.IGNORECASE,
)
# Currencies as news names them, for an amount of money ("150,000 kroner", "9 pounds")
CURRENCIES = (
    r"dollars?|euros?|pounds?|drams?|manats?|francs?|r[ou]+bles?|lari|yen|yuan|rupees?"
    r"|kron[aeo]r?|krone|crowns?|zloty|lir[ae]|shillings?|pence|(?<!per )cents?|shekels?|dinars?"
    r"|dirhams?|rand|pesos?|reais"
    # words that are money only after an amount: "18 per cent", "it won", "a real change"
    r"|(?:(?<=\d )|(?<=illion ))(?:won|real)"
)
# The units news gives a length, a weight or a temperature in (`qa.units` reads them for
# "how high", "how heavy", "how hot"; any of them measures what "how much" asks)
LENGTH_UNITS = (
    r"(?:kilo|centi|milli)?met(?:re|er)s?|km|miles?|feet|foot|ft|yards?|inch(?:es)?|cm|mm"
)
WEIGHT_UNITS = r"tonnes?|tons?|kilo(?:gram(?:me)?)?s?|kg|grams?|g|lbs?|ounces?|oz"
TEMPERATURE_UNITS = r"degrees?|celsius|fahrenheit"
DEGREES_ON = r"\d(?-i:[CF])\b"  # degrees written against their number: "rose by 1.3C"
_HOW_MANY_LIVE = rf"{_ABOUT}[\d,.]+(?: million| thousand)?"
# how news gives a place's population without the word: "a city of about 119,000 people",
# "which has about 11,000 ethnic Armenian residents", "where about 3,100 people live",
# "80,000 people of Armenian descent live", "home to more than 800 species of cichlid"
POPULATION = re.compile(
    rf"\b(?:(?:city|town|village|country|nation|island|region|community|district) of "
    rf"{_HOW_MANY_LIVE} (?:people|residents|inhabitants)"
    rf"|(?:has|had|have|with) {_HOW_MANY_LIVE} (?:[\w-]+ ){{0,2}}(?:residents|inhabitants)"
    rf"|{_HOW_MANY_LIVE} (?:[\w’'-]+ ){{0,4}}(?:live|lived|living)"
    rf"|home to\b[^.;]*?\d)\b",
    re.IGNORECASE,
)

# the units an amount of something measured is given in ("9,800 hectares", "£62m")
_MEASURE_UNITS = (
    r"(?:%|°|per ?cent|percentage points?|(?:[a-z]+-)?(?:hectares?|acres?|kilo\w*|litres?"
    rf"|liters?|gallons?|barrels?|{LENGTH_UNITS}|{WEIGHT_UNITS}|{TEMPERATURE_UNITS}|knots?"
    rf"|square|cubic|watts?|\w*watt[- ]hours?|mwh|gwh|kwh|{CURRENCIES})\b"
    rf"|(?-i:[A-Z][a-z]+) (?:{CURRENCIES})\b)"  # "5,000 Canadian dollars"
)
# an amount in words before its unit: "two hectares", "half a hectare"
_AMOUNT_WORDS = rf"(?:{_NUMBER_WORD}|several|a few(?: more)?|half an?)"
_TIME_UNIT = r"(?:second|minute|hour|day|week|month|year|decade)"
# a stretch of time ("slept for three hours", "six months' notice", "a month's warning",
# "a year of data"), not a count of days on which something happened ("snow on 12 days")
_DURATION = (
    rf"(?<!\bon )(?:\d[\d,.]*|{_AMOUNT_WORDS}) {_TIME_UNIT}s?(?!-old| old)\b"
    rf"|\ban? {_TIME_UNIT}(?:['’]s| of)(?= \w)"
)
_MEASURE = re.compile(
    rf"{MONEY_SIGN}\d|\d(?:[\d,.]*)(?:\s?(?:million|billion|thousand|bn|m|k))?\s?{_MEASURE_UNITS}"
    rf"|\b{_AMOUNT_WORDS} (?!(?:square|cubic|degrees?|yards?|foot|feet|pounds?)\b){_MEASURE_UNITS}"
    rf"|\b{_DURATION}"
    rf"|{DEGREES_ON}"
    r"|\b(?:(?:two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|\d+-?)fold"
    r"|(?:doubl|tripl|quadrupl)(?:e|ed|ing))\b",  # "grew roughly fourfold", not "Sunfold"
    re.IGNORECASE,
)


def number_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` gives a number, in digits or words (character offsets).

    >>> t = "It evacuated 2,000 people, including seven children."
    >>> [t[a:b] for a, b in number_spans(t)]
    ['2,000', 'seven']
    """
    return [m.span(1) for m in _RAW_NUMBER.finditer(text)]


def numbers_in(text: str) -> set[str]:
    """Numbers (digits or number words), thousands separators dropped.

    >>> sorted(numbers_in("over 2,000 people, including 1,049 children and two dogs"))
    ['1049', '2000', 'two']
    """
    return {m.lower() for m in _NUMBER.findall(normalize_numbers(text))}


def amounts_in(text: str) -> set[str]:
    """Numbers that can count or measure something: a year or decade ("1994", "the
    1990s"), a day of a month ("Sept 20", "7 October") or an hour ("9 a.m.") answers
    "when", not "how many" or "how large".

    >>> sorted(amounts_in("In 1994, over 2,000 people and 1,049 children; the 1990s"))
    ['1049', '2000']
    >>> sorted(amounts_in("a £62m fee, a $3bn deal, the 3rd round"))
    ['3', '62']
    >>> sorted(amounts_in("ETCHMIADZIN, Sept 20 - Thousands gathered; 6,000 by 7 October"))
    ['6000', 'thousands']
    """
    when = when_spans(text)
    return {
        normalize_numbers(m.group()).lower()
        for m in _RAW_NUMBER.finditer(text)
        if not YEAR.fullmatch(m.group()) and not any(a <= m.start() < b for a, b in when)
    }


def measures(text: str) -> bool:
    """Whether `text` gives an amount of something measured: money, or a number with a
    unit ("9,800 hectares", "1.2 gigawatt-hours", "15 per cent"). "How much" asks for
    one; a rank, a time or an age is no answer.

    >>> measures("It cleared about 9,800 hectares."), measures("He was third in 2:11:05.")
    (True, False)
    >>> measures("a prize of 5,000 Canadian dollars"), measures("5,000 Canadian fans")
    (True, False)
    >>> measures("Soil temperatures rose by 1.3C."), measures("Group C drew 1-1.")
    (True, False)
    >>> measures("a grant of 150,000 drams"), measures("It offered $45 million in aid.")
    (True, True)
    >>> measures("The win is worth 150,000 kroner in prize money.")
    True
    >>> measures("It rose by about 0.5 degrees Celsius."), measures("It grew 12 centimetres.")
    (True, True)

    A change by a fraction of the whole is a measure too ("cutting emissions by about a
    third"), but not a part of a count, nor an ordinal before its noun:

    >>> measures("It cut emissions by about a third."), measures("A third of them left.")
    (True, False)
    >>> measures("It added a third flight.")
    False

    An amount in words or a multiple measures too, a bare count does not:

    >>> measures("Pember has planted two hectares."), measures("half a hectare of vines")
    (True, True)
    >>> measures("Swarms have grown roughly fourfold."), measures("Volumes could triple.")
    (True, True)
    >>> measures("Sunfold Energy made a bid.")  # a name, no multiple
    False
    >>> measures("It generated 4,120 megawatt hours."), measures("Two squares were closed.")
    (True, False)

    A stretch of time measures (sleep, notice, footage), a count of days does not:

    >>> measures("He had slept for three hours."), measures("It snowed on 12 days in May.")
    (True, False)
    """
    return bool(_MEASURE.search(text) or _CHANGED_BY.search(text))


def gives_share(text: str) -> bool:
    """Whether `text` gives a part of a whole: what "what share (percentage, proportion)
    of voters ..." asks for, whatever the sentence calls the voters.

    >>> gives_share("About 21 per cent of those asked backed it."), gives_share("21 voters")
    (True, False)
    >>> gives_share("One in five households lost power."), gives_share("Half of them left.")
    (True, True)
    >>> gives_share("About two-thirds of them are of school age.")
    True
    """
    return bool(_SHARE.search(text))


def number_value(number: str) -> float:
    """The value of a number as `numbers_in` gives it (0 for a vague one: "dozens").

    >>> number_value("2000"), number_value("12.5%"), number_value("seven"), number_value("dozens")
    (2000.0, 12.5, 7.0, 0.0)
    """
    digits = re.match(r"\d+(?:\.\d+)?", number)
    if digits:
        return float(digits.group())
    word = number.lower()
    if word in _SMALL_NUMBERS:
        return float(_SMALL_NUMBERS.index(word) + 1)
    if word in _TIMES:
        return float(_TIMES.index(word) + 2)
    return float(10 * (_TENS.index(word) + 3)) if word in _TENS else 0.0


def counted_words(sentence: str) -> list[list[str]]:
    """What each number in `sentence` counts: the words of the noun phrase after it,
    as written (up to `COUNTED_WORDS`); a bare number counts what the last one did.

    >>> counted_words("troops killed at least 32 people and injured more than 200.")
    [['people'], ['people']]
    >>> counted_words("In 2020 it evacuated over 2,000 people, including 1,049 children.")
    [['people'], ['children']]
    >>> counted_words("this includes two full-scale wars and five new bus routes")
    [['full-scale', 'wars'], ['new', 'bus', 'routes']]
    >>> counted_words("It said 192 of its servicemen had been killed.")
    [['servicemen']]
    >>> counted_words("about 260 deck and engine staff; 1,300 of the arrivals were children")
    [['deck', 'engine', 'staff'], ['arrivals', 'children']]
    >>> counted_words("around 11,000 onshore and offshore wind turbines")
    [['onshore', 'offshore', 'wind', 'turbines']]
    >>> counted_words("the 125-seat chamber")
    [['seat']]
    >>> counted_words("14,600 runners started, and 14,212 finished; 74 of its 370 employees")
    [['runners'], ['runners'], ['employees'], ['employees']]
    >>> counted_words("It took in 63 wounded people, nine of them in critical condition.")
    [['wounded', 'people'], ['wounded', 'people']]
    >>> counted_words("They wanted doors and, to his surprise, beehives: he has made 22 of them.")
    [['beehives']]

    A bare number is read by what it is said to be, whose size changed, or what it is
    the number of:

    >>> counted_words("Of the 340 residents, 117 are children; 74 were homes.")
    [['residents'], ['children'], ['homes']]
    >>> counted_words("She had cut her staff from six to two.")
    [['staff'], ['staff']]
    >>> counted_words("My crew are 11 men.")
    [['crew', 'men']]
    >>> counted_words("The number of entries had more than doubled, to 412.")
    [['entries']]
    >>> counted_words("The number of volunteers grew, with many newcomers under 30.")
    []
    """
    return [phrase for _, phrase in counts_in(sentence)]


def counts_in(sentence: str) -> list[tuple[str, list[str]]]:
    """Each number of `sentence` (thousands separators dropped) with what it counts
    (`counted_words`).

    >>> counts_in("It evacuated over 2,000 people, including 1,049 children.")
    [('2000', ['people']), ('1049', ['children'])]
    >>> counts_in("She was joined by 11 other women.")
    [('11', ['women'])]
    >>> counts_in("It offers 5 million drams, about $12,900.")
    [('million', ['drams']), ('12900', ['dollars'])]
    >>> counts_in("The card costs R25.")  # rand, written as a letter before the amount
    [('25', ['rand'])]
    """
    out: list[tuple[str, list[str]]] = []
    groups: list[list[str]] = []  # what "of them" may mean: not a "one-day" or "48-hour"
    for m in _RAW_NUMBER.finditer(sentence):
        if YEAR.fullmatch(m.group()):
            continue  # a year or decade counts nothing ("2,000" is not a year)
        before = max(0, m.start() - 40)
        group = (
            _GROUP_OF.search(sentence, before, m.start())
            or _ROSE_TO.search(sentence, before, m.start())
            or _GROUP_FROM.search(sentence, before, m.start())
            or _GROUP_IS.search(sentence, before, m.start())
        )
        phrase: list[str] = [group.group(1)] if group else []
        symbol = _CURRENCY_SIGNS.get(sentence[max(0, m.start() - 1) : m.start()])
        if symbol and not phrase:  # "$12,900": dollars
            out.append((normalize_numbers(m.group()).lower(), [symbol]))
            continue
        if m.group().lower() in _TIMES:  # "hit twice": two times
            out.append((m.group().lower(), ["times"]))
            continue
        end = m.end()
        compound = _COMPOUND.match(sentence, end)  # "a 125-seat chamber": seats
        if compound:
            out.append((normalize_numbers(m.group()).lower(), [compound.group(1)]))
            continue
        of = _OF_OWNER.match(sentence, end)  # "192 of its servicemen": servicemen
        if of:
            end = of.end()
            named = _PLURAL_BEFORE.findall(sentence, 0, m.start()) if not groups else []
            if of.group().split()[-1].lower() in _THEM and named:  # "beehives: he made 22 of them"
                out.append((normalize_numbers(m.group()).lower(), [named[-1]]))
                continue
        extra = 0  # a word joined by "and" does not use up the phrase's length
        while len(phrase) < COUNTED_WORDS + extra and (nxt := _NEXT_WORD.match(sentence, end)):
            word = nxt.group(1)  # as written: "Armenian" says whose
            joined = _AND_NOUN.match(sentence, end) if phrase else None
            if joined and not numbers_in(joined.group(1)):
                word, nxt = joined.group(1), joined  # "260 deck and engine staff"
                extra += 1  # "11,000 onshore and offshore wind turbines": turbines
            elif word.lower() in _MORE_OF and not phrase:
                end = nxt.end()  # "11 other women", "30 more turbines": women, turbines
                continue
            elif (
                word.lower() in STOPWORDS or numbers_in(word) or _DONE.match(sentence, nxt.start(1))
            ):
                break  # "14,212 finished": a bare number, counting what the last one did
            phrase.append(word)
            end = nxt.end()
            if sentence[end : end + 1] in (",", ";", ".", ":", ")"):
                break
        said = _WERE_NOUN.match(sentence, end)
        if said and said.group(1) not in STOPWORDS:
            phrase.append(said.group(1))  # "1,300 of the arrivals were children", "74 were homes"
        number_of = [] if phrase else list(_NUMBER_OF.finditer(sentence, 0, m.start()))
        if number_of and not _CLAUSE.search(sentence, number_of[-1].end(), m.start()):
            # "the number of people arriving passed 28,000": people (not "..., with many
            # newcomers under 30")
            phrase = [w for w in number_of[-1].groups() if w and w not in STOPWORDS]
        if not phrase:
            phrase = groups[-1] if groups else []
        if phrase:
            out.append((normalize_numbers(m.group()).lower(), phrase))
            groups.append(phrase)
    return out


# A number said as a part of a whole: "including 1,049 children", "nine of them", "of whom
# 12", "Of the 46 children, 11 ...", "192 of its servicemen"
_PART = re.compile(
    r"\b(?:includ\w*|among (?:them|whom|those|the)|of (?:whom|which|them|those|these))\b"
    rf"|(?:{_RAW_NUMBER.pattern}|\b(?:most|many|some|none|few))"
    r"(?:-\w+)?(?: [\w’'-]+){0,2}? (?:out )?of (?:the|its|their|our|his|her|them|whom|those"
    r"|these|which|\d)\b"
    r"|(?:^|[,;:] )of the\b",  # "Of the 46 children, 11 ...": "of them" is read above
    re.IGNORECASE,
)


def gives_part(text: str) -> bool:
    """Whether `text` gives a number as a part of a whole, as news says one ("including
    1,049 children", "nine of them in critical condition", "Of the 46 children, 11 ..."):
    what "how many of them were children?" asks, which a bare total does not answer.

    >>> gives_part("It evacuated over 2,000 people, including 1,049 children.")
    True
    >>> gives_part("Nineteen of the 26 tags sent back data."), gives_part("Of those, 30 were kids.")
    (True, True)
    >>> gives_part("The ICRC said it had received 1,300 tracing requests.")
    False

    A share is a part too (`gives_share`):

    >>> gives_part("The survival rate for such shops is over 90 percent.")
    True
    """
    return bool(_PART.search(text)) or gives_share(text)
