"""Scoring answers against a test set: small pure functions, no LLM judge.

Why a module of its own: `articleqa eval --json` must agree with anyone who scores the
same answers independently, so every rule is written once, here, with a worked example.

The rules, per turn of a conversation:

* **Answer correctness**: an acceptable answer appears, as a run of whole words, in the
  answer text after `normalize_answer` (case, punctuation, curly quotes, `[n]` markers,
  thousands separators, the articles a/an/the). A word of `MIN_PREFIX_LETTERS` or more
  letters also matches a longer word it begins (Russia ~ Russian, anger ~ angered,
  Armenia ~ Armenia's), but "no" never matches "not" and "20" never matches "2020",
  as plain substring tests would. An answer that opens with the verdict opposite to an
  acceptable "yes" or "no" is wrong whatever else it names ("Yes. The road will stay
  open" to "will they close the road?", accepted as "no" or "stay open"): the reader
  reads the verdict first. On an unanswerable turn the correct
  answer is a refusal, so a correct refusal scores as correct (and F1 = 1), and an
  abstention on an answerable turn is wrong even if its text happens to name the answer.
* **Token F1**: SQuAD-style, against the best acceptable answer.
* **Citations**: a citation *supports* an evidence quote when its character span
  overlaps a place where that quote occurs in the same article (the turn's `source`,
  or any article when the turn names none). Precision: share of a turn's citations that
  support some evidence; recall: share of its evidence quotes supported by some citation.
* **Retrieval**: the rank of the first retrieved passage whose span overlaps each
  evidence quote; recall@k and reciprocal rank follow.
* **Aggregates** (`summarize`) are means over the turns where a metric is defined
  (citation and retrieval metrics need an answerable turn with evidence), abstention
  precision/recall are counted over turns, latency percentiles interpolate linearly.

The concession: correctness is string containment, so a right answer in other words
("over two thousand") scores wrong; acceptable-answer lists in the test set carry that.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

__all__ = [
    "FAILURE_KINDS",
    "MIN_PREFIX_LETTERS",
    "Evidence",
    "Span",
    "Summary",
    "TurnScore",
    "answer_correct",
    "best_f1",
    "cites",
    "failures",
    "locate_evidence",
    "normalize_answer",
    "percentile",
    "retrieval_ranks",
    "retrieves",
    "score_turn",
    "summarize",
    "token_f1",
]

FAILURE_KINDS = (  # why a turn failed, most serious first
    "error",
    "wrong answer",
    "false abstention",
    "missed abstention",
    "unsupported citation",
    "evidence not cited",
    "evidence not retrieved",
)

MIN_PREFIX_LETTERS = 4  # letters; a word this long also matches words it begins

_MARKER = re.compile(r"\[\d+\]")
_DIGIT_GROUP = re.compile(r"(?<=\d)[,.](?=\d)")  # 2,000 -> 2000; 1.5 -> 15 on both sides
_APOSTROPHE = re.compile(r"['\u2018\u2019\u02bc`]")
_ARTICLES = frozenset({"a", "an", "the"})
_OPPOSITE_VERDICT = {"yes": "no", "no": "yes"}  # an answer's first word against the set's
_PUNCTUATION = frozenset(string.punctuation)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")


class Spanned(Protocol):
    """Anything with a span of an article: a `Citation`, a `Passage`, a `Span`."""

    @property
    def source(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class Cited(Spanned, Protocol):
    """A citation: a span and the quote it holds."""

    @property
    def quote(self) -> str: ...


class Retrieved(Spanned, Protocol):
    """A retrieved passage: a span and its text."""

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of article `source`."""

    source: str
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    """An evidence quote of the test set and where it occurs in the articles.

    `spans` is empty when the quote was not found verbatim; then a citation supports it
    when one quote contains the other (after white-space and quote-mark normalising).
    """

    quote: str
    source: str | None = None
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class TurnScore:
    """Every per-turn figure; `None` where a metric does not apply to this turn."""

    answerable: bool
    abstained: bool
    correct: bool
    f1: float
    citation_precision: float | None = None
    citation_recall: float | None = None
    supported: tuple[bool, ...] = ()  # per citation: supports some evidence quote
    covered: tuple[bool, ...] = ()  # per evidence quote: supported by some citation
    ranks: tuple[int | None, ...] = ()  # per evidence quote: first retrieving passage
    recall_at_k: float | None = None
    reciprocal_rank: float | None = None
    latency: float | None = None  # seconds; None when the turn raised an error
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "failures": list(failures(self))}


@dataclass(frozen=True)
class Summary:
    """Aggregate figures over some turns (see the module docstring for each rule)."""

    turns: int = 0
    answerable: int = 0
    unanswerable: int = 0
    answer_accuracy: float | None = None
    answer_f1: float | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    abstention_precision: float | None = None
    abstention_recall: float | None = None
    false_abstention_rate: float | None = None
    recall_at_k: float | None = None
    mrr: float | None = None
    latency_p50: float | None = None
    latency_p95: float | None = None
    errors: int = 0
    k: int | None = None  # the recall@k cut-off

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def normalize_answer(text: str) -> str:
    """Lower-case words with punctuation, markers, separators and articles removed.

    >>> normalize_answer("The Russian military evacuated 2,000 people. [1]")
    'russian military evacuated 2000 people'
    >>> normalize_answer("“Anti-terror” operations in Armenia’s north")
    'anti terror operations in armenias north'
    """
    text = unicodedata.normalize("NFKC", text)
    text = _MARKER.sub(" ", text).casefold()
    text = _DIGIT_GROUP.sub("", text)
    text = _APOSTROPHE.sub("", text)
    text = "".join(
        " " if ch in _PUNCTUATION or unicodedata.category(ch).startswith("P") else ch for ch in text
    )
    return " ".join(w for w in text.split() if w not in _ARTICLES)


def answer_correct(answer: str, acceptable: Iterable[str]) -> bool:
    """Whether some acceptable answer appears, as whole words, in the normalised answer.

    >>> answer_correct("Over 2000 people were evacuated. [1]", ["over 2,000"])
    True
    >>> answer_correct("A Russian-brokered ceasefire.", ["Russia"])
    True
    >>> answer_correct("It was not announced in 2020.", ["no"]), answer_correct("2020", ["20"])
    (False, False)

    The opposite verdict is wrong, whatever else the answer names:

    >>> answer_correct("Yes. The road will stay open. [1]", ["no", "stay open"])
    False
    >>> answer_correct("No. The road will stay open. [1]", ["no", "stay open"])
    True
    """
    words = normalize_answer(answer).split()
    if words and words[0] in _OPPOSITE_VERDICT:
        opposite = _OPPOSITE_VERDICT[words[0]]
        if any(normalize_answer(option) == opposite for option in acceptable):
            return False
    for option in acceptable:
        want = normalize_answer(option).split()
        if want and _contains(words, want):
            return True
    return False


def token_f1(prediction: str, truth: str) -> float:
    """SQuAD token F1 of two strings after `normalize_answer`.

    >>> round(token_f1("Russia evacuated 2,000 people", "2000 people"), 3)
    0.667
    >>> token_f1("", "")
    1.0
    """
    pred, gold = normalize_answer(prediction).split(), normalize_answer(truth).split()
    if not pred or not gold:
        return float(pred == gold)
    same = sum((Counter(pred) & Counter(gold)).values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(gold)
    return 2 * precision * recall / (precision + recall)


def best_f1(prediction: str, acceptable: Iterable[str]) -> float:
    """Token F1 against the best of the acceptable answers (0.0 when there are none).

    >>> best_f1("1,049 children", ["2,000", "1049 children"])
    1.0
    """
    return max((token_f1(prediction, a) for a in acceptable), default=0.0)


def locate_evidence(quote: str, texts: Mapping[str, str], source: str | None = None) -> Evidence:
    """Find every place `quote` occurs: in article `source`, or in any of `texts`.

    Exact matches first; failing that, white space and curly/straight quote marks may
    differ. `texts` maps article id to article text.

    >>> locate_evidence("1,049 children", {"a.txt": "over 2,000, including 1,049 children."})
    Evidence(quote='1,049 children', source=None, spans=(Span(source='a.txt', start=22, end=36),))
    >>> locate_evidence("1,049 children", {"a.txt": "1,049 children"}, source="b.txt").spans
    ()
    """
    ids = [source] if source is not None else sorted(texts)
    spans = [Span(i, a, b) for i in ids if i in texts for a, b in _find_all(quote, texts[i])]
    if not spans:
        pattern = _loose_pattern(quote)
        if pattern is not None:
            spans = [
                Span(i, m.start(), m.end())
                for i in ids
                if i in texts
                for m in pattern.finditer(texts[i])
            ]
    return Evidence(quote, source, tuple(spans))


def cites(citation: Cited, evidence: Evidence) -> bool:
    """Whether `citation` supports `evidence`: same article, overlapping characters.

    >>> ev = Evidence("1,049 children", "a.txt", (Span("a.txt", 22, 36),))
    >>> from qa.answer import Citation
    >>> cites(Citation("a.txt", "A", "including 1,049", 12, 27), ev)
    True
    >>> cites(Citation("b.txt", "B", "including 1,049 children", 12, 36), ev)
    False
    """
    return _supports(citation.source, citation.start, citation.end, citation.quote, evidence)


def retrieves(passage: Retrieved, evidence: Evidence) -> bool:
    """Whether a retrieved `passage` overlaps `evidence` (same rule as `cites`)."""
    return _supports(passage.source, passage.start, passage.end, passage.text, evidence)


def retrieval_ranks(
    passages: Sequence[Retrieved], evidence: Sequence[Evidence]
) -> tuple[int | None, ...]:
    """For each evidence quote, the 1-based rank of the first passage retrieving it.

    >>> from qa.answer import Passage
    >>> ps = [Passage("b.txt", "B", "x", 0, 9), Passage("a.txt", "A", "y", 10, 40)]
    >>> retrieval_ranks(ps, [Evidence("q", "a.txt", (Span("a.txt", 22, 36),)),
    ...                      Evidence("r", "a.txt", (Span("a.txt", 50, 60),))])
    (2, None)
    """
    return tuple(
        next((rank for rank, p in enumerate(passages, 1) if retrieves(p, ev)), None)
        for ev in evidence
    )


def score_turn(
    *,
    answer_text: str,
    abstained: bool,
    citations: Sequence[Cited],
    passages: Sequence[Retrieved],
    answers: Sequence[str],
    evidence: Sequence[Evidence],
    answerable: bool = True,
    k: int | None = None,
    latency: float | None = None,
    error: str = "",
) -> TurnScore:
    """Score one answer. `k`: the recall@k cut-off (default: every passage given).

    A correct refusal scores as correct:

    >>> s = score_turn(answer_text="The articles don't say.", abstained=True, citations=[],
    ...                passages=[], answers=[], evidence=[], answerable=False)
    >>> s.correct, s.f1, s.citation_precision
    (True, 1.0, None)
    """
    if not answerable:
        return TurnScore(
            answerable=False,
            abstained=abstained,
            correct=abstained,
            f1=float(abstained),
            latency=latency,
            error=error,
        )
    correct = not abstained and answer_correct(answer_text, answers)
    f1 = 0.0 if abstained else best_f1(answer_text, answers)
    if not evidence:
        return TurnScore(True, abstained, correct, f1, latency=latency, error=error)
    supported = tuple(any(cites(c, ev) for ev in evidence) for c in citations)
    covered = tuple(any(cites(c, ev) for c in citations) for ev in evidence)
    ranks = retrieval_ranks(passages, evidence)
    cutoff = len(passages) if k is None else k
    first = min((r for r in ranks if r is not None), default=None)
    return TurnScore(
        answerable=True,
        abstained=abstained,
        correct=correct,
        f1=f1,
        citation_precision=_share(supported) if supported else None,
        citation_recall=_share(covered),
        supported=supported,
        covered=covered,
        ranks=ranks,
        recall_at_k=_share(r is not None and r <= cutoff for r in ranks),
        reciprocal_rank=0.0 if first is None or first > cutoff else 1.0 / first,
        latency=latency,
        error=error,
    )


def failures(score: TurnScore) -> tuple[str, ...]:
    """Why a turn failed, as a subset of `FAILURE_KINDS` (empty when it passed).

    >>> failures(TurnScore(answerable=False, abstained=False, correct=False, f1=0.0))
    ('missed abstention',)
    """
    found = {
        "error": bool(score.error),
        "wrong answer": score.answerable and not score.abstained and not score.correct,
        "false abstention": score.answerable and score.abstained,
        "missed abstention": not score.answerable and not score.abstained,
        "unsupported citation": not all(score.supported),
        "evidence not cited": not score.abstained and not all(score.covered),
        "evidence not retrieved": score.recall_at_k is not None and score.recall_at_k < 1,
    }
    return tuple(kind for kind in FAILURE_KINDS if found[kind])


def summarize(scores: Sequence[TurnScore], k: int | None = None) -> Summary:
    """Aggregate turn scores (means over the turns where each metric applies).

    >>> ok = TurnScore(answerable=True, abstained=False, correct=True, f1=0.5, latency=0.1)
    >>> refused = TurnScore(answerable=False, abstained=True, correct=True, f1=1.0, latency=0.3)
    >>> s = summarize([ok, refused])
    >>> s.answer_accuracy, s.answer_f1, s.abstention_precision, s.false_abstention_rate
    (1.0, 0.75, 1.0, 0.0)
    >>> round(s.latency_p50, 3)
    0.2
    """
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]
    abstained = [s for s in scores if s.abstained]
    latencies = [s.latency for s in scores if s.latency is not None]
    return Summary(
        turns=len(scores),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        answer_accuracy=_mean(float(s.correct) for s in scores),
        answer_f1=_mean(s.f1 for s in scores),
        citation_precision=_mean(s.citation_precision for s in scores),
        citation_recall=_mean(s.citation_recall for s in scores),
        abstention_precision=_ratio(sum(not s.answerable for s in abstained), len(abstained)),
        abstention_recall=_ratio(sum(s.abstained for s in unanswerable), len(unanswerable)),
        false_abstention_rate=_ratio(sum(s.abstained for s in answerable), len(answerable)),
        recall_at_k=_mean(s.recall_at_k for s in scores),
        mrr=_mean(s.reciprocal_rank for s in scores),
        latency_p50=percentile(latencies, 50),
        latency_p95=percentile(latencies, 95),
        errors=sum(bool(s.error) for s in scores),
        k=k,
    )


def percentile(values: Iterable[float], q: float) -> float | None:
    """The `q`-th percentile, interpolating linearly between ranks (numpy's default).

    >>> percentile([4.0, 1.0, 2.0, 3.0], 50), percentile([1.0, 2.0], 95), percentile([], 50)
    (2.5, 1.95, None)
    """
    xs = sorted(values)
    if not xs:
        return None
    pos = (len(xs) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


# ---- private helpers ------------------------------------------------------------------


def _contains(words: Sequence[str], want: Sequence[str]) -> bool:
    n = len(want)
    return any(
        all(_same_word(w, got) for w, got in zip(want, words[i : i + n], strict=True))
        for i in range(len(words) - n + 1)
    )


def _same_word(want: str, got: str) -> bool:
    """Equal, or `want` is a word of letters long enough to match as a prefix."""
    return want == got or (
        len(want) >= MIN_PREFIX_LETTERS and want.isalpha() and got.startswith(want)
    )


def _find_all(quote: str, text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not quote:
        return out
    at = text.find(quote)
    while at != -1:
        out.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return out


def _loose_pattern(quote: str) -> re.Pattern[str] | None:
    """A regex for `quote` where runs of white space and quote-mark styles may differ."""
    words = _squash(quote).split(" ")
    if not any(words):
        return None
    marks = {"'": "['\u2018\u2019]", '"': '["\u201c\u201d]'}
    parts = ["".join(marks.get(ch, re.escape(ch)) for ch in w) for w in words]
    return re.compile(r"\s+".join(parts))


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def _supports(source: str, start: int, end: int, text: str, evidence: Evidence) -> bool:
    if evidence.source is not None and source != evidence.source:
        return False
    if evidence.spans:
        return any(
            s.source == source and max(s.start, start) < min(s.end, end) for s in evidence.spans
        )
    mine, theirs = _squash(text), _squash(evidence.quote)
    return bool(mine and theirs) and (theirs in mine or mine in theirs)


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 0.0


def _mean(values: Iterable[float | None]) -> float | None:
    xs = [v for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None
