"""What a question asks: `analyse(question, history) -> Intent`, once per turn.

(The history it reads is typed in `qa.history`; each part of the question is read by a
function of `qa.reading`, and whether it leans on the conversation by `qa.followups`.)

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
from .followups import changes_topic, elided, is_followup, picks_from_answer
from .history import HistoryTurn
from .kinds import (
    AHEAD_ASKED,
    AIMED,
    AUXILIARY,
    CLOCK_ASKED,
    DID,
    GOING,
    OFFICE,
    PLANNED_ASKED,
    wordset,
)
from .places import without_countries
from .reading import (
    asked_focus,
    asked_kind,
    asked_role,
    asks_leader,
    asks_name_of,
    asks_placed,
    asks_which,
    asks_who_named,
    counted_action,
    counted_kind,
    event_verb,
    is_attribute,
    names_kind,
    office_asked,
    plain_noun,
    question_names,
    reaction_by,
    uncontracted,
)
from .units import RATES, asked_unit

__all__ = ["HISTORY_TURNS", "Intent", "analyse"]


HISTORY_TURNS = 2  # earlier turns that may inform a follow-up

# "How much" of something (land, sleep) is measured, not counted
_ANY_HOW_MUCH = re.compile(r"(?i)\bhow much\b")

_AGE_OF = re.compile(  # whose age: "how old are her daughters", "how old is the new mayor",
    r"(?i)\b(?:how old (?:is|was|are|were)|age of) (?:the|her|his|their|its|those|these) "  # "the
    r"(?:[a-z-]+['’]s )?(?:[a-z-]+ (?!now\b|today\b|then\b))?"  # "the workshop's founder now"
    r"(?!(?:from|in|at|of|near|on|with|who|that|whose)\b)([a-z]+)\b(?!['’])"  # "carpenter from"
)

# an age asked of one the question describes ("how old is the dancer who ..."), not of a
# role of something named ("how old is the club's founder?") nor of relatives ("her sons")
_DESCRIBED = re.compile(r"(?i)\bhow old (?:is|was) the (?![\w-]+['’]s\b)")


@functools.cache
def _not_people() -> frozenset[str]:
    """Stems of the names that are places, nationalities or months: no one's age."""
    from .news import MONTHS
    from .places import place_stems

    return place_stems() | {stem(m) for m in MONTHS}


# "how much did the wool cost", "how much is the prize worth"
_PRICED = re.compile(
    r"(?i)\bhow much (?:money )?(?:does|did|do|will|would|is|was|are|were|has|have|had|could|can)"
    r" (?:the |a |an |each |one |that |this |its |their |his |her )?"
    r"(?P<thing>(?:[\w-]+ ){0,2}?[\w-]+)"
    r" (?:cost|costs|be worth|worth)\b"
    r"|\b(?:price|cost)s? of (?:a |an |the |one )?(?:(?:kilo|kilogram|litre|pound|tonne|bag"
    r"|loaf|packet|bottle|box|gallon)s? of )?(?P<of>[\w-]+)(?! of\b)"  # "a kilo of flour"
)

# what stands in for the priced thing: "what did it cost", "how much did each one cost"
# (`qa.followups`'s pronoun pattern lacks "one", which here stands for the thing last named)
_STANDS_IN = wordset("it they them that this those these he she we you one")

_HOW_MANY = re.compile(r"(?i)(?:(?:and|so|but),? )?how many\b")

_IT_AGED = re.compile(r"(?i)\bhow old (?:is|was) (?:it|that|this)\b")  # a thing, not "he"
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b", re.IGNORECASE)
# "how many people live in Sotk?", "how many armenians still live in shusha": a population
_LIVE_ASKED = re.compile(
    r"(?i)\bhow many (?:[\w-]+ ){1,3}(?:still |now |currently |actually )?"
    r"(?:live|lived|reside|resided)\b(?! through)"
)

# An age, name or job asked of "he"/"she" themselves, not of "her husband"
_THEIR_OWN = re.compile(
    r"\b(?:how old (?:is|was|are|were) (?:he|she|they)|(?:his|her|their) (?:full )?(?:name|age"
    r"|job|position|post|occupation)"
    r"|(?:is|was|are|were) (?:he|she|they) called"
    r"|(?:does|did|do) (?:he|she|they) do(?: now)? for (?:a living|work))\b(?!['’]s)",
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

# "which month ...?", "in what year ...?", "on what exact day ...?": a part of a date
_DATE_PART = re.compile(
    r"\b(?:what|which)(?: (exact|precise))? (day of the week|weekday|year|month|date|day)\b"
    r"|\b(exact|precise) (date|day)\b",
    re.IGNORECASE,
)

_PARTS = {"day of the week": "weekday", "weekday": "weekday", "date": "day"}

# "Where were the evacuees taken?", "Where will the families be moved?": a destination
# (not "where did he go missing?", "where is it going to be?", "where did they take in ...?")
_TO_WHERE = re.compile(rf"\bwhere\b.*\b{GOING}", re.IGNORECASE)

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
# ... or after an auxiliary, in a form only a doer's verb takes: "who is lending it?", "who
# will pay for it?", "who has funded it?" (not "who is the mayor?", nor the passive "who
# was elected?", whose person is the one the deed was done to)
_WHO_WILL_DO = re.compile(
    r"^(?:and |so |then )?who (?:(?:is|are|was|were|(?:has|have|had) been) (?=[a-z]+ing\b)"
    r"|(?:will|would|can|could|should|may|might|must|shall) (?:\w+ly )?(?!(?:be|have)\b)"
    r"|(?:has|have|had) (?:\w+ly )?(?!been\b)(?=[a-z]+(?:ed|en|wn|ght|id|ne)\b))(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)

# "Which heights were captured, by name?", "which road junctions exactly?": names wanted
_EXACTLY = re.compile(r"\b(?:by name|exactly|precisely|specifically|name them)\b", re.I)


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
    ahead: bool = False  # "when will it reopen?", "what will they do?": what is still to come
    event: str | None = None  # the verb counted or dated ("how many did Russia send?": send)
    population: bool = False  # "how many people live in Sotk?" asks a population
    who_named: bool = False  # "who is Narek Avagyan?": what the one it names is
    leader: bool = False  # "who led the UN team?": someone named leads it
    placed: str | None = None  # "who came second?", "the runners-up": a place below the winner
    unit: str | None = None  # the unit an amount is asked in ("in dollars"): see `UNITS`
    role: str | None = None  # whom "who/which X" or "the name of X" describes: see `asked_role`
    context: tuple[str, ...] = ()  # a follow-up's terms from the last turn, not its own
    elided: str | None = None  # what "and for families?" asks the last question about
    history: tuple[HistoryTurn, ...] = field(default=(), repr=False)

    @property
    def previous(self) -> tuple[Citation, ...]:
        """The citations of the latest answer that was not a decline (empty when that
        answer came as plain text)."""
        for turn in reversed(self.history):
            if not turn.declined:
                return turn.citations
        return ()

    @property
    def closest(self) -> str:
        """When no earlier turn was answered, the article the last declined one came
        closest to ("The closest passage I found is in ..."): still what the
        conversation is about ("how much have the jellyfish swarms grown?" declined, then
        "over what time frame?"). Empty otherwise."""
        if self.previous or not self.history or not self.history[-1].declined:
            return ""
        return self.history[-1].closest

    @functools.cached_property
    def asked_names(self) -> frozenset[str]:
        """Stems of every name and term the question gives (a name a sentence gives
        beside them is a new one: "what's the hotel called?" wants "Arevik").

        >>> sorted(analyse("What's the Nagorno-Karabakh hotel called?").asked_names)
        ['call', 'hotel', 'karabakh', 'nagorno', 'nagorno-karabakh']
        """
        from .news import capitalised_names

        return frozenset(capitalised_names(self.question)) | frozenset(self.subject)

    @functools.cached_property
    def stand_ins(self) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """Each capital the question names with its country, as stems: either one says
        the place ("Yerevan" is said by an article that writes "Armenia"), whether or not
        the country was added in brackets.

        >>> analyse("Did Prague agree, according to Baku?").stand_ins[1]
        (frozenset({'baku'}), frozenset({'azerbaijan'}))
        """
        from .places import capitals_named

        return tuple(
            (frozenset(terms(capital)), frozenset(terms(country)))
            for capital, country in capitals_named(self.question)
        )

    @functools.cached_property
    def people_asked(self) -> tuple[str, ...]:
        """Whom the question asks about (whose age "how old ...?" asks, whose children "how
        many children did she bring?" counts): the people it names (stems), not a place,
        nationality or month ("the engineer quoted in Baku", "the civilian killed in
        July"), nor a name it puts where someone is ("the watchmaker from Martakert");
        else whom "he" or "she" means (`referents`).

        >>> analyse("How old is Gurgen Avetisyan from Martakert?").people_asked
        ('gurgen', 'avetisyan')
        >>> analyse("How old is the watchmaker from Martakert?").people_asked
        ()
        """
        owners = tuple(n for n in self._people_named if not self._placed(n))
        return owners or self.referents

    @functools.cached_property
    def described(self) -> bool:
        """Whether "how old ...?" asks the age of one it describes by a role ("the walnut
        farmer from X", "the dancer who works at a bakery"), whom a sentence may name
        without the role's word; not of a role of something named ("the club's founder",
        who must be called so) nor of someone's relatives ("her daughters").

        >>> analyse("How old is the dancer who works at a bakery?").described
        True
        >>> analyse("How old is the club's founder?").described
        False
        """
        return self.focus is not None and (
            bool(self._people_named) or bool(_DESCRIBED.search(self.question))
        )

    @functools.cached_property
    def thing_aged(self) -> bool:
        """Whether "how old ...?" asks the age of a thing, which the year it was made tells
        ("built in 1878"): "how old is the bridge?", "how old is it?"; not of anyone ("the
        mayor", "the youngest", "she", a name).

        >>> analyse("How old is the bridge?").thing_aged, analyse("how old is it").thing_aged
        (True, True)
        >>> analyse("How old is the mayor?").thing_aged, analyse("How old is she?").thing_aged
        (False, False)
        """
        if self.asks != "age" or self.by_pronoun or self._people_named:
            return False
        if self.focus is None:
            return bool(_IT_AGED.search(self.question))
        from .lexicon import is_noun, names_people

        return is_noun(self.focus) and not names_people(self.focus)

    @functools.cached_property
    def _people_named(self) -> tuple[str, ...]:
        """The question's names that may be someone's: not places, nationalities, months."""
        return tuple(n for n in self.names if n not in _not_people())

    def _placed(self, name: str) -> bool:
        """Whether the question puts `name` (a stem) where a place stands ("from X")."""
        from .news import placed

        return any(
            placed(self.question, m.start())
            for m in re.finditer(rf"(?i)\b{re.escape(name)}", self.question)
        )

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

        What the last question counted may be named otherwise in its answer ("how many
        kids?" / "1,049 children"):

        >>> kids = HistoryTurn("How many kids?", "Over 2,000 people, including 1,049 children.")
        >>> analyse("How many of the kids were under five?", [turn, kids]).totals
        {'1049': frozenset({'children'})}
        """
        if not self.partitive or not self.asks_part:
            return {}  # "what share of them": a share of the whole, not a count
        from .lexicon import synonyms
        from .news import counts_in, number_value

        found: dict[str, frozenset[str]] = {}
        asked_counts = ((t, analyse(t.question)) for t in reversed(self.history))
        for turn, asked in asked_counts:  # "of those": of the count last asked
            if asked.asks != "number":
                continue
            if turn.declined:
                break
            wanted = {stem(w) for w in (asked.counted or "").split()}
            wanted |= {s for w in wanted for s in synonyms(w)}  # "kids": 1,049 children
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
        >>> analyse("What is the price of a kilo of flour?").priced
        'flour'
        """
        if self.unit not in ("money", "measure"):
            return None
        m = _PRICED.search(self.question)
        if m is None:
            return None
        words = [w for w in (m.group("thing") or m["of"]).lower().split() if not w.endswith("ly")]
        if not words or words[0] in _STANDS_IN or words[-1] in STOPWORDS:
            return None  # "what did it cost", "how much does a new album usually cost"
        return stem(words[-1])

    @functools.cached_property
    def asks_part(self) -> bool:
        """Whether the question counts a part of a whole it names or leans on ("how many
        of them were children?", "how many of the wounded are in critical condition?"),
        first in a conversation or not: a bare total does not answer it.

        >>> analyse("How many of the wounded were children?").asks_part
        True
        >>> analyse("How many were wounded?").asks_part, analyse("Which of them won?").asks_part
        (False, False)
        """
        return bool(_HOW_MANY.match(self.question)) and picks_from_answer(self.question)

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

    @functools.cached_property
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

    @functools.cached_property
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

    @functools.cached_property
    def doer(self) -> str | None:
        """For "who <did> ...?", the stem of what the person asked for did.

        >>> analyse("Who led the hedgehog project?").doer, analyse("Who's in charge?").doer
        ('led', None)
        >>> analyse("who first noticed the frog?").doer, analyse("Who is the mayor?").doer
        ('notic', None)
        >>> analyse("Which company built the system?").doer
        'built'
        >>> analyse("who is lending it?").doer, analyse("Who has funded it?").doer
        ('lend', 'fund')
        >>> analyse("Who is the mayor?").doer, analyse("Who was elected?").doer
        (None, None)
        """
        if self.asks not in ("person", "office"):
            return None
        m = _WHO_DID.search(self.question) or _WHO_WILL_DO.search(self.question)
        if m is None and self.focus:  # "which company built it?": the company that built it
            m = re.search(
                rf"^(?:and |so |then )?which (?:[\w-]+ )*?{re.escape(self.focus)} (?:\w+ly )?"
                rf"(?P<verb>(?!(?:{AUXILIARY})\b)[a-z]+)\b(?!['’])",
                self.question,
                re.IGNORECASE,
            )
        return stem(m.group("verb").lower()) if m else None

    @functools.cached_property
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

    @functools.cached_property
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
        if self.ahead:
            parts[0] += " still to come"
        if self.office:
            parts.append(f"office: {self.office}")
        if self.reaction_by is not None:
            parts.append(f"reaction by: {', '.join(self.reaction_by) or 'anyone'}")
        if self.names:
            parts.append(f"names: {', '.join(self.names)}")
        if self.followup:
            parts.append("follow-up")
        return "; ".join(parts)


def _asks_ahead(question: str, asks: str | None) -> bool:
    """Whether the question asks about what is still to come: "when will it reopen?" (a
    time, which the slot check holds it to), "what will the money be used for?" or "is he
    planning to quit?" (which `ahead_rule` weighs); a plan asked for a date is asked of
    the past ("when did they plan to open?").

    >>> _asks_ahead("When will it reopen?", "date"), _asks_ahead("When did they plan to?", "date")
    (True, False)
    >>> _asks_ahead("is he planning to quit?", "yesno"), _asks_ahead("How many will go?", "number")
    (True, False)
    """
    if asks in ("date", "time"):
        return bool(AHEAD_ASKED.search(question))
    said = AHEAD_ASKED.search(question) or PLANNED_ASKED.search(question)
    return asks in (None, "yesno") and said is not None


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
    question = uncontracted(question)  # "whats the price": "what is the price"
    # "Different question: ..." leans on no earlier turn
    turns = () if changes_topic(question) else tuple(history)[-HISTORY_TURNS:]
    asks = asked_kind(question)
    office_match = re.search(rf"\b{OFFICE}\b", question, re.IGNORECASE)
    # what is asked about is read without the countries searching adds to capitals:
    # "which Yerevan (Armenia) hotel" asks which hotel
    as_asked = without_countries(question)
    focus = asked_focus(as_asked) if asks not in ("time", "date", "yesno", "expansion") else None
    if asks == "age" and focus == "age" and _THEIR_OWN.search(as_asked):
        focus = None  # "what is her age?": the age is what is asked, of whom it says
    if asks == "age" and (whose := _AGE_OF.search(as_asked)) and plain_noun(whose.group(1)):
        focus = whose.group(1).lower()  # "how old are her daughters": the daughters' age
    reactors = reaction_by(question)
    if reactors:  # "the Azerbaijani official" may speak "in Baku"
        from .places import capitals_of

        reactors = [*reactors, *(c for c in capitals_of(reactors) if c not in reactors)]
    if asks is None and reactors is not None:
        asks = "reaction"
    names = tuple(question_names(question))
    subject = tuple(terms(question))
    followup = bool(turns) and is_followup(question, turns)
    unit = asked_unit(question) if asks in ("number", None) else None
    attribute = is_attribute(question, focus)
    elision = elided(question) if asks is None and followup else None
    again = _asked_again(elision, turns) if elision is not None else _Again()
    if again.asks is not None:  # "what about the UK?": what the last question asked, of the UK
        asks, focus, unit = again.asks, again.focus, unit or again.unit
        attribute = again.attribute
    # asks whom or what by name: "who", "which charity", "the name of the school where"
    by_name = (
        asks in ("person", "name")
        or names_kind(focus)
        or asks_name_of(as_asked)
        or (asks_which(as_asked) and bool(_EXACTLY.search(as_asked)))
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
        office=office_asked(office_match, question) if asks == "office" else None,
        attribute=attribute,
        followup=followup,
        partitive=bool(turns) and picks_from_answer(question),
        of_referent=bool(turns) and bool(_THEIR_OWN.search(question)),
        by_pronoun=bool(_PERSONAL_PRONOUN.search(question)),
        of_statement=bool(turns) and bool(_SOURCE_ASK.search(question)),
        by_clock=asks == "time" and bool(CLOCK_ASKED.search(question)),
        ahead=_asks_ahead(question, asks),
        event=event_verb(question) if asks in ("number", "date", "time") else None,
        population=bool(_LIVE_ASKED.search(question)),
        who_named=asks == "person" and asks_who_named(question),
        leader=asks == "person" and asks_leader(question),
        placed=asks_placed(question) if asks != "yesno" else None,
        unit=unit,
        role=asked_role(as_asked, focus) if by_name else None,
        context=tuple(t for t in said if t not in subject),
        elided=elision if not again.attribute else None,
        history=turns,
    )


# The kinds an elliptical follow-up asks again: "and in August?" after "how many ...?"
# (not a yes/no, a reason or a reaction, whose reading needs the question's own verb)
_ASKED_AGAIN = frozenset({"number", "date", "time", "place", "person", "office", "age", "name"})


ASKS_OF = 2  # content words a question needs to say what it asks about itself


@dataclass(frozen=True)
class _Again:
    """How an elliptical follow-up ("and for the bank?") is read."""

    asks: str | None = None
    focus: str | None = None
    unit: str | None = None
    attribute: bool = False


def _asked_again(elision: str, turns: Sequence[HistoryTurn]) -> _Again:
    """An elliptical follow-up asks for an attribute it names ("and her age?", "and the
    total area?"), else for what the last question that asked for itself asked, in its
    unit, about what it names ("and for the bank?" after "how much is the loan?"). Earlier
    questions are read as this one is: "whats his name" asks no more than "what is his
    name", too little to say what it asks about.

    >>> from qa.history import HistoryTurn
    >>> turns = [HistoryTurn("how many people were killed", "At least 200."),
    ...          HistoryTurn("whats his name", "Gegham Stepanyan.")]
    >>> _asked_again("wounded", turns).asks
    'number'
    """
    as_attribute = f"what is {elision}?"
    focus = asked_focus(as_attribute)
    if is_attribute(as_attribute, focus):
        kind = asked_kind(as_attribute)
        return _Again(kind, None if kind == "age" else focus, attribute=True)
    for turn in reversed(turns):  # not "by what time?", which asks of the one before too
        asked = uncontracted(turn.question)  # read as this question is: "whats his name"
        if elided(asked) is None and len(terms(asked)) >= ASKS_OF:
            kind = asked_kind(asked)
            if kind not in _ASKED_AGAIN:
                return _Again()
            unit = asked_unit(asked) if kind == "number" else None
            # in its unit, not its rate: "and the one-off payment?" after "every month"
            return _Again(kind, unit=unit if unit not in RATES else None)
    return _Again()
