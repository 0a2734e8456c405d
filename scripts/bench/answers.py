"""The benchmark's answers at scale, without its timings: which questions cite the fact's article.

From the repository root:

    .venv/bin/python -m scripts.bench.answers --chunks 100000 --work /tmp/answers100k

Builds (once; reused when `--work` already holds it) the benchmark's corpus
(`scripts.bench.corpus`) and a store of it by the benchmark's own ingest
(`scripts.bench.ours.ingest`, default embeddings), then asks its timed questions with its
own `scripts.bench.ours.query` (no gap between them), and prints how many cite the fact's
article and, for each that does not, whether retrieval found that article and why the
answer was given or declined. Answers do not depend on the machine's load, so this runs
beside anything; the full benchmark (`python -m scripts.bench`) also times them and
ingests against the recipe.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .corpus import saved_questions, write_work
from .measure import ENV
from .ours import ingest, query

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.bench.answers`: build once, then ask and print the misses."""
    from vectorstore import StoreSettings

    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench.answers", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    os.environ.update(ENV)
    work = args.work.resolve()
    store, backend = work / "store", StoreSettings().embedding_backend
    if not (store / "chroma").is_dir():
        write_work(work, args.chunks, args.seed)
        built = ingest(work / "corpus", store, backend)
        print(f"ingested {built['chunks']:,} chunks in {built['seconds']:.0f} s")
    questions = saved_questions(work)
    result = query(store, backend, questions, gap=0.0)
    print(f"fact's article cited: {result['hits']} of {result['n']} ({result['hit_pct']:.1f}%)")
    for miss in result["misses"]:
        found = "retrieved" if miss["retrieved"] else "not retrieved"
        print(f"- {miss['question']} ({found}; {miss['why']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
