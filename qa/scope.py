"""Questions asked of one article: "In the story about the brandy distillery, who ...?".

A reader with many articles names the one they mean ("according to the piece on the
cargo airline", "in the walnut story", "what toll does the SMNI article give?"),
typically because the articles disagree. `article_reference` finds that phrase and the
question without it (pure, over the string); `resolve_reference` finds the one article
it describes with the store's keyword index: the description's terms, weighted by how
rare they are, must be mostly in that article, and more of them in its title or text than
in any other's. An unresolved description leaves the question as it was asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vectorstore import StoredChunk
from vectorstore.lexical import LexicalIndex
from vectorstore.text import terms

from .kinds import ASKING

__all__ = ["ArticleReference", "article_reference", "resolve_reference"]

MIN_COVERED = 0.5  # share of a description's (IDF-weighted) terms its article must hold
REFERENCE_HITS = 20  # keyword hits read to find the described article

# one to five words naming an article's topic, no preposition among them ("walnut")
_WORDS = r"(?:(?!(?:in|on|of|about|the|to|by)\b)[\w'’-]+ ){1,5}"
_KIND = r"(?:article|story|piece|report|item|feature|write-up)"
_ABOUT = r"(?:about|on|of|covering)"
# how a question points at an article: "in the X story", "according to the piece on X"
_POINT = r"(?:in|from|according to|per|switching to|going back to|back to|to)"
# the article named by topic ("the story about X"), by a word before its kind ("the
# walnut story", "the SMNI report"), or both ("the SMNI report on the operation")
_DESCRIBED = (
    rf"(?:{_KIND} {_ABOUT} (?P<d1>[^,;:?]+?)"
    rf"|(?P<d2>{_WORDS}){_KIND}(?: {_ABOUT} (?P<d3>[^,;:?]+?))?)"
)
# "In the story about X, who ...?", "According to the census article: how many ...?",
# "per the tumo article how many ...?": a leading reference ends at a comma or a dash, or
# at the question's own first word (`kinds.ASKING`)
_LEADING = re.compile(
    rf"^(?:and |so |now |ok,? )?{_POINT} (?:the|that|this) {_DESCRIBED}"
    rf"\s*(?:[,;:]|\s[-–—]|(?=\s{ASKING}))\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
# "Who is quoted in the walnut story?", "..., according to the report on the decree?",
# "What toll did it give in the SMNI report on the start of the operation?"
_TRAILING = re.compile(
    rf"^(?P<rest>.+?),?\s+{_POINT} (?:the|that|this) {_DESCRIBED}\s*(?P<end>[?.!]*)$",
    re.IGNORECASE,
)
# "What toll does the SMNI article give?", "What number does the article about X give?"
_SAYS = (
    r"(?:says?|gives?|cites?|mentions?|reports?|puts?|quotes?|names?|lists?|states?"
    r"|describes?|calls?|uses?)"
)
_SUBJECT = re.compile(
    rf"\b(?P<aux>does|did|do) (?:the|that|this) "
    rf"(?:{_KIND} {_ABOUT} (?P<d1>.+?)|(?P<d2>{_WORDS}){_KIND})"
    rf" (?={_SAYS}\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ArticleReference:
    """An article a question names by what it is about, and the question without it."""

    description: str  # "the brandy distillery", "SMNI"
    question: str  # "who gave the death toll of at least 200?"


def article_reference(question: str) -> ArticleReference | None:
    """The article `question` names by description, if it names one.

    >>> article_reference("In the story about the brandy distillery, who gave the toll?")
    ArticleReference(description='the brandy distillery', question='Who gave the toll?')
    >>> article_reference("Who is the agronomist quoted in the walnut story?")
    ArticleReference(description='walnut', question='Who is the agronomist quoted?')
    >>> article_reference("What toll does the SMNI article give?").question
    'What toll does the article give?'
    >>> article_reference("Who was the lead author of the Caucasus Civil Monitor report?") is None
    True

    A source and a topic together, and a leading reference the question runs on from:

    >>> article_reference("What toll did it give in the SMNI report on the start of the war?")
    ArticleReference(description='SMNI the start of the war', question='What toll did it give?')
    >>> article_reference("per the tumo article how many crossed?")
    ArticleReference(description='tumo', question='how many crossed?')
    """
    m = _LEADING.match(question)
    if m:
        rest = m["rest"]
        return _reference(m, rest[:1].upper() + rest[1:] if question[:1].isupper() else rest)
    m = _TRAILING.match(question)
    if m:
        return _reference(m, m["rest"].rstrip(" ,") + (m["end"] or ""))
    m = _SUBJECT.search(question)
    if m:
        return _reference(m, f"{question[: m.start()]}{m['aux']} the article {question[m.end() :]}")
    return None


def _reference(m: re.Match[str], rest: str) -> ArticleReference | None:
    said = m.groupdict()  # a topic, a word before the article's kind, or both
    description = " ".join(said[g].strip() for g in ("d1", "d2", "d3") if said.get(g))
    if not terms(description) or not terms(rest):
        return None  # "in the report, ..." names no article; nothing left to ask
    return ArticleReference(description, rest)


def resolve_reference(
    description: str,
    index: LexicalIndex,
    get_chunks: Callable[[Sequence[str]], Sequence[StoredChunk]],
    within: Sequence[str] | None = None,
) -> str | None:
    """The id of the one article `description` describes (among `within` when given),
    or None when none holds most of its terms or two hold them equally.

    An article is judged by its title and the chunks the description's keyword search
    finds in it: the share of the description's terms (weighted by IDF) in its title
    first, in those chunks second.
    """
    weights = {t: index.idf(t) for t in terms(description)}
    total = sum(weights.values())
    if not total:
        return None
    hits = [cid for cid, _ in index.search(description, REFERENCE_HITS, within)]
    found: dict[str, tuple[str, set[str]]] = {}
    for chunk in get_chunks(hits):
        _, held = found.setdefault(chunk.article_id, (chunk.title, set()))
        held.update(terms(f"{chunk.title} {chunk.text}"))

    def share(held: set[str]) -> float:
        return sum(w for t, w in weights.items() if t in held) / total

    ranked = sorted(
        ((share(set(terms(title))), share(held), aid) for aid, (title, held) in found.items()),
        reverse=True,
    )
    if not ranked or ranked[0][1] < MIN_COVERED:
        return None
    if len(ranked) > 1 and ranked[1][:2] == ranked[0][:2]:
        return None  # two articles fit equally: the question does not say which
    return ranked[0][2]
