"""The benchmark run: every measurement at each corpus size, in order, then the report.

Why a module: the order matters (ingest before re-ingest and queries, cold starts on the
store just built, the web app last) and a step that fails must be recorded, not end a run
that has been going for an hour; this is the one place that knows both. The command line
(`python -m scripts.bench`) is `main`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .baseline import COLD_SCRIPT
from .corpus import WARMUP, generate_corpus
from .measure import ENV, VENV_BIN, dir_mb
from .ours import COLD_RUNS
from .report import machine, report
from .webapp import WEB_QUESTIONS
from .workers import run_worker, worker_main

__all__ = ["DEFAULT_SIZES", "LARGE_SIZE", "QUESTION_GAP_S", "bench_size", "main"]

DEFAULT_SIZES = (1_000, 10_000)  # target chunk counts (ours: 500-char chunks)
LARGE_SIZE = 100_000  # chunks; `--large` adds it, `--no-baseline-large` runs only ours there
QUESTION_GAP_S = 2.5  # seconds before each timed question: people read an answer before the
# next, and time-based caches (the keyword index's 2 s freshness check) expire as in real use


def bench_size(
    target: int, backend: str, work: Path, seed: int, baseline: bool, gap: float
) -> dict[str, Any]:
    """Every measurement at one corpus size; a failed step is recorded, not fatal."""
    corpus, ours, base = work / "corpus", work / "ours", work / "baseline"
    started = time.perf_counter()
    facts = generate_corpus(corpus, target, seed)
    questions = facts["questions"]
    r: dict[str, Any] = {
        "target_chunks": target,
        "corpus": {k: facts[k] for k in facts if k != "questions"},
        "corpus_seconds": time.perf_counter() - started,
        "questions": questions,
        "baseline": baseline,
        "question_gap_s": gap,
        "errors": {},
    }
    _say(
        target,
        f"corpus: {facts['articles']:,} articles, {facts['chunks']:,} chunks, "
        f"{facts['sentences']:,} sentences, {facts['chars'] / 1e6:.1f} MB, "
        f"{r['corpus_seconds']:.0f} s",
    )

    def step(key: str, name: str, *args: Any) -> None:
        try:
            r[key] = run_worker(name, *args)
        except RuntimeError as e:
            r["errors"][key] = str(e)
            _say(target, f"{key} FAILED: {str(e)[-1500:]}")
            return
        _say(target, f"{key}: {_brief(r[key])}")

    step("ours_ingest", "ours_ingest", corpus, ours, backend)
    step("ours_reingest", "ours_reingest", corpus, ours, backend)
    step("ours_query", "ours_query", ours, backend, questions, gap)
    cli = [str(VENV_BIN / "articleqa"), "--store", str(ours), "ask"]
    cold_env = {**ENV, "ARTICLEQA_EMBEDDING_BACKEND": backend}
    for i in range(COLD_RUNS):
        step(f"ours_cold_{i}", "cold", [*cli, questions[i][0]], cold_env)
    step("ours_webapp", "webapp", ours, backend, questions[WARMUP : WARMUP + WEB_QUESTIONS], gap)
    r["ours_store_mb"] = dir_mb(ours) if ours.exists() else None
    if baseline:
        step("base_ingest", "base_ingest", corpus, base)
        step("base_query", "base_query", base, questions, gap)
        for i in range(COLD_RUNS):
            cold = [sys.executable, "-c", COLD_SCRIPT, str(base), questions[i][0]]
            step(f"base_cold_{i}", "cold", cold, ENV)
        r["base_store_mb"] = dir_mb(base) if base.exists() else None
    r["seconds"] = time.perf_counter() - started
    _say(target, f"done in {r['seconds'] / 60:.1f} min")
    return r


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.bench [options]`: run the sizes, print the report, write JSON."""
    from . import __doc__ as package_doc

    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench", description=(package_doc or "").split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="target chunk counts (default: %(default)s)",
    )
    parser.add_argument("--large", action="store_true", help=f"also {LARGE_SIZE:,} chunks")
    parser.add_argument(
        "--no-baseline-large",
        action="store_true",
        help=f"skip the baseline at {LARGE_SIZE:,} chunks and above (it takes hours there)",
    )
    parser.add_argument(
        "--embedding-backend", help="ours: this embedding backend (default: the project's)"
    )
    parser.add_argument("--seed", type=int, default=42, help="corpus seed (default: 42)")
    parser.add_argument(
        "--question-gap",
        type=float,
        default=QUESTION_GAP_S,
        help="seconds before each timed question (0: back to back, which flatters caches)",
    )
    parser.add_argument("--out", type=Path, help="write the full results as JSON here")
    parser.add_argument("--keep", type=Path, help="keep corpora and stores in this folder")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker_main(args.worker)
        return 0
    if args.embedding_backend is None:
        from vectorstore.settings import StoreSettings

        args.embedding_backend = StoreSettings().embedding_backend
    sizes = list(args.sizes) + ([LARGE_SIZE] if args.large and LARGE_SIZE not in args.sizes else [])
    out: dict[str, Any] = {
        "command": " ".join(["python -m scripts.bench", *(sys.argv[1:] if argv is None else argv)]),
        "machine": machine(),
        "load_start": os.getloadavg(),
        "started_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "embedding_backend": args.embedding_backend,
        "question_gap_s": args.question_gap,
        "results": [],
    }
    started = time.perf_counter()
    # absolute: the worker protocol passes paths as strings that start with "/"
    root = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="articleqa-bench-"))
    for size in sizes:
        work = root / str(size)
        if work.exists():
            shutil.rmtree(work)
        baseline = not (args.no_baseline_large and size >= LARGE_SIZE)
        try:
            out["results"].append(
                bench_size(
                    size, args.embedding_backend, work, args.seed, baseline, args.question_gap
                )
            )
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
        if args.out:  # after every size, so a long run that dies later keeps what it has
            partial = {**out, "seconds": time.perf_counter() - started, "load_end": os.getloadavg()}
            args.out.write_text(json.dumps(partial, indent=2))
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    out["seconds"] = time.perf_counter() - started
    out["load_end"] = os.getloadavg()
    out["report"] = report(out)
    print(out["report"])
    if args.out:
        args.out.write_text(json.dumps(out, indent=2))
    return 0


def _say(target: int, message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} [{target:,}] {message}", file=sys.stderr, flush=True)


def _brief(result: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v:.1f}" for k, v in result.items() if isinstance(v, float))
