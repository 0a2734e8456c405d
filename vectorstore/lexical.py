"""Keyword search: BM25 (bm25s) over the published chunks, plus the corpus vocabulary.

The index is rebuilt from the store when its fingerprint (the set of published article
versions) changes, and cached on disk with the read snapshot (`vectorstore.readcache`)
so a new process loads it instead of re-tokenising every chunk. The vocabulary (word -> how many
chunks contain it) serves spelling correction and IDF weights for answer scoring; the
names (words the articles capitalise inside sentences more often than not, in their own
spelling) let a question typed in lower case be read with its names.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .ranking import top_k
from .records import chunk_owner
from .text import capitalised_words, lowercase_words, stem, terms, words

__all__ = ["LexicalIndex"]

log = logging.getLogger(__name__)

_META_FILE = "articleqa.json"
MASKS_KEPT = 8  # article selections whose chunk masks are kept
NAME_RATIO = 10  # a name is capitalised this many times as often as written in lower case


class LexicalIndex:
    """BM25 over chunk texts, keyed by chunk id.

    >>> idx = LexicalIndex.build(["a", "b"], ["Russia evacuated 2,000 people", "Fog"])
    >>> idx.search("how many were evacuated?", k=1)
    [('a', 0.21...)]
    """

    def __init__(
        self,
        ids: list[str],
        bm25: Any,
        term_df: dict[str, int],
        word_df: dict[str, int],
        names: dict[str, str] | None = None,
    ) -> None:
        self.ids = ids
        self._bm25 = bm25
        self.term_df = term_df  # stemmed term -> number of chunks containing it
        self.word_df = word_df  # surface word -> number of chunks containing it
        self.names = names or {}  # lower-case word -> the articles' capitalised spelling
        self._article_of: list[str] | None = None  # each chunk's article id, on first need
        self._masks: dict[frozenset[str], np.ndarray] = {}
        self._forms: dict[str, list[str]] | None = None  # stemmed term -> its surface words

    @classmethod
    def build(cls, ids: Sequence[str], texts: Iterable[str]) -> LexicalIndex:
        """BM25 over `texts` (one per id, read once: a generator is fine)."""
        bm25s = _bm25s()
        token_lists: list[list[str]] = []
        term_df: Counter[str] = Counter()
        word_df: Counter[str] = Counter()
        capitalised: Counter[str] = Counter()
        lowercase: Counter[str] = Counter()
        for text in texts:
            toks = terms(text)
            token_lists.append(toks)
            term_df.update(set(toks))
            word_df.update(set(words(text)))
            capitalised.update(capitalised_words(text))
            lowercase.update(lowercase_words(text))
        if len(token_lists) != len(ids):
            raise ValueError(f"{len(ids)} ids but {len(token_lists)} texts")
        bm25 = bm25s.BM25()
        if ids:
            bm25.index(token_lists, show_progress=False)
        return cls(
            list(ids),
            bm25 if ids else None,
            dict(term_df),
            dict(word_df),
            _names(capitalised, lowercase),
        )

    @property
    def size(self) -> int:
        return len(self.ids)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of a stemmed term (unknown terms score high)."""
        n = max(self.size, 1)
        return math.log(
            1 + (n - self.term_df.get(term, 0) + 0.5) / (self.term_df.get(term, 0) + 0.5)
        )

    def forms(self, term: str) -> list[str]:
        """The surface words of the chunks that stem to `term` (read once from `word_df`).

        >>> sorted(LexicalIndex.build(["a"], ["Residents queued; a resident left"]).forms("resid"))
        ['resident', 'residents']
        """
        if self._forms is None:
            forms: dict[str, list[str]] = {}
            for word in self.word_df:
                forms.setdefault(stem(word), []).append(word)
            self._forms = forms
        return self._forms.get(term, [])

    def search(
        self, query: str, k: int, articles: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """The `k` best chunk ids for `query` with their BM25 scores (zero scores left out).

        Scores every chunk with bm25s' `get_scores` (one sparse column sum) and keeps the
        best: a tenth of the time of its `retrieve`, which sets up a thread pool and a
        progress bar per call (0.6 against 6 ms at 100k chunks).
        """
        if self._bm25 is None:
            return []
        known = [t for t in terms(query) if t in self._bm25.vocab_dict]
        if not known:
            return []
        scores = np.asarray(self._bm25.get_scores(known))
        if articles is not None:  # only these articles' chunks may rank
            scores = np.where(self._of_articles(frozenset(articles)), scores, 0.0)
        top = top_k(scores, k)
        return [
            (self.ids[d], s)
            for d, s in zip(top.tolist(), scores[top].tolist(), strict=True)
            if s > 0
        ]

    def _of_articles(self, articles: frozenset[str]) -> np.ndarray:
        """Which chunks belong to `articles`, as a mask over `ids` (the last few asked
        are kept: a conversation asks within the same articles turn after turn)."""
        mask = self._masks.get(articles)
        if mask is None:
            owners = self._owners()
            mask = np.fromiter((o in articles for o in owners), dtype=bool, count=len(owners))
            if len(self._masks) >= MASKS_KEPT:
                self._masks.clear()
            self._masks[articles] = mask
        return mask

    def _owners(self) -> list[str]:
        if self._article_of is None:
            self._article_of = [(chunk_owner(i) or ("",))[0] for i in self.ids]
        return self._article_of

    # ---- persistence ---------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the index's files into `folder` (which must exist)."""
        if self._bm25 is not None:
            self._bm25.save(str(folder), show_progress=False)
        meta = {
            "ids": self.ids,
            "term_df": self.term_df,
            "word_df": self.word_df,
            "names": self.names,
        }
        (folder / _META_FILE).write_text(json.dumps(meta))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        meta_path = folder / _META_FILE
        if not meta_path.is_file():
            return None
        try:
            bm25s = _bm25s()
            meta = json.loads(meta_path.read_text())
            bm25 = bm25s.BM25.load(str(folder)) if meta["ids"] else None
        except (OSError, ValueError, KeyError) as e:
            log.warning("ignoring a damaged keyword index at %s (%s); rebuilding", folder, e)
            return None
        if "names" not in meta:  # written before the index kept names: built again once
            return None
        return cls(meta["ids"], bm25, meta["term_df"], meta["word_df"], meta["names"])


def _names(capitalised: Counter[str], lowercase: Counter[str]) -> dict[str, str]:
    """Lower-case word -> its commonest capitalised spelling, for the words written
    capitalised inside sentences and hardly ever in lower case ("Yerevan", "UN"; not
    "News" when the articles also write "news", nor "May" when "may" is commoner).

    >>> _names(Counter(["Yerevan", "UN", "May"] + ["News"] * 3), Counter(["may", "news"]))
    {'yerevan': 'Yerevan', 'un': 'UN'}
    """
    lowered: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for form, n in capitalised.most_common():
        low = form.lower()
        lowered[low] += n
        spelling.setdefault(low, form)
    return {low: spelling[low] for low, n in lowered.items() if n > NAME_RATIO * lowercase[low]}


def _bm25s() -> Any:
    """The bm25s module, with its logger quieted (it sets itself to DEBUG on import, so
    'Building index from tokens' would reach the CLI's output)."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s
