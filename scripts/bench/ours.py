"""Article QA measured: ingest, re-ingest, warm questions, cold start.

Why a module: these are the measurements of our own system, each a worker function that
runs in a fresh process (see `workers`) and returns plain JSON-able figures, so peak memory
and start-up are those of a new process and not of whatever ran before.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from pathlib import Path
from typing import Any

from .corpus import WARMUP
from .measure import latency_ms, peak_rss_mb

__all__ = ["COLD_RUNS", "cold", "ingest", "query", "reingest"]

COLD_RUNS = 3  # cold starts per size; the median is reported


def ingest(corpus: Path, store: Path, backend: str) -> dict[str, Any]:
    """`vectorstore.ingest` of `corpus` into a new `store`: its time, embedding share, RSS."""
    from qa import Settings
    from vectorstore import ingest as ingest_corpus

    settings = Settings(store_dir=store, embedding_backend=backend)
    report = ingest_corpus([corpus], settings)
    if report.failed:
        raise RuntimeError(f"{len(report.failed)} files failed: {report.failed[:3]}")
    return {
        "seconds": report.seconds,
        "embed_seconds": report.embed_seconds,
        "chunks": report.chunks_written,
        "rss_mb": peak_rss_mb(),
    }


def reingest(corpus: Path, store: Path, backend: str) -> dict[str, Any]:
    """Ingest the unchanged `corpus` again; raise if anything was found changed."""
    from qa import Settings
    from vectorstore import ingest as ingest_corpus

    t0 = time.perf_counter()
    report = ingest_corpus([corpus], Settings(store_dir=store, embedding_backend=backend))
    if report.changed or report.failed:
        raise RuntimeError(f"re-ingest of the unchanged corpus changed it: {report.summary()}")
    return {
        "seconds": report.seconds,
        "process_seconds": time.perf_counter() - t0,
        "rss_mb": peak_rss_mb(),
    }


def query(store: Path, backend: str, questions: list[list[str]], gap: float) -> dict[str, Any]:
    """`qa.ask` (extractive) over `questions`, `gap` s apart after WARMUP untimed ones.

    A hit is an answer citing the article its question was drawn from; each miss is kept
    with whether retrieval found that article and why the answer was given or declined.
    """
    from qa import Settings, ask

    settings = Settings(store_dir=store, embedding_backend=backend, backend="extractive")
    t0 = time.perf_counter()
    for q, _ in questions[:WARMUP]:
        ask(q, settings=settings)
    warmup = time.perf_counter() - t0
    samples, hits, abstained = [], 0, 0
    misses: list[dict[str, Any]] = []
    for q, article_id in questions[WARMUP:]:
        time.sleep(gap)
        t = time.perf_counter()
        answer = ask(q, settings=settings)
        samples.append(time.perf_counter() - t)
        abstained += answer.abstained
        if article_id in {c.source for c in answer.citations}:
            hits += 1
            continue
        misses.append(
            {
                "question": q,
                "article": article_id,
                "retrieved": article_id in {p.source for p in answer.passages},
                "abstained": answer.abstained,
                "why": answer.explanation.why if answer.explanation else "",
            }
        )
    return {
        **latency_ms(samples),
        "hits": hits,
        "misses": misses,
        "hit_pct": 100 * hits / len(samples),
        "abstained_pct": 100 * abstained / len(samples),
        "warmup_s": warmup,
        "rss_mb": peak_rss_mb(),
    }


def cold(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Time one child process from start to exit; its peak RSS is this worker's only child."""
    t = time.perf_counter()
    done = subprocess.run(argv, env={**os.environ, **env}, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed: {done.stderr[-2000:]}")
    return {"seconds": seconds, "rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN)}
