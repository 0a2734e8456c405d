"""`articleqa serve`: registered through the `articleqa.commands` entry point."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7860, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Serve the chat web app."""
    raise click.ClickException("the web app is not built yet; use `articleqa chat`")
