"""Answer backends, chosen by name from a small registry (`registry`), and the built-ins:
`extractive` (offline, the default and the fallback) and `openai` (any OpenAI-compatible
chat server, its answers verified)."""

from .registry import (
    FALLBACK,
    AnswerBackend,
    available_backends,
    create_backend,
    fall_back,
    register_backend,
)

__all__ = [
    "FALLBACK",
    "AnswerBackend",
    "available_backends",
    "create_backend",
    "fall_back",
    "register_backend",
]
