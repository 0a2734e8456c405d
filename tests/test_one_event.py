"""One event per answer, and follow-ups that know when the topic changed (real store).

Two articles tell two evacuations with clashing figures. An answer quotes one event;
a close sentence of the other article is offered beside it (`Answer.also`), never
joined into it. A question that brings its own topic is not read as a follow-up.
Every answer also says why it was given (`Answer.explanation`), in `--json` too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qa import Settings, engine_for
from vectorstore import ingest

from .conftest_paths import DATA, ROOT, SEED_ID, SEEDS

TRANSNISTRIA = DATA / "one_event"  # a 1992 ceasefire and an evacuation of children


@pytest.fixture(scope="module")
def two_events(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(store_dir=tmp_path_factory.mktemp("two-events-store"))
    report = ingest([SEEDS, TRANSNISTRIA], settings)
    assert not report.failed
    return settings


def test_a_follow_up_answer_tells_one_event(two_events: Settings) -> None:
    engine = engine_for(two_events)
    first = engine.ask("Who brokered the 1992 ceasefire in Transnistria?")
    assert "Russia" in first.text and first.citations[0].source == "transnistria.txt"
    follow = engine.ask("And how many children were evacuated there?", [first])
    assert "1,160" in follow.text and "1,049" not in follow.text
    assert {c.source for c in follow.citations} == {"transnistria.txt"}


def test_a_close_sentence_of_another_article_is_offered_beside_the_answer(
    two_events: Settings,
) -> None:
    answer = engine_for(two_events).ask("How many children were evacuated?")
    sources = {c.source for c in answer.citations}
    assert len(sources) == 1  # one event in the answer text
    assert all(c.source not in sources for c in answer.also)


def test_a_question_with_its_own_topic_is_not_a_follow_up(seed_settings: Settings) -> None:
    engine = engine_for(seed_settings)
    history: list[object] = []
    for question in (
        "How many people did the Russian military evacuate?",
        "And how many of them were children?",
    ):
        history.append((question, engine.ask(question, history)))
    fresh = engine.ask("Who reported the death toll?", history)
    assert "context:" not in fresh.query  # searched as asked, not as an evacuation question
    assert "evacuated" not in fresh.text, fresh.text
    named = engine.ask("Who reported the death toll in the Azerbaijani attacks?", history)
    assert "Armenpress" in named.text and named.citations[0].source == SEED_ID


def test_every_answer_explains_itself(seed_settings: Settings) -> None:
    engine = engine_for(seed_settings)
    given = engine.ask("How many children did the Russian military evacuate?")
    assert given.explanation is not None and given.explanation.decision == "answered"
    best = given.explanation.candidates[0]
    assert best.total == pytest.approx(sum(p.value for p in best.parts), abs=1e-3)
    assert {"semantic", "overlap", "asked kind"} <= {p.rule for p in best.parts}
    declined = engine.ask("What is the population of Nagorno-Karabakh?")
    assert declined.abstained and declined.explanation is not None
    assert declined.explanation.decision == "declined" and declined.explanation.why


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "qa.cli", "--store", str(settings.store_dir), *args]
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_cli_explain_and_json_carry_the_explanation(seed_settings: Settings) -> None:
    question = "What is the population of Nagorno-Karabakh?"
    shown = _cli(seed_settings, "ask", question, "--explain")
    assert shown.returncode == 0, shown.stderr
    assert "The articles don't say" in shown.stdout
    assert "Declined:" in shown.stdout and "semantic" in shown.stdout
    as_json = _cli(seed_settings, "ask", question, "--json")
    data = json.loads(as_json.stdout)
    assert data["explanation"]["decision"] == "declined"
    assert data["explanation"]["candidates"][0]["parts"][0]["rule"] == "semantic"


def test_path_constants_point_at_the_repo() -> None:
    assert (ROOT / "qa" / "cli.py").exists() and Path(SEEDS).is_dir()


@pytest.mark.parametrize(
    "question",
    [
        "How many people were injured in Transnistria?",
        "Which alliance is Transnistria a member of?",
        "Who launched anti-terror operations in Transnistria?",
    ],
)
def test_a_question_naming_a_place_is_not_answered_from_an_article_that_never_names_it(
    two_events: Settings, question: str
) -> None:
    """The seed tells casualties, an alliance and "anti-terror" operations, but never names
    Transnistria: its sentences are the closest passages, not answers."""
    answer = engine_for(two_events).ask(question)
    assert answer.abstained, answer.text


def test_a_capital_is_named_by_an_article_that_names_its_country(two_events: Settings) -> None:
    answer = engine_for(two_events).ask("What operations did Baku launch in the enclave?")
    assert not answer.abstained and "anti-terror" in answer.text


def test_a_month_cut_short_is_a_date_not_a_name(tmp_path: Path) -> None:
    """ "Sept" in a question is a date, as "September" is: another article's "Sept 30"
    does not make it a name the answering article must use."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "crossings.txt").write_text(
        "Arrivals pass 97,000\n\nGORIS - By Saturday, according to the Armenian government, "
        "97,735 people had crossed into Armenia from Nagorno-Karabakh. Most arrived by car "
        "along the Lachin road, and about a third were children.\n"
    )
    (folder / "convoy.txt").write_text(
        "Aid convoy reaches Stepanakert\n\nSTEPANAKERT, Sept 30 - A convoy of 12 trucks "
        "carrying flour and medicine reached the city on Sept 30, the Red Cross said.\n"
    )
    settings = Settings(store_dir=tmp_path / "store")
    assert not ingest([folder], settings).failed
    question = "how many people had crossed into armenia by saturday sept 30"
    answer = engine_for(settings).ask(question)
    assert not answer.abstained and "97,735" in answer.text, answer.explanation
