"""The real web app measured: `articleqa serve` asked through its API, its memory from /proc.

Why a module: the web app is what people use, and its figures (time to the first page,
`/ask` latency, peak RSS after answering) include Gradio and the server's threads, which
no in-process measurement sees. It starts the installed `articleqa serve` on a free
loopback port, asks through `gradio_client`, and reads the server's VmHWM (peak resident
set) from /proc, adding its child processes' if any. Linux only.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .measure import ENV, VENV_BIN, latency_ms

__all__ = ["WEB_QUESTIONS", "WEB_START_TIMEOUT_S", "webapp"]

WEB_QUESTIONS = 10  # questions asked through the web app while its memory is watched
WEB_START_TIMEOUT_S = 1800  # seconds the web app may take to answer its first page
STOP_TIMEOUT_S = 30  # seconds the server may take to exit after SIGTERM before SIGKILL


def webapp(store: Path, backend: str, questions: list[list[str]], gap: float) -> dict[str, Any]:
    """Serve `store` with the real `articleqa serve`, ask through its API, read its memory.

    Each question starts a new conversation and waits `gap` s first. The memory is the
    server's VmHWM after it started and answered `questions`, plus its children's.
    """
    from gradio_client import Client

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    argv = [str(VENV_BIN / "articleqa"), "--store", str(store), "serve"]
    argv += ["--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, **ENV, "ARTICLEQA_EMBEDDING_BACKEND": backend}
    log = store.parent / "webapp.log"
    t0 = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_served(url, server, log)
        ready = time.perf_counter() - t0
        started = _memory_mb(server.pid)
        client = Client(url, verbose=False)
        samples = []
        for q, _ in questions:
            client.predict(api_name="/new_conversation")
            time.sleep(gap)
            t = time.perf_counter()
            client.predict(q, api_name="/ask")
            samples.append(time.perf_counter() - t)
        served = _memory_mb(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return {
        **latency_ms(samples),
        "ready_s": ready,
        "rss_started_mb": started["rss_mb"],
        "hwm_mb": served["hwm_mb"],
        "rss_mb": served["rss_mb"],
        "children": served["children"],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_served(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Return once `url` answers; raise with the server's output if it exits or stalls."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + WEB_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"articleqa serve exited with {server.returncode}:\n{tail}")
        try:
            with opener.open(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise RuntimeError(f"articleqa serve did not answer {url} in {WEB_START_TIMEOUT_S} s")


def _memory_mb(pid: int) -> dict[str, Any]:
    """VmHWM and VmRSS of `pid` plus its child processes' VmHWM, in MB (from /proc)."""

    def status(p: int) -> dict[str, float]:
        fields = {}
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key] = int(value.split()[0]) / 1024  # kB
        return fields

    own = status(pid)
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            with contextlib.suppress(OSError, KeyError):  # gone already, or a zombie
                children.append({"pid": int(child), "hwm_mb": status(int(child))["VmHWM"]})
    return {
        "hwm_mb": own["VmHWM"] + sum(c["hwm_mb"] for c in children),
        "rss_mb": own["VmRSS"],
        "children": children,
    }
