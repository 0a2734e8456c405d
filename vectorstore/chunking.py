"""Sentence splitting and sentence-aware chunking, as pure functions over offsets.

Everything here returns character offsets into the article text, so a chunk or a cited
sentence is always `article.text[start:end]`, never a re-typed copy. We split sentences
ourselves (a few regular rules) rather than with NLTK/pysbd: NLTK's punkt model is a
download, pysbd is unmaintained and slow, and neither promises exact offsets.
The concession: rare abbreviations not in `_ABBREVIATIONS` may end a sentence early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .articles import Article

__all__ = ["Chunk", "chunk_article", "chunk_spans", "sentence_units", "split_sentences"]

DEFAULT_CHUNK_CHARS = 500  # characters; ~100 words, well inside MiniLM's 256-token window
DEFAULT_OVERLAP_CHARS = 120  # characters of whole trailing sentences repeated in the next chunk


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences of one article: `article.text[start:end] == text`.

    `sentences` are the chunk's units (see `sentence_units`) as article offsets.
    """

    article_id: str
    title: str
    index: int
    start: int
    end: int
    text: str
    sentences: tuple[tuple[int, int], ...] = ()


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "fig",
        "al",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
    ]
)
# A candidate sentence end: terminal punctuation, optional closing quotes/brackets.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_DIGIT_NEXT = re.compile(r"\s*\d")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split `text[start:end]` into sentences; return their `(start, end)` offsets.

    Blank lines and line breaks end sentences too (headlines, bylines), except a line
    break followed by a lower-case word (a wrapped line, as PDFs give). Surrounding
    white space is never part of a sentence.

    >>> t = "Dr. Smith arrived. He said “no.” Then left!\\n\\nNew para"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Dr. Smith arrived.', 'He said “no.”', 'Then left!', 'New para']
    >>> t = "They go to School No. 3 now. He said no. 3 more came."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['They go to School No. 3 now.', 'He said no.', '3 more came.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text, start, end):
        cut = block_start
        for m in _END.finditer(text, block_start, block_end):
            if _is_abbreviation(text, cut, m.start(), m.group()):
                continue
            nxt = _next_char(text, m.end(), block_end)
            if nxt and (nxt.islower() or nxt in ",;:"):
                continue
            spans.append(_trim(text, cut, m.end()))
            cut = m.end()
        if text[cut:block_end].strip():
            spans.append(_trim(text, cut, block_end))
    return [s for s in spans if s[1] > s[0]]


def sentence_units(text: str, max_chars: int = DEFAULT_CHUNK_CHARS) -> list[tuple[int, int]]:
    """The sentences of `text`, an over-long one cut at white space into pieces of at most
    `max_chars`: the units that are embedded, scored and cited.

    >>> t = "Short one. Then " + "word " * 30 + "end."
    >>> [b - a for a, b in sentence_units(t, max_chars=60)]
    [10, 59, 59, 39]
    """
    units: list[tuple[int, int]] = []
    for a, b in split_sentences(text):
        units.extend(_hard_split(text, a, b, max_chars))
    return units


def chunk_spans(
    sentences: list[tuple[int, int]],
    max_chars: int = DEFAULT_CHUNK_CHARS,
    overlap_chars: int = DEFAULT_OVERLAP_CHARS,
) -> list[tuple[int, int]]:
    """Pack sentence spans into chunk spans of at most ~`max_chars`, with overlap.

    Each chunk is whole sentences; the next chunk repeats the previous one's trailing
    sentences while they fit in `overlap_chars`. A single sentence longer than
    `max_chars` becomes its own chunk.

    >>> chunk_spans([(0, 40), (41, 80), (81, 120)], max_chars=85, overlap_chars=40)
    [(0, 80), (41, 120)]
    """
    return [
        (sentences[i][0], sentences[j][1]) for i, j in _pack(sentences, max_chars, overlap_chars)
    ]


def chunk_article(
    article: Article,
    max_chars: int = DEFAULT_CHUNK_CHARS,
    overlap_chars: int = DEFAULT_OVERLAP_CHARS,
) -> list[Chunk]:
    """Chunks of `article`, each with its offsets and its sentence units."""
    text = article.text
    units = sentence_units(text, max_chars)
    return [
        Chunk(
            article.id,
            article.title,
            n,
            units[i][0],
            units[j][1],
            text[units[i][0] : units[j][1]],
            tuple(units[i : j + 1]),
        )
        for n, (i, j) in enumerate(_pack(units, max_chars, overlap_chars))
    ]


def _pack(
    sentences: list[tuple[int, int]], max_chars: int, overlap_chars: int
) -> list[tuple[int, int]]:
    """`chunk_spans` as (first, last) sentence indices."""
    chunks: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        j = i
        while j + 1 < len(sentences) and sentences[j + 1][1] - sentences[i][0] <= max_chars:
            j += 1
        chunks.append((i, j))
        if j + 1 >= len(sentences):
            break
        # Step back over trailing sentences that fit in the overlap, but always advance.
        k = j + 1
        while k - 1 > i and sentences[j][1] - sentences[k - 1][0] <= overlap_chars:
            k -= 1
        i = k
    return chunks


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Line-separated blocks, joining a line break that continues a sentence."""
    blocks = []
    cut = start
    for m in re.finditer(r"\n", text[start:end]):
        pos = start + m.start()
        nxt = _next_char(text, pos + 1, end)
        before = text[cut:pos].rstrip()
        if nxt and nxt.islower() and before and before[-1] not in '.!?:”"':
            continue
        blocks.append((cut, pos))
        cut = pos + 1
    blocks.append((cut, end))
    return [(a, b) for a, b in blocks if text[a:b].strip()]


def _is_abbreviation(text: str, cut: int, pos: int, punct: str) -> bool:
    if not punct.startswith("."):
        return False
    m = _WORD_BEFORE.search(text, cut, pos)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in _ABBREVIATIONS:
        return True
    if m.group(1) == "No" and _DIGIT_NEXT.match(text, pos + 1):  # "School No. 3"
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "J. Smith", "U.S."


def _next_char(text: str, pos: int, end: int) -> str:
    m = re.compile(r"\S").search(text, pos, end)
    return m.group() if m else ""


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _hard_split(text: str, a: int, b: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut `text[a:b]` at white space into pieces of at most `max_chars`."""
    pieces = []
    while b - a > max_chars:
        cut = text.rfind(" ", a + max_chars // 2, a + max_chars)
        cut = cut if cut > a else a + max_chars
        pieces.append(_trim(text, a, cut))
        a = _trim(text, cut, b)[0]
    pieces.append((a, b))
    return [p for p in pieces if p[1] > p[0]]
