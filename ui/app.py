"""The Gradio web app: `build_app(settings)` builds it, `launch()` serves it (separately).

A thin layer over `qa` and `vectorstore`: the Chat tab streams answers from `ui.chat`
with a sources panel beside it, the Articles tab lists, uploads and removes articles
through `ui.uploads`, and the Settings accordion picks the answer backend and the number
of passages. Each browser session (and each `gradio_client.Client`) has its own
`gr.State` conversation. The API endpoint `/ask` returns `{"answer", "citations",
"abstained", ...}` as JSON; `/new_conversation` clears the caller's conversation;
`/download_conversation` gives it as a Markdown file, as the "Download conversation"
button does; `/vote` records a vote on an answer as the thumbs under it do (`ui.votes`).
Everything shown is escaped text (see `ui.render`). gradio is imported on first use.

The queue is configured here, once, by the constants below: questions from every chat
event share one pool of `CHAT_CONCURRENCY` slots, uploads and removals run one at a time,
and at most `QUEUE_MAX_SIZE` events wait; past that gradio refuses at once (HTTP 503,
"This application is currently busy. Please try again." in the page, `QueueError` in
`gradio_client`) instead of leaving people on a spinner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qa import ArticleQAError, Settings, available_backends
from vectorstore import set_library_environment

from .articles_tab import Catalog, build_articles_tab, catalog
from .chat import Chat, Conversation, conversation_file
from .gradio_import import import_gradio
from .render import EMPTY_SOURCES, render_articles, render_upload_messages
from .style import CSS, theme
from .uploads import Outcome, add_uploads, remove_article
from .votes import build_vote_box, wire_votes

if TYPE_CHECKING:
    from types import ModuleType

    import gradio as gr

__all__ = ["build_app", "require_gradio"]

MAX_TOP_K = 20  # upper end of the "passages retrieved" slider
UPLOAD_CEILING = 5  # gradio itself refuses uploads over this many times max_file_mb
INSTALL_HINT = "The web app needs gradio: run `pip install 'gradio>=6'` (or `make install`)."

# The queue, deliberately (gradio's defaults are one job per event and an unbounded queue).
# Answering is CPU work (query and sentence embeddings, BM25) on a small machine: running
# more questions at once does not finish them sooner, but the web chat holds its slot while
# it paces the streamed answer (mostly sleeping), so a few more slots than cores keep
# several streams flowing; 8 also bounds threads and memory (gradio's thread pool is 40).
# 64 waiting events is about a minute of answering at 1-2 answers/s on 2 shared cores (see
# the README's measured p95): past that, "busy, try again" beats an endless spinner, and 64
# still holds 20 simultaneous conversations plus their page loads.
CHAT_CONCURRENCY = 8  # questions answered at once, over all chat events together
CHAT_QUEUE = "chat"  # the concurrency_id those chat events share
WRITE_CONCURRENCY = 1  # uploads and removals: one writer to the store at a time
WRITE_QUEUE = "store-writes"  # the concurrency_id uploads and removals share
DEFAULT_CONCURRENCY = 4  # every other event (page load, refresh, new conversation): cheap
QUEUE_MAX_SIZE = 64  # events waiting, all kinds together; one more is refused at once

HEADER = (
    "<h1>Article QA</h1><p>Ask about the indexed news articles. Every answer quotes the "
    "articles word for word; its numbered markers point to the sources beside the chat.</p>"
)
PLACEHOLDER = (
    "<strong>Ask a question about the articles</strong><br>"
    "Answers are quoted from the articles, with numbered sources. Follow-up questions "
    "keep the context."
)
NO_ARTICLES = (
    "<strong>No articles are indexed yet</strong><br>Add some in the Articles tab, "
    "or run <code>articleqa ingest PATH</code>."
)


def require_gradio() -> ModuleType:
    """Import gradio (analytics off; see `ui.gradio_import`), or say how to install it."""
    set_library_environment()
    try:
        return import_gradio()
    except ImportError as e:
        raise ArticleQAError(INSTALL_HINT) from e


def build_app(settings: Settings, chat: Chat | None = None) -> gr.Blocks:
    """The whole web app for `settings`; call `.launch(...)` on it to serve it.

    Building it loads no model and opens no store: `chat.load()` does, after the page
    is served (`articleqa serve` calls it), or the first question does.

    >>> app = build_app(Settings.from_env())                          # doctest: +SKIP
    >>> app.launch(server_name="127.0.0.1", server_port=7860)         # doctest: +SKIP
    """
    set_library_environment(settings)  # offline before gradio imports huggingface_hub
    require_gradio()
    import gradio as gr
    from gradio.components.chatbot import ExampleMessage

    chat = chat or Chat(settings)
    backends = available_backends()

    class ArticleQAApp(gr.Blocks):
        """Blocks whose `launch()` defaults to our theme, CSS and upload ceiling."""

        def launch(self, *args: Any, **kwargs: Any) -> Any:
            kwargs.setdefault("css", CSS)
            kwargs.setdefault("theme", theme())
            kwargs.setdefault("max_file_size", int(settings.max_file_mb * UPLOAD_CEILING * 1e6))
            return super().launch(*args, **kwargs)

    with ArticleQAApp(title="Article QA", analytics_enabled=False) as app:
        conversation = gr.State(Conversation())
        gr.HTML(HEADER, elem_id="aqa-header", js_on_load=None)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=360):
                        chatbot = gr.Chatbot(
                            elem_id="aqa-chat",
                            height=470,
                            show_label=False,
                            render_markdown=False,  # messages are escaped HTML from ui.render
                            sanitize_html=True,
                            allow_tags=False,
                            latex_delimiters=[],
                            buttons=[],
                            feedback_options=("Like", "Dislike"),  # votes: ui.votes
                            placeholder=PLACEHOLDER,
                            layout="bubble",
                        )
                        votes = build_vote_box(gr)
                        with gr.Row():
                            question = gr.Textbox(
                                placeholder="Ask about the articles…",
                                show_label=False,
                                container=False,
                                scale=6,
                                max_lines=4,
                                elem_id="aqa-question",
                            )
                            ask = gr.Button(
                                "Ask", variant="primary", scale=1, min_width=80, elem_id="aqa-ask"
                            )
                        with gr.Row():
                            new = gr.Button(
                                "New conversation",
                                size="sm",
                                variant="secondary",
                                elem_id="aqa-new",
                            )
                            download = gr.DownloadButton(
                                "Download conversation",
                                size="sm",
                                variant="secondary",
                                interactive=False,
                                elem_id="aqa-download",
                            )
                        within = gr.Dropdown(
                            choices=[],
                            value=[],
                            multiselect=True,
                            label="Ask within (empty: all articles)",
                            elem_id="aqa-within",
                            # the list is filled per session; an id the store lacks gets
                            # qa's error naming the known ones, not gradio's
                            allow_custom_value=True,
                        )
                        with gr.Accordion("Settings", open=False, elem_id="aqa-settings"):
                            backend = gr.Dropdown(
                                choices=backends,
                                value=settings.backend if settings.backend in backends else None,
                                label="Answer backend",
                                elem_id="aqa-backend",
                            )
                            top_k = gr.Slider(
                                1,
                                max(MAX_TOP_K, settings.top_k),
                                value=settings.top_k,
                                step=1,
                                label="Passages retrieved per question",
                                elem_id="aqa-top-k",
                            )
                    with gr.Column(scale=2, min_width=300):
                        sources = gr.HTML(EMPTY_SOURCES, elem_id="aqa-sources", js_on_load=None)
                api_result = gr.JSON(visible=False)
                api_trigger = gr.Button(visible=False)
                api_download = gr.Button(visible=False)
                api_file = gr.File(visible=False)
            with gr.Tab("Articles", id="articles"):
                tab = build_articles_tab(gr, settings.max_file_mb)

        def shown(cat: Catalog) -> tuple[Any, str, Any, Any]:
            """Updates for the chat's examples, the article table and the remove list."""
            examples: list[ExampleMessage] = [{"text": q} for q in cat.examples]
            return (
                gr.Chatbot(
                    examples=examples or None,
                    placeholder=PLACEHOLDER if cat.records else NO_ARTICLES,
                ),
                render_articles(cat.records),
                gr.Dropdown(choices=cat.choices(), value=None),
                gr.Dropdown(choices=cat.choices()),  # "ask within": keeps what is picked
            )

        def refresh() -> tuple[Any, str, Any, Any]:
            try:
                return shown(catalog(chat.engine().store))
            except ArticleQAError as e:
                raise gr.Error(str(e)) from e

        def pick_example(evt: Any) -> str:
            value = evt.value
            return str(value.get("text", "") if isinstance(value, dict) else value)

        # gradio finds event data by the parameter's type hint, resolved at run time
        pick_example.__annotations__["evt"] = gr.SelectData

        def saved(state: Conversation) -> Any:
            """The download button holding the conversation so far (off before an answer)."""
            path = conversation_file(state)
            return gr.DownloadButton(value=path, interactive=path is not None)

        def locked() -> Any:
            return gr.DownloadButton(interactive=False)

        def new_conversation() -> tuple[list[Any], str, Conversation]:
            return [], EMPTY_SOURCES, Conversation()

        def ask_api(
            question: str,
            state: Conversation,
            backend: str | None,
            top_k: float | None,
            within: list[str] | None = None,
        ) -> tuple[dict[str, Any], Conversation]:
            try:
                return chat.ask_api(question, state, backend, top_k, within)
            except ArticleQAError as e:
                raise gr.Error(str(e)) from e

        tracker = gr.Progress()  # gradio spots a progress parameter by this default

        def upload(files: list[str] | None, progress: Any = tracker) -> tuple[Any, ...]:
            def step(done: int, total: int, message: str) -> None:
                progress((done, total), desc=message)

            outcomes: list[Outcome] = []
            if files:
                try:
                    outcomes = add_uploads(files, settings, chat.engine().store, step)
                except ArticleQAError as e:
                    outcomes = [Outcome(False, "upload", str(e))]
            lines = [(o.ok, o.name, o.message) for o in outcomes]
            return render_upload_messages(lines), *refresh(), None

        def remove(article_id: str | None) -> tuple[Any, ...]:
            if not article_id:
                nothing = render_upload_messages([(False, "remove", "choose an article first")])
                return nothing, *refresh()
            try:
                o = remove_article(article_id, settings, chat.engine().store)
            except ArticleQAError as e:
                o = Outcome(False, article_id, str(e))
            return render_upload_messages([(o.ok, o.name, o.message)]), *refresh()

        chat_inputs = [question, conversation, backend, top_k, within]
        chat_outputs = [chatbot, sources, conversation, question]
        private: dict[str, Any] = {"api_visibility": "private"}
        asking: dict[str, Any] = {
            "concurrency_id": CHAT_QUEUE,
            "concurrency_limit": CHAT_CONCURRENCY,
        }
        # The download button is off while a question is answered, then holds the file.
        for asked in (question.submit, ask.click):
            asked(locked, None, download, **private).then(
                chat.respond, chat_inputs, chat_outputs, **asking, **private
            ).then(saved, conversation, download, **private)
        chatbot.example_select(pick_example, None, question, **private).then(
            locked, None, download, **private
        ).then(chat.respond, chat_inputs, chat_outputs, **asking, **private).then(
            saved, conversation, download, **private
        )
        new.click(
            new_conversation, None, [chatbot, sources, conversation], api_name="new_conversation"
        ).then(saved, conversation, download, **private)
        chatbot.clear(new_conversation, None, [chatbot, sources, conversation], **private).then(
            saved, conversation, download, **private
        )
        wire_votes(gr, chat, chatbot, conversation, votes, resets=[new.click, chatbot.clear])
        api_download.click(
            conversation_file, conversation, api_file, api_name="download_conversation"
        )
        api_trigger.click(
            ask_api, chat_inputs, [api_result, conversation], api_name="ask", **asking
        )
        listing = [chatbot, tab.table, tab.remove_choice, within]
        writes: dict[str, Any] = {
            "concurrency_id": WRITE_QUEUE,
            "concurrency_limit": WRITE_CONCURRENCY,
        }
        tab.files.upload(
            upload, [tab.files], [tab.log, *listing, tab.files], api_name="upload", **writes
        )
        tab.remove_button.click(
            remove, [tab.remove_choice], [tab.log, *listing], api_name="remove_article", **writes
        )
        tab.refresh_button.click(refresh, None, listing, **private)
        app.load(refresh, None, listing, **private)
    app.queue(max_size=QUEUE_MAX_SIZE, default_concurrency_limit=DEFAULT_CONCURRENCY)
    return app
