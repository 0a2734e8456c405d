"""Shared fixtures: the real embedding model (once per session) and real Chroma stores.

Nothing here fakes a model or a store: `seed_settings` is a real store in a temporary
folder holding the seed article and the related-topic distractor articles.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from qa import Settings
from vectorstore import ingest

from .conftest_paths import DATA, RELATED, ROOT, SEED_ID, SEEDS

__all__ = ["DATA", "RELATED", "ROOT", "SEEDS", "SEED_ID"]


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a store holding seeds/ and the distractors (ingested once)."""
    settings = Settings(store_dir=tmp_path_factory.mktemp("seed-store"))
    report = ingest([SEEDS, RELATED], settings)
    assert not report.failed, report.failed
    return settings


@pytest.fixture(scope="session")
def seed_only_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a store holding only seeds/."""
    settings = Settings(store_dir=tmp_path_factory.mktemp("seed-only-store"))
    ingest([SEEDS], settings)
    return settings


@pytest.fixture
def empty_settings(tmp_path: Path) -> Settings:
    """Settings for a store that does not exist yet."""
    return Settings(store_dir=tmp_path / "store")


@pytest.fixture
def seed_text() -> str:
    return (SEEDS / SEED_ID).read_text(encoding="utf-8")
