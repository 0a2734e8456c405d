"""Whose a statement is, as news says it: "..., the ministry said", "according to a
statement from the migration service", "Deputy Minister Ruben Sargsyan told parliament"."""

from __future__ import annotations

import re

__all__ = ["bare_quote", "gives_source", "names_no_source", "unquoted"]

# How news attributes what it reports to someone
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|according to|reported|reports"
    r"|estimated|estimates|stated|confirmed|added|wrote|disclosed|revealed|quoted|cited"
    r"|figures (?:from|by|released by|published by))\b",
    re.IGNORECASE,
)


def gives_source(text: str) -> bool:
    """Whether `text` says whose statement it reports.

    >>> gives_source("It would pay 25,000 drams per child, Deputy Minister Ruben Sargsyan said.")
    True
    >>> gives_source("By Thursday, 4,350 people had crossed, according to the migration service.")
    True
    >>> gives_source("Officials expected the figure to rise.")
    False
    """
    return bool(_ATTRIBUTION.search(text))


# an attribution to a pronoun only: "He said the government would ...", '..., she said.'
_PRONOUN_SAID = re.compile(
    rf"^(?:[\"“][^\"“”]*[”\"],? )?(?:He|She|They|It|We) (?:also )?{_ATTRIBUTION.pattern}"
    rf"|,[”\"]? (?:he|she|they|it) (?:also )?{_ATTRIBUTION.pattern}\.?[”\"]?$"
)


def names_no_source(text: str) -> bool:
    """Whether `text` attributes what it reports to a pronoun only: whose statement it is
    the sentence before says ("Prime Minister Nikol Pashinyan ... He said ...").

    >>> names_no_source("He said the government would pay for the funerals.")
    True
    >>> names_no_source('"We lost everything," she said.'), names_no_source("Baku said so.")
    (True, False)
    """
    return bool(_PRONOUN_SAID.search(text))


# what a quotation says, in straight or curly marks (one left open: the quote goes on)
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
_QUOTE_TAIL = re.compile(r"[^\"“”]+[”\"]\s*")


def bare_quote(text: str) -> bool:
    """Whether `text` is a quotation and nothing else: whose words they are is told in the
    sentence before ("Tatevik Hovhannisyan, 35, a researcher, said ...").

    >>> bare_quote('"That counts for more now that the guarantees look empty."')
    True
    >>> bare_quote('"We lost everything," she said.'), bare_quote("It rained.")
    (False, False)
    >>> bare_quote('Armenians needed protection, not blankets."')  # a quote's last sentence
    True
    """
    opens = text.startswith(('"', "“")) or _QUOTE_TAIL.fullmatch(text) is not None
    return opens and not re.search(r"[^\W\d_]", unquoted(text))


def unquoted(text: str) -> str:
    """`text` without what it quotes: the reporter's own words ("did not say" inside a
    quote is speech, not the article saying what is not known).

    >>> unquoted('He told reporters: "Tents will not give people back what they lost."')
    'He told reporters:  '
    >>> unquoted('Armenians needed protection, not blankets."')
    ''
    """
    return "" if _QUOTE_TAIL.fullmatch(text) else _QUOTED.sub(" ", text)
