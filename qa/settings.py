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
    llm_base_url: str = field(
        default="http://127.0.0.1:11434/v1",
        metadata=_help(
            "OpenAI-compatible endpoint of the `openai` backend (Ollama, vLLM, llama.cpp, "
            "LM Studio, OpenAI)"
        ),
    )
    llm_model: str = field(
        default="smollm2:135m",
        metadata=_help("model name sent to the LLM endpoint (as the server lists it)"),
    )
    llm_api_key: str = field(
        default="not-needed",
        metadata=_help("API key for the LLM endpoint; local servers ignore it"),
    )
    llm_timeout: float = field(
        default=60.0,
        metadata=_help("seconds before an LLM request (connect or read) is given up"),
    )
    llm_max_tokens: int = field(
        default=256, metadata=_help("most tokens the LLM may generate for one reply")
    )
    llm_fallback: bool = field(
        default=True,
        metadata=_help("when the LLM fails, answer extractively with a notice (False: fail)"),
    )
