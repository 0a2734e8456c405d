"""Which sentences count what a "how many X" question counts, as news writes counts.

A number counts X when the words after it name X by stem, by a WordNet synonym
("minors" for children), by a compound's head ("landmines" are mines), by a word the
sentence model puts close (any group of people for "people"), by the verb the noun is
made from ("evacuated 2,000 people" counts evacuees) or that its doers did ("3,100
people visited": visitors), or as people right after the sentence that calls them X;
and, when the question says whose X ("Azerbaijani soldiers"), the number's own words,
else its sentence or article, say so.
`qa.backends.extractive` asks it once per question for every candidate sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from vectorstore.text import stem, terms

from .intent import Intent
from .lexicon import kind_of, names_people, synonyms
from .news import counts_in, names_a_country, numbers_in
from .places import countries_named
from .scoring import MIN_PREFIX, found_share
from .slots import Sentence
from .weights import Weights

__all__ = ["counts_match", "same_head"]

ACTION_ROOT = 4  # letters of what counted people did that a noun for them must begin with
# Words for people as such: "how many people" is answered by any group of people
_ANYONE = frozenset(stem(w) for w in ["people", "persons", "individuals"])
# "How many kinds of lichen?" is answered by "27 species of lichen": any word for a kind
_KINDS_OF = frozenset(stem(w) for w in ["kinds", "types", "sorts", "varieties", "species"])
# One person's children, as news counts them ("arrived with her two sons")
_CHILDREN = frozenset(stem(w) for w in ["children", "child", "kids", "kid"])
_OFFSPRING = frozenset(stem(w) for w in ["sons", "daughters", "boys", "girls"])
# Words that count people who died, whatever the question calls them
_DEATH_COUNTS = frozenset(
    stem(w)
    for w in ["fatalities", "casualties", "deaths", "dead", "died", "killed", "victims", "lives"]
)


def counts_match(
    intent: Intent,
    sentences: Sequence[Sentence],
    embed: Callable[[list[str]], np.ndarray],
    weights: Weights,
    before: Sequence[str] = (),
) -> dict[int, bool]:
    """For "how many X": which sentences count X (by stem, else by embedding, or as
    people when `before[i]`, the sentence before sentence i in its paragraph, names them
    X), and, when the question says whose X ("Azerbaijani soldiers"), name them. `embed`
    gives words' vectors (the engine's model), for nouns that mean the asked one."""
    if intent.counted is None:
        return {}  # an attribute, an amount in a unit: the rules check those
    head = intent.counted.split()[-1]  # "bus routes": routes are counted
    wanted = {stem(w) for w in intent.counted.split()}
    per_sentence = [counts_in(s.text) for s in sentences]
    said = {w for ps in per_sentence for _, phrase in ps for w in phrase}
    vocab = sorted(w for w in said if stem(w) not in wanted)
    similar = {stem(head)}
    if stem(head) in _DEATH_COUNTS:  # "fatalities", "the dead": people killed
        similar |= _DEATH_COUNTS | {stem("people")}
    if stem(head) in _KINDS_OF:
        similar |= _KINDS_OF
    # one person's children ("how many children does she have?": "her three sons")
    if stem(head) in _CHILDREN and (intent.by_pronoun or intent.people_asked):
        similar |= _OFFSPRING
    if vocab:
        vecs = embed([head, *vocab])
        sims = vecs[1:] @ vecs[0]
        close = weights.similar_word
        if stem(head) in _ANYONE:  # "how many people": villagers, viewers, a crowd
            close = weights.similar_to_people
            similar |= {stem(w) for w in vocab if names_people(w)}
        similar |= {stem(w) for w, sim in zip(vocab, sims, strict=True) if sim >= close}
        similar |= synonyms(stem(head)) & {stem(w) for w in vocab}  # "minors": children
        similar |= {stem(w) for w in vocab if same_head(w, head)}  # "landmines": mines
        # "nine trucks" count lorries, "three sons" children (but "people" counts
        # children only as `_ANYONE` reads it)
        if stem(head) not in _ANYONE:
            similar |= {stem(w) for w in vocab if stem(w) not in _ANYONE and kind_of(head, w)}
        did = intent.action if stem(head) in _ANYONE else None
        if did and len(did) >= ACTION_ROOT:  # "people signed": signatures count them
            root = did[:MIN_PREFIX]
            similar |= {stem(w) for w in vocab if stem(w.lower()).startswith(root)}
    whose = list(intent.focus_names)
    # "how many asylum claims": "7,300 asylum applications", the compound said otherwise
    modifiers = frozenset(stem(w) for w in intent.counted.split()[:-1])
    made = _people_made(head)  # "evacuated 2,000 people" counts evacuees
    # "Moscow troops began evacuating civilians. ... it has evacuated over 2,000
    # people": people counted right after the sentence naming them as the asked
    # noun count it (not when the question itself counts people as the whole)
    named_before = (
        set()
        if _ANYONE & set(intent.subject)
        else {i for i, text in enumerate(before) if stem(head) in terms(text)}
    )
    return {
        i: any(
            _counts(
                p,
                similar
                | (made[1] if made and made[0].search(s.text) else set())
                | (_ANYONE if i in named_before else set()),
                whose,
                s.text,
                s.article,
                modifiers,
            )
            for n, p in ps
            if n not in intent.totals  # the whole a partitive picks a part from
        )
        for i, (ps, s) in enumerate(zip(per_sentence, sentences, strict=True))
        if ps or numbers_in(s.text)
    }


COMPOUND_HEAD = 4  # letters of the shorter noun, when one ends the other ("hives")


def same_head(a: str, b: str) -> bool:
    """Whether one noun is the other with words before it: English compounds end on what
    they are ("landmines" are mines, "beehives" hives; "women" are not "men").

    >>> same_head("landmines", "mines"), same_head("hives", "beehives"), same_head("men", "women")
    (True, True, False)
    """
    short, long_ = sorted((a.lower(), b.lower()), key=len)
    return len(short) >= COMPOUND_HEAD and len(long_) > len(short) and long_.endswith(short)


# People taken on, and people employed: "will hire 35 workers" are new jobs, "employs 48
# people" staff (a workforce is no count of jobs going: "employs 900 people")
_TAKES_ON = (
    r"hire|hires|hired|hiring|recruit|recruits|recruited|recruiting|take on|takes on|took on"
    r"|taking on"
)
_EMPLOYS = re.compile(rf"(?i)\b(?:employ|employs|employed|employing|{_TAKES_ON})\b")
_HIRES = re.compile(rf"(?i)\b(?:{_TAKES_ON})\b")
_STAFF = frozenset(stem(w) for w in ["staff", "employees", "workers", "workforce", "personnel"])
_JOBS = frozenset(stem(w) for w in ["jobs", "positions", "posts", "roles", "vacancies"])
# a person something was done to: "evacuee", "detainee", "deportee"
_DONE_TO = re.compile(r"^([a-z]{4,})ees?$")
_DOERS = re.compile(r"^([a-z]{4,})(?:ers|ors)$")  # "visitors": people who visited


def _people_made(head: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The verb that makes a count of people a count of `head`, and the words such a
    count may use: people evacuated are evacuees, detained detainees (the verb the noun
    is made from); people who visited are visitors, who protested protesters (a noun for
    people that names what they did, by its past form: "farms" are no farmers); people
    employed or hired are staff, people hired new jobs.

    >>> made = _people_made("evacuees")
    >>> bool(made and made[0].search("It evacuated 2,000 people")), _people_made("tanks")
    (True, None)
    >>> made = _people_made("visitors")
    >>> bool(made and made[0].search("3,100 people visited")), _people_made("containers")
    (True, None)
    """
    if stem(head) in _STAFF:
        return _EMPLOYS, _ANYONE | _STAFF
    if stem(head) in _JOBS:
        return _HIRES, _ANYONE | _STAFF
    low = head.lower()
    # "how many visitors": "3,100 people visited", by the past form only ("farms" no farmers)
    doers = _DOERS.match(low) if names_people(head) else None
    made, forms = (doers, "ed") if doers else (_DONE_TO.match(low), "(?:ed|es|s)")
    if made is None:
        return None
    return re.compile(rf"(?i)\b{made.group(1)[:MIN_PREFIX]}\w*{forms}\b"), _ANYONE


def _counts(
    phrase: list[str],
    similar: set[str],
    whose: list[str],
    sentence: str,
    article: str,
    modifiers: frozenset[str] = frozenset(),
) -> bool:
    """Whether a number's `phrase` ("nine Armenian detainees") counts what the question
    counts: a word of it means the asked noun, or it has every word before the asked
    compound's head (`modifiers`: "asylum" of "asylum claims" in "7,300 asylum
    applications"), and when the question says whose ("Azerbaijani soldiers") the
    phrase's own qualifier, else the sentence, says so; a sentence naming no one ("The
    group has six monitors") is read in its article.

    >>> art = "The OSCE sent observers. The group has six monitors."
    >>> _counts(["monitors"], {"monitor"}, ["osc"], "The group has six monitors.", art)
    True
    >>> said = "Armenia said 64 servicemen died."
    >>> _counts(["servicemen"], {"servicemen"}, ["azerbaijani"], said, art)
    False
    >>> _counts(["asylum", "applications"], {"claim"}, [], "", "", frozenset({"asylum"}))
    True
    >>> baku = "Baku has said 192 of its soldiers were killed."  # a capital for its country
    >>> _counts(["its", "soldiers"], {"soldier"}, ["azerbaijani"], baku, art)
    True
    """
    stems = {stem(w.lower()) for w in phrase}
    if not stems & similar and not (modifiers and modifiers <= stems):
        return False
    if not whose:
        return True
    qualifiers = [w for w in phrase if stem(w.lower()) not in similar and not w.islower()]
    if qualifiers or names_a_country(sentence):  # "Baku said 192 of its soldiers": Azerbaijan's
        said = " ".join(qualifiers) or sentence
        return found_share(whose, f"{said} {' '.join(countries_named(said))}") == 1.0
    return found_share(whose, article) == 1.0  # "Colonel Ismayilov said 192 servicemen"
