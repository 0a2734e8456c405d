"""Reading a question: is it askable, what kind of answer it wants, and fixing typos.

Pure functions over strings; the vocabulary for spelling correction is the corpus'
(`LexicalIndex.word_df`), so a word is only "corrected" towards a word the articles use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from vectorstore.text import STOPWORDS

from .errors import QuestionError

__all__ = ["answer_type", "clean_question", "correct_spelling"]

MIN_CORRECTABLE = 5  # letters; shorter words are too ambiguous to correct ("died" -> "did")

_TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "number",
        re.compile(
            r"\b(how (many|much|old|long|far|big|large)|what (number|percentage|share|proportion)"
            r"|death toll|number of|what was the toll)\b"
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(when|(what|which)( \w+)? (year|day|date|month)|what time"
            r"|on what day|in what year|since when)\b"
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(where|what (country|city|region|place|town)"
            r"|which (country|city|region|place|town))\b"
        ),
    ),
    (
        "person",
        re.compile(
            r"\b(who|whom|whose|which (leader|official|minister|president|"
            r"organi[sz]ation|agency|country|countries|side|group))\b"
        ),
    ),
]


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


def answer_type(question: str) -> str | None:
    """The kind of answer a question wants: number, date, place, person, or None.

    >>> answer_type("And how many of them were children?"), answer_type("Who brokered it?")
    ('number', 'person')
    """
    q = question.lower()
    for name, pattern in _TYPES:
        if pattern.search(q):
            return name
    return None


_last_candidates: tuple[Mapping[str, int], list[str]] | None = None


def _candidates(vocabulary: Mapping[str, int]) -> list[str]:
    """The words a misspelling may become; kept for the last vocabulary seen (one
    store's keyword index), since listing them costs O(vocabulary) per question."""
    global _last_candidates
    last = _last_candidates
    if last is not None and last[0] is vocabulary:
        return last[1]
    words = [w for w in vocabulary if w not in STOPWORDS and len(w) >= MIN_CORRECTABLE - 1]
    _last_candidates = (vocabulary, words)
    return words


def correct_spelling(question: str, vocabulary: Mapping[str, int]) -> str:
    """Replace words the corpus never uses by a close corpus word (1-2 edits away; two
    neighbouring letters swapped count as one edit, the commonest typo).

    Only words of at least `MIN_CORRECTABLE` letters are touched, only towards a
    non-stop-word, and the most frequent of equally close candidates wins.

    >>> correct_spelling("How many peple were kiled in Azerbajan?",
    ...                  {"people": 3, "killed": 2, "azerbaijan": 9, "were": 5})
    'How many people were killed in Azerbaijan?'
    >>> correct_spelling("What did the foriegn ministry say?", {"foreign": 2, "ministry": 4})
    'What did the foreign ministry say?'
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        lower = word.lower()
        if len(word) < MIN_CORRECTABLE or lower in vocabulary or not word.isalpha():
            return word
        candidates = _candidates(vocabulary)
        limit = 1 if len(word) <= 7 else 2
        hits = process.extract(lower, candidates, scorer=OSA.distance, score_cutoff=limit, limit=8)
        if not hits:
            return word
        best = min(hits, key=lambda h: (h[1], -vocabulary.get(h[0], 0)))[0]
        return best.capitalize() if word[0].isupper() else best

    return re.sub(r"[^\W\d_]+", fix, question)
