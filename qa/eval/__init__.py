"""The evaluation harness: play a test set through the engine and score it.

- `testset`: the JSON Lines format (conversations of turns) and its loader;
- `metrics`: pure scoring of one turn and the summaries over many;
- `evaluation`: `evaluate(testset, settings) -> EvalReport` and the regression gate;
- `report`: the terminal table and the single-file HTML report.
"""

from .evaluation import HEADLINE_METRICS, EvalReport, check_thresholds, evaluate
from .metrics import Summary, TurnScore, percentile, score_turn, summarize
from .testset import Case, TestSet, TestSetError, Turn, load_testset

__all__ = [
    "HEADLINE_METRICS",
    "Case",
    "EvalReport",
    "Summary",
    "TestSet",
    "TestSetError",
    "Turn",
    "TurnScore",
    "check_thresholds",
    "evaluate",
    "load_testset",
    "percentile",
    "score_turn",
    "summarize",
]
