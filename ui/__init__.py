"""The Gradio web app over `qa`: `build_app(settings)` builds it, `articleqa serve` serves it.

`ui.render` (escaped HTML), `ui.examples` (example questions), `ui.uploads` (upload and
removal), `ui.chat` (per-session conversations) and `ui.votes` (thumbs up and down, kept
as test cases) import no gradio; `ui.app` lays out the page and imports gradio on first
use, through `ui.gradio_import`.
"""

from .app import build_app, require_gradio
from .chat import Chat, Conversation, answer_payload
from .examples import example_questions
from .render import paragraph_bounds, render_answer, render_sources
from .uploads import Outcome, add_uploads, remove_article, safe_name
from .votes import record_vote, vote_note, withdraw_vote

__all__ = [
    "Chat",
    "Conversation",
    "Outcome",
    "add_uploads",
    "answer_payload",
    "build_app",
    "example_questions",
    "paragraph_bounds",
    "record_vote",
    "remove_article",
    "render_answer",
    "render_sources",
    "require_gradio",
    "safe_name",
    "vote_note",
    "withdraw_vote",
]
