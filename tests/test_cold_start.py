"""Cold start: a new `articleqa ask` process answers without the heavy libraries.

With the `extractive` answer backend and `onnx` embeddings, a question needs the read
cache (`vectorstore.readcache`: BM25 and a memory-mapped snapshot), ONNX Runtime and
tokenizers, nothing more; not even chromadb once an ingest has left the cache on disk.
torch, transformers, sentence-transformers and langchain-core each cost a second or
more to import, chromadb about one, so importing any of them is a regression. The
tests look at `sys.modules` of real fresh processes; they never time anything (these
machines are shared and noisy).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vectorstore import ArticleStore, StoreSettings, ingest
from vectorstore.sharing import GENERATION_FILE

from .conftest_paths import ROOT, SEEDS

HEAVY = ("torch", "transformers", "sentence_transformers", "langchain_core")

# Runs the real CLI entry point, then writes every module the process imported.
_WRAPPER = """
import json, os, sys
from qa.cli import main
sys.argv[0] = "articleqa"
try:
    main()
finally:
    with open(os.environ["ARTICLEQA_TEST_MODULES"], "w") as f:
        json.dump(sorted(sys.modules), f)
"""


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLEQA_")}
    env.update(
        ARTICLEQA_EMBEDDING_BACKEND="onnx",
        XDG_CACHE_HOME=str(tmp / "cache"),  # the ONNX export goes here, not into ~/.cache
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
    )
    return env


def _articleqa(
    args: list[str], env: dict[str, str], modules: Path
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run `articleqa ARGS` in a fresh interpreter; its output and imported modules."""
    result = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "ARTICLEQA_TEST_MODULES": str(modules)},
        timeout=300,
    )
    return result, json.loads(modules.read_text())


def _loaded(modules: list[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


@pytest.fixture(scope="module")
def onnx_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A real store of seeds/ embedded with the onnx backend (its export made here, once)."""
    tmp = tmp_path_factory.mktemp("cold-start")
    env = _env(tmp)
    store = tmp / "store"
    result, _ = _articleqa(["--store", str(store), "ingest", str(SEEDS)], env, tmp / "m.json")
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stdout
    return store, env


@pytest.mark.slow
def test_ask_answers_without_heavy_imports(
    onnx_store: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    store, env = onnx_store
    args = ["--store", str(store), "--backend", "extractive", "ask", "How many children?"]
    result, modules = _articleqa(args, env, tmp_path / "modules.json")
    assert result.returncode == 0, result.stderr
    assert "1,049 children" in result.stdout
    assert "[1] Azerbaijan launches operation" in result.stdout
    assert _loaded(modules, "onnxruntime")  # the real model
    assert [m for m in HEAVY if _loaded(modules, m)] == []
    # the ingest left the read cache on disk: the question never opens Chroma
    assert not _loaded(modules, "chromadb")


@pytest.mark.slow
def test_reingesting_unchanged_files_loads_neither_model_nor_chroma(
    onnx_store: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    store, env = onnx_store
    args = ["--store", str(store), "ingest", str(SEEDS)]
    result, modules = _articleqa(args, env, tmp_path / "modules.json")
    assert result.returncode == 0, result.stderr
    assert "0 added, 0 updated, 1 unchanged" in result.stdout
    heavy = (*HEAVY, "onnxruntime", "chromadb")
    assert [m for m in heavy if _loaded(modules, m)] == []


def test_importing_the_query_path_stays_light() -> None:
    """Every module `articleqa ask` runs, imported in a fresh interpreter."""
    code = (
        "import sys\n"
        "import qa, qa.cli, qa.engine, qa.streaming, qa.backends\n"
        "import qa.backends.extractive, qa.backends.openai\n"
        "qa.Settings, qa.ask, qa.engine_for, qa.stream, qa.available_backends()\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_public_name_still_imports_from_qa() -> None:
    import qa

    missing = [name for name in qa.__all__ if getattr(qa, name, None) is None]
    assert missing == []
    assert qa.HybridRetriever.__module__ == "qa.langchain_retriever"
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        qa.nothing  # noqa: B018


def test_plugin_commands_load_only_when_needed(tmp_path: Path) -> None:
    """`--help` still lists `serve`, which `ask` never imports (`ui` is its plugin)."""
    helped, modules = _articleqa(["--help"], os.environ.copy(), tmp_path / "help.json")
    assert helped.returncode == 0, helped.stderr
    assert "serve" in helped.stdout and _loaded(modules, "ui")
    env = os.environ.copy()
    missing = tmp_path / "none"
    asked, modules = _articleqa(["--store", str(missing), "ask", "Hi?"], env, tmp_path / "a.json")
    assert asked.returncode == 3, asked.stderr  # no store: the friendly error, as before
    assert not _loaded(modules, "ui")


class _CountingStore(ArticleStore):
    """A real store that counts how often it lists every article."""

    listings = 0

    def fingerprint(self) -> str:
        type(self).listings += 1
        return super().fingerprint()


def test_a_new_process_finds_its_keyword_index_without_listing_articles(
    tmp_path: Path,
) -> None:
    """Listing every article takes seconds at 100k chunks; the store's generation, one
    read, names the keyword index on disk instead."""
    settings = StoreSettings(store_dir=tmp_path / "store")
    ingest([SEEDS], settings)
    (settings.store_dir / "lexical" / GENERATION_FILE).unlink()  # as a store of old
    built = _CountingStore(settings).keyword_index()
    assert _CountingStore.listings == 1
    second = _CountingStore(settings)  # what a new process starts with
    assert second.keyword_index().ids == built.ids
    assert _CountingStore.listings == 1
    # a write starts a new generation, so the record never outlives the state it names
    more = tmp_path / "more"
    more.mkdir()
    (more / "note.txt").write_text("A note\n\nThe ferry sails at noon.\n", encoding="utf-8")
    ingest([more], settings)
    third = _CountingStore(settings).keyword_index()
    assert set(third.ids) > set(built.ids)
    assert any(i.startswith("note.txt::") for i in third.ids)
