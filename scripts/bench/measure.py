"""What every measurement of the benchmark shares: its environment and its units.

Why a module: ours, the baseline and the web app are measured in separate processes by
separate modules, and their figures only compare if they are taken the same way: the same
offline environment, peak memory read the same way, latency summarised by one definition.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

__all__ = ["ENV", "ROOT", "VENV_BIN", "dir_mb", "latency_ms", "peak_rss_mb"]

ENV = {  # every measured process runs offline, without telemetry or tokenizer threads
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
}
ROOT = Path(__file__).resolve().parents[2]  # the repository root: `-m scripts...` runs here
VENV_BIN = Path(sys.executable).parent  # where `articleqa` is installed beside this Python


def latency_ms(samples: list[float]) -> dict[str, float | None]:
    """p50, p95 and max in milliseconds of `samples` in seconds, and how many there were.

    The percentiles are the evaluation harness's (`qa.eval.metrics.percentile`, linear
    interpolation between ranks), so a p95 here and in `articleqa eval` mean the same;
    with no samples they are None (the report shows n/a).

    >>> latency_ms([0.010, 0.020, 0.030, 0.040, 0.050])
    {'p50_ms': 30.0, 'p95_ms': 48.0, 'max_ms': 50.0, 'n': 5}
    """
    from qa.eval.metrics import percentile  # lazily: ~0.4 s of imports a cold-start worker skips

    def ms(q: float) -> float | None:
        value = percentile(samples, q)
        return None if value is None else value * 1000

    return {"p50_ms": ms(50), "p95_ms": ms(95), "max_ms": ms(100), "n": len(samples)}


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set of this process (or, with RUSAGE_CHILDREN, its largest child), MB."""
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def dir_mb(path: Path) -> float:
    """Bytes of all files under `path`, in MB (1e6 bytes)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
