"""The Gradio web app over `qa`: `build_app(settings)` builds it, `articleqa serve` serves it.

`ui.render` (escaped HTML), `ui.examples` (example questions), `ui.uploads` (upload and
removal) and `ui.chat` (per-session conversations) import no gradio; `ui.app` is the
only module that lays out components, and it imports gradio on first use.
"""

from .app import build_app, require_gradio
from .chat import Chat, Conversation, answer_payload
from .examples import example_questions
from .render import paragraph_bounds, render_answer, render_sources
from .uploads import Outcome, add_uploads, remove_article, safe_name

__all__ = [
    "Chat",
    "Conversation",
    "Outcome",
    "add_uploads",
    "answer_payload",
    "build_app",
    "example_questions",
    "paragraph_bounds",
    "remove_article",
    "render_answer",
    "render_sources",
    "require_gradio",
    "safe_name",
]
