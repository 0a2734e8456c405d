"""People, bodies and places as news names them ("Kiprono, 34,", "the election commission",
"Gen. Rustam Muradov", "his wife, Glenys,"), their ages, acronyms written out, and a
sentence that refers back to the one before."""

from __future__ import annotations

import functools
import re

from vectorstore.text import STOPWORDS, stem

from .dates import MONTHS, WEEKDAYS
from .numbers import NUMBER_WORDS

__all__ = [
    "ACRONYM",
    "AGE",
    "BODY_KINDS",
    "FULL_NAME",
    "bodies_in",
    "capitalised_names",
    "names_a_country",
    "person_names",
    "person_spans",
    "placed",
    "refers_back",
    "spells_out",
    "thing_names",
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


# What opens a sentence that goes on from the one before: a pronoun, or a connective
_GOES_ON = re.compile(
    r"^[\"“‘']?(?:However|But|Yet|Still|Instead|Also|So|Since then|After that|As a result"
    r"|In response|Both|The two|Of (?:them|those|these)|Among them)\b"
)


def goes_on(sentence: str) -> bool:
    """Whether `sentence` opens by going on from the one before it: a pronoun
    (`refers_back`) or a connective ("However, ties have soured between the two.").

    >>> goes_on("However, ties have soured."), goes_on("Azerbaijan has close ties to Russia.")
    (True, False)
    """
    return refers_back(sentence) or bool(_GOES_ON.match(sentence))


ACRONYM = re.compile(r"\b[A-Z]{2,}\b")  # "CSTO", "UN": what an expansion question spells out
_WORD_TOKEN = re.compile(r"[^\W\d_][\w’'-]*")
_ACRONYM_GLUE = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_LONGEST_ACRONYM = 5  # "ECOWAS" is rare; longer runs are names, not acronyms
_NAME = re.compile(r"\b[A-Z][\w’'-]*[\w]|\b[A-Z]{2,}\b")
_AGE_NUMBER = rf"(?:\d+|(?i:{'|'.join(NUMBER_WORDS.split()[:12])}|thirteen|\w+teen|\w+ty(?:-\w+)?))"
AGE = re.compile(  # "a 34-year-old", "aged 34", "19 days old", news's "Kiprono, 34,"
    rf"\b{_AGE_NUMBER}-(?:year|month|week|day)-old\b|\b(?i:aged?) {_AGE_NUMBER}\b"
    rf"|\b(?i:age of) {_AGE_NUMBER}\b|\b{_AGE_NUMBER} (?i:(?:year|month|week|day)s? old)\b"
    r"|\b[A-Z][\w’'-]+, (?:now )?\d{1,3}(?:,|\.?$)"
    # and after a noun with its determiner: "The archbishop, 53,", "her eldest son, 17,"
    r"|\b(?i:the|his|her|their) (?:[a-z-]+ )?[a-z-]+, (?:now )?\d{1,3},"
    r"|^(?i:now) \d{1,3}, "  # "Now 15, she collected ..."
    # someone's age told by "was": "Rauf Huseynov was 37 when he fled", "The oldest groom
    # was 58 and ...", "who was 13 at the time"
    r"|(?:\b[A-Z][\w’'-]+ [A-Z][\w’'-]+,?|(?<=\w )[A-Z][\w’'-]+,?|\b(?:oldest|youngest)(?: [a-z]+)?"
    r"|\b[Hh]e|\b[Ss]he|\bI|\bwho) (?:was|is) \d{1,3}"
    r"(?= (?:when|at the time|and)\b|[,;]|\.?$)"
    r"|, both \d{1,3},"  # "Two of her students, both 23, ..."
)  # ... and "Lusine Grigoryan, now 52,"
_CAPITALISED = r"[A-Z][a-z’'-]*[a-z](?:['’]s)?"
_PERSON = re.compile(  # a title, then capitalised words; or two or more in a row
    r"(?:(?P<title>\b(?:Mr|Mrs|Ms|Dr|Gen|General|Colonel|Col|Lt|Major|Captain|Sgt|Sir|Dame"
    r"|Prof|Professor|President|Minister|Mayor|Judge|Coach)\.? )|(?<![\w’'-]))"
    rf"(?P<name>{_CAPITALISED}(?: (?:de |van |von |al-|bin )?{_CAPITALISED})*)"
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


def placed(text: str, start: int) -> bool:
    """Whether the word at `start` of `text` stands where a place does: after "in",
    "from", "near", "the village of"... ("the watchmaker from Martakert").

    >>> t = "How old is the watchmaker from Martakert?"
    >>> placed(t, t.index("Martakert")), placed(t, t.index("watchmaker"))
    (True, False)
    """
    return bool(_PLACE_BEFORE.search(text, 0, start))


# Capitalised words that name no one: sentence openers, and the calendar's words (a month
# or a weekday is a date, never who did something)
_NOT_NAMES = (
    frozenset(
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
        ]
    )
    | MONTHS
    | WEEKDAYS
    | frozenset(NUMBER_WORDS.split())  # "Two members abstained": a count, no one's name
)


# A run of capitalised words: a full name ("Nikol Pashinyan", "Priya Raman")
FULL_NAME = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*")


# A body's name as news writes it before its acronym: "the Ghana Cocoa Board (COCOBOD)"
_BODY_WORDS = r"\b[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|of|for|the|and|on|de|del|la)){0,8}"


def spells_out(acronym: str, sentence: str) -> bool:
    """Whether `sentence` writes `acronym` out: capitalised words with its initials,
    function words between them allowed (`initials_in`, up to five letters).

    >>> spells_out("CSTO", "a member of the Collective Security Treaty Organization.")
    True
    >>> spells_out("CSTO", "The CSTO groups Russia, Belarus and Armenia.")
    False

    Or, as news introduces a body, in capitalised words right before the acronym in
    brackets, whatever their initials:

    >>> spells_out("COCOBOD", "The Ghana Cocoa Board (COCOBOD) set the price.")
    True
    """
    if re.search(rf"{_BODY_WORDS} \({re.escape(acronym)}\)", sentence):
        return True
    return acronym.lower() in initials_in(sentence)


@functools.lru_cache(maxsize=4096)
def initials_in(sentence: str) -> frozenset[str]:
    """The acronyms `sentence` could be asked by: the initials of every run of two or more
    capitalised words in it (function words between them allowed; months and weekdays end
    a run), lower-cased as question terms are, so "the eu" finds "European Union".

    >>> sorted(initials_in("The European Union's foreign policy chief said so."))
    ['eu', 'te', 'teu']
    >>> sorted(initials_in("It joined the International Criminal Court in June."))
    ['cc', 'ic', 'icc']
    """
    found: set[str] = set()
    run: list[str] = []
    for word in [*_WORD_TOKEN.findall(sentence), ""]:
        if word[:1].isupper() and word.lower() not in MONTHS | WEEKDAYS:
            run.append(word[0].lower())
            continue
        if run and word.lower() in _ACRONYM_GLUE:
            continue
        found.update(
            "".join(run[i:j])
            for i in range(len(run))
            for j in range(i + 2, min(len(run), i + _LONGEST_ACRONYM) + 1)
        )
        run = []
    return frozenset(found)


def capitalised_names(text: str) -> set[str]:
    """Stems of capitalised words that look like names (not sentence-initial fillers).

    >>> sorted(capitalised_names("However, Nikol Pashinyan met the UN in Kyiv on Monday."))
    ['kyiv', 'nikol', 'pashinyan', 'un']
    >>> capitalised_names("Two members abstained.")
    set()
    """
    return {
        stem(w.lower())
        for w in _NAME.findall(text)
        if w.lower() not in _NOT_NAMES and w.lower() not in STOPWORDS
    }


def _opens(text: str, start: int) -> bool:
    """Whether the word at `start` opens `text` (past an opening quote): capitalised there
    whatever it is."""
    return not text[:start].strip(" \"“‘'")


def actor_names(text: str, places: bool = False) -> set[str]:
    """Stems of the capitalised words of `text` that could name who did something: not a
    place after "in", "from", "the village of" ("a firm in the village of Kelso Bridge"),
    nor the sentence's first word when it is a common word that names no people ("Heavy
    rain overnight", "Construction began"; "Volunteers cheered" keeps its volunteers).
    With `places`, what could name where: the places too, still not that first word, nor
    a person's name ("Narine Arzumanyan, 38, a surgeon").

    >>> sorted(actor_names("Construction began in Paravakar and was done by Hayjrmugh."))
    ['hayjrmugh']
    >>> sorted(actor_names("Volunteers said Russia helped."))
    ['russia', 'volunt']
    >>> sorted(actor_names("Construction began in the village of Paravakar.", places=True))
    ['paravakar']
    >>> sorted(actor_names("Narine Arzumanyan works in Kapan.", places=True))
    ['kapan']
    """
    from ..lexicon import common_word, names_people

    found: set[str] = set()
    for m in _NAME.finditer(text):
        low = m.group().lower()
        if low in _NOT_NAMES or low in STOPWORDS or (not places and placed(text, m.start())):
            continue
        if _opens(text, m.start()) and common_word(low) and not names_people(low):
            continue
        found.add(stem(low))
    return found - person_names(text) if places else found


_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*")


def thing_names(text: str) -> set[str]:
    """Stems of the capitalised words that name something other than a place: not a
    sentence's first word ("Genetic analysis showed ..."), nor a known place or a name
    after "in", "near", "the village of" ("a joinery firm in the nearby village of Kelso
    Bridge" names no firm). What "what is the hotel called?" wants.

    >>> sorted(thing_names("The Hotel Arevik in Tsaghkadzor took in its first guests."))
    ['arevik', 'hotel']
    >>> thing_names("It was rebuilt by a joinery firm in the nearby village of Kelso Bridge.")
    set()
    """
    from ..places import place_words

    places = place_words()
    found: set[str] = set()
    for m in _RUN.finditer(text):
        if placed(text, m.start()):
            continue  # a place
        words = m.group().split()
        if _opens(text, m.start()):
            words = words[1:]  # the sentence's first word ("Genetic analysis", "The Hotel")
        for word in words:
            low = _POSSESSIVE_S.sub("", word.lower())
            if word[:1].isupper() and not (low in places or low in STOPWORDS or low in _NOT_NAMES):
                found.add(stem(low))
    return found


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
_KIN_WORDS = (
    "wife|husband|son|daughter|mother|father|brother|sister|grandson|granddaughter"
    "|grandmother|grandfather|partner|niece|nephew|cousin|uncle|aunt"
)
# someone's relative: "his wife", "her two sons", "His 12-year-old grandson"
KINSHIP = rf"\b(?:his|her|their|my|our) (?:[\w-]+ )?(?:{_KIN_WORDS})s?"
_KIN_BEFORE = re.compile(rf"{KINSHIP},? $", re.IGNORECASE)


def person_spans(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """Where `text` names people (`person_names`): each name's start, end and stems.

    >>> [(a, b, sorted(s)) for a, b, s in person_spans("It was led by Dr Anna Berg.")]
    [(14, 26, ['anna', 'berg'])]
    >>> [sorted(s) for _, _, s in person_spans("His wife, Glenys, said so.")]
    [['gleni']]
    """
    from ..places import place_words

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
        if placed(text, m.start("name")) or len(words) < (1 if alone else 2):
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
    from ..places import place_words

    places = place_words()
    return any(
        (low := w.lower()) in places and low not in STOPWORDS
        for w in _CAPITALISED_WORD.findall(text)
    )
