"""A sentence read as part of its story: how much closer to the question it comes when
its article's title is read with it, and how much of that a sentence may keep.

A sentence alone often lacks its topic: "Police estimated the crowd at 3,500" answers
"how many people came to the Sydney rally?", but shares little with it, while the lead
that retells the headline ("SYDNEY - Several thousand people rallied ...") shares it all
and wins. Read with the title, the answering sentence gains the topic it lacked; the lead
that only retells the title gains nothing (`in_story`). What it keeps is bounded
(`story_lift`): never less than alone, and never more than `reach` of the way up to its
article's most similar sentence, so the title orders an article's sentences without
making a sentence closer to the question than anything its article says. Pure functions
over unit vectors, read by `qa.backends.extractive`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["in_story", "story_lift"]


def in_story(
    sentences: np.ndarray, titles: np.ndarray, queries: np.ndarray, mix: float
) -> np.ndarray:
    """How much closer each sentence (a unit row) comes to each query vector when `mix`
    of its article's title vector (the row of `titles`) is added to it and the sum is
    made unit length again. Read as part of its story, a sentence that adds to the
    headline gains the title's closeness to the question, and one that only retells
    the headline (near the title already) gains least: the sum of two close vectors is
    longer, so dividing it back to unit length takes more away.

    >>> q = np.array([[0.6, 0.8, 0.0]])
    >>> title = np.array([0.0, 1.0, 0.0])
    >>> retelling, adding = np.array([0.0, 1.0, 0.0]), np.array([0.8, 0.0, 0.6])
    >>> gain = in_story(np.vstack([retelling, adding]), np.vstack([title, title]), q, 0.5)
    >>> [round(float(g), 3) for g in gain[:, 0]]
    [0.0, 0.307]
    """
    mixed = sentences + mix * titles
    mixed = mixed / np.maximum(np.linalg.norm(mixed, axis=1, keepdims=True), 1e-12)
    return np.asarray((mixed - sentences) @ queries.T)


def story_lift(
    gain: np.ndarray, similarity: np.ndarray, articles: Sequence[str], reach: float
) -> np.ndarray:
    """What each sentence keeps of its story's `gain` (`in_story`): nothing below zero (a
    title far from the question takes nothing from a sentence that is close to it), and
    at most `reach` of the way from its own `similarity` up to the highest of its
    article's (`articles`: each sentence's article). The article's most similar sentence
    keeps nothing, so the title reorders the sentences below it, and no article climbs
    past another on its title alone.

    >>> gain = np.array([0.2, 0.1, 0.05, -0.05])
    >>> similarity = np.array([0.3, 0.6, 0.55, 0.5])
    >>> story_lift(gain, similarity, ["a", "a", "a", "b"], 1.0).round(3).tolist()
    [0.2, 0.0, 0.05, 0.0]
    >>> story_lift(gain, similarity, ["a", "a", "a", "b"], 0.5).round(3).tolist()
    [0.15, 0.0, 0.025, 0.0]
    """
    best: dict[str, float] = {}
    for article, value in zip(articles, similarity, strict=True):
        best[article] = max(best.get(article, -1.0), float(value))
    ceiling = np.array([best[a] for a in articles]) - similarity
    return np.clip(gain, 0.0, reach * ceiling)
