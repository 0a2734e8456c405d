"""Reading questions and scoring sentences: the pure functions of `qa.question` and
`qa.scoring`, through their doctests."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

import qa.question
import qa.scoring


@pytest.mark.parametrize("module", [qa.question, qa.scoring], ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted and not result.failed
