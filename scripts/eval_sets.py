"""`python -m scripts.eval_sets`: every test set, each over its own articles, in one table.

Why: a change to the answerer is judged on every set at once, the blind ones first
(docs/evaluation.md says which were tuned on). One store is built per corpus and kept
under `--stores` (keyed by the corpus and the embedding model), so a second run only
answers. `--misses` prints each wrong turn: the question, what was accepted, and what
came back, so the failures are read, not only counted. The first line names the
embedding backend and model and the versions of the packages that make the vectors:
the same code answers a little differently when they change (the int8 model is exported
anew on each machine), so figures are compared only under the same line.

`--turns FILE` also writes each turn's outcome (conversation, turn, answerable,
declined, correct; never a question or an answer), and `--compare BEFORE AFTER` tells,
from two such files, how many turns each set missed before and after, and how many were
fixed and broken: a change is judged turn by turn on sets whose text must stay unread.

    python -m scripts.eval_sets                      # all sets
    python -m scripts.eval_sets seed_blind5 --misses # one set, and its wrong turns
    python -m scripts.eval_sets --extra /work/blind6/seed_blind6.jsonl=seeds,/work/blind6/related
    python -m scripts.eval_sets --turns before.jsonl # ... change the code, then:
    python -m scripts.eval_sets --turns after.jsonl
    python -m scripts.eval_sets --compare before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa import Settings
    from qa.eval.evaluation import EvalReport, TurnResult

DATA = Path("tests/data")
# Set name -> the corpus its questions are asked over (as in docs/evaluation.md).
SETS: dict[str, tuple[str, ...]] = {
    "seed_eval": ("seeds", "tests/data/related"),
    "seed_holdout": ("seeds", "tests/data/related"),
    "seed_dev": ("seeds", "tests/data/related"),
    "seed_blind": ("seeds", "tests/data/related", "tests/data/related_blind"),
    "seed_blind2": ("seeds", "tests/data/related"),
    "seed_blind3": ("seeds", "tests/data/related_blind3"),
    "seed_blind3_other": ("tests/data/other_blind3",),
    "seed_blind4_other": ("tests/data/other_blind4",),
    # a development set on reactions and statements, written to be read (2026-12-07)
    "seed_reactions": ("seeds", "tests/data/related_reactions"),
    "seed_reactions_other": ("tests/data/other_reactions",),
    # sets 5 on: the seed with the set's related articles, and its other domains alone
    **{
        name: corpus
        for n in range(5, 108)
        for name, corpus in [
            (f"seed_blind{n}", ("seeds", f"tests/data/related_blind{n}")),
            (f"seed_blind{n}_other", (f"tests/data/other_blind{n}",)),
        ]
    },
}
COLUMNS = "| set | turns | correct | unanswerable declined | wrongly declined | p95 ms |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.eval_sets", description=__doc__)
    parser.add_argument("sets", nargs="*", help=f"set names (default: all): {', '.join(SETS)}")
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="FILE=CORPUS[,CORPUS]",
        help="a test set outside tests/data and the article folders it is asked over",
    )
    parser.add_argument("--stores", default="/tmp/articleqa-eval-stores", type=Path)
    parser.add_argument("--misses", action="store_true", help="print every wrong turn")
    parser.add_argument(
        "--turns", type=Path, metavar="FILE", help="also write each turn's outcome to FILE"
    )
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("BEFORE", "AFTER"),
        help="compare two --turns files set by set (runs nothing)",
    )
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (read_turns(path) for path in args.compare)
        for line in format_changes(compare(before, after)):
            print(line)
        return 0

    from qa import Settings, evaluate, load_testset
    from vectorstore import ingest

    plan: list[tuple[str, Path, tuple[str, ...]]] = []
    for name in args.sets or ([] if args.extra else list(SETS)):
        if name not in SETS:
            parser.error(f"unknown set {name!r}; known: {', '.join(SETS)}")
        plan.append((name, DATA / f"{name}.jsonl", SETS[name]))
    for spec in args.extra:
        path, _, corpus = spec.partition("=")
        if not corpus:
            parser.error(f"--extra {spec!r}: write FILE=CORPUS[,CORPUS]")
        plan.append((Path(path).stem, Path(path), tuple(corpus.split(","))))

    base = Settings.from_env()
    print(f"<!-- {environment(base)} -->")
    print(COLUMNS)
    print("|---|---|---|---|---|---|")
    for name, path, corpus in plan:
        settings = replace(base, store_dir=_store_for(args.stores, corpus, base.embedding_model))
        if not (settings.store_dir / ".ready").exists():
            ingest(list(corpus), settings)
            (settings.store_dir / ".ready").touch()
        started = time.perf_counter()
        report = evaluate(load_testset(path), settings)
        s = report.summary()
        print(
            f"| {name} | {s.turns} | {_fmt(s.answer_accuracy)} | {_fmt(s.abstention_recall)}"
            f" | {_fmt(s.false_abstention_rate)} | {_ms(s.latency_p95)} |",
            flush=True,
        )
        if args.misses:
            _print_misses(report)
        if args.turns:
            with args.turns.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"set": name, "turns": _outcomes(report)}) + "\n")
        print(f"<!-- {name}: {time.perf_counter() - started:.0f} s -->", file=sys.stderr)
    return 0


def environment(settings: Settings) -> str:
    """What the figures depend on besides the code: the embedding backend and model, and
    the versions of the packages that make the vectors (`scripts.bench.report.packages`).

    >>> from qa import Settings
    >>> environment(Settings()).startswith("embeddings ")
    True
    """
    from scripts.bench.report import packages

    return f"embeddings {settings.embedding_backend} {settings.embedding_model}; {packages()}"


def _store_for(root: Path, corpus: Sequence[str], model: str) -> Path:
    """The cached store for `corpus` read by `model`: keyed by the folders' resolved
    paths and their files' names and sizes, so an edited or missing folder never
    reuses a store built from other articles."""
    listing = [model]
    for folder in map(Path, corpus):
        listing.append(str(folder.resolve()))
        files = sorted(folder.rglob("*")) if folder.is_dir() else []
        listing += [f"{f.relative_to(folder)} {f.stat().st_size}" for f in files if f.is_file()]
    key = hashlib.sha1("\n".join(listing).encode()).hexdigest()[:12]
    return root / key


Outcome = tuple[str, int, bool, bool, bool]  # conversation, turn, answerable, declined, correct


def _results(report: EvalReport) -> tuple[TurnResult, ...]:
    """The turns of the one backend's run (`main` runs the default backend only)."""
    return next(iter(report.runs.values())).results


def _outcomes(report: EvalReport) -> list[Outcome]:
    """Each turn's outcome, without its question or answer."""
    return [
        (r.case_id, r.index, r.turn.answerable, r.score.abstained, r.score.correct)
        for r in _results(report)
    ]


def read_turns(path: Path) -> dict[str, list[Outcome]]:
    """The outcomes a `--turns` run wrote, by set (a set run twice: its last run)."""
    runs: dict[str, list[Outcome]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            runs[row["set"]] = [
                (str(c), int(i), bool(a), bool(d), bool(ok)) for c, i, a, d, ok in row["turns"]
            ]
    return runs


@dataclass(frozen=True)
class Change:
    """How one set moved between two runs: turns missed before and after, fixed, broken."""

    name: str
    missed_before: int
    missed_after: int
    fixed: int
    broken: int


def compare(
    before: Mapping[str, Sequence[Outcome]], after: Mapping[str, Sequence[Outcome]]
) -> list[Change]:
    """Set by set, over the sets both runs have, how the turns moved.

    >>> a = {"s": [("c1", 0, True, False, True), ("c1", 1, False, False, False)]}
    >>> b = {"s": [("c1", 0, True, False, False), ("c1", 1, False, True, True)]}
    >>> compare(a, b)
    [Change(name='s', missed_before=1, missed_after=1, fixed=1, broken=1)]
    """
    changes = []
    for name in before:
        if name not in after:
            continue
        was = {t[:2]: t[4] for t in before[name]}
        now = {t[:2]: t[4] for t in after[name]}
        both = was.keys() & now.keys()
        changes.append(
            Change(
                name,
                sum(not ok for ok in was.values()),
                sum(not ok for ok in now.values()),
                sum(now[k] and not was[k] for k in both),
                sum(was[k] and not now[k] for k in both),
            )
        )
    return changes


def format_changes(changes: Sequence[Change]) -> list[str]:
    """The sets that moved, one line each, then the totals over every set compared.

    >>> format_changes([Change("s", 3, 2, 2, 1), Change("t", 5, 5, 0, 0)])
    ['s: 3 -> 2 missed (+2 fixed, -1 broken)', 'all 2 sets: 8 -> 7 missed (+2 fixed, -1 broken)']
    """
    total = Change(
        f"all {len(changes)} sets",
        sum(c.missed_before for c in changes),
        sum(c.missed_after for c in changes),
        sum(c.fixed for c in changes),
        sum(c.broken for c in changes),
    )
    moved = [c for c in changes if c.fixed or c.broken]
    return [
        f"{c.name}: {c.missed_before} -> {c.missed_after} missed"
        f" (+{c.fixed} fixed, -{c.broken} broken)"
        for c in [*moved, total]
    ]


def _print_misses(report: EvalReport) -> None:
    for r in _results(report):
        if r.score.correct:
            continue
        got = r.answer.text if r.answer else r.score.error
        want = ", ".join(r.turn.answers) if r.turn.answerable else "(decline)"
        print(f"  - {r.case_id}#{r.index + 1} {r.turn.question}")
        print(f"      want: {want}\n      got:  {got}")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.0f}"


if __name__ == "__main__":
    sys.exit(main())
