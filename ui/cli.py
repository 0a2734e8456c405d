"""`articleqa serve`: registered through the `articleqa.commands` entry point.

It takes the `Settings` the `articleqa` group built from `--store`, `--chroma-url` and
`--backend` (or builds them from the environment when run on its own), builds the app
with `ui.build_app` and serves it on 127.0.0.1 unless told otherwise; binding any other
address is said out loud, because the app has no login and lets anyone who reaches it
upload and remove articles.

The page comes first: only gradio and the app's own modules are imported before it is
served; the embedding model, the keyword index and the store load afterwards (a
question asked meanwhile says "Loading the model…" and is answered once they are).
"""

from __future__ import annotations

import ipaddress
import time

import click

from qa import ArticleQAError, Settings
from vectorstore import set_library_environment

__all__ = ["non_loopback_warning", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


def non_loopback_warning(host: str) -> str | None:
    """The warning for binding `host`, or None when only this machine can connect.

    >>> non_loopback_warning("127.0.0.1") is None, non_loopback_warning("localhost") is None
    (True, True)
    >>> non_loopback_warning("0.0.0.0")[:40]
    'Warning: serving on 0.0.0.0, which other'
    """
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:
        pass
    return (
        f"Warning: serving on {host}, which other machines can reach. The app has no login: "
        "anyone who can connect can read the articles, upload and remove them. "
        "Use the default 127.0.0.1 unless you mean it."
    )


@click.command()
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to bind; anything but a loopback address exposes the app to the network.",
)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port to serve on.")
def serve(host: str, port: int) -> None:
    """Serve the chat web app (open the printed URL in a browser)."""
    root = click.get_current_context().find_root().obj
    settings = root if isinstance(root, Settings) else Settings.from_env()
    set_library_environment(settings)  # before gradio and the model are imported
    warning = non_loopback_warning(host)
    if warning:
        click.echo(warning, err=True)
    try:
        from .app import build_app
        from .chat import Chat

        chat = Chat(settings)
        app = build_app(settings, chat)
    except ArticleQAError as e:
        raise click.ClickException(str(e)) from e
    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    store = settings.chroma_url or settings.store_dir
    click.echo(f"Article QA: serving the articles in {store}", err=True)
    click.echo(f"Article QA: open http://{local}:{port} in a browser; Ctrl-C to stop.", err=True)
    app.launch(server_name=host, server_port=port, show_error=True, prevent_thread_lock=True)
    click.echo("Article QA: loading the model (a question asked meanwhile waits)…", err=True)
    started = time.perf_counter()
    try:
        chat.load()
        click.echo(f"Article QA: ready ({time.perf_counter() - started:.1f} s).", err=True)
    except ArticleQAError as e:  # each question says it too, and loading is tried again
        click.echo(f"Article QA: {e}", err=True)
    except KeyboardInterrupt:  # Ctrl-C while loading: stop the server as block_thread does
        app.close()
        return
    app.block_thread()
