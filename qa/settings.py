"""`Settings`: every knob of Article QA, declared once, frozen, built at the entry point.

It extends `vectorstore.StoreSettings` (where the store knobs live, so that layer needs
nothing from this one) with the answering knobs. `Settings.from_env()` is the only
reader of `ARTICLEQA_*` environment variables; everything else takes a `Settings`.

>>> Settings().backend
'extractive'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vectorstore.settings import StoreSettings, setting_help

__all__ = ["Settings"]


@dataclass(frozen=True, kw_only=True)
class Settings(StoreSettings):
    """All settings; see `Settings.describe()` (and the README) for each one's meaning."""

    backend: str = field(
        default="extractive", metadata=setting_help("answer backend (see `articleqa backends`)")
    )
    top_k: int = field(default=8, metadata=setting_help("passages retrieved for each question"))
    candidates: int = field(
        default=20,
        metadata=setting_help("hits taken from each of vector and keyword search before fusion"),
    )
    min_confidence: float = field(
        default=0.40,
        metadata=setting_help("answer score below which the extractive backend declines to answer"),
    )
    max_question_chars: int = field(
        default=2000, metadata=setting_help("longer questions are refused with a message")
    )
    llm_base_url: str = field(
        default="http://127.0.0.1:11434/v1",
        metadata=setting_help(
            "OpenAI-compatible endpoint of the `openai` backend (Ollama, vLLM, llama.cpp, "
            "LM Studio, OpenAI)"
        ),
    )
    llm_model: str = field(
        default="smollm2:135m",
        metadata=setting_help("model name sent to the LLM endpoint (as the server lists it)"),
    )
    llm_api_key: str = field(
        default="not-needed",
        metadata=setting_help("API key for the LLM endpoint; local servers ignore it"),
    )
    llm_timeout: float = field(
        default=60.0,
        metadata=setting_help("seconds before an LLM request (connect or read) is given up"),
    )
    llm_max_tokens: int = field(
        default=256, metadata=setting_help("most tokens the LLM may generate for one reply")
    )
    llm_fallback: bool = field(
        default=True,
        metadata=setting_help(
            "when the LLM fails, answer extractively with a notice (False: fail)"
        ),
    )
