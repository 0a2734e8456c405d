"""Votes in the web app: thumbs up or down under an answer, and the right answer after a
thumbs down, each kept as a test case by `qa.feedback`.

`record_vote` finds the voted turn in the session's `Conversation`, notes any cited
article removed from the store since the answer, builds the line with
`qa.feedback.feedback_record` and appends it to `<store>/feedback.jsonl`; `vote_note`
says what was recorded, as escaped HTML under the chat. `build_vote_box` lays out the
box a thumbs down opens (the right answer, or "The articles don't say") inside the
caller's layout, and `wire_votes` connects the Chatbot's like event, that box and the
`/vote` API (`vote` "up" or "down", an optional `correction`, `articles_dont_say`, and
`turn`, the answer's number in the caller's conversation, default the last). Like
`ui.articles_tab`, it takes the gradio module from `ui.app` instead of importing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from qa import (
    ArticleQAError,
    FeedbackError,
    append_feedback,
    feedback_path,
    feedback_record,
    withdrawal_record,
)

from .chat import Chat, Conversation
from .render import esc

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["VoteBox", "build_vote_box", "record_vote", "vote_note", "wire_votes", "withdraw_vote"]

PRIVATE: dict[str, Any] = {"api_visibility": "private"}


@dataclass(frozen=True)
class VoteBox:
    """The components of voting: the box a thumbs down opens, the note, the `/vote` API."""

    box: Any  # shown after a thumbs down
    correction: Any
    send: Any
    not_said: Any
    note: Any  # what was recorded, under the chat
    pending: Any  # gr.State: the history index the box asks about
    api_vote: Any  # the /vote API's inputs and output (hidden)
    api_not_said: Any
    api_turn: Any
    api_trigger: Any
    api_result: Any


def build_vote_box(gr: ModuleType) -> VoteBox:
    """The voting components, created inside the caller's layout."""
    with gr.Group(visible=False, elem_id="aqa-vote-box") as box:
        correction = gr.Textbox(
            label="What should the answer have been? (kept as a test case)",
            placeholder="The right answer, in a few words",
            max_lines=3,
            elem_id="aqa-correction",
        )
        with gr.Row():
            send = gr.Button("Record the right answer", size="sm", elem_id="aqa-correction-send")
            not_said = gr.Button(
                "The articles don't say", size="sm", variant="secondary", elem_id="aqa-not-said"
            )
    note = gr.HTML("", elem_id="aqa-vote-note", js_on_load=None)
    return VoteBox(
        box=box,
        correction=correction,
        send=send,
        not_said=not_said,
        note=note,
        pending=gr.State(None),
        api_vote=gr.Textbox(visible=False),
        api_not_said=gr.Checkbox(visible=False),
        api_turn=gr.Number(visible=False, precision=0),
        api_trigger=gr.Button(visible=False),
        api_result=gr.JSON(visible=False),
    )


def wire_votes(
    gr: ModuleType,
    chat: Chat,
    chatbot: Any,
    conversation: Any,
    votes: VoteBox,
    resets: Sequence[Callable[..., Any]] = (),
) -> None:
    """Connect the like event, the box and the `/vote` API; each of `resets` (event
    listeners such as a "New conversation" click) closes the box and clears the note."""
    shown = [votes.note, votes.box, votes.correction, votes.pending]

    def after(note: str, ask: int | None = None) -> tuple[Any, ...]:
        return note, gr.Group(visible=ask is not None), "", ask

    def failed(e: ArticleQAError) -> tuple[Any, ...]:
        return after(f'<p class="aqa-vote-note aqa-error">{esc(str(e))}</p>')

    def on_like(state: Conversation, evt: Any) -> tuple[Any, ...]:
        try:
            turn = state.turn_at(evt.index, _content(evt.value))
            if evt.liked is True:
                return after(vote_note(record_vote(chat, state, turn, "up")))
            if evt.liked is False:
                record = record_vote(chat, state, turn, "down")
                return after(vote_note(record, asks_for_answer=True), turn)
            return after(vote_note(withdraw_vote(chat, state, turn)))
        except ArticleQAError as e:
            return failed(e)

    on_like.__annotations__["evt"] = gr.LikeData  # gradio finds event data by the hint

    def on_correction(state: Conversation, turn: int | None, text: str) -> tuple[Any, ...]:
        if turn is None:
            return after("")
        if not (text or "").strip():  # keep the box open: nothing was said yet
            return after('<p class="aqa-vote-note">Type the right answer first.</p>', turn)
        try:
            return after(vote_note(record_vote(chat, state, turn, "down", text)))
        except ArticleQAError as e:
            return failed(e)

    def on_not_said(state: Conversation, turn: int | None) -> tuple[Any, ...]:
        if turn is None:
            return after("")
        try:
            return after(vote_note(record_vote(chat, state, turn, "down", unanswerable=True)))
        except ArticleQAError as e:
            return failed(e)

    def vote_api(  # the None defaults make these optional for API clients
        vote: str,
        correction: str | None = None,
        not_said: bool | None = None,
        turn: float | None = None,
        state: Conversation | None = None,
    ) -> dict[str, Any]:
        state = state or Conversation()
        index = len(state.history) - 1 if turn is None else int(turn) - 1
        try:
            return record_vote(chat, state, index, vote, correction, unanswerable=bool(not_said))
        except ArticleQAError as e:
            raise gr.Error(str(e)) from e

    chatbot.like(on_like, [conversation], shown, **PRIVATE)
    for asked in (votes.send.click, votes.correction.submit):
        asked(on_correction, [conversation, votes.pending, votes.correction], shown, **PRIVATE)
    votes.not_said.click(on_not_said, [conversation, votes.pending], shown, **PRIVATE)
    inputs = [votes.api_vote, votes.correction, votes.api_not_said, votes.api_turn]
    votes.api_trigger.click(vote_api, [*inputs, conversation], votes.api_result, api_name="vote")
    for reset in resets:
        reset(lambda: after(""), None, shown, **PRIVATE)


def record_vote(
    chat: Chat,
    conversation: Conversation,
    turn: int,
    vote: str,
    correction: str | None = None,
    *,
    unanswerable: bool = False,
) -> dict[str, Any]:
    """Append the vote on history turn `turn` (0-based) of `conversation`; return the line.

    Raises `FeedbackError` for a turn the conversation does not hold or a vote that
    means nothing, `StoreError` when the file cannot be written.
    """
    if not 0 <= turn < len(conversation.history):
        held = len(conversation.history)
        raise FeedbackError(
            f"There is no answer {turn + 1} in this conversation (it holds {held}; a new "
            "conversation may have started since); nothing was recorded."
        )
    question, answer = conversation.history[turn]
    cited = list(dict.fromkeys(c.source for c in answer.citations))
    present = chat.engine().store.get_articles(cited) if cited else {}
    record = feedback_record(
        conversation.history[:turn],
        question,
        answer,
        vote,
        correction,
        unanswerable=unanswerable,
        vote_id=conversation.turn_ids[turn],
        at=_now(),
        missing=[i for i in cited if i not in present],
    )
    append_feedback(feedback_path(chat.settings), record)
    return record


def withdraw_vote(chat: Chat, conversation: Conversation, turn: int) -> dict[str, Any]:
    """Append the line that withdraws the vote on history turn `turn`; return it."""
    if not 0 <= turn < len(conversation.turn_ids):
        raise FeedbackError("There is no such answer in this conversation; nothing to withdraw.")
    record = withdrawal_record(conversation.turn_ids[turn], _now())
    append_feedback(feedback_path(chat.settings), record)
    return record


def vote_note(record: dict[str, Any], asks_for_answer: bool = False) -> str:
    """What was recorded, as HTML for the note under the chat.

    >>> vote_note({"withdrawn": True})
    '<p class="aqa-vote-note">Vote withdrawn.</p>'
    """
    if record.get("withdrawn"):
        return '<p class="aqa-vote-note">Vote withdrawn.</p>'
    feedback = record["feedback"]
    turn = record["turns"][-1]
    if feedback["vote"] == "up":
        said = "“the articles don't say”" if feedback["abstained"] else "this answer"
        text = f"Thanks: recorded {said} as right."
    elif feedback["correction"]:
        text = f"Recorded the right answer: “{esc(feedback['correction'])}”."
    elif not turn.get("answerable", True):
        text = "Recorded: the articles don't say."
    else:
        text = "Recorded your thumbs down."
    if asks_for_answer:
        text += " What should the answer have been? (optional)"
    else:
        text += " <code>articleqa eval</code> on <code>feedback.jsonl</code> replays it."
    if feedback.get("note"):
        text += f" Note: {esc(feedback['note'])}."
    return f'<p class="aqa-vote-note">{text}</p>'


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _content(value: Any) -> str | None:
    """The text of a liked message as the like event carries it (a list of the message's
    contents; each a string or a {"type": "text", "text": ...} part), or None."""
    first = value[0] if isinstance(value, list) and value else value
    if isinstance(first, dict):
        first = first.get("text", first.get("value"))
    return first if isinstance(first, str) else None
