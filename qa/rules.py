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

Whether a sentence may answer at all is a separate question, `slot_filled`: it must
give what the question asks for (a number of the asked thing, a date, a time of day,
an office holder, an attribute the question names, a reaction by the named actor)
about the question's subject. `decide` declines when the best candidate's score is
under `Settings.min_confidence` or it leaves the slot empty.

Every weight and threshold lives in `Weights` (one frozen instance, `WEIGHTS`), each
documented once, as datasette declares its settings.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields

from vectorstore.text import normalize_numbers, stem, terms

from .answer import Adjustment
from .intent import UNITS, Intent
from .news import (
    ACRONYM,
    counts_in,
    days_in,
    gives_share,
    has_time,
    is_dateline,
    measures,
    numbers_in,
    person_names,
    withheld,
)
from .news import AGE as _AGE
from .scoring import (
    MIN_PREFIX,
    found_share,
    holds_office,
    names_holder,
    overlap,
    reacts,
    same_term,
    terms_in_order,
    type_match,
)

__all__ = [
    "RULES",
    "STRICT_KINDS",
    "WEIGHTS",
    "Adjustment",
    "Decision",
    "Sentence",
    "SentenceScore",
    "Weights",
    "decide",
    "gives_unit",
    "score",
    "slot_filled",
]


@dataclass(frozen=True)
class Weights:
    """Every weight and threshold of extractive scoring, with what it means."""

    semantic: float = field(default=0.7, metadata={"help": "weight of embedding similarity"})
    overlap: float = field(default=0.2, metadata={"help": "weight of IDF-weighted term overlap"})
    title_term: float = field(
        default=0.0,
        metadata={
            "help": "a question word's share of a lead sentence's overlap when the article's "
            "title has it: the lead retells the title, so those words say which article, "
            "not that the lead answers"
        },
    )
    prior: float = field(default=0.05, metadata={"help": "weight of the passage's retrieval rank"})
    context: float = field(
        default=0.4, metadata={"help": "weight of a follow-up's context relative to itself"}
    )
    neighbour: float = field(
        default=0.3, metadata={"help": "share of a sentence pair's extra similarity each gains"}
    )
    kind_bonus: float = field(
        default=0.08, metadata={"help": "for a sentence holding the asked kind of answer"}
    )
    kind_penalty: float = field(
        default=0.15, metadata={"help": "for a sentence lacking the asked kind of answer"}
    )
    focus_bonus: float = field(
        default=0.04, metadata={"help": "for a sentence naming the thing asked about"}
    )
    missing_name: float = field(
        default=0.05, metadata={"help": "times the share of the question's names its article lacks"}
    )
    other_day: float = field(
        default=0.1,
        metadata={"help": "a sentence dated another day of the month than the question names"},
    )
    anchor_penalty: float = field(
        default=0.05,
        metadata={"help": "a sentence whose article lacks a number the question gives"},
    )
    followup_affinity: float = field(
        default=0.1, metadata={"help": "a follow-up's sentence from the article last cited"}
    )
    topic_affinity: float = field(
        default=0.03, metadata={"help": "the same for a question not leaning on history"}
    )
    next_sentence: float = field(
        default=0.1, metadata={"help": "more for a follow-up's sentence right after the last"}
    )
    reaction_bonus: float = field(
        default=0.05, metadata={"help": "a sentence telling the reaction asked about"}
    )
    headline_penalty: float = field(
        default=0.15, metadata={"help": "a headline: dense with topic words, thin on facts"}
    )
    similar_word: float = field(
        default=0.66, metadata={"help": "cosine above which a counted word means the asked one"}
    )
    similar_to_people: float = field(
        default=0.45,
        metadata={
            "help": "the same for 'how many people': any group of people (villagers, "
            "members, patients) is people, a thing (tanks, beds) is not"
        },
    )
    phrase: float = field(
        default=0.05,
        metadata={"help": "for the question's neighbouring words standing close in the sentence"},
    )
    second_margin: float = field(
        default=0.06, metadata={"help": "a second sentence must score within this of the best"}
    )
    also_margin: float = field(
        default=0.04, metadata={"help": "another article's runner-up is listed as 'also'"}
    )

    def describe(self) -> list[tuple[str, float, str]]:
        """(name, value, help) of every weight, for docs and `--explain`."""
        return [(f.name, getattr(self, f.name), f.metadata["help"]) for f in fields(self)]


WEIGHTS = Weights()


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


@dataclass(frozen=True)
class Sentence:
    """A candidate sentence and what the rules may read about it."""

    source: str
    title: str
    start: int
    end: int
    text: str
    article: str  # the whole article's text
    prior: float = 0.0
    semantic: float = 0.0
    semantic_context: float | None = None
    counts: bool | None = None  # for "how many X": whether it counts X (None: no number)
    following: str = ""  # the next sentence, where a reaction may be told
    preceding: str = ""  # the sentence before, which may name an attribute's subject
    unnamed: tuple[str, ...] = ()  # the question's names its article never uses


@dataclass(frozen=True)
class Decision:
    """Whether to answer with the best candidate, and why."""

    answer: bool
    why: str


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
    (['semantic', 'overlap', 'prior', 'asked kind', 'phrase'], 0.75, True)
    """
    s_terms = set(terms_in_order(sentence.text))
    q_terms = list(intent.subject)
    topic = _title_terms(sentence.title) if _is_lead(sentence) else frozenset()
    ov = overlap(q_terms, s_terms, idf, lambda t: weights.title_term if t in topic else 1.0)
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
    for rule in RULES if rules is None else rules:
        adjustment = rule(intent, sentence, weights)
        if adjustment is not None and adjustment.value:
            parts.append(adjustment)
    match = kind_match(intent, sentence)
    filled, why = slot_filled(intent, sentence, match)
    return SentenceScore(tuple(parts), sem, ov, match, filled, why)


def kind_match(intent: Intent, sentence: Sentence) -> bool | None:
    """Whether the sentence holds the kind of answer asked for (None: nothing to check).

    A number must count what the question counts; a time of day must be a time.
    """
    kind = intent.asks
    if kind in (None, "yesno", "reason", "reaction"):
        return None
    if kind == "time":
        return has_time(sentence.text)
    if kind == "office" and intent.office is not None:
        return holds_office(sentence.text, intent.office, set(intent.subject))
    if kind == "office":
        kind = "person"
    if kind == "expansion" and intent.followup and not ACRONYM.search(intent.question):
        # "What does that acronym stand for?": the one the last turn used
        last = intent.history[-1]
        return type_match(kind, sentence.text, f"{last.question} {last.answer}")
    if kind == "date":  # "when did it take effect?": at noon is an answer too
        return type_match(kind, sentence.text, intent.question) or has_time(sentence.text)
    if kind == "age":  # the age of whom the question names, or "she", or "her daughters"
        owned = [_owner(sentence.text, m) for m in _AGE.finditer(sentence.text)]
        owners = list(intent.names or intent.referents)
        if owners:
            return any(found_share(owners, o) > 0 for o in owned)
        if intent.focus:  # "how old are her daughters": theirs, not a named adult's
            return any(mentions(o, intent.focus) or not person_names(o) for o in owned)
    if kind == "name" and intent.referents:  # "what's her name?": the one just named
        return found_share(list(intent.referents), sentence.text) > 0
    if kind == "name" and intent.role and holds_office(sentence.text, intent.role):
        return True  # "what is the mayor's name?": the mayor's, named before or not
    if kind == "name":  # someone the conversation has not named yet
        said = " ".join([intent.question, *(c.quote for c in intent.previous)])
        return type_match(kind, sentence.text, said)
    match = type_match(kind, sentence.text, intent.question)
    if kind == "number" and match and sentence.counts is False:
        return False
    if kind == "number" and intent.unit is not None and (match or intent.unit == "share"):
        # "how much land", "in dollars"; a share may need no digits: "roughly a third"
        return gives_unit(intent.unit, sentence.text)
    return match


def gives_unit(unit: str, text: str) -> bool:
    """Whether `text` gives an amount in the asked `unit` (see `Intent.unit`).

    >>> gives_unit("share", "Turnout was 41 per cent."), gives_unit("per week", "a fee of £2m")
    (True, False)
    """
    if unit == "measure":
        return measures(text)
    if unit == "share":
        return gives_share(text)
    return unit not in UNITS or bool(re.search(UNITS[unit], text, re.IGNORECASE))


def asked_kind_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A sentence that has what the question's kind asks for gains; one lacking it loses."""
    match = kind_match(intent, sentence)
    if match is None:
        return None
    if match:
        return Adjustment("asked kind", w.kind_bonus, f"has a {intent.asks}")
    return Adjustment("asked kind", -w.kind_penalty, f"no {intent.asks} in it")


def focus_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A sentence naming the thing asked about ("weapons", "population") gains."""
    if intent.focus is None or intent.asks == "number":
        return None  # a count's noun is checked by `kind_match`
    if mentions(sentence.text, intent.focus):
        return Adjustment("focus", w.focus_bonus, f"names the {intent.focus}")
    return None


def conversation_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """The article the last answer cited stays the conversation's topic: its sentences
    gain (more for a follow-up), and the sentence right after the cited one more still."""
    previous = [c for c in intent.previous if c.source == sentence.source]
    if not previous:
        return None
    value = w.followup_affinity if intent.followup else w.topic_affinity
    why = "from the article of the last answer"
    text = sentence.article
    if intent.followup and any(
        sentence.start >= c.end and not text[c.end : sentence.start].strip() for c in previous
    ):
        value += w.next_sentence
        why = "the sentence right after the last answer"
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
    text = sentence.article or sentence.text
    missing = [n for n in intent.names if found_share([n], text) == 0]
    if not missing:
        return None
    share = len(missing) / len(intent.names)
    return Adjustment(
        "names", -w.missing_name * share, f"its article never names {', '.join(missing)}"
    )


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


def headline_rule(intent: Intent, sentence: Sentence, w: Weights) -> Adjustment | None:
    """A headline is dense with the topic's words and thin on facts (unless asked for)."""
    if sentence.text.strip() != sentence.title.strip() or _HEADLINE.search(intent.question):
        return None
    return Adjustment("headline", -w.headline_penalty, "the article's headline")


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


RULES: tuple[Rule, ...] = (
    asked_kind_rule,
    phrase_rule,
    focus_rule,
    names_rule,
    anchor_rule,
    day_rule,
    conversation_rule,
    reaction_rule,
    headline_rule,
)

OWNER_CHARS = 60  # how far before an age its owner's name may stand
FOCUS_PREFIX = 4  # letters of a stem that name the same thing ("alli": ally, alliance)
# Kinds nothing else answers: a name needs a name, an age an age. ("who" is not one:
# "a local foundry" answers "who is restoring the gates?"; making it strict was measured
# and declined only the one near-miss it was written for.)
STRICT_KINDS = ("number", "age", "date", "time", "office", "expansion", "name")


def slot_filled(intent: Intent, sentence: Sentence, match: bool | None = None) -> tuple[bool, str]:
    """Whether `sentence` fills what the question asks for, about its subject; if not,
    why not. Each check is general over the `Intent`, never about one question:

    * a strict kind (a number, date, time of day, office holder, acronym's words) must
      be in the sentence, and a number must count what the question counts;
    * an attribute asked of a subject ("the population of X", "its capital") must be
      named by the sentence, in an article that names the subject;
    * a count of casualties says which (killed, injured): a sentence counting other
      people (evacuated, released) does not answer "how many died";
    * a reaction by a named actor must be that actor's (told in the sentence or the
      next one);
    * a follow-up that picks from what the last answer said ("how many of them were
      children?") or asks a person's age or name by pronoun ("how old is she?") is
      answered from the article(s) that answer cited: one event.
    * an article's dateline answers only when or where the article was filed; a
      sentence that says the asked thing is not known ("did not say whether", "gave no
      cause") does not answer it; whom "who/which X" describes must be named, not only
      mentioned ("sold to an overseas buyer").

    >>> from qa.intent import analyse
    >>> t = "The town has 4,000 residents."
    >>> slot_filled(analyse("What time of day did it start?"), Sentence("a", "", 0, 9, t, t))
    (False, 'gives no time')

    `match` is `kind_match(intent, sentence)` when the caller has it already.
    """
    if match is None:
        match = kind_match(intent, sentence)
    # "measure" is the number kind's own check (a count is no measured amount)
    if intent.unit not in (None, "measure") and not gives_unit(intent.unit, sentence.text):
        return False, f"gives no {_unit_words(intent.unit)}"
    if intent.asks in STRICT_KINDS and match is False:
        return False, f"gives no {_KIND_WORDS.get(intent.asks or '', intent.asks)}"
    if intent.totals and intent.counted is None and not _part_of(intent, sentence.text):
        return False, "gives only the total a part is asked of"
    if is_dateline(sentence.text) and not _PUBLISHED.search(intent.question):
        return False, "is the article's dateline"
    left_open = withheld(sentence.text).get("date" if intent.asks == "time" else intent.asks or "")
    if left_open is not None and _about_it(intent, left_open, sentence.text):
        return False, "says it is not known"
    if intent.role and names_holder(sentence.text, intent.role) is False:
        return False, f"does not name the {intent.role}"
    if intent.attribute and intent.focus and not mentions(sentence.text, intent.focus):
        return False, f"does not give the {intent.focus}"
    wanted = _casualty(intent.question)
    if intent.asks == "number" and wanted and not wanted & _casualty(sentence.text):
        return False, f"counts no one {' or '.join(sorted(wanted))}"
    if intent.attribute and sentence.unnamed:
        return False, f"is from an article that never names {', '.join(sentence.unnamed)}"
    if intent.attribute and intent.names and not intent.followup:
        told = f"{sentence.title} {sentence.preceding} {sentence.text}"
        if found_share(list(intent.names), told) == 0:
            return False, f"does not give it for {', '.join(intent.names)}"
    told = f"{sentence.text} {sentence.following}"
    if intent.reaction_by and not reacts(told, list(intent.reaction_by)):
        return False, f"tells no reaction by {' or '.join(intent.reaction_by)}"
    cited = {c.source for c in intent.previous}
    about_them = intent.asks in ("age", "name") and intent.by_pronoun
    if (intent.partitive or about_them) and cited and sentence.source not in cited:
        return False, "is from another article than the conversation's"
    return True, ""


def _part_of(intent: Intent, text: str) -> bool:
    """Whether `text` gives a part of the total a partitive asks about ("how many of
    them were let go?"): a number besides the totals (and the question's own) that
    counts what a total counted ("74 of its 370 employees").

    >>> from qa.history import HistoryTurn
    >>> from qa.intent import analyse
    >>> said = "The count used 47 registration points over 11 days."
    >>> i = analyse("How many of those points were in Yerevan?",
    ...     [HistoryTurn("How many registration points were used?", said)])
    >>> _part_of(i, said), _part_of(i, "Of the 47 points, 12 registration points were in Yerevan.")
    (False, True)
    """
    counted = frozenset().union(*intent.totals.values())
    given = numbers_in(intent.question)
    return any(
        n not in intent.totals and n not in given and counted & {stem(w.lower()) for w in phrase}
        for n, phrase in counts_in(text)
    )


def _about_it(intent: Intent, left_open: str, text: str) -> bool:
    """Whether what a sentence leaves open is what a yes/no question asks ("did not say
    whether the prize money would rise" for "Did the prize money rise?"), not another
    matter of the same sentence ("... approved the plan but did not say whether it
    would be extended" for "Was the plan approved?"). Other kinds withhold the event
    the sentence is about ("gave no cause")."""
    if intent.asks != "yesno":
        return True
    subject = list(intent.subject)
    return found_share(subject, left_open) >= max(found_share(subject, text), 0.01) / 2


def decide(scores: Sequence[SentenceScore], threshold: float) -> Decision:
    """Answer with the best candidate only if it scores enough and fills the asked slot.
    (Falling back to a lower sentence that fills the slot was measured and answered
    more near-miss questions wrongly than it answered right.)

    >>> decide([], 0.4).why
    'no sentence of the articles matches'
    >>> hit = SentenceScore((Adjustment("semantic", 0.5),))
    >>> miss = SentenceScore((Adjustment("semantic", 0.6),), slot=False, slot_why="gives no date")
    >>> decide([hit], 0.4).answer, decide([miss, hit], 0.4).why
    (True, 'the best sentence gives no date')
    """
    if not scores:
        return Decision(False, "no sentence of the articles matches")
    best = scores[0]
    if best.total < threshold:
        return Decision(False, f"best score {best.total:.2f} is under {threshold:.2f}")
    if not best.slot:
        return Decision(False, f"the best sentence {best.slot_why}")
    return Decision(True, f"score {best.total:.2f} ≥ {threshold:.2f} and fills the asked slot")


def _owner(text: str, m: re.Match[str]) -> str:
    """The words around match `m` of `text` in its clause: whose age it is ("Britain's
    Owen Pritchard, a 29-year-old" -> Owen Pritchard; "the 27-year-old Daniel Kiprono").

    >>> t = "Hailu Bekele was second and Owen Pritchard, a 29-year-old, was third."
    >>> _owner(t, _AGE.search(t))
    ' Owen Pritchard, a 29-year-old'
    """
    before = text[max(0, m.start() - OWNER_CHARS) : m.end()]
    after = text[m.end() : m.end() + OWNER_CHARS // 2]
    return _CLAUSE.split(before)[-1] + _CLAUSE.split(after)[0]


def _unit_words(unit: str) -> str:
    if unit == "share":
        return "share (a percentage or a fraction)"
    return f"amount {unit}" if unit.startswith("per ") else f"amount in {unit}"


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


def _casualty(text: str) -> set[str]:
    """Which casualties `text` speaks of.

    >>> sorted(_casualty("32 people were killed and 200 wounded")), _casualty("evacuated 2,000")
    (['injured', 'killed'], set())
    """
    return {name for name, pattern in _CASUALTIES.items() if pattern.search(text)}


def mentions(text: str, focus: str) -> bool:
    """Whether `text` names `focus` (any word of it) by its stem or a word sharing the
    stem's first `FOCUS_PREFIX` letters ("ally" for "alliance"). Finding close words by
    embedding each word of the best sentences was measured: the same answers but one,
    for ~0.5 s on every new question.

    >>> mentions("the town's residents numbered 4,000", "resident")
    True
    >>> mentions("Armenia is a traditional ally of Russia", "alliance")
    True
    >>> mentions("It has 4,000 residents.", "population")
    False
    """
    wanted = [t[:FOCUS_PREFIX] if len(t) > FOCUS_PREFIX else t for t in terms(focus)]
    said = terms(text)
    return any(
        s.startswith(w) or w.startswith(s)
        for w in wanted
        for s in said
        if len(s) >= min(len(w), FOCUS_PREFIX)
    )


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# ", aged six" belongs to the noun before it; ", killed ..." starts another clause
_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\b|[;:(]|, (?=(?!aged\b)[a-z]+ed\b|was\b|were\b)")
_HEADLINE = re.compile(r"\b(headline|title)s?\b", re.IGNORECASE)
# "When was the article published?", "where was the story filed?": a dateline's question
_PUBLISHED = re.compile(r"\b(?:published|filed|dated|written|dateline)\b", re.IGNORECASE)
# What happened to the people a count counts, as news tells casualties.
_CASUALTIES = {
    "killed": re.compile(
        r"\b(di(?:e|ed|es)|dead|deaths?|kill(?:ed|ing|s)?|fatalit\w*|perish\w*)\b", re.I
    ),
    "injured": re.compile(r"\b(injur\w*|wound\w*|hurt)\b", re.I),
}
_KIND_WORDS = {
    "time": "time",
    "expansion": "spelt-out name",
    "office": "office holder",
    "name": "name of anyone not yet named",
}
