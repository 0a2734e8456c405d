"""Reading news text: the numbers, amounts, dates, days, times, ages, names and counts a
sentence gives, as wire copy writes them ("Sept. 28", "Kiprono, 34,", "192 of its
servicemen", "a 125-seat chamber", "roughly a third", "£62m"); what it says is not
known ("did not say whether"); and a dateline standing alone. Pure functions over text;
what they mean for a question is `qa.scoring`'s and `qa.rules`' business.
"""

from __future__ import annotations

import re

from vectorstore.text import STOPWORDS, normalize_numbers, stem

__all__ = [
    "ACRONYM",
    "AGE",
    "BODY_KINDS",
    "CURRENCIES",
    "FULL_NAME",
    "YEAR",
    "amounts_in",
    "bodies_in",
    "capitalised_names",
    "counted_words",
    "counts_in",
    "dates_in",
    "days_in",
    "gives_share",
    "has_time",
    "is_dateline",
    "measures",
    "names_a_country",
    "number_value",
    "numbers_in",
    "person_names",
    "person_spans",
    "refers_back",
    "spells_out",
    "withheld",
]

# A sentence that opens on someone or something the one before it named: "She swam ...",
# "Its owner, Gagik Melkonyan, ..." (a definite "The crew ..." was measured too: no gain)
_REFERS_BACK = re.compile(r"^[\"“‘']?(?:He|She|It|They|His|Her|Its|Their|This|That|These|Those)\b")


def refers_back(sentence: str) -> bool:
    """Whether `sentence` opens by referring back to what the sentence before named.

    >>> refers_back("Its owner, Gagik Melkonyan, said so."), refers_back("The Hotel Arevik shut.")
    (True, False)
    """
    return bool(_REFERS_BACK.match(sentence))


COUNTED_WORDS = 3  # words after a number that may name what it counts
_SMALL_NUMBERS = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)
_TENS = ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS = (
    f"{' '.join(_SMALL_NUMBERS)} {' '.join(_TENS)} dozen dozens hundred hundreds "
    "thousand thousands million millions billion half"
)
_SCALED = r"(?=(?:m|bn|mn|k)?\b)"  # "£62m", "$3bn": news's millions and billions
_NUMBER = re.compile(
    rf"\b(\d+(?:\.\d+)?%?{_SCALED}|(?:{'|'.join(_NUMBER_WORDS.split())})\b)", re.IGNORECASE
)
_RAW_NUMBER = re.compile(
    rf"\b(\d{{1,3}}(?:,\d{{3}})+{_SCALED}|\d+(?:\.\d+)?%?{_SCALED}"
    rf"|(?:{'|'.join(_NUMBER_WORDS.split())})\b)",
    re.IGNORECASE,
)
# News style abbreviates months before a day: "Sept. 28", "Oct. 12 and 13".
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
_ABBREVIATED = rf"(?:{'|'.join(_MONTH_ABBREVIATIONS)})\.(?= \d)"
_DATE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|june|july|august|september|october|november|december|"
    rf"{_ABBREVIATED}|"
    r"(?:1[89]|20)\d\ds?|yesterday|today|tonight|last (?:week|month|year)|"
    r"(?:this|next) (?:week|month|year))(?:\b|(?<=\.))",
    re.IGNORECASE,
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
# A time of day: "3 a.m.", "14:30", "at dawn", "in the morning", "shortly after midnight"
_TIME = re.compile(
    r"\b(\d{1,2}(?:[:.]\d{2})?\s?(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}|midnight|noon|midday"
    r"|dawn|dusk|daybreak|sunrise|sunset|morning|afternoon|evening|overnight|night"
    r"|o'clock|local time|gmt|utc)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?:1[89]|20)\d\ds?")  # "2,000" is no year: the comma rules it out
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")  # "CSTO", "UN": what an expansion question spells out
_WORD_TOKEN = re.compile(r"[^\W\d_][\w’'-]*")
_ACRONYM_GLUE = frozenset({"of", "and", "for", "the", "on", "in", "&"})
# "192 of its servicemen", "74 of its 370 employees": what the whole counts
_OF_OWNER = re.compile(
    r"\s+of\s+(?:its|their|his|her|our|the|these|those|them)(?:\s+[\d,]+(?=\s))?(?=\s)", re.I
)
# "her staff of 14", "a crew of nine": a group counted by the number after it (not "a
# total of 96", which the words after the number name)
_GROUP_OF = re.compile(
    r"\b(?!(?:total|average|maximum|minimum|sum|figure|number|rate|age|one|each|all|some|most"
    r"|any|none|part|half)\b)([a-z][a-z-]+) of (?:about |around |some |nearly |almost |over "
    r"|more than |up to )?$"
)
# "call-outs had risen to 212": what rose is what the number counts
_ROSE_TO = re.compile(
    r"\b([A-Za-z][\w-]*[a-z]s) (?:had |have |has )?(?:risen|rose|fallen|fell|grown|grew|climbed"
    r"|increased|dropped|doubled|reached) (?:to )?(?:about |around |some |nearly |almost "
    r"|more than |over )?$"
)
# a noun joined by "and"/"or" to the one before ("deck and engine staff"), not a verb
_AND_NOUN = re.compile(r"\s+(?:and|or)\s+([a-z][a-z'’-]*[a-z])\b(?<!ed)(?<!ing)")
# what a counted group is said to be: "N of the arrivals were children"
_WERE_NOUN = re.compile(r"\s+(?:were|are|was|is)\s+([a-z][a-z'’-]*[a-z])\b(?<!ed)(?<!ing)")
_COMPOUND = re.compile(r"-([a-z]+)\b(?!-)")  # "125-seat", not "34-year-old"
# a verb after a number ("14,212 finished,"), not an adjective ("63 wounded people")
_DONE = re.compile(r"[a-z]{3,}ed(?=[,;.:)]|\s+(?:and|or|so|by|in|at|on|to|from|since)\b)")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'’-]*)")
_NAME = re.compile(r"\b[A-Z][\w’'-]*[\w]|\b[A-Z]{2,}\b")
_AGE_NUMBER = (
    rf"(?:\d+|(?i:{'|'.join(_NUMBER_WORDS.split()[:12])}|thirteen|\w+teen|\w+ty(?:-\w+)?))"
)
AGE = re.compile(  # "a 34-year-old", "aged 34", "aged six and nine", news's "Kiprono, 34,"
    rf"\b{_AGE_NUMBER}-year-old\b|\b(?i:aged?) {_AGE_NUMBER}\b|\b(?i:age of) {_AGE_NUMBER}\b"
    rf"|\b{_AGE_NUMBER} (?i:years? old)\b|\b[A-Z][\w’'-]+, (?:now )?\d{{1,3}}(?:,|\.?$)"
)  # ... and "Lusine Grigoryan, now 52,"
_CAPITALISED = r"[A-Z][a-z’'-]*[a-z](?:['’]s)?"
_PERSON = re.compile(  # a title, then capitalised words; or two or more in a row
    r"(?:(?P<title>\b(?:Mr|Mrs|Ms|Dr|Gen|General|Colonel|Col|Lt|Major|Captain|Sgt|Sir|Dame"
    r"|Prof|Professor|President|Minister|Mayor|Judge|Coach)\.? )|(?<![\w’'-]))"
    rf"(?P<name>{_CAPITALISED}(?: (?:de |van |von |al-|bin )?{_CAPITALISED})*)"
)
# A part of a whole: "21 per cent", "a third", "one in five", "3 out of 10".
_SHARE = re.compile(
    r"\d\s?%|\d\s?(?:per ?cent|percentage points?)\b|\b(?:half|(?:a|one|two|three|four)[ -]"
    r"(?:third|quarter|fifth)s?"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|\d+) (?:in|out of) (?:every )?\w+)\b",
    re.IGNORECASE,
)
# Currencies as news names them, for an amount of money ("150,000 kroner", "9 pounds")
CURRENCIES = (
    r"dollars?|euros?|pounds?|drams?|manats?|francs?|r[ou]+bles?|lari|yen|yuan|rupees?"
    r"|kron[aeo]r?|krone|zloty|lir[ae]|shillings?|pence|cents?|shekels?|dinars?|dirhams?"
    r"|rand|pesos?|reais|real|won"
)
_MEASURE = re.compile(
    r"[$€£¥]\s?\d|\d(?:[\d,.]*)(?:\s?(?:million|billion|thousand|bn|m|k))?\s?"
    r"(?:%|per ?cent|percentage points?|(?:[a-z]+-)?(?:hectares?|acres?|tonnes?|tons?|kg"
    r"|kilo\w*|grams?|litres?|liters?|gallons?|barrels?|met(?:re|er)s?|miles?|km|square"
    rf"|cubic|watts?|\w*watt-hours?|mwh|gwh|kwh|{CURRENCIES})\b)",
    re.IGNORECASE,
)
_POSSESSIVE_S = re.compile(r"['’]s$")
# The kinds of body that act in the news: "the election commission", "a local foundry"
# (who did something), and in capitals never part of a person's name ("Defence Ministry").
BODY_KINDS = (
    "ministry council committee court agency office department government university "
    "hospital company group bank union association federation police army commission "
    "authority firm operator service foundation consortium cooperative board museum "
    "charity foundry organisation organization regulator inspectorate contractor "
    "developer insurer club team network institute prosecutor prosecutors"
)
_BODY = re.compile(
    rf"\b(?i:the|a|an|its|their)\s+(?:[a-z-]+\s+){{0,3}}?({BODY_KINDS.replace(' ', '|')})\b"
)
_ALSO_IN_BODIES = "minister defence defense navy party news reuters press national state states"
_INSTITUTIONS = frozenset(f"{BODY_KINDS} {_ALSO_IN_BODIES} united republic".split())
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|to|into|across|outside)|\b(?:village|town|city|region|district"
    r"|province|county|republic|street|road|river|of the)(?: of)?) $",
)
_NOT_NAMES = frozenset(
    [
        "however",
        "meanwhile",
        "also",
        "according",
        "although",
        "while",
        "after",
        "before",
        "during",
        "since",
        "despite",
        "following",
        "local",
        "at",
        "on",
        "in",
        "the",
        "a",
        "an",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        # a month or a weekday is a date, never who did something
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


# A sentence that says what is not known: "did not say whether", "declined to say how
# many", "gave no cause". The word after the verb says which kind of answer is withheld.
_WITHHOLDS = (
    r"(?:did|does|do|would|could|will) not (?:say|confirm|disclose|specify|reveal|explain"
    r"|announce|give|know)|(?:declined|refused) to (?:say|confirm|disclose|specify|reveal"
    r"|explain)|(?:is|was|are|were|remains?|remained) (?:still )?(?:unclear|not clear|not known"
    r"|unknown|uncertain|undecided)|gave no indication of|no word on"
)
_WITHHELD_WH = {
    "yesno": r"whether|if",
    "reason": r"why|what caused",
    "number": r"how (?:many|much)",
    "date": r"when|on what date|what date",
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


def numbers_in(text: str) -> set[str]:
    """Numbers (digits or number words), thousands separators dropped.

    >>> sorted(numbers_in("over 2,000 people, including 1,049 children and two dogs"))
    ['1049', '2000', 'two']
    """
    return {m.lower() for m in _NUMBER.findall(normalize_numbers(text))}


def amounts_in(text: str) -> set[str]:
    """Numbers that can count or measure something: a year or decade ("1994", "the
    1990s") answers "when", not "how many" or "how large".

    >>> sorted(amounts_in("In 1994, over 2,000 people and 1,049 children; the 1990s"))
    ['1049', '2000']
    >>> sorted(amounts_in("a £62m fee, a $3bn deal, the 3rd round"))
    ['3', '62']
    """
    return {
        normalize_numbers(m.group()).lower()
        for m in _RAW_NUMBER.finditer(text)
        if not YEAR.fullmatch(m.group())
    }


def measures(text: str) -> bool:
    """Whether `text` gives an amount of something measured: money, or a number with a
    unit ("9,800 hectares", "1.2 gigawatt-hours", "15 per cent"). "How much" asks for
    one; a rank, a time or an age is no answer.

    >>> measures("It cleared about 9,800 hectares."), measures("He was third in 2:11:05.")
    (True, False)
    >>> measures("a grant of 150,000 drams"), measures("It offered $45 million in aid.")
    (True, True)
    >>> measures("The win is worth 150,000 kroner in prize money.")
    True
    """
    return bool(_MEASURE.search(text))


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


def spells_out(acronym: str, sentence: str) -> bool:
    """Whether `sentence` writes `acronym` out: capitalised words with its initials,
    function words between them allowed.

    >>> spells_out("CSTO", "a member of the Collective Security Treaty Organization.")
    True
    >>> spells_out("CSTO", "The CSTO groups Russia, Belarus and Armenia.")
    False
    """
    letters = acronym.upper()
    tokens = _WORD_TOKEN.findall(sentence)
    for i, first in enumerate(tokens):
        if first[:1] != letters[0]:
            continue
        k = 0
        for w in tokens[i:]:
            if w[:1].isupper() and w[:1] == letters[k]:
                k += 1
                if k == len(letters):
                    return True
            elif w.lower() not in _ACRONYM_GLUE:
                break
    return False


def has_time(text: str) -> bool:
    """Whether `text` tells a time of day (a weekday or a year is no time of day).

    >>> has_time("shortly after midnight on November 10"), has_time("On Tuesday, in 2020")
    (True, False)
    """
    return bool(_TIME.search(text))


def dates_in(text: str) -> set[str]:
    """Day names, months, years, decades and days of a month ("May 29", though "may"
    alone is no month).

    >>> sorted(dates_in("On Tuesday, as in the early 1990s and in 2020"))
    ['1990s', '2020', 'tuesday']
    >>> sorted(dates_in("The court sat on Oct. 12 and 13, and again on May 29."))
    ['12 october', '29 may', 'october']
    """
    return {_month(m.lower().strip()) for m in _DATE.findall(text)} | days_in(text)


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


# A run of capitalised words: a full name ("Nikol Pashinyan", "Priya Raman")
FULL_NAME = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*")
# "MASIS, Armenia, 2 October 2023", "BRANWELL, 14 March 2024": a place in capitals, a date
_DATELINE = re.compile(
    r"[A-Z][A-Z'’/ -]{2,}(?:, [A-Z][a-z'’]+(?: [A-Z][a-z'’]+)*)*"  # MASIS, Armenia
    r"(?:,? (?:[A-Z][a-z]+\.?|\d{1,2}(?:st|nd|rd|th)?))*,? (?:1[89]|20)\d\d"  # , 2 October 2023
)
MAX_DATELINE = 80  # characters: a dateline is short


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


def capitalised_names(text: str) -> set[str]:
    """Stems of capitalised words that look like names (not sentence-initial fillers).

    >>> sorted(capitalised_names("However, Nikol Pashinyan met the UN in Kyiv on Monday."))
    ['kyiv', 'nikol', 'pashinyan', 'un']
    """
    return {
        stem(w.lower())
        for w in _NAME.findall(text)
        if w.lower() not in _NOT_NAMES and w.lower() not in STOPWORDS
    }


def person_names(text: str) -> set[str]:
    """Stems of the words of what look like people's names in `text`: two or more
    capitalised words in a row, or one after a title ("Gen. Rustam Muradov", "Mr Smith"),
    that are not a known country or capital, nor a place after "in", "from", "the
    village of"... A question asking someone's name is answered only by a sentence
    naming someone.

    >>> sorted(person_names("Eight civilians, including a boy in the village of Nerkin Horatagh."))
    []
    >>> sorted(person_names("Colonel Dmitry Petrov proposed it, the Russian army said."))
    ['dmitri', 'petrov']
    >>> sorted(person_names("The Defence Ministry said his wife Anna Hakobyan visited Kyiv."))
    ['anna', 'hakobyan']
    """
    return {s for _, _, stems in person_spans(text) for s in stems}


# a relative named by a first name only: "his wife, Glenys,", "her son Davit"
_KIN_BEFORE = re.compile(
    r"\b(?:his|her|their|my|our) (?:\w+ )?(?:wife|husband|son|daughter|mother|father|brother"
    r"|sister|grandson|granddaughter|grandmother|grandfather|partner|niece|nephew|cousin"
    r"|uncle|aunt)s?,? $",
    re.IGNORECASE,
)


def person_spans(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """Where `text` names people (`person_names`): each name's start, end and stems.

    >>> [(a, b, sorted(s)) for a, b, s in person_spans("It was led by Dr Anna Berg.")]
    [(14, 26, ['anna', 'berg'])]
    >>> [sorted(s) for _, _, s in person_spans("His wife, Glenys, said so.")]
    [['gleni']]
    """
    from .places import place_words

    places = place_words()
    found = []
    for m in _PERSON.finditer(text):
        words = [
            w
            for w in m.group("name").split()
            if (low := _POSSESSIVE_S.sub("", w.lower())) not in places
            and low not in STOPWORDS
            and low not in _NOT_NAMES
            and low not in _INSTITUTIONS
        ]
        before = text[: m.start("name")]
        # one word is a name after a title, or after a relative ("his wife, Glenys,")
        alone = bool(m.group("title")) or bool(_KIN_BEFORE.search(before))
        if _PLACE_BEFORE.search(before) or len(words) < (1 if alone else 2):
            continue
        found.append((m.start(), m.end(), frozenset(stem(w.lower()) for w in words)))
    return found


def bodies_in(text: str) -> set[str]:
    """Stems of the kinds of body `text` names by a determiner and its kind, as news names
    who acted when no person did: "the election commission", "a local foundry".

    >>> sorted(bodies_in("It left school meals with the election commission."))
    ['commiss']
    >>> bodies_in("The vote was close.")
    set()
    """
    return {stem(m.group(1).lower()) for m in _BODY.finditer(text)}


def names_a_country(text: str) -> bool:
    """Whether `text` names a country, a capital or a nationality (whose count a number
    may be), not only people.

    >>> names_a_country("Armenia said 64 servicemen died."), names_a_country("The group has six.")
    (True, False)
    >>> names_a_country("Colonel Tural Ismayilov said 192 servicemen had died.")
    False
    """
    from .places import place_words

    places = place_words()
    return any(
        (low := w.lower()) in places and low not in STOPWORDS
        for w in _CAPITALISED_WORD.findall(text)
    )


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
    >>> counted_words("the 125-seat chamber")
    [['seat']]
    >>> counted_words("14,600 runners started, and 14,212 finished; 74 of its 370 employees")
    [['runners'], ['runners'], ['employees'], ['employees']]
    >>> counted_words("It took in 63 wounded people, nine of them in critical condition.")
    [['wounded', 'people'], ['wounded', 'people']]
    """
    return [phrase for _, phrase in counts_in(sentence)]


def counts_in(sentence: str) -> list[tuple[str, list[str]]]:
    """Each number of `sentence` (thousands separators dropped) with what it counts
    (`counted_words`).

    >>> counts_in("It evacuated over 2,000 people, including 1,049 children.")
    [('2000', ['people']), ('1049', ['children'])]
    """
    out: list[tuple[str, list[str]]] = []
    for m in _RAW_NUMBER.finditer(sentence):
        if YEAR.fullmatch(m.group()):
            continue  # a year or decade counts nothing ("2,000" is not a year)
        group = _GROUP_OF.search(sentence, max(0, m.start() - 40), m.start()) or _ROSE_TO.search(
            sentence, max(0, m.start() - 40), m.start()
        )
        phrase: list[str] = [group.group(1)] if group else []
        end = m.end()
        compound = _COMPOUND.match(sentence, end)  # "a 125-seat chamber": seats
        if compound:
            out.append((normalize_numbers(m.group()).lower(), [compound.group(1)]))
            continue
        of = _OF_OWNER.match(sentence, end)  # "192 of its servicemen": servicemen
        if of:
            end = of.end()
        while len(phrase) < COUNTED_WORDS and (nxt := _NEXT_WORD.match(sentence, end)):
            word = nxt.group(1)  # as written: "Armenian" says whose
            joined = _AND_NOUN.match(sentence, end) if phrase else None
            if joined and not numbers_in(joined.group(1)):
                word, nxt = joined.group(1), joined  # "260 deck and engine staff"
            elif (
                word.lower() in STOPWORDS or numbers_in(word) or _DONE.match(sentence, nxt.start(1))
            ):
                break  # "14,212 finished": a bare number, counting what the last one did
            phrase.append(word)
            end = nxt.end()
            if sentence[end : end + 1] in (",", ";", ".", ":", ")"):
                break
        said = _WERE_NOUN.match(sentence, end) if phrase else None
        if said and said.group(1) not in STOPWORDS:
            phrase.append(said.group(1))  # "1,300 of the new arrivals were children"
        if not phrase:
            phrase = out[-1][1] if out else []
        if phrase:
            out.append((normalize_numbers(m.group()).lower(), phrase))
    return out


def withheld(text: str) -> dict[str, str]:
    """The kinds of answer `text` says are not known ("did not say whether ..."), each
    with what follows the words that withhold it (the matter left open).

    >>> withheld("He did not say whether the prize money would rise.")
    {'yesno': ' the prize money would rise.'}
    >>> withheld("Engineers found a turbine damaged but gave no cause.")
    {'reason': '.'}
    >>> withheld("Police declined to say how many people were arrested.")
    {'number': ' people were arrested.'}
    >>> withheld("The minister said whether to go was his decision.")
    {}
    """
    found: dict[str, str] = {}
    for m in _WITHHELD.finditer(text):
        group = next(k for k, v in m.groupdict().items() if v)
        found.setdefault(_WITHHELD_KIND.get(group, group), text[m.end() :])
    return found
