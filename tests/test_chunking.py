"""Sentence splitting and chunking: pure functions, checked by examples and by hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vectorstore import Article, chunk_article, chunk_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Dr. Smith met Mr. Jones. They talked.", ["Dr. Smith met Mr. Jones.", "They talked."]),
        ("The U.S. and the U.N. agreed. Fine.", ["The U.S. and the U.N. agreed.", "Fine."]),
        ("He said “stop.” She left.", ["He said “stop.”", "She left."]),
        ("over 2,000 people. Then 3.5 more.", ["over 2,000 people.", "Then 3.5 more."]),
        ("Headline\n\nBody starts here. Ends.", ["Headline", "Body starts here.", "Ends."]),
        ("A line that wraps\nin a PDF. Next.", ["A line that wraps\nin a PDF.", "Next."]),
        ("positions… [and] take control.", ["positions… [and] take control."]),
        ("They attend School No. 3 now. Fine.", ["They attend School No. 3 now.", "Fine."]),
        ("He said no. 3 more came.", ["He said no.", "3 more came."]),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_chunks_pack_whole_sentences_with_overlap() -> None:
    sentences = [(0, 40), (41, 80), (81, 120), (121, 160)]
    spans = chunk_spans(sentences, max_chars=85, overlap_chars=40)
    assert spans == [(0, 80), (41, 120), (81, 160)]


def test_seed_chunks_are_exact_and_sized(seed_text: str) -> None:
    article = Article("seed", "Seed", seed_text, "h")
    chunks = chunk_article(article, max_chars=500, overlap_chars=120)
    assert len(chunks) >= 8
    assert all(seed_text[c.start : c.end] == c.text for c in chunks)
    assert all(len(c.text) <= 500 for c in chunks)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    # every sentence of the article is in some chunk
    for a, b in split_sentences(seed_text):
        assert any(c.start <= a and b <= c.end for c in chunks)


def test_an_overlong_sentence_is_cut_at_words() -> None:
    text = " ".join(["word"] * 400) + "."
    chunks = chunk_article(Article("x", "x", text, "h"), max_chars=300, overlap_chars=50)
    assert len(chunks) > 1
    assert all(len(c.text) <= 300 and text[c.start : c.end] == c.text for c in chunks)


_alphabet = st.sampled_from([*list("abc XYZ.!?,;:\n\t\"'”“…-0123456789é"), "Dr.", "U.S.", "  "])


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(_alphabet, max_size=400).map("".join),
    max_chars=st.integers(min_value=20, max_value=600),
    overlap=st.integers(min_value=0, max_value=200),
)
def test_chunk_offsets_reproduce_the_text(text: str, max_chars: int, overlap: int) -> None:
    chunks = chunk_article(Article("a", "t", text, "h"), max_chars=max_chars, overlap_chars=overlap)
    for c in chunks:
        assert text[c.start : c.end] == c.text
        assert c.text.strip() == c.text and c.text
    covered = "".join(text[a:b] for a, b in split_sentences(text))
    assert "".join(text.split()) == "".join(covered.split())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_split_sentences_never_loses_text(text: str) -> None:
    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    joined = "".join(text[a:b] for a, b in spans)
    assert "".join(joined.split()) == "".join(text.split())
