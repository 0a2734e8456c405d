"""Scoring candidate answer sentences: pure functions, no model calls.

A sentence's score mixes three signals, each in [0, 1]:
* `semantic`: cosine similarity of question and sentence embeddings (computed by the
  caller and passed in);
* `overlap`: the IDF-weighted share of the question's terms the sentence contains
  (prefix-tolerant, so "Armenian" meets "Armenia", and "organisation" meets
  "organization");
* the answer-type cue: a "how many" question wants a number the question does not
  already contain (a year is no amount), "when" a date, "who"/"where" a name, "who is the
  president" a name with that title, "what does X stand for" the words acronym X
  abbreviates; a sentence that has what the question wants gains, one that lacks it
  loses.
The weights below were tuned on `tests/data/seed_eval.jsonl` with the distractor
articles beside the seed, and checked on the held-out set.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Set

from vectorstore.text import STOPWORDS, normalize_numbers, stem, terms

from .intent import OFFICE

__all__ = [
    "ACRONYM",
    "AGE",
    "affirms",
    "amounts_in",
    "capitalised_names",
    "counted_words",
    "dates_in",
    "days_in",
    "found_share",
    "gives_share",
    "has_time",
    "holds_office",
    "measures",
    "negates",
    "numbers_in",
    "overlap",
    "reacts",
    "spells_out",
    "type_match",
]

MIN_PREFIX = 5  # letters two terms must share to match by prefix ("armenia"/"armenian")
COUNTED_WORDS = 3  # words after a number that may name what it counts

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred "
    "hundreds thousand thousands million millions billion half"
)
_NUMBER = re.compile(rf"\b(\d+(?:\.\d+)?%?|{'|'.join(_NUMBER_WORDS.split())})\b", re.IGNORECASE)
_RAW_NUMBER = re.compile(
    rf"\b(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?%?|{'|'.join(_NUMBER_WORDS.split())})\b",
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
_YEAR = re.compile(r"(?:1[89]|20)\d\ds?")  # "2,000" is no year: the comma rules it out
_OFFICE = re.compile(rf"\b{OFFICE}\b", re.IGNORECASE)
_ANY_OFFICE = frozenset({"leader", "head", "chief", "boss"})  # met by any office's title
_NAME_AFTER = re.compile(r" ([A-Z][\w’'-]+)")  # "Minister Nikol ..."
_FULL_NAME_AFTER = re.compile(r" ([A-Z][\w’'-]+) [A-Z][\w’'-]+")  # "... executive Priya Raman"
# "... of Town12 is named Mayor12x", "a coach called Vera Lind": the holder after a verb
_NAMED_AS = re.compile(
    r"(?: (?:of|for|at|in) (?:the )?[\w’'-]+(?: [A-Z][\w’'-]*)*)?,?"
    r" (?:is|was|named|called|is named|was named|is called)(?: named| called)? ([A-Z][\w’'-]+)"
)
# "Aliyev, the ", "Helen Okafor, the hospital's ", "Inês Carvalho, Voltaro's co-founder and "
_NAME_BEFORE = re.compile(
    r"([A-Z][\w’'-]+), (?:the |his |her |its |their )?(?:[\w-]+['’]s )?(?:[\w-]+ ){0,3}$"
)
# "Lars Moradi was appointed (finance) director", "Mei Chen, who was named chair"
_APPOINTED_BEFORE = re.compile(
    r"([A-Z][\w’'-]+),?(?: who)? (?:is|was|has been|had been|will be|were) (?:appointed|named"
    r"|elected|made|promoted to|chosen as)(?: as)? (?:the |its |their |a |an )?(?:[\w-]+ ){0,2}$"
)
_NAME_APPOSED = re.compile(
    r", ([A-Z][\w’'-]+) [A-Z][\w’'-]+,"
)  # "Its chief executive, Paul Henshaw,"
_REACTED = re.compile(
    r"\b(den(y|ies|ied)|reject(s|ed)?|anger(s|ed)?|condemn(s|ed)?|welcom(e|es|ed)|dismiss(es|ed)?"
    r"|critici[sz](e|es|ed)|protest(s|ed)?|retaliat(e|es|ed)|respond(s|ed)|react(s|ed)|angrily"
    r"|furious|fury)\b",
    re.IGNORECASE,
)
_STATED = re.compile(
    r"\b(said|says|told|called|described|warned|praised|fell|rose|dropped|jumped|slumped"
    r"|tumbled|surged|climbed|plunged|soared|decided|ruled|concluded|agreed|announced"
    r"|recommended|proposed|found|voted|approved|adopted|resolved)\b",
    re.IGNORECASE,
)
MIN_FUZZY_NAME = 7  # letters a name needs before a spelling two edits off still names it
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")  # "CSTO", "UN": what an expansion question spells out
_WORD_TOKEN = re.compile(r"[^\W\d_][\w’'-]*")
_ACRONYM_GLUE = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_MODIFIER = re.compile(r"[a-z]+-[a-z]+")  # a compound modifier: "all-out", "full-scale"
_OF_OWNER = re.compile(r"\s+of\s+(?:its|their|his|her|our|the|these|those|them)(?=\s)", re.I)
# a noun joined by "and"/"or" to the one before ("deck and engine staff"), not a verb
_AND_NOUN = re.compile(r"\s+(?:and|or)\s+([a-z][a-z'’-]*[a-z])\b(?<!ed)(?<!ing)")
# what a counted group is said to be: "N of the arrivals were children"
_WERE_NOUN = re.compile(r"\s+(?:were|are|was|is)\s+([a-z][a-z'’-]*[a-z])\b(?<!ed)(?<!ing)")
_COMPOUND = re.compile(r"-([a-z]+)\b(?!-)")  # "125-seat", not "34-year-old"
# A body that acts, named by its kind ("the election commission", "a local foundry")
_BODY = re.compile(
    r"\b(?i:the|a|an|its|their)\s+(?:[a-z-]+\s+){0,3}?(commission|office|ministry|council"
    r"|agency|authority|committee|company|firm|union|association|operator|service|department"
    r"|court|bank|federation|foundation|consortium|cooperative|board|police|army|government"
    r"|museum|university|hospital|charity|foundry|group|organi[sz]ation|regulator|inspectorate"
    r"|contractor|developer|insurer|club|team|network|institute|prosecutors?)\b"
)
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'’-]*)")
_NAME = re.compile(r"\b[A-Z][\w’'-]*[\w]|\b[A-Z]{2,}\b")
_AGE_NUMBER = (
    rf"(?:\d+|(?i:{'|'.join(_NUMBER_WORDS.split()[:12])}|thirteen|\w+teen|\w+ty(?:-\w+)?))"
)
AGE = re.compile(  # "a 34-year-old", "aged 34", "aged six and nine", news's "Kiprono, 34,"
    rf"\b{_AGE_NUMBER}-year-old\b|\b(?i:aged?) {_AGE_NUMBER}\b|\b(?i:age of) {_AGE_NUMBER}\b"
    rf"|\b{_AGE_NUMBER} (?i:years? old)\b|\b[A-Z][\w’'-]+, \d{{1,3}}(?:,|\.?$)"
)
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
_MEASURE = re.compile(
    r"[$€£¥]\s?\d|\d(?:[\d,.]*)(?:\s?(?:million|billion|thousand|bn|m|k))?\s?"
    r"(?:%|per ?cent|percentage points?|(?:[a-z]+-)?(?:hectares?|acres?|tonnes?|tons?|kg"
    r"|kilo\w*|grams?|litres?|liters?|gallons?|barrels?|met(?:re|er)s?|miles?|km|square"
    r"|cubic|watts?|\w*watt-hours?|mwh|gwh|kwh|dollars?|euros?|pounds?|drams?|roubles?"
    r"|rubles?|manats?|lari|yuan|yen|rupees?|francs?|krona|kronor|lira|shekels?"
    r"|dinars?|dirhams?|rand|pesos?|reais|real|won)\b)",
    re.IGNORECASE,
)
_POSSESSIVE_S = re.compile(r"['’]s$")
_BODIES = (  # capitalised in names of bodies, never in a person's
    "ministry minister defence defense army navy police council committee court agency "
    "office department government university hospital company group bank union party "
    "news reuters press association federation national state states united republic"
)
_INSTITUTIONS = frozenset(_BODIES.split())
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
    """
    return {
        normalize_numbers(m.group()).lower()
        for m in _RAW_NUMBER.finditer(text)
        if not _YEAR.fullmatch(m.group())
    }


def measures(text: str) -> bool:
    """Whether `text` gives an amount of something measured: money, or a number with a
    unit ("9,800 hectares", "1.2 gigawatt-hours", "15 per cent"). "How much" asks for
    one; a rank, a time or an age is no answer.

    >>> measures("It cleared about 9,800 hectares."), measures("He was third in 2:11:05.")
    (True, False)
    >>> measures("a grant of 150,000 drams"), measures("It offered $45 million in aid.")
    (True, True)
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
    """Day names, months, years and decades.

    >>> sorted(dates_in("On Tuesday, as in the early 1990s and in 2020"))
    ['1990s', '2020', 'tuesday']
    >>> sorted(dates_in("The court sat on Oct. 12 and 13."))
    ['october']
    """
    return {_month(m.lower().strip()) for m in _DATE.findall(text)}


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
    from .places import place_words

    places = place_words()
    found: set[str] = set()
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
        if _PLACE_BEFORE.search(before) or len(words) < (1 if m.group("title") else 2):
            continue
        found |= {stem(w.lower()) for w in words}
    return found


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
    """
    out: list[list[str]] = []
    for m in _RAW_NUMBER.finditer(sentence):
        if _YEAR.fullmatch(m.group()):
            continue  # a year or decade counts nothing ("2,000" is not a year)
        phrase: list[str] = []
        end = m.end()
        compound = _COMPOUND.match(sentence, end)  # "a 125-seat chamber": seats
        if compound:
            out.append([compound.group(1)])
            continue
        of = _OF_OWNER.match(sentence, end)  # "192 of its servicemen": servicemen
        if of:
            end = of.end()
        while len(phrase) < COUNTED_WORDS and (nxt := _NEXT_WORD.match(sentence, end)):
            word = nxt.group(1)  # as written: "Armenian" says whose
            joined = _AND_NOUN.match(sentence, end) if phrase else None
            if joined and not numbers_in(joined.group(1)):
                word, nxt = joined.group(1), joined  # "260 deck and engine staff"
            elif word.lower() in STOPWORDS or numbers_in(word):
                break
            phrase.append(word)
            end = nxt.end()
            if sentence[end : end + 1] in (",", ";", ".", ":", ")"):
                break
        said = _WERE_NOUN.match(sentence, end) if phrase else None
        if said and said.group(1) not in STOPWORDS:
            phrase.append(said.group(1))  # "1,300 of the new arrivals were children"
        if not phrase:
            phrase = out[-1] if out else []
        if phrase:
            out.append(phrase)
    return out


def type_match(kind: str | None, sentence: str, question: str) -> bool | None:
    """Whether `sentence` has something of the wanted `kind` that `question` lacks.

    >>> type_match("number", "It evacuated 2,000 people.", "How many people?")
    True
    >>> type_match("number", "It evacuated people.", "How many people?")
    False
    >>> type_match("number", "The war of the early 1990s ended in 1994.", "How large is it?")
    False
    >>> type_match("person", "it is run by ethnic Armenians", "who runs nagorno karabakh?")
    True
    >>> q = "Who is the president of Azerbaijan?"
    >>> type_match("office", "Azerbaijan is close to Russia.", q)
    False
    >>> type_match("office", "President Ilham Aliyev of Azerbaijan said ...", q)
    True
    >>> type_match("office", "under Prime Minister Nikol Pashinyan", "Who is Armenia's leader?")
    True
    """
    if kind is None:
        return None
    if kind == "number":
        return bool(amounts_in(sentence) - numbers_in(question))
    if kind == "date":  # "May 29" is a day though "may" alone is no month
        return bool(
            dates_in(sentence) - dates_in(question) or days_in(sentence) - days_in(question)
        )
    if kind == "expansion":
        return any(spells_out(a, sentence) for a in ACRONYM.findall(question))
    if kind == "age":
        return bool(AGE.search(sentence))
    asked = set(terms(question))
    if kind == "name":
        return any(
            not any(_prefix_match(n, a) or n == a for a in asked) for n in person_names(sentence)
        )  # any case: "nagorno karabagh" names it too
    named = any(
        not any(n == a or _prefix_match(n, a) for a in asked) for n in capitalised_names(sentence)
    )
    if kind == "office":
        office = _OFFICE.search(question)
        return named if office is None else holds_office(sentence, office.group(), asked)
    return named or any(  # "the election commission", "a local foundry": a body acts too
        stem(m.group(1).lower()) not in asked for m in _BODY.finditer(sentence)
    )


def holds_office(sentence: str, office: str, asked: Set[str] = frozenset()) -> bool:
    """Whether `sentence` names someone (not among the `asked` stems) as holding `office`:
    "President Ilham Aliyev", "Ilham Aliyev, the president". A "leader", "head" or "chief"
    is whoever holds any office.

    >>> holds_office("under Prime Minister Nikol Pashinyan", "leader")
    True
    >>> holds_office("Ilham Aliyev, Azerbaijan's president, said", "president")
    True
    >>> holds_office("signed by the leaders of Russia, Armenia and Azerbaijan", "leader")
    False

    The holder may also be named after a verb: "the mayor of X is (named) Y", "a coach
    called Y".

    >>> holds_office("The mayor of Town12 is named Mayor12x.", "mayor", {"town12"})
    True
    >>> holds_office("said chief executive Priya Raman.", "chief executive")
    True
    >>> holds_office("Its chief executive, Paul Henshaw, said", "chief executive")
    True
    >>> holds_office("said Helen Okafor, the hospital's chief executive.", "chief executive")
    True
    >>> holds_office("Lars Moradi was appointed director of the agency.", "director")
    True
    """
    wanted = set(terms(office))
    for m in _OFFICE.finditer(sentence):
        if office.lower() not in _ANY_OFFICE and not wanted <= set(terms(m.group())):
            continue
        after = (
            _NAME_AFTER.match(sentence, m.end())
            if m.group()[0].isupper()
            else _FULL_NAME_AFTER.match(sentence, m.end())  # "chief executive Priya Raman"
        )
        before = _NAME_BEFORE.search(sentence, 0, m.start()) or _APPOINTED_BEFORE.search(
            sentence, 0, m.start()
        )
        named = _NAMED_AS.match(sentence, m.end()) or _NAME_APPOSED.match(sentence, m.end())
        name = after or before or named
        if name and stem(name.group(1).lower()) not in asked:
            return True
    return False


def reacts(sentence: str, actors: list[str]) -> bool:
    """Whether `sentence` tells a reaction (a denial, anger, a welcome ...) of one of the
    `actors` (search terms; [] for anyone).

    >>> reacts("Pashinyan accused Moscow of betrayal, which Russia denied.", ["russia"])
    True
    >>> reacts("Armenia, however, rejected the allegations.", ["kremlin"])
    False
    >>> reacts("Its shares fell 6.2 percent.", ["share"])
    True
    >>> reacts("Armenia said Washington must act.", ["washington"])
    False
    """
    if _REACTED.search(sentence):
        return not actors or names_any(actors, sentence)
    # A statement or a market move is the reaction of whoever comes before the verb:
    # "Shares fell 6.2 percent", "Delgado said it was a hard blow" (not "Armenia said
    # Washington must act", which is Armenia's).
    for m in _STATED.finditer(sentence):
        before = sentence[: m.start()]
        if not actors or names_any(actors, before):
            return True
    return False


def names_any(names: list[str], text: str) -> bool:
    """Whether `text` names one of `names` (stems), a long name also when spelt a little
    differently: articles write "Pashinyan" and "Pashniyan" for the same man.

    >>> names_any(["pashinyan"], "Pashniyan also said"), names_any(["armenia"], "Baku said")
    (True, False)
    """
    if found_share(names, text) > 0:
        return True
    from rapidfuzz.distance import OSA

    long = [n for n in names if len(n) >= MIN_FUZZY_NAME]
    return any(
        OSA.distance(n, w) <= 2 for n in long for w in _terms_of(text) if len(w) >= MIN_FUZZY_NAME
    )


def found_share(query_terms: Iterable[str], text: str) -> float:
    """The share of `query_terms` that `text` contains, each counting the same
    (`overlap` without IDF weights).

    >>> found_share(["armenian", "troop"], "Armenia sent soldiers.")
    0.5
    """
    return overlap(query_terms, _terms_of(text), lambda _: 1.0)


@functools.lru_cache(maxsize=256)
def _terms_of(text: str) -> frozenset[str]:
    """`text`'s terms, remembered: the same articles are read for every candidate."""
    return frozenset(terms(text))


def overlap(
    query_terms: Iterable[str],
    sentence_terms: Set[str],
    idf: Callable[[str], float],
    found_weight: Callable[[str], float] | None = None,
) -> float:
    """IDF-weighted share of `query_terms` found in `sentence_terms` (prefix-tolerant);
    a found term counts `found_weight(term)` of its weight (1 unless given).

    >>> overlap(["armenian", "troop"], {"armenia", "soldier"}, lambda t: 1.0)
    0.5
    >>> overlap(["armenian", "troop"], {"armenia", "troop"}, lambda t: 1.0, lambda t: 0.5)
    0.5
    """
    total = found = 0.0
    for t in dict.fromkeys(query_terms):
        w = idf(t)
        total += w
        if t in sentence_terms or _similar_in(t, sentence_terms):
            found += w * (found_weight(t) if found_weight else 1.0)
    return found / total if total else 0.0


def _similar_in(term: str, terms_: Set[str]) -> bool:
    """Whether `terms_` holds another stem of `term`'s word (`_same_word`); both share
    their first `MIN_PREFIX` letters then, which rules most out at once."""
    if len(term) < MIN_PREFIX:
        return False
    head = term[:MIN_PREFIX]
    return any(s[:MIN_PREFIX] == head and _same_word(term, s) for s in terms_)


_YES_NO = re.compile(
    r"^(?:(?:and|so|but|then),? )?(?:is|are|was|were|did|does|do|has|have|had|can|could|will|"
    r"would)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|none|cannot|\w+n[’']t|den(?:y|ies|ied)|"
    r"reject(?:s|ed)?|fail(?:s|ed)?)\b",
    re.IGNORECASE,
)
MIN_AFFIRMED_TERMS = 2  # a yes/no question with fewer content words says too little


def negates(text: str) -> bool:
    """Whether `text` says no to something ("not", "never", "denied", "rejected" ...).

    >>> negates("Russia denied it."), negates("Russia agreed.")
    (True, False)
    """
    return bool(_NEGATION.search(text))


def affirms(question: str, sentence: str) -> bool:
    """Whether `sentence` plainly says yes to the yes/no `question`: every content word
    and number of the question is in it, and it negates nothing. Anything less (a
    paraphrase, a "no", an "or" question) is left to the quote alone.

    >>> affirms("Is Armenia a member of the CSTO?", "Armenia is a member of the CSTO.")
    True
    >>> affirms("Is Armenia a member of NATO?", "Armenia is a member of the CSTO.")
    False
    >>> affirms("Can Armenia rely on Russia?", "Armenia can no longer rely on Russia.")
    False
    """
    if not _YES_NO.match(question.strip()) or re.search(r"\bor\b", question, re.IGNORECASE):
        return False
    asked = terms(question)
    return (
        len(set(asked)) >= MIN_AFFIRMED_TERMS
        and found_share(asked, sentence) == 1.0
        and numbers_in(question) <= numbers_in(sentence)
        and not _NEGATION.search(sentence)
    )


def _same_word(a: str, b: str) -> bool:
    """Stems of one word: one the other's prefix, or differing in the last letter only
    ("organis"/"organiz": British and American spelling)."""
    if _prefix_match(a, b):
        return True
    pairs = zip(a, b, strict=False)
    common = next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))
    return common >= MIN_PREFIX and common >= max(len(a), len(b)) - 1


def _prefix_match(a: str, b: str) -> bool:
    return len(a) >= MIN_PREFIX and len(b) >= MIN_PREFIX and (a.startswith(b) or b.startswith(a))
