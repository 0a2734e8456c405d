"""What a question asks: `analyse(question, history) -> Intent`, once per turn.

(The history it reads is typed in `qa.history`.)

Every later step reads the question through its `Intent` instead of parsing it again:
retrieval searches `Intent.searched`, the scorer's rules (`qa.rules`) check a sentence
against the asked slot (`asks`, `focus`, `names`, `reaction_by`), and follow-up
handling reads the previous answers' citations from `Intent.previous`.

The analysis is shallow on purpose (regular expressions over the question's words, no
parser): it names the *slot* a good answer fills (a number of what, a date, a time of
day, a place, a person, an office holder, a reason, a yes or no, an acronym's words, a
reaction by whom) and the question's own subject (its content terms and the names it
gives). The concession: a question phrased in a way none of these patterns knows is
read as a plain description question (`asks` None) and answered by similarity alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from vectorstore.text import STOPWORDS, normalize_numbers, stem, terms

from .answer import Citation
from .history import HistoryTurn
from .kinds import (
    ACCEPTED,
    AIMED,
    AUXILIARY,
    CLOCK_ASKED,
    DID,
    KIND_PATTERNS,
    KINDS,
    LOSSES,
    OFFICE,
    OFFICE_ABBREVIATIONS,
    OFFICE_VERB,
    OFFICE_VERBS,
    REACTION,
    STATEMENT,
    YES_NO,
    wordset,
)
from .places import without_countries
from .units import UNITS, asked_unit, asks_share

__all__ = [
    "KINDS",
    "OFFICE",
    "OFFICE_ABBREVIATIONS",
    "REACTION",
    "UNITS",
    "Intent",
    "analyse",
    "asked_focus",
    "asked_kind",
    "asked_unit",
    "asks_share",
    "counted_action",
    "counted_kind",
    "is_followup",
    "question_names",
    "reaction_by",
    "spell_out_titles",
]

HISTORY_TURNS = 2  # earlier turns that may inform a follow-up
NEW_TOPIC_TERMS = 2  # content words the conversation never used that make a new topic

_WH = re.compile(r"\b(what|which|who|whom|whose|where|when|how|why)\b")
# "How much" of something (land, sleep) is measured, not counted
_ANY_HOW_MUCH = re.compile(r"(?i)\bhow much\b")
_CLAUSE_WORDS = frozenset({"when", "where", "who", "whom", "whose", "why"})
# The noun a "what/which ..." or "how many ..." question asks about ("what weapons",
# "what is the capital of", "which heights", "what is its total population").
_FOCUS = re.compile(
    r"\b(?:how many|how much"
    r"|(?:what|which)(?: (?:is|was|are|were)(?: (?:the|its|their|his|her))?)?)"
    r"((?: [\w'’-]+){1,5})",
    re.IGNORECASE,
)
_NOT_FOCUS = wordset(
    "did does do is was were are has have had will would can could should of the a an its "
    "their his her this that these those it they he she there kind sort type already still "
    "now currently actually really ever also just so far yet"
)
_GENERIC = wordset(
    "people person thing things happen happened say said tell told article articles report "
    "according much many time"
)
_VERBS = wordset(
    "got get gets go goes went come came make makes take takes took give gives gave lose "
    "lost leave left flee fled live lives die dies remain remains say says happen made built "
    "won wrote ran brought bought sent kept held put seen found given taken hurt told paid "
    "sold led met shot struck hit born caught"
)
# "what is the population of X", "what is its capital", "what was the club's budget"
_ATTRIBUTE_FORM = re.compile(
    r"\b(?:what|which)(?:['’]s| (?:is|was|are|were)) (?:the|its|their|his|her|[\w-]+['’]s)\b",
    re.IGNORECASE,
)
# "CEO", "ceo"; "pm" too, unless a time ("at 8 pm")
_ABBREVIATED = re.compile(r"(?i)\b(?:CEO|CFO|COO|CTO|(?<!\d)(?<!\d )PM)\b(?! \()")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONTRACTED = re.compile(r"\b(what|who|where|when|how)['’]?s\b")  # "whats", "who's"
# Attributes whose value is of a known kind: "what is the population of X" wants a number
# about X's population, "what is its capital" a place.
_ATTRIBUTE_KINDS = {
    **dict.fromkeys(
        wordset(
            "population size area budget cost price salary wage age height length distance "
            "revenue revenues profit profits turnover debt fee fees capacity attendance "
            "rate income spending"
        ),
        "number",
    ),
    **dict.fromkeys(
        wordset("capital headquarters birthplace hometown location venue seat"), "place"
    ),
}
_PLURAL = re.compile(
    r"(?!(?:news|series|species|means|headquarters|measles|mumps|diabetes|rabies|physics"
    r"|economics|politics|athletics|gymnastics)$)[a-z]{2,}[^s]s"
)
# plurals without an "s": "how many people saw the show" counts people, not saws
_PLURAL_WORDS = wordset("people children men women police cattle folk")
_AGE_OF = re.compile(  # whose age: "how old are her daughters", "how old is the new mayor",
    r"(?i)\bhow old (?:is|was|are|were) (?:the|her|his|their|its|those|these) "  # "the
    r"(?:[a-z-]+['’]s )?(?:[a-z-]+ (?!now\b|today\b|then\b))?([a-z]+)\b(?!['’])"  # workshop's
)  # founder now"
_COPULA = wordset("were are was is")
# "how much did the wool cost", "how much is the prize worth"
_PRICED = re.compile(
    r"(?i)\bhow much (?:money )?(?:does|did|do|will|would|is|was|are|were|has|have|had|could|can)"
    r" (?:the |a |an |each |one |that |this |its |their |his |her )?"
    r"(?P<thing>(?:[\w-]+ ){0,2}?[\w-]+)"
    r" (?:cost|costs|be worth|worth)\b"
)
# what stands in for the priced thing: "what did it cost", "how much did each one cost"
# (`_PRONOUNS` lacks "one", which here stands for the thing last named)
_STANDS_IN = wordset("it they them that this those these he she we you one")
_QUANTITIES = wordset("number total amount figure count toll sum share percentage size strength")
_MODIFIER = re.compile(r"[a-z]+-[a-z]+")  # a compound modifier: "all-out", "full-scale"
_NAME = re.compile(r"\b(?:[A-Z][\w’'-]*\w|[A-Z]|\w*\d\w*[A-Za-z]\w*)\b")
_DECADE = re.compile(r"['’]?\d+s?")  # "1990s", "90s": a time, not a name
_REACTOR = re.compile(
    r"\b(?:(?:reaction|response) (?:of|from|in|by) (?:the )?"
    r"|(?:how did|did|what was|how has|how have) (?:the )?(?!the\b|reaction\b|response\b))"
    r"([\w-]+)(?:['’]s)?(?: \(([\w ]+)\))?"
    rf"(?:['’]s)?(?: {OFFICE}\b)?",  # "Derby's mayor": the mayor reacts, as "the city's mayor"
    re.I,
)
_PRONOUNS = re.compile(
    r"\b(he|she|they|them|it|its|his|her|hers|their|theirs|him|those|these|that one|"
    r"this one|there|then|the same|such|the latter|the former|the group|the country|"
    r"the region|the operation|the ceasefire|the attack|the war|the truce|that|this)\b",
    re.IGNORECASE,
)
_HOW_MANY = re.compile(r"(?i)(?:(?:and|so|but),? )?how many\b")
_PARTITIVE_ASK = re.compile(
    r"(?i)^(?:(?:and|so|but),? )?(?:how (?:many|much)|which|what share|what proportion) "
    r"(?:of|among) (?:the|those|these|them|it|that|this)\b"
)
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b", re.IGNORECASE)
# An age or name asked of "he"/"she" themselves, not of "her husband"
_THEIR_OWN = re.compile(
    r"\b(?:how old (?:is|was|are|were) (?:he|she|they)|(?:his|her|their) (?:full )?(?:name|age"
    r"|job|position|post|occupation)"
    r"|(?:is|was|are|were) (?:he|she|they) called)\b(?!['’]s)",
    re.IGNORECASE,
)
# Whose statement the last answer told: "Who announced that?", "Which official said so?"
_SOURCE_ASK = re.compile(
    r"^(?:(?:and|so|but),? )?(?:who|which [\w-]+(?: [\w-]+)?|according to whom)\b(?: \w+){0,2}? "
    r"(?:said|says|say|announced|announce|gave|give|released|release|reported|report|made"
    r"|make|put out|published|stated|claimed|confirmed|disclosed|revealed|provided|issued"
    r"|estimated|compiled|told)\b(?: \w+)? (?:that|this|those|these|it|them|so)\b",
    re.IGNORECASE,
)
# "the name of the foundation that ...", "the collector's name", "what is his winery called"
_ROLE_NAMED = re.compile(
    r"\bnames? of (?:the |his |her |its |their |this |that )?((?:[\w-]+ ){0,2}?[\w-]+)"
    r"(?= (?:who|that|which|whose|where|when|of|in|at|for|on|near|by|from|with|she|he|they"
    r"|we|you|it|was|is|were|did|does|had|has|the|a|an|his|her|its|their)\b|[?,.]|$)"
    r"|\b(?:the |his |her |its |their )((?:[\w-]+ ){0,2}?[\w-]+)['’]s? (?:full )?name\b"
    r"|\b(?:is|was|are|were) (?:the |his |her |its |their )((?:[\w-]+ ){0,2}?[\w-]+)"
    r" (?:called|named)\?",
    re.IGNORECASE,
)
# "who was the overseas buyer", "who is Quiroga's agent" (not "who is Dora Varga")
_ROLE_WHO = re.compile(
    r"^(?:and |so )?who(?:['’]s| is| was| are| were| will be) (?:the |a |an |his |her |its |their "
    r"|[A-Z][\w-]*['’]s )((?:[a-z-]+ ){0,2}?[a-z-]+)(?= (?:of|for|that|who|in|at|on)\b|[?,]|$)",
    re.IGNORECASE,
)
# "which month ...?", "in what year ...?", "on what exact day ...?": a part of a date
_DATE_PART = re.compile(
    r"\b(?:what|which)(?: (exact|precise))? (day of the week|weekday|year|month|date|day)\b"
    r"|\b(exact|precise) (date|day)\b",
    re.IGNORECASE,
)
_PARTS = {"day of the week": "weekday", "weekday": "weekday", "date": "day"}
# "Where were the evacuees taken?", "Where will the families be moved?": a destination
_TO_WHERE = re.compile(
    r"\bwhere\b.*\b(?:(?:tak(?:e|en|ing)|took)(?! place)|moved?|moving|sent|send|brought"
    r"|bring|evacuated|relocated|transferred|go(?:ne|ing)?|went|head(?:ed|ing)?|fled|flee"
    r"|resettled|rehoused)\b",
    re.IGNORECASE,
)
# "What did Baku accuse Armenia of?", "What has he accused Moscow of?": who at whom
_ASKED_AIM = re.compile(
    rf"\b{DID}\s+(?P<subject>[\w'’ ()-]+?)\s+(?:\w+ly\s+)?"
    rf"(?P<verb>{AIMED})\w*\s+(?P<object>[\w'’ ()-]+?)\s+(?:of|for|over|to|about)\b",
    re.IGNORECASE,
)
# "Who led the study?", "who first noticed the frog?": the verb the person asked for did
_WHO_DID = re.compile(
    rf"^(?:and |so |then )?who (?:\w+ly |first |else )?(?P<verb>(?!(?:{AUXILIARY}|else)\b)"
    r"[a-z]+)\b(?!['’])",
    re.IGNORECASE,
)
# "Which heights were captured, by name?", "which road junctions exactly?": names wanted
_EXACTLY = re.compile(r"\b(?:by name|exactly|precisely|specifically|name them)\b", re.I)
_WHICH = re.compile(r"^(?:and |so )?(?:(?:in|at|on|from|for|by|to|with) )?which\b", re.IGNORECASE)
# What news names (a body, an institution, a work, an event): "which X" of these asks for
# its name, and a sentence that says only "a wildlife charity" or "a military hospital"
# does not give it. (Plural heads are read in the singular.)
NAMED_KINDS = wordset(
    "company firm contractor manufacturer supplier operator developer charity foundation "
    "organisation organization agency group body club team party unit ministry department "
    "council committee court hospital clinic hotel school university bank newspaper channel "
    "station app airline tournament festival film book councillor official officer diplomat"
)
_RANKS = wordset("first second third last latter former next previous")
_LEADING = re.compile(
    r"^(and|but|also|so|what about|how about|and what about|what else|anything else)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Intent:
    """What one question asks, read once per turn.

    `asks` is the slot a good answer fills (one of `KINDS`, or None for a description);
    `focus` the noun (phrase) it asks about ("children" in "how many of them were
    children", "population", "bus routes"), `focus_names` the names put on it
    ("Azerbaijani soldiers");
    `names` the names the question gives (stems); `subject` its content terms;
    `reaction_by` whose reaction it asks about (None: it asks about none, () anyone);
    `office` the office asked about; `attribute` is True when the question asks for an
    attribute whose value has a known kind ("what is the population of X": a number,
    "what is its capital": a place), so only a sentence naming that attribute answers.
    `followup` says whether it leans on `history`.
    """

    question: str
    asks: str | None = None
    focus: str | None = None
    focus_names: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    reaction_by: tuple[str, ...] | None = None
    office: str | None = None
    attribute: bool = False
    followup: bool = False
    partitive: bool = False  # "how many of them/the dead ...": picks from the last answer
    of_referent: bool = False  # "how old is she?", "what's his name?": of whom was named
    by_pronoun: bool = False  # names a person by "he", "her", "their"...
    of_statement: bool = False  # "who said that?": whose the last answer's statement is
    by_clock: bool = False  # "what time did it start?": a time by the clock, not "evening"
    about_losses: bool = False  # it, or the turn it follows, asks about the dead or wounded
    unit: str | None = None  # the unit an amount is asked in ("in dollars"): see `UNITS`
    role: str | None = None  # whom "who/which X" or "the name of X" describes: see `asked_role`
    context: tuple[str, ...] = ()  # a follow-up's terms from the last turn, not its own
    history: tuple[HistoryTurn, ...] = field(default=(), repr=False)

    @property
    def previous(self) -> tuple[Citation, ...]:
        """The citations of the latest answer that was not a decline (empty when that
        answer came as plain text)."""
        for turn in reversed(self.history):
            if not turn.declined:
                return turn.citations
        return ()

    @functools.cached_property
    def asked_names(self) -> frozenset[str]:
        """Stems of every name and term the question gives (a name a sentence gives
        beside them is a new one: "what's the hotel called?" wants "Arevik").

        >>> sorted(analyse("What's the Nagorno-Karabakh hotel called?").asked_names)
        ['call', 'hotel', 'karabakh', 'nagorno', 'nagorno-karabakh', 'what']
        """
        from .news import capitalised_names

        return frozenset(capitalised_names(self.question)) | frozenset(self.subject)

    @functools.cached_property
    def referents(self) -> tuple[str, ...]:
        """Whom a follow-up's "he", "she" or "they" means: the people the last answer named
        (stems), when the question asks that person's own age or name by pronoun ("how old
        is she?", "what's his name?"); else none. Read once per question, not per sentence.

        >>> from qa.answer import Citation
        >>> quote = "said Janet Oduya, the councillor who proposed the closure."
        >>> turn = HistoryTurn("Who proposed it?", quote, (Citation("a", "", quote, 0, 9),))
        >>> analyse("How old is she?", [turn]).referents
        ('janet', 'oduya')
        >>> analyse("How old is her husband?", [turn]).referents
        ()
        """
        if not self.followup or not self.of_referent:
            return ()  # "her husband's name" asks for someone else's
        from .news import person_names

        return tuple(sorted(person_names(" ".join(c.quote for c in self.previous))))

    @functools.cached_property
    def totals(self) -> dict[str, frozenset[str]]:
        """For a partitive ("how many of them were children?"), the total the answer to
        the last "how many" question gave, with the stems of what it counts: the whole
        the question picks a part from, so no answer to it. A total is the largest number
        counting what its question counted ("74 of its 370 employees": 370); none is
        known when the answer counted it under another name (any number then was measured
        to decline more right answers than wrong ones).

        >>> turn = HistoryTurn("How many people were evacuated?", "Over 2,000 people, "
        ...     "including 1,049 children, were evacuated.")
        >>> analyse("And how many of them were children?", [turn]).totals
        {'2000': frozenset({'peopl'})}
        """
        if not self.partitive or not _HOW_MANY.match(self.question):
            return {}  # "what share of them": a share of the whole, not a count
        from .news import counts_in, number_value

        found: dict[str, frozenset[str]] = {}
        asked_counts = ((t, analyse(t.question)) for t in reversed(self.history))
        for turn, asked in asked_counts:  # "of those": of the count last asked
            if asked.asks != "number":
                continue
            if turn.declined:
                break
            wanted = {stem(w) for w in (asked.counted or "").split()}
            counts = [(n, frozenset(stem(w.lower()) for w in p)) for n, p in counts_in(turn.answer)]
            hits = [(n, counted) for n, counted in counts if counted & wanted]
            if hits:
                n, counted = max(hits, key=lambda h: number_value(h[0]))
                found[n] = counted
            break
        return found

    @functools.cached_property
    def priced(self) -> str | None:
        """For a question about money, the thing whose price it asks (stem of its noun):
        "How much did the wool cost?" prices wool; a price of something else does not
        answer it.

        >>> analyse("How much did the wool cost?").priced, analyse("What did it cost?").priced
        ('wool', None)
        >>> analyse("How much will a sourdough loaf cost?").priced
        'loaf'
        >>> analyse("How much does a new album usually cost?").priced
        'album'
        >>> analyse("How much did each one cost?").priced is None
        True
        """
        if self.unit not in ("money", "measure"):
            return None
        m = _PRICED.search(self.question)
        if m is None:
            return None
        words = [w for w in m.group("thing").lower().split() if not w.endswith("ly")]
        if not words or words[0] in _STANDS_IN or words[-1] in STOPWORDS:
            return None  # "what did it cost", "how much does a new album usually cost"
        return stem(words[-1])

    @functools.cached_property
    def whole(self) -> str | None:
        """For "how much of that ...?", the amount the last answer gave first (news gives
        the whole before its parts: "cost 3.8 million, of which 2.5 million ..."): the
        whole a part is asked of, so no answer to it.

        >>> turn = HistoryTurn("What did it cost?", "It cost 3.8 million, 2.5 million a grant.")
        >>> analyse("How much of that came from the grant?", [turn]).whole
        '3.8'
        """
        if not self.partitive or not _ANY_HOW_MUCH.search(self.question):
            return None
        from .news import numbers_in

        last = next((t for t in reversed(self.history) if not t.declined), None)
        if last is None:
            return None
        said = normalize_numbers(last.answer)
        given = [n for n in numbers_in(said) if any(c.isdigit() for c in n) and n in said]
        return min(given, key=said.find) if given else None

    @property
    def date_part(self) -> str | None:
        """For a date question, the part it asks for: "year", "month", "weekday", "day"
        (of a month, or a weekday), "exact day" (of a month); None for a plain "when".

        >>> analyse("Which month of that year was the truce agreed?").date_part
        'month'
        >>> analyse("On what exact day did they leave?").date_part
        'exact day'
        >>> analyse("When did they leave?").date_part is None
        True
        """
        m = _DATE_PART.search(self.question) if self.asks == "date" else None
        if m is None:
            return None
        part = (m.group(2) or m.group(4)).lower()
        part = _PARTS.get(part, part)
        return "exact day" if (m.group(1) or m.group(3)) and part == "day" else part

    @property
    def to_where(self) -> bool:
        """Whether a place question asks where someone or something went ("Where were the
        evacuees taken?"), not where it is or took place.

        >>> analyse("Where were they taken?").to_where, analyse("Where did it take place?").to_where
        (True, False)
        """
        return self.asks == "place" and bool(_TO_WHERE.search(self.question))

    @functools.cached_property
    def aim(self) -> tuple[str, tuple[str, ...]] | None:
        """For "what did X accuse Y of?" (blame, urge, warn ...): the verb's root and the
        terms of whom it was aimed at.

        >>> analyse("What did Baku accuse Armenia of doing?").aim
        ('accus', ('armenia',))
        >>> analyse("Who accused Armenia of sabotage?").aim is None
        True
        """
        m = _ASKED_AIM.search(self.question)
        if m is None or not terms(m.group("object")):
            return None
        return m.group("verb").lower(), tuple(terms(m.group("object")))

    @property
    def doer(self) -> str | None:
        """For "who <did> ...?", the stem of what the person asked for did.

        >>> analyse("Who led the hedgehog project?").doer, analyse("Who's in charge?").doer
        ('led', None)
        >>> analyse("who first noticed the frog?").doer, analyse("Who is the mayor?").doer
        ('notic', None)
        """
        m = _WHO_DID.search(self.question) if self.asks in ("person", "office") else None
        return stem(m.group("verb").lower()) if m else None

    @property
    def counted(self) -> str | None:
        """The noun a "how many" question counts ("bus routes"), which a sentence's number
        must count; None when it asks an attribute ("the population of X": named, not
        counted), an amount in a unit, or "how much" of something (land, sleep: measured).

        >>> analyse("How many bus routes were cut?").counted, analyse("How much land?").counted
        ('bus routes', None)
        """
        if self.asks != "number" or self.focus is None or self.attribute or self.unit:
            return None
        return None if _ANY_HOW_MUCH.search(self.question) else self.focus

    @property
    def action(self) -> str | None:
        """What the people a "how many people" question counts did, as a stem
        (`counted_action`): "How many people signed?" counts signatures too."""
        return counted_action(self.question, self.counted.split()[-1]) if self.counted else None

    def describe(self) -> str:
        """One line for explanations: what is asked, about what.

        >>> analyse("How many Azerbaijani soldiers died?").describe()
        'asks: number of soldiers (azerbaijani); names: azerbaijani'
        """
        parts = [f"asks: {self.asks or 'a description'}"]
        if self.focus:
            parts[0] += f" of {self.focus}" if self.asks == "number" else f" ({self.focus})"
        if self.focus_names:
            parts[0] += f" ({', '.join(self.focus_names)})"
        if self.office:
            parts.append(f"office: {self.office}")
        if self.reaction_by is not None:
            parts.append(f"reaction by: {', '.join(self.reaction_by) or 'anyone'}")
        if self.names:
            parts.append(f"names: {', '.join(self.names)}")
        if self.followup:
            parts.append("follow-up")
        return "; ".join(parts)


def analyse(question: str, history: Sequence[HistoryTurn] = ()) -> Intent:
    """Read `question` (as searched: spelling fixed, capitals expanded) after `history`.

    >>> i = analyse("What time of day did the operation begin?")
    >>> i.asks, i.focus
    ('time', None)
    >>> analyse("What is the capital city of Nagorno-Karabakh?").focus
    'capital city'
    >>> i = analyse("How did Washington respond to Armenia's call?")
    >>> i.asks, i.reaction_by, i.names
    ('reaction', ('washington',), ('washington', 'armenia'))
    >>> analyse("Is Armenia a member of the CSTO?").asks
    'yesno'
    >>> analyse("What is the name of the mayor of Town0?").office
    'mayor'
    >>> analyse("Which Yerevan (Armenia) hotel did she work at?").role
    'hotel'
    """
    turns = tuple(history)[-HISTORY_TURNS:]
    asks = asked_kind(question)
    office_match = re.search(rf"\b{OFFICE}\b", question, re.IGNORECASE)
    # what is asked about is read without the countries searching adds to capitals:
    # "which Yerevan (Armenia) hotel" asks which hotel
    as_asked = without_countries(question)
    focus = asked_focus(as_asked) if asks not in ("time", "date", "yesno", "expansion") else None
    if asks == "age" and (whose := _AGE_OF.search(as_asked)) and _plain(whose.group(1)):
        focus = whose.group(1).lower()  # "how old are her daughters": the daughters' age
    reactors = reaction_by(question)
    if asks is None and reactors is not None:
        asks = "reaction"
    names = tuple(question_names(question))
    subject = tuple(terms(question))
    followup = bool(turns) and is_followup(question, turns)
    # asks whom or what by name: "who", "which charity", "the name of the school where"
    by_name = (
        asks in ("person", "name")
        or names_kind(focus)
        or bool(_ROLE_NAMED.search(as_asked))
        or bool(_WHICH.match(as_asked) and _EXACTLY.search(as_asked))
    )
    said = terms(f"{turns[-1].question} {turns[-1].answer}") if followup else []
    return Intent(
        question=question,
        asks=asks,
        focus=focus,
        focus_names=tuple(counted_kind(question)),
        names=names,
        subject=subject,
        reaction_by=tuple(reactors) if reactors is not None else None,
        office=_office(office_match, question) if asks == "office" else None,
        attribute=_is_attribute(question, focus),
        followup=followup,
        partitive=bool(turns) and bool(_PARTITIVE_ASK.match(question)),
        of_referent=bool(turns) and bool(_THEIR_OWN.search(question)),
        by_pronoun=bool(_PERSONAL_PRONOUN.search(question)),
        of_statement=bool(turns) and bool(_SOURCE_ASK.search(question)),
        by_clock=asks == "time" and bool(CLOCK_ASKED.search(question)),
        about_losses=bool(LOSSES.search(" ".join([question, *(t.question for t in turns[-1:])]))),
        unit=asked_unit(question) if asks in ("number", None) else None,
        role=asked_role(as_asked, focus) if by_name else None,
        context=tuple(t for t in said if t not in subject),
        history=turns,
    )


def asked_kind(question: str) -> str | None:
    """The slot a question asks to fill: one of `KINDS`, or None.

    >>> asked_kind("And how many of them were children?"), asked_kind("Who brokered it?")
    ('number', 'person')

    Only the question's own (first) "when", "where" or "who" counts, not a clause's:

    >>> asked_kind("What did the troops do when the fighting broke out?") is None
    True
    >>> asked_kind("What ethnic group lives there?"), asked_kind("What does CSTO stand for?")
    ('person', 'expansion')
    >>> asked_kind("Who is Azerbaijan's defense minister?"), asked_kind("Why did they flee?")
    ('office', 'reason')
    >>> asked_kind("Did both sides agree?"), asked_kind("What year did the war end?")
    ('yesno', 'date')

    The question's own wh-phrase decides, not a later phrase ("the death toll"):

    >>> asked_kind("Which news agency reported the death toll?")
    'person'

    An attribute's noun says what kind of value it is:

    >>> asked_kind("What is the population of Stepanakert?"), asked_kind("What is its capital?")
    ('number', 'place')
    """
    if YES_NO.match(question.strip()) and not re.search(r"\bor\b", question, re.I):
        return "yesno"
    q = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", question.lower())
    first = _WH.search(q)
    asks_at = first.start() if first else 0
    found: list[tuple[int, int, str]] = []  # (where, order, kind): the earliest wins
    for order, (name, pattern) in enumerate(KIND_PATTERNS):
        for m in pattern.finditer(q):
            if m.group().strip() in _CLAUSE_WORDS and m.start() != asks_at:
                continue  # "what did they do when ...": a clause's "when" asks nothing
            found.append((m.start(), order, name))
            break
    kind: str | None = min(found)[2] if found else None
    if kind is not None and kind not in ("number", "place"):
        return kind
    focus = asked_focus(question)
    if not _is_attribute(question, focus):
        return kind
    return _ATTRIBUTE_KINDS[focus.split()[-1]] if focus else kind


def asked_focus(question: str) -> str | None:
    """The noun (lower case) a question asks about, when it says: what a "how many"
    counts, what a "what/which X" names.

    >>> asked_focus("How many Azerbaijani soldiers died?"), asked_focus("How many died?")
    ('soldiers', None)
    >>> asked_focus("And how many of them were children?")
    'children'
    >>> asked_focus("How many all-out wars were fought?")
    'wars'
    >>> asked_focus("What weapons did Azerbaijan use?")
    'weapons'
    >>> asked_focus("What is its total population?")
    'population'
    >>> asked_focus("What did Baku claim?") is None
    True

    A compound noun is kept whole: "bus routes", "outside parties".

    >>> asked_focus("How many bus routes had the mayor asked for?")
    'bus routes'
    >>> asked_focus("How many camp beds fill the gym floor?")
    'camp beds'
    >>> asked_focus("How many people saw the exhibition?")
    'people'

    """
    m = _FOCUS.search(question)
    if not m:
        return None
    tokens = m.group(1).split()
    if tokens[:1] == ["of"]:  # "how many of them were children", "how many of the dead"
        # the noun right after "were": "... were children"; "... came from abroad" and
        # "... were in a critical state" name no kind of people, so count nothing new
        after = [t.lower() for t in m.string[m.start(1) :].split()]
        at = next((i for i, t in enumerate(after) if t in _COPULA), None)
        noun = after[at + 1].strip("?.!,") if at is not None and at + 1 < len(after) else ""
        plain = noun and noun not in STOPWORDS | _NOT_FOCUS | _VERBS and _plain(noun)
        return noun if plain and not noun.endswith("ing") else None
    run: list[str] = []  # the noun phrase: "bus routes", "capital city", "wars"
    for i, t in enumerate(tokens):
        low = _POSSESSIVE.sub("", t.lower())
        if low in _NOT_FOCUS or low in STOPWORDS:
            break
        follows = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        modifier = follows and follows not in STOPWORDS and follows not in _NOT_FOCUS
        if run and (low in _ADJECTIVES or low.endswith("ed") or t[:1].isupper()):
            break  # past the noun: "revenues last year", "officer made", "boats Kenya"
        if modifier and (_MODIFIER.fullmatch(low) or low in _ADJECTIVES or t[:1].isupper()):
            continue  # "all-out wars", "total population", "Azerbaijani soldiers"
        if not _plain(t) or low in _VERBS:
            break
        if low in _QUANTITIES:  # "what total", "the number of X": X is the focus
            after = [*tokens[i + 1 :], *m.string[m.end() :].split()]
            return _focus_after_of(after) if after[:1] == ["of"] else None
        run.append(low)
        if _PLURAL.fullmatch(low) or low in _PLURAL_WORDS:
            break  # a plural ends the noun: "bus routes", "camp beds (fill the floor)"
    return " ".join(run) or None


def names_kind(focus: str | None) -> bool:
    """Whether `focus` is a kind of thing news names (`NAMED_KINDS`): "which wildlife
    charity" asks for the charity's name.

    >>> names_kind("wildlife charity"), names_kind("councillors"), names_kind("trees")
    (True, True, False)
    """
    return focus is not None and any(singular(w) in NAMED_KINDS for w in focus.lower().split())


def singular(noun: str) -> str:
    """A plural noun in the singular, as news spells most ("charities" -> "charity").

    >>> singular("charities"), singular("councillors"), singular("bodies"), singular("news")
    ('charity', 'councillor', 'body', 'news')
    """
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is", "ws")):
        return noun[:-1]
    return noun


def asked_role(question: str, focus: str | None = None) -> str | None:
    """The noun (lower case) that describes whom or what a "who", "which" or "name"
    question asks to identify: "buyer" in "Who was the overseas buyer?", "lawyer" in
    "What is the name of his lawyer?". A sentence that mentions that one without naming
    it ("sold to an overseas buyer") does not answer. `focus` is `asked_focus(question)`.

    >>> asked_role("Who was the overseas buyer?"), asked_role("What is the name of his lawyer?")
    ('buyer', 'lawyer')
    >>> asked_role("What was the Edinburgh collector's name?")
    'collector'
    >>> asked_role("Which contractor supplied the software?", "contractor")
    'contractor'
    >>> asked_role("Who is Dora Varga?") is None, asked_role("Who brokered it?") is None
    (True, True)
    >>> asked_role("Who is the oldest of the new weavers?") is None
    True
    """
    m = _ROLE_NAMED.search(question) or _ROLE_WHO.search(question)
    if m:
        phrase = next(g for g in m.groups() if g)
    elif focus and _WHICH.match(question):
        phrase = focus
    else:
        return None
    words = [_POSSESSIVE.sub("", w.lower()) for w in phrase.split()]
    kinds = [w for w in words if singular(w) in NAMED_KINDS]
    head = kinds[-1] if kinds else words[-1]  # "which company runs ...": the company
    if head in STOPWORDS | _NOT_FOCUS | _VERBS | _GENERIC | _RANKS | {"name", "names"}:
        return None
    if head.endswith("est"):  # "the oldest of the weavers": a rank, not a role
        return None
    return singular(head) if _plain(head) and not head.endswith(("ing", "ed")) else None


def spell_out_titles(question: str) -> str:
    """`question` with each abbreviated title written out after it, as news writes it
    ("CEO" -> "CEO (chief executive)"), so the sentence naming the holder is found.

    >>> spell_out_titles("Who is the CEO of Veltrix?")
    'Who is the CEO (chief executive) of Veltrix?'
    >>> spell_out_titles("who's armenia's pm?"), spell_out_titles("Did it end at 8 pm?")
    ("who's armenia's pm (prime minister)?", 'Did it end at 8 pm?')
    """

    def add(m: re.Match[str]) -> str:
        return f"{m.group()} ({OFFICE_ABBREVIATIONS[m.group().lower()]})"

    return _ABBREVIATED.sub(add, question)


def _office(m: re.Match[str] | None, question: str) -> str | None:
    """The office a question asks about, written out ("CEO" -> "chief executive"), or
    the one its holder's verb names ("who chairs" -> "chair").

    >>> _office(None, "Who chairs the supporters' trust?")
    'chair'
    >>> q = "Who chairs Save Kelmouth Head?"
    >>> _office(re.search("Head", q), q)
    'chair'
    """
    verb = OFFICE_VERB.search(question)  # first: "who chairs Kelmouth Head?" asks a chair
    if verb:
        return OFFICE_VERBS[verb.group(1).lower()][0]
    return None if m is None else OFFICE_ABBREVIATIONS.get(m.group().lower(), m.group().lower())


def _is_attribute(question: str, focus: str | None) -> bool:
    """Whether `question` asks for an attribute of a known kind of something
    ("What is the population of X?", "What is its capital?", "X's budget").

    >>> _is_attribute("What is the capital of Chad?", "capital")
    True
    >>> _is_attribute("Which capital did she visit?", "capital")
    False
    """
    if not focus or focus.split()[-1] not in _ATTRIBUTE_KINDS:
        return False
    return bool(_ATTRIBUTE_FORM.search(question))


def _focus_after_of(tokens: list[str]) -> str | None:
    for t in tokens[1:4]:
        low = t.lower().strip("?.,'’")
        if low in STOPWORDS or low in _ADJECTIVES:
            continue
        return low if _plain(low) and low not in _VERBS else None
    return None


def counted_kind(question: str) -> list[str]:
    """The names a "how many" question puts on what it counts, as search terms:
    "How many Azerbaijani soldiers died?" counts Azerbaijan's soldiers, not Armenia's.

    >>> counted_kind("How many Azerbaijani soldiers died?"), counted_kind("How many died?")
    (['azerbaijani'], [])
    """
    m = re.search(r"\b(?i:how many) ((?:[A-Z][\w’'-]* )+)[a-z]", question)
    return terms(m.group(1)) if m else []


_AUXILIARY = rf"(?:(?:{AUXILIARY}|been|be)\s+)*"  # "were ... evacuated", "have been killed"


def counted_action(question: str, counted: str) -> str | None:
    """What the people a "how many" question counts did, as a stem ("How many people
    signed the petition?": sign), so that those who did it count as them ("3,412
    signatures", "1,200 visitors", "300 workers").

    >>> counted_action("How many people signed the petition?", "people")
    'sign'
    >>> counted_action("How many people were evacuated from the town?", "people")
    'evacu'
    >>> counted_action("How many people?", "people") is None
    True
    """
    m = re.search(rf"\b{re.escape(counted)}\s+{_AUXILIARY}([a-z]+)\b", question, re.IGNORECASE)
    if not m or m.group(1).lower() in STOPWORDS:
        return None
    return stem(m.group(1).lower())


def question_names(question: str) -> list[str]:
    """Stems of the names a question gives: capitalised words after its first, and
    tokens mixing letters and digits ("Town0", "F-16"), each whole.

    >>> question_names("What is the name of the mayor of Town0?")
    ['town0']
    >>> question_names("Did Nikol Pashinyan meet the UN in Kyiv?")
    ['nikol', 'pashinyan', 'un', 'kyiv']
    """
    body = question.split(maxsplit=1)
    rest = body[1] if len(body) > 1 else ""
    found = [
        w
        for w in _NAME.findall(rest)
        if w.lower() not in STOPWORDS
        and not _DECADE.fullmatch(w)
        and w.lower() not in OFFICE_ABBREVIATIONS  # a title, not a name
    ]
    first = body[0] if body else ""
    if any(c.isdigit() for c in first) and any(c.isalpha() for c in first):
        found.insert(0, first)
    out: list[str] = []
    for w in found:
        for t in terms(w):
            if t not in out and t not in _GENERIC:
                out.append(t)
    return out


def reaction_by(question: str) -> list[str] | None:
    """Whose reaction `question` asks about, as search terms: None if it asks about no
    reaction, [] if it names no one (a common noun names no one: "the stock" may be
    "shares"). A capital's country added by `with_countries` counts.

    >>> reaction_by("How did Moscow (Russia) take that?")
    ['moscow', 'russia']
    >>> reaction_by("What was Armenia's reaction?"), reaction_by("Who signed it?")
    (['armenia'], None)
    >>> reaction_by("What was the reaction in Reno?")
    ['reno']
    >>> reaction_by("What did the Environment Agency say about the fine?")
    ['environ']
    >>> reaction_by("How did Derby's mayor react?")
    ['derbi', 'mayor']
    """
    if not any(p.search(question) for p in (REACTION, STATEMENT, ACCEPTED)):
        return None
    found = _REACTOR.search(question)
    if not found or not found.group(1)[:1].isupper():
        return []  # "how did the stock react": no one named, any reaction will do
    named = terms(f"{found.group(1)} {found.group(2) or ''} {found.group(3) or ''}")
    return [t for t in named if t not in _GENERIC]


def is_followup(question: str, history: Sequence[HistoryTurn] = ()) -> bool:
    """Whether a question needs earlier turns to make sense.

    >>> is_followup("And how many of them were children?"), is_followup("Who is Nikol Pashinyan?")
    (True, False)
    >>> is_followup("How many people were injured?"), is_followup("How did Armenia respond?")
    (True, True)

    A question that brings its own new topic is a fresh question, even without a name:

    >>> before = [HistoryTurn("How many people did the military evacuate?", "Over 2,000.")]
    >>> is_followup("Who reported the death toll?", before)
    False
    >>> is_followup("And who reported the death toll?", before)
    True
    """
    if _LEADING.search(question.strip()) or _PRONOUNS.search(question):
        return True
    if history and _PARTITIVE_ASK.match(question):
        return True  # "How many of the dead were civilians?" picks from the last answer
    if REACTION.search(question):  # a reaction is to something said before
        return True
    if any(w[:1].isupper() or any(c.isdigit() for c in w) for w in question.split()[1:]):
        return False  # it names what it is about
    if history:
        said = {t for turn in history for t in terms(f"{turn.question} {turn.answer}")}
        new = [t for t in terms(question) if t not in said and t not in _GENERIC]
        if len(new) >= NEW_TOPIC_TERMS:
            return False
    # A question that names nothing ("How many people were injured?") is about whatever
    # the conversation is about.
    return True


_ADJECTIVES = wordset(
    "total overall exact full official new old main first last current military political "
    "minimum maximum lowest highest "
    "armed civilian ethnic foreign local national international largest biggest estimated "
    "final whole average annual original"
)


def _plain(word: str) -> bool:
    """A lower-case word that can be a noun (not a name, number or stop word)."""
    word = _POSSESSIVE.sub("", word)
    low = word.lower()
    plain = word[:1].islower() and low.isalpha() and low not in STOPWORDS and len(low) > 2
    return plain and not low.endswith("ed")  # "how many died": a verb counts nothing
