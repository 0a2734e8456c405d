"""Progress of `articleqa ingest` on stderr: the real CLI in a subprocess, on a real store.

Stderr is a pipe (a line per 10%), a pseudo-terminal (click's bar), or silenced with
`--quiet`; the report stays on stdout in every case. The callback itself is checked
through the library call.
"""

from __future__ import annotations

import doctest
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import qa.progress
from qa import Settings
from vectorstore import ingest

from .conftest_paths import ROOT

ARTICLEQA = [sys.executable, "-m", "qa.cli"]
TOPICS = [
    "harbour", "orchard", "railway", "glacier", "library",
    "vineyard", "lighthouse", "quarry", "observatory", "market",
]  # fmt: skip


def corpus(folder: Path) -> Path:
    """Ten short, distinct articles."""
    folder.mkdir()
    for i, topic in enumerate(TOPICS):
        (folder / f"{i:02d}_{topic}.txt").write_text(
            f"The {topic} reopens\n\nThe town's {topic} reopened on Monday after {i + 2} "
            f"years of repairs. The mayor said {i * 100 + 50} people came to see the {topic}. "
            f"Local traders expect more visitors to the {topic} this summer.\n",
            encoding="utf-8",
        )
    return folder


def run(*args: str, stderr: int = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ARTICLEQA, *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=300,
    )


def test_doctests() -> None:
    assert doctest.testmod(qa.progress).failed == 0


def test_ingest_calls_back_until_every_file_is_done(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    settings = Settings(store_dir=tmp_path / "store")
    report = ingest(
        [corpus(tmp_path / "articles")], settings, progress=lambda d, t, _: calls.append((d, t))
    )
    assert len(report.added) == 10
    assert calls[-1] == (10, 10)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.mark.slow
def test_a_pipe_gets_a_line_per_tenth_and_the_report_stays_on_stdout(tmp_path: Path) -> None:
    articles = corpus(tmp_path / "articles")
    result = run("--store", str(tmp_path / "store"), "ingest", str(articles))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("ingest: ")]
    assert [line.split(" files")[0] for line in lines] == [
        f"ingest: {n} of 10" for n in range(1, 11)
    ]
    assert "(100%)" in lines[-1] and "articles/s" in lines[-1]
    assert "10 added" in result.stdout and "ingest:" not in result.stdout


@pytest.mark.slow
def test_quiet_prints_nothing_on_stderr(tmp_path: Path) -> None:
    articles = corpus(tmp_path / "articles")
    result = run("--store", str(tmp_path / "store"), "ingest", "--quiet", str(articles))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "10 added" in result.stdout


@pytest.mark.slow
def test_a_terminal_gets_a_progress_bar(tmp_path: Path) -> None:
    articles = corpus(tmp_path / "articles")
    master, slave = pty.openpty()
    seen: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            seen.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        result = run("--store", str(tmp_path / "store"), "ingest", str(articles), stderr=slave)
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    assert result.returncode == 0
    shown = b"".join(seen).decode("utf-8", "replace")
    assert "ingesting" in shown and "10/10" in shown and "articles/s" in shown
    assert "ingest: " not in shown  # no plain lines on a terminal
    assert "10 added" in result.stdout
