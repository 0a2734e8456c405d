"""The `openai` backend's reader contract, against a scripted OpenAI-compatible server.

A real HTTP server on 127.0.0.1 speaks the chat-completions streaming protocol and
answers each question with a canned reply, so the backend's own client, streaming,
verification and decline handling run for real: a faithful paraphrase is kept and
cited, a decline is a decline, a changed number or an added claim never reaches the
reader unmarked. (The real llama.cpp + SmolLM2 server is in `test_llm_backend.py`.)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from qa import Answer, Settings, engine_for, prompts

from .conftest_paths import SEED_ID

EVACUATED = "How many people did the Russian military evacuate?"
REJECTED = "Did Armenia reject the allegations?"
CHILDREN = "How many children were evacuated?"
INVENTED = "Who paid for the evacuation?"
ADDED = "What did the Russian military say about the evacuation?"
YES_BARE = "Is Armenia a member of the Collective Security Treaty Organization?"

REPLIES = {
    EVACUATED: "The Russian military got more than 2,000 people out, among them 1,049 children.",
    REJECTED: "Yes, Armenia rejected the allegations.",
    CHILDREN: "The Russian military evacuated 3,049 children.",  # a changed number
    INVENTED: "The articles don't say.",
    ADDED: (
        "The Russian military said it has evacuated over 2,000 people, including 1,049 "
        "children. Armenia paid for the whole evacuation."  # the second claim is made up
    ),
    YES_BARE: "Yes.",
}


class _Scripted(BaseHTTPRequestHandler):
    """`POST /v1/chat/completions`: the canned reply for the question, streamed."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        user = body["messages"][-1]["content"]
        question = user.split("Question: ")[-1].split("\nAnswer:")[0].strip()
        reply = REPLIES.get(question, "The articles don't say.")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece in [*_words(reply), None]:
            delta = {"content": piece} if piece is not None else {}
            chunk = {
                "id": "stub",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": "stub",
                "choices": [
                    {"index": 0, "delta": delta, "finish_reason": None if piece else "stop"}
                ],
            }
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")

    def log_message(self, *_: object) -> None:  # quiet test output
        return


def _words(text: str) -> Iterator[str]:
    for i, word in enumerate(text.split(" ")):
        yield word if i == 0 else f" {word}"


@pytest.fixture(scope="module")
def stub_settings(seed_settings: Settings) -> Iterator[Settings]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield seed_settings.replace(
            backend="openai",
            llm_base_url=f"http://127.0.0.1:{server.server_address[1]}/v1",
            llm_model="stub",
            llm_timeout=10.0,
        )
    finally:
        server.shutdown()
        server.server_close()


def ask(settings: Settings, question: str) -> Answer:
    return engine_for(settings).ask(question)


def test_a_faithful_paraphrase_is_kept_and_cited(stub_settings: Settings) -> None:
    answer = ask(stub_settings, EVACUATED)
    assert answer.backend == "openai" and not answer.abstained
    assert answer.text.startswith("The Russian military got more than 2,000 people out")
    (citation,) = answer.citations
    assert citation.source == SEED_ID and "1,049 children" in citation.quote
    assert answer.dropped == []


def test_a_yes_answer_is_checked_against_the_sentence_that_says_so(
    stub_settings: Settings,
) -> None:
    answer = ask(stub_settings, REJECTED)
    assert answer.text.startswith("Yes, Armenia rejected the allegations.")
    assert any("rejected the allegations" in c.quote for c in answer.citations)
    bare = ask(stub_settings, YES_BARE)
    assert bare.text.startswith("Yes.") and "Collective Security" in bare.citations[0].quote


def test_the_models_decline_is_a_decline(stub_settings: Settings) -> None:
    answer = ask(stub_settings, INVENTED)
    assert answer.abstained and answer.citations == []
    assert answer.text.startswith(prompts.ABSTAIN_PREFIX)
    assert answer.backend == "openai"
    assert answer.passages  # the closest passages are still there for the sources panel


def test_a_changed_number_is_never_shown_and_the_swap_is_said(stub_settings: Settings) -> None:
    answer = ask(stub_settings, CHILDREN)
    assert "3,049" not in answer.text
    assert answer.text.startswith("The language model's answer could not be checked")
    assert answer.dropped == ["The Russian military evacuated 3,049 children."]


def test_an_added_claim_is_dropped_and_the_supported_one_kept(stub_settings: Settings) -> None:
    answer = ask(stub_settings, ADDED)
    assert "2,000 people" in answer.text and "paid" not in answer.text
    assert answer.dropped == ["Armenia paid for the whole evacuation."]
