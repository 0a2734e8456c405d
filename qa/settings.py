"""`Settings`: every knob of Article QA, declared once, frozen, built at the entry point.

It extends `vectorstore.StoreSettings` (where the store knobs live, so that layer needs
nothing from this one) with the answering knobs. `Settings.from_env()` is the only
reader of `ARTICLEQA_*` environment variables; everything else takes a `Settings`.

>>> Settings(store_dir=Path("/tmp/s")).backend
'extractive'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vectorstore.settings import StoreSettings

__all__ = ["Settings"]


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True, kw_only=True)
class Settings(StoreSettings):
    """All settings; see `Settings.describe()` (and the README) for each one's meaning."""

    backend: str = field(
        default="extractive", metadata=_help("answer backend (see `articleqa backends`)")
    )
    top_k: int = field(default=8, metadata=_help("passages retrieved for each question"))
    candidates: int = field(
        default=20,
        metadata=_help("hits taken from each of vector and keyword search before fusion"),
    )
    min_confidence: float = field(
        default=0.40,
        metadata=_help("answer score below which the extractive backend declines to answer"),
    )
    max_question_chars: int = field(
        default=2000, metadata=_help("longer questions are refused with a message")
    )
