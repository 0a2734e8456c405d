"""Matching a candidate sentence against a question: pure functions, no model calls.

* `overlap` and `found_share`: the (IDF-weighted) share of the question's terms a
  sentence contains, prefix-tolerant ("Armenian" meets "Armenia", "organisation"
  meets "organization");
* `type_match`: whether a sentence has the kind of answer asked for (a number the
  question does not already give, a date, a person or a body that acted, an office
  holder, an acronym's words), read by `qa.news`;
* `reacts`, `names_any`: whose reaction or statement it is, and names spelt a little
  differently (who holds an office or a role is `qa.holders`');

What a yes/no answer may say is `qa.yesno`'s.
The weights that combine them are `qa.rules.Weights`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Set

from vectorstore.text import stem, terms

from .lexicon import synonyms, verb_lemma
from .news import (
    ACRONYM,
    AGE,
    FULL_NAME,
    actor_names,
    amounts_in,
    bodies_in,
    dates_in,
    numbers_in,
    person_names,
    person_spans,
    spells_out,
    unquoted,
)
from .places import nation_stems

__all__ = [
    "WORD",
    "done_by_someone",
    "found_share",
    "names_any",
    "overlap",
    "reacts",
    "same_term",
    "terms_in_order",
    "type_match",
]

MIN_PREFIX = 5  # letters two terms must share to match by prefix ("armenia"/"armenian")

_REACTED = re.compile(
    r"\b(den(y|ies|ied)|reject(s|ed)?|anger(s|ed)?|condemn(s|ed)?|welcom(e|es|ed)|dismiss(es|ed)?"
    r"|critici[sz](e|es|ed)|protest(s|ed)?|retaliat(e|es|ed)|respond(s|ed)?|react(s|ed)|angrily"
    r"|furious|fury|accept(s|ed)?|agree(s|d)?|confirm(s|ed)?|refuse(s|d)?|disput(e|es|ed)"
    r"|repl(y|ies|ied)|comment(s|ed)?)\b",
    re.IGNORECASE,
)
_STATED = re.compile(
    r"\b(said|says|told|called|described|warned|praised|fell|rose|dropped|jumped|slumped"
    r"|tumbled|surged|climbed|plunged|soared|decided|ruled|concluded|agreed|announced"
    r"|recommended|proposed|found|voted|approved|adopted|resolved)\b",
    re.IGNORECASE,
)
# who reacts after the verb: the one angered ("angered Russia"), or the source of what
# was said ("rejected by Moscow", "a welcome from Baku")
_REACTOR_AFTER = re.compile(r"\s+([^,.;]+)")
_BY_FROM = re.compile(r"\s+(?:by|from)\s+([^,.;]+)", re.IGNORECASE)
# where a clause begins, for the one who reacts in it
_CLAUSE = re.compile(
    r"\b(?:because|while|but|although|though|whereas|after|when)\b|;", re.IGNORECASE
)
# the verbs that attribute a quote to its speaker
SPEECH_VERBS = r"said|says|added|replied|insisted"
# the speaker named after a quote's verb: '"...," said Rosa Lopes, who runs a cafe'
_SAID_AFTER = re.compile(rf"[\"”,]\s+(?:{SPEECH_VERBS})\s+([^,.;]+)")
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
    # who did it, or where: no common first word; no place for who, no person for where
    found = actor_names(sentence, places=kind != "person")
    named = any(not any(n == a or _prefix_match(n, a) for a in asked) for n in found)
    # "the election commission", "a local foundry": a body acts too
    return named or bool(bodies_in(sentence) - asked)


def _named_ones(sentence: str, question: str, asked: Set[str]) -> set[str]:
    """Stems of each full name in `sentence` that is one the `question` (with `asked`, its
    stems) gives, with its other parts: "Nikol Pashinyan" is the asked "Pashinian" by
    first name too; "Tom Lee" is not "Ann Lee", who shares only his surname."""
    known = [[stem(w.lower()) for w in full.split()] for full in FULL_NAME.findall(question)]
    found: set[str] = set()
    for full in FULL_NAME.findall(sentence):
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

    Not answering is a reaction too ("did X respond?"), and so is a figure disputed:

    >>> reacts("The ministry did not respond to questions.", ["ministry"])
    True
    >>> reacts("It shot down 13 drones, a figure Baku disputed.", ["baku"])
    True
    >>> reacts('"Prices will double," said Rosa Lopes, who runs a cafe.', ["lope"])
    True

    Whoever reacts is named before the verb in its clause, or after it as the one
    angered or the source; not the one reacted to, nor one a quote names:

    >>> reacts("Her visit to Kyiv was a move that angered Russia.", ["russia"])
    True
    >>> reacts("He accused Paris of bias because France agreed to sell radars.", ["pari"])
    False
    >>> reacts("It drew an unexpected welcome from Baku.", ["baku"])
    True
    >>> reacts('"If Baku hears a map in it, that says more about Baku."', ["baku"])
    False
    """
    # What a quote says is its speaker's words, not the reporter's: "If Baku hears a map
    # in it, that says more about Baku" tells no reaction of Baku's
    plain = unquoted(sentence)
    if not actors:  # anyone's reaction or statement will do
        return bool(_REACTED.search(plain) or _STATED.search(plain))
    for m in _REACTED.finditer(plain):
        angered = m.group(0).lower().startswith("anger")  # "angered Russia": Russia reacts
        after = (_REACTOR_AFTER if angered else _BY_FROM).match(plain, m.end())
        if (not angered and names_any(actors, _clause_before(plain, m.start()))) or (
            after and names_any(actors, after.group(1))
        ):
            return True
    # A statement or a market move is the reaction of whoever comes before the verb:
    # "Shares fell 6.2 percent", "Delgado said it was a hard blow" (not "Armenia said
    # Washington must act", which is Armenia's).
    for m in _STATED.finditer(plain):
        if names_any(actors, _clause_before(plain, m.start())):
            return True
    # A quote is said by whoever the verb after it names: '"...," said Rosa Lopes'
    return any(names_any(actors, m.group(1)) for m in _SAID_AFTER.finditer(sentence))


def _clause_before(text: str, end: int) -> str:
    """The words of `text` before `end` in the same clause."""
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, end)]
    return text[starts[-1] if starts else 0 : end]


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


def found_share(query_terms: Iterable[str], text: str, synonyms: bool = False) -> float:
    """The share of `query_terms` that `text` contains, each counting the same
    (`overlap` without IDF weights); with `synonyms`, a term said as its synonym counts.

    >>> found_share(["armenian", "troop"], "Armenia sent soldiers.")
    0.5
    >>> found_share(["kid", "hurt"], "No children were hurt."), found_share(["kid", "hurt"],
    ...     "No children were hurt.", synonyms=True)
    (0.5, 1.0)
    """
    return overlap(query_terms, _terms_of(text), lambda _: 1.0, synonym_weight=float(synonyms))


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
    synonym_weight: float = 0.0,
) -> float:
    """IDF-weighted share of `query_terms` found in `sentence_terms` (prefix-tolerant, and
    a country found as its people's word: "iran" in "Iranian"); a found term counts
    `found_weight(term)` of its weight (1 unless given), and one found only as a synonym
    (`qa.lexicon`: "kids" for "children") `synonym_weight` of that.

    >>> overlap(["armenian", "troop"], {"armenia", "soldier"}, lambda t: 1.0)
    0.5
    >>> overlap(["armenian", "troop"], {"armenia", "troop"}, lambda t: 1.0, lambda t: 0.5)
    0.5
    >>> overlap(["kid"], {"children"}, lambda t: 1.0, synonym_weight=0.5)
    0.5
    """
    total = found = 0.0
    for t in dict.fromkeys(query_terms):
        w = idf(t)
        total += w
        share = found_weight(t) if found_weight else 1.0
        if t in sentence_terms or _similar_in(t, sentence_terms) or _nation_in(t, sentence_terms):
            found += w * share
        elif synonym_weight and synonyms(t) & sentence_terms:
            found += w * share * synonym_weight
    return found / total if total else 0.0


def same_term(a: str, b: str) -> bool:
    """Whether two terms are one word, as `overlap` reads them ("armenia"/"armenian").

    >>> same_term("armenia", "armenian"), same_term("organis", "organiz"), same_term("war", "ward")
    (True, True, False)
    """
    return a == b or (a[:MIN_PREFIX] == b[:MIN_PREFIX] and _same_word(a, b))


def _nation_in(term: str, terms_: Set[str]) -> bool:
    """Whether `terms_` names the country `term` names by its people's word, or the other
    way round ("iran" in "the Iranian border", "turkish" in "Turkey said")."""
    return nation_stems().get(term) in terms_


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


def aimed_at(sentence: str, verb: str) -> list[str]:
    """The names `sentence` puts right after `verb` (a root: "accus"): whom it was aimed at.

    >>> aimed_at("Armenia rejected this and accused Azerbaijan of ethnic cleansing.", "accus")
    ['Azerbaijan']
    """
    pattern = rf"\b{verb}\w*\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
    return re.findall(pattern, sentence)


DOER_GAP = 8  # words a doer's name may stand before its verb ("Kjaergaard, 39, who led")
AGENT_GAP = 6  # words after a passive verb its "by" and the doer may stand ("led by Dr X")


def done_by_someone(sentence: str, verb: str, asked: Set[str] = frozenset()) -> bool:
    """Whether `sentence` names a person who did `verb` (a stem, or a WordNet synonym of
    it): who "who led the study?" asks for, not whom the sentence only quotes, nor one
    the question names already (`asked`, its stems): "Carrowmore Hurling Club opened its
    pitch" does not say who opened the Carrowmore ground.

    >>> done_by_someone("said Mette Kjaergaard, 39, who led the project.", "led")
    True
    >>> done_by_someone("The study, led by Professor Naomi Achebe, took samples.", "led")
    True
    >>> done_by_someone("Researchers led by the university found it, Marsh said.", "led")
    False
    >>> done_by_someone("Prime Minister Nikol Pashinyan ordered a review.", "review")
    False
    >>> done_by_someone("Carrowmore Hurling Club opened its pitch.", "open", {"carrowmor"})
    False
    >>> done_by_someone("Farid Mammadli, 47, head of the policy department, briefed them.", "brief")
    True

    Or by the title the deed gives its doer, before the name: "Founder and chief
    executive Priya Whitlock" founded it, "lead author Dr Mette Rasmussen" led the study.

    >>> done_by_someone("Founder and chief executive Priya Whitlock, 41, set it up.", "found")
    True
    >>> done_by_someone('"It works," said lead author Dr Mette Rasmussen.', "led")
    True
    >>> done_by_someone("said the study's lead author, Dr Helen Marsh, a lecturer.", "led")
    True
    """
    words = [(m.start(), stem(m.group().lower())) for m in WORD.finditer(sentence)]
    alike = synonyms(verb) | {verb}
    at = [
        i
        for i, (_, w) in enumerate(words)
        if (w in alike or same_term(w, verb)) and (i == 0 or words[i - 1][1] not in _DETERMINERS)
    ]  # "ordered a review", "the head of the centre": a noun, no one's deed
    agents = _agent_titles(verb)
    titled = [i for i, (_, w) in enumerate(words) if w in agents]
    if not at and not titled:
        return False
    starts = [s for s, _ in words]
    people = [  # each name's first word, the word after it, and where it ends
        (bisect.bisect_left(starts, a), bisect.bisect_left(starts, b), b)
        for a, b, named in person_spans(sentence)
        if not named & asked
    ]
    for i in at:
        for first, after, end in people:
            if after <= i and i - after <= DOER_GAP:  # "Okafor, 52, found the stone"
                return True
            if after <= i and _APPOSITION.fullmatch(sentence, end, words[i][0]):
                return True  # "Farid Mammadli, 47, head of the department, briefed them"
            if i < first <= i + AGENT_GAP and any(w == "by" for _, w in words[i + 1 : first]):
                return True  # "was first noticed in 2019 by biologist Dr Sofia Paredes"
    for i in titled:  # "Founder and chief executive Priya Whitlock"
        start = words[i][0]
        if any(
            i < first <= i + TITLE_GAP and _TITLE_RUN.fullmatch(sentence, start, words[first][0])
            for first, _, _ in people
        ):
            return True
    return False


TITLE_GAP = 4  # words a title may stand before the name it gives ("Founder and chief executive")
# a title's words up to the name: "Founder and chief executive ", "lead author, Dr " (no
# verb or clause between: "the founder said Priya ...", "the leader, who ...")
_TITLE_RUN = re.compile(
    r"(?:(?!(?:said|says|told|tells|is|was|were|are|has|had|have|who|that|which|will|would)\b)"
    r"[\w.-]+,? )+"
)


@functools.cache
def _agent_titles(verb: str) -> frozenset[str]:
    """Stems of the titles a deed gives its doer: "founder" for "found", "leader" and
    "lead" ("lead author") for "led" (WordNet's lemma of an irregular form)."""
    lemma = verb_lemma(verb) or verb
    forms = {f"{verb}er", f"{lemma}er", f"{lemma}r", f"{lemma}or"}
    titles = {stem(f) for f in forms}
    if stem(lemma) != verb:  # "led": "lead author", "lead researcher"
        titles.add(stem(lemma))
    return frozenset(titles - {verb})


# a name's apposition, between it and what it did: ", 47, head of the department, "
_APPOSITION = re.compile(r",[^.;:\"“”]*, (?:\w+ly )?")
WORD = re.compile(r"[\w’'-]+")  # a word as written: "didn't", "Nagorno-Karabakh"
_DETERMINERS = frozenset(
    ["a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "each"]
)
