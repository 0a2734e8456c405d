"""Streaming answers: `stream(question, history, settings)` yields text, then the `Answer`.

The CLI and the web UI show an LLM's words as they arrive. Every item but the last is
a `str` piece of the draft; the last is the verified `Answer`, whose text replaces the
draft (verification may drop sentences the draft had). A backend that cannot stream
(`extractive`) answers first and is then yielded in word-sized pieces, so callers
have one loop for both. A backend failure falls back exactly as `Engine.ask` does,
even mid-stream: the final `Answer` then carries the notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .answer import Answer
from .backends import AnswerBackend, create_backend, fall_back
from .conversation import Query
from .engine import Engine, engine_for, finish
from .errors import BackendError
from .settings import Settings

__all__ = ["StreamingBackend", "pieces", "stream", "stream_engine"]

History = Sequence[object]  # as `qa.engine.ask` takes it


@runtime_checkable
class StreamingBackend(Protocol):
    """A backend that can stream: `stream(query)` yields text pieces, then the `Answer`."""

    def stream(self, query: Query) -> Iterator[str | Answer]: ...


def stream(
    question: str,
    history: History = (),
    settings: Settings | None = None,
    sources: Iterable[str] | None = None,
) -> Iterator[str | Answer]:
    """Answer `question` piece by piece; the last item is the verified `Answer`.

    >>> for item in stream("Who proposed a ceasefire?", settings=s):  # doctest: +SKIP
    ...     print(item if isinstance(item, str) else item.citations, end="")
    """
    return stream_engine(
        engine_for(settings or Settings.from_env()), question, history, sources=sources
    )


def stream_engine(
    engine: Engine,
    question: str,
    history: History = (),
    backend: str | None = None,
    sources: Iterable[str] | None = None,
) -> Iterator[str | Answer]:
    """`stream` on a given engine (and optionally a backend other than the configured
    one, and only the `sources` articles)."""
    # Prepared before the first item, so a bad question or an empty store raises at once.
    query = engine.prepare(question, history, sources)
    return _stream(engine, query, backend or engine.settings.backend)


def pieces(text: str) -> list[str]:
    """`text` cut into word-sized pieces that join back to it.

    >>> pieces("It rained. [1]")
    ['It ', 'rained. ', '[1]']
    """
    return re.findall(r"\S+\s*", text) or ([text] if text else [])


def _stream(engine: Engine, query: Query, name: str) -> Iterator[str | Answer]:
    try:
        for item in _from_backend(create_backend(name, engine), query):
            yield finish(query, item) if isinstance(item, Answer) else item
    except BackendError as e:
        yield finish(query, fall_back(engine, query, name, e))


def _from_backend(backend: AnswerBackend, query: Query) -> Iterator[str | Answer]:
    if isinstance(backend, StreamingBackend):
        yield from backend.stream(query)
        return
    answer = backend.answer(query)
    yield from pieces(answer.text)
    yield answer
