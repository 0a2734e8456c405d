"""Cleaning a question: is it askable, and fixing its typos (what it asks: `qa.intent`).

Pure functions over strings; the vocabulary for spelling correction is the corpus'
(`LexicalIndex.word_df`), so a word is only "corrected" towards a word the articles use;
a question typed in lower case gets its names back from the articles' own spelling
(`LexicalIndex.names`), so it is read as the same question written with capitals.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from vectorstore.text import STOPWORDS, stem

from .errors import QuestionError
from .lexicon import common_word

__all__ = ["clean_question", "correct_spelling", "truecase"]

MIN_CORRECTABLE = 5  # letters; shorter words are too ambiguous to correct ("died" -> "did")
REAL_WORD_RATIO = 100  # how much more common a real word's neighbour must be to replace it
_LETTERS = re.compile(r"[^\W\d_]+")  # a word, as spelling correction and truecasing read it
_FIRST_WORD = re.compile(r"\W*[^\W_]*")
_NOT_NAMES = STOPWORDS | {"us"}  # "us" is a pronoun before it is the US

# A word and the word after it (looked ahead at, so it may start the next pair too)
_PAIR = re.compile(r"\b([^\W\d_]{3,}) (?=([^\W\d_]{3,})\b)")

_NOT_WORDS = "didnt doesnt isnt wasnt werent arent hasnt havent hadnt couldnt wouldnt shouldnt"

# Chat shorthand and misspelt question words, too short for `correct_spelling`'s edit
# distance but unambiguous: without them "wat year ..." wants no date, "how many ppl"
# counts nothing the articles count.
SHORTHAND = {
    "wat": "what",
    "wht": "what",
    "whta": "what",
    "wich": "which",
    "whcih": "which",
    "wen": "when",
    "whn": "when",
    "wher": "where",
    "whre": "where",
    "hw": "how",
    "hwo": "how",
    "ppl": "people",
    "govt": "government",
    "yr": "year",
    "yrs": "years",
    "thru": "through",
    "r": "are",
    "u": "you",
    "ur": "your",
    # "not" typed without its apostrophe: "how many didnt show up" counts no "didnts",
    # and "isnt it ...?" asks a yes or no
    **{w: f"{w[:-2]}n't" for w in _NOT_WORDS.split()},
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
}


def clean_question(question: str, max_chars: int) -> str:
    """Normalise white space and control characters; refuse what cannot be a question.

    >>> clean_question("  How many\\x00 were killed?\\n", 100)
    'How many were killed?'
    """
    if not isinstance(question, str):
        raise QuestionError("The question must be text.")
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in question
    )
    text = " ".join(text.split())
    if not text:
        raise QuestionError("The question is empty; type a question about the articles.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; keep it under {max_chars:,} "
            "(ask about one thing at a time)."
        )
    if not any(c.isalnum() for c in text):
        raise QuestionError("The question has no words in it; ask in words, e.g. 'Who ...?'.")
    return text


class _Speller:
    """What spelling correction keeps for one vocabulary (one store's keyword index):
    the words a misspelling may become, listed once instead of per question (O(vocabulary)),
    and the corrections already found (a search of every candidate each: ~3 ms at 100k
    chunks, and the same unknown words come back question after question)."""

    MAX_REMEMBERED = 10_000

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self.vocabulary = vocabulary
        self.candidates = [
            w for w in vocabulary if w not in STOPWORDS and len(w) >= MIN_CORRECTABLE - 1
        ]
        self.fixes: dict[str, str] = {}

    def fix(self, lower: str) -> str:
        """The corpus word closest to `lower` (`lower` itself when none is close)."""
        found = self.fixes.get(lower)
        if found is None:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            limit = 1 if len(lower) <= 7 else 2
            hits = process.extract(
                lower, self.candidates, scorer=OSA.distance, score_cutoff=limit, limit=8
            )
            vocabulary = self.vocabulary
            found = min(hits, key=lambda h: (h[1], -vocabulary.get(h[0], 0)))[0] if hits else lower
            if found != lower and (stem(found) == stem(lower) or not _likely_typo_of(lower, found)):
                found = lower  # another form of the word searches the same; or a real word
            if len(self.fixes) >= self.MAX_REMEMBERED:
                self.fixes.clear()
            self.fixes[lower] = found
        return found


@functools.cache
def _english() -> Any:
    """pyspellchecker's English word frequencies (0.2-0.3 s to load; loaded on first need)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en").word_frequency


def _english_frequency(lower: str) -> int:
    """How common `lower` is in English (pyspellchecker's counts; 0: not a word)."""
    return int(_english()[lower])


def is_english_word(lower: str) -> bool:
    """Whether `lower` is an English word (else a name, a transliteration, a typo).

    >>> is_english_word("minister"), is_english_word("pashinyan")
    (True, False)
    """
    return _english_frequency(lower) > 0


def _likely_typo_of(word: str, fixed: str) -> bool:
    """Whether the corpus word `fixed` is what `word` was meant to be.

    A non-word is a typo of its closest corpus word. A real English word is kept
    ("president" must not become "residents", nor "react" "reach") unless one edit away
    lies a word `REAL_WORD_RATIO` times as common ("minster" -> "minister").
    """
    own = _english_frequency(word)
    if not own:
        return True
    from rapidfuzz.distance import OSA

    return OSA.distance(word, fixed) == 1 and _english_frequency(fixed) >= REAL_WORD_RATIO * own


_last_speller: _Speller | None = None


def _speller(vocabulary: Mapping[str, int]) -> _Speller:
    """The `_Speller` of the last vocabulary seen."""
    global _last_speller
    last = _last_speller
    if last is None or last.vocabulary is not vocabulary:
        last = _last_speller = _Speller(vocabulary)
    return last


def correct_spelling(question: str, vocabulary: Mapping[str, int]) -> str:
    """Replace words the corpus never uses by a close corpus word (1-2 edits away; two
    neighbouring letters swapped count as one edit, the commonest typo).

    Only words of at least `MIN_CORRECTABLE` letters are touched, only towards a
    non-stop-word, and the most frequent of equally close candidates wins; shorter ones
    only when they are common `SHORTHAND` the corpus does not use itself. A real English
    word is no typo just because the articles never use it; it is replaced only by a
    far commoner word one edit away (`_likely_typo_of`).

    >>> correct_spelling("How many peple were kiled in Azerbajan?",
    ...                  {"people": 3, "killed": 2, "azerbaijan": 9, "were": 5})
    'How many people were killed in Azerbaijan?'
    >>> correct_spelling("What did the foriegn ministry say?", {"foreign": 2, "ministry": 4})
    'What did the foreign ministry say?'
    >>> correct_spelling("Did the president react?", {"residents": 3, "reach": 2})
    'Did the president react?'
    >>> correct_spelling("Who is the prime minster?", {"minister": 3, "prime": 2})
    'Who is the prime minister?'
    >>> correct_spelling("Wat year did hw many ppl leave?", {"year": 1, "people": 3})
    'What year did how many people leave?'
    >>> correct_spelling("how many kits r they sending", {"kits": 1})
    'how many kits are they sending'
    >>> correct_spelling("how many didnt show up? why cant they", {"show": 1})
    "how many didn't show up? why can't they"

    Two words that the corpus writes as one are joined: "cease fire" -> "ceasefire".

    >>> correct_spelling("When did the cease fire hold?", {"ceasefire": 4, "fire": 2})
    'When did the ceasefire hold?'
    """

    def join(m: re.Match[str]) -> str:
        first, second = m.group(1), m.group(2)
        joined = (first + second).lower()
        if joined in vocabulary and not {first.lower(), second.lower()} & STOPWORDS:
            return first  # the space goes; the second word follows as it was
        return m.group()

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        lower = word.lower()
        if lower in SHORTHAND and lower not in vocabulary:
            best = SHORTHAND[lower]
        elif len(word) >= MIN_CORRECTABLE and lower not in vocabulary and word.isalpha():
            best = _speller(vocabulary).fix(lower)
        else:
            return word
        if best == lower:  # nothing close: the word stays as typed ("UNICEF")
            return word
        return best.capitalize() if word[0].isupper() else best

    question = _PAIR.sub(join, question)
    return _LETTERS.sub(fix, question)


def truecase(question: str, names: Mapping[str, str]) -> str:
    """`question` with each word typed in lower case that the articles write as a name
    (`names`: lower case -> their spelling) spelt as they write it, unless it is an
    English word (`qa.lexicon.common_word`: "news" stays although the articles write
    "Armenpress News Agency"). The first word is left alone (capitalised or not, it says
    nothing), and so are stop words ("who" is not "WHO") and "us" (not "US").

    >>> truecase("when did the un security council meet about karabakh?",
    ...          {"un": "UN", "karabakh": "Karabakh", "who": "WHO", "security": "Security"})
    'when did the UN security council meet about Karabakh?'
    >>> truecase("Karabakh: who told us?", {"karabakh": "Karabakh", "who": "WHO", "us": "US"})
    'Karabakh: who told us?'
    """
    first = _FIRST_WORD.match(question)  # always matches (maybe empty)
    start = first.end() if first else 0

    def spell(m: re.Match[str]) -> str:
        word = m.group()
        if not word.islower() or word in _NOT_NAMES or word not in names:
            return word
        return word if common_word(word) else names[word]

    return question[:start] + _LETTERS.sub(spell, question[start:])
