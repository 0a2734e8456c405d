"""Example questions for the empty chat, derived from whatever articles are indexed.

No language model writes them: each one asks what happened in/to a name taken from an
article's title (or, failing that, its text). A capitalised word counts as a name only
if the article never uses it in lower case, which drops sentence-initial words like
"After" or "More" without a word list. The concession: the questions are generic
("What happened in Sudan?"), but they are always about the indexed articles and the
extractive backend answers them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from vectorstore import Article

__all__ = ["EXAMPLE_COUNT", "example_questions", "names_in"]

EXAMPLE_COUNT = 3  # questions suggested on the empty chat
MAX_TITLE_WORDS = 12  # a fallback question quotes at most this much of a title

_TOKEN = re.compile(r"[^\W\d_](?:[\w’'.-]*\w)?")
_ADJECTIVE = re.compile(r"(?:ian|ean|ese|ish|ani)$")  # "Russian", "Syrian": not a place
_POSSESSIVE = re.compile(r"['’]s$")


def names_in(text: str, lower_words: set[str]) -> list[str]:
    """Runs of capitalised words in `text` that are names (see the module docstring).

    >>> names_in("After talks, Tal Sharaf and Russian troops", {"after", "talks"})
    ['Tal Sharaf']
    """
    out: list[str] = []
    run: list[str] = []
    run_end = 0
    for m in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", m.group(0))
        is_name = word[:1].isupper() and word.lower() not in lower_words
        if run and (not is_name or text[run_end : m.start()].strip()):
            out.append(" ".join(run))
            run = []
        if is_name:
            run.append(word)
            run_end = m.end()
    if run:
        out.append(" ".join(run))
    return [n for n in out if " " in n or not _ADJECTIVE.search(n)]


def example_questions(articles: Sequence[Article], count: int = EXAMPLE_COUNT) -> list[str]:
    """Up to `count` distinct questions, spread over `articles` (most relevant first).

    >>> article = Article("a", "Sudan truce holds in Jeddah", "the truce holds", "hash")
    >>> example_questions([article])  # doctest: +NORMALIZE_WHITESPACE
    ['What happened in Sudan?', 'What happened in Jeddah?',
     'What does “Sudan truce holds in Jeddah” report?']
    """
    per_article: list[list[str]] = []
    for article in articles:
        lower = {w for w in _TOKEN.findall(article.text) if w.islower()}
        in_title = names_in(article.title, lower)
        in_text = [n for n, c in Counter(names_in(article.text, lower)).most_common() if c > 1]
        per_article.append(list(dict.fromkeys([*in_title, *in_text])))
    questions: list[str] = []
    used: set[str] = set()
    depth = 0
    while len(questions) < count and any(depth < len(names) for names in per_article):
        for names in per_article:
            if depth < len(names) and names[depth].lower() not in used:
                used.add(names[depth].lower())
                questions.append(_question(names[depth]))
                if len(questions) == count:
                    break
        depth += 1
    for article in articles:
        if len(questions) >= count:
            break
        words = article.title.split()
        short = " ".join(words[:MAX_TITLE_WORDS]) + ("…" if len(words) > MAX_TITLE_WORDS else "")
        fallback = f"What does “{short}” report?"
        if short and fallback not in questions:
            questions.append(fallback)
    return questions


def _question(name: str) -> str:
    """`What happened in Sudan?`, `What happened to Karabakh Armenians?`."""
    plural = name.endswith("s") and not name.endswith("ss")
    return f"What happened {'to' if plural else 'in'} {name}?"
