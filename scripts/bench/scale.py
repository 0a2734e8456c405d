"""Query latency and cold start at 100k chunks in minutes, not the hour an ingest takes.

From the repository root:

    .venv/bin/python -m scripts.bench.scale --chunks 100000 --work /tmp/scale

Builds (once; reused when `--work` already holds it) a store from the benchmark's
synthetic corpus (`scripts.bench.corpus`), with the real chunk texts, offsets and keyword
index but random unit vectors in place of embeddings, so nothing is embedded. Latency
does not depend on what the vectors mean (random ones are if anything harder for
Chroma's HNSW search), but the answers do: this measures speed only; `python -m
scripts.bench` measures both on a real ingest.

Then, in fresh processes: `qa.ask` warm p50/p95 over 60 different questions with the
store's freshness check forced on each (as when questions come more than
`RECHECK_S` apart), and the cold start of `articleqa ask` (median of 3).

`--gap S` waits S seconds before each timed question (caches and threads go cold in
between, as with real users); `--open` opens Chroma and loads its HNSW index before the
first question, as the web app does, so vector search uses it instead of the read
snapshot's exact scan (`vectorstore.reads.EXACT_SEARCH_MAX`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .corpus import WARMUP, saved_questions, write_work
from .measure import ENV, ROOT, VENV_BIN, latency_ms
from .ours import COLD_RUNS

__all__ = ["build", "main", "warm"]

VECTOR_DIMS = 384  # all-MiniLM-L6-v2's, so the store looks like a real one to Chroma
PUBLISH_BATCH = 200  # articles per `publish_many`


def build(work: Path, chunks: int, seed: int) -> None:
    """Write the corpus and its questions into `work`, and a store of it with random vectors."""
    import numpy as np

    from vectorstore import (
        Article,
        ArticleStore,
        Publication,
        StoreSettings,
        chunk_article,
        load_article,
    )

    corpus = work / "corpus"
    write_work(work, chunks, seed)
    store = ArticleStore(StoreSettings(store_dir=work / "store"))
    rng = np.random.default_rng(seed)

    def unit(n: int) -> np.ndarray:
        v = rng.standard_normal((n, VECTOR_DIMS)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    batch: list[Publication] = []
    for path in sorted(corpus.rglob("*.txt")):
        article = load_article(str(path.relative_to(corpus)), path, 1 << 30)
        assert isinstance(article, Article), article
        pieces = chunk_article(article)
        vectors = [unit(len(c.sentences)) for c in pieces]
        batch.append(Publication(article, pieces, unit(len(pieces)), vectors))
        if len(batch) == PUBLISH_BATCH:
            store.publish_many(batch)
            batch = []
    store.publish_many(batch)
    store.keyword_index()


def warm(store_dir: Path, questions: list[str], gap: float, open_: bool) -> dict[str, float | None]:
    """`Engine.ask` over `questions` after WARMUP untimed, the freshness check forced on each."""
    from qa import Settings
    from qa.engine import Engine

    engine = Engine(Settings(store_dir=store_dir))
    if open_:
        engine.store.open()
    for q in questions[:WARMUP]:
        engine.ask(q)
    samples = []
    for q in questions[WARMUP:]:
        time.sleep(gap)
        engine.store._cache.checked = float("-inf")  # the freshness check runs, as in use
        t = time.perf_counter()
        engine.ask(q)
        samples.append(time.perf_counter() - t)
    return {**latency_ms(samples), "chunks": engine.store.chunk_count()}


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.bench.scale`: build once, then time warm questions and cold starts."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench.scale", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--gap", type=float, default=0.0, help="seconds before each question")
    parser.add_argument("--open", action="store_true", help="open Chroma first (web app)")
    parser.add_argument("--warm-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    env = {**os.environ, **ENV}
    args.work = args.work.resolve()  # the warm process runs from the repository root
    store_dir = args.work / "store"
    if args.warm_only:
        questions = [q for q, _ in saved_questions(args.work)]
        print(json.dumps(warm(store_dir, questions, args.gap, args.open)))
        return 0
    if not (store_dir / "chroma").is_dir():
        started = time.perf_counter()
        build(args.work, args.chunks, args.seed)
        print(f"built {args.chunks:,} chunks in {time.perf_counter() - started:.0f} s")
    cmd = [sys.executable, "-m", "scripts.bench.scale", "--work", str(args.work), "--warm-only"]
    cmd += ["--gap", str(args.gap)] + (["--open"] if args.open else [])
    warm_result = json.loads(
        subprocess.run(
            cmd, env=env, capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.splitlines()[-1]
    )
    question = saved_questions(args.work)[0][0]
    cold = []
    for _ in range(COLD_RUNS):
        t = time.perf_counter()
        subprocess.run(
            [
                str(VENV_BIN / "articleqa"),
                "--store",
                str(store_dir),
                "ask",
                question,
            ],
            env=env,
            capture_output=True,
            check=True,
        )
        cold.append(time.perf_counter() - t)
    print(
        f"{warm_result['chunks']:,} chunks (gap {args.gap} s, "
        + ("Chroma's HNSW index" if args.open else "the snapshot's exact scan")
        + f"): qa.ask warm p50 {warm_result['p50_ms']:.1f} ms, "
        f"p95 {warm_result['p95_ms']:.1f} ms; cold start of `articleqa ask` "
        f"{statistics.median(cold):.2f} s (median of {COLD_RUNS}); load average "
        + " / ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
