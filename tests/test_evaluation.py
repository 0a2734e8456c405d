"""The evaluation harness: loading test sets, playing them, the report, `articleqa eval`.

Loading, thresholds and rendering run on hand-made results (no model); playing runs on
the session's real seed store; the CLI runs as a real subprocess; the regression gate
(`slow`) plays the shipped test set and holds it to `tests/data/eval_thresholds.json`.
"""

from __future__ import annotations

import doctest
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import qa.backends.registry
import qa.eval.evaluation
import qa.eval.report
from qa import Answer, Citation, Passage, Settings, evaluate, load_testset, register_backend
from qa.backends import AnswerBackend
from qa.conversation import Query
from qa.errors import UnknownBackendError
from qa.eval.evaluation import (
    BackendRun,
    EvalReport,
    Skipped,
    TestSetError,
    Turn,
    TurnResult,
    check_thresholds,
    parse_case,
)
from qa.eval.metrics import locate_evidence, score_turn
from qa.eval.report import format_table, render_html
from vectorstore import Article, discover, load_article

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = [ROOT / "seeds", DATA / "related"]
SEED_ID = "000_11571fa2a61f8d64.txt"
ARTICLEQA = Path(sys.executable).parent / "articleqa"

SMALL_SET = [
    {
        "id": "evac",
        "tags": ["followup"],
        "turns": [
            {
                "question": "Who evacuated civilians from the conflict zone?",
                "answers": ["Russia", "Moscow troops", "Russian military"],
                "evidence": ["Moscow troops began evacuating civilians from the conflict zone."],
                "source": SEED_ID,
            },
            {
                "question": "And how many of them were children?",
                "answers": ["1,049"],
                "evidence": ["including 1,049 children"],
            },
        ],
    },
    {
        "id": "capital",
        "tags": ["unanswerable"],
        "turns": [{"question": "What is the capital of France?", "answerable": False}],
    },
    {  # no article says this, so answer accuracy cannot reach 1.0 on this set
        "id": "impossible",
        "turns": [
            {
                "question": "Who leads the current <Armenian> government?",
                "answers": ["zzqx never in any article"],
                "evidence": ["Prime Minister Nikol Pashinyan"],
                "source": SEED_ID,
            }
        ],
    },
]


def _lines(*items: Any) -> str:
    return "\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n"


# ---- loading --------------------------------------------------------------------------


def test_load_testset_skips_malformed_lines_and_names_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "set.jsonl"
    text = _lines(
        {"id": "ok", "turns": [{"question": "Who?", "answers": ["Russia"]}]},
        "this is not json",
        "[1, 2]",
        {"id": "empty", "turns": []},
        "",
        {"id": "noq", "turns": [{"answers": ["a"]}]},
        {"id": "flag", "turns": [{"question": "Q?", "answerable": "no"}]},
        {"id": "noanswers", "turns": [{"question": "Q?"}]},
        {"id": "ok2", "tags": ["x"], "turns": [{"question": "Q?", "answerable": False}]},
    )
    path.write_text("\ufeff" + text, encoding="utf-8")  # a byte-order mark is fine
    with caplog.at_level(logging.WARNING, logger="qa.eval.evaluation"):
        testset = load_testset(path)
    assert [c.id for c in testset] == ["ok", "ok2"]
    assert [s.line for s in testset.skipped] == [2, 3, 4, 6, 7, 8]
    reasons = [s.reason for s in testset.skipped]
    assert "not valid JSON" in reasons[0]
    assert "JSON object" in reasons[1]
    assert "'turns' must be a non-empty list" in reasons[2]
    assert "'question'" in reasons[3]
    assert "'answerable' must be true or false" in reasons[4]
    assert "needs 'answers'" in reasons[5]
    assert "skipped line 2: not valid JSON" in caplog.text


def test_load_testset_says_what_to_do_when_the_file_is_missing(tmp_path: Path) -> None:
    with pytest.raises(TestSetError, match=r"does not exist; give the path of a \.jsonl file"):
        load_testset(tmp_path / "nope.jsonl")


def test_load_testset_refuses_a_file_with_no_valid_conversation(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("nothing\n{}\n", encoding="utf-8")
    with pytest.raises(TestSetError, match="no valid conversation"):
        load_testset(path)


def test_parse_case_fills_defaults() -> None:
    case = parse_case({"id": 7, "turns": [{"question": "Q?", "answers": "A", "source": SEED_ID}]})
    assert case.id == "7" and case.tags == ()
    assert case.turns[0] == Turn("Q?", ("A",), (), SEED_ID, True)


@pytest.mark.parametrize(
    "name",
    [
        "seed_eval.jsonl",
        "seed_holdout.jsonl",
        "seed_dev.jsonl",
        "seed_blind.jsonl",
        "seed_blind2.jsonl",
    ],
)
def test_every_evidence_quote_occurs_verbatim_in_its_article(name: str) -> None:
    texts = {}
    for found in discover(CORPUS):
        assert isinstance(found, tuple), found
        article = load_article(found[0], found[1], 20_000_000)
        assert isinstance(article, Article), article
        texts[found[0]] = article.text
    testset = load_testset(DATA / name)
    assert not testset.skipped
    missing = [
        (case.id, i + 1, quote)
        for case in testset
        for i, turn in enumerate(case.turns)
        for quote in turn.evidence
        if not any(quote in texts[s] for s in ([turn.source] if turn.source else texts))
    ]
    assert missing == []


# ---- thresholds and rendering on hand-made results ------------------------------------


def _report() -> EvalReport:
    """Two conversations, answered by hand: a correct answer citing the wrong article,
    a missed refusal, and a correct refusal."""
    text = "Over 2,000 people, including 1,049 children, were evacuated <quickly>."
    evidence = (locate_evidence("including 1,049 children", {"a.txt": text}, "a.txt"),)
    wrong_source = Citation("b.txt", "B", "including 1,049 children", 19, 43)
    first = Answer(
        text="Including 1,049 children. [1]",
        citations=[wrong_source],
        passages=[Passage("a.txt", "A", text, 0, len(text))],
    )
    second = Answer(text="Paris. [1]", citations=[Citation("c.txt", "C", "Paris", 0, 5)])
    refusal = Answer(text="The articles don't say.", abstained=True)
    results = []
    plays = [
        ("kids", 0, Turn("How many <b>children</b>?", ("1,049",), (evidence[0].quote,), "a.txt")),
        ("kids", 1, Turn("And the capital?", answerable=False)),
        ("other", 0, Turn("Who is the pope?", answerable=False)),
    ]
    for (case_id, index, turn), answer in zip(plays, [first, second, refusal], strict=True):
        found = evidence if turn.evidence else ()
        score = score_turn(
            answer_text=answer.text,
            abstained=answer.abstained,
            citations=answer.citations,
            passages=answer.passages,
            answers=turn.answers,
            evidence=found,
            answerable=turn.answerable,
            latency=0.1 * (index + 1),
        )
        tags = ("followup",) if case_id == "kids" else ()
        results.append(TurnResult(case_id, index, turn, tags, answer, found, score))
    run = BackendRun.from_results("extractive", results, k=6)
    return EvalReport({"extractive": run}, 6, "set.jsonl", (Skipped(2, "not valid JSON"),))


def test_summaries_cover_overall_first_turns_followups_and_tags() -> None:
    report = _report()
    assert report.categories == ["overall", "first turns", "follow-ups", "tag: followup"]
    overall = report.summary()
    assert overall.answer_accuracy == pytest.approx(2 / 3)
    assert overall.citation_precision == 0.0  # right quote, wrong article
    assert overall.abstention_recall == 0.5 and overall.abstention_precision == 1.0
    assert report.summary(category="follow-ups").answer_accuracy == 0.0


def test_check_thresholds_names_each_missed_limit() -> None:
    report = _report()
    assert check_thresholds(report, {"answer_accuracy": 0.5}, {"false_abstention_rate": 0}) == []
    missed = check_thresholds(
        report,
        {"answer_accuracy": 0.9, "citation_recall": 0.5},
        {"false_abstention_rate": 0.0},
    )
    assert missed == [
        "extractive: answer accuracy 0.667 is below the minimum 0.9",
        "extractive: citation recall 0.000 is below the minimum 0.5",
    ]
    with pytest.raises(ValueError, match="Unknown metric 'accuracy'"):
        check_thresholds(report, {"accuracy": 0.5})


def test_report_to_dict_is_json_with_every_turn() -> None:
    data = json.loads(json.dumps(_report().to_dict()))
    assert data["skipped"] == [{"line": 2, "reason": "not valid JSON"}]
    turns = data["backends"]["extractive"]["turns"]
    assert [(t["id"], t["turn"], t["followup"]) for t in turns] == [
        ("kids", 0, False),
        ("kids", 1, True),
        ("other", 0, False),
    ]
    assert turns[0]["scores"]["supported"] == [False]
    assert turns[1]["scores"]["failures"] == ["missed abstention"]
    assert data["backends"]["extractive"]["summary"]["overall"]["k"] == 6


def test_format_table_has_a_row_per_category() -> None:
    lines = format_table(_report()).splitlines()
    assert lines[0].split()[:3] == ["category", "turns", "acc"]
    assert [line.split("  ")[0].strip() for line in lines[1:]] == [
        "overall",
        "first turns",
        "follow-ups",
        "tag: followup",
    ]


def test_format_table_puts_several_backends_side_by_side() -> None:
    report = _report()
    run = report.runs["extractive"]
    both = EvalReport(
        {"extractive": run, "other": BackendRun("other", run.results, run.summaries)}, 6
    )
    table = format_table(both)
    assert table.splitlines()[0].split() == ["overall", "extractive", "other"]
    assert "answer accuracy" in table and "citation precision" in table


def test_html_report_escapes_text_and_shows_failing_turns() -> None:
    page = render_html(_report(), {"answer_accuracy": 0.9})
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert page.count("<img class=chart") == 10  # nine metrics and latency
    assert "<b>children</b>" not in page and "How many &lt;b&gt;children&lt;/b&gt;?" in page
    assert "Failing turns: extractive (2 of 3)" in page
    assert "missed abstention" in page and "unsupported citation" in page
    assert "Skipped malformed line 2" in page
    assert "answer accuracy (≥ 0.9)" in page and "missed" in page


def test_module_doctests() -> None:
    for module in (qa.eval.evaluation, qa.eval.report):
        assert doctest.testmod(module).failed == 0


# ---- playing on the real seed store ---------------------------------------------------


class EchoBackend(AnswerBackend):
    """Answers with what it was asked, so a test can see the history it was given."""

    def answer(self, query: Query) -> Answer:
        return Answer(text=f"echo: {query.question} | {query.context}", backend=self.name)


@pytest.fixture
def echo_backend(monkeypatch: pytest.MonkeyPatch) -> str:
    qa.available_backends()  # load the built-ins before the registry is copied
    monkeypatch.setattr(qa.backends.registry, "_REGISTRY", dict(qa.backends.registry._REGISTRY))
    register_backend("test-echo")(EchoBackend)
    return "test-echo"


def test_evaluate_plays_each_conversation_with_its_own_answers(
    seed_settings: Settings, echo_backend: str
) -> None:
    report = evaluate(SMALL_SET, seed_settings, backends=["extractive", echo_backend])
    assert report.backends == ["extractive", echo_backend]
    echo = report.runs[echo_backend].results
    assert echo[1].answer is not None
    assert "echo: Who evacuated civilians" in echo[1].answer.text  # its own first answer
    assert echo[2].answer is not None and echo[2].answer.text.endswith("| ")  # fresh history
    extractive = report.runs["extractive"].results
    assert [(r.case_id, r.index) for r in extractive] == [
        ("evac", 0),
        ("evac", 1),
        ("capital", 0),
        ("impossible", 0),
    ]
    assert all(e.spans for r in extractive for e in r.evidence)  # evidence found in the store
    assert extractive[0].answer is not None and extractive[0].answer.passages
    assert not extractive[3].score.correct
    assert report.summary(echo_backend).answer_accuracy == pytest.approx(0.0)
    json.dumps(report.to_dict())


def test_evaluate_names_the_valid_backends(seed_settings: Settings) -> None:
    with pytest.raises(UnknownBackendError, match=r"Choose one of: .*extractive"):
        evaluate(SMALL_SET, seed_settings, backends=["nope"])


def test_cli_eval_end_to_end(tmp_path: Path) -> None:
    testset = tmp_path / "small.jsonl"
    testset.write_text(_lines(SMALL_SET[0], "{not json", *SMALL_SET[1:]), encoding="utf-8")
    report = tmp_path / "report.html"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ARTICLEQA_STORE_DIR": str(tmp_path / "unused")}
    args = ["eval", str(testset), "--corpus", str(ROOT / "seeds"), "--json"]
    args += ["--report", str(report), "--min-answer-accuracy", "1.0"]
    done = subprocess.run(
        [str(ARTICLEQA), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 6, done.stderr  # the impossible answer misses the gate
    assert "skipped line 2: not valid JSON" in done.stderr
    assert "Threshold missed: extractive: answer accuracy" in done.stderr
    data = json.loads(done.stdout)
    assert data["skipped"][0]["line"] == 2
    assert data["gate"]["missed"] and data["gate"]["minimum"] == {"answer_accuracy": 1.0}
    run = data["backends"]["extractive"]
    assert [(t["id"], t["turn"]) for t in run["turns"]] == [
        ("evac", 0),
        ("evac", 1),
        ("capital", 0),
        ("impossible", 0),
    ]
    assert set(run["summary"]) >= {"overall", "first turns", "follow-ups", "tag: unanswerable"}
    assert run["summary"]["overall"]["turns"] == 4
    page = report.read_text(encoding="utf-8")
    assert "the current &lt;Armenian&gt; government?" in page and "<Armenian>" not in page
    assert not (tmp_path / "unused").exists()  # --corpus used a temporary store


# ---- the regression gate --------------------------------------------------------------


@pytest.mark.slow
def test_shipped_test_set_meets_the_thresholds(seed_settings: Settings) -> None:
    thresholds = json.loads((DATA / "eval_thresholds.json").read_text(encoding="utf-8"))
    report = evaluate(load_testset(DATA / "seed_eval.jsonl"), seed_settings)
    overall = report.summary()
    missed = check_thresholds(report, thresholds["minimum"], thresholds["maximum"])
    assert missed == [], f"{missed}\nmeasured: {overall}"


def test_eval_sets_writes_turn_outcomes_and_compares_two_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--turns` keeps each turn's outcome and nothing of its text (an unread set stays
    unread); `--compare` tells set by set what moved between two such runs."""
    from scripts import eval_sets

    cases = tmp_path / "tiny.jsonl"
    turns = [
        {"question": "How many children did the Russian military evacuate?", "answers": ["1,049"]},
        {"question": "Who won the chess olympiad?", "answerable": False},
    ]
    cases.write_text(json.dumps({"id": "t1", "turns": turns}) + "\n")
    before = tmp_path / "before.jsonl"
    args = ["--extra", f"{cases}={ROOT / 'seeds'}", "--stores", str(tmp_path / "stores")]
    assert eval_sets.main([*args, "--turns", str(before)]) == 0
    (row,) = [json.loads(line) for line in before.read_text().splitlines()]
    assert row["set"] == "tiny"
    assert [t[:3] for t in row["turns"]] == [["t1", 0, True], ["t1", 1, False]]
    assert "children" not in before.read_text() and "chess" not in before.read_text()
    after = tmp_path / "after.jsonl"
    flipped = [[*t[:4], not t[4]] for t in row["turns"]]
    after.write_text(json.dumps({"set": "tiny", "turns": flipped}) + "\n")
    capsys.readouterr()
    assert eval_sets.main(["--compare", str(before), str(after)]) == 0
    out = capsys.readouterr().out.splitlines()
    m = sum(not t[4] for t in row["turns"])
    assert out[-1] == f"all 1 sets: {m} -> {2 - m} missed (+{m} fixed, -{2 - m} broken)"
