"""The benchmark's report: one Markdown table of ours against the baseline, per size.

Why a module: the figures are read by people comparing ratios on a shared, noisy machine,
so the report states the command, the machine, its load average at the start and end,
what each side ran, and every failed step, beside the table. Pure functions of the
results dictionary the driver builds (and writes with `--out`), so an old JSON file can be
reported again.
"""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .baseline import BASELINE_K, CHUNK_CHARS, CHUNK_OVERLAP_CHARS
from .corpus import QUERIES, WARMUP
from .ours import COLD_RUNS

__all__ = ["VECTOR_PACKAGES", "Row", "format_table", "machine", "packages", "report", "table_rows"]

Row = tuple[str, float | None, float | None]  # (metric, ours, baseline); None: not measured


def table_rows(r: dict[str, Any]) -> list[Row]:
    """(metric, ours, baseline) for one size; a value is None where it was not measured."""

    def val(fn: Callable[[], float]) -> float | None:
        try:
            return float(fn())
        except (KeyError, TypeError, ValueError, ZeroDivisionError, statistics.StatisticsError):
            return None

    def cold(who: str, field: str, pick: Callable[[list[float]], float]) -> float | None:
        runs = [r[f"{who}_cold_{i}"][field] for i in range(COLD_RUNS) if f"{who}_cold_{i}" in r]
        return pick(runs) if runs else None

    oi, bi = r.get("ours_ingest", {}), r.get("base_ingest", {})
    chars = r["corpus"]["chars"]
    return [
        ("chunks", val(lambda: oi["chunks"]), val(lambda: bi["chunks"])),
        (
            "ingest chunks/s",
            val(lambda: oi["chunks"] / oi["seconds"]),
            val(lambda: bi["chunks"] / bi["seconds"]),
        ),
        (
            "ingest corpus kB/s",
            val(lambda: chars / 1e3 / oi["seconds"]),
            val(lambda: chars / 1e3 / bi["seconds"]),
        ),
        (
            "ingest share embedding %",
            val(lambda: 100 * oi["embed_seconds"] / oi["seconds"]),
            val(lambda: 100 * bi["embed_seconds"] / bi["seconds"]),
        ),
        ("ingest peak RSS MB", val(lambda: oi["rss_mb"]), val(lambda: bi["rss_mb"])),
        ("ingest s", val(lambda: oi["seconds"]), val(lambda: bi["seconds"])),
        (
            "re-ingest unchanged ms (baseline: all again)",
            val(lambda: 1000 * r["ours_reingest"]["seconds"]),
            val(lambda: 1000 * bi["seconds"]),
        ),
        (
            "first ingest / re-ingest (x faster)",
            val(lambda: oi["seconds"] / r["ours_reingest"]["seconds"]),
            1.0 if bi else None,  # the recipe re-embeds everything
        ),
        (
            "the same, whole processes with start-up (x faster)",
            val(lambda: oi["wall_s"] / r["ours_reingest"]["wall_s"]),
            1.0 if bi else None,
        ),
        (
            "query p50 ms (warm)",
            val(lambda: r["ours_query"]["p50_ms"]),
            val(lambda: r["base_query"]["p50_ms"]),
        ),
        (
            "query p95 ms (warm)",
            val(lambda: r["ours_query"]["p95_ms"]),
            val(lambda: r["base_query"]["p95_ms"]),
        ),
        (
            "fact's article cited (baseline: in top 4) %",
            val(lambda: r["ours_query"]["hit_pct"]),
            val(lambda: r["base_query"]["hit_pct"]),
        ),
        (
            "serving peak RSS MB (query process)",
            val(lambda: r["ours_query"]["rss_mb"]),
            val(lambda: r["base_query"]["rss_mb"]),
        ),
        ("web app peak RSS MB (VmHWM)", val(lambda: r["ours_webapp"]["hwm_mb"]), None),
        ("web app start to first page s", val(lambda: r["ours_webapp"]["ready_s"]), None),
        ("web app /ask p50 ms", val(lambda: r["ours_webapp"]["p50_ms"]), None),
        (
            "cold start to answer s (median)",
            cold("ours", "seconds", statistics.median),
            cold("base", "seconds", statistics.median),
        ),
        ("cold start peak RSS MB", cold("ours", "rss_mb", max), cold("base", "rss_mb", max)),
        ("store size MB", val(lambda: r["ours_store_mb"]), val(lambda: r["base_store_mb"])),
        (
            "load average 1 min, end of ingest",
            val(lambda: oi["load_1m"][1]),
            val(lambda: bi["load_1m"][1]),
        ),
        (
            "load average 1 min, end of query run",
            val(lambda: r["ours_query"]["load_1m"][1]),
            val(lambda: r["base_query"]["load_1m"][1]),
        ),
    ]


def format_table(results: list[dict[str, Any]]) -> str:
    """Every size's `table_rows` as one Markdown table with a ratio column."""
    lines = [
        "| size | metric | ours | baseline | ours/baseline |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        for metric, ours, base in table_rows(r):
            if metric.startswith("load average"):
                ratio = ""  # context for the row above, not a comparison
            else:
                ratio = f"{ours / base:.2f}x" if ours is not None and base else "n/a"
            lines.append(
                f"| {r['target_chunks']:,} | {metric} | {_cell(ours)} | {_cell(base)} | {ratio} |"
            )
    return "\n".join(lines)


# the packages whose versions move the sentence vectors (the int8 model is exported anew
# on each machine), hence answers' near-ties and timings
VECTOR_PACKAGES = ("onnxruntime", "transformers", "sentence-transformers", "tokenizers", "torch")


def packages() -> str:
    """The installed versions of `VECTOR_PACKAGES`: the same code answers a little
    differently when they change, so figures are compared only under the same line.

    >>> packages().startswith("onnxruntime ")
    True
    """
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return f"{name} {version(name)}"
        except PackageNotFoundError:
            return f"{name} not installed"

    return ", ".join(installed(name) for name in VECTOR_PACKAGES)


def machine() -> dict[str, Any]:
    """What the figures were measured on: CPUs, their model, memory, Python, platform,
    and the versions of the packages that make the vectors."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages(),
    }


def report(out: dict[str, Any]) -> str:
    """The header (command, machine, load, notes) and the table, as Markdown."""
    m, load0, load1 = out["machine"], out["load_start"], out["load_end"]
    lines = [
        f"command: `{out['command']}`",
        f"machine: nproc={m['nproc']}, {m['cpu_model'] or 'unknown CPU'}, "
        f"{m['memory_gb']:.0f} GB RAM, Python {m['python']}, {m['platform']}"
        + (f"; {m['packages']}" if m.get("packages") else ""),  # older JSON files lack it
        "load average (1/5/15 min): start "
        + " / ".join(f"{x:.2f}" for x in load0)
        + ", end "
        + " / ".join(f"{x:.2f}" for x in load1),
        f"embedding backend (ours): {out['embedding_backend']}; baseline: RecursiveCharacter"
        f"TextSplitter({CHUNK_CHARS}, {CHUNK_OVERLAP_CHARS}) + Chroma.from_documents + "
        f"HuggingFaceEmbeddings (same MiniLM), similarity_search(k={BASELINE_K})",
        f"started {out['started_at']}, took {out['seconds'] / 60:.1f} min ("
        + ", ".join(f"{r['target_chunks']:,}: {r['seconds'] / 60:.1f} min" for r in out["results"])
        + ")",
        f"query rows: {QUERIES} timed questions per size after {WARMUP} untimed, all different,"
        f" drawn from facts across the corpus, {out['question_gap_s']} s apart; ours = retrieval"
        " + extractive answer, baseline = retrieval only",
    ]
    skipped = [f"{r['target_chunks']:,}" for r in out["results"] if not r["baseline"]]
    if skipped:
        lines.append(
            f"baseline not run at {', '.join(skipped)} chunks (--no-baseline-large): its cells "
            "read n/a; the targets there are absolute (p95 < 50 ms, web app < 1 GB RSS) or "
            "ratios from the smaller sizes"
        )
    lines += ["", format_table(out["results"])]
    errors = [(r["target_chunks"], k, e) for r in out["results"] for k, e in r["errors"].items()]
    for size, key, error in errors:
        lines += ["", f"FAILED at {size:,}: {key}", error[-3000:]]
    return "\n".join(lines)


def _cell(x: float | None) -> str:
    return "n/a" if x is None else f"{x:,.1f}"
