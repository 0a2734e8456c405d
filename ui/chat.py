"""The chat behind the web page: per-session conversations over `qa`, streamed.

A `Conversation` is the whole state of one browser session (or one `gradio_client`
client): the (question, answer text) pairs `qa` needs for follow-ups, the chat messages
as displayed, and a turn counter that keeps HTML ids unique. It is immutable and lives
in a `gr.State`, never in a module global, so two people never share a conversation.
`Chat` answers through `qa.engine_for(settings)` (one engine, hence one model and one
store client, for every session) and streams the finished answer word by word: the
extractive backend returns whole answers, so streaming is presentation only. Nothing
here imports gradio; `ui.app` wires it to components.

Loading the embedding model, the keyword index and the store takes seconds, so
`articleqa serve` serves the page first and calls `Chat.load()` afterwards. A question
asked meanwhile shows "Loading the model…" in the chat, waits for the load, and is then
answered; the `/ask` API simply waits.
"""

from __future__ import annotations

import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from qa import (
    Answer,
    ArticleQAError,
    Engine,
    FeedbackError,
    Settings,
    conversation_markdown,
    engine_for,
)

from .render import (
    EMPTY_SOURCES,
    PENDING_SOURCES,
    esc,
    render_answer,
    render_loading,
    render_pending,
    render_question,
    render_sources,
)

__all__ = ["TRANSCRIPT_FILE", "Chat", "Conversation", "answer_payload", "conversation_file"]

STREAM_DELAY_S = 0.03  # pause between streamed pieces (about 0.7 s for a whole answer)
TRANSCRIPT_FILE = "conversation.md"  # the name "Download conversation" saves under

Message = dict[str, str]
Update = tuple[list[Message], str, "Conversation", str]  # messages, sources, state, textbox


@dataclass(frozen=True)
class Conversation:
    """One session's conversation; every change returns a new one."""

    history: tuple[tuple[str, Answer], ...] = ()  # answers keep their citations
    messages: tuple[tuple[str, str], ...] = ()  # (role, HTML content) as displayed
    turn: int = 0
    sources: str = field(default=EMPTY_SOURCES, repr=False)
    turn_ids: tuple[str, ...] = ()  # one per history turn: names the votes on it
    answer_at: tuple[int, ...] = ()  # one per history turn: its answer's place in messages

    def chat(self, *extra: tuple[str, str]) -> list[Message]:
        """The messages for a `gr.Chatbot`, with `extra` ones appended."""
        return [{"role": r, "content": c} for r, c in (*self.messages, *extra)]

    def answered(self, question: str, answer: Answer, shown: str, sources: str) -> Conversation:
        """This conversation with one more turn: `answer` to `question`, shown as `shown`."""
        return Conversation(
            history=(*self.history, (question, answer)),
            messages=(*self.messages, ("user", render_question(question)), ("assistant", shown)),
            turn=self.turn + 1,
            sources=sources,
            turn_ids=(*self.turn_ids, uuid.uuid4().hex),
            answer_at=(*self.answer_at, len(self.messages) + 1),
        )

    def turn_at(self, message: int, shown: str | None = None) -> int:
        """The history index of the answer displayed as message number `message`.

        `shown`, when given, is that message's content as the page had it: a page showing
        another conversation (one replaced by "New conversation" since) is refused with a
        `FeedbackError` rather than matched to whatever answer now has that number.
        """
        if message in self.answer_at and (shown is None or shown == self.messages[message][1]):
            return self.answer_at.index(message)
        raise FeedbackError(
            "That answer is not in this conversation any more (a new conversation was "
            "started since), or it is not an answer; nothing was recorded."
        )


def answer_payload(answer: Answer) -> dict[str, Any]:
    """What the `/ask` API returns: answer text, structured citations, abstention.

    `passages` (the closest passages found) is filled only when the answer abstains.
    """
    return {
        "answer": answer.text,
        "citations": [asdict(c) for c in answer.citations],
        "abstained": answer.abstained,
        "passages": [asdict(p) for p in answer.passages] if answer.abstained else [],
        "notice": answer.notice,
        "backend": answer.backend,
        "query": answer.query,
    }


def conversation_file(conversation: Conversation | None) -> str | None:
    """The conversation as Markdown (`qa.conversation_markdown`) in a file of its own,
    for download; None before the first answer.

    Each call writes a fresh temporary folder (the system's, which gradio serves from),
    so two sessions never overwrite each other's file.
    """
    if conversation is None or not conversation.history:
        return None
    folder = Path(tempfile.mkdtemp(prefix="articleqa-conversation-"))
    path = folder / TRANSCRIPT_FILE
    path.write_text(conversation_markdown(conversation.history), encoding="utf-8")
    return str(path)


class Chat:
    """Answers questions for any number of sessions over one `Settings`."""

    def __init__(self, settings: Settings, stream_delay: float = STREAM_DELAY_S) -> None:
        self.settings = settings
        self.stream_delay = stream_delay
        self._engines: dict[int, Engine] = {}  # light copies for other `top_k`s
        self._lock = threading.Lock()
        self._loading = threading.Lock()  # one load at a time; later callers wait for it
        self._loaded = threading.Event()

    def engine(self, top_k: int | float | None = None) -> Engine:
        """The shared engine, or a light copy sharing its store for another `top_k`
        (kept, so its caches last across questions)."""
        with self._lock:  # the page's first refresh and `load()` may ask at once: one engine
            base = engine_for(self.settings)
            if top_k is None or int(top_k) == self.settings.top_k:
                return base
            k = int(top_k)
            if k not in self._engines:
                self._engines[k] = Engine(self.settings.replace(top_k=k), store=base.store)
            return self._engines[k]

    @property
    def loaded(self) -> bool:
        """Whether `load()` has finished, so a question is answered without waiting."""
        return self._loaded.is_set()

    def load(self) -> None:
        """Load the embedding model, the read cache and Chroma's vector index, once.

        A caller arriving while another thread loads waits for that load. Raises what
        loading raises (`ArticleQAError` says what to do); a failed load is tried again
        by the next caller, so a store created after the failure (an upload) is found.
        """
        if self._loaded.is_set():
            return
        with self._loading:
            if not self._loaded.is_set():
                self.warm_up()
                self._loaded.set()

    def warm_up(self) -> None:
        """The loading itself (see `load`, which callers use)."""
        engine = self.engine()
        engine.embed(["warm up"])
        if engine.store.exists():
            engine.keyword_index()
            engine.store.open()

    def answer(
        self,
        question: str,
        conversation: Conversation,
        backend: str | None = None,
        top_k: int | float | None = None,
        within: Sequence[str] | None = None,
    ) -> Answer:
        engine = self.engine(top_k)
        history = list(conversation.history)
        return engine.ask(question, history, backend or None, within_articles(within))

    def respond(
        self,
        question: str,
        conversation: Conversation,
        backend: str | None = None,
        top_k: int | float | None = None,
        within: Sequence[str] | None = None,
    ) -> Iterator[Update]:
        """Yield the chat as it fills: the question, then the answer word by word."""
        conversation = conversation or Conversation()
        if not (question or "").strip():
            yield conversation.chat(), conversation.sources, conversation, ""
            return
        turn = conversation.turn + 1
        asked = ("user", render_question(question))
        from qa.streaming import stream_engine

        answer: Answer | None = None
        shown = ""
        try:
            if not self.loaded:
                loading = conversation.chat(asked, ("assistant", render_loading()))
                yield loading, PENDING_SOURCES, conversation, ""
                self.load()
            pending = conversation.chat(asked, ("assistant", render_pending()))
            yield pending, PENDING_SOURCES, conversation, ""
            # Text pieces as the backend produces them (an LLM's tokens), then the
            # verified Answer, whose text replaces the draft.
            for item in stream_engine(
                self.engine(top_k),
                question,
                list(conversation.history),
                backend or None,
                within_articles(within),
            ):
                if isinstance(item, Answer):
                    answer = item
                    break
                shown += item
                piece = render_answer(shown, turn, 0, abstained=False, streaming=True)
                yield (
                    conversation.chat(asked, ("assistant", piece)),
                    PENDING_SOURCES,
                    conversation,
                    "",
                )
                time.sleep(self.stream_delay)
            if answer is None:
                raise ArticleQAError("The answer stream ended without an answer; try again.")
        except ArticleQAError as e:
            failed = ("assistant", f'<span class="aqa-error">{esc(str(e))}</span>')
            done = replace(conversation, messages=(*conversation.messages, asked, failed))
            yield done.chat(), done.sources, done, question
            return
        done = conversation.answered(
            question, answer, _final(answer, turn), self.sources(answer, turn)
        )
        yield done.chat(), done.sources, done, ""

    def sources(self, answer: Answer, turn: int) -> str:
        """The sources panel for `answer` (reads the cited articles' full text)."""
        spans = answer.passages if answer.abstained else [*answer.citations, *answer.also]
        ids = list(dict.fromkeys(s.source for s in spans))
        articles = self.engine().store.get_articles(ids) if ids else {}
        return render_sources(answer, articles, turn)

    def ask_api(
        self,
        question: str,
        conversation: Conversation,
        backend: str | None = None,
        top_k: int | float | None = None,
        within: Sequence[str] | None = None,
    ) -> tuple[dict[str, Any], Conversation]:
        """One answer as structured data; the conversation remembers it for follow-ups.

        Raises `ArticleQAError` (the caller turns it into the API's error).
        """
        conversation = conversation or Conversation()
        self.load()
        answer = self.answer(question, conversation, backend, top_k, within)
        final = _final(answer, conversation.turn + 1)
        return answer_payload(answer), conversation.answered(
            question, answer, final, conversation.sources
        )


def within_articles(chosen: Sequence[str] | str | None) -> list[str] | None:
    """The articles picked to ask within, as `qa.ask` takes them: an empty pick is every
    article (the picker's label says so), one id may come bare.

    >>> within_articles([]), within_articles("a.txt"), within_articles(["a.txt", "b.txt"])
    (None, ['a.txt'], ['a.txt', 'b.txt'])
    """
    if isinstance(chosen, str):
        chosen = [chosen] if chosen.strip() else []
    return list(chosen) if chosen else None


def _final(answer: Answer, turn: int) -> str:
    """`answer` as the chat shows it once complete."""
    return render_answer(
        answer.text,
        turn,
        len(answer.citations),
        abstained=answer.abstained,
        notice=answer.notice,
        explanation=answer.explanation,
    )
