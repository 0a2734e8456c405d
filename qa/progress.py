"""How the CLI shows a long ingest's progress on stderr, as `vectorstore.ingest` reports it.

`vectorstore.ingest(..., progress=callback)` only calls back with (files done, files total,
message); it never prints. `IngestProgress` is that callback for a terminal: a click
progress bar (files done of total, articles/s, time left) when stderr is a terminal, a
plain line per tenth of the files when it is not (a log, CI, a pipe), so a long ingest is
visibly alive either way. The final report is the command's business, on stdout.

The concession: the count moves as files are read, and the embedding happens in groups
(`vectorstore.ingest.EMBED_GROUP_CHUNKS`), so the bar advances in steps and its time
left is an estimate from the rate so far.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any, TextIO

import click

__all__ = ["PROGRESS_STEPS", "IngestProgress", "progress_line"]

PROGRESS_STEPS = 10  # plain lines per ingest when stderr is not a terminal (one per 10%)


class IngestProgress:
    """A `vectorstore.ingest` progress callback drawing on `stream` (a context manager).

    >>> import io
    >>> out = io.StringIO()
    >>> with IngestProgress(out, clock=iter(range(0, 100, 2)).__next__) as progress:
    ...     for done in range(5):
    ...         progress(done, 4, "reading")
    >>> print(out.getvalue(), end="")
    ingest: 1 of 4 files (25%), 0.5 articles/s, about 6 s left
    ingest: 2 of 4 files (50%), 0.5 articles/s, about 4 s left
    ingest: 3 of 4 files (75%), 0.5 articles/s, about 2 s left
    ingest: 4 of 4 files (100%), 0.5 articles/s, 0 s left
    """

    def __init__(self, stream: TextIO, clock: Any = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.terminal = stream.isatty()
        self._started = clock()
        self._bar: Any = None  # click's ProgressBar, made once the total is known
        self._shown = 0  # files done as last drawn (the bar) or tenths printed (lines)

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if total <= 0:
            return
        if self.terminal:
            self._draw(done, total)
            return
        tenth = done * PROGRESS_STEPS // total
        if tenth > self._shown:
            self._shown = tenth
            line = progress_line(done, total, self.clock() - self._started)
            click.echo(line, file=self.stream)

    def _draw(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(
                length=total,
                label="ingesting",
                file=self.stream,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda rate: rate,
            )
            self._bar.__enter__()
        elapsed = self.clock() - self._started
        rate = f"{done / elapsed:.1f} articles/s" if elapsed > 0 and done else ""
        if done > self._shown:
            self._bar.update(done - self._shown, rate)
            self._shown = done

    def __enter__(self) -> IngestProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, tb)  # ends the bar's line


def progress_line(done: int, total: int, elapsed: float) -> str:
    """One plain progress line: files done of total, articles per second, time left.

    >>> progress_line(30, 120, 6.0)
    'ingest: 30 of 120 files (25%), 5.0 articles/s, about 18 s left'
    >>> progress_line(120, 120, 24.0)
    'ingest: 120 of 120 files (100%), 5.0 articles/s, 0 s left'
    """
    rate = done / elapsed if elapsed > 0 else 0.0
    left = (
        "0 s left"
        if done >= total
        else (f"about {(total - done) / rate:.0f} s left" if rate > 0 else "time left unknown")
    )
    return (
        f"ingest: {done} of {total} files ({100 * done // total}%), {rate:.1f} articles/s, {left}"
    )
