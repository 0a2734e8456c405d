"""The `articleqa` command: a thin click wrapper over `vectorstore.ingest` and `qa.ask`.

Errors become one line on stderr and a non-zero exit code (see `EXIT_CODES` in the
README); nothing here holds logic the Python API lacks.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from vectorstore.errors import ArticleQAError

from .settings import Settings

__all__ = ["main"]

EXIT_PARTIAL = 5  # ingest: some files failed, the others were ingested

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(fn: F) -> F:
    """Turn our errors into one clear line and their exit code."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ArticleQAError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(e.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder of the article store (default: $ARTICLEQA_STORE_DIR or "
    "~/.local/share/articleqa/store).",
)
@click.option("--chroma-url", default=None, help="Use a Chroma server at http://host:port.")
@click.option("--backend", default=None, help="Answer backend (see `articleqa backends`).")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.pass_context
@_friendly
def cli(
    ctx: click.Context,
    store_dir: Path | None,
    chroma_url: str | None,
    backend: str | None,
    verbose: bool,
) -> None:
    """Ask questions about news articles; every answer cites its exact passage."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    ctx.obj = Settings.from_env(store_dir=store_dir, chroma_url=chroma_url, backend=backend)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Remove indexed articles whose files are gone.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
@_friendly
def ingest(settings: Settings, paths: tuple[Path, ...], prune: bool, as_json: bool) -> None:
    """Index the articles in PATHS (files or folders of .txt/.md/.html/.pdf)."""
    from vectorstore import ingest as run_ingest

    report = run_ingest(paths, settings, prune=prune)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        for label, ids in (
            ("added", report.added),
            ("updated", report.updated),
            ("removed", report.removed),
            ("repaired", report.repaired),
        ):
            for item in ids:
                click.echo(f"  {label:9} {item}")
        for failure in report.failed:
            click.echo(f"  failed    {failure.path}: {failure.reason}", err=True)
        click.echo(report.summary())
    if report.failed:
        sys.exit(EXIT_PARTIAL)


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the whole Answer as JSON.")
@click.pass_obj
@_friendly
def ask(settings: Settings, question: str, as_json: bool) -> None:
    """Answer one QUESTION about the indexed articles."""
    from .engine import engine_for

    answer = engine_for(settings).ask(question)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print_answer(answer)


@cli.command()
@click.pass_obj
@_friendly
def chat(settings: Settings) -> None:
    """A conversation in the terminal: follow-up questions keep their context."""
    from .engine import engine_for

    engine = engine_for(settings)
    history: list[tuple[str, str]] = []
    click.echo("Ask about the articles. Empty line or Ctrl-D to quit; /new starts over.")
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
        try:
            answer = engine.ask(question, history)
        except ArticleQAError as e:
            if e.exit_code == 3:  # no store: nothing later can work either
                raise
            click.echo(f"Error: {e}", err=True)
            continue
        _print_answer(answer)
        history.append((question, answer.text))


@cli.command()
def backends() -> None:
    """List the answer and embedding backends."""
    from vectorstore import available_embedders

    from .backends import available_backends

    click.echo("answer backends:    " + ", ".join(available_backends()))
    click.echo("embedding backends: " + ", ".join(available_embedders()))


@cli.command()
@click.pass_obj
@_friendly
def articles(settings: Settings) -> None:
    """List the indexed articles."""
    from vectorstore import ArticleStore

    store = ArticleStore(settings)
    if not store.exists():
        click.echo("No articles indexed yet; run `articleqa ingest PATH`.")
        return
    for r in store.list_articles():
        click.echo(f"{r.id}\t{r.chunk_count} chunks\t{r.ingested_at}\t{r.title}")


def _print_answer(answer: Any) -> None:
    if answer.notice:
        click.echo(f"Note: {answer.notice}")
    click.echo(answer.text)
    for i, c in enumerate(answer.citations, 1):
        click.echo(f"  [{i}] {c.title} ({c.source}, chars {c.start}-{c.end}): “{c.quote}”")


def load_plugins() -> None:
    """Add commands registered under the `articleqa.commands` entry-point group.

    This is how `ui` adds `articleqa serve` without `qa` importing `ui` (the
    dependencies point one way: ui -> qa -> vectorstore), and how a third-party
    package would add its own command.
    """
    from importlib.metadata import entry_points

    for ep in entry_points(group="articleqa.commands"):
        if ep.name not in cli.commands:
            cli.add_command(ep.load(), ep.name)


def main() -> None:
    load_plugins()
    cli(prog_name="articleqa")


if __name__ == "__main__":
    main()
