"""The web app in a real browser: Debian's Chromium driven by Playwright.

One real server over a private store (seeds/ and the distractors, ingested here, so the
upload below changes nothing other tests see). A conversation streams and highlights
its source, a follow-up keeps the context, a second browser context has its own
conversation, and an uploaded article full of script and markup shows it literally and
runs none of it. The conversation test takes a screenshot into its temporary folder; with
ARTICLEQA_UPDATE_SCREENSHOT=1 it also refreshes the README's docs/screenshot.png (a test
run never changes tracked files otherwise).
Chromium comes from `apt-get install -y chromium` (`make test` does it); never from
`playwright install`.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ui
from qa import Settings, feedback_path
from vectorstore import ingest

from .conftest_paths import client, free_port, launch

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "screenshot.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1200, "height": 800}
WAIT_MS = 60_000  # longest wait for any element (the first answer loads the model)

EVIL = """Zanzibar <script>window.__pwned=1</script> ferry line opens

The harbour authority of Zanzibar said on Monday that the new ferry line will carry \
4,200 passengers a day. <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">

Officials said **the ferries** were built in [Norway](javascript:window.__pwned=1) \
${window.__pwned=1} {{constructor.constructor('window.__pwned=1')()}} $$x^2$$.
"""

LAST_BOT_DONE = """n => {
  const m = document.querySelectorAll('#aqa-chat [data-testid=bot]');
  const last = m[m.length - 1];
  return m.length > n && !last.querySelector('.aqa-cursor, .aqa-pending')
    && last.querySelector('.aqa-answer, .aqa-error') !== null;
}"""

RECORD_STREAM = """() => {
  window.__lengths = [];
  new MutationObserver(() => {
    const m = document.querySelectorAll('#aqa-chat [data-testid=bot] .aqa-answer');
    if (m.length) window.__lengths.push(m[m.length - 1].textContent.length);
  }).observe(document.querySelector('#aqa-chat'),
             {subtree: true, childList: true, characterData: true});
}"""

MARK_IN_VIEW = """sel => {
  const mark = document.querySelector(sel);
  const box = mark.closest('.aqa-article-text').getBoundingClientRect();
  const r = mark.getBoundingClientRect();
  return mark.closest('details').open && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
}"""


# ---- fixtures ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser_settings(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = seed_settings.replace(store_dir=tmp_path_factory.mktemp("browser-store"))
    assert not ingest([ROOT / "seeds", ROOT / "tests" / "data" / "related"], settings).failed
    return settings


@pytest.fixture(scope="module")
def app_url(browser_settings: Settings) -> Iterator[str]:
    yield from launch(browser_settings)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any, app_url: str) -> Iterator[Any]:
    """Opens the app in a fresh browser context (a new session) on each call."""
    contexts: list[Any] = []

    def opener() -> Any:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto(app_url)
        page.wait_for_selector("#aqa-question textarea")
        page.wait_for_selector("#aqa-chat button.example")  # the page's load event is done
        return page

    yield opener
    for context in contexts:
        context.close()


class GatedChat(ui.Chat):
    """A real `Chat` whose loading waits until the test opens `gate`, as a slow
    machine's would (the test decides when the model is ready)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.gate = threading.Event()

    def warm_up(self) -> None:
        assert self.gate.wait(WAIT_MS / 1000), "the test never opened the gate"
        super().warm_up()


@pytest.fixture
def loading_app(seed_settings: Settings) -> Iterator[tuple[str, GatedChat]]:
    """The real app over the seed store (asked only), still loading as `serve` leaves it."""
    chat = GatedChat(seed_settings)
    loader = threading.Thread(target=chat.load, daemon=True)
    app = ui.build_app(seed_settings, chat)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    loader.start()  # after the page is up, as `articleqa serve` does
    try:
        yield f"http://127.0.0.1:{port}/", chat
    finally:
        chat.gate.set()
        loader.join(WAIT_MS / 1000)
        app.close()


def ask(page: Any, question: str) -> Any:
    """Type `question`, press Enter, wait for the finished answer; return its element."""
    bots = page.locator("#aqa-chat [data-testid=bot]")
    before = bots.count()
    page.fill("#aqa-question textarea", question)
    page.press("#aqa-question textarea", "Enter")
    page.wait_for_function(LAST_BOT_DONE, arg=before)
    return bots.last


def user_messages(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#aqa-chat [data-testid=user]").all_inner_texts()]


# ---- tests -------------------------------------------------------------------------
def test_ask_within_a_chosen_article(open_page: Any) -> None:
    page = open_page()
    page.click("#aqa-within input")
    page.locator("#aqa-within [role=option]", has_text="embattled Syrian town").first.click()
    page.keyboard.press("Escape")
    answer = ask(page, "How many children were evacuated?")
    assert "1,312" in answer.inner_text()  # the Syria article's figure, not the seed's
    sources = page.locator("#aqa-sources").inner_text()
    assert "Syrian town" in sources and "Azerbaijan launches" not in sources


def test_a_question_asked_while_loading_says_so_then_is_answered(
    browser: Any, loading_app: tuple[str, GatedChat]
) -> None:
    url, chat = loading_app
    api = client(url).submit("How many people were killed in the attacks?", api_name="/ask")
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.fill("#aqa-question textarea", "How many children were evacuated?")
    page.press("#aqa-question textarea", "Enter")
    bot = page.locator("#aqa-chat [data-testid=bot]").last
    page.wait_for_selector("#aqa-chat [data-testid=bot] .aqa-pending")
    assert "Loading the model" in bot.inner_text()
    page.wait_for_timeout(1000)  # still loading: nothing is answered meanwhile
    assert not chat.loaded and not api.done()
    assert "Loading the model" in bot.inner_text() and bot.locator(".aqa-answer").count() == 0

    chat.gate.set()
    page.wait_for_function(LAST_BOT_DONE, arg=0)
    assert "1,049 children" in bot.inner_text() and "Loading" not in bot.inner_text()
    assert "32 people" in api.result(timeout=WAIT_MS / 1000)["answer"]  # the API waited too
    page.context.close()


def test_conversation_streams_cites_and_follows_up(open_page: Any, tmp_path: Path) -> None:
    page = open_page()
    page.evaluate(RECORD_STREAM)
    answer = ask(page, "How many children were evacuated?")
    text = answer.inner_text()
    assert "1,049 children" in text and "[1]" in text
    lengths = page.evaluate("window.__lengths")
    final = len(answer.locator(".aqa-answer").inner_text())
    assert len(set(lengths)) >= 3 and max(lengths) == final  # it grew in steps

    why = answer.locator("details.aqa-why")  # collapsed under the answer until asked
    assert why.locator("summary").inner_text().strip() == "Why this answer?"
    assert why.get_attribute("open") is None
    why.locator("summary").click()
    reasons = why.locator(".aqa-why-body").inner_text()
    assert "Answered:" in reasons and "semantic" in reasons and "asked kind" in reasons

    card = page.locator("#aqa-sources .aqa-card").first
    assert "Azerbaijan launches operation" in card.locator(".aqa-card-title").inner_text()
    highlighted = card.locator(".aqa-paragraph mark").inner_text()
    assert (
        highlighted == "The Russian military said it has evacuated over 2,000 people, "
        "including 1,049 children."
    )
    paragraph = card.locator(".aqa-paragraph").inner_text()
    assert paragraph.startswith("When the hostilities broke out") and len(paragraph) > len(
        highlighted
    )

    ask(page, "How many people were killed in the attacks?")
    follow = ask(page, "Which agency reported that?")  # alone, this finds the wrong article
    assert "Armenpress" in follow.inner_text()
    assert user_messages(page) == [
        "How many children were evacuated?",
        "How many people were killed in the attacks?",
        "Which agency reported that?",
    ]
    assert "Armenpress" in page.locator("#aqa-sources .aqa-paragraph mark").first.inner_text()

    shot = tmp_path / "screenshot.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size < 400_000
    if os.environ.get("ARTICLEQA_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, SCREENSHOT)

    link = page.locator("#aqa-sources .aqa-open").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function(MARK_IN_VIEW, arg=f"#aqa-sources mark{target}")


def test_each_browser_session_has_its_own_conversation(open_page: Any) -> None:
    alice = open_page()
    ask(alice, "How many people were killed in the attacks?")
    bob = open_page()
    assert user_messages(bob) == []
    examples = bob.locator("#aqa-chat button.example")
    assert examples.count() == 3
    suggestion = examples.first.inner_text().strip()
    before = bob.locator("#aqa-chat [data-testid=bot]").count()
    examples.first.click()
    bob.wait_for_function(LAST_BOT_DONE, arg=before)
    assert user_messages(bob) == [suggestion]
    assert user_messages(alice) == ["How many people were killed in the attacks?"]

    alice.click("#aqa-new")
    alice.wait_for_selector("#aqa-chat button.example")
    assert user_messages(alice) == []
    assert "Each answer quotes the articles" in alice.inner_text("#aqa-sources")
    assert user_messages(bob) == [suggestion]


def test_uploaded_script_and_markup_show_literally_and_run_nothing(
    open_page: Any, tmp_path: Path
) -> None:
    page = open_page()
    evil = tmp_path / "evil.txt"
    evil.write_text(EVIL, encoding="utf-8")
    page.get_by_role("tab", name="Articles").click()
    page.set_input_files("#aqa-upload input[type=file]", str(evil))
    page.wait_for_selector("#aqa-upload-log li.aqa-ok")
    table = page.inner_text("#aqa-articles")
    assert "Zanzibar <script>window.__pwned=1</script> ferry line opens" in table

    page.get_by_role("tab", name="Chat").click()
    question = (
        "How many passengers a day will the Zanzibar line carry? "
        '<img src=x onerror="window.__pwned=1"> **bold**'
    )
    answer = ask(page, question)
    assert "4,200 passengers" in answer.inner_text()
    assert user_messages(page)[-1] == question
    page.locator("#aqa-sources .aqa-open").first.click()
    article = page.locator("#aqa-sources .aqa-article-text").first.inner_text()
    for literal in (
        "<script>window.__pwned=1</script>",
        '<img src=x onerror="window.__pwned=1">',
        "**the ferries**",
        "[Norway](javascript:window.__pwned=1)",
        "${window.__pwned=1}",
        "$$x^2$$",
    ):
        assert literal in article
    injected = "#aqa-sources img, #aqa-sources script, #aqa-chat img, #aqa-chat strong"
    assert page.locator(injected).count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_download_conversation_saves_the_markdown(open_page: Any, tmp_path: Path) -> None:
    page = open_page()
    assert page.locator("#aqa-download").is_disabled()  # nothing to save yet
    ask(page, "How many children were evacuated?")
    ask(page, "What is the capital of France?")  # abstains
    # off while answering, on once the file of both turns is ready
    page.wait_for_function("() => !document.querySelector('#aqa-download').disabled")
    with page.expect_download() as info:
        page.click("#aqa-download")
    saved = tmp_path / "saved.md"
    info.value.save_as(str(saved))
    md = saved.read_text(encoding="utf-8")
    assert "## 1. How many children were evacuated?" in md and "1,049 children" in md
    assert "## 2. What is the capital of France?" in md
    assert "*No citation: the articles do not answer this.*" in md.split("## 2.")[1]


def test_a_thumbs_down_takes_the_right_answer_and_keeps_it_as_a_test_case(
    open_page: Any, browser_settings: Settings
) -> None:
    page = open_page()
    answer = ask(page, "How many people were killed in the attacks?")
    answer_text = answer.locator(".aqa-answer").inner_text()
    assert not page.is_visible("#aqa-correction textarea")  # no box before a thumbs down
    page.locator("#aqa-chat button[aria-label='Dislike']").last.click()
    page.wait_for_selector("#aqa-correction textarea")
    assert "Recorded your thumbs down" in page.inner_text("#aqa-vote-note")
    page.fill("#aqa-correction textarea", "at least 32 people")
    page.click("#aqa-correction-send")
    page.wait_for_selector("#aqa-vote-note >> text=Recorded the right answer")
    assert "“at least 32 people”" in page.inner_text("#aqa-vote-note")
    assert not page.is_visible("#aqa-correction textarea")

    *_, bare, corrected = [
        json.loads(line)
        for line in feedback_path(browser_settings).read_text(encoding="utf-8").splitlines()
    ]
    assert bare["id"] == corrected["id"] and bare["turns"][-1]["answers"] == []
    assert corrected["turns"][-1] == {
        "question": "How many people were killed in the attacks?",
        "answers": ["at least 32 people"],
    }
    assert corrected["feedback"]["answer"].startswith(answer_text.split(" [")[0][:40])

    page.locator("#aqa-chat button[aria-label='Like']").last.click()  # changes the vote
    page.wait_for_selector("#aqa-vote-note >> text=recorded this answer as right")
    page.click("#aqa-new")
    page.wait_for_function("() => !document.querySelector('#aqa-vote-note p')")  # cleared
