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

import re
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass

from vectorstore.text import STOPWORDS, normalize_numbers, stem, terms

from .question import OFFICE

__all__ = [
    "SentenceScore",
    "affirms",
    "amounts_in",
    "capitalised_names",
    "counted_kind",
    "counted_noun",
    "counted_words",
    "dates_in",
    "found_share",
    "holds_office",
    "numbers_in",
    "overlap",
    "reacts",
    "score_sentence",
    "spells_out",
    "type_match",
]

W_SEMANTIC = 0.7
W_OVERLAP = 0.2
W_CONTEXT = 0.4  # weight of a follow-up's context relative to its own question
W_PRIOR = 0.05  # weight of the passage's retrieval rank
TYPE_BONUS = 0.08
TYPE_PENALTY = 0.15
MIN_PREFIX = 5  # letters two terms must share to match by prefix ("armenia"/"armenian")

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred "
    "hundreds thousand thousands million millions billion half"
)
_NUMBER = re.compile(rf"\b(\d+(?:\.\d+)?%?|{'|'.join(_NUMBER_WORDS.split())})\b", re.IGNORECASE)
_RAW_NUMBER = re.compile(
    rf"\b(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?%?|{'|'.join(_NUMBER_WORDS.split())})\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|june|july|august|september|october|november|december|"
    r"(?:1[89]|20)\d\ds?|yesterday|today|tonight|last (?:week|month|year)|"
    r"(?:this|next) (?:week|month|year))\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\ds?")  # "2,000" is no year: the comma rules it out
_OFFICE = re.compile(rf"\b{OFFICE}\b", re.IGNORECASE)
_ANY_OFFICE = frozenset({"leader", "head", "chief"})  # met by any office's title
_NAME_AFTER = re.compile(r" ([A-Z][\w’'-]+)")  # "Minister Nikol ..."
_NAME_BEFORE = re.compile(r"([A-Z][\w’'-]+), (?:the |[\w-]+['’]s )?(?:[\w-]+ )?$")  # "Aliyev, the "
_REACTED = re.compile(
    r"\b(den(y|ies|ied)|reject(s|ed)?|anger(s|ed)?|condemn(s|ed)?|welcom(e|es|ed)|dismiss(es|ed)?"
    r"|critici[sz](e|es|ed)|protest(s|ed)?|retaliat(e|es|ed)|respond(s|ed)|react(s|ed)|angrily"
    r"|furious|fury)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_WORD_TOKEN = re.compile(r"[^\W\d_][\w’'-]*")
_ACRONYM_GLUE = frozenset({"of", "and", "for", "the", "on", "in", "&"})
_MODIFIER = re.compile(r"[a-z]+-[a-z]+")  # a compound modifier: "all-out", "full-scale"
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'’-]*)")
_NAME = re.compile(r"\b[A-Z][\w’'-]*[\w]|\b[A-Z]{2,}\b")
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
    ]
)


@dataclass(frozen=True)
class SentenceScore:
    """The parts of a sentence's score, kept for debugging and calibration."""

    semantic: float
    overlap: float
    type_match: bool | None
    prior: float
    total: float


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


def dates_in(text: str) -> set[str]:
    """Day names, months, years and decades.

    >>> sorted(dates_in("On Tuesday, as in the early 1990s and in 2020"))
    ['1990s', '2020', 'tuesday']
    """
    return {m.lower().strip() for m in _DATE.findall(text)}


def capitalised_names(text: str) -> set[str]:
    """Stems of capitalised words that look like names (not sentence-initial fillers).

    >>> sorted(capitalised_names("However, Nikol Pashinyan met the UN in Kyiv."))
    ['kyiv', 'nikol', 'pashinyan', 'un']
    """
    return {
        stem(w.lower())
        for w in _NAME.findall(text)
        if w.lower() not in _NOT_NAMES and w.lower() not in STOPWORDS
    }


def counted_noun(question: str) -> str | None:
    """What a "how many" question counts (lower case), if it says.

    >>> counted_noun("How many Azerbaijani soldiers died?")
    'soldiers'
    >>> counted_noun("And how many of them were children?")
    'children'
    >>> counted_noun("How many all-out wars were fought?")
    'wars'
    """
    m = re.search(r"\bhow many\b(.*)", question, re.IGNORECASE)
    if not m:
        return None
    tokens = re.findall(r"[\w'’-]+", m.group(1))
    if tokens[:1] == ["of"]:  # "how many of them were children", "how many of the dead"
        rest = [t for t in tokens[1:] if t.lower() not in STOPWORDS]
        return rest[0].lower() if rest else None
    for i, t in enumerate(tokens[:3]):
        if t.lower() in STOPWORDS:
            return None
        modifies = i + 1 < len(tokens) and tokens[i + 1].lower() not in STOPWORDS
        if modifies and _MODIFIER.fullmatch(t):
            continue  # "all-out wars": the noun follows its compound modifier
        if not t[:1].isupper():
            return t.lower()
    return None


def counted_kind(question: str) -> list[str]:
    """The names a "how many" question puts on what it counts, as search terms:
    "How many Azerbaijani soldiers died?" counts Azerbaijan's soldiers, not Armenia's.

    >>> counted_kind("How many Azerbaijani soldiers died?"), counted_kind("How many died?")
    (['azerbaijani'], [])
    """
    m = re.search(r"\b(?i:how many) ((?:[A-Z][\w’'-]* )+)[a-z]", question)
    return terms(m.group(1)) if m else []


def counted_words(sentence: str) -> list[str]:
    """The word each number in `sentence` counts; a bare number counts what the last did.

    >>> counted_words("troops killed at least 32 people and injured more than 200.")
    ['people', 'people']
    >>> counted_words("In 2020 it evacuated over 2,000 people, including 1,049 children.")
    ['people', 'children']
    >>> counted_words("this includes two full-scale wars")
    ['wars']
    """
    out: list[str] = []
    for m in _RAW_NUMBER.finditer(sentence):
        if _YEAR.fullmatch(m.group()):
            continue  # a year or decade counts nothing ("2,000" is not a year)
        nxt = _NEXT_WORD.match(sentence, m.end())
        word = nxt.group(1).lower() if nxt else ""
        if nxt and _MODIFIER.fullmatch(word) and (noun := _NEXT_WORD.match(sentence, nxt.end())):
            word = noun.group(1).lower() if noun.group(1).lower() not in STOPWORDS else word
        if not word or word in STOPWORDS or numbers_in(word):
            word = out[-1] if out else ""
        if word:
            out.append(word)
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
    if kind == "date":
        return bool(dates_in(sentence) - dates_in(question))
    if kind == "expansion":
        return any(spells_out(a, sentence) for a in _ACRONYM.findall(question))
    asked = set(terms(question))  # any case: "nagorno karabagh" names it too
    named = any(
        not any(n == a or _prefix_match(n, a) for a in asked) for n in capitalised_names(sentence)
    )
    if kind == "office":
        office = _OFFICE.search(question)
        return named if office is None else holds_office(sentence, office.group(), asked)
    return named


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
    """
    wanted = set(terms(office))
    for m in _OFFICE.finditer(sentence):
        if office.lower() not in _ANY_OFFICE and not wanted <= set(terms(m.group())):
            continue
        after = _NAME_AFTER.match(sentence, m.end()) if m.group()[0].isupper() else None
        before = _NAME_BEFORE.search(sentence, 0, m.start())
        name = after or before
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
    """
    if not _REACTED.search(sentence):
        return False
    return not actors or found_share(actors, sentence) > 0


def found_share(query_terms: Iterable[str], text: str) -> float:
    """The share of `query_terms` that `text` contains, each counting the same
    (`overlap` without IDF weights).

    >>> found_share(["armenian", "troop"], "Armenia sent soldiers.")
    0.5
    """
    return overlap(query_terms, set(terms(text)), lambda _: 1.0)


def overlap(
    query_terms: Iterable[str], sentence_terms: set[str], idf: Callable[[str], float]
) -> float:
    """IDF-weighted share of `query_terms` found in `sentence_terms` (prefix-tolerant).

    >>> overlap(["armenian", "troop"], {"armenia", "soldier"}, lambda t: 1.0)
    0.5
    """
    total = found = 0.0
    for t in dict.fromkeys(query_terms):
        w = idf(t)
        total += w
        if t in sentence_terms or any(_same_word(t, s) for s in sentence_terms):
            found += w
    return found / total if total else 0.0


def score_sentence(
    *,
    semantic: float,
    semantic_context: float | None,
    question_terms: list[str],
    context_terms: list[str],
    sentence: str,
    question: str,
    kind: str | None,
    prior: float,
    idf: Callable[[str], float],
    counts_match: bool | None = None,
) -> SentenceScore:
    """Combine the signals into one score (see the module docstring).

    `counts_match` (for "how many X" questions): whether the sentence counts X.
    """
    s_terms = set(terms(sentence))
    ov = overlap(question_terms, s_terms, idf)
    sem = semantic
    if semantic_context is not None:  # a follow-up: its context counts, less than itself
        sem = (semantic + W_CONTEXT * semantic_context) / (1 + W_CONTEXT)
        if context_terms:
            ctx = overlap(context_terms, s_terms, idf)
            ov = (ov + W_CONTEXT * ctx) / (1 + W_CONTEXT)
    match = type_match(kind, sentence, question)
    if match and counts_match is False:
        match = False
    total = W_SEMANTIC * sem + W_OVERLAP * ov + W_PRIOR * prior
    if match is True:
        total += TYPE_BONUS
    elif match is False:
        total -= TYPE_PENALTY
    return SentenceScore(sem, ov, match, prior, total)


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
