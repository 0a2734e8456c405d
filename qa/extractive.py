"""The offline answer backend: the best-supported sentences, cited exactly.

No language model: the retrieved passages are split into sentences with their offsets,
each sentence is scored against the question (`qa.scoring`), and the answer is the
best sentence (plus a second when it adds what the first lacks), each cited as the
exact span of its article. When the best score is under `Settings.min_confidence` the
backend abstains and says so; the threshold is calibrated on unanswerable questions.
The concession: answers are whole sentences quoted from the articles, not rephrased.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

import numpy as np

from vectorstore import split_sentences
from vectorstore.text import stem, terms

from . import prompts
from .answer import Answer, Citation, render_answer
from .backends import AnswerBackend, register_backend
from .conversation import Query
from .question import answer_type, reaction_asked
from .retrieval import Retrieved
from .scoring import (
    SentenceScore,
    affirms,
    counted_kind,
    counted_noun,
    counted_words,
    found_share,
    numbers_in,
    reacts,
    score_sentence,
)

__all__ = ["Candidate", "ExtractiveBackend"]

SECOND_SENTENCE_MARGIN = 0.06  # a second sentence must score within this of the best
OTHER_ARTICLE_MARGIN = 0.04  # a close runner-up from another article is shown too
COUNT_SIMILARITY = 0.66  # cosine above which a counted word means the asked one ("kids"~"children")
FOLLOWUP_AFFINITY = 0.1  # bonus for the article the conversation's last answer came from
TOPIC_AFFINITY = 0.03  # the same for a question that does not lean on the history
NEXT_SENTENCE_AFFINITY = 0.1  # more for a follow-up's sentence right after that answer
NEIGHBOUR_WEIGHT = 0.3  # share of a sentence-pair's extra similarity a sentence gains
REACTION_BONUS = 0.05  # for a sentence telling the reaction a question asks about
HEADLINE_PENALTY = 0.05  # a headline is dense with the topic's words, thin on facts
_HEADLINE = re.compile(r"\b(headline|title)s?\b", re.IGNORECASE)  # unless asked about
STRICT_TYPES = ("number", "date", "office")  # a sentence without one cannot answer


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

    def answer(self, query: Query) -> Answer:
        engine = self.engine
        searches = query.searches
        vectors = engine.embed(searches)
        retrieved = engine.retriever.retrieve(searches, vectors=vectors)
        candidates = self.rank(query, retrieved, vectors)
        threshold = engine.settings.min_confidence
        best = candidates[0] if candidates else None
        if (
            best is None
            or best.score.total < threshold
            or (answer_type(query.question) in STRICT_TYPES and best.score.type_match is False)
        ):
            return abstain(query, retrieved, best.score.total if best else 0.0)
        chosen = [candidates[0]]
        second = _second(candidates)
        if second is not None and second.score.total >= threshold:
            chosen.append(second)
            first = chosen[0].source
            chosen.sort(key=lambda c: (c.source != first, c.start))
        citations = [
            Citation(c.source, c.title, c.text, c.start, c.end, round(c.score.total, 4))
            for c in chosen
        ]
        text = render_answer([c.text for c in chosen])
        if affirms(query.question, chosen[0].text):
            text = prompts.AFFIRMED.format(answer=text)
        return Answer(
            text=text,
            citations=citations,
            query=query.display,
            passages=retrieved.passages,
            backend=self.name,
            confidence=round(candidates[0].score.total, 4),
        )

    def rank(self, query: Query, retrieved: Retrieved, vectors: np.ndarray) -> list[Candidate]:
        """Every sentence of the retrieved passages, best first."""
        sentences: list[tuple[str, str, int, int, str, float]] = []
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
                sentences.append((passage.source, passage.title, a, b, text[a:b], passage.score))
                rows.append(stored_rows.get((a, b)))
        if not sentences:
            return []
        sims = self._similarities(sentences, rows, vectors, retrieved)
        kind = answer_type(query.question)
        counts = self._counts_match(query.question, [s[4] for s in sentences]) if kind else {}
        idf = self.engine.keyword_index().idf
        q_terms = terms(query.searched)
        c_terms = [t for t in terms(query.context) if t not in q_terms]
        affinity = _conversation_articles(query, retrieved)
        bonus = FOLLOWUP_AFFINITY if query.is_followup else TOPIC_AFFINITY
        headline_penalty = 0.0 if _HEADLINE.search(query.question) else HEADLINE_PENALTY
        actors = reaction_asked(query.searched)
        out = []
        for i, (source, title, a, b, text, prior) in enumerate(sentences):
            score = score_sentence(
                semantic=float(sims[i, 0]),
                semantic_context=float(sims[i, 1]) if query.is_followup else None,
                question_terms=q_terms,
                context_terms=c_terms,
                sentence=text,
                question=query.question,
                kind=kind,
                prior=prior,
                idf=idf,
                counts_match=counts.get(i),
            )
            if source in affinity:
                follows = query.is_followup and any(
                    a > end and not retrieved.articles[source].text[end:a].strip()
                    for end in affinity[source]
                )  # the sentence right after the last answer: "How did Armenia respond?"
                extra = bonus + (NEXT_SENTENCE_AFFINITY if follows else 0.0)
                score = replace(score, total=score.total + extra)
            if actors is not None and reacts(text, actors):  # "How did Russia take that?"
                score = replace(score, total=score.total + REACTION_BONUS)
            if headline_penalty and text.strip() == title.strip():
                score = replace(score, total=score.total - headline_penalty)
            out.append(Candidate(source, title, a, b, text, score))
        out.sort(key=lambda c: -c.score.total)
        return out

    def _similarities(
        self,
        sentences: list[tuple[str, str, int, int, str, float]],
        rows: list[np.ndarray | None],
        vectors: np.ndarray,
        retrieved: Retrieved,
    ) -> np.ndarray:
        """Cosine similarity of each sentence to each search vector, read in context.

        Vectors come from the store (embedded at ingest); only sentences a store lacks
        them for are embedded now. A sentence that leans on its neighbour ("At that
        time, Russia mediated ...") gains `NEIGHBOUR_WEIGHT` of what the pair scores
        above the sentence alone.
        """
        missing = [s[4] for s, r in zip(sentences, rows, strict=True) if r is None]
        fresh = iter(self.engine.embed(missing)) if missing else iter(())
        matrix = np.vstack([r if r is not None else next(fresh) for r in rows])
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        own = matrix @ vectors.T
        best = own.copy()
        by_source: dict[str, list[int]] = {}
        for i, s in enumerate(sentences):
            by_source.setdefault(s[0], []).append(i)
        for source, members in by_source.items():
            text = retrieved.articles[source].text
            members.sort(key=lambda i: sentences[i][2])
            for i, j in itertools.pairwise(members):
                if text[sentences[i][3] : sentences[j][2]].strip():
                    continue  # not neighbours: a sentence between them was not retrieved
                pair = matrix[i] + matrix[j]
                sim = (pair / max(float(np.linalg.norm(pair)), 1e-12)) @ vectors.T
                best[i] = np.maximum(best[i], sim)
                best[j] = np.maximum(best[j], sim)
        return own + NEIGHBOUR_WEIGHT * (best - own)

    def _counts_match(self, question: str, sentences: list[str]) -> dict[int, bool]:
        """For "how many X": which sentences count X (by stem, else by embedding)."""
        noun = counted_noun(question)
        if noun is None:
            return {}
        target = stem(noun)
        per_sentence = [counted_words(s) for s in sentences]
        vocab = sorted({w for ws in per_sentence for w in ws if stem(w) != target})
        similar = {stem(noun)}
        if vocab:
            vecs = self.engine.embed([noun, *vocab])
            sims = vecs[1:] @ vecs[0]
            similar |= {
                stem(w) for w, sim in zip(vocab, sims, strict=True) if sim >= COUNT_SIMILARITY
            }
        whose = counted_kind(question)  # "Azerbaijani soldiers": the sentence must say whose
        return {
            i: any(stem(w) in similar for w in ws)
            and (not whose or found_share(whose, text) == 1.0)
            for i, (ws, text) in enumerate(zip(per_sentence, sentences, strict=True))
            if ws or numbers_in(text)
        }


def abstain(query: Query, retrieved: Retrieved, confidence: float) -> Answer:
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
    )


def _conversation_articles(query: Query, retrieved: Retrieved) -> dict[str, list[int]]:
    """Retrieved articles that the conversation's latest answer quoted from, each with
    where those quotes end in its text."""
    if not query.previous_answers:
        return {}
    latest = query.previous_answers[-1]
    quoted = [q for a, b in split_sentences(latest) if len(q := latest[a:b]) > 20]
    out: dict[str, list[int]] = {}
    for article_id, article in retrieved.articles.items():
        ends = [i + len(q) for q in quoted if (i := article.text.find(q)) >= 0]
        if ends:
            out[article_id] = ends
    return out


def _second(candidates: list[Candidate]) -> Candidate | None:
    """A runner-up worth adding: a near-tie from another article (the question may be
    about either), or a close sentence supplying the answer type the best one lacks."""
    best = candidates[0]
    for c in candidates[1:4]:
        gap = best.score.total - c.score.total
        if gap > SECOND_SENTENCE_MARGIN:
            return None
        if (
            c.source != best.source
            and gap <= OTHER_ARTICLE_MARGIN
            and c.score.type_match is not False
        ):
            return c
        if best.score.type_match is False and c.score.type_match is True:
            return c
    return None
