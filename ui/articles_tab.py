"""The Articles tab: what is indexed, uploading files, removing an article.

`catalog()` reads the store once for everything the page shows about it (the table, the
remove list and the example questions); `build_articles_tab()` lays out the components
inside the caller's `gr.Tab` and returns them for `ui.app` to wire.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vectorstore import SUPPORTED_SUFFIXES, ArticleRecord, ArticleStore

from .examples import example_questions
from .render import render_articles

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["ArticlesTab", "Catalog", "build_articles_tab", "catalog"]

EXAMPLE_SOURCES = 6  # most recently ingested articles the example questions are drawn from


@dataclass(frozen=True)
class Catalog:
    """The indexed articles (sorted by id) and example questions about them."""

    records: list[ArticleRecord] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def choices(self) -> list[tuple[str, str]]:
        """(label, id) pairs for the remove list."""
        return [(f"{r.title} — {r.id}", r.id) for r in self.records]


def catalog(store: ArticleStore) -> Catalog:
    """Read the store's article list, and the newest articles' text for the examples."""
    if not store.exists():
        return Catalog()
    records = store.list_articles()
    recent = sorted(records, key=lambda r: r.ingested_at, reverse=True)[:EXAMPLE_SOURCES]
    texts = store.get_articles([r.id for r in recent])
    return Catalog(records, example_questions([texts[r.id] for r in recent if r.id in texts]))


@dataclass(frozen=True)
class ArticlesTab:
    table: Any
    files: Any
    log: Any
    remove_choice: Any
    remove_button: Any
    refresh_button: Any


def build_articles_tab(gr: ModuleType, max_file_mb: float) -> ArticlesTab:
    """The tab's components, created inside the caller's `gr.Tab` context."""
    kinds = ", ".join(s for s in SUPPORTED_SUFFIXES if s not in (".markdown", ".htm"))
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            table = gr.HTML(render_articles([]), elem_id="aqa-articles", js_on_load=None)
            refresh = gr.Button(
                "Refresh list", size="sm", variant="secondary", elem_id="aqa-refresh"
            )
        with gr.Column(scale=2):
            files = gr.File(
                label=f"Add articles ({kinds}; up to {max_file_mb:g} MB each)",
                file_count="multiple",
                type="filepath",
                elem_id="aqa-upload",
            )
            log = gr.HTML("", elem_id="aqa-upload-log", js_on_load=None)
            remove_choice = gr.Dropdown(
                label="Remove an article",
                choices=[],
                value=None,
                allow_custom_value=True,
                elem_id="aqa-remove-choice",
            )
            remove = gr.Button(
                "Remove from the index", variant="stop", size="sm", elem_id="aqa-remove"
            )
    return ArticlesTab(table, files, log, remove_choice, remove, refresh)
