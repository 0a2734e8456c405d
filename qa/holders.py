"""Who holds an office or a role, as news writes it: "President Ilham Aliyev", "Ilham
Aliyev, the president", "Its chief executive, Paul Henshaw,", "a team led by Dr Helena
Voss", "sold to an overseas buyer" (a role mentioned, no one named). Pure functions over
a sentence's text:

* `holds_office`: whether a sentence names someone as holding an asked office;
* `names_holder`: whether it names whoever it calls by an asked role ("buyer",
  "charity"), or mentions the role and names no one;
* `gives_title`: whether it says what office or job an asked person holds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Set

from vectorstore.text import stem, terms

from .kinds import OFFICE, OFFICE_VERBS, SECOND_OFFICE, SECONDS
from .lexicon import names_people
from .news import FULL_NAME, MONTHS, WEEKDAYS, person_names, person_spans
from .scoring import names_any, same_term

__all__ = ["gives_title", "holds_office", "names_holder"]

_OFFICE = re.compile(rf"\b{OFFICE}\b", re.IGNORECASE)
_ANY_OFFICE = frozenset({"leader", "head", "chief", "boss"})  # met by any office's title
# "Minister Nikol ...", "Deputy Governor of Shirak Vardan Melikyan"
_NAME_AFTER = re.compile(r"(?: of(?: the)? [A-Z][\w’'-]+)? ([A-Z][\w’'-]+)")
_FULL_NAME_AFTER = re.compile(r" ([A-Z][\w’'-]+) [A-Z][\w’'-]+")  # "... executive Priya Raman"
# a full name after the rest of the title: "secretary general Armen Ghazaryan", "Secretary
# of State for Fisheries Teresa Almeida", "head teacher of Ludlow School, Rebecca Marsh"
_NAME_AFTER_TITLE = re.compile(
    r"(?: (?:general|teacher))?"
    r"(?: (?:of|for)(?: the)? [A-Z][\w’'-]*(?: (?:and|of|for|the|&|[A-Z][\w’'-]*))*)?"
    r",? (?P<name>([A-Z][\w’'-]+) [A-Z][\w’'-]+)\b"
)
# "Head nurse Lusine Avanesyan", "chief engineer Arman Petrosyan": "head" or "chief" as the
# first word of another title, whose holder heads something too ("Cafe owner Rosa Fialho"
# names no cafe: only these offices read a word between)
_NAME_AFTER_HEAD = re.compile(
    r" (?!(?:and|or|of|for|to|at|in|on|with|from|by|said|says|met|told|asked|urged|thanked"
    r"|visited|called|named|is|was|has|had|will)\b)[a-z]+(?<!ed),? (?P<name>([A-Z][\w’'-]+)"
    r" [A-Z][\w’'-]+)\b"
)
# "... of Town12 is named Mayor12x", "a coach called Vera Lind": the holder after a verb
_NAMED_AS = re.compile(
    r"(?: (?:of|for|at|in) (?:the )?[\w’'-]+(?: [\w’'-]+){0,2}?)?,?"
    r" (?:is|was|named|called|titled|entitled|is named|was named|is called)(?: named| called)?"
    r"(?: [\w-]+-year-old)? [\"“]?([A-Z][\w’'-]+)"  # "The youngest was nine-year-old Mia Tipene"
)
# "Aliyev, the ", "Helen Okafor, the hospital's ", "Inês Carvalho, Voltaro's co-founder and ",
# "Gayane Melkonyan, 51, director"
_NAME_BEFORE = re.compile(
    r"([A-Z][\w’'-]+)[\"”’]?,(?: \d{1,3},)? (?:the |his |her |its |their )?(?:[\w-]+['’]s )?"
    r"(?:(?!(?:who|which|that)\b)[\w-]+ ){0,3}$"  # not "Melkonyan, 44, who runs a restaurant"
)
# "Lars Moradi was appointed (finance) director", "Mei Chen, who was named chair"
# "the UWC Dilijan international school": a name of two capitalised words (or an
# acronym) before the role; one is mostly a place ("the former Karabakh ombudsman")
_NAME_MODIFIES = re.compile(
    r"(?<!\b[Aa] )(?<!\b[Aa]n )\b(?!(?:The|A|An|Its|Their) )"
    r"([A-Z][\w’'-]+ [A-Z][\w’'-]+|[A-Z]{2,}[\w’'-]*) (?:[a-z-]+ ){0,2}$"
)
_APPOINTED_BEFORE = re.compile(
    r"([A-Z][\w’'-]+),?(?: who)? (?:is|was|has been|had been|will be|were) (?:appointed|named"
    r"|elected|made|promoted to|chosen as)(?: as)? (?:the |its |their |a |an )?(?:[\w-]+ ){0,2}$"
)
_NAME_APPOSED = re.compile(
    r"(?:[ -](?!(?:and|or|but|said|says|told|who|which|was|is)\b)[a-z-]+){0,2}?"  # "its"
    # "director general, Oleg Trushin", "chief veterinary officer, Armine Hakobyan"
    # "Armenia's ambassador in Moscow, Vagharshak Harutyunyan": where the office is held
    r"(?: (?:of|in|at|to) (?:the |its |their )?[\w’'-]+(?: [a-z][\w’'-]+){0,2}?)?, "
    # "the Very Reverend Mark Holloway", "Polish diplomat Marek Zielinski"
    r"(?:the (?:(?:Very|Right|Most) )?(?:Reverend|Rev\.?|Honourable|Hon\.|Venerable) )?"
    r"(?:[A-Z][a-z]+ (?=[a-z]))?"
    r"(?:(?!(?:and|or|but|the|a|an|which|who|while|said|says|as|in|at|on|to) )[a-z\d][\w-]* )"
    r"{0,3}"
    r"([A-Z][\w’'-]+) (?:(?:de|van|von|der|den|da|di|du|le|la|al) )*[A-Z][\w’'-]+\b"
)  # "Its chief executive, Paul Henshaw,", "The head of the mission, Dirk Vollmer,", "Its
# chair, retired fisherman Derek Hoskin", "Its owner, 58-year-old Gagik Melkonyan"


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
    >>> holds_office("A State Department spokesman said Washington was concerned.", "spokesman")
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

    The rest of the title may stand between it and the name: "Secretary of State for
    Fisheries Teresa Almeida", "secretary general Armen Ghazaryan"; not a body's name.

    >>> holds_office("said Secretary of State for Fisheries Teresa Almeida, 49.", "secretary")
    True
    >>> holds_office("A spokesman for the Russian Defence Ministry said so.", "spokesman")
    False

    Or by what the holder does: "Ann Roe, 52, a retired nurse who chairs the trust", "the
    team, led by Dr Helena Voss" (more news forms: `tests/test_intent.py`).

    >>> holds_office("Ann Roe, 52, a retired nurse who chairs the trust, said", "chair")
    True
    """
    wanted = set(terms(office))
    if any(
        _named_at(sentence, m, asked)
        for m in _OFFICE.finditer(sentence)
        if office.lower() in _ANY_OFFICE or _titles(wanted - _SECONDS, _title_at(sentence, m))
        if _second_to(sentence[: m.start()]) == wanted & _SECONDS
    ):
        return True
    pattern = _holder_by_verb(office.lower())
    holder = pattern.search(sentence) if pattern else None
    return holder is not None and stem((holder.group(1) or holder.group(2)).lower()) not in asked


@functools.lru_cache(maxsize=64)
def _holder_by_verb(office: str) -> re.Pattern[str] | None:
    """How news names `office`'s holder by what they do: "Rashad Huseynov, 41, a former
    sapper who leads a team", "the team, led by Dr Helena Voss" (None: no verb for it)."""
    verbs = [(v, p) for v, (o, p) in OFFICE_VERBS.items() if o == office or office in _ANY_OFFICE]
    if not verbs:
        return None
    does = "|".join(v for v, _ in verbs)
    done = "|".join(p for _, p in verbs)
    return re.compile(
        rf"([A-Z][\w’'-]+)(?:,[^,.;]{{1,60}}){{0,2}},? who (?:now |also )?"
        rf"(?:{does}|(?:has|had) (?:long |since )?(?:{done}))\b"  # "who has run the cafe"
        rf"|\b(?:{done}) by (?:[A-Z][a-z]+ )?([A-Z][\w’'-]+)"
    )


_SECONDS = frozenset(stem(w) for w in SECONDS)


def _second_to(before: str) -> Set[str]:
    """The word making the office written right after `before` its holder's second, as a
    stem ("Deputy mayor Vardan Nersisyan" is no mayor; "deputy" is asked for a deputy).

    >>> _second_to("said Deputy "), _second_to("said ")
    ({'deputi'}, set())
    """
    m = SECOND_OFFICE.search(before)
    return {stem(m.group(1).lower())} if m else set()


def _titles(wanted: Set[str], title: str) -> bool:
    """Whether `title` is the office whose stems are `wanted`, or a form of it: a
    "chairwoman" or "chairperson" is a chair, a "spokeswoman" a spokesman's office; a
    "Defence Minister" the asked "defense minister"."""
    said = terms(title)
    return all(any(t.startswith(w) or same_term(t, w) for t in said) for w in wanted)


# The words of a title around its office word: "Defence Minister", "Minister of Education"
_BEFORE_TITLE = re.compile(r"(?:[\w’'-]+ ){0,2}$")
_AFTER_TITLE = re.compile(r" (?:of|for) (?:the )?[\w’'-]+(?: [\w’'-]+)?")


def _title_at(sentence: str, m: re.Match[str]) -> str:
    """The office word `m` found in `sentence` with the words a title puts around it (two
    before, "of" and two after): a "Prime Minister" is no defence minister.

    >>> s = "Defence Minister Zakir Hasanov said so."
    >>> _title_at(s, _OFFICE.search(s))
    'Defence Minister'
    """
    before = _BEFORE_TITLE.search(sentence[: m.start()])
    after = _AFTER_TITLE.match(sentence[m.end() :])
    return f"{before.group() if before else ''}{m.group()}{after.group() if after else ''}"


def names_holder(sentence: str, role: str, asked: Set[str] = frozenset()) -> bool | None:
    """Whether `sentence` names whoever it calls `role` ("buyer", "lawyer", "company"),
    the way `holds_office` reads an office: "its lawyer, Anna Berg,", "Anna Berg, the
    family's lawyer", "a buyer named Lee", "the Aras Foundation". A role it mentions and
    leaves unnamed ("to an overseas buyer", "a foundation that asked not to be named")
    names no one; None when it never uses the word ("leadership" is not "leader").

    >>> names_holder("It was sold to an overseas buyer.", "buyer")
    False
    >>> names_holder("It was sold to Omar Haddad, a collector from Doha.", "collector")
    True
    >>> names_holder("The youngest fundraiser was nine-year-old Mia Tipene.", "fundraiser")
    True
    >>> names_holder("The gift came from the Aras Foundation.", "foundation")
    True
    >>> names_holder("It is in the journal Aquaculture.", "journal")
    True
    >>> names_holder('The book, "Bread with Greens", was launched on Saturday.', "book")
    True
    >>> names_holder("They used a channel on the Telegram app called Find Your Family.", "channel")
    True
    >>> names_holder("It repaired its boat, the Lady Ellen, built in 1964.", "boat")
    True
    >>> names_holder("The current female, known to volunteers as Juno, nested there.", "female")
    True
    >>> names_holder("The Armenian leadership said so.", "leader") is None
    True
    """
    plural = rf"{re.escape(role[:-1])}(?:y|ies)" if role.endswith("y") else re.escape(role)
    pattern = re.compile(rf"\b{plural}(?:s|es)?\b", re.IGNORECASE)
    found = list(pattern.finditer(sentence))
    if not found:
        return None
    thing = not names_people(role)
    return any(
        _capitalised_mid(sentence, m)
        or _named_at(sentence, m, asked)
        or _name_follows(sentence, m)
        or _NAME_AFTER_ROLE.match(sentence, m.end()) is not None
        or (thing and _thing_named_before(sentence, m))
        for m in found
    )


# a thing's name before its kind: "the Cottesloe club", "the former Akhtamar sanatorium",
# "The Shosh pumping station", 'the "My Step" charity foundation'
_THING_NAME_BEFORE = re.compile(
    r"\b(?i:the|its|their|his|her) (?:[a-z-]+ )?([A-Z][\w’'-]*|[\"“][^\"”]+[\"”])"
    r" (?:[a-z-]+ ){0,2}$"
)
_CALENDAR_WORDS = MONTHS | WEEKDAYS  # "the Monday market" names no market


def _thing_named_before(sentence: str, m: re.Match[str]) -> bool:
    """Whether a name stands before the thing's kind `m` matched, a word or two between at
    most; not a country's, a nation's, a month's or a weekday's word ("the Yerevan
    hospital", "the Russian-owned company", "the Monday market" name no one thing).
    Not `news.thing_names`, which reads a word after "of the" as a place: right before
    the kind it is the kind's name ("of the Cottesloe club").

    >>> m = re.search("station", "The Shosh pumping station lost power.")
    >>> _thing_named_before("The Shosh pumping station lost power.", m)
    True
    >>> m = re.search("company", "It was sold to the Russian-owned company.")
    >>> _thing_named_before("It was sold to the Russian-owned company.", m)
    False
    """
    from .places import place_words

    n = _THING_NAME_BEFORE.search(sentence, 0, m.start())
    if n is None:
        return False
    word = n.group(1).strip('"“”').split("-")[0].lower()
    return word not in place_words() and word not in _CALENDAR_WORDS


# a name put right after the role ("the journal Aquaculture", "the suburb of Irpin"), a
# title quoted or a name with "the" after a comma ('The book, "Bread with Greens", was
# launched', "its boat, the Lady Ellen,"), or a name the role's noun phrase ends on ("a
# channel on the Telegram app called Find Your Family", "the female, known as Juno")
_NAME_AFTER_ROLE = re.compile(
    r"(?:,?(?: [\w’'-]+){0,5} (?:called|named|calling itself|known(?: [\w’'-]+){0,3} as)"
    r" [\"“]?"
    r"| (?:of )?[\"“]?|, (?:the )?[\"“]?)[A-Z]"
)


def _name_follows(sentence: str, m: re.Match[str]) -> bool:
    """Whether a person's name stands right after the role `m` matched, a comma apart at
    most: "his wife, Glenys," (one name alone, which `_names_at` does not take)."""
    return any(
        start >= m.end() and not sentence[m.end() : start].strip(" ,")
        for start, _, _ in person_spans(sentence)
    )


def _capitalised_mid(sentence: str, m: re.Match[str]) -> bool:
    """Whether `m` is capitalised where a sentence does not start ("the Aras Foundation",
    not "Councillors approved it")."""
    return m.group()[0].isupper() and bool(sentence[: m.start()].strip(" \"“‘'"))


def _named_at(sentence: str, m: re.Match[str], asked: Set[str]) -> bool:
    """Whether a name (not among the `asked` stems) stands in apposition to the title or
    role `m` matched: right after it, before it with a comma, or after "named"."""
    return any(stem(n.group(1).lower()) not in asked for n in _names_at(sentence, m))


def _names_at(sentence: str, m: re.Match[str]) -> list[re.Match[str]]:
    """The names standing in apposition to the title or role `m` matched (group 1 is a
    name's first word): right after it, before it with a comma, or after "named"."""
    after = (
        _NAME_AFTER.match(sentence, m.end())
        if m.group()[0].isupper()
        else _FULL_NAME_AFTER.match(sentence, m.end())  # "chief executive Priya Raman"
    )
    titled = None if after else _NAME_AFTER_TITLE.match(sentence, m.end())
    if titled is None and not after and m.group().lower() in _ANY_OFFICE:
        titled = _NAME_AFTER_HEAD.match(sentence, m.end())
    if titled is not None and not person_names(titled["name"]):
        titled = None  # "a spokesman for the Russian Defence Ministry": no one's name
    found = (
        after,
        titled,
        _NAME_BEFORE.search(sentence, 0, m.start()),
        _APPOINTED_BEFORE.search(sentence, 0, m.start()),
        None if m.group()[0].isupper() else _NAME_MODIFIES.search(sentence, 0, m.start()),
        _NAMED_AS.match(sentence, m.end()),
        _NAME_APPOSED.match(sentence, m.end()),
    )
    return [n for n in found if n is not None]


# What a person may be called by their work: an office, or a job or trade
_JOB = re.compile(
    rf"\b(?:{OFFICE}|aide|advis[eo]r|ombudsman|official|diplomat|envoy|officer|deputy|doctor"
    r"|surgeon|nurse|teacher|headteacher|lawyer|journalist|reporter|engineer|scientist"
    r"|researcher|professor|farmer|owner|founder|analyst|economist|pilot|driver|cook|master"
    r"|\w+grapher|\w+ologist|\w+ician)s?\b",
    re.IGNORECASE,
)


# A name with what the person is put after it: "Nomvula Dlamini, 29, a shop assistant who
# travels ...", "Liisa Kärkkäinen, 29, a physiotherapist from Jyväskylä"
_APPOSED_JOB = re.compile(
    rf"(?P<name>{FULL_NAME.pattern}), (?:\d{{1,3}}, )?(?:a|an) "
    r"[a-z][a-z-]*(?: [a-z][a-z-]*){0,3}?(?= (?:who|whose|from|at|in|with|for|and)\b|[,.;]|$)"
)


def gives_title(sentence: str, people: list[str]) -> bool:
    """Whether `sentence` says what office or job one of `people` (stems; [] for anyone)
    holds: "Prime Minister Nikol Pashinyan", "Armen Ghazaryan, 51, head of the service".

    >>> gives_title("said Prime Minister Nikol Pashinyan.", ["pashinyan"])
    True
    >>> gives_title("Armen Ghazaryan, 51, head of the service, said", ["ghazaryan"])
    True
    >>> gives_title("Vogel, 56, grew up on a dairy farm and has led it since 2017.", ["vogel"])
    False
    >>> gives_title("Nomvula Dlamini, 29, a shop assistant who travels daily, said", ["dlamini"])
    True
    """
    for m in _JOB.finditer(sentence):
        holders = [FULL_NAME.match(sentence, n.start(1)) for n in _names_at(sentence, m)]
        named = [h.group() for h in holders if h is not None]
        if not people or any(names_any(people, h) for h in named):
            return True
        if not named and (names_any(people, sentence) or not person_names(sentence)):
            return True  # "she worked as a headteacher", "offered a job as cellar master"
    # whose job is asked must be known: "what's his sister's job?" is not Hovik's
    return any(people and names_any(people, m["name"]) for m in _APPOSED_JOB.finditer(sentence))
