"""Hybrid retrieval in a store of look-alike articles (real store, real model).

BM25 adds a chunk's terms up wherever they stand, so in a large store many chunks that
repeat the question's words in separate sentences outrank the one whose single sentence
holds them all, and the embedding cannot tell look-alike sentences apart either. Each
case writes such a store (made-up articles, two domains) and checks that the chunk with
the one sentence holding the place (or person) and the date asked about is among the
passages the reader gets, and that the answer cites it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from qa import Settings, engine_for
from qa.retrieval import sentence_shares
from vectorstore import ingest

LOOK_ALIKES = 15  # articles that repeat the question's words, apart
BACKGROUND = 60  # articles about other places and people

# not May or December, the months the questions ask about: a look-alike must not answer
MONTHS = "January February March April June July August September October November"
PLACES = "Lyon Cork Accra Quito Turku Hobart Dakar Split Kazan Medan Porto Salta"
BACKGROUND_SENTENCES = (
    "The council of {place} approved a budget of {n} million euros on {n} {month}.",
    "Teachers in {place} went on strike for {n} days in {month}.",
    "A ferry from {place} was delayed by {n} hours after a storm.",
    "Farmers near {place} harvested {n} tonnes of grain in {month}.",
)


def _write(folder: Path, answer: str, look_alike: str, seed: int) -> None:
    """The article with `answer` among `LOOK_ALIKES` that repeat the question's words in
    separate sentences (`look_alike`, a template over {n}, {month} and {other}) and
    `BACKGROUND` articles about other places."""
    rng = random.Random(seed)
    folder.mkdir()

    def background() -> str:
        template = rng.choice(BACKGROUND_SENTENCES)
        place, month = rng.choice(PLACES.split()), rng.choice(MONTHS.split())
        return template.format(place=place, n=rng.randint(2, 90), month=month)

    for i in range(BACKGROUND):
        text = " ".join(background() for _ in range(4))
        (folder / f"other_{i:02d}.txt").write_text(f"Notes {i}\n\n{text}\n", encoding="utf-8")
    for i in range(LOOK_ALIKES):
        months = rng.sample(MONTHS.split(), 3)
        sentences = [
            look_alike.format(n=rng.randint(2, 28), month=m, other=rng.randint(30, 90))
            for m in months
        ]
        (folder / f"look_alike_{i:02d}.txt").write_text(
            f"Report {i}\n\n{' '.join(sentences)}\n", encoding="utf-8"
        )
    text = f"{background()} {background()} {answer} {background()} {background()}"
    (folder / "answer.txt").write_text(f"Weekly notes\n\n{text}\n", encoding="utf-8")


CASES = [
    pytest.param(
        "How long did residents of Brno queue on 6 December?",
        "Residents of Brno queued for 15 hours on 6 December as a tram strike disrupted services.",
        "Residents of Brno queued for {other} hours on 6 {month} as a tram strike disrupted "
        "services. Brno said residents queued again in December, on the {n}th.",
        id="town",
    ),
    pytest.param(
        "Against which club did Ana Ruiz score on 12 May?",
        "Ana Ruiz scored against Porto on 12 May in front of 40,000 fans.",
        "Ana Ruiz scored against Braga on 12 {month} in front of {other},000 fans. Ruiz "
        "scored again in May, on the {n}th, said Ana Ruiz's coach.",
        id="football",
    ),
]


@pytest.mark.parametrize(("question", "answer", "look_alike"), CASES)
def test_the_one_sentence_holding_everything_asked_is_retrieved(
    tmp_path: Path, question: str, answer: str, look_alike: str
) -> None:
    _write(tmp_path / "articles", answer, look_alike, seed=len(question))
    settings = Settings(store_dir=tmp_path / "store")
    assert not ingest([tmp_path / "articles"], settings).failed
    engine = engine_for(settings)
    keyword = engine.keyword_index()
    bm25_top = engine.store.get_chunks(
        [cid for cid, _ in keyword.search(question, settings.candidates)]
    )
    # the premise: BM25 alone ranks look-alikes first
    assert all(c.article_id != "answer.txt" for c in bm25_top[:2])
    retrieved = engine.retriever.retrieve([question])
    assert "answer.txt" in {p.source for p in retrieved.passages}
    answered = engine.ask(question)  # and the reader picks it (`qa.rules.day_rule`)
    assert [c.source for c in answered.citations] == ["answer.txt"]


def test_sentence_shares_read_one_sentence_at_a_time() -> None:
    idf = {"brno": 2.0, "6": 0.5, "decemb": 1.0}
    forms = {"brno": "brno", "6": "6", "december": "decemb", "decembers": "decemb"}
    texts = [
        "Residents of Brno queued on 6 April. In December it rained.",
        "Residents of Brno queued on 6 December.",
        "Queues in Brno grew.\nOn 6 December, it rained.",
        "Nothing asked here.",
        "",
    ]
    assert sentence_shares(idf, forms, texts) == pytest.approx([2.5 / 3.5, 1.0, 2 / 3.5, 0, 0])
    assert sentence_shares({}, forms, texts) == [0.0] * 5
