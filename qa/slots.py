"""Whether a candidate sentence may answer at all: it must fill the slot the question asks.

`slot_filled` checks that a sentence gives what the question asks for about the
question's subject: a number that counts the asked thing (and, for "how many of them",
a part rather than the total), a date, a time of day, an office holder, an age or a
name of whom the question means, an attribute of the subject it names, an amount in the
asked unit, a reaction by the named actor, and not a dateline or a sentence that says
the asked thing is unknown. `kind_match` reads the asked kind alone; the scoring rules
(`qa.rules`) weigh it, and `decide` declines when the best sentence leaves the slot empty.

`Sentence` is the candidate both read: its text, its article and what the backend found
about it (similarity, whether it counts the asked thing, its neighbours).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from vectorstore.text import stem, terms

from .holders import gives_title, holds_office, names_holder
from .intent import Intent
from .kinds import INJURED, KILLED, LOSSES, wordset
from .news import (
    ACRONYM,
    BODY_KINDS,
    MONTHS,
    POPULATION,
    WEEKDAYS,
    YEAR,
    amounts_in,
    capitalised_names,
    counts_in,
    dates_in,
    gives_reason,
    gives_share,
    has_clock_time,
    has_time,
    in_a_day,
    is_dateline,
    measures,
    number_value,
    numbers_in,
    person_names,
    refers_back,
    speaks_ahead,
    spells_out,
    thing_names,
    withheld,
)
from .news import AGE as _AGE
from .news.names import KINSHIP
from .places import place_stems
from .scoring import found_share, reacts, type_match
from .units import DIMENSIONS, RATES, UNITS, WORDED_SPAN, asks_money

__all__ = [
    "STRICT_KINDS",
    "Sentence",
    "asked_words",
    "gives_date_part",
    "gives_destination",
    "gives_unit",
    "kind_match",
    "mentions",
    "slot_filled",
]


@dataclass(frozen=True)
class Sentence:
    """A candidate sentence and what the rules may read about it."""

    source: str
    title: str
    start: int
    end: int
    text: str
    article: str  # the whole article's text
    prior: float = 0.0
    semantic: float = 0.0
    semantic_context: float | None = None
    counts: bool | None = None  # for "how many X": whether it counts X (None: no number)
    following: str = ""  # the next sentence, where a reaction may be told
    preceding: str = ""  # the sentence before, which may name an attribute's subject
    unnamed: tuple[str, ...] = ()  # the question's names its article never uses


def kind_match(intent: Intent, sentence: Sentence) -> bool | None:
    """Whether the sentence holds the kind of answer asked for (None: nothing to check).

    A number must count what the question counts; a time of day must be a time.
    """
    kind = intent.asks
    if kind == "reason":  # "because", "due to": a reason; none said may still be implied
        return True if gives_reason(sentence.text) else None
    if kind in (None, "yesno", "reaction"):
        return None
    if kind == "time" and intent.by_clock:  # not "what time of day"
        return has_clock_time(sentence.text)
    if kind == "time":
        return has_time(sentence.text)
    if kind == "office" and intent.office is not None:
        return holds_office(sentence.text, intent.office, set(intent.subject))
    if kind == "office":
        kind = "person"
    if kind == "person" and intent.who_named and intent.names:
        return found_share(list(intent.names), sentence.text) == 1.0  # "who is X?": X named
    if kind == "title":  # "what post does X hold?", "what's her job?": X's, or hers
        return gives_title(sentence.text, list(intent.names or intent.referents))
    if kind == "expansion" and intent.followup and not ACRONYM.search(intent.question):
        # "What does that acronym stand for?": the one the last turn used
        last = intent.history[-1]
        return type_match(kind, sentence.text, f"{last.question} {last.answer}")
    if kind == "date":  # "when did it take effect?": at noon is an answer too
        return type_match(kind, sentence.text, intent.question) or has_time(sentence.text)
    if kind == "age":  # the age of whom the question names, or "she", or "her daughters"
        ages = list(_AGE.finditer(sentence.text))
        owned = [_owner(sentence.text, m) for m in ages]
        owners, focus = list(intent.age_owners), intent.focus
        if owners:
            return any(found_share(owners, o) > 0 or (focus and mentions(o, focus)) for o in owned)
        if focus and intent.described:  # the one described, named or not, not a relative
            return any(
                mentions(o, focus) or not _kin_aged(sentence.text, m)
                for m, o in zip(ages, owned, strict=True)
            )
        if intent.focus:  # "how old are her daughters": theirs, not a named adult's
            return any(mentions(o, intent.focus) or not person_names(o) for o in owned)
    if kind == "name" and intent.referents:  # "what's her name?": the one just named
        return found_share(list(intent.referents), sentence.text) > 0
    if kind == "name" and intent.role and holds_office(sentence.text, intent.role):
        return True  # "what is the mayor's name?": the mayor's, named before or not
    if kind == "called":  # a name the question does not give ("Hotel Arevik"), no place's
        return bool(thing_names(sentence.text) - intent.asked_names)
    if kind == "name":  # someone the conversation has not named yet
        said = " ".join([intent.question, *(c.quote for c in intent.previous)])
        return type_match(kind, sentence.text, said)
    match = type_match(kind, sentence.text, intent.question)
    if kind == "number" and match and sentence.counts is False:
        return False
    if kind == "number" and match and intent.unit is None and _only_vague(sentence.text):
        return False  # "how many came?" is not answered by "several thousand gathered"
    if kind == "number" and intent.unit is not None and (match or intent.unit in _WORDED):
        # "how much land", "in dollars"; a share or a vote may need no digits: "roughly a
        # third", "unanimously"; money a year is money too ("90 hives a year" is not)
        paid = intent.unit not in RATES or not asks_money(intent.question)
        return gives_unit(intent.unit, sentence.text) and (
            paid or gives_unit("money", sentence.text)
        )
    if kind == "number" and intent.unit in _SPANS and not match:  # "for decades", "a day"
        return any(_span_of(intent, sentence.text, m) for m in WORDED_SPAN.finditer(sentence.text))
    return match


# Round words that give no count by themselves: "thousands", "several hundred", "dozens"
_VAGUE = wordset("dozen dozens hundred hundreds thousand thousands million millions")


def _only_vague(text: str) -> bool:
    """Whether every amount `text` gives is a round word that counts nothing exactly
    ("Thousands gathered", "several thousand protesters"; not "two hundred").

    >>> _only_vague("Several thousand protesters gathered."), _only_vague("Two hundred came.")
    (True, False)
    """
    found = amounts_in(text)
    return bool(found) and found <= _VAGUE


def _span_of(intent: Intent, text: str, m: re.Match[str]) -> bool:
    """Whether a stretch of time in words is the asked one's: "decades-long tensions" is
    how long tensions lasted, not a ceasefire."""
    if not m.group().endswith("-long"):
        return True
    described = _NEXT_LOWER.match(text, m.end())
    return described is not None and stem(described.group(1)) in intent.subject


_NEXT_LOWER = re.compile(r"\s+([a-z]+)")
_WORDED = ("share", "score", "measure")  # amounts news may give without a digit ("a third")
_SPANS = ("duration", "duration or length", "distance")  # and stretches of time in words


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


OWNER_CHARS = 60  # how far before an age its owner's name may stand


FOCUS_PREFIX = 4  # letters of a stem that name the same thing ("alli": ally, alliance)


# Kinds nothing else answers: a name needs a name, an age an age. ("who" is not one:
# "a local foundry" answers "who is restoring the gates?"; making it strict was measured
# and declined only the one near-miss it was written for.)
STRICT_KINDS = ("number", "age", "date", "time", "office", "title", "expansion", "name", "called")


def slot_filled(intent: Intent, sentence: Sentence, match: bool | None = None) -> tuple[bool, str]:
    """Whether `sentence` fills what the question asks for, about its subject; if not,
    why not. Each check is general over the `Intent`, never about one question:

    * a strict kind (a number, date, time of day, office holder, acronym's words) must
      be in the sentence, and a number must count what the question counts;
    * an attribute asked of a subject ("the population of X", "its capital") must be
      named by the sentence; "how many people live in X?" asks a population too, told
      by a sentence that says how many live there ("a village of about 2,000 people");
    * every name the question gives that the articles know must be used by the
      sentence's article (a capital by its country's name too): a question about
      Transnistria is not answered from an article that never names it;
    * a count of casualties says which (killed, injured): a sentence counting other
      people (evacuated, released) does not answer "how many died";
    * a reaction by a named actor must be that actor's (told in the sentence or the
      next one);
    * a follow-up that picks from what the last answer said ("how many of them were
      children?") or asks a person's age or name by pronoun ("how old is she?") is
      answered from the article(s) that answer cited: one event.
    * an article's dateline answers only when or where the article was filed; a
      sentence that says the asked thing is not known ("did not say whether", "gave no
      cause", "has not said where", "did not explain how the couples were selected")
      does not answer it; whom "who/which X" describes must be named, not only
      mentioned ("sold to an overseas buyer"), and "which three counties?" is not
      answered by a count of them ("in three counties");
    * a count or a time of day asked for one weekday, month or year ("on Monday", "last
      year") is not one for another ("on Tuesday", "this year");
    * a date asked to its month, day or year ("which month", "on what exact day") needs
      that part: "a 1994 ceasefire" gives no month, "in late September" no day;
    * "when will it reopen?" asks a time still to come: a sentence wholly in the past
      tells when something happened ("the fishery was closed in 2018");
    * "where were they taken?" asks where to: "evacuating civilians from the conflict
      zone" does not say;
    * an elliptical follow-up ("what about in August?", "and Japan?") asks the last
      question again of what it names: a sentence that names another month or country
      does not answer it.

    >>> from qa.intent import analyse
    >>> t = "The town has 4,000 residents."
    >>> slot_filled(analyse("What time of day did it start?"), Sentence("a", "", 0, 9, t, t))
    (False, 'gives no time')

    `match` is `kind_match(intent, sentence)` when the caller has it already.
    """
    if match is None:
        match = kind_match(intent, sentence)
    # "measure" is the number kind's own check (a count is no measured amount)
    if intent.unit not in (None, "measure") and not gives_unit(intent.unit, sentence.text):
        return False, f"gives no {_unit_words(intent.unit)}"
    if intent.asks in STRICT_KINDS and match is False:
        return False, f"gives no {asked_words(intent)}"
    if intent.totals and intent.counted is None and not _part_of(intent, sentence.text):
        return False, "gives only the total a part is asked of"
    if intent.whole and not _part_amounts(intent, sentence.text):
        return False, "gives only the amount a part is asked of"
    if intent.population and not _lives_there(intent, sentence.text):
        return False, "does not say how many live there"
    if is_dateline(sentence.text) and not _PUBLISHED.search(intent.question):
        return False, "is the article's dateline"
    if _withholds(intent, sentence.text):
        return False, "says it is not known"
    if intent.elided and not _says_of(intent.elided, sentence.text):
        return False, f"says nothing of {intent.elided}"  # "what about the UK?"
    if intent.role:
        named = names_holder(sentence.text, intent.role)
        if named is False:
            return False, f"does not name the {intent.role}"
        if named is None and _NAME_OF.search(intent.question):  # "the name of the multiplex"
            return False, f"does not name a {intent.role}"
        if named is None and not _names_someone(intent, sentence.text):
            return False, f"names no one who could be the {intent.role}"
    other = (
        _another_time(intent.question, sentence.text) if intent.asks in ("number", "time") else None
    )
    if other:  # "how many on Monday?" is not answered by a count "on Tuesday"
        return False, f"is about another {other}"
    if intent.ahead and not speaks_ahead(sentence.text):
        return False, "tells when something happened, not when it will"
    part = intent.date_part
    if part and not gives_date_part(part, sentence.text, intent.question):
        return False, f"gives no {part}"
    if intent.to_where and not gives_destination(sentence.text):
        return False, "says where from, not where to"
    counted = _which_of_a_count(intent.question)
    if counted and _only_counts(counted, sentence.text, set(intent.subject)):
        return False, f"counts the {counted[1]} but does not name them"
    if intent.priced and not _prices(intent.priced, sentence):
        return False, f"gives no price of the {intent.priced}"
    if (
        intent.attribute
        and intent.focus
        and not gives_attribute(sentence.text, intent.focus, intent.names)
    ):
        return False, f"does not give the {intent.focus}"
    # the dead counted, not "how long ago did beavers die out?"
    wanted = _casualty(intent.question) if intent.unit not in _SPANS else set()
    if intent.asks == "number" and wanted and not wanted & _casualty(sentence.text):
        return False, f"counts no one {' or '.join(sorted(wanted))}"
    if intent.counted and not wanted and _counts_only_losses(intent, sentence.text):
        return False, f"counts {intent.counted} killed or wounded, not as asked"
    if sentence.unnamed:
        return False, f"is from an article that never names {', '.join(sentence.unnamed)}"
    if intent.attribute and intent.names and not intent.followup:
        told = f"{sentence.title} {sentence.preceding} {sentence.text}"
        if found_share(list(intent.names), told) == 0:
            return False, f"does not give it for {', '.join(intent.names)}"
    told = f"{sentence.text} {sentence.following}"
    if intent.reaction_by and not reacts(told, list(intent.reaction_by)):
        return False, f"tells no reaction by {' or '.join(intent.reaction_by)}"
    cited = {c.source for c in intent.previous}
    about_them = intent.asks in ("age", "name") and intent.by_pronoun
    if (intent.partitive or about_them) and cited and sentence.source not in cited:
        return False, "is from another article than the conversation's"
    return True, ""


_BODY_KINDS = frozenset(BODY_KINDS.split())


# What a place's name alone may name: "which team?" "Armenia", "which council?" "Kendal"
_PLACE_NAMED = wordset(
    "team club side council court station ward suburb country nation state city town village "
    "region province district capital area island"
)


def _names_someone(intent: Intent, text: str) -> bool:
    """Whether `text` names anyone "which X?" could mean: a body only for a body's role
    ("which councillors" is not answered by "the council"), else a name; a country, a
    capital or a nationality alone names no journal, company or hotel ("In France,
    councils spend ..." for "which journal?"), only a place's team or council.

    >>> from qa.intent import analyse
    >>> france = "In France, councils spend 30 million euros a year on the hornet."
    >>> _names_someone(analyse("Which journal was the study in?"), france)
    False
    >>> _names_someone(analyse("Which team won?"), "Armenia won the final.")
    True
    """
    if (intent.role or "") in _BODY_KINDS:
        return bool(type_match("person", text, intent.question))
    named = capitalised_names(text) - set(intent.subject)
    return bool(named if intent.role in _PLACE_NAMED else named - place_stems())


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
)


def gives_destination(text: str) -> bool:
    """Whether `text` says where someone or something went: a place after "to", "into",
    or a named one after "in" or "at".

    >>> gives_destination("Peacekeepers took some civilians to their base.")
    True
    >>> gives_destination("Moscow troops began evacuating civilians from the conflict zone.")
    False
    >>> gives_destination("In Moscow, the ministry said it moved 3,150 people out of villages.")
    False
    """
    return bool(_DESTINATION.search(text))


_TIME_KINDS = ("day of the week", "month", "year")


@functools.lru_cache(maxsize=1024)
def _time_pins(text: str) -> tuple[frozenset[str], ...]:
    """The days of the week, months and years-as-said ("last year") `text` names, in the
    order of `_TIME_KINDS`. (A year in digits is left out: news dates an event by one
    year and sets it among others, "after the August 2022 shelling ... the November 2020
    statement".) Remembered: a question is read against every candidate."""
    found = dates_in(text)
    now = {"this year"} if _NOW.search(text) else set()  # "had 41 last year, now has 58"
    return (
        frozenset(found & WEEKDAYS),
        frozenset({d.split()[-1] for d in found} & MONTHS),
        frozenset({d for d in found if d.endswith(" year")} | now),
    )


_NOW = re.compile(r"\b(?:now|currently|so far|to date)\b", re.IGNORECASE)


def _another_time(question: str, text: str) -> str | None:
    """The kind of time ("month") for which the question names one and `text` only
    others: "How many were served on Monday?" is not answered by a count "on Tuesday".

    >>> _another_time("How many calls came in September?", "It took 900 calls in October.")
    'month'
    >>> _another_time("How many calls came on Monday?", "On Monday it took 900 calls.") is None
    True
    >>> _another_time("What was its budget last year?", "Its budget this year is £2m.")
    'year'
    """
    asked_pins = _time_pins(question)
    if not any(asked_pins):
        return None
    for kind, asked, said in zip(_TIME_KINDS, asked_pins, _time_pins(text), strict=True):
        if asked and said and not asked & said:
            return kind
    return None


# "Which three counties ...?", "Who are the two sponsors ...?": asks which ones, by name
_WHICH_OF_COUNT = re.compile(
    r"^(?:and |so )?(?:which|who (?:are|were)|what (?:are|were))(?: the)? (\w+) "
    r"(?:[\w-]+ ){0,2}?([a-z]+s)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=256)
def _which_of_a_count(question: str) -> tuple[str, str] | None:
    """The number and the noun of a "which three counties" question, else None."""
    m = _WHICH_OF_COUNT.match(question)
    return (m.group(1).lower(), m.group(2).lower()) if m and numbers_in(m.group(1)) else None


def _only_counts(counted: tuple[str, str], text: str, asked: set[str]) -> bool:
    """Whether `text` counts the asked ones ("in three counties") without naming them:
    the same number, counting the same noun, and no name beside them.

    >>> _only_counts(("three", "counties"), "It is owned by 212 farms in three counties.", set())
    True
    >>> _only_counts(("two", "routes"), "It cuts two routes in Leeds from May.", {"leed"})
    True
    >>> _only_counts(("two", "routes"), "It cuts two routes, the 14 and 22 Express.", set())
    False

    (A name the question gives, or a month, names none of them.)
    """
    number, noun = counted
    for n, phrase in counts_in(text):
        if number_value(n) == number_value(number) and any(
            stem(w.lower()) == stem(noun) for w in phrase
        ):
            after = capitalised_names(text.split(noun, 1)[-1])
            return all(stem(w) in asked or dates_in(w) for w in after)
    return False


def _part_amounts(intent: Intent, text: str) -> set[str]:
    """The amounts `text` gives besides the whole "how much of that" asks a part of (and
    the question's own numbers): "2.5 million" of "3.8 million"."""
    given = numbers_in(intent.question) | {intent.whole or ""}
    return {n for n in amounts_in(text) - given if any(c.isdigit() for c in n)}


def _lives_there(intent: Intent, text: str) -> bool:
    """Whether `text` gives how many live in a place, the one the question names if it
    names one: "In Sotk, a mining village of about 2,000 people" does; "1,200 residents
    were moved to the town of Armavir" counts people moved, and "On Skerra, where about
    3,100 people live" answers no question about Inchmore.

    >>> from qa.intent import analyse
    >>> i = analyse("How many people live in Sotk?")
    >>> _lives_there(i, "In Sotk, a mining village of about 2,000 people, residents agreed.")
    True
    >>> _lives_there(i, "Officials said 1,200 residents were moved out of Sotk.")
    False
    >>> _lives_there(i, "On Skerra, where about 3,100 people live, shops ran out of milk.")
    False
    """
    return bool(POPULATION.search(text) or mentions(text, "population")) and (
        not intent.names or found_share(list(intent.names), text) > 0
    )


def _part_of(intent: Intent, text: str) -> bool:
    """Whether `text` gives a part of the total a partitive asks about ("how many of
    them were let go?"): a number besides the totals (and the question's own) that
    counts what a total counted ("74 of its 370 employees") or what the question names
    ("among them about 30,000 children" for "how many of them children?").

    >>> from qa.history import HistoryTurn
    >>> from qa.intent import analyse
    >>> said = "The count used 47 registration points over 11 days."
    >>> i = analyse("How many of those points were in Yerevan?",
    ...     [HistoryTurn("How many registration points were used?", said)])
    >>> _part_of(i, said), _part_of(i, "Of the 47 points, 12 registration points were in Yerevan.")
    (False, True)
    >>> said = "Some 100,617 people had crossed, among them about 30,000 children."
    >>> i = analyse("how many of them children", [HistoryTurn("How many people crossed?", said)])
    >>> _part_of(i, said)
    True
    """
    # what the total counted, or what the question itself names ("of them children")
    counted = frozenset().union(*intent.totals.values()) | set(intent.subject)
    given = numbers_in(intent.question)
    return any(
        n not in intent.totals and n not in given and counted & {stem(w.lower()) for w in phrase}
        for n, phrase in counts_in(text)
    )


def _withholds(intent: Intent, text: str) -> bool:
    """Whether `text` says that what the question asks is not known: the asked kind
    ("declined to say how many" for "how many?"), or a matter of any kind the question
    is about ("did not say which substances had been found" for "which substances did
    they find?", "did not explain how the couples were selected" for "how were they
    picked?"), or the thing itself ("did not disclose the interest rate" for "what rate
    does the loan carry?", but not for "did it disclose the rate?", which it answers),
    or, for a name question, whose name it is ("who asked not to be named")."""
    left = withheld(text)
    # "who asked not to be named" answers no "what's his name?", but still "who paid?",
    # "why won't he give his name?" and "what is the hotel called?"
    whose = left.pop("name", None)
    if (
        whose is not None
        and intent.asks in (None, "name", "person", "called")
        and _ASKS_A_NAME.search(intent.question)
        and _about_matter(intent, whose, text)
    ):
        return True
    asked = "date" if intent.asks == "time" else intent.asks or ""
    if asked in left and _about_it(intent, left[asked], text):
        return True
    matters = list(left) if intent.asks is None else ["which", "thing"]
    if intent.asks == "yesno":  # "has not published its count": "No."
        matters.remove("thing")
    return any(k in left and _about_matter(intent, left[k], text) for k in matters)


# "What is the name of the airline ...?": the sentence must call something an airline
# ("A low-cost carrier suspended its flights" names none); "what is the hotel called?" may
# be answered by the hotel's name alone ("runs the Arevik")
_NAME_OF = re.compile(r"(?i)\bname of (?:the|a|an|its|their|this|that|his|her) ")
_ASKS_A_NAME = re.compile(r"\b(?:sur|first |last |full )?names?\b|\bcalled\b", re.IGNORECASE)


def _about_matter(intent: Intent, left_open: str, text: str) -> bool:
    """Whether the matter a sentence leaves open is what the question is about (as much
    of the question's subject in it as half of what the whole sentence has)."""
    subject = list(intent.subject)
    return found_share(subject, left_open) >= max(found_share(subject, text), 0.01) / 2


def _about_it(intent: Intent, left_open: str, text: str) -> bool:
    """Whether what a sentence leaves open is what a yes/no question asks ("did not say
    whether the prize money would rise" for "Did the prize money rise?"), not another
    matter of the same sentence ("... approved the plan but did not say whether it
    would be extended" for "Was the plan approved?"). Other kinds withhold the event
    the sentence is about ("gave no cause")."""
    return intent.asks != "yesno" or _about_matter(intent, left_open, text)


def _owner(text: str, m: re.Match[str]) -> str:
    """The words around match `m` of `text` in its clause: whose age it is ("Britain's
    Owen Pritchard, a 29-year-old" -> Owen Pritchard; "the 27-year-old Daniel Kiprono").

    >>> t = "Hailu Bekele was second and Owen Pritchard, a 29-year-old, was third."
    >>> _owner(t, _AGE.search(t))
    ' Owen Pritchard, a 29-year-old'
    """
    before = text[max(0, m.start() - OWNER_CHARS) : m.end()]
    after = text[m.end() : m.end() + OWNER_CHARS // 2]
    return _CLAUSE.split(before)[-1] + _CLAUSE.split(after)[0]


def _unit_words(unit: str) -> str:
    if unit == "share":
        return "share (a percentage or a fraction)"
    if unit == "score":
        return "score or vote"
    if unit == "pace":
        return "speed or time taken"
    if unit.startswith("duration") or unit in DIMENSIONS:
        return unit
    return f"amount {unit}" if unit.startswith("per ") else f"amount in {unit}"


LOSS_WINDOW = 40  # characters either side of a number its casualty words may stand


def _counts_only_losses(intent: Intent, text: str) -> bool:
    """Whether every number of `text` counts people killed, wounded or lost ("192
    servicemen were killed and 511 wounded"), while the question asks no such count
    ("how many troops took part?"), nor did the turn it follows ("and how many
    Armenians?").

    >>> from qa.intent import analyse
    >>> said = "It said 192 servicemen were killed and 511 wounded."
    >>> _counts_only_losses(analyse("How many troops took part?"), said)
    True
    >>> _counts_only_losses(analyse("How many troops did it lose?"), said)
    False
    >>> _counts_only_losses(analyse("How many were taken in?"), "It took in 63 wounded people.")
    False

    A day of a month counts no one: "fighting that began on September 19".

    >>> _counts_only_losses(analyse("How many people fled?"), "At least 200 people were killed "
    ...                     "in fighting that began on September 19.")
    True
    """
    if intent.about_losses:
        return False
    found = [
        m
        for m in _NUMBER_AT.finditer(text)
        if not YEAR.fullmatch(m.group()) and not in_a_day(text, m.start())
    ]
    return bool(found) and all(
        LOSSES.search(text[max(0, m.start() - LOSS_WINDOW) : m.end() + LOSS_WINDOW])
        and not _HURT_PEOPLE.match(text, m.end())  # "received 63 wounded people": who came
        for m in found
    )


def _prices(thing: str, sentence: Sentence) -> bool:
    """Whether `sentence` may give the price of `thing` (a stem, `Intent.priced`): it
    names it, or opens on "It" after a sentence that does ("It cost 18 million drams").

    >>> _prices("wool", Sentence("a", "", 0, 0, "The extra service costs 18 million drams.", ""))
    False
    """
    if mentions(sentence.text, thing):
        return True
    if refers_back(sentence.text):
        return not sentence.preceding or mentions(sentence.preceding, thing)
    return False


def _casualty(text: str) -> set[str]:
    """Which casualties `text` speaks of.

    >>> sorted(_casualty("32 people were killed and 200 wounded")), _casualty("evacuated 2,000")
    (['injured', 'killed'], set())
    """
    return {name for name, pattern in _CASUALTIES.items() if pattern.search(text)}


def gives_attribute(text: str, focus: str, names: Sequence[str] = ()) -> bool:
    """Whether `text` gives the asked attribute: it names it ("population", "budget"), or,
    for a population, counts who live there as news writes it, after the place asked
    about (`names`, stems) when the question names one.

    >>> gives_attribute("Bruges, a city of about 119,000 people, had 8 million visitors.",
    ...                 "population")
    True
    >>> gives_attribute("It evacuated 2,000 people.", "population")
    False
    >>> gives_attribute("Nakhchivan, home to about 460,000 people, borders Syunik.",
    ...                 "population", ["syunik"])
    False
    """
    if mentions(text, focus):
        return True
    if focus.split()[-1] != "population":
        return False
    return any(
        not names or found_share(list(names), text[: m.start()]) > 0
        for m in POPULATION.finditer(text)
    )


def mentions(text: str, focus: str) -> bool:
    """Whether `text` names `focus` (any word of it) by its stem or a word sharing the
    stem's first `FOCUS_PREFIX` letters ("ally" for "alliance"). Finding close words by
    embedding each word of the best sentences was measured: the same answers but one,
    for ~0.5 s on every new question.

    >>> mentions("the town's residents numbered 4,000", "resident")
    True
    >>> mentions("Armenia is a traditional ally of Russia", "alliance")
    True
    >>> mentions("It has 4,000 residents.", "population")
    False
    """
    wanted = [t[:FOCUS_PREFIX] if len(t) > FOCUS_PREFIX else t for t in terms(focus)]
    said = terms(text)
    return any(
        s.startswith(w) or w.startswith(s)
        for w in wanted
        for s in said
        if len(s) >= min(len(w), FOCUS_PREFIX)
    )


def unused_names(intent: Intent, article: str) -> tuple[str, ...]:
    """The names the question gives (stems) that `article` never uses: a capital is used
    by an article that names its country ("Yerevan" by "Armenia"), and the other way
    round, and an acronym by one that writes it out ("UN" by "United Nations").

    >>> from qa.intent import analyse
    >>> text = "The United Nations asked Armenia for help. It met in Paris."
    >>> unused_names(analyse("Did the UN ask Yerevan (Armenia) or Rome (Italy)?"), text)
    ('rome', 'itali')
    >>> unused_names(analyse("How many did the Armenian UN office send, per Yerevan?"), text)
    ()
    """
    acronyms = set(ACRONYM.findall(intent.question))  # "UN", said as "United Nations"
    missing = [
        n
        for n in intent.names
        if found_share([n], article) == 0 and not (n.upper() in acronyms and spells_out(n, article))
    ]
    return tuple(  # the other one named whole ("Czech Republic", "United States")
        n
        for n in missing
        if not any(
            n in one and found_share(list(other), article) == 1.0
            for capital, country in intent.stand_ins
            for one, other in ((capital, country), (country, capital))
        )
    )


def _says_of(elided: str, text: str) -> bool:
    """Whether `text` is about what an elliptical follow-up pins the last question to ("the
    UK" in "what about the UK?"): each name, month, weekday or number it gives, or the
    words an acronym stands for. Other words may be said otherwise ("for pensioners":
    "for over-65s"), and a follow-up that names nothing ("and now?") is about anything.

    >>> _says_of("in August", "Inflation slowed to 0.9 percent in September.")
    False
    >>> _says_of("the US", "The United States pledged $11.5 million."), _says_of("for kids", "It")
    (True, True)
    """
    pinned = [w for w in elided.split() if _PINNED.fullmatch(w) and terms(w)]
    return all(
        mentions(text, w) or (ACRONYM.fullmatch(w) is not None and spells_out(w, text))
        for w in pinned
    )


# words a follow-up pins its question to, which news does not say in other words
_PINNED = re.compile(
    rf"[A-Z][\w'’-]*|\d[\w,.-]*|(?i:{'|'.join(sorted(MONTHS | WEEKDAYS))})s?",
)


# ", aged six" belongs to the noun before it; ", killed ..." starts another clause
_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\b|[;:(]|, (?=(?!aged\b)[a-z]+ed\b|was\b|were\b)")


# "When was the article published?", "where was the story filed?": a dateline's question
_PUBLISHED = re.compile(r"\b(?:published|filed|dated|written|dateline)\b", re.IGNORECASE)


# What happened to the people a count counts, as news tells casualties.
_CASUALTIES = {
    "killed": re.compile(rf"\b({KILLED})\b", re.I),
    "injured": re.compile(rf"\b({INJURED})\b", re.I),
}
_NUMBER_AT = re.compile(r"\b\d[\d,]*\b")
_HURT_PEOPLE = re.compile(r" (?:wounded|injured|dead) (?!(?:and|or|in|on|at|by|during|as)\b)[a-z]")


def asked_words(intent: Intent, whose: bool = True) -> str:
    """What the question asks for, in the words an explanation uses: "number of board
    seats" for "how many board seats?" (a sentence may give numbers and still count no
    board seats), "office holder" for an office, else the kind's name; with `whose`
    False, the kind alone ("number", "name"), for what a sentence has.

    >>> from qa.intent import analyse
    >>> asked_words(analyse("How many board seats do the workers get?"))
    'number of board seats'
    >>> asked_words(analyse("When did it open?")), asked_words(analyse("Who is he?"), False)
    ('date', 'person')
    """
    if whose and intent.asks == "number" and intent.counted:
        return f"number of {intent.counted}"
    kind, of = _KIND_WORDS.get(intent.asks or "", (intent.asks or "", ""))
    return f"{kind}{of}" if whose else kind


# each kind's words, and whose or which one it must be
_KIND_WORDS = {
    "expansion": ("spelt-out name", ""),
    "office": ("office holder", ""),
    "title": ("office or job", " of the person asked about"),
    "name": ("name", " of anyone not yet named"),
    "called": ("name", ""),
}


_KIN = re.compile(rf"{KINSHIP}\b", re.IGNORECASE)  # "his wife Siranush, 58"
KIN_CHARS = 20  # characters either side of an age a relative's kinship words stand


def _kin_aged(text: str, m: re.Match[str]) -> bool:
    """Whether the age `m` of `text` is a relative's: "his wife Siranush, 58", "His
    12-year-old grandson"; not "Arsen Davtyan, 42, ... who lives with his wife".

    >>> t = "said Arsen Davtyan, 42, a builder who lives with his wife and children."
    >>> wife = "He left with his wife Siranush, 58."
    >>> _kin_aged(t, _AGE.search(t)), _kin_aged(wife, _AGE.search(wife))
    (False, True)
    """
    return bool(_KIN.search(text, max(0, m.start() - KIN_CHARS), m.end() + KIN_CHARS))
