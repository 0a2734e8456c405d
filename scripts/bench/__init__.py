"""Benchmark Article QA against the plain LangChain + Chroma recipe on the same corpus.

From the repository root:

    .venv/bin/python -m scripts.bench --out b.json                         # ~1k, ~10k chunks
    .venv/bin/python -m scripts.bench --large --no-baseline-large          # adds ~100k (slow)
    .venv/bin/python -m scripts.bench --sizes 100000 --no-baseline-large --keep /tmp/b
    .venv/bin/python -m scripts.bench.scale --work /tmp/scale              # 100k, speed only
    .venv/bin/python -m scripts.bench.answers --work /tmp/answers         # answers only

The corpus is synthetic news, deterministic from `--seed`. The questions are drawn from
facts spread over the whole corpus, one per fact and all different, and asked 2.5 s apart
(`--question-gap`) as a person would, so no cache makes a warm question look faster than
it is in use. For each size, every measurement runs in its own subprocess, so peak memory
and start-up are those of a fresh process. Ratios, not absolute times, are what to
compare: these machines are shared and noisy, so the output states the machine and its
load average at the start and the end. Method and tables: docs/benchmark.md.

The modules, one concept each:

- `corpus`: the synthetic news corpus and the questions asked of it;
- `measure`: what every measurement shares: the offline environment, peak RSS, latency;
- `ours`: Article QA's ingest, re-ingest, warm questions and cold start;
- `webapp`: the real `articleqa serve`, asked through `gradio_client`, memory from /proc;
- `baseline`: the plain LangChain recipe, measured the same way;
- `workers`: the protocol that runs each measurement in a fresh interpreter;
- `report`: the Markdown table of ours against the baseline;
- `run`: every measurement at each size, in order; `python -m scripts.bench`;
- `scale`: query latency and cold start at 100k chunks without embedding;
  `python -m scripts.bench.scale` (not imported here, so `-m` runs it cleanly);
- `answers`: which questions cite the fact's article at any size, and why each miss
  missed; `python -m scripts.bench.answers` (not imported here either).
"""

from .corpus import generate_corpus
from .measure import latency_ms
from .report import format_table, report, table_rows
from .run import bench_size, main
from .workers import WORKERS, run_worker

__all__ = [
    "WORKERS",
    "bench_size",
    "format_table",
    "generate_corpus",
    "latency_ms",
    "main",
    "report",
    "run_worker",
    "table_rows",
]
