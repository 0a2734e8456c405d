"""Question preparation: the pure functions of `qa.question`, through their doctests."""

from __future__ import annotations

import doctest

import qa.question


def test_doctests() -> None:
    result = doctest.testmod(qa.question)
    assert result.attempted and not result.failed
