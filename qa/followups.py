"""Whether a question leans on its conversation: it follows up (`is_followup`: a
pronoun, a leading "and", a reaction, or no topic of its own), says it leaves the topic
(`changes_topic`: "Different question: ..."), asks the last question again of something
else (`elided`: "what about the UK?") or picks from what the last answer said
(`picks_from_answer`: "how many of them ...").

Pure functions over the question's text (and the earlier turns' words); `qa.intent.analyse`
calls them once per turn, and `qa.conversation` asks whether an earlier turn followed up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vectorstore.text import terms

from .history import HistoryTurn
from .kinds import ASKING, REACTION
from .reading import GENERIC

__all__ = ["changes_topic", "elided", "is_followup", "picks_from_answer"]

NEW_TOPIC_TERMS = 2  # content words the conversation never used that make a new topic

_PRONOUNS = re.compile(
    r"\b(he|she|they|them|it|its|his|her|hers|their|theirs|him|those|these|that one|"
    r"this one|there|then|the same|such|the latter|the former|the group|the country|"
    r"the region|the operation|the ceasefire|the attack|the war|the truce|that|this)\b",
    re.IGNORECASE,
)

_PARTITIVE_ASK = re.compile(
    r"(?i)^(?:(?:and|so|but),? )?(?:how (?:many|much)|which|what share|what proportion) "
    r"(?:of|among) (?:the|those|these|them|it|that|this)\b"
)

_LEADING = re.compile(
    r"^(and|but|also|so|what about|how about|and what about|what else|anything else)\b",
    re.IGNORECASE,
)


# A question that says it leaves the conversation's topic: "Different question: ...",
# "Switching to the chess story - ...", "Unrelated, but ..."
_NEW_TOPIC = re.compile(
    r"(?i)^\W*(?:(?:(?:on )?(?:a )?(?:different|new|separate|another|other|unrelated) "
    r"(?:question|subject|topic|story|thing|note|matter)"
    r"|switching\b[^:;,?–—-]{0,40}|chang(?:e|ing) (?:of |the )?(?:subject|topic)[^:;,?–—-]{0,20}"
    r"|moving on|unrelated)\s*[:,;–—-]|unrelated,? but\b)"
)


def changes_topic(question: str) -> bool:
    """Whether `question` says it leaves the conversation's topic: then it leans on no
    earlier turn, whatever its words.

    >>> changes_topic("Different question: how many wounded did Armenpress report?")
    True
    >>> changes_topic("Switching to the chess story - what did the director say?")
    True
    >>> changes_topic("And how many of them were children?"), changes_topic("New rules?")
    (False, False)
    """
    return bool(_NEW_TOPIC.search(question))


def is_followup(question: str, history: Sequence[HistoryTurn] = ()) -> bool:
    """Whether a question needs earlier turns to make sense.

    >>> is_followup("And how many of them were children?"), is_followup("Who is Nikol Pashinyan?")
    (True, False)
    >>> is_followup("How many people were injured?"), is_followup("How did Armenia respond?")
    (True, True)

    A question that brings its own new topic is a fresh question, even without a name:

    >>> before = [HistoryTurn("How many people did the military evacuate?", "Over 2,000.")]
    >>> is_followup("Who reported the death toll?", before)
    False
    >>> is_followup("And who reported the death toll?", before)
    True
    """
    if _LEADING.search(question.strip()) or _PRONOUNS.search(question):
        return True
    if history and _PARTITIVE_ASK.match(question):
        return True  # "How many of the dead were civilians?" picks from the last answer
    if REACTION.search(question):  # a reaction is to something said before
        return True
    if any(w[:1].isupper() or any(c.isdigit() for c in w) for w in question.split()[1:]):
        return False  # it names what it is about
    if history:
        said = {t for turn in history for t in terms(f"{turn.question} {turn.answer}")}
        new = [t for t in terms(question) if t not in said and t not in GENERIC]
        if len(new) >= NEW_TOPIC_TERMS:
            return False
    # A question that names nothing ("How many people were injured?") is about whatever
    # the conversation is about.
    return True


# "And for cash help to families?", "what about the UK?": the last question asked again of
# what follows; the rest must not ask anything itself ("and how many were hurt?")
_ELLIPSIS = re.compile(
    r"^(?:and what about|and how about|what about|how about|and)\b[,\s]*(?P<rest>.*?)[\s?.!]*$",
    re.IGNORECASE,
)
_ASKS_ITSELF = re.compile(rf"^(?:(?:in|at|on|for|by|to|of|from|about|with) )?{ASKING}", re.I)


def elided(question: str) -> str | None:
    """What an elliptical follow-up asks the last question about ("the UK" in "what about
    the UK?"), or None when the question asks for itself.

    >>> elided("And for cash help to families?"), elided("what about the uk")
    ('for cash help to families', 'the uk')
    >>> elided("And how many were hurt?") is None, elided("Who brokered it?") is None
    (True, True)
    """
    m = _ELLIPSIS.match(question.strip())
    if m is None or not m["rest"] or _ASKS_ITSELF.search(m["rest"]):
        return None
    return m["rest"]


def picks_from_answer(question: str) -> bool:
    """Whether `question` picks from what the last answer said ("how many of them ...").

    >>> picks_from_answer("And how many of them were children?")
    True
    """
    return bool(_PARTITIVE_ASK.match(question))
