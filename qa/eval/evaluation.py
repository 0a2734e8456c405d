"""Playing a test set through the engine: `load_testset`, `evaluate`, `EvalReport`.

Why: answers, citations, refusals and follow-ups are scored the same way from Python,
from `articleqa eval` and from the regression gate in `make test`; the CLI and the
report are thin wrappers over `evaluate`.

The test set is JSON Lines, one conversation a line (the format is fixed: other tools
write it):

    {"id": "evac-1", "tags": ["followup"], "turns": [
      {"question": "Who evacuated civilians?", "answers": ["Russia"],
       "evidence": ["Moscow troops began evacuating civilians"], "source": "000_x.txt"},
      {"question": "What is the capital of France?", "answerable": false}]}

Each conversation is played turn by turn with the system's *own* earlier answers as
history, as a user would see it; a `"context": true` turn is played for that history
only and not scored. A malformed line is reported with its line number and skipped; a
turn whose `source` article is not in the store is reported (`EvalReport.missing`),
and its evidence is then never found. Figures are aggregated overall, per tag, and for
first turns versus follow-ups (every turn after a conversation's first);
`qa.eval.metrics` holds the rules.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..answer import Answer
from ..errors import BackendError, QuestionError
from ..settings import Settings
from .metrics import Evidence, Summary, TurnScore, locate_evidence, score_turn, summarize
from .testset import Case, Skipped, TestSet, TestSetError, Turn, load_testset, parse_case

__all__ = [
    "HEADLINE_METRICS",
    "BackendRun",
    "Case",
    "EvalReport",
    "Skipped",
    "TestSet",
    "TestSetError",
    "Turn",
    "TurnResult",
    "check_thresholds",
    "evaluate",
    "load_testset",
    "parse_case",
]

log = logging.getLogger(__name__)

OVERALL, FIRST_TURNS, FOLLOWUPS = "overall", "first turns", "follow-ups"
TAG_PREFIX = "tag: "
# Metric name -> (label, True when higher is better); the order of tables and charts.
HEADLINE_METRICS: dict[str, tuple[str, bool]] = {
    "answer_accuracy": ("answer accuracy", True),
    "answer_f1": ("answer F1", True),
    "citation_precision": ("citation precision", True),
    "citation_recall": ("citation recall", True),
    "abstention_precision": ("abstention precision", True),
    "abstention_recall": ("abstention recall", True),
    "false_abstention_rate": ("false-abstention rate", False),
    "recall_at_k": ("retrieval recall@k", True),
    "mrr": ("retrieval MRR", True),
}


@dataclass(frozen=True)
class TurnResult:
    """One played turn: what was asked, what came back, and its scores."""

    case_id: str
    index: int  # 0 = the conversation's first turn
    turn: Turn
    tags: tuple[str, ...]
    answer: Answer | None  # None when the engine raised for this turn
    evidence: tuple[Evidence, ...]
    score: TurnScore

    @property
    def followup(self) -> bool:
        return self.index > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.case_id,
            "turn": self.index,
            "followup": self.followup,
            "tags": list(self.tags),
            **asdict(self.turn),
            "evidence_found": [bool(e.spans) for e in self.evidence],
            "answer": self.answer.to_dict() if self.answer else None,
            "scores": self.score.to_dict(),
        }


@dataclass(frozen=True)
class BackendRun:
    """Every turn played with one backend, and the summaries per category."""

    backend: str
    results: tuple[TurnResult, ...]
    summaries: dict[str, Summary]

    @classmethod
    def from_results(cls, backend: str, results: Sequence[TurnResult], k: int) -> BackendRun:
        """Summarise `results` overall, for first turns, follow-ups and each tag."""
        return cls(backend, tuple(results), _summaries(results, k))

    def to_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "summary": {c: s.to_dict() for c, s in self.summaries.items()},
            "turns": [r.to_dict() for r in self.results],
        }


@dataclass(frozen=True)
class EvalReport:
    """The result of `evaluate`: one `BackendRun` per backend, in the order asked.

    >>> report.runs["extractive"].summaries["overall"].answer_accuracy  # doctest: +SKIP
    0.81
    """

    runs: dict[str, BackendRun]
    k: int
    testset: str = ""
    skipped: tuple[Skipped, ...] = ()
    store: str = ""
    missing: tuple[tuple[str, int, str], ...] = ()  # (conversation id, turn, article id)

    @property
    def backends(self) -> list[str]:
        return list(self.runs)

    @property
    def categories(self) -> list[str]:
        """Categories in display order: overall, first turns, follow-ups, then tags."""
        seen: dict[str, None] = {}
        for run in self.runs.values():
            seen.update(dict.fromkeys(run.summaries))
        return list(seen)

    def summary(self, backend: str | None = None, category: str = OVERALL) -> Summary:
        """The summary of `category` for `backend` (default: the first backend)."""
        run = self.runs[backend or self.backends[0]]
        return run.summaries.get(category, Summary())

    def unlocated_evidence(self) -> list[tuple[str, int, str]]:
        """(conversation id, turn, quote) of evidence quotes not found in the articles."""
        run = next(iter(self.runs.values()), None)
        if run is None:
            return []
        return [
            (r.case_id, r.index, e.quote) for r in run.results for e in r.evidence if not e.spans
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "testset": self.testset,
            "store": self.store,
            "k": self.k,
            "skipped": [asdict(s) for s in self.skipped],
            "missing_articles": [
                {"id": cid, "turn": i + 1, "source": src} for cid, i, src in self.missing
            ],
            "metrics": {name: label for name, (label, _) in HEADLINE_METRICS.items()},
            "backends": {name: run.to_dict() for name, run in self.runs.items()},
        }


def evaluate(
    cases: Iterable[Case | Mapping[str, Any]],
    settings: Settings,
    backends: Sequence[str] | None = None,
    progress: Callable[[TurnResult], None] | None = None,
) -> EvalReport:
    """Play every conversation with each backend (default: `settings.backend`) and score it.

    `cases` are `Case`s, a `TestSet`, or dicts in the test-set format. `progress` is
    called after every turn. Engine errors about one question (`QuestionError`,
    `BackendError`) are recorded on that turn, which then scores as wrong; errors about
    the store or a backend name end the evaluation.
    """
    from ..backends import create_backend
    from ..engine import engine_for

    case_list = [c if isinstance(c, Case) else parse_case(c) for c in cases]
    names = list(dict.fromkeys(backends or [settings.backend]))
    engine = engine_for(settings)
    for name in names:
        create_backend(name, engine)  # an unknown name fails now, listing the valid ones
    texts = _article_texts(engine.store, case_list)
    missing = _missing_sources(engine.store, case_list, texts)
    for cid, index, source in missing:
        log.warning("%s turn %d: article %s is not in the store", cid, index + 1, source)
    evidence = [
        [tuple(locate_evidence(q, texts, t.source) for q in t.evidence) for t in c.turns]
        for c in case_list
    ]
    runs = {}
    for name in names:
        _warm_up(engine, name, case_list)
        results = []
        for case, found in zip(case_list, evidence, strict=True):
            history: list[tuple[str, Answer | str]] = []
            for index, turn in enumerate(case.turns):
                result = _play(engine, name, case, index, history, found[index], settings)
                history.append((turn.question, result.answer or ""))
                if turn.context:
                    continue  # asked for the conversation's sake; nobody vouched for it
                results.append(result)
                if progress is not None:
                    progress(result)
        runs[name] = BackendRun.from_results(name, results, settings.top_k)
    skipped = tuple(cases.skipped) if isinstance(cases, TestSet) else ()
    testset = cases.path if isinstance(cases, TestSet) else ""
    return EvalReport(runs, settings.top_k, testset, skipped, engine.store.location, missing)


def check_thresholds(
    report: EvalReport,
    minimum: Mapping[str, float] | None = None,
    maximum: Mapping[str, float] | None = None,
) -> list[str]:
    """One line per overall figure (of any backend) below its minimum or above its maximum.

    Keys are `Summary` field names (`answer_accuracy`, `false_abstention_rate`, ...).
    A figure that cannot be computed (no unanswerable turn for abstention recall, say)
    counts as missed, since the gate cannot vouch for it.
    """
    limits = [(m, v, True) for m, v in (minimum or {}).items()]
    limits += [(m, v, False) for m, v in (maximum or {}).items()]
    missed = []
    for name in report.backends:
        overall = report.summary(name).to_dict()
        for metric, limit, is_min in limits:
            if metric not in HEADLINE_METRICS and metric not in ("latency_p50", "latency_p95"):
                raise ValueError(
                    f"Unknown metric {metric!r} in the thresholds; use one of "
                    f"{', '.join([*HEADLINE_METRICS, 'latency_p50', 'latency_p95'])}."
                )
            label = HEADLINE_METRICS.get(metric, (metric, True))[0]
            value = overall[metric]
            if value is None:
                missed.append(f"{name}: {label} is undefined on this test set (limit {limit:g})")
            elif (value < limit) if is_min else (value > limit):
                word = "below the minimum" if is_min else "above the maximum"
                missed.append(f"{name}: {label} {value:.3f} is {word} {limit:g}")
    return missed


# ---- private helpers ------------------------------------------------------------------


def _article_texts(store: Any, cases: Sequence[Case]) -> dict[str, str]:
    """The texts of the articles the evidence may come from (all, if a turn names none)."""
    turns = [t for c in cases for t in c.turns if t.evidence]
    if not turns:
        return {}
    if all(t.source for t in turns):
        ids = sorted({t.source for t in turns if t.source})
    else:
        ids = [r.id for r in store.list_articles()]
    return {i: a.text for i, a in store.get_articles(ids).items()}


def _missing_sources(
    store: Any, cases: Sequence[Case], texts: Mapping[str, str]
) -> tuple[tuple[str, int, str], ...]:
    """(conversation id, turn, article id) of scored turns naming an article not stored."""
    named = [
        (c.id, i, t.source)
        for c in cases
        for i, t in enumerate(c.turns)
        if t.source and not t.context and t.source not in texts
    ]
    if not named:
        return ()
    found = store.get_articles(sorted({source for _, _, source in named}))
    return tuple((cid, i, source) for cid, i, source in named if source not in found)


def _warm_up(engine: Any, backend: str, cases: Sequence[Case]) -> None:
    """Load the model and keyword index untimed, so the first turn's latency is fair."""
    if not cases:
        return
    with contextlib.suppress(QuestionError, BackendError):  # the real turn records it
        engine.ask(cases[0].turns[0].question, backend=backend)


def _play(
    engine: Any,
    backend: str,
    case: Case,
    index: int,
    history: Sequence[tuple[str, Answer | str]],
    found: tuple[Evidence, ...],
    settings: Settings,
) -> TurnResult:
    turn = case.turns[index]
    started = time.perf_counter()
    answer: Answer | None
    try:
        answer = engine.ask(turn.question, list(history), backend=backend)
        latency: float | None = time.perf_counter() - started
        error = ""
    except (QuestionError, BackendError) as e:
        answer, latency, error = None, None, str(e)
        log.warning("%s turn %d (%s): %s", case.id, index + 1, backend, e)
    score = score_turn(
        answer_text=answer.text if answer else "",
        abstained=answer.abstained if answer else False,
        citations=answer.citations if answer else [],
        passages=answer.passages if answer else [],
        answers=turn.answers,
        evidence=found,
        answerable=turn.answerable,
        k=settings.top_k,
        latency=latency,
        error=error,
    )
    return TurnResult(case.id, index, turn, case.tags, answer, found, score)


def _summaries(results: Sequence[TurnResult], k: int) -> dict[str, Summary]:
    groups: dict[str, list[TurnScore]] = {
        OVERALL: [r.score for r in results],
        FIRST_TURNS: [r.score for r in results if not r.followup],
        FOLLOWUPS: [r.score for r in results if r.followup],
    }
    for tag in sorted({t for r in results for t in r.tags}):
        groups[TAG_PREFIX + tag] = [r.score for r in results if tag in r.tags]
    return {name: summarize(scores, k) for name, scores in groups.items() if scores}
