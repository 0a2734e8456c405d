"""Article QA: conversational question answering over news articles, with exact citations.

>>> from qa import Settings, ask                      # doctest: +SKIP
>>> from vectorstore import ingest                    # doctest: +SKIP
>>> ingest(["seeds"], Settings(store_dir=p))          # doctest: +SKIP
>>> ask("Who evacuated civilians?", settings=Settings(store_dir=p))  # doctest: +SKIP
"""

from . import llm  # noqa: F401  (registers "openai"; langchain-openai loads on first use)
from .answer import Answer, Citation, Passage
from .backends import AnswerBackend, available_backends, register_backend
from .chain import build_chain
from .conversation import Query, build_query
from .engine import Engine, ask, engine_for
from .errors import (
    ArticleQAError,
    BackendError,
    NoArticlesError,
    QuestionError,
    StoreError,
)
from .evaluation import EvalReport, evaluate, load_testset
from .retrieval import HybridRetriever, Retriever
from .settings import Settings
from .streaming import stream

__all__ = [
    "Answer",
    "AnswerBackend",
    "ArticleQAError",
    "BackendError",
    "Citation",
    "Engine",
    "EvalReport",
    "HybridRetriever",
    "NoArticlesError",
    "Passage",
    "Query",
    "QuestionError",
    "Retriever",
    "Settings",
    "StoreError",
    "ask",
    "available_backends",
    "build_chain",
    "build_query",
    "engine_for",
    "evaluate",
    "load_testset",
    "register_backend",
    "stream",
]
