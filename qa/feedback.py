"""Votes on answers, kept as test cases: what a thumbs up or down in the web app writes.

Why: a person who says an answer is right or wrong has just written a test case. Each vote
becomes one line of `<store_dir>/feedback.jsonl` in the test-set format `articleqa eval`
reads (`qa.eval.testset`), so `articleqa eval STORE/feedback.jsonl` replays the users' own
questions:

- the earlier turns of the conversation are `"context": true` turns: replayed, so the
  voted question is asked in its conversation, but not scored (nobody vouched for them);
- a thumbs up keeps the given answer (its `[n]` markers dropped) as the expected answer
  and the cited quotes as evidence; on an abstention it records `"answerable": false`;
- a thumbs down with the right answer records that answer; with "the articles don't say",
  `"answerable": false`; alone, it is kept with `"answers": []` until someone writes the
  right answer into the line (`articleqa eval` skips it meanwhile and says so);
- the vote itself (up or down, when, the answer and citations as shown, a correction, a
  note) goes in a `"feedback"` field, which the loader ignores.

A vote's line has the id `feedback-<vote id>`: voting again on the same answer appends a
line with the same id, which replaces the earlier one when the file is read, and a
withdrawn vote appends `{"id": ..., "withdrawn": true}`. The file is only ever appended
to (`append_feedback`): one write per line, under a lock, so concurrent votes never
interleave, and a line torn by a crash is left alone, never continued.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from vectorstore.settings import StoreSettings

from .answer import Answer
from .errors import FeedbackError, StoreError

__all__ = [
    "FEEDBACK_FILE",
    "MAX_CORRECTION_CHARS",
    "VOTES",
    "append_feedback",
    "feedback_path",
    "feedback_record",
    "json_line",
    "withdrawal_record",
]

FEEDBACK_FILE = "feedback.jsonl"  # in the store folder
VOTES = ("up", "down")
MAX_CORRECTION_CHARS = 2000  # a right answer longer than this is refused with a message

_MARKERS = re.compile(r"\s*\[\d+\]")
# Characters json.dumps leaves raw with ensure_ascii=False but str.splitlines() breaks on.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})
_write_lock = threading.Lock()  # one append at a time in this process (FileLock: across)


def feedback_path(settings: StoreSettings) -> Path:
    """Where votes are kept: `feedback.jsonl` in the store folder."""
    return Path(settings.store_dir) / FEEDBACK_FILE


def feedback_record(
    history: Sequence[tuple[str, Answer]],
    question: str,
    answer: Answer,
    vote: str,
    correction: str | None = None,
    *,
    unanswerable: bool = False,
    vote_id: str,
    at: str,
    missing: Collection[str] = (),
) -> dict[str, Any]:
    """The test-set line for a vote on `answer` to `question`, asked after `history`.

    `history` holds the conversation's earlier turns (since its last "new conversation");
    `correction` (the right answer) or `unanswerable` ("the articles don't say") may come
    with a thumbs down; `vote_id` names the voted turn (a later vote on it replaces this
    one); `at` is the time; `missing` lists cited articles no longer in the store, which
    the record notes. Raises `FeedbackError` for a combination that means nothing.

    >>> from qa.answer import Citation
    >>> said = Answer("Over 2,000 people. [1]",
    ...               [Citation("a.txt", "T", "Over 2,000 people", 5, 22)])
    >>> feedback_record([], "How many left?", said, "up", vote_id="v1", at="2025-01-01")["turns"]
    [{'question': 'How many left?', 'answers': ['Over 2,000 people.'], \
'evidence': ['Over 2,000 people'], 'source': 'a.txt'}]
    >>> record = feedback_record([("How many left?", said)], "Where to?", said, "down",
    ...                          unanswerable=True, vote_id="v2", at="2025-01-01")
    >>> record["id"], record["turns"][0]["context"], record["turns"][1]
    ('feedback-v2', True, {'question': 'Where to?', 'answerable': False})
    """
    if vote not in VOTES:
        raise FeedbackError(f"A vote is 'up' or 'down', not {vote!r}.")
    correction = (correction or "").strip() or None
    if vote == "up" and (correction or unanswerable):
        raise FeedbackError(
            "A thumbs up says the answer was right, so it takes no correction; "
            "vote down to give the right answer."
        )
    if correction and unanswerable:
        raise FeedbackError("Give either the right answer or “the articles don't say”, not both.")
    if correction and len(correction) > MAX_CORRECTION_CHARS:
        raise FeedbackError(
            f"The right answer is {len(correction)} characters long; keep it under "
            f"{MAX_CORRECTION_CHARS} (the words that answer the question are enough)."
        )
    context = [{"question": q, "context": True, "shown": a.text} for q, a in history]
    turn: dict[str, Any] = {"question": question}
    tags = ["feedback", f"vote-{vote}"]
    if vote == "up" and not answer.abstained:
        turn["answers"] = [_MARKERS.sub("", answer.text).strip()]
        turn["evidence"] = list(dict.fromkeys(c.quote for c in answer.citations))
        sources = {c.source for c in answer.citations}
        if len(sources) == 1:
            turn["source"] = sources.pop()
    elif (vote == "up" and answer.abstained) or unanswerable:
        turn["answerable"] = False
        tags.append("unanswerable")
    elif correction:
        turn["answers"] = [correction]
        tags.append("corrected")
    else:
        turn["answers"] = []  # a bare thumbs down: the right answer is still to be written
        tags.append("needs-answer")
    feedback: dict[str, Any] = {
        "vote": vote,
        "at": at,
        "answer": answer.text,
        "abstained": answer.abstained,
        "citations": [
            {"source": c.source, "title": c.title, "quote": c.quote, "start": c.start, "end": c.end}
            for c in answer.citations
        ],
        "correction": correction,
        "articles_dont_say": unanswerable,
        "backend": answer.backend,
    }
    gone = sorted(set(missing))
    if gone:
        feedback["note"] = (
            f"cited article{'s' if len(gone) > 1 else ''} {', '.join(gone)} no longer in the "
            "store (removed after this answer); replaying this question needs "
            f"{'them' if len(gone) > 1 else 'it'} back"
        )
    turns = [*context, turn]
    return {"id": f"feedback-{vote_id}", "tags": tags, "turns": turns, "feedback": feedback}


def withdrawal_record(vote_id: str, at: str) -> dict[str, Any]:
    """The line that withdraws the vote `vote_id` (the loader drops its earlier lines).

    >>> withdrawal_record("v1", "2025-01-01")
    {'id': 'feedback-v1', 'withdrawn': True, 'feedback': {'at': '2025-01-01'}}
    """
    return {"id": f"feedback-{vote_id}", "withdrawn": True, "feedback": {"at": at}}


def json_line(record: Mapping[str, Any]) -> str:
    """`record` as one JSON line (UTF-8 kept readable, every line break escaped).

    >>> json_line({"question": "Why?\\u2028Really?"})
    '{"question": "Why?\\\\u2028Really?"}\\n'
    """
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def append_feedback(path: Path, record: Mapping[str, Any]) -> None:
    """Append `record` to `path` as one line, safely beside other writers.

    One write per line, with the file opened for appending, under this process's lock
    and a lock file beside it (`<path>.lock`) for other processes. If the file's last
    line was torn (a crash mid-write), the new line starts on a line of its own, so
    only the torn line is lost. Raises `StoreError` when the file cannot be written.
    """
    from filelock import FileLock

    data = json_line(record).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _write_lock, FileLock(str(path) + ".lock"), path.open("a+b") as f:
            size = f.seek(0, os.SEEK_END)
            if size:
                f.seek(size - 1)
                if f.read(1) != b"\n":
                    data = b"\n" + data
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        raise StoreError(
            f"Cannot record the vote in {path} ({e}). Check the folder's permissions and "
            "free space."
        ) from e
