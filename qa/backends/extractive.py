"""The offline answer backend: the best-supported sentences, cited exactly.

No language model: the retrieved passages are split into sentences with their offsets,
each sentence is scored against the question's `Intent` (`qa.rules`: weighted signals
plus named rules, every part recorded), and the answer is the best sentence (plus a
second from the same article when it adds what the first lacks), each cited as the
exact span of its article. A close runner-up from another article is not mixed into
the answer: it is listed in `Answer.also`. The backend declines (`qa.decision.decide`)
when the best score is under `Settings.min_confidence` or the best sentence does not
fill what the question asks for; `Answer.explanation` says which, and why.
The concession: answers are whole sentences quoted from the articles, not rephrased.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

import numpy as np

from vectorstore import split_sentences
from vectorstore.text import stem

from .. import prompts
from ..answer import Adjustment, Answer, CandidateView, Citation, Explanation, render_answer
from ..conversation import Query
from ..counting import counts_match
from ..decision import Decision, decide
from ..intent import Intent
from ..news import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    bare_quote,
    gives_source,
    person_names,
    refers_back,
    tells_cause,
)
from ..retrieval import Retrieved
from ..rules import HEADLINE, WEIGHTS, SentenceScore, Weights, score
from ..slots import Sentence, unused_names
from ..story import in_story, story_lift
from ..yesno import affirms, denies
from .registry import AnswerBackend, register_backend

__all__ = ["Candidate", "ExtractiveBackend", "abstain", "explain"]

EXPLAINED = 5  # candidates an explanation shows
FOLLOWING_CHARS = 400  # how far from a sentence its neighbours are looked for
MIN_QUOTED_CHARS = 20  # shorter sentences may recur by chance in a plain-text answer


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage and its score."""

    source: str
    title: str
    start: int
    end: int
    text: str
    score: SentenceScore


@register_backend("extractive")
class ExtractiveBackend(AnswerBackend):
    """Answer with the best one or two sentences of the retrieved passages."""

    weights: Weights = WEIGHTS

    def answer(self, query: Query) -> Answer:
        engine = self.engine
        searches = query.searches
        vectors = engine.embed(searches)
        retrieved = engine.retriever.retrieve(searches, vectors=vectors, articles=query.sources)
        candidates = self.rank(query, retrieved, vectors)
        decision = decide(
            [c.score for c in candidates], engine.settings.min_confidence, self.weights
        )
        explanation = explain(query.intent, candidates, decision)
        if not decision.answer:
            confidence = candidates[0].score.total if candidates else 0.0
            return abstain(query, retrieved, confidence, explanation)
        best = candidates[0]
        chosen = [best]
        second = _second(candidates, self.weights)
        if second is not None and second.score.total >= engine.settings.min_confidence:
            chosen.append(second)
            chosen.sort(key=lambda c: c.start)
        elif query.intent.asks == "reason" and not tells_cause(best.text):
            cause = _cause_after(best, retrieved.articles[best.source].text)
            if cause is not None:
                chosen.append(cause)
                why = f"{explanation.why}; the next sentence is added: it gives a reason"
                explanation = replace(explanation, why=why)
        text = render_answer([c.text for c in chosen])
        verdict = (
            ("yes", prompts.AFFIRMED)
            if affirms(query.question, best.text, best.score.semantic)
            else ("no", prompts.DENIED)
            if denies(query.question, best.text)
            else None
        )
        if verdict is not None:
            said, template = verdict
            text = template.format(answer=text)
            why = f"{explanation.why}; it says {said} to the question's words: “{said.title()}.”"
            explanation = replace(explanation, why=why)
        return Answer(
            text=text,
            citations=[_cite(c) for c in chosen],
            query=query.display,
            passages=retrieved.passages,
            backend=self.name,
            confidence=round(best.score.total, 4),
            also=[_cite(c) for c in _also(candidates, self.weights)],
            explanation=explanation,
        )

    def rank(self, query: Query, retrieved: Retrieved, vectors: np.ndarray) -> list[Candidate]:
        """Every sentence of the retrieved passages, best first."""
        sentences: list[Sentence] = []
        rows: list[np.ndarray | None] = []
        seen: set[tuple[str, str]] = set()
        for passage in retrieved.passages:
            text = retrieved.articles[passage.source].text
            spans, stored = retrieved.sentences.get(
                (passage.source, passage.start, passage.end), ([], np.zeros((0, 0)))
            )
            stored_rows = {span: stored[i] for i, span in enumerate(spans)}
            for a, b in spans or split_sentences(text, passage.start, passage.end):
                key = (passage.source, text[a:b])
                if key in seen:
                    continue
                seen.add(key)
                sentences.append(
                    Sentence(passage.source, passage.title, a, b, text[a:b], text, passage.score)
                )
                rows.append(stored_rows.get((a, b)))
        if not sentences:
            return []
        index = self.engine.keyword_index()
        intent = query.intent
        if intent.asks in SPEAKER_KINDS and gives_source(intent.question):  # "who said ...?"
            sentences = [_with_speaker(s) for s in sentences]
        # A name the articles never use cannot be asked of them ("USSR" for "Soviet
        # Union"): only names the corpus knows must be in the answer's article.
        known = tuple(n for n in intent.names if n in index.term_df)
        if known != intent.names:
            intent = replace(intent, names=known)
        intent = _with_quoted_history(intent, sentences)
        matrix = self._sentence_vectors(sentences, rows)
        sims = self._similarities(sentences, matrix, vectors, retrieved)
        story = self._story(sentences, matrix, vectors, sims[:, 0], query)
        before = [_preceding(s, in_paragraph=True) for s in sentences] if intent.counted else []
        counts = counts_match(intent, sentences, self.engine.embed, self.weights, before)
        unnamed = _unnamed(intent, sentences)
        sentences = [
            replace(
                s,
                semantic=float(sims[i, 0]),
                semantic_context=float(sims[i, 1]) if query.is_followup else None,
                story=float(story[i]),
                counts=counts.get(i),
                following=_following(s) if intent.reaction_by else "",
                preceding=(
                    _preceding(s)
                    if (intent.attribute and intent.names) or refers_back(s.text)
                    else ""
                ),
                unnamed=unnamed.get(s.source, ()),
            )
            for i, s in enumerate(sentences)
        ]
        idf = index.idf
        scored = [(s, score(intent, s, idf, self.weights)) for s in sentences]
        scored.sort(key=lambda p: -p[1].total)
        return [Candidate(s.source, s.title, s.start, s.end, s.text, sc) for s, sc in scored]

    def _sentence_vectors(
        self, sentences: list[Sentence], rows: list[np.ndarray | None]
    ) -> np.ndarray:
        """Each sentence's unit vector: from the store (embedded at ingest), or embedded
        now for a sentence a store lacks it for."""
        missing = [s.text for s, r in zip(sentences, rows, strict=True) if r is None]
        fresh = iter(self.engine.embed(missing)) if missing else iter(())
        matrix = np.vstack([r if r is not None else next(fresh) for r in rows])
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)

    def _story(
        self,
        sentences: list[Sentence],
        matrix: np.ndarray,
        vectors: np.ndarray,
        similarity: np.ndarray,
        query: Query,
    ) -> np.ndarray:
        """What each sentence's `similarity` to the question keeps from being read with its
        article's title (`qa.story`: `in_story`, bounded by `story_lift` to
        `Weights.story_reach` of the way up to its article's most similar sentence).
        Zeros for a follow-up, whose search already reads the conversation (there the
        title moved nearly as many answers wrong as right), for a question about the
        headline itself ("what does the title say ...?"), and when `Weights.title_mix` is 0.
        Each title is embedded once per process (`Engine.embed` remembers it)."""
        w = self.weights
        if not w.title_mix or query.is_followup or HEADLINE.search(query.intent.question):
            return np.zeros(len(sentences))
        names = sorted({s.title for s in sentences if s.title.strip()})
        embedded = dict(zip(names, self.engine.embed(names), strict=True)) if names else {}
        none = np.zeros(matrix.shape[1], dtype=matrix.dtype)  # no title: nothing to add
        titles = np.vstack([embedded.get(s.title, none) for s in sentences])
        gain = in_story(matrix, titles, vectors[:1], w.title_mix)[:, 0]
        return story_lift(gain, similarity, [s.source for s in sentences], w.story_reach)

    def _similarities(
        self,
        sentences: list[Sentence],
        matrix: np.ndarray,
        vectors: np.ndarray,
        retrieved: Retrieved,
    ) -> np.ndarray:
        """Cosine similarity of each sentence (`matrix`, unit rows) to each search vector,
        read in context: a sentence that leans on its neighbour ("At that time, Russia
        mediated ...") gains `Weights.neighbour` of what the pair scores above the
        sentence alone.
        """
        own = matrix @ vectors.T
        best = own.copy()
        by_source: dict[str, list[int]] = {}
        for i, s in enumerate(sentences):
            by_source.setdefault(s.source, []).append(i)
        for source, members in by_source.items():
            text = retrieved.articles[source].text
            members.sort(key=lambda i: sentences[i].start)
            for i, j in itertools.pairwise(members):
                if text[sentences[i].end : sentences[j].start].strip():
                    continue  # not neighbours: a sentence between them was not retrieved
                pair = matrix[i] + matrix[j]
                sim = (pair / max(float(np.linalg.norm(pair)), 1e-12)) @ vectors.T
                best[i] = np.maximum(best[i], sim)
                best[j] = np.maximum(best[j], sim)
        return own + self.weights.neighbour * (best - own)


def abstain(
    query: Query,
    retrieved: Retrieved,
    confidence: float,
    explanation: Explanation | None = None,
) -> Answer:
    """The honest "the articles don't say", with the closest passages kept for display."""
    closest = (
        prompts.ABSTAIN_CLOSEST.format(title=retrieved.passages[0].title)
        if retrieved.passages
        else prompts.ABSTAIN_NOTHING
    )
    return Answer(
        text=prompts.ABSTAIN.format(closest=closest),
        abstained=True,
        query=query.display,
        passages=retrieved.passages,
        confidence=round(confidence, 4),
        explanation=explanation,
    )


def explain(intent: Intent, candidates: list[Candidate], decision: Decision) -> Explanation:
    """The `Explanation` of a decision over ranked `candidates` (the top `EXPLAINED`)."""
    return Explanation(
        intent=intent.describe(),
        decision="answered" if decision.answer else "declined",
        why=decision.why,
        candidates=[
            CandidateView(
                c.source,
                c.text,
                c.start,
                c.end,
                round(c.score.total, 4),
                [Adjustment(p.rule, round(p.value, 4), p.why) for p in c.score.parts],
                c.score.slot,
                c.score.slot_why,
            )
            for c in candidates[:EXPLAINED]
        ],
    )


# Weekdays and months, written out or cut short ("Sept"), are capitalised but name no one:
# "open on Sundays?" is asked of an article that says "Monday to Saturday", "by Sept 30?"
# of one that says "By Saturday"
_CALENDAR = frozenset(stem(w) for w in MONTHS | WEEKDAYS | MONTH_ABBREVIATIONS)


def _unnamed(intent: Intent, sentences: list[Sentence]) -> dict[str, tuple[str, ...]]:
    """For each article, the names the question gives that it never uses
    (`unused_names`); a month or weekday is a date, not a name."""
    out: dict[str, tuple[str, ...]] = {}
    for s in sentences:
        if s.source not in out:
            out[s.source] = tuple(n for n in unused_names(intent, s.article) if n not in _CALENDAR)
    return out


def _with_quoted_history(intent: Intent, sentences: list[Sentence]) -> Intent:
    """History given as plain text carries no citations: the latest answer's quotes are
    then the candidate sentences it quotes word for word (it quotes whole sentences), so
    a follow-up still knows its article. History given as `Answer`s needs none of this.
    """
    if not intent.history or intent.previous:
        return intent
    latest = next((t for t in reversed(intent.history) if t.answer), None)
    if latest is None:
        return intent
    quoted = tuple(
        Citation(s.source, s.title, s.text, s.start, s.end)
        for s in sentences
        if len(s.text) > MIN_QUOTED_CHARS and s.text in latest.answer
    )
    if not quoted:
        return intent
    turns = tuple(replace(t, citations=quoted) if t is latest else t for t in intent.history)
    return replace(intent, history=turns)


def _cause_after(best: Candidate, article: str) -> Candidate | None:
    """The sentence right after `best` when it gives the cause `best` leaves out ("Aliyev
    pulled out on Wednesday evening." then "His office said ... because ..."): a "why"
    question is answered by the two together."""
    after = _span_after(article, best.end)
    if after is None:
        return None
    a, b = after
    text = article[a:b]
    if not (tells_cause(text) or _EXPLAINED.search(text)):
        return None
    return replace(best, start=a, end=b, text=text)


# someone giving the reason: "His office said the meeting would have been ...", "blamed"
_EXPLAINED = re.compile(r"\b(?:said|says|explained|told)\b")


def _span_after(article: str, end: int) -> tuple[int, int] | None:
    """Where the sentence after the one ending at `end` stands in `article`, if any."""
    after = split_sentences(article, end, min(len(article), end + FOLLOWING_CHARS))
    return after[0] if after else None


def _following(s: Sentence) -> str:
    """The sentence after `s` in its article ("... a move that angered Russia.")."""
    after = _span_after(s.article, s.end)
    return s.article[after[0] : after[1]] if after else ""


def _span_before(article: str, start: int) -> tuple[int, int] | None:
    """Where the sentence before the one starting at `start` stands in `article`, if any."""
    before = split_sentences(article, max(0, start - FOLLOWING_CHARS), start)
    return before[-1] if before else None


def _preceding(s: Sentence, in_paragraph: bool = False) -> str:
    """The sentence before `s` in its article (which may name what "its" stands for);
    with `in_paragraph`, "" when `s` opens a paragraph (the one before, or the title,
    tells another thing)."""
    before = _span_before(s.article, s.start)
    if before is None or (in_paragraph and "\n" in s.article[before[1] : s.start]):
        return ""
    return s.article[before[0] : before[1]]


# what a question asks when a bare quote answers it only with whose words they are
SPEAKER_KINDS = frozenset({"person", "name", "office"})
SPEAKER_STEPS = 2  # sentences read back for the speaker's name


def _with_speaker(s: Sentence) -> Sentence:
    """`s`, when it is a quotation and nothing else, read with the sentence before it
    that says whose words they are: "which researcher said the guarantees look empty?"
    is answered by 'Tatevik Hovhannisyan, 35, a researcher, said ... "That counts for
    more now that the guarantees look empty."', one span of the article."""
    if not bare_quote(s.text):
        return s
    start = s.start
    for _ in range(SPEAKER_STEPS):  # '"...," she said.' names no one: one more back
        before = _span_before(s.article, start)
        said = s.article[before[0] : before[1]] if before else ""
        if before is None or not gives_source(said):
            return s
        start = before[0]
        if person_names(said):
            return replace(s, start=start, text=s.article[start : s.end])
    return s


def _cite(c: Candidate) -> Citation:
    return Citation(c.source, c.title, c.text, c.start, c.end, round(c.score.total, 4))


def _second(candidates: list[Candidate], weights: Weights) -> Candidate | None:
    """A runner-up worth adding: a close sentence of the same article that supplies the
    kind of answer the best one lacks. Never one from another article: an answer tells
    one event (another article's near-tie goes to `Answer.also`)."""
    best = candidates[0]
    if best.score.type_match is not False:
        return None
    for c in candidates[1:4]:
        if best.score.total - c.score.total > weights.second_margin:
            return None
        if c.source == best.source and c.score.type_match is True and c.score.slot:
            return c
    return None


def _also(candidates: list[Candidate], weights: Weights) -> list[Candidate]:
    """Close runners-up from other articles that could also answer: shown beside the
    answer ("Also in the articles"), never in it."""
    best = candidates[0]
    out: list[Candidate] = []
    for c in candidates[1:4]:
        if best.score.total - c.score.total > weights.also_margin:
            break
        other = c.source != best.source and all(o.source != c.source for o in out)
        if other and c.score.slot and c.score.type_match is not False:
            out.append(c)
    return out
