"""Whether a candidate sentence fills the slot the question asks: `kind_match` reads the
asked kind alone (a number that counts the asked thing, a time, an office holder, an
age of whom the question means); `slot_filled` runs every check over the `Intent` and
says why a sentence may not answer. The readings it calls live beside it: `amounts`
(what numbers count), `times` (which time, where to) and `subject` (what a sentence is
about)."""

from __future__ import annotations

import re

from ..holders import gives_title, holds_office, names_holder
from ..intent import Intent
from ..kinds import PLACED
from ..news import (
    ACRONYM,
    MADE_IN,
    gives_part,
    gives_reason,
    has_clock_time,
    has_time,
    is_dateline,
    numbers_in,
    person_names,
    speaks_ahead,
    tells_when,
    thing_names,
)
from ..news import AGE as _AGE
from ..news.names import KINSHIP
from ..scoring import SPEECH_VERBS, found_share, names_any, reacts, type_match
from ..units import RATES, WORDED_SPAN, asks_money
from .amounts import (
    SPANS,
    WORDED,
    casualties_in,
    gives_unit,
    money_implied,
    only_vague,
    part_amounts,
    part_of,
    span_of,
    unit_words,
)
from .sentence import Sentence
from .subject import (
    gives_attribute,
    gives_price,
    lives_there,
    mentions,
    names_someone,
    says_of,
    withholds,
)
from .times import PUBLISHED, another_time, gives_date_part, gives_destination, year_elsewhere

__all__ = [
    "STRICT_KINDS",
    "asked_words",
    "kind_match",
    "slot_filled",
]


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
        return (
            type_match(kind, sentence.text, intent.question)
            or has_time(sentence.text)
            or tells_when(sentence.text)  # "at a time when the Soviet Union was collapsing"
        )
    if kind == "age" and intent.thing_aged and MADE_IN.search(sentence.text):
        return True  # "how old is the bridge?": "built in 1878"
    if kind == "age":  # the age of whom the question names, or "she", or "her daughters"
        ages = list(_AGE.finditer(sentence.text))
        owned = [_owner(sentence.text, m) for m in ages]
        owners, focus = list(intent.people_asked), intent.focus
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
    if kind == "number" and match and intent.unit is None and only_vague(sentence.text):
        return False  # "how many came?" is not answered by "several thousand gathered"
    if kind == "number" and intent.unit is not None and (match or intent.unit in WORDED):
        # "how much land", "in dollars"; a share or a vote may need no digits: "roughly a
        # third", "unanimously"; money a year is money too ("90 hives a year" is not)
        paid = intent.unit not in RATES or not asks_money(intent.question)
        return _in_unit(intent.unit, sentence) and (paid or gives_unit("money", sentence.text))
    if kind == "number" and intent.unit in SPANS and not match:  # "for decades", "a day"
        return any(span_of(intent, sentence.text, m) for m in WORDED_SPAN.finditer(sentence.text))
    return match


def _in_unit(unit: str, sentence: Sentence) -> bool:
    """Whether `sentence` gives an amount in the asked `unit`, its currency maybe named
    only by another sum of its article ("needed 134.8 million more")."""
    return gives_unit(unit, sentence.text) or (
        unit == "money" and money_implied(sentence.text, sentence.article)
    )


OWNER_CHARS = 60  # how far before an age its owner's name may stand


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
      next one, or said by "she" or "he" after the sentence naming them);
    * a follow-up that picks from what the last answer said ("how many of them were
      children?") or asks a person's age or name by pronoun ("how old is she?") is
      answered from the article(s) that answer cited: one event; a part asked of a
      whole no earlier answer counted ("how many of the wounded were children?") needs
      a number said as a part ("including nine children", "nine of them");
    * an article's dateline answers only when or where the article was filed; a
      sentence that says the asked thing is not known ("did not say whether", "gave no
      cause", "has not said where", "did not explain how the couples were selected")
      does not answer it; whom "who/which X" describes must be named, not only
      mentioned ("sold to an overseas buyer"), and whoever "who led/headed X?" asks
      for (`names_leader`: "A small UN team visited" names no leader); a place below the
      winner ("who came second?", "the runners-up") is told by a result, not by a
      sentence that tells only who won ("$12,000 for the winner");
    * a count or a time of day asked for one weekday, month or year ("on Monday", "last
      year") is not one for another ("on Tuesday", "this year"), nor one whose article
      names the asked year ("in the 2020 war") only away from it (`year_elsewhere`);
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
    if intent.unit not in (None, "measure") and not _in_unit(intent.unit, sentence):
        return False, f"gives no {unit_words(intent.unit)}"
    if intent.asks in STRICT_KINDS and match is False:
        return False, f"gives no {asked_words(intent)}"
    if intent.leader and not names_leader(sentence.text):
        return False, "names no one who leads"
    if intent.placed and not _PLACED.search(sentence.text):
        return False, f"tells no one placed {intent.placed}, only who won"
    if intent.totals and intent.counted is None and not part_of(intent, sentence.text):
        return False, "gives only the total a part is asked of"
    if (
        intent.asks_part
        and not intent.totals  # a total known: `part_of` above reads what is a part
        and not numbers_in(intent.question)  # "how many of the 34 varieties": any other is
        and not gives_part(sentence.text)
    ):
        return False, "gives no part of a whole"
    if intent.whole and not part_amounts(intent, sentence.text):
        return False, "gives only the amount a part is asked of"
    if intent.population and not lives_there(intent, sentence.text):
        return False, "does not say how many live there"
    if is_dateline(sentence.text) and not PUBLISHED.search(intent.question):
        return False, "is the article's dateline"
    if withholds(intent, sentence.text):
        return False, "says it is not known"
    if intent.elided and not says_of(intent.elided, sentence.text):
        return False, f"says nothing of {intent.elided}"  # "what about the UK?"
    if intent.role:
        named = names_holder(sentence.text, intent.role)
        if named is False:
            return False, f"does not name the {intent.role}"
        if named is None and _NAME_OF.search(intent.question):  # "the name of the multiplex"
            return False, f"does not name a {intent.role}"
        if named is None and not names_someone(intent, sentence.text):
            return False, f"names no one who could be the {intent.role}"
    other = (
        another_time(intent.question, sentence.text) if intent.asks in ("number", "time") else None
    )
    if other:  # "how many on Monday?" is not answered by a count "on Tuesday"
        return False, f"is about another {other}"
    year = year_elsewhere(intent.question, sentence) if intent.asks in ("number", "time") else None
    if year:  # "how many died in the 2020 war?": its article tells of 2020 elsewhere
        return False, f"is not about {year}, which its article tells of elsewhere"
    if intent.ahead and intent.asks in ("date", "time") and not speaks_ahead(sentence.text):
        return False, "tells when something happened, not when it will"
    part = intent.date_part
    if part and not gives_date_part(part, sentence.text, intent.question):
        return False, f"gives no {part}"
    if intent.to_where and not gives_destination(sentence.text):
        return False, "says where from, not where to"
    if intent.priced and not gives_price(intent.priced, sentence):
        return False, f"gives no price of the {intent.priced}"
    if (
        intent.attribute
        and intent.focus
        and not gives_attribute(sentence.text, intent.focus, intent.names)
    ):
        return False, f"does not give the {intent.focus}"
    # the dead counted, not "how long ago did beavers die out?"
    wanted = casualties_in(intent.question) if intent.unit not in SPANS else set()
    if intent.asks == "number" and wanted and not wanted & casualties_in(sentence.text):
        return False, f"counts no one {' or '.join(sorted(wanted))}"
    if sentence.unnamed:
        return False, f"is from an article that never names {', '.join(sentence.unnamed)}"
    if intent.attribute and intent.names and not intent.followup:
        told = f"{sentence.title} {sentence.preceding} {sentence.text}"
        if found_share(list(intent.names), told) == 0:
            return False, f"does not give it for {', '.join(intent.names)}"
    told = f"{sentence.text} {sentence.following}"
    actors = list(intent.reaction_by or ())
    if actors and not reacts(told, actors) and not _said_by(actors, sentence):
        return False, f"tells no reaction by {' or '.join(actors)}"
    cited = {c.source for c in intent.previous}
    about_them = intent.asks in ("age", "name") and intent.by_pronoun
    if (intent.partitive or about_them) and cited and sentence.source not in cited:
        return False, "is from another article than the conversation's"
    return True, ""


def _said_by(actors: list[str], sentence: Sentence) -> bool:
    """Whether `sentence` is said by one of the `actors` named just before it, as news
    quotes someone it has introduced: '"The best museum for this ship is the bottom of the
    sea," she said.' after a sentence naming Koskinen."""
    return bool(_PRONOUN_SAID.search(sentence.text)) and names_any(actors, sentence.preceding)


_PRONOUN_SAID = re.compile(rf"\b(?:he|she|they) (?:{SPEECH_VERBS}|told|warned)\b", re.IGNORECASE)


# "led by Scottish Enterprise", "co-chaired by Russia, France and the United States"
_BY_NAME = re.compile(r"\bby (?:the )?[^\W\d_a-z]")


# A place below the winner, as a result is told: "finished second", "third place", "the
# runners-up", "40 seconds ahead of X", "beating X", "behind X" (whoever won, someone came
# after); "$12,000 for the winner" tells only the winner's
_PLACED = re.compile(
    rf"\b(?:{PLACED})\b|\bahead of\b|\bbehind\b|\bbeat(?:s|ing|en)?\b|\bdefeat"
    r"|\bheld off\b|\bholding off\b|\bedged out\b|\bplace[ds]?\b",
    re.IGNORECASE,
)


def names_leader(text: str) -> bool:
    """Whether `text` names someone who could lead what a "who led ...?" question asks
    of: a person, or a name after "by".

    >>> names_leader("A small UN team visited the region on Oct. 1.")
    False
    >>> names_leader("The team was led by Anna Lindqvist."), names_leader("Led by Scottish "
    ...     "Enterprise, investors put in 3 million pounds.")
    (True, True)
    """
    return bool(person_names(text)) or bool(_BY_NAME.search(text))


# "What is the name of the airline ...?": the sentence must call something an airline
# ("A low-cost carrier suspended its flights" names none); "what is the hotel called?" may
# be answered by the hotel's name alone ("runs the Arevik")
_NAME_OF = re.compile(r"(?i)\bname of (?:the|a|an|its|their|this|that|his|her) ")


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


# ", aged six" belongs to the noun before it; ", killed ..." starts another clause
_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\b|[;:(]|, (?=(?!aged\b)[a-z]+ed\b|was\b|were\b)")


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
