"""Ingest and ask against a real Chroma server (`chroma run`), as a deployment would.

The fixture starts Chroma's own server, shipped with the chromadb package, on a free
loopback port with its data in `tmp_path`, waits for its heartbeat, and stops it at
teardown. `.ci/run` needs nothing more than the venv.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa import Settings, ask
from vectorstore import ArticleStore, ingest

from .conftest_paths import free_port, stop

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMA = Path(sys.executable).parent / "chroma"
START_TIMEOUT = 60.0  # seconds for the server to answer its heartbeat


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = (tmp_path / "chroma.log").open("wb")
    server = subprocess.Popen(
        [
            str(CHROMA),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(f"chroma run exited: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"chroma run did not answer within {START_TIMEOUT:.0f} s")
            time.sleep(0.2)
        yield url
    finally:
        stop(server)
        log.close()


def test_ingest_and_ask_through_the_server(chroma_url: str, tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "local", chroma_url=chroma_url)
    report = ingest([ROOT / "seeds", ROOT / "tests" / "data" / "related"], settings)
    assert not report.failed and len(report.added) == 7, report.summary()
    assert not (tmp_path / "local" / "chroma").exists()  # the data went to the server

    again = ingest([ROOT / "seeds"], settings)  # a second client sees what the first wrote
    assert again.unchanged == ["000_11571fa2a61f8d64.txt"] and not again.changed

    answer = ask("How many children were evacuated?", settings=settings)
    assert "1,049" in answer.text, answer.text
    assert answer.citations and answer.citations[0].source == "000_11571fa2a61f8d64.txt"
    assert ArticleStore(settings).chunk_count() == report.chunks_written


def test_server_down_says_what_to_do(tmp_path: Path) -> None:
    from vectorstore import StoreError

    settings = Settings(store_dir=tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="chroma run"):
        ArticleStore(settings).chunk_count()
