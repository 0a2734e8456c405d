"""What a sentence says is not known: "did not say whether", "declined to say how many",
"has not said where", "gave no cause"."""

from __future__ import annotations

import re

from .sources import unquoted

__all__ = ["keeps_silent", "withheld"]

# Someone not doing what would tell: "did not say", "has not disclosed", "declined to
# give", "neither side revealed". Each verb with its past forms.
_VERBS = {
    "say": "said",
    "confirm": "confirmed",
    "disclose": "disclosed",
    "specify": "specified",
    "reveal": "revealed",
    "explain": "explained",
    "announce": "announced",
    "give": "gave|given",
    "know": "known",
    "release": "released",
    "publish": "published",
    "name": "named",
}
_NO_ONE = r"(?:neither (?:side|party|company|government|of them)|no one|nobody)"


def _not_telling(verbs: str) -> str:
    """A pattern for not doing any of `verbs` (space-separated keys of `_VERBS`)."""
    base = "|".join(verbs.split())
    done = "|".join(_VERBS[v] for v in verbs.split())
    return (
        rf"(?:did|does|do|would|could|will) not (?:{base})|(?:has|have|had) not (?:yet )?"
        rf"(?:{done})|(?:declined|refused) to (?:{base})|{_NO_ONE} (?:has |had )?(?:{done})"
    )


# A sentence that says what is not known: "did not say whether", "declined to say how
# many", "gave no cause". The word after the verb says which kind of answer is withheld.
_WITHHOLDS = (
    _not_telling("say confirm disclose specify reveal explain announce give know")
    + r"|(?:is|was|are|were|remains?|remained) (?:still )?(?:unclear|not clear|not known"
    r"|unknown|uncertain|undecided)|gave no indication of|no word on"
    r"|(?:has|have|had) not (?:yet )?been (?:decided|announced|confirmed|disclosed|set|revealed"
    r"|made public)"
)
_WITHHELD_WH = {
    "yesno": r"whether|if",
    "reason": r"why|what caused",
    "number": r"how (?:many|much|long)",
    "date": r"when|on what date|what date",
    "place": r"where",
    "person": r"who|whom",
    "which": r"which|what",  # a matter of any kind: "which substances had been found"
    "manner": r"how",  # "did not explain how the couples were selected"
}
_WITHHELD_ASKED = "|".join(f"(?P<{kind}>{words})" for kind, words in _WITHHELD_WH.items())
_WITHHELD = re.compile(
    rf"\b(?:{_WITHHOLDS}) (?:exactly |in |to |from |for |at |on |with )?(?:{_WITHHELD_ASKED})\b"
    r"|\bgave no (?P<cause>cause|reason|explanation)\b|\bwithout (?:giving|offering) (?:a |any )?"
    r"(?P<motive>reason|explanation)\b|\b(?P<unknown_cause>cause) (?:is|was|remains|remained)"
    r" (?:unknown|unclear|under investigation)\b"
    r"|\bno date (?:has|had) (?:yet )?been (?P<unset>set)\b",
    re.IGNORECASE,
)
_WITHHELD_KIND = {"cause": "reason", "motive": "reason", "unknown_cause": "reason", "unset": "date"}
# The thing itself withheld, named after the verb ("did not disclose the interest rate",
# "neither side disclosed the total value", "declined to comment on the price") or before
# it ("the price was not disclosed"), or by the one asked ("Asked whether the club would
# offer him a contract, the chairman declined to comment"): a matter of any kind.
_WITHHELD_THING = re.compile(
    rf"\b(?:{_not_telling('disclose reveal give specify release publish name confirm')}"
    r"|(?:declined|refused) to comment on) (?:the |a |an |any |its |their |his |her |details of )?"
    rf"(?!(?:{'|'.join(_WITHHELD_WH.values())})\b)(?=[a-z])",  # not "whether", "how many"
    re.IGNORECASE,
)
_UNDISCLOSED = re.compile(
    r"(?P<thing>\b(?:[\w'-]+ ){1,4})(?:(?:was|were|is|are) not|(?:has|have|had) not been)"
    r" (?:disclosed|revealed|made public|released)\b",
    re.IGNORECASE,
)
_NO_COMMENT = re.compile(
    r"\bAsked (?P<wh>whether|if|about|how|when|why|what|who|where) (?P<matter>[^,]+),[^.]*?"
    r"\b(?:(?:declined|refused) to (?:comment|answer|say)|would not (?:comment|say)|did not"
    r" (?:comment|answer)|said only)\b",
    re.IGNORECASE,
)
# A name withheld: "a local businessman who asked not to be named", "23 people, whom he
# did not name", "who asked that her surname not be used": the name of whom it describes.
_NAME_WITHHELD = re.compile(
    r"(?P<whom>\b[\w'-]+(?: [\w'-]+){0,3}),? (?:who|which|that|whom) (?:has |had )?(?:asked"
    r" (?:not to be (?:named|identified)|that (?:his|her|their|its) (?P<part>(?:sur|first |last "
    r"|full )?names?) not be (?:used|published|given|disclosed))|(?:he|she|they|it) did not name)",
    re.IGNORECASE,
)


def withheld(text: str) -> dict[str, str]:
    """The kinds of answer `text` says are not known ("did not say whether ..."), each
    with what follows the words that withhold it (the matter left open).

    >>> withheld("He did not say whether the prize money would rise.")
    {'yesno': ' the prize money would rise.'}
    >>> withheld("Engineers found a turbine damaged but gave no cause.")
    {'reason': '.'}
    >>> withheld("Police declined to say how many people were arrested.")
    {'number': ' people were arrested.'}
    >>> withheld("Organisers did not explain how the 42 couples were selected.")
    {'manner': ' the 42 couples were selected.'}
    >>> withheld("The minister said whether to go was his decision.")
    {}
    >>> withheld('She said: "We did not say when we would leave."')  # speech, not the article
    {}

    The thing itself may be withheld, named before or after the verb (it does not say
    that the act did not happen: "has not published its count" answers "Has it?"), or
    by the one asked about it; so may whose name it is:

    >>> withheld("It did not disclose the interest rate.")
    {'thing': 'interest rate.'}
    >>> withheld("The price was not disclosed.")
    {'thing': 'The price '}
    >>> withheld("Asked whether he would stay, the coach declined to comment.")
    {'yesno': 'he would stay'}
    >>> withheld("A local businessman who asked not to be named paid for it.")
    {'name': 'A local businessman'}
    >>> withheld("Gayane, 34, who asked that her surname not be used, said so.")
    {'name': '34 surname'}
    """
    found: dict[str, str] = {}
    text = unquoted(text)
    for m in _WITHHELD.finditer(text):
        group = next(k for k, v in m.groupdict().items() if v)
        found.setdefault(_WITHHELD_KIND.get(group, group), text[m.end() :])
    if (thing := _WITHHELD_THING.search(text)) is not None:
        found.setdefault("thing", text[thing.end() :])
    elif (undisclosed := _UNDISCLOSED.search(text)) is not None:
        found.setdefault("thing", undisclosed.group("thing"))
    if (asked := _NO_COMMENT.search(text)) is not None:
        kind = "yesno" if asked.group("wh").lower() in ("whether", "if") else "which"
        found.setdefault(kind, asked.group("matter"))
    if (name := _NAME_WITHHELD.search(text)) is not None:
        found.setdefault("name", " ".join(p for p in name.group("whom", "part") if p))
    return found


# Someone keeping silent, whatever on: "declined to comment", "did not say how many"
_SILENT = re.compile(
    rf"\b(?:{_not_telling('say confirm disclose specify reveal explain give name')}"
    r"|(?:declined|refused) to (?:comment|answer|discuss|speak|elaborate)|declined comment)\b",
    re.IGNORECASE,
)


def keeps_silent(text: str) -> bool:
    """Whether `text` says, in the reporter's words, that someone kept silent: the answer
    to whether they spoke of it ("Did the developer comment?").

    >>> keeps_silent("The developer declined to comment."), keeps_silent("He said no.")
    (True, False)
    >>> keeps_silent("He did not say how many had been approved.")
    True
    """
    return bool(_SILENT.search(unquoted(text)))
