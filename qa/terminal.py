"""The terminal side of `articleqa ask` and `articleqa chat`: answers printed as they
stream, their numbered citations, the explanation, and the chat loop with its `/new` and
`/save FILE` commands. The click commands in `qa.cli` only parse options and call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from vectorstore.errors import ArticleQAError

__all__ = ["converse", "print_answer", "print_explanation", "save", "streamed"]


def converse(engine: Any, sources: Sequence[str] | None = None) -> None:
    history: list[tuple[str, Any]] = []  # (question, Answer): answers keep their citations
    click.echo(
        "Ask about the articles. Empty line or Ctrl-D to quit; /new starts over; "
        "/save FILE writes the conversation as Markdown."
    )
    while True:
        try:
            question = input("\n> ").strip()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if not question:
            return
        if question == "/new":
            history.clear()
            click.echo("(new conversation)")
            continue
        if question == "/save" or question.startswith("/save "):
            save(history, question.removeprefix("/save").strip())
            continue
        try:
            answer = streamed(engine, question, history, sources)
        except ArticleQAError as e:
            if e.exit_code == 3:  # no store: nothing later can work either
                raise
            click.echo(f"Error: {e}", err=True)
            continue
        print_answer(answer)
        history.append((question, answer))


def save(history: list[tuple[str, Any]], target: str) -> None:
    """`/save FILE`: write the conversation so far as Markdown, or say why not."""
    from .transcript import conversation_markdown

    if not target:
        click.echo("Usage: /save FILE (for example /save conversation.md)", err=True)
        return
    if not history:
        click.echo("Nothing to save yet: ask a question first.", err=True)
        return
    path = Path(target).expanduser()
    try:
        path.write_text(conversation_markdown(history), encoding="utf-8")
    except OSError as e:
        click.echo(f"Error: cannot write {path} ({e.strerror}); try another path.", err=True)
        return
    click.echo(f"(saved {len(history)} questions to {path})")


def streamed(
    engine: Any,
    question: str,
    history: list[tuple[str, Any]],
    sources: Sequence[str] | None = None,
) -> Any:
    """Print the answer as it arrives; return the final, verified `Answer`."""
    from .streaming import stream_engine

    shown = ""
    for item in stream_engine(engine, question, history, sources=sources):
        if isinstance(item, str):
            click.echo(item, nl=False)
            shown += item
        else:
            click.echo()
            if item.text.strip() != shown.strip():  # verification changed the draft
                click.echo(f"Verified answer: {item.text}")
            return item
    raise ArticleQAError("The answer stream ended without an answer; try again.")


def print_answer(answer: Any) -> None:
    if answer.notice:
        click.echo(f"Note: {answer.notice}")
    for i, c in enumerate(answer.citations, 1):
        click.echo(f"  [{i}] {c.title} ({c.source}, chars {c.start}-{c.end}): “{c.quote}”")


def print_explanation(answer: Any) -> None:
    click.echo("")
    if answer.explanation is None:
        click.echo(f"Why: the {answer.backend} backend gives no explanation of its own.")
    else:
        click.echo(answer.explanation.render())
    for c in answer.also:
        click.echo(f"  Also in the articles: {c.title} ({c.source}): “{c.quote}”")
