"""Whether a sentence is about what the question asks about, for the slot checks: it
names the asked attribute or focus (`mentions`, `gives_attribute`), uses the names the
question gives (`unused_names`), is about what an elliptical follow-up names, names
anyone "which X?" could mean, gives how many live in the place asked of or the price of
the thing asked, and does not say that the asked thing is unknown (`withholds`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from vectorstore.text import terms

from ..intent import Intent
from ..kinds import wordset
from ..news import (
    ACRONYM,
    BODY_KINDS,
    MONTHS,
    POPULATION,
    WEEKDAYS,
    capitalised_names,
    refers_back,
    spells_out,
    withheld,
)
from ..places import place_stems
from ..scoring import found_share, type_match
from .sentence import Sentence

__all__ = [
    "gives_attribute",
    "gives_price",
    "lives_there",
    "mentions",
    "names_someone",
    "says_of",
    "unused_names",
    "withholds",
]


FOCUS_PREFIX = 4  # letters of a stem that name the same thing ("alli": ally, alliance)


_BODY_KINDS = frozenset(BODY_KINDS.split())


# What a place's name alone may name: "which team?" "Armenia", "which council?" "Kendal"
_PLACE_NAMED = wordset(
    "team club side council court station ward suburb country nation state city town village "
    "region province district capital area island"
)


def names_someone(intent: Intent, text: str) -> bool:
    """Whether `text` names anyone "which X?" could mean: a body only for a body's role
    ("which councillors" is not answered by "the council"), else a name; a country, a
    capital or a nationality alone names no journal, company or hotel ("In France,
    councils spend ..." for "which journal?"), only a place's team or council.

    >>> from qa.intent import analyse
    >>> france = "In France, councils spend 30 million euros a year on the hornet."
    >>> names_someone(analyse("Which journal was the study in?"), france)
    False
    >>> names_someone(analyse("Which team won?"), "Armenia won the final.")
    True
    """
    if (intent.role or "") in _BODY_KINDS:
        return bool(type_match("person", text, intent.question))
    named = capitalised_names(text) - set(intent.subject)
    return bool(named if intent.role in _PLACE_NAMED else named - place_stems())


def lives_there(intent: Intent, text: str) -> bool:
    """Whether `text` gives how many live in a place, the one the question names if it
    names one: "In Sotk, a mining village of about 2,000 people" does; "1,200 residents
    were moved to the town of Armavir" counts people moved, and "On Skerra, where about
    3,100 people live" answers no question about Inchmore.

    >>> from qa.intent import analyse
    >>> i = analyse("How many people live in Sotk?")
    >>> lives_there(i, "In Sotk, a mining village of about 2,000 people, residents agreed.")
    True
    >>> lives_there(i, "Officials said 1,200 residents were moved out of Sotk.")
    False
    >>> lives_there(i, "On Skerra, where about 3,100 people live, shops ran out of milk.")
    False
    """
    return bool(POPULATION.search(text) or mentions(text, "population")) and (
        not intent.names or found_share(list(intent.names), text) > 0
    )


def withholds(intent: Intent, text: str) -> bool:
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


def gives_price(thing: str, sentence: Sentence) -> bool:
    """Whether `sentence` may give the price of `thing` (a stem, `Intent.priced`): it
    names it, or opens on "It" after a sentence that does ("It cost 18 million drams").

    >>> said = "The extra service costs 18 million drams."
    >>> gives_price("wool", Sentence("a", "", 0, 0, said, ""))
    False
    """
    if mentions(sentence.text, thing):
        return True
    if refers_back(sentence.text):
        return not sentence.preceding or mentions(sentence.preceding, thing)
    return False


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


def says_of(elided: str, text: str) -> bool:
    """Whether `text` is about what an elliptical follow-up pins the last question to ("the
    UK" in "what about the UK?"): each name, month, weekday or number it gives, or the
    words an acronym stands for. Other words may be said otherwise ("for pensioners":
    "for over-65s"), and a follow-up that names nothing ("and now?") is about anything.

    >>> says_of("in August", "Inflation slowed to 0.9 percent in September.")
    False
    >>> says_of("the US", "The United States pledged $11.5 million."), says_of("for kids", "It")
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
