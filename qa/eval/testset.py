"""Reading test sets: the JSON Lines format of `articleqa eval`, parsed and checked.

One conversation a line (the format is fixed: other tools write it):

    {"id": "evac-1", "tags": ["followup"], "turns": [
      {"question": "Who evacuated civilians?", "answers": ["Russia"],
       "evidence": ["Moscow troops began evacuating civilians"], "source": "000_x.txt"},
      {"question": "What is the capital of France?", "answerable": false}]}

A malformed line is reported with its line number and skipped, never fatal. Fields
the format does not name (the web app's votes keep theirs under "feedback") are
ignored. The file may also be an append-only log, as the web app's `feedback.jsonl` is
(`qa.feedback`): a later line with the id of an earlier one replaces it, a line
`{"id": ..., "withdrawn": true}` removes it, and a turn `{"question": ..., "context":
true}` is asked for its conversation's sake but not scored. Lines are split at "\n"
only, as JSON Lines are.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vectorstore.errors import ArticleQAError

__all__ = ["Case", "Skipped", "TestSet", "TestSetError", "Turn", "load_testset", "parse_case"]

log = logging.getLogger(__name__)

_NEEDS_ANSWER = "a thumbs down given without the right answer; to replay it, this turn"


class TestSetError(ArticleQAError):
    """The test set cannot be read at all (a bad line is skipped, not an error)."""

    __test__ = False  # not a pytest test class
    exit_code = 2


@dataclass(frozen=True)
class Turn:
    """One question of a conversation and what counts as a good reply."""

    question: str
    answers: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    source: str | None = None
    answerable: bool = True
    context: bool = False  # asked for the conversation's sake, not scored


@dataclass(frozen=True)
class Case:
    """One conversation of the test set."""

    id: str
    turns: tuple[Turn, ...]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A line of the test-set file that was not a valid conversation, and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class TestSet:
    """The conversations of a test-set file, and the lines skipped as malformed."""

    __test__ = False  # not a pytest test class
    path: str
    cases: list[Case] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def __iter__(self) -> Iterator[Case]:
        return iter(self.cases)

    def __len__(self) -> int:
        return len(self.cases)


def parse_case(data: Any) -> Case:
    """A `Case` from one decoded JSON line; `ValueError` says what is wrong with it.

    >>> parse_case({"id": "c1", "turns": [{"question": "Who?", "answers": ["Russia"]}]})
    Case(id='c1', turns=(Turn(question='Who?', answers=('Russia',), evidence=(), \
source=None, answerable=True, context=False),), tags=())
    """
    if not isinstance(data, dict):
        raise ValueError("a conversation must be a JSON object with 'id' and 'turns'")
    case_id = _case_id(data)
    if case_id is None:
        raise ValueError("'id' must be a non-empty string")
    turns = data.get("turns")
    if not isinstance(turns, list) or not turns:
        raise ValueError(f"conversation {case_id!r}: 'turns' must be a non-empty list")
    tags = _strings(data.get("tags", []), f"conversation {case_id!r}: 'tags'")
    vote = data.get("feedback")
    hint = _NEEDS_ANSWER if isinstance(vote, dict) and vote.get("vote") == "down" else ""
    parsed = tuple(
        _parse_turn(t, f"conversation {case_id!r}, turn {i}", hint) for i, t in enumerate(turns, 1)
    )
    if all(t.context for t in parsed):
        raise ValueError(f"conversation {case_id!r}: every turn is context; nothing to score")
    return Case(case_id, parsed, tags)


def load_testset(path: str | Path) -> TestSet:
    """Read a JSON Lines test set; malformed lines are logged, listed and skipped.

    Raises `TestSetError` when the file cannot be read or holds no valid conversation.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except FileNotFoundError as e:
        raise TestSetError(
            f"Test set {path} does not exist; give the path of a .jsonl file with one "
            "conversation per line (see `articleqa eval --help`)."
        ) from e
    except (OSError, UnicodeDecodeError) as e:
        raise TestSetError(f"Cannot read test set {path} ({e}); check it is UTF-8 text.") from e
    testset = TestSet(str(path))
    latest: dict[str, Case | Skipped | None] = {}  # id -> what its last line holds
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            testset.skipped.append(Skipped(number, f"not valid JSON ({e.msg}, column {e.colno})"))
            continue
        case_id = _case_id(data) if isinstance(data, dict) else None
        if case_id in latest:  # it keeps its first line's place, and takes this content
            log.info("%s: line %d replaces conversation %r", path, number, case_id)
        if case_id is not None and data.get("withdrawn") is True:
            latest[case_id] = None
            continue
        try:
            case = parse_case(data)
        except ValueError as e:
            if case_id is None:
                testset.skipped.append(Skipped(number, str(e)))
            else:
                latest[case_id] = Skipped(number, str(e))
            continue
        latest[case.id] = case
    testset.cases = [c for c in latest.values() if isinstance(c, Case)]
    testset.skipped += [c for c in latest.values() if isinstance(c, Skipped)]
    testset.skipped.sort(key=lambda s: s.line)
    for skipped in testset.skipped:
        log.warning("%s: skipped %s", path, skipped)
    if not testset.cases:
        raise TestSetError(
            f"Test set {path} holds no valid conversation ({len(testset.skipped)} lines "
            'skipped); each line must look like {"id": "c1", "turns": [{"question": ...}]}.'
        )
    return testset


def _case_id(data: dict[str, Any]) -> str | None:
    case_id = data.get("id")
    if not isinstance(case_id, (str, int)) or isinstance(case_id, bool) or str(case_id) == "":
        return None
    return str(case_id)


def _parse_turn(data: Any, where: str, hint: str = "") -> Turn:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a turn must be a JSON object with a 'question'")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError(f"{where}: 'question' must be a non-empty string")
    context = data.get("context", False)
    if not isinstance(context, bool):
        raise ValueError(f"{where}: 'context' must be true or false")
    if context:
        return Turn(question, context=True)
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise ValueError(f"{where}: 'answerable' must be true or false")
    answers = _strings(data.get("answers", []), f"{where}: 'answers'")
    evidence = _strings(data.get("evidence", []), f"{where}: 'evidence'")
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        raise ValueError(f"{where}: 'source' must be an article id (a string)")
    if answerable and not answers:
        raise ValueError(
            f"{where}: {hint or 'an answerable turn'} needs 'answers' "
            '(or add "answerable": false)'
        )
    return Turn(question, answers if answerable else (), evidence, source or None, answerable)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} must be a list of strings")
    return tuple(v for v in value if v.strip())
