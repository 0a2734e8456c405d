"""Matching a candidate sentence against a question: pure functions, no model calls.

* `overlap` and `found_share`: the (IDF-weighted) share of the question's terms a
  sentence contains, prefix-tolerant ("Armenian" meets "Armenia", "organisation"
  meets "organization");
* `type_match`: whether a sentence has the kind of answer asked for (a number the
  question does not already give, a date, a person or a body that acted, an office
  holder, an acronym's words), read by `qa.news`;
* `holds_office`, `names_holder`, `reacts`, `names_any`: who holds an office or a
  role, whose reaction or statement it is, and names spelt a little differently;
* `affirms` and `negates`: what a yes/no answer may say.

The weights that combine them are `qa.rules.Weights`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Set

from vectorstore.text import stem, terms

from .intent import OFFICE, OFFICE_VERBS
from .news import (
    ACRONYM,
    AGE,
    amounts_in,
    bodies_in,
    capitalised_names,
    dates_in,
    numbers_in,
    person_names,
    spells_out,
)

__all__ = [
    "affirms",
    "found_share",
    "holds_office",
    "names_any",
    "names_holder",
    "negates",
    "overlap",
    "reacts",
    "same_term",
    "terms_in_order",
    "type_match",
]

MIN_PREFIX = 5  # letters two terms must share to match by prefix ("armenia"/"armenian")

_OFFICE = re.compile(rf"\b{OFFICE}\b", re.IGNORECASE)
_ANY_OFFICE = frozenset({"leader", "head", "chief", "boss"})  # met by any office's title
# "Minister Nikol ...", "Deputy Governor of Shirak Vardan Melikyan"
_NAME_AFTER = re.compile(r"(?: of(?: the)? [A-Z][\w’'-]+)? ([A-Z][\w’'-]+)")
_FULL_NAME_AFTER = re.compile(r" ([A-Z][\w’'-]+) [A-Z][\w’'-]+")  # "... executive Priya Raman"
# "... of Town12 is named Mayor12x", "a coach called Vera Lind": the holder after a verb
_NAMED_AS = re.compile(
    r"(?: (?:of|for|at|in) (?:the )?[\w’'-]+(?: [\w’'-]+){0,2}?)?,?"
    r" (?:is|was|named|called|titled|entitled|is named|was named|is called)(?: named| called)?"
    r" [\"“]?([A-Z][\w’'-]+)"
)
# "Aliyev, the ", "Helen Okafor, the hospital's ", "Inês Carvalho, Voltaro's co-founder and ",
# "Gayane Melkonyan, 51, director"
_NAME_BEFORE = re.compile(
    r"([A-Z][\w’'-]+)[\"”’]?,(?: \d{1,3},)? (?:the |his |her |its |their )?(?:[\w-]+['’]s )?"
    r"(?:[\w-]+ ){0,3}$"
)
# "Lars Moradi was appointed (finance) director", "Mei Chen, who was named chair"
# "the UWC Dilijan international school": a name of two capitalised words (or an
# acronym) before the role; one is mostly a place ("the former Karabakh ombudsman")
_NAME_MODIFIES = re.compile(
    r"(?<!\ba )(?<!\ban )\b(?!(?:The|A|An|Its|Their) )"
    r"([A-Z][\w’'-]+ [A-Z][\w’'-]+|[A-Z]{2,}[\w’'-]*) (?:[a-z-]+ ){0,2}$"
)
_APPOINTED_BEFORE = re.compile(
    r"([A-Z][\w’'-]+),?(?: who)? (?:is|was|has been|had been|will be|were) (?:appointed|named"
    r"|elected|made|promoted to|chosen as)(?: as)? (?:the |its |their |a |an )?(?:[\w-]+ ){0,2}$"
)
_NAME_APPOSED = re.compile(
    r"(?:[ -](?!(?:and|or|but|said|says|told|who|which|was|is)\b)[a-z-]+){0,2}?"  # "its"
    # "director general, Oleg Trushin", "chief veterinary officer, Armine Hakobyan"
    r"(?: of (?:the |its |their )?[\w’'-]+(?: [a-z][\w’'-]+){0,2}?)?, "
    r"(?:(?!(?:and|or|but|the|a|an|which|who|while|said|says|as|in|at|on|to) )[a-z\d][\w-]* )"
    r"{0,3}"
    r"([A-Z][\w’'-]+) [A-Z][\w’'-]+\b"
)  # "Its chief executive, Paul Henshaw,", "The head of the mission, Dirk Vollmer,", "Its
# chair, retired fisherman Derek Hoskin", "Its owner, 58-year-old Gagik Melkonyan"
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
MIN_FUZZY_NAME = 7  # letters a name needs before a spelling one edit off still names it


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

    An office holder is `holds_office`'s to read.
    """
    if kind is None:
        return None
    if kind == "number":
        return bool(amounts_in(sentence) - numbers_in(question))
    if kind == "date":
        return bool(dates_in(sentence) - dates_in(question))
    if kind == "expansion":
        return any(spells_out(a, sentence) for a in ACRONYM.findall(question))
    if kind == "age":
        return bool(AGE.search(sentence))
    asked = set(terms(question))
    if kind == "name":  # someone new: not the question's Pashinyan ("Nikol Pashniyan")
        return bool(person_names(sentence) - _named_ones(sentence, question, asked))
    named = any(
        not any(n == a or _prefix_match(n, a) for a in asked) for n in capitalised_names(sentence)
    )
    # "the election commission", "a local foundry": a body acts too
    return named or bool(bodies_in(sentence) - asked)


def _named_ones(sentence: str, question: str, asked: Set[str]) -> set[str]:
    """Stems of each full name in `sentence` that is one the `question` (with `asked`, its
    stems) gives, with its other parts: "Nikol Pashinyan" is the asked "Pashinian" by
    first name too; "Tom Lee" is not "Ann Lee", who shares only his surname."""
    known = [[stem(w.lower()) for w in full.split()] for full in _FULL_NAME.findall(question)]
    found: set[str] = set()
    for full in _FULL_NAME.findall(sentence):
        words = [stem(w.lower()) for w in full.split()]
        other_first = any(
            len(k) > 1 and _same_name(k[-1], words[-1]) and not _same_name(k[0], words[0])
            for k in known
        )
        if not other_first and any(_same_name(w, a) for w in words for a in asked):
            found |= set(words)
    return found


def _same_name(a: str, b: str) -> bool:
    """Whether stems `a` and `b` are one name, maybe spelt one edit off."""
    return a == b or _prefix_match(a, b) or (spelt_variously(a) and _one_edit(a, b))


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

    Or by what the holder does: "Ann Roe, 52, a retired nurse who chairs the trust", "the
    team, led by Dr Helena Voss" (more news forms: `tests/test_intent.py`).

    >>> holds_office("Ann Roe, 52, a retired nurse who chairs the trust, said", "chair")
    True
    """
    wanted = set(terms(office))
    if any(
        _named_at(sentence, m, asked)
        for m in _OFFICE.finditer(sentence)
        if office.lower() in _ANY_OFFICE or _titles(wanted, m.group())
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
        rf"([A-Z][\w’'-]+)(?:,[^,.;]{{1,60}}){{0,2}},? who (?:now |also )?(?:{does})\b"
        rf"|\b(?:{done}) by (?:[A-Z][a-z]+ )?([A-Z][\w’'-]+)"
    )


def _titles(wanted: Set[str], title: str) -> bool:
    """Whether `title` is the office whose stems are `wanted`, or a form of it: a
    "chairwoman" or "chairperson" is a chair, a "spokeswoman" a spokesman's office."""
    said = terms(title)
    return all(any(t == w or t.startswith(w) for t in said) for w in wanted)


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
    >>> names_holder("The gift came from the Aras Foundation.", "foundation")
    True
    >>> names_holder("The Armenian leadership said so.", "leader") is None
    True
    """
    plural = rf"{re.escape(role[:-1])}(?:y|ies)" if role.endswith("y") else re.escape(role)
    pattern = re.compile(rf"\b{plural}(?:s|es)?\b", re.IGNORECASE)
    found = list(pattern.finditer(sentence))
    if not found:
        return None
    return any(_capitalised_mid(sentence, m) or _named_at(sentence, m, asked) for m in found)


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
    found = (
        after,
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


def gives_title(sentence: str, people: list[str]) -> bool:
    """Whether `sentence` says what office or job one of `people` (stems; [] for anyone)
    holds: "Prime Minister Nikol Pashinyan", "Armen Ghazaryan, 51, head of the service".

    >>> gives_title("said Prime Minister Nikol Pashinyan.", ["pashinyan"])
    True
    >>> gives_title("Armen Ghazaryan, 51, head of the service, said", ["ghazaryan"])
    True
    >>> gives_title("Vogel, 56, grew up on a dairy farm and has led it since 2017.", ["vogel"])
    False
    """
    for m in _JOB.finditer(sentence):
        holders = [_FULL_NAME.match(sentence, n.start(1)) for n in _names_at(sentence, m)]
        named = [h.group() for h in holders if h is not None]
        if not people or any(names_any(people, h) for h in named):
            return True
        if not named and (names_any(people, sentence) or not person_names(sentence)):
            return True  # "she worked as a headteacher", "offered a job as cellar master"
    return False


_FULL_NAME = re.compile(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*")


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
    said = _terms_of(text)
    return any(spelt_variously(n) and _spelt_otherwise_in(n, said) for n in names)


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
    return frozenset(terms_in_order(text))


@functools.lru_cache(maxsize=1024)
def terms_in_order(text: str) -> tuple[str, ...]:
    """`text`'s terms in order, remembered: each candidate is read by several rules."""
    return tuple(terms(text))


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


def same_term(a: str, b: str) -> bool:
    """Whether two terms are one word, as `overlap` reads them ("armenia"/"armenian").

    >>> same_term("armenia", "armenian"), same_term("organis", "organiz"), same_term("war", "ward")
    (True, True, False)
    """
    return a == b or (a[:MIN_PREFIX] == b[:MIN_PREFIX] and _same_word(a, b))


def _similar_in(term: str, terms_: Set[str]) -> bool:
    """Whether `terms_` holds another stem of `term`'s word (`_same_word`); both share
    their first `MIN_PREFIX` letters then, which rules most out at once. A long name is
    also found spelt one edit off (`spelt_variously`): "Pashniyan" for "Pashinyan"."""
    if len(term) < MIN_PREFIX:
        return False
    if any(same_term(term, s) for s in terms_):
        return True
    return spelt_variously(term) and _spelt_otherwise_in(term, terms_)


def _spelt_otherwise_in(term: str, terms_: Set[str]) -> bool:
    """Whether `terms_` holds `term` spelt one edit off (one C loop, not one per term)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    hit = process.extractOne(term, terms_, scorer=OSA.distance, score_cutoff=1)
    return hit is not None and _one_edit(term, hit[0])


@functools.lru_cache(maxsize=4096)
def spelt_variously(term: str) -> bool:
    """Whether `term` is a long word English does not have: a name, which news spells
    in more than one way ("Pashinyan", "Pashniyan"; "Lindquist", "Lindqvist").

    >>> spelt_variously("pashinyan"), spelt_variously("protest"), spelt_variously("baku")
    (True, False, False)
    """
    from .question import is_english_word

    return len(term) >= MIN_FUZZY_NAME and not is_english_word(term)


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` (both long) are one edit apart, two swapped letters one edit."""
    if abs(len(a) - len(b)) > 1 or len(b) < MIN_FUZZY_NAME or a[0] != b[0]:
        return False
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=1) <= 1


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
