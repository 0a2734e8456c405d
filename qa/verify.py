"""Checking a language model's draft against the passages it cites: pure functions.

An LLM's answer is only worth showing if each of its claims is in the articles. `verify`
splits the draft into sentences, reads each sentence's `[n]` markers, and checks the
sentence against the sentences of the passage(s) it cites: most of its content words
must appear there (`qa.scoring.overlap`, IDF-weighted) and its meaning must be close
(embedding cosine), or, for a faithful paraphrase in the model's own words, its
meaning must be very close with fewer shared words; either way every number and name it
states must be in the source and it must not flip the source's polarity (a "not" one
side lacks). A leading "Yes," or "No," is checked apart: the rest of the sentence is
verified as any other, and a "Yes" needs a source that says yes to the question
word for word (`qa.yesno.affirms`), a "No" one that negates. A supported
sentence keeps one citation, narrowed to the exact article span that supports it best
(one sentence, or two adjacent ones when the claim joins them); an unsupported sentence
is dropped and recorded. Markers are renumbered in order of first use.

Concessions, stated plainly: support is word overlap plus embedding similarity, not
entailment, so a sentence that reuses a passage's words while twisting their sense can
pass. A sentence with no marker at all is checked against every passage (small models
forget markers; the citation it then gets is still an exact, checked span), but a
sentence whose markers point at passages that do not support it is dropped even if
another passage would: it misattributes its claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from vectorstore import split_sentences
from vectorstore.text import terms

from .answer import Citation, Passage
from .news import capitalised_names, numbers_in
from .scoring import overlap
from .yesno import affirms, negates

__all__ = [
    "MIN_COSINE",
    "MIN_OVERLAP",
    "PARAPHRASE_COSINE",
    "PARAPHRASE_OVERLAP",
    "DraftSentence",
    "Support",
    "Verified",
    "best_support",
    "is_decline",
    "read_markers",
    "split_draft",
    "supports",
    "verify",
]

MIN_OVERLAP = 0.7  # IDF-weighted share of a draft sentence's terms the source must contain
MIN_COSINE = 0.6  # cosine similarity (unit embeddings) between draft sentence and source
PARAPHRASE_COSINE = 0.75  # a paraphrase in other words must be this close in meaning ...
PARAPHRASE_OVERLAP = 0.4  # ... and still share this much of its (weighted) words
MAX_SPAN_SENTENCES = 2  # a claim may join this many adjacent source sentences

Embed = Callable[[Sequence[str]], np.ndarray]
Idf = Callable[[str], float]

_DECLINE = re.compile(
    r"^(?:i'?m sorry,? )?(?:the (?:articles?|passages?|texts?|sources?) "
    r"(?:do(?:es)?n[’']?t|do(?:es)? not) (?:say|mention|contain|state|answer|provide|specify"
    r"|give)|i (?:do not|don[’']?t) know"
    r"|(?:there is |there's )?no (?:information|mention))",
    re.IGNORECASE,
)
_YES_NO_LEAD = re.compile(r"^(yes|no)\b[,.!;:]?\s*", re.IGNORECASE)
_MARKER = r"\[\s*(?:passages?\s*)?\d+(?:\s*[,;]\s*(?:passages?\s*)?\d+)*\s*\]"
_MARKER_RE = re.compile(_MARKER, re.IGNORECASE)
_MARKERS_AFTER_END = re.compile(rf"([.!?]+[”\"’')]*)((?:\s*{_MARKER})+)", re.IGNORECASE)


@dataclass(frozen=True)
class DraftSentence:
    """A sentence of the draft, markers removed, and the passage numbers it cited."""

    text: str
    markers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Support:
    """How well one article span supports one draft sentence."""

    source: str
    title: str
    start: int
    end: int
    quote: str
    overlap: float
    cosine: float
    facts_ok: bool  # its numbers and names all occur in the span

    @property
    def supported(self) -> bool:
        return supports(self.overlap, self.cosine, self.facts_ok)

    @property
    def score(self) -> float:
        return (self.overlap + self.cosine) / 2


@dataclass(frozen=True)
class Verified:
    """The verified answer text (renumbered `[n]`), its citations, and what was dropped."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    confidence: float = 0.0


def read_markers(sentence: str) -> DraftSentence:
    """Separate a sentence from its `[n]` markers (also `[1, 2]`, `[Passage 3]`).

    >>> read_markers("Russia evacuated 2,000 people [1][3].")
    DraftSentence(text='Russia evacuated 2,000 people.', markers=(1, 3))
    >>> read_markers("No marker here.")
    DraftSentence(text='No marker here.', markers=())
    """
    numbers: list[int] = []
    for m in _MARKER_RE.finditer(sentence):
        numbers.extend(int(n) for n in re.findall(r"\d+", m.group()))
    text = _MARKER_RE.sub("", sentence)
    text = re.sub(r"\s+([.!?,;:])", r"\1", re.sub(r"\s+", " ", text)).strip()
    return DraftSentence(text, tuple(dict.fromkeys(numbers)))


def split_draft(draft: str) -> list[DraftSentence]:
    """The draft's sentences with their markers; a marker after the full stop belongs to
    the sentence before it.

    >>> [(s.text, s.markers) for s in split_draft("It rained. [1] Roads flooded [2]. Odd.")]
    [('It rained.', (1,)), ('Roads flooded.', (2,)), ('Odd.', ())]
    """
    moved = _MARKERS_AFTER_END.sub(lambda m: f"{m.group(2)}{m.group(1)}", draft)
    out = []
    for a, b in split_sentences(moved):
        sentence = read_markers(moved[a:b])
        if re.search(r"\w", sentence.text):
            out.append(sentence)
    return out


def supports(overlap_share: float, cosine: float, facts_ok: bool) -> bool:
    """The support rule: no number, name or polarity of its own, and either enough shared
    words with close meaning, or (a paraphrase) very close meaning with fewer words.

    >>> supports(0.8, 0.7, True), supports(0.8, 0.3, True), supports(0.9, 0.9, False)
    (True, False, False)
    >>> supports(0.5, 0.8, True), supports(0.5, 0.7, True)
    (True, False)
    """
    if not facts_ok:
        return False
    worded = overlap_share >= MIN_OVERLAP and cosine >= MIN_COSINE
    paraphrased = overlap_share >= PARAPHRASE_OVERLAP and cosine >= PARAPHRASE_COSINE
    return worded or paraphrased


def is_decline(draft: str) -> bool:
    """Whether a model's reply says the passages do not answer (then it is a decline,
    not a claim to verify).

    >>> is_decline("The articles don't say."), is_decline("The passages do not mention it.")
    (True, True)
    >>> is_decline("Russia evacuated 2,000 people [1].")
    False
    """
    return bool(_DECLINE.search(draft.strip()[:200]))


def best_support(candidates: Sequence[Support]) -> Support | None:
    """The supporting span to cite: the best single sentence, else the best pair.

    >>> one = Support("a", "A", 0, 9, "It rained.", 0.8, 0.7, True)
    >>> two = Support("a", "A", 0, 30, "It rained. Roads flooded.", 0.9, 0.9, True)
    >>> best_support([two, one]).end, best_support([]) is None
    (9, True)
    """
    supported = [c for c in candidates if c.supported]
    if not supported:
        return None
    fewest = min(_sentence_count(c) for c in supported)
    return max((c for c in supported if _sentence_count(c) == fewest), key=lambda c: c.score)


def verify(
    draft: str,
    passages: Sequence[Passage],
    texts: Mapping[str, str],
    embed: Embed,
    idf: Idf | None = None,
    question: str = "",
) -> Verified:
    """Keep the draft's supported sentences, cited exactly; drop the rest.

    `passages` are numbered from 1 as in the prompt; `texts` maps each passage's source
    to its article's full text (citations index into it); `embed` returns unit vectors;
    `question` lets a bare "Yes." be checked against the sentence that says yes.

    >>> text = "Heavy rain fell on Monday. Roads in the valley flooded."
    >>> p = Passage("a", "Rain", text, 0, len(text))
    >>> same = lambda xs: np.ones((len(xs), 2)) / np.sqrt(2)   # every cosine is 1
    >>> v = verify("Valley roads flooded [1]. The moon is cheese [1].", [p], {"a": text}, same)
    >>> v.text, v.dropped
    ('Valley roads flooded. [1]', ['The moon is cheese.'])
    >>> c = v.citations[0]; (c.quote, text[c.start:c.end] == c.quote)
    ('Roads in the valley flooded.', True)
    """
    idf = idf or _flat_idf
    sentences = split_draft(draft)
    if not sentences or not passages:
        return Verified("", [], [s.text for s in sentences])
    spans = [_spans(p, texts[p.source]) for p in passages]
    unique = sorted({s for per in spans for s in per})
    quotes = {s: texts[s[0]][s[1] : s[2]] for s in unique}
    claims = [_YES_NO_LEAD.sub("", s.text) for s in sentences]
    vectors = embed([c or s.text for c, s in zip(claims, sentences, strict=True)])
    span_vecs = embed([quotes[s] for s in unique]) if unique else vectors[:0]
    index = {s: i for i, s in enumerate(unique)}
    titles = {p.source: p.title for p in passages}
    kept: list[tuple[str, Support]] = []
    dropped: list[str] = []
    for i, sentence in enumerate(sentences):
        allowed = _allowed(sentence.markers, len(passages))
        lead = _YES_NO_LEAD.match(sentence.text)
        candidates = [
            _support(
                claims[i] or sentence.text,
                vectors[i],
                span,
                quotes[span],
                span_vecs[index[span]],
                titles[span[0]],
                idf,
            )
            for n in allowed
            for span in spans[n - 1]
        ]
        if lead and not re.search(r"\w", claims[i]):  # a bare "Yes." / "No."
            says_yes = lead.group(1).lower() == "yes"
            candidates = [
                replace(c, overlap=1.0, cosine=1.0, facts_ok=True)
                for c in candidates
                if says_yes and question and affirms(question, c.quote)
            ]
        elif lead and lead.group(1).lower() == "no":
            candidates = [c for c in candidates if negates(c.quote)]  # a "no" must be said
        best = best_support(candidates)
        if best is None:
            dropped.append(sentence.text)
        else:
            kept.append((sentence.text, best))
    return _render(kept, dropped)


def _allowed(markers: tuple[int, ...], count: int) -> list[int]:
    """Passage numbers a sentence may be checked against (all of them if it cites none)."""
    if not markers:
        return list(range(1, count + 1))
    return [n for n in markers if 1 <= n <= count]


def _spans(passage: Passage, text: str) -> list[tuple[str, int, int]]:
    """(source, start, end) of each sentence of the passage and of adjacent runs of them."""
    sentences = split_sentences(text, passage.start, passage.end)
    out = []
    for size in range(1, MAX_SPAN_SENTENCES + 1):
        for j in range(len(sentences) - size + 1):
            out.append((passage.source, sentences[j][0], sentences[j + size - 1][1]))
    return out


def _support(
    sentence: str,
    vector: np.ndarray,
    span: tuple[str, int, int],
    quote: str,
    span_vector: np.ndarray,
    title: str,
    idf: Idf,
) -> Support:
    quote_terms = set(terms(quote))
    share = overlap(terms(sentence), quote_terms, idf)
    cosine = float(np.dot(vector, span_vector))
    names = capitalised_names(sentence)
    facts_ok = (
        numbers_in(sentence) <= numbers_in(quote)
        and (not names or overlap(names, quote_terms, _flat_idf) == 1.0)
        and negates(sentence) == negates(quote)
    )
    return Support(span[0], title, span[1], span[2], quote, share, cosine, facts_ok)


def _render(kept: list[tuple[str, Support]], dropped: list[str]) -> Verified:
    numbers: dict[tuple[str, int, int], int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    for text, s in kept:
        key = (s.source, s.start, s.end)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            citations.append(
                Citation(s.source, s.title, s.quote, s.start, s.end, round(s.score, 4))
            )
        parts.append(f"{text} [{numbers[key]}]")
    confidence = sum(s.score for _, s in kept) / len(kept) if kept else 0.0
    return Verified(" ".join(parts), citations, dropped, round(confidence, 4))


def _sentence_count(s: Support) -> int:
    return max(len(split_sentences(s.quote)), 1)


def _flat_idf(term: str) -> float:
    return 1.0
