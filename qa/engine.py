"""The core call: `ask(question, history, settings) -> Answer`.

The CLI, the web UI and the evaluation harness are thin wrappers over `ask`. An
`Engine` holds what is worth keeping between questions (the store client, the
embedding model, the keyword index); `engine_for(settings)` keeps one per settings.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from vectorstore import ArticleStore, LexicalIndex

from .answer import Answer
from .backends import create_backend, fall_back
from .conversation import Query, build_query
from .errors import BackendError, NoArticlesError, UnknownArticleError
from .places import with_countries
from .question import clean_question, correct_spelling, truecase
from .reading import spell_out_titles
from .retrieval import Retriever
from .scope import article_reference, resolve_reference
from .settings import Settings

__all__ = ["Engine", "ask", "engine_for", "finish"]

log = logging.getLogger(__name__)

# Earlier turns: (question, answer text) pairs, (question, Answer) pairs or Answers.
History = Sequence[object]
Sources = Iterable[str]  # article ids to answer from

EMBED_CACHE_TEXTS = 50_000  # sentences kept embedded in memory (~75 MB at 384 floats)


class Engine:
    """Store, retriever and models for one `Settings`."""

    def __init__(self, settings: Settings, store: ArticleStore | None = None) -> None:
        self.settings = settings
        self.store = store or ArticleStore(settings)
        self.retriever = Retriever(self.store, settings)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of `texts`, one row each, remembered across questions.

        Candidate sentences recur from question to question, so each is embedded once per
        process (up to `EMBED_CACHE_TEXTS`); only new texts reach the model. Each is
        embedded on its own: the int8 model scales activations per batch, so a text's
        vector would otherwise depend on what shared its batch (cosine 0.996 to itself),
        and a question's answer on what was asked before it.
        """
        with self._lock:
            new = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if new:
            vectors = self._embed_alone(new)
            with self._lock:
                for text, vector in zip(new, vectors, strict=True):
                    self._cache[text] = vector
                while len(self._cache) > EMBED_CACHE_TEXTS:
                    self._cache.popitem(last=False)
        with self._lock:
            rows = [self._cache.get(t) for t in texts]
        missing = [t for t, r in zip(texts, rows, strict=True) if r is None]
        if missing:  # evicted meanwhile by another thread: embed those directly
            extra = iter(self._embed_alone(missing))
            rows = [r if r is not None else next(extra) for r in rows]
        done: list[np.ndarray] = [r for r in rows if r is not None]
        return np.vstack(done) if done else np.zeros((0, 0), dtype=np.float32)

    def _embed_alone(self, texts: Sequence[str]) -> np.ndarray:
        embed = self.store.embeddings.embed_documents
        return np.asarray([embed([t])[0] for t in texts], dtype=np.float32)

    def keyword_index(self) -> LexicalIndex:
        return self.store.keyword_index()

    def warm_up(self) -> threading.Thread:
        """Load the embedding model on a background thread while the caller opens the
        store: model loading runs mostly outside the GIL, so a one-shot `articleqa ask`
        overlaps it with importing chromadb. A failure is left for the real call."""

        def load() -> None:
            try:
                self.store.embeddings.embed_query("warm up")
            except Exception as e:  # the first real embedding raises it, with its message
                log.debug("warm-up failed: %s", e)

        thread = threading.Thread(target=load, name="articleqa-warm-up", daemon=True)
        thread.start()
        return thread

    def prepare(
        self, question: str, history: History = (), sources: Sources | None = None
    ) -> Query:
        """Check and clean `question`, fix its typos, and put it in its conversation;
        `sources` (article ids) limits the answer to those articles, and so does a
        question that names one ("in the story about X, ..."; `qa.scope`), which is then
        searched and read without the words that name it.

        Raises `QuestionError` (`UnknownArticleError` for a source that is not indexed,
        or an empty choice) or `NoArticlesError` before any answering starts.
        """
        text = clean_question(question, self.settings.max_question_chars)
        if not self.store.exists():
            raise NoArticlesError(self.store.location)
        self.store.recheck()  # a question sees what another process published before it
        index = self.keyword_index()  # published chunks only; counting all costs O(store)
        if not index.ids:
            raise NoArticlesError(self.store.location)
        chosen = self.check_sources(sources)
        text = truecase(correct_spelling(text, index.word_df), index.names)
        asked = text
        reference = article_reference(text)  # "in the story about X, who ...?"
        if reference is not None:
            named = resolve_reference(reference.description, index, self.store.get_chunks, chosen)
            if named is not None:
                asked, chosen = reference.question, (named,)
        expanded = spell_out_titles(with_countries(asked))
        query = build_query(text, history, expanded if expanded != text else "")
        return replace(query, sources=chosen) if chosen is not None else query

    def check_sources(self, sources: Sources | None) -> tuple[str, ...] | None:
        """`sources` as article ids the store holds, or `UnknownArticleError` naming
        the ones it does not (and the ones it does). None means every article."""
        if sources is None:
            return None
        if isinstance(sources, str):  # one id given bare, not a list of one
            sources = [sources]
        chosen = tuple(dict.fromkeys(s.strip() for s in sources if s.strip()))
        known = self.store.published_ids()
        held = set(known)
        unknown = [s for s in chosen if s not in held]
        if unknown or not chosen:
            raise UnknownArticleError(unknown, known)
        return chosen

    def ask(
        self,
        question: str,
        history: History = (),
        backend: str | None = None,
        sources: Sources | None = None,
    ) -> Answer:
        query = self.prepare(question, history, sources)
        name = backend or self.settings.backend
        try:
            return finish(query, create_backend(name, self).answer(query))
        except BackendError as e:
            return finish(query, fall_back(self, query, name, e))


@functools.lru_cache(maxsize=8)
def engine_for(settings: Settings) -> Engine:
    """The shared `Engine` for `settings` (settings are frozen, hence a cache key)."""
    return Engine(settings)


def ask(
    question: str,
    history: History = (),
    settings: Settings | None = None,
    sources: Sources | None = None,
) -> Answer:
    """Answer `question` after `history`: earlier (question, answer text) pairs, or
    (question, `Answer`) pairs or `Answer`s, whose citations tell a follow-up which
    article the conversation is about. `sources` (article ids, as `articleqa articles`
    lists them) answers from those articles alone; None, the default, from all.

    >>> ask("How many children were evacuated?", settings=settings).text  # doctest: +SKIP
    'The Russian military said it has evacuated over 2,000 people, including 1,049 children. [1]'
    """
    return engine_for(settings or Settings.from_env()).ask(question, history, sources=sources)


def finish(query: Query, answer: Answer) -> Answer:
    """The answer as callers get it, from `ask` and `stream` alike: it knows its question,
    so it can be handed back as history."""
    return replace(answer, question=query.question)
