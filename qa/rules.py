"""Declared, explainable sentence scoring: the weights, the signals, the named rules.

A candidate sentence's score is a sum of named parts, every one recorded in its
`SentenceScore` so an answer can say why it was given:

* three *signals*, each a weight times a value in [0, 1]: `semantic` (embedding
  cosine of question and sentence, read with its neighbour and, for a follow-up, with
  the conversation), `overlap` (IDF-weighted share of the question's terms the
  sentence has; for an article's lead sentence, not counting the title's words, which
  the lead retells: full of the topic's words, it otherwise beats the sentence that
  answers) and `prior` (the passage's fused retrieval score);
* *rules*: small named functions over the question's `Intent` and the sentence, each
  returning an `Adjustment` (or nothing). `RULES` lists them in order.

Whether a sentence may answer at all is a separate question, `qa.slots.slot_filled`:
it must give what the question asks for about the question's subject. Whether the best
one answers is `qa.decision.decide`'s.

Every weight and threshold lives in `Weights` (`qa.weights`; one frozen instance,
`WEIGHTS`, re-exported here), each documented once, as datasette declares its settings.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from vectorstore.text import normalize_numbers, terms

from .answer import Adjustment
from .intent import Intent
from .lexicon import verb_lemma
from .news import (
    date_spans,
    days_in,
    gives_source,
    goes_on,
    initials_in,
    names_no_source,
    number_spans,
    refers_back,
    speaks_ahead,
)
from .scoring import (
    MIN_PREFIX,
    WORD,
    aimed_at,
    done_by_someone,
    found_share,
    overlap,
    reacts,
    same_term,
    terms_in_order,
)
from .slots import Sentence, asked_words, kind_match, mentions, slot_filled, unused_names
from .weights import WEIGHTS, Weights

__all__ = [
    "HEADLINE",
    "RULES",
    "WEIGHTS",
    "Adjustment",
    "SentenceScore",
    "Weights",
    "score",
]


@dataclass(frozen=True)
class SentenceScore:
    """A sentence's score as the sum of its parts; `total` is always that sum."""

    parts: tuple[Adjustment, ...]
    semantic: float = 0.0  # the raw signals, before weighting
    overlap: float = 0.0
    type_match: bool | None = None  # has what the question's kind asks for
    slot: bool = True  # fills the asked slot (see `slot_filled`)
    slot_why: str = ""

    @property
    def total(self) -> float:
        return sum(p.value for p in self.parts)


Rule = Callable[[Intent, Sentence, Weights], Adjustment | None]


def score(
    intent: Intent,
    sentence: Sentence,
    idf: Callable[[str], float],
    weights: Weights = WEIGHTS,
    rules: Iterable[Rule] | None = None,
) -> SentenceScore:
    """Score one sentence: the weighted signals, then every rule's adjustment.

    >>> from qa.intent import analyse
    >>> s = Sentence("a", "T", 0, 30, "It evacuated 2,000 people.", "", semantic=0.6)
    >>> sc = score(analyse("How many people were evacuated?"), s, lambda t: 1.0)
    >>> [p.rule for p in sc.parts], round(sc.total, 3), sc.slot
    (['semantic', 'overlap', 'prior', 'asked kind', 'phrase', 'event'], 0.81, True)
    """
    s_terms = set(terms_in_order(sentence.text)) | initials_in(sentence.text)  # "eu"
    q_terms = [*intent.subject, *intent.referents]  # "how old is she?": she is Janet Oduya
    topic = _title_terms(sentence.title) if _is_lead(sentence) else frozenset()
    found_weight = lambda t: weights.title_term if t in topic else 1.0  # noqa: E731
    ov = overlap(q_terms, s_terms, idf, found_weight, weights.synonym_term)
    if sentence.preceding and refers_back(sentence.text):  # "Its owner, Gagik ...": whose
        told = s_terms | set(terms_in_order(sentence.preceding))
        ov += weights.antecedent_term * (overlap(q_terms, told, idf, found_weight) - ov)
    sem = sentence.semantic
    if sentence.semantic_context is not None:  # a follow-up: its context counts, less
        sem = (sem + weights.context * sentence.semantic_context) / (1 + weights.context)
        if intent.context:
            ctx = overlap(intent.context, s_terms, idf)
            ov = (ov + weights.context * ctx) / (1 + weights.context)
    parts = [
        Adjustment("semantic", weights.semantic * sem, f"similarity {sem:.2f}"),
        Adjustment("overlap", weights.overlap * ov, f"{ov:.0%} of the question's terms"),
        Adjustment("prior", weights.prior * sentence.prior, f"retrieval {sentence.prior:.2f}"),
    ]
    if sentence.story:  # read with its article's title (`Weights.title_mix`)
        parts.insert(
            1,
            Adjustment(
                "story", weights.semantic * sentence.story, f"{sentence.story:+.2f} with its title"
            ),
        )
    for rule in RULES if rules is None else rules:
        adjustment = rule(intent, sentence, weights)
        if adjustment is not None and adjustment.value:
            parts.append(adjustment)
    match = kind_match(intent, sentence)
    filled, why = slot_filled(intent, sentence, match)
    return SentenceScore(tuple(parts), sem, ov, match, filled, why)


def asked_kind_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A sentence that has what the question's kind asks for gains; one lacking it loses
    (`Weights.kind_penalty`; `Weights.holder_penalty` when an office holder is asked)."""
    match = kind_match(intent, sentence)
    if match is None:
        return None
    if match and intent.asks == "expansion":
        return Adjustment("asked kind", w.spelt_out, "writes the acronym out")
    if match:
        word = asked_words(intent, whose=False)
        article = "an" if word[:1] in "aeiou" else "a"  # "has an age", "has a name"
        return Adjustment("asked kind", w.kind_bonus, f"has {article} {word}")
    penalty = w.holder_penalty if intent.asks == "office" else w.kind_penalty
    return Adjustment("asked kind", -penalty, f"no {asked_words(intent)} in it")


def focus_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A sentence naming the thing asked about ("weapons", "population") gains."""
    if intent.focus is None or intent.asks == "number":
        return None  # a count's noun is checked by `kind_match`
    if mentions(sentence.text, intent.focus):
        return Adjustment("focus", w.focus_bonus, f"names the {intent.focus}")
    return None


def conversation_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """The article the last answer cited stays the conversation's topic: its sentences
    gain as much whether or not the question reads as a follow-up (one worded afresh, "how
    long did the meeting last?", is still about it; a question about another topic finds
    its own article by what it says), and the sentence right after the cited one more still
    (less when it opens afresh than when it goes on from it: "However, ties have ...");
    but "who said that?" asks whose the cited sentence is, which it says itself when it
    names its source ("..., Deputy Minister Ruben Sargsyan said."), and the sentence
    before says when it gives only a pronoun ("He said the government would ..."). With
    no answered turn to lean on, a follow-up keeps the article the declined one came
    closest to (`Intent.closest`)."""
    previous = [c for c in intent.previous if c.source == sentence.source]
    if not previous and intent.followup and intent.closest == sentence.source:
        return Adjustment(
            "conversation",
            w.affinity,
            "from the article the declined turn came closest to",
        )
    if not previous:
        return None
    value = w.affinity
    why = "from the article of the last answer"
    text = sentence.article
    sourced = intent.of_statement and any(gives_source(c.quote) for c in previous)
    by_pronoun = sourced and all(names_no_source(c.quote) for c in previous)
    if (
        intent.followup
        and sourced
        and not by_pronoun
        and any(sentence.start == c.start for c in previous)
    ):
        value += w.next_sentence
        why = "the last answer's sentence, which says whose statement it is"
    elif (
        intent.followup
        and by_pronoun
        and any(
            sentence.end <= c.start and not text[sentence.end : c.start].strip() for c in previous
        )
    ):  # "He said ...": whose statement the sentence before says
        value += w.next_sentence
        why = "the sentence before the last answer, which names whom its pronoun means"
    elif (
        intent.followup
        and not sourced
        and any(
            sentence.start >= c.end and not text[c.end : sentence.start].strip() for c in previous
        )
    ):
        linked = goes_on(sentence.text)
        value += w.next_sentence if linked else w.next_unlinked
        why = "the sentence right after the last answer" + ("" if linked else ", opening afresh")
    return Adjustment("conversation", value, why)


def reaction_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A sentence telling the reaction asked about ("a move that angered Russia") gains."""
    if intent.reaction_by is None or not reacts(sentence.text, list(intent.reaction_by)):
        return None
    return Adjustment("reaction", w.reaction_bonus, "tells the reaction asked about")


def names_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """Names the question gives ("according to Armenpress") that the sentence's article
    never uses make it less likely to be about them (by the share missing; the
    article, not the sentence, because a sentence may say "the region" or "he")."""
    if not intent.names:
        return None
    missing = unused_names(intent, sentence.article or sentence.text)
    if not missing:
        return None
    share = len(missing) / len(intent.names)
    return Adjustment(
        "names", -w.missing_name * share, f"its article never names {', '.join(missing)}"
    )


def aim_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """ "What did Baku accuse Armenia of?": a sentence whose accusation (blame, warning,
    thanks ...) names Armenia as its object gains; one aimed at someone else (Armenia
    accusing Azerbaijan) loses as much: who did what to whom."""
    if intent.aim is None:
        return None
    verb, target = intent.aim
    objects = aimed_at(sentence.text, verb)
    if not objects:
        return None
    if any(found_share(list(target), o) > 0 for o in objects):
        return Adjustment("aim", w.aim, f"aimed at {' '.join(target)}")
    return Adjustment("aim", -w.aim, f"aimed at {', '.join(objects)}, not {' '.join(target)}")


def doer_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """ "Who led the study?": a sentence naming someone who led it ("said Mette
    Kjaergaard, 39, who led the project", "led by Professor Naomi Achebe") gains over
    one that only uses the topic's words, or quotes someone else."""
    if intent.doer is None or not done_by_someone(sentence.text, intent.doer, set(intent.subject)):
        return None
    return Adjustment("doer", w.doer, f"names who {intent.doer}")


def anchor_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A number or year the question gives ("after the 2020 war") anchors it: a
    sentence from an article that never states it is about something else."""
    anchors = _DIGITS.findall(normalize_numbers(intent.question))
    if not anchors:
        return None
    stated = set(_DIGITS.findall(normalize_numbers(sentence.article or sentence.text)))
    missing = [a for a in anchors if a not in stated]
    if not missing:
        return None
    return Adjustment("anchor", -w.anchor_penalty, f"its article never says {', '.join(missing)}")


def day_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A question about one day ("queued on 6 December") is not answered by a sentence
    that dates what it tells to other days only ("queued on 6 November"): look-alike
    sentences of other articles differ in little else."""
    asked = days_in(intent.question)
    said = days_in(sentence.text) if asked else set()
    if not said or said & asked:
        return None
    return Adjustment(
        "day", -w.other_day, f"dated {', '.join(sorted(said))}, not {', '.join(sorted(asked))}"
    )


def ahead_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """ "What will the money be used for?", "is he planning to quit?": a question about
    what is still to come gains from a sentence that speaks of it ("would be used to
    repair the roof") over one that tells what happened. ("When will it reopen?" is the
    slot check's: a sentence wholly in the past does not answer it.)"""
    if not intent.ahead or intent.asks in ("date", "time") or not speaks_ahead(sentence.text):
        return None
    return Adjustment("ahead", w.ahead, "speaks of what is still to come")


def headline_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A headline is dense with the topic's words and thin on facts (unless asked for).
    It may carry the story's figure ("raises death toll to 200"), but seldom who, where,
    when or why: "Aliyev wins fifth term in snap vote, casts ballot in Karabakh" is no
    answer to "where did Aliyev cast his ballot?", which the body says ("at a school in
    Khankendi"), so a headline loses more when no number is asked.

    >>> from qa.intent import analyse
    >>> title = "Aliyev wins fifth term in snap vote, casts ballot in Karabakh"
    >>> s = Sentence("a", title, 0, len(title), title, title)
    >>> headline_rule(analyse("Where did Aliyev cast his ballot?"), s, WEIGHTS).value
    -0.3
    >>> headline_rule(analyse("How many terms has Aliyev won?"), s, WEIGHTS).value
    -0.15
    """
    if sentence.text.strip() != sentence.title.strip() or HEADLINE.search(intent.question):
        return None
    if intent.asks == "number":
        return Adjustment("headline", -w.headline_penalty, "the article's headline")
    return Adjustment("headline", -w.headline_unfigured, "the article's headline, no figure asked")


PHRASE_WINDOW = 4  # terms apart two of the question's neighbouring terms may stand


def phrase_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """Neighbouring terms of the question that stand close together in the sentence
    ("the entry fee", "originally held") say it tells what the question asks, not only
    uses its words: the sentence gains by the share of such pairs it holds."""
    pairs = list(itertools.pairwise(intent.subject))
    if not pairs or not w.phrase:
        return None
    by_head: dict[str, list[tuple[int, str]]] = {}
    for i, t in enumerate(terms_in_order(sentence.text)):
        by_head.setdefault(t[:MIN_PREFIX], []).append((i, t))
    at = {
        q: [i for i, t in by_head.get(q[:MIN_PREFIX], ()) if same_term(q, t)]
        for q in set(intent.subject)
    }
    close = sum(
        1
        for a, b in pairs
        if a != b and any(abs(i - j) <= PHRASE_WINDOW for i in at[a] for j in at[b])
    )
    if not close:
        return None
    why = f"{close} of {len(pairs)} word pairs close"
    return Adjustment("phrase", w.phrase * close / len(pairs), why)


EVENT_WINDOW = 6  # words a number or a date may stand from the verb it counts or dates


def event_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A "how many" question counts those an event touched ("how many were moved
    out?"): a sentence that gives a number close to that event's verb ("moved 1,200
    residents") tells it, where one that counts something else near the same words does
    not. A "when" question dates an event ("when was the organ built?"): a sentence that
    gives a date close to that verb, told of what the question names ("The organ, built
    in 1898"), tells it, where one dating something else does not ("will deliver 24
    carriers on Monday" for "when will the radars be delivered?"; "Friday's closing
    price" for "when will the deal close?", a thing named by the verb).

    >>> from qa.intent import analyse
    >>> s = Sentence("a", "T", 0, 45, "Officials said they moved 1,200 residents.", "")
    >>> event_rule(analyse("How many people were moved out?"), s, WEIGHTS).why
    "counts 'move'"
    >>> event_rule(analyse("How many people were evacuated?"), s, WEIGHTS) is None
    True
    >>> s = Sentence("a", "T", 0, 45, "The organ, built in 1898, was restored.", "")
    >>> event_rule(analyse("When was the organ built?"), s, WEIGHTS).why
    "dates 'build'"
    >>> event_rule(analyse("When were the radars built?"), s, WEIGHTS) is None
    True
    """
    if intent.event is None or not w.event_filler:
        return None
    text = sentence.text
    words = [(m.start(), m.group()) for m in WORD.finditer(text)]
    event = intent.event  # an irregular form keeps its first letter: "sold" / "sell"
    dated = intent.asks in ("date", "time")
    verbs = [
        i
        for i, (_, word) in enumerate(words)
        if word[:1].lower() == event[:1]
        and verb_lemma(word.lower()) == event
        # a date is of an event told, not of a thing named by it ("Friday's closing price")
        and not (dated and word.lower().endswith("ing"))
    ]
    if not verbs:
        return None
    if dated:  # "when will the radars be delivered?" dates the radars', not the carriers'
        about = [
            t
            for t in intent.subject
            if t[:MIN_PREFIX] != event[:MIN_PREFIX] and verb_lemma(t) != event  # "built"
        ]
        if about and not found_share(about, text):
            return None
    starts = [start for start, _ in words]
    spans = date_spans(text) if dated else number_spans(text)
    counted = [bisect.bisect_right(starts, a) - 1 for a, _ in spans]
    if not any(abs(v - n) <= EVENT_WINDOW for v in verbs for n in counted):
        return None
    return Adjustment("event", w.event_filler, f"{'dates' if dated else 'counts'} '{event}'")


RULES: tuple[Rule, ...] = (
    asked_kind_rule,
    phrase_rule,
    event_rule,
    focus_rule,
    names_rule,
    anchor_rule,
    aim_rule,
    doer_rule,
    day_rule,
    ahead_rule,
    conversation_rule,
    reaction_rule,
    headline_rule,
)


def _is_lead(sentence: Sentence) -> bool:
    r"""Whether `sentence` is its article's lead: the first sentence after the title.

    >>> art = "Fire at the docks\n\nDOVER - A fire broke out. It spread."
    >>> _is_lead(Sentence("a", "Fire at the docks", 19, 44, "DOVER - A fire broke out.", art))
    True
    """
    before = sentence.article[: sentence.start].strip()
    return sentence.text.strip() != sentence.title.strip() and before in (
        "",
        sentence.title.strip(),
    )


@functools.lru_cache(maxsize=1024)
def _title_terms(title: str) -> frozenset[str]:
    return frozenset(terms(title))


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# a question about the headline itself: "what does the title say ...?"
HEADLINE = re.compile(r"\b(headline|title)s?\b", re.IGNORECASE)
