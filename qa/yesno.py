"""What a yes/no answer may say besides its quote: "Yes." when the quote says the
question's statement (`affirms`), "No." when it puts a "not" on the question's own words
(`denies`); anything less is left to the quote, for the reader to judge. `negates` tells
whether a text says no to anything (the LLM verifier checks a drafted "No" with it).
Pure functions over text, read by `qa.backends.extractive` and `qa.verify`.
"""

from __future__ import annotations

import functools
import re

from vectorstore.text import STOPWORDS, stem, terms

from .kinds import ACCEPTED, yes_or_no
from .lexicon import antonyms, common_word, is_noun, verb_lemma
from .news import MONTHS, WEEKDAYS, YEAR, capitalised_names, keeps_silent, numbers_in
from .scoring import WORD, found_share, same_term

__all__ = ["AFFIRM_COSINE", "affirms", "denies", "negates", "opposes", "replaces"]

# Verbs that say no by themselves ("Russia denied it", "the motion was rejected")
_REFUSALS = r"den(?:y|ies|ied)|reject(?:s|ed)?|fail(?:s|ed)?"
_NEGATION = re.compile(
    rf"\b(?:not|no|never|neither|nor|without|none|cannot|\w+n[’']t|{_REFUSALS})\b",
    re.IGNORECASE,
)
# Words that make a sentence say less than yes, unless the question uses them too: a
# limit ("named only by his initials"), a refusal ("declined to comment"), the opposite
# state ("closed on Mondays" for "open on Mondays?"), a request for what is asked ("urged
# UNESCO to send a mission" for "will UNESCO send one?")
_SHORT_OF_YES = re.compile(
    r"\b(?:only|except|declin(?:ed|es|ing)|refus(?:ed|es|ing)|clos(?:e|ed|es|ing)"
    r"|urg(?:ed|es|ing)|call(?:ed|s|ing) (?:for|on)|asked|demand(?:ed|s|ing)|appeal(?:ed|s|ing)"
    r"|ruled out)\b",
    re.IGNORECASE,
)
# Another rank of the asked thing: "its third national title" to "its first national
# title?", "the second-largest producer" to "the largest producer?"
_RANKED = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[\s-]+([\w’'-]+)",
    re.IGNORECASE,
)
# A wish, hope or fear: what follows it is not said to be so ("wanted the promise put in
# writing", "were afraid that production would move to Asia")
_ATTITUDE = re.compile(
    r"\b(?:want(?:s|ed)?|hop(?:e|es|ed)|fear(?:s|ed)?|afraid|worried|expect(?:s|ed)?)\b",
    re.IGNORECASE,
)
MIN_AFFIRMED_TERMS = 2  # a yes/no question with fewer content words says too little
# A sentence this close in meaning to a yes/no question (cosine of the two embeddings)
# says its statement in other words ("It is inside Azerbaijan's borders." for "Is
# Karabakh located within Azerbaijan's borders?"). Over sets 1 to 22 no sentence at
# 0.8 or above that negates nothing answered a question whose answer is no.
AFFIRM_COSINE = 0.8


def negates(text: str) -> bool:
    """Whether `text` says no to something ("not", "never", "denied", "rejected" ...).

    >>> negates("Russia denied it."), negates("Russia agreed.")
    (True, False)
    """
    return bool(_NEGATION.search(text))


def affirms(question: str, sentence: str, similarity: float = 0.0) -> bool:
    """Whether `sentence` plainly says yes to the yes/no `question`: every content word
    and number of the question is in it, or it is as close in meaning as a paraphrase
    (`similarity`, the cosine of the two, at least `AFFIRM_COSINE`), and it negates
    nothing and stops short of nothing (`_SHORT_OF_YES`). Anything less (a loose
    paraphrase, a "no", an "or" question) is left to the quote alone.

    >>> affirms("Is Armenia a member of the CSTO?", "Armenia is a member of the CSTO.")
    True
    >>> affirms("Is Armenia a member of NATO?", "Armenia is a member of the CSTO.")
    False
    >>> affirms("Can Armenia rely on Russia?", "Armenia can no longer rely on Russia.")
    False
    >>> affirms("Is it within Azerbaijan?", "It is inside Azerbaijan's borders.", similarity=0.81)
    True

    A sentence that limits, refuses, tells the opposite state or asks for what is asked
    says less than yes, unless the question says it too:

    >>> affirms("Is the landlord named in court papers?", "The landlord is named in court "
    ...         "papers only by his initials.")
    False
    >>> affirms("Did the developer comment?", "The developer declined to comment.")
    False
    >>> affirms("Is the shop closed on Mondays?", "The shop is closed on Mondays.")
    True

    Nor does one that only wishes or fears it:

    >>> affirms("Is production moving to Asia?", "People here were afraid that production "
    ...         "would move to Asia.")
    False

    Nor does one that ranks the asked thing otherwise, or rules it out:

    >>> affirms("Was it his first national title?", "It was his third national title.")
    False
    >>> affirms("Is it a third-division side?", "It is a third-division side.")
    True
    >>> affirms("Was it started by shelling?", "Was it started by a cigarette? Investigators "
    ...         "said that shelling had been ruled out.")
    False
    """
    if not yes_or_no(question):
        return False
    asked = terms(question)
    return (
        len(set(asked)) >= MIN_AFFIRMED_TERMS
        and (found_share(asked, sentence, synonyms=True) == 1.0 or similarity >= AFFIRM_COSINE)
        and numbers_in(question) <= numbers_in(sentence)
        and not _NEGATION.search(sentence)
        and not any(
            not re.search(rf"\b{re.escape(m.group().split()[0][:4])}", question, re.IGNORECASE)
            for m in _SHORT_OF_YES.finditer(sentence)
        )
        and not any(
            not re.search(rf"\b{m.group(1)}\b", question, re.IGNORECASE)
            and found_share(terms(m.group(2)), question) > 0
            for m in _RANKED.finditer(sentence)
        )
        and not _only_wished(asked, question, sentence)
        and opposes(question, sentence) is None
    )


@functools.lru_cache(maxsize=256)  # `affirms`, then `denies`, ask it of the same pair
def opposes(question: str, sentence: str) -> str | None:
    """The word of the yes/no `question` that `sentence` says the opposite of (WordNet's
    `lexicon.antonyms`: "rejected" for "accept", "rare" for "common", "closed" for
    "open"), or None. The question's word must be missing from the sentence, in itself
    and in its synonyms, and the opposite must not be a word of the question ("has demand
    fallen with prices going up?"). A word that only describes the noun after it ("the
    old bridge", "a cheaper permit") is no statement of the question and is skipped.

    >>> opposes("Did Moscow accept the protest?", "Moscow rejected the protest.")
    'accept'
    >>> opposes("Are employee buyouts common in Sweden?", "Employee buyouts remain rare in "
    ...         "Sweden.")
    'common'
    >>> opposes("Is the cinema open on Mondays?", "The cinema will close on Mondays.")
    'open'
    >>> opposes("Will any part of the old bridge be kept?", "The new bridge keeps the gates.")
    >>> opposes("Did the offensive start on 19 September?", "It began on 19 September and "
    ...         "ended a day later.")
    """
    if not yes_or_no(question):
        return None
    words = WORD.findall(question)
    said = {stem(w.lower()) for w in WORD.findall(sentence)}
    asked = {w.lower() for w in words}
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in STOPWORDS or stem(lower) in said or numbers_in(lower):
            continue  # "three" is no opposite of "third"
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        if after and after not in STOPWORDS and is_noun(after) and not verb_lemma(lower):
            continue  # "the old bridge": a description, not what is asked
        if found_share([stem(lower)], sentence, synonyms=True) > 0:
            continue  # "began" for "start": said, in other words
        if any(stem(o) in said for o in antonyms(lower) - asked):
            return lower
    return None


def _only_wished(asked: list[str], question: str, sentence: str) -> bool:
    """Whether `sentence` says the question's statement only after a wish, hope or fear
    (`_ATTITUDE`) the question does not ask about: none of the question's words comes
    before it. "He applied and hoped to buy a house" still says he applied.

    >>> q = "Has the jobs promise been put in writing?"
    >>> _only_wished(terms(q), q, "The union wanted the promise on jobs put in writing.")
    True
    >>> q = "Has the family applied?"
    >>> _only_wished(terms(q), q, "His family had applied and hoped to buy a house.")
    False
    """
    m = _ATTITUDE.search(sentence)
    if m is None or _ATTITUDE.search(question):
        return False
    return found_share(asked, sentence[: m.start()]) == 0


# Words that say no on their own, with no "not" before the question's word: "the motion
# was rejected" to "was it passed?", "output had been unaffected" to "was it hit?"
_REFUSE = rf"{_REFUSALS}|refus(?:e|es|ed)"
_REFUSING = re.compile(
    rf"(?:{_REFUSE}|un(?:affected|changed|harmed|hurt|touched|able))", re.IGNORECASE
)
# Turning something down: the answer to whether one accepted, agreed or admitted it
_TURNED_DOWN = re.compile(
    rf"\b(?:{_REFUSE}|declin(?:e|es|ed)|turn(?:s|ed)? (?:\w+ ){{0,3}}?down)\b", re.IGNORECASE
)
# Whether someone spoke of something ("did he comment?", "did they say how many?") is
# answered no by their keeping silent on it (`news.keeps_silent`: "declined to comment")
_SPEAKS = re.compile(
    r"\b(?:talk|comment|say|discuss|speak|answer|address|mention|explain|give|reveal|disclose"
    r"|confirm|name|specify)\b",
    re.IGNORECASE,
)
_CONDITION = frozenset(["if", "unless", "whether"])  # "if the ban was not lifted": no "no"
# "Did he say when ...?" asks when, not whether: a "no" in the sentence is no answer to it
# (unless it is his not saying, `news.keeps_silent`)
_ASKS_WH_INSIDE = re.compile(
    r"\b(?:say|said|tell|told|know|explain|disclose|reveal)\w* "
    r"(?:when|how|why|where|what|who|whether|which)\b",
    re.IGNORECASE,
)
_FILLER_WORDS = "anything something anyone anybody someone ever yet already still"


@functools.cache
def _fillers() -> frozenset[str]:
    """Terms a yes/no question adds without asking them ("has he accused anyone of
    anything?"), stemmed as `terms` stems the question (on first need, not at import)."""
    return frozenset(terms(_FILLER_WORDS))


DENIAL_WINDOW = 4  # content words a "not" may stand before the question's word it denies

# Where or when a yes/no question puts its statement: "sold in France?", "gas from
# Turkey?", "built in December?", "moved to Tbilisi?" (not "ties with Moscow", where
# Russia for Moscow is the same answer in other words)
_FRAME = frozenset(
    ["in", "inside", "within", "at", "near", "from", "to", "into", "outside", "on", "for"]
)
_FRAME_RUN = 3  # words after the frame's word read for its place or time


def _frame_kind(word: str) -> str | None:
    """What `word` could name in a place or time frame: a year, a month, a weekday or a
    name (capitalised, or no English word), else None."""
    lower = word.lower()
    if YEAR.fullmatch(word):
        return "year"
    if lower in MONTHS:
        return "month"
    if lower in WEEKDAYS:
        return "weekday"
    if lower in STOPWORDS or numbers_in(lower):
        return None
    return "name" if word[0].isupper() or not common_word(lower) else None


def replaces(question: str, sentence: str) -> tuple[str, str] | None:
    """The place or time a yes/no `question` asks about and the other one `sentence` puts
    in its stead, after the same word ("in France" / "in Britain", "in December" / "in
    January", "in 2021" / "in February 2022"), or None. The question's word must be
    missing from the sentence; a name stands for a name, a year for a year.

    >>> replaces("Was the kettle sold in France?", "It was sold in Britain and Ireland.")
    ('France', 'Britain')
    >>> replaces("Did her campaign begin in 2021?", "It was started in February 2022.")
    ('2021', '2022')
    >>> replaces("Does Azerbaijan have close ties with Moscow?", "It is close to Russia.")
    >>> replaces("Was it held in Sochi?", "It was held in Sochi in May.")
    """
    if not yes_or_no(question):
        return None
    asked = WORD.findall(question)
    said = [m.group() for m in WORD.finditer(sentence)]
    for i, word in enumerate(asked[1:-1], start=1):
        if word.lower() not in _FRAME:
            continue
        what = asked[i + 1]
        kind = _frame_kind(what)
        if kind is None or found_share(terms(what), sentence) > 0:
            continue
        if kind == "name" and word.lower() == "on":
            continue  # "on Wednesday", but "on TV" / "on BBC" is one answer
        for j, other in enumerate(said[:-1]):
            if other.lower() != word.lower():
                continue
            after = said[j + 1 : j + 1 + _FRAME_RUN]
            if after and after[0].lower() == "the":
                after = after[1:]
            # a name right after the word ("in Britain", not "in the market town of
            # Hexford"); a year, month or weekday anywhere in the run ("in February 2022")
            read = after[:1] if kind == "name" else after
            stand_in = next((w for w in read if _frame_kind(w) == kind), None)
            if stand_in is not None and stem(stand_in.lower()) != stem(what.lower()):
                return what, stand_in
    return None


def denies(question: str, sentence: str) -> bool:
    """Whether `sentence` plainly says no to the yes/no `question`: it names every name the
    question does, has at least half its other words, and a "not" (or "never", "no" ...)
    stands just before one of them (within `DENIAL_WINDOW` content words), or a word
    that refuses on its own ("rejected", "unaffected") takes the place of one it lacks.
    A question that itself negates ("Did Russia deny it?"), asks a wh-question inside
    ("Did he say when?", unless he "did not say when") or offers a choice is left to the
    quote alone, as is a "not" under a condition ("if it was not lifted").

    >>> denies("Did Pashinyan attend the debate?", "Pashinyan, who did not attend the "
    ...        "debate, spoke in a video address.")
    True
    >>> denies("Was the withdrawal motion passed?", "A motion to begin withdrawal was "
    ...        "rejected by 61 votes to 38.")
    True
    >>> denies("Has he accused Moscow of anything?", "He accused Moscow of betrayal, which "
    ...        "Russia denied.")
    False
    >>> denies("Did Russia deny it?", "Russia denied it."), denies("Did Baku attend?", "Moscow "
    ...        "did not attend.")
    (False, False)
    >>> denies("Did he say when the ban might be lifted?", "The plant would cut a shift if the "
    ...        "ban was not lifted.")
    False

    Whether someone accepted, agreed to or admitted something is answered by their
    turning it down, said by them ("Armenia rejected", "Moscow turned the appeal down"):

    >>> denies("Did Armenia admit it?", "Armenia, however, rejected the allegations.")
    True
    >>> denies("Did Moscow agree?", "The Supreme Soviet in Moscow turned the appeal down.")
    True
    >>> denies("Did Armenia admit it?", "Azerbaijan rejected what Armenia said.")
    False

    A sentence that puts the statement in another place or time after the same word
    (`replaces`) says no too, when it has at least half the question's other words:

    >>> denies("Does Nakhchivan get its gas from Turkey?", "Nakhchivan gets its gas from Iran.")
    True

    Whether someone spoke of something is answered by their keeping silent on it:

    >>> denies("Did the developer comment?", "The developer declined to comment.")
    True
    >>> denies("Did he say how many were approved?", "He did not say how many were approved.")
    True
    """
    if not yes_or_no(question) or _NEGATION.search(question):
        return False
    if _SPEAKS.search(question) and keeps_silent(sentence):
        return True  # "Did the developer comment?": "The developer declined to comment."
    if _ASKS_WH_INSIDE.search(question):
        return False
    names = capitalised_names(question[1:])  # not the question's capitalised first word
    asked = [t for t in terms(question) if t not in names and t not in _fillers()]
    swap = replaces(question, sentence)
    if swap is not None:  # "sold in France?": "sold in Britain"
        moved = set(terms(swap[0]))
        others = [t for t in terms(question) if t not in moved and t not in _fillers()]
        if found_share(others, sentence) >= 0.5:
            return True
    if not asked or (names and found_share(sorted(names), sentence) < 1.0):
        return False
    opposite = opposes(question, sentence)
    if opposite is not None:  # "Is it common?": "it remains rare"
        others = [t for t in asked if t != stem(opposite)]
        if others and found_share(others, sentence) >= 0.5:
            return True
    if names and ACCEPTED.search(question):  # "Did Armenia admit it?": "Armenia rejected"
        refused = _TURNED_DOWN.search(sentence)
        if refused and found_share(sorted(names), sentence[: refused.start()]) > 0:
            return True
    share = found_share(asked, sentence)
    if share < 0.5:
        return False
    words = [m.group() for m in WORD.finditer(sentence)]
    stems = [stem(w.lower()) for w in words]
    at = {j for j, t in enumerate(stems) if any(same_term(t, a) for a in asked)}
    content = [j for j, w in enumerate(words) if w.lower() not in STOPWORDS]
    for i, word in enumerate(words):
        if not _NEGATION.fullmatch(word) and not _REFUSING.fullmatch(word):
            continue
        if _CONDITION & {w.lower() for w in words[max(0, i - 3) : i]}:
            continue
        if i and words[i - 1].lower() == "asked":
            continue  # withheld, not denied: "who asked not to be named"
        following = [j for j in content if j > i][:DENIAL_WINDOW]  # the next content words
        if not at.isdisjoint(following):
            return True
        if _REFUSING.fullmatch(word) and share < 1.0:
            return True
    return False
