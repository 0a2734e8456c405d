"""Capitals standing for their countries, as news writes them: "Baku said", "Moscow denied".

A question that names a capital is searched and scored with its country added ("What did
Baku claim?" is searched as "What did Baku (Azerbaijan) claim?"), so the sentence that
says "Azerbaijan" is found. The capitals come from countryinfo's country data, read on
first need (about 250 small JSON files, a few milliseconds).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

__all__ = [
    "capitals",
    "capitals_named",
    "countries_named",
    "nation_stems",
    "place_stems",
    "place_words",
    "with_countries",
    "without_countries",
]

MIN_POPULATION = 500_000  # smaller territories' capitals are more often people ("Douglas")
_NAMED = re.compile(r"(?<=\s)[A-Z]")  # a capitalised word after the first
_SUFFIX = re.compile(r"\s+D\.?\s?C\.?$")  # "Washington D.C." is written "Washington"


@functools.cache
def _countries() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Each country's name, demonym and capitals, read once from countryinfo's data (about
    250 small JSON files); small territories left out (their capitals and names, "Douglas",
    "Helena", are more often people's)."""
    from countryinfo import all_countries

    found = []
    for country in all_countries():
        if (country.population() or 0) < MIN_POPULATION:
            continue
        listed = country.capital()  # None, a name, or a list of them
        capitals_ = [listed] if isinstance(listed, str) else list(listed or [])
        found.append((country.name() or "", country.demonym() or "", tuple(capitals_)))
    return tuple(found)


@functools.cache
def capitals() -> Mapping[str, str]:
    """Each country's capital, as a question would write it, and the country's name.

    Capitals named like their country ("Singapore", "Kuwait City") are left out: the
    country is already named; so are those of small territories (Douglas, Isle of Man;
    Hamilton, Bermuda), whose names are more often people's.
    """
    table: dict[str, str] = {}
    for name, _, listed in _countries():
        for capital in listed:
            capital = _SUFFIX.sub("", capital).strip()
            if capital and name and name.split()[0] not in capital:
                table[capital] = name
    return table


@functools.cache
def place_words() -> frozenset[str]:
    """The words (lower case) of every country's name, capital and demonym: a name made
    of them is a place or a nationality, never a person ("Nagorno" aside, which no table
    lists). Small territories are left out, as in `capitals`: their words are more often
    people's ("Helena" of Saint Helena, "Douglas", "Charlotte", "Peter", "Martin")."""
    words: set[str] = set(_NATIONS_WITHIN.split())
    for name, demonym, listed in _countries():
        for text in (name, demonym, *listed):
            words |= set(str(text).lower().split())
    return frozenset(words)


@functools.cache
def place_stems() -> frozenset[str]:
    """`place_words` stemmed as the keyword index stems: a name of these is a place.

    >>> {"armenia", "baku"} <= place_stems()
    True
    """
    from vectorstore.text import stem

    return frozenset(stem(w) for w in place_words())


def capitals_of(actors: Iterable[str]) -> list[str]:
    """The stems of the capitals of the countries `actors` (stems) name by a one-word name
    or nationality: "Baku" speaks for Azerbaijan ("an official in Baku said ...").

    >>> capitals_of(["azerbaijani"]), capitals_of(["russia", "mayor"])
    (['baku'], ['moscow'])
    """
    table = _capitals_by_country()
    return [c for a in actors for c in table.get(a, ())]


@functools.cache
def _capitals_by_country() -> dict[str, tuple[str, ...]]:
    """Stems of each capital by the stem of its country's one-word name and nationality."""
    from vectorstore.text import terms

    found: dict[str, tuple[str, ...]] = {}
    for capital, country in capitals().items():
        stems = tuple(terms(capital))
        demonyms = [d for name, d, _ in _countries() if name == country]
        for word in (country, *demonyms):
            if word and " " not in word:
                for key in terms(word):
                    found[key] = found.get(key, ()) + stems
    return found


# the nations of a country that news names as places of their own, which countryinfo
# lists only as the United Kingdom
_NATIONS_WITHIN = "england english scotland scottish scots wales welsh britain"


def with_countries(question: str, table: Mapping[str, str] | None = None) -> str:
    """`question` with the country after each capital it names (as written, capitalised),
    unless the question names that country too.

    >>> table = {"Baku": "Azerbaijan", "Yerevan": "Armenia", "Washington": "United States"}
    >>> with_countries("What did Baku say Yerevan's troops were doing?", table)
    "What did Baku (Azerbaijan) say Yerevan's (Armenia) troops were doing?"
    >>> with_countries("Did Moscow side with Baku or Azerbaijan's rivals?", table)
    "Did Moscow side with Baku or Azerbaijan's rivals?"
    """
    if table is None and not _NAMED.search(question):
        return question  # names nothing after its first word: no table to load
    table, found = _table_and_pattern(table)
    if found is None:
        return question

    def add(m: re.Match[str]) -> str:
        country = table[m.group(1)]
        return m.group() if country in question else f"{m.group()} ({country})"

    return found.sub(add, question)


def countries_named(text: str, table: Mapping[str, str] | None = None) -> list[str]:
    """The countries `text` names by their capitals ("Baku has said 192 of its soldiers
    were killed": Azerbaijan's).

    >>> countries_named("Baku has said 192 of its soldiers were killed.", {"Baku": "Azerbaijan"})
    ['Azerbaijan']
    """
    return [country for _, country in capitals_named(text, table)]


def capitals_named(text: str, table: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """Each capital `text` names, with its country: either name says the place.

    >>> capitals_named("according to Baku", {"Baku": "Azerbaijan"})
    [('Baku', 'Azerbaijan')]
    """
    table, found = _table_and_pattern(table)
    return [(m.group(1), table[m.group(1)]) for m in found.finditer(text)] if found else []


@functools.cache
def nation_stems() -> dict[str, str]:
    """Each one-word country's stem with its demonym's, and the other way round, for
    `scoring.overlap`, which joins two stems only by their first five letters ("iran":
    "iranian", "french": "franc"); a demonym several countries share stands for the first
    listed ("French": France, not Réunion).

    >>> nation_stems()["iran"], nation_stems()["turkish"], nation_stems()["french"]
    ('iranian', 'turkey', 'franc')
    """
    from vectorstore.text import stem

    table: dict[str, str] = {}
    for name, demonym, _ in _countries():
        if not name or not demonym or " " in name or " " in demonym or "," in demonym:
            continue
        a, b = stem(name.lower()), stem(demonym.lower())
        if a != b and b not in table:
            table[a] = b
            table[b] = a
    return table


def without_countries(question: str) -> str:
    """`question` without the countries `with_countries` added: what it asks about is
    read as asked ("which Yerevan (Armenia) hotel" asks which hotel).

    >>> without_countries("Which Yerevan (Armenia) hotel did the United States (US) use?")
    'Which Yerevan hotel did the United States use?'
    """
    return _ADDED.sub("", question)


# what `with_countries` adds: a country in brackets after a capital
_ADDED = re.compile(r" \([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*\)")


def _table_and_pattern(
    table: Mapping[str, str] | None,
) -> tuple[Mapping[str, str], re.Pattern[str] | None]:
    """`table` (every capital when None) and the regex that finds its capitals."""
    if table is None:
        return capitals(), _capitals_pattern()
    return table, _pattern(table)


def _pattern(table: Mapping[str, str]) -> re.Pattern[str] | None:
    """One regex for every capital of `table`, longest first ("Mexico City" before
    "Mexico"), with an optional possessive."""
    if not table:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b(?:['’]s\b)?")


@functools.cache
def _capitals_pattern() -> re.Pattern[str] | None:
    return _pattern(capitals())
