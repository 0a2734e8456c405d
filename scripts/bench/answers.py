"""The benchmark's answers at scale, without its timings: which questions cite the fact's article.

From the repository root:

    .venv/bin/python -m scripts.bench.answers --chunks 100000 --work /tmp/answers100k

Builds (once; reused when `--work` already holds it) the benchmark's corpus
(`scripts.bench.corpus`) and a store of it by a real ingest with the default embeddings,
then asks its timed questions through `qa.ask` with the extractive backend, as
`scripts.bench.ours.query` does, and prints how many cite the fact's article and, for each
that does not, whether retrieval found that article and why the answer was given or
declined. Answers do not depend on the machine's load, so this runs beside anything; the
full benchmark (`python -m scripts.bench`) also times them and ingests against the recipe.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import QUERIES, WARMUP, generate_corpus
from .measure import ENV

__all__ = ["Answers", "ask_all", "main"]


@dataclass(frozen=True)
class Answers:
    """How many of the timed questions cite the fact's article, and the ones that do not."""

    hits: int
    asked: int
    misses: list[dict[str, str | bool]] = field(default_factory=list)


def ask_all(work: Path) -> Answers:
    """Ask the timed questions of the corpus in `work` of its store."""
    from qa import Settings, ask

    settings = Settings(store_dir=work / "store", backend="extractive")
    questions = json.loads((work / "questions.json").read_text(encoding="utf-8"))
    for question, _ in questions[:WARMUP]:
        ask(question, settings=settings)
    misses: list[dict[str, str | bool]] = []
    timed = questions[WARMUP:]
    for question, article in timed:
        answer = ask(question, settings=settings)
        if article in {c.source for c in answer.citations}:
            continue
        misses.append(
            {
                "question": question,
                "article": article,
                "retrieved": article in {p.source for p in answer.passages},
                "abstained": answer.abstained,
                "why": answer.explanation.why if answer.explanation else "",
            }
        )
    return Answers(len(timed) - len(misses), len(timed), misses)


def main(argv: list[str] | None = None) -> int:
    """`python -m scripts.bench.answers`: build once, then ask and print the misses."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench.answers", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    os.environ.update(ENV)
    work = args.work.resolve()
    if not (work / "store" / "chroma").is_dir():
        from qa import Settings
        from vectorstore import ingest

        facts = generate_corpus(work / "corpus", args.chunks, args.seed, questions=QUERIES + WARMUP)
        (work / "questions.json").write_text(json.dumps(facts["questions"]), encoding="utf-8")
        report = ingest([work / "corpus"], Settings(store_dir=work / "store"))
        print(f"ingested {report.chunks_written:,} chunks in {report.seconds:.0f} s")
    result = ask_all(work)
    share = 100 * result.hits / max(result.asked, 1)
    print(f"fact's article cited: {result.hits} of {result.asked} ({share:.1f}%)")
    for miss in result.misses:
        found = "retrieved" if miss["retrieved"] else "not retrieved"
        print(f"- {miss['question']} ({found}; {miss['why']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
