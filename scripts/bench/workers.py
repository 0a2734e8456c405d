"""Every measurement in a fresh interpreter: the benchmark's worker-process protocol.

Why: peak memory and start-up are only those of the thing measured if nothing ran before
it in the same process, and one measurement's caches must not flatter the next. So the
driver runs each worker function as

    python -m scripts.bench --worker '["ours_query", [args...]]'

from the repository root (so `-m` finds `scripts.bench`, and the checkout's `qa` and
`vectorstore` come first on the path), with the offline environment of `measure.ENV`.
The worker prints one JSON object as its last line of stdout; `run_worker` adds the wall
time of the whole process and the load average before and after it.

Arguments travel as JSON: a string that starts with "/" arrives as a `Path`, so the
protocol needs absolute paths (the driver's are).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import baseline, ours
from .measure import ENV, ROOT
from .webapp import webapp

__all__ = ["WORKERS", "run_worker", "worker_main"]

WORKERS: dict[str, Callable[..., dict[str, Any]]] = {  # name -> measurement
    "ours_ingest": ours.ingest,
    "ours_reingest": ours.reingest,
    "ours_query": ours.query,
    "cold": ours.cold,
    "webapp": webapp,
    "base_ingest": baseline.ingest,
    "base_query": baseline.query,
}


def run_worker(name: str, *args: Any) -> dict[str, Any]:
    """Run `WORKERS[name](*args)` in a fresh interpreter and return its JSON result."""
    if name not in WORKERS:
        raise ValueError(f"no worker {name!r}; the workers are: {', '.join(WORKERS)}")
    payload = json.dumps([name, [str(a) if isinstance(a, Path) else a for a in args]])
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--worker", payload],
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"worker {name} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - t0
    result["load_1m"] = [load, os.getloadavg()[0]]  # before, after
    return result


def worker_main(payload: str) -> None:
    """The worker's side: run the measurement `payload` names and print its JSON result."""
    name, args = json.loads(payload)
    typed = [Path(a) if isinstance(a, str) and a.startswith("/") else a for a in args]
    result = WORKERS[name](*typed)
    result["nice"] = os.getpriority(os.PRIO_PROCESS, 0)
    print(json.dumps(result))
