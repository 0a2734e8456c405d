"""Article QA: conversational question answering over news articles, with exact citations.

>>> from qa import Settings, ask                      # doctest: +SKIP
>>> from vectorstore import ingest                    # doctest: +SKIP
>>> ingest(["seeds"], Settings(store_dir=p))          # doctest: +SKIP
>>> ask("Who evacuated civilians?", settings=Settings(store_dir=p))  # doctest: +SKIP

The public names below are imported on first use (PEP 562), so `import qa` stays cheap
and a question answered extractively never imports langchain-core: only the LangChain
surface (`build_chain`, `HybridRetriever`) and the `openai` backend load it. Built-in
answer backends register themselves when the registry is first consulted.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .answer import Answer, Citation, Explanation, Passage
    from .backends import AnswerBackend, available_backends, register_backend
    from .chain import build_chain
    from .conversation import Query, build_query
    from .engine import Engine, ask, engine_for
    from .errors import (
        ArticleQAError,
        BackendError,
        FeedbackError,
        NoArticlesError,
        QuestionError,
        StoreError,
        UnknownArticleError,
    )
    from .eval import EvalReport, evaluate, load_testset
    from .feedback import append_feedback, feedback_path, feedback_record, withdrawal_record
    from .history import HistoryTurn
    from .intent import Intent, analyse
    from .langchain_retriever import HybridRetriever
    from .retrieval import Retriever
    from .settings import Settings
    from .streaming import stream
    from .transcript import conversation_markdown

__all__ = [
    "Answer",
    "AnswerBackend",
    "ArticleQAError",
    "BackendError",
    "Citation",
    "Engine",
    "EvalReport",
    "Explanation",
    "FeedbackError",
    "HistoryTurn",
    "HybridRetriever",
    "Intent",
    "NoArticlesError",
    "Passage",
    "Query",
    "QuestionError",
    "Retriever",
    "Settings",
    "StoreError",
    "UnknownArticleError",
    "analyse",
    "append_feedback",
    "ask",
    "available_backends",
    "build_chain",
    "build_query",
    "conversation_markdown",
    "engine_for",
    "evaluate",
    "feedback_path",
    "feedback_record",
    "load_testset",
    "register_backend",
    "stream",
    "withdrawal_record",
]

# public name -> the submodule defining it
_HOMES = {
    "Answer": "answer",
    "Citation": "answer",
    "Passage": "answer",
    "Explanation": "answer",
    "HistoryTurn": "history",
    "Intent": "intent",
    "analyse": "intent",
    "AnswerBackend": "backends",
    "available_backends": "backends",
    "register_backend": "backends",
    "build_chain": "chain",
    "Query": "conversation",
    "build_query": "conversation",
    "Engine": "engine",
    "ask": "engine",
    "engine_for": "engine",
    "ArticleQAError": "errors",
    "BackendError": "errors",
    "FeedbackError": "errors",
    "NoArticlesError": "errors",
    "QuestionError": "errors",
    "StoreError": "errors",
    "UnknownArticleError": "errors",
    "EvalReport": "eval",
    "evaluate": "eval",
    "load_testset": "eval",
    "append_feedback": "feedback",
    "feedback_path": "feedback",
    "feedback_record": "feedback",
    "withdrawal_record": "feedback",
    "HybridRetriever": "langchain_retriever",
    "Retriever": "retrieval",
    "Settings": "settings",
    "stream": "streaming",
    "conversation_markdown": "transcript",
}


def __getattr__(name: str) -> Any:
    """Import a public name's submodule on first access, then keep the name here."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
