"""One-line notices of what is happening, for an entry point to show or not.

Library code never prints. When it starts something slow that a person would otherwise
take for a hang (exporting the embedding model on first use), it calls `notice(...)`,
which logs at INFO on the `articleqa.notices` logger. The `articleqa` CLI shows that
logger's records on stderr as plain lines (and hides them with `ingest --quiet`); a
program using the library sees them only if it configures logging to.
"""

from __future__ import annotations

import logging

__all__ = ["NOTICE_LOGGER", "notice"]

NOTICE_LOGGER = "articleqa.notices"  # the logger carrying notices meant for people

_log = logging.getLogger(NOTICE_LOGGER)


def notice(message: str) -> None:
    """Tell the person using the program what is happening (one line, at INFO)."""
    _log.info(message)
