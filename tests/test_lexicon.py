"""Synonyms from WordNet (`qa.lexicon`): what a question and an article say in different
words ("minors"/"children", "coders"/"programmers") is matched; siblings ("cats"/"dogs")
are not; a noun names a kind of another by WordNet's is-a links ("lorries"/"trucks");
the synonym table is cached on disk, rebuilt when the cache is unreadable, and missing
data means no synonyms, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qa import Settings, ask, lexicon
from qa.lexicon import common_word, kind_of, synonyms


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon._synonym_stems.cache_clear()
    yield tmp_path / "articleqa" / "lexicon"
    lexicon._synonym_stems.cache_clear()


@pytest.mark.parametrize(
    ("term", "synonym"),
    [("minor", "children"), ("kid", "child"), ("coder", "programm"), ("store", "shop")],
)
def test_synonyms_share_a_words_most_frequent_sense(term: str, synonym: str) -> None:
    assert synonym in synonyms(term)


@pytest.mark.parametrize(("term", "other"), [("cat", "dog"), ("child", "adult"), ("kid", "josh")])
def test_siblings_and_rare_senses_are_no_synonyms(term: str, other: str) -> None:
    assert other not in synonyms(term)  # "kid" means "to josh" only in a rarer sense


def test_the_table_is_cached_and_a_broken_cache_is_rebuilt(fresh_cache: Path) -> None:
    assert "child" in synonyms("minor")
    (cached,) = fresh_cache.glob("synonyms-*.json")
    lexicon._synonym_stems.cache_clear()
    cached.write_text('{"minor": ["sheep"]}', encoding="utf-8")
    assert synonyms("minor") == {"sheep"}  # read from the cache, not from WordNet
    lexicon._synonym_stems.cache_clear()
    cached.write_text("{not json", encoding="utf-8")
    assert "child" in synonyms("minor")
    assert "child" in cached.read_text(encoding="utf-8")  # rewritten whole


def test_missing_wordnet_data_means_no_synonyms(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexicon, "_wordnet_dir", lambda: None)
    assert synonyms("minor") == frozenset()


@pytest.mark.parametrize(
    ("word", "opposite", "is_opposite"),
    [
        ("accept", "reject", True),
        ("common", "rare", True),  # a word similar to its antonym "uncommon"
        ("rose", "fall", True),  # an inflected verb is read as the verb
        ("spent", "left", False),  # not as the adjective "spent" (exhausted)
        ("open", "shut", True),
        ("open", "free", False),
    ],
)
def test_opposites_are_wordnets_antonyms(word: str, opposite: str, is_opposite: bool) -> None:
    assert (opposite in lexicon.antonyms(word)) is is_opposite


@pytest.mark.parametrize(
    ("word", "other", "kin"),
    [
        ("lorries", "trucks", True),  # a lorry is a kind of truck
        ("specialists", "experts", True),
        ("countries", "states", True),  # one sense, another name
        ("geese", "goose", True),  # an irregular plural
        ("tanks", "trucks", False),  # both only vehicles
        ("dogs", "cats", False),
        ("years", "days", False),  # "years" has a sense of its own; the singular is read
    ],
)
def test_a_noun_names_a_kind_of_another_by_wordnet(word: str, other: str, kin: bool) -> None:
    assert kind_of(word, other) is kin
    assert kind_of(other, word) is kin


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("news", True),  # although "Armenpress News Agency" capitalises it
        ("councillors", True),  # a plural of an English noun
        ("international", True),  # an adjective first
        ("armenian", False),  # a nationality: WordNet capitalises it
        ("russian", False),  # WordNet writes it "Russian" only
        ("kremlin", False),  # "a kremlin" is a rarer sense than the Kremlin
        ("yerevan", False),  # no sense at all
    ],
)
def test_a_word_is_english_when_wordnet_writes_it_in_lower_case(word: str, common: bool) -> None:
    assert common_word(word) is common


def test_missing_wordnet_data_means_no_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    cached = (
        lexicon._kin,
        lexicon._index_line,
        lexicon._mapped,
        lexicon._exceptions,
        lexicon.common_word,
    )
    monkeypatch.setattr(lexicon, "_wordnet_dir", lambda: None)
    for reader in cached:
        reader.cache_clear()
    try:
        assert not kind_of("lorries", "trucks")
        assert not common_word("news")
    finally:
        for reader in cached:
            reader.cache_clear()


def test_a_count_asked_in_a_synonym_is_answered(seed_settings: Settings) -> None:
    """The seed says "1,049 children"; a reader asks for minors."""
    answer = ask("How many minors did Russia's army get to safety?", settings=seed_settings)
    assert "1,049" in answer.text
