"""The benchmark package (`scripts/bench/`): its parts that must not drift unnoticed.

A full run takes minutes, so these check what a refactor could silently break: the corpus
is the same for the same seed, latency uses the harness's one percentile, the report
survives missing measurements, and `python -m scripts.bench` and its worker processes
find the code from the repository root (no `sys.path` edits anywhere).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qa.eval.metrics import percentile
from scripts.bench import format_table, generate_corpus, latency_ms, run_worker

from .conftest_paths import ROOT


def test_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path / "a", 40, seed=7, questions=10)
    again = generate_corpus(tmp_path / "b", 40, seed=7, questions=10)
    assert first == again and first["chunks"] >= 40
    texts = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert texts == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in texts:
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()
    questions = [q for q, _ in first["questions"]]
    assert len(questions) == 10 == len(set(questions))
    assert {a for _, a in first["questions"]} <= set(texts)


def test_latency_uses_the_harness_percentile() -> None:
    samples = [0.031, 0.012, 0.047, 0.020, 0.019, 0.100, 0.025]
    got = latency_ms(samples)
    for key, q in (("p50_ms", 50), ("p95_ms", 95), ("max_ms", 100)):
        want = percentile(samples, q)
        assert want is not None and got[key] == pytest.approx(want * 1000)
    assert got["n"] == 7
    assert latency_ms([])["p95_ms"] is None


def test_report_shows_n_a_for_what_was_not_measured() -> None:
    result = {"target_chunks": 100, "corpus": {"chars": 1000}, "ours_query": {"p95_ms": None}}
    table = format_table([result])
    assert "| 100 | query p95 ms (warm) | n/a | n/a | n/a |" in table


def test_a_worker_runs_in_a_fresh_interpreter_from_the_repository_root() -> None:
    result = run_worker("cold", [sys.executable, "-c", "pass"], {})
    assert result["seconds"] > 0 and result["wall_s"] >= result["seconds"]
    with pytest.raises(ValueError, match="the workers are: ours_ingest"):
        run_worker("no_such_worker")


@pytest.mark.parametrize(
    "module", ["scripts.bench", "scripts.bench.scale", "scripts.bench.answers"]
)
def test_the_documented_commands_start(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"usage: python -m {module}" in done.stdout


def test_answers_at_scale_counts_the_facts_article_and_names_each_miss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scripts.bench.answers import main
    from scripts.bench.ours import query
    from vectorstore import StoreSettings

    assert main(["--chunks", "40", "--work", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "fact's article cited: " in printed
    questions = json.loads((tmp_path / "questions.json").read_text(encoding="utf-8"))
    # the store is built once, then reused; the benchmark's own query counts the misses
    result = query(tmp_path / "store", StoreSettings().embedding_backend, questions, gap=0.0)
    assert result["n"] == 60 and 0 <= result["hits"] <= 60
    assert len(result["misses"]) == result["n"] - result["hits"]
    assert f"{result['hits']} of 60" in printed
