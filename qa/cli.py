"""The `articleqa` command: a thin click wrapper over `vectorstore.ingest` and `qa.ask`.

Errors become one line on stderr and a non-zero exit code (see `EXIT_CODES` in the
README); nothing here holds logic the Python API lacks.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from vectorstore.errors import ArticleQAError
from vectorstore.settings import set_library_environment

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


class _PluginGroup(click.Group):
    """A group that loads plugin commands (`load_plugins`) only when they are asked for.

    `articleqa ask` then neither scans the installed packages' entry points nor imports
    the plugins (`ui`); `--help` and an unknown command name still see them all.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            load_plugins()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_plugins()
        return super().list_commands(ctx)


@click.group(cls=_PluginGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    _show_notices(sys.stderr)
    ctx.obj = Settings.from_env(store_dir=store_dir, chroma_url=chroma_url, backend=backend)
    set_library_environment(ctx.obj)  # before any command imports a library reading them


def _show_notices(stream: TextIO) -> None:
    """Show the library's notices (`vectorstore.notice`) as plain lines on `stream`.

    On a terminal each starts by clearing the line, so a notice printed while the
    progress bar is drawn does not run into it.
    """
    from vectorstore import NOTICE_LOGGER

    handler = logging.StreamHandler(stream)
    clear = "\r\x1b[K" if stream.isatty() else ""
    handler.setFormatter(logging.Formatter(clear + "%(message)s"))
    notices = logging.getLogger(NOTICE_LOGGER)
    notices.handlers[:] = [handler]
    notices.setLevel(logging.INFO)
    notices.propagate = False  # once, even with --verbose


_ARTICLE_OPTION = click.option(
    "--article",
    "articles",
    multiple=True,
    metavar="ID",
    help="Answer from this article only (repeat for several; ids as `articleqa articles` "
    "lists them). Default: every article.",
)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Remove indexed articles whose files are gone.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Show no progress on stderr (the report still prints)."
)
@click.pass_obj
@_friendly
def ingest(
    settings: Settings, paths: tuple[Path, ...], prune: bool, as_json: bool, quiet: bool
) -> None:
    """Index the articles in PATHS (files or folders of .txt/.md/.html/.pdf).

    Progress goes to stderr: a bar on a terminal, else a line per 10% of the files.
    """
    from vectorstore import NOTICE_LOGGER
    from vectorstore import ingest as run_ingest

    from .progress import IngestProgress

    if quiet:
        logging.getLogger(NOTICE_LOGGER).setLevel(logging.WARNING)
        report = run_ingest(paths, settings, prune=prune)
    else:
        with IngestProgress(sys.stderr) as progress:
            report = run_ingest(paths, settings, prune=prune, progress=progress)
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
@click.option(
    "--explain",
    is_flag=True,
    help="Also print why: the top candidates, each signal's and rule's part of their "
    "scores, and why the answer was given or declined.",
)
@_ARTICLE_OPTION
@click.pass_obj
@_friendly
def ask(
    settings: Settings, question: str, as_json: bool, explain: bool, articles: tuple[str, ...]
) -> None:
    """Answer one QUESTION about the indexed articles."""
    from .engine import engine_for
    from .terminal import print_answer, print_explanation, streamed

    engine = engine_for(settings)
    warming = engine.warm_up()
    try:
        sources = articles or None
        if as_json:
            answer = engine.ask(question, sources=sources)
            click.echo(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        else:
            answer = streamed(engine, question, [], sources)
            print_answer(answer)
            if explain:
                print_explanation(answer)
    finally:  # exiting while ONNX Runtime still loads the model aborts the process
        warming.join()


@cli.command()
@_ARTICLE_OPTION
@click.pass_obj
@_friendly
def chat(settings: Settings, articles: tuple[str, ...]) -> None:
    """A conversation in the terminal: follow-up questions keep their context."""
    from .engine import engine_for
    from .terminal import converse

    engine = engine_for(settings)
    warming = [engine.warm_up(), engine.store.open_if_large()]  # while the person types
    try:
        if articles:  # a wrong id is said before the first question, not after it
            engine.check_sources(articles)
        converse(engine, articles or None)
    finally:  # exiting while ONNX Runtime still loads the model aborts the process
        for thread in warming:
            thread.join()


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


EXIT_THRESHOLD = 6  # eval: a --min-*/--max-* threshold was missed


class _EvalCommand(click.Command):
    """Lets `--corpus A B C` stand for `--corpus A --corpus B --corpus C`.

    Paths after `--corpus` belong to it up to the next option; a `.jsonl` path is never
    an article, so `eval --corpus seeds set.jsonl` still finds its TESTSET.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        spread: list[str] = []
        greedy = False
        for arg in args:
            if arg.startswith("-"):
                greedy = arg == "--corpus"
            elif greedy and arg.endswith(".jsonl"):
                greedy = False
            elif greedy and spread[-1] != "--corpus":
                spread.append("--corpus")
            spread.append(arg)
        return super().parse_args(ctx, spread)


@cli.command(name="eval", cls=_EvalCommand)
@click.argument("testset", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--corpus",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Articles (files or folders) to ingest into a temporary store for this run; "
    "default: the configured store.",
)
@click.option(
    "--backend",
    "backends",
    multiple=True,
    help="Answer backend to evaluate; repeat for a side-by-side table.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a single-file HTML report with charts and every failing turn.",
)
@click.option("--min-answer-accuracy", type=click.FloatRange(0, 1), help="Gate: minimum.")
@click.option("--min-citation-precision", type=click.FloatRange(0, 1), help="Gate: minimum.")
@click.option("--min-citation-recall", type=click.FloatRange(0, 1), help="Gate: minimum.")
@click.option("--min-abstention-recall", type=click.FloatRange(0, 1), help="Gate: minimum.")
@click.option("--max-false-abstention", type=click.FloatRange(0, 1), help="Gate: maximum.")
@click.pass_obj
@_friendly
def eval_command(
    settings: Settings,
    testset: Path,
    corpus: tuple[Path, ...],
    backends: tuple[str, ...],
    as_json: bool,
    report_path: Path | None,
    min_answer_accuracy: float | None,
    min_citation_precision: float | None,
    min_citation_recall: float | None,
    min_abstention_recall: float | None,
    max_false_abstention: float | None,
) -> None:
    """Score answers, citations and refusals against TESTSET (JSON Lines).

    Each conversation is played turn by turn, with the system's own answers as history.
    Exits with code 6 when a --min-*/--max-* threshold is missed, naming which.
    """
    import dataclasses
    import tempfile

    from vectorstore import ingest as run_ingest

    from .eval import check_thresholds, evaluate, load_testset
    from .eval.report import format_table, require_matplotlib, write_html

    if report_path is not None:
        require_matplotlib()
    cases = load_testset(testset)
    given_min = {
        "answer_accuracy": min_answer_accuracy,
        "citation_precision": min_citation_precision,
        "citation_recall": min_citation_recall,
        "abstention_recall": min_abstention_recall,
    }
    limits_min = {k: v for k, v in given_min.items() if v is not None}
    given_max = {"false_abstention_rate": max_false_abstention}
    limits_max = {k: v for k, v in given_max.items() if v is not None}
    with tempfile.TemporaryDirectory(prefix="articleqa-eval-", ignore_cleanup_errors=True) as tmp:
        if corpus:
            settings = dataclasses.replace(settings, store_dir=Path(tmp), chroma_url=None)
            ingested = run_ingest(corpus, settings)
            for failure in ingested.failed:
                click.echo(f"  failed    {failure.path}: {failure.reason}", err=True)
            click.echo(f"corpus: {ingested.summary()}", err=True)
        turns = sum(1 for c in cases for t in c.turns if not t.context)  # scored ones
        length = turns * max(len(backends), 1)
        with click.progressbar(length=length, label="evaluating", file=sys.stderr) as bar:
            report = evaluate(cases, settings, backends or None, lambda _: bar.update(1))
    missed = check_thresholds(report, limits_min, limits_max)
    if as_json:
        out = report.to_dict()
        out["gate"] = {"minimum": limits_min, "maximum": limits_max, "missed": missed}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        skipped = f"; {len(cases.skipped)} malformed lines skipped" if cases.skipped else ""
        click.echo(f"{len(cases)} conversations, {turns} turns{skipped}")
        click.echo(format_table(report))
    for cid, index, source in report.missing:
        click.echo(
            f"Missing article: {cid} turn {index + 1} names {source}, which is not in the "
            "store (removed since?); its evidence cannot be found. Add the article back "
            "to replay that turn in full.",
            err=True,
        )
    if report_path is not None:
        write_html(report, report_path, limits_min, limits_max)
        click.echo(f"report written to {report_path}", err=True)
    for line in missed:
        click.echo(f"Threshold missed: {line}", err=True)
    if missed:
        sys.exit(EXIT_THRESHOLD)


@functools.cache  # once per process
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
    cli(prog_name="articleqa")


if __name__ == "__main__":
    main()
