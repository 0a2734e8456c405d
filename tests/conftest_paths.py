"""Paths of the shipped test data and small server helpers, importable by test modules."""

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
RELATED = DATA / "related"
SEED_ID = "000_11571fa2a61f8d64.txt"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a server process, killing it if it does not stop within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def launch(settings: Any) -> Iterator[str]:
    """Serve the real web app for `settings` on 127.0.0.1; yield its URL; close it after."""
    import ui

    app = ui.build_app(settings)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def client(url: str) -> Any:
    """A gradio_client for the app at `url` (it keeps its own session)."""
    from gradio_client import Client

    return Client(url, verbose=False)
