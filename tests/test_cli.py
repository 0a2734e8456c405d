"""The real `articleqa` CLI in subprocesses: ingest, ask, --json, chat, errors, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vectorstore import StoreSettings, set_library_environment

from .conftest_paths import ROOT, SEED_ID, SEEDS

ARTICLEQA = [sys.executable, "-m", "qa.cli"]
_LIBRARY_VARIABLES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY")


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ARTICLEQA, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        input=stdin,
        env=env or os.environ.copy(),
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    result = run("--store", str(store), "ingest", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stdout
    return store


@pytest.mark.slow
def test_ingest_again_reports_unchanged(cli_store: Path) -> None:
    result = run("--store", str(cli_store), "ingest", str(SEEDS), "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert report["unchanged"] == [SEED_ID] and report["added"] == []


@pytest.mark.slow
def test_ask_prints_answer_and_numbered_citations(cli_store: Path) -> None:
    result = run("--store", str(cli_store), "ask", "How many children were evacuated?")
    assert result.returncode == 0, result.stderr
    assert "1,049" in result.stdout
    assert "  [1] Azerbaijan launches operation" in result.stdout


@pytest.mark.slow
def test_ask_json_is_the_answer(cli_store: Path) -> None:
    result = run("--store", str(cli_store), "ask", "Who reported the casualties?", "--json")
    data = json.loads(result.stdout)
    assert data["abstained"] is False
    quote = data["citations"][0]
    text = (SEEDS / SEED_ID).read_text(encoding="utf-8")
    assert text[quote["start"] : quote["end"]] == quote["quote"]


@pytest.mark.slow
def test_chat_keeps_follow_up_context(cli_store: Path) -> None:
    result = run(
        "--store",
        str(cli_store),
        "chat",
        stdin="How many people did Russia evacuate?\nAnd how many of them were children?\n\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("1,049") >= 2


def test_ask_without_a_store_says_to_ingest(tmp_path: Path) -> None:
    result = run("--store", str(tmp_path / "none"), "ask", "Anything?")
    assert result.returncode == 3
    assert "articleqa ingest" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "none").exists()  # asking never creates a store


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("   ", "empty"),
        ("?!?!", "no words"),
        ("x" * 5000, "characters long"),
    ],
)
@pytest.mark.slow
def test_bad_questions_get_one_clear_line(cli_store: Path, question: str, message: str) -> None:
    result = run("--store", str(cli_store), "ask", question)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_ingest_with_bad_files_exits_5_and_keeps_the_good(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Good title\n\nA fine article about rain.")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run("--store", str(tmp_path / "s"), "ingest", str(folder))
    assert result.returncode == 5
    assert "bad.txt: binary data" in result.stderr
    assert "1 added" in result.stdout


_GUARD = """
import os, socket
_log = os.environ["ARTICLEQA_TEST_NET_LOG"]
def _local(host):
    return isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost"))
def _record(what):
    with open(_log, "a") as f:
        f.write(what + "\\n")
_connect = socket.socket.connect
def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _record(f"connect {address[0]}")
        raise OSError("network blocked by the offline test")
    return _connect(self, address)
socket.socket.connect = connect
_gai = socket.getaddrinfo
def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _local(str(host)):
        _record(f"lookup {host}")
        raise socket.gaierror("lookups blocked by the offline test")
    return _gai(host, *args, **kwargs)
socket.getaddrinfo = getaddrinfo
"""


@pytest.mark.slow
def test_ingest_and_ask_never_touch_the_network(tmp_path: Path) -> None:
    """Fresh processes (model load included) with every non-loopback connection blocked."""
    (tmp_path / "guard").mkdir()
    (tmp_path / "guard" / "sitecustomize.py").write_text(_GUARD)
    log = tmp_path / "net.log"
    env = {k: v for k, v in os.environ.items() if k not in _LIBRARY_VARIABLES}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path / "guard"), str(ROOT)])
    env["ARTICLEQA_TEST_NET_LOG"] = str(log)
    store = str(tmp_path / "store")
    ingested = run("--store", store, "ingest", str(SEEDS), env=env)
    assert ingested.returncode == 0, ingested.stderr
    asked = run("--store", store, "ask", "How many children were evacuated?", env=env)
    assert asked.returncode == 0, asked.stderr
    assert "1,049" in asked.stdout
    assert not log.exists(), log.read_text()


def test_the_library_environment_is_set_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI sets these before any command imports a library that reads them (the test
    above runs without them); the offline switch follows the settings, and a telemetry
    choice the user made stands."""
    for name in (*_LIBRARY_VARIABLES, "GRADIO_ANALYTICS_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "True")
    set_library_environment(StoreSettings(offline=False))
    assert "HF_HUB_OFFLINE" not in os.environ and "TRANSFORMERS_OFFLINE" not in os.environ
    assert os.environ["ANONYMIZED_TELEMETRY"] == "False"
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "True"
    set_library_environment(StoreSettings())  # offline by default
    assert os.environ["HF_HUB_OFFLINE"] == os.environ["TRANSFORMERS_OFFLINE"] == "1"
