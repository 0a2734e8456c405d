"""Hybrid retrieval: vector similarity fused with BM25 by reciprocal rank.

Dense search finds paraphrases ("kids" ~ "children"); BM25 finds exact names and
numbers the embedding blurs. Each search string (a follow-up has two) gives one dense
and one keyword ranking; `rrf_fuse` merges them. BM25 adds a chunk's terms up wherever
they stand, so in a large store many chunks that repeat a place's name outrank the one
whose single sentence holds the place, the day and the month asked about: each search's
best single-sentence match among its BM25 hits (`sentence_shares`) is therefore always
among the passages too. A chunk counts only if its version is
the published version of its article, so an interrupted ingest is never cited.
`qa.langchain_retriever.HybridRetriever` exposes the same search as a LangChain
`BaseRetriever`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from vectorstore import Article, ArticleStore, StoredChunk
from vectorstore.text import normalize_numbers, terms

from .answer import Passage

if TYPE_CHECKING:
    from .settings import Settings

__all__ = ["Retrieved", "Retriever", "rrf_fuse", "sentence_shares"]

RRF_K = 60  # the usual reciprocal-rank-fusion constant: 1 / (RRF_K + rank)
LEADERS_PER_RANKING = 2  # each ranking's top hits are always among the passages
SENTENCE_POOL = 2  # BM25 hits searched for the best single-sentence match, x `candidates`
# a word (as `vectorstore.text.words` reads it), a rough sentence end, a text's end
_TOKEN = re.compile(r"[^\W_]+|[.!?](?=[\"'”’)]*\s)|\n|\x00")


@dataclass
class Retrieved:
    """Passages, best first, and the published articles they come from."""

    passages: list[Passage] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    vectors: np.ndarray | None = None  # the search strings' embeddings, for reuse
    # (source, start, end) of a passage -> its sentences' offsets and stored vectors
    sentences: dict[tuple[str, int, int], tuple[list[tuple[int, int]], np.ndarray]] = field(
        default_factory=dict
    )


def rrf_fuse(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion of several rankings of ids, best first.

    >>> rrf_fuse([["a", "b", "c"], ["c", "a"]], k=1)
    [('a', 0.8333333333333333), ('c', 0.75), ('b', 0.3333333333333333)]
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def sentence_shares(
    weights: Mapping[str, float], forms: Mapping[str, str], texts: Sequence[str]
) -> list[float]:
    """For each of `texts`, the share of the `weights` (stemmed term -> IDF) that its best
    single sentence holds: how much of a question one sentence of a chunk can answer.
    `forms` maps the surface words looked for (lower case) to their terms, so no word is
    stemmed here. Sentences are cut roughly, at ". ", "! ", "? " and line breaks: this
    ranks, it never cites.

    >>> texts = ["Residents of Brno queued on 6 April. On 6 December it rained.",
    ...          "Brno residents queued on 6 December."]
    >>> w = {"brno": 2.0, "queu": 1.0, "6": 0.5, "decemb": 1.0}
    >>> f = {"brno": "brno", "queued": "queu", "6": "6", "december": "decemb"}
    >>> sentence_shares(w, f, texts)
    [0.7777777777777778, 1.0]
    """
    total = sum(weights.values())
    shares = [0.0] * len(texts)
    if not total:
        return shares
    # one pass over all the texts: words, sentence ends and "\x00" between texts
    joined = normalize_numbers("\x00".join(t.replace("\x00", " ") for t in texts)).lower()
    chunk, held = 0, set()
    for token in _TOKEN.findall(joined + "\x00"):
        term = forms.get(token)
        if term is not None:
            held.add(term)
        elif not token[0].isalnum():  # the end of a sentence, or of a text
            if held:
                shares[chunk] = max(shares[chunk], sum(weights.get(t, 0.0) for t in held) / total)
                held = set()
            chunk += token == "\x00"
    return shares


class Retriever:
    """Hybrid search over one `ArticleStore`."""

    def __init__(self, store: ArticleStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    def retrieve(
        self,
        searches: Sequence[str],
        k: int | None = None,
        vectors: np.ndarray | None = None,
        articles: Collection[str] | None = None,
    ) -> Retrieved:
        """The `k` best passages for the search strings (`vectors`: their embeddings),
        from `articles` (ids) alone when given: both searches honour the choice."""
        k = k or self.settings.top_k
        n = self.settings.candidates
        if vectors is None:
            vectors = np.asarray(self.store.embeddings.embed_documents(list(searches)))
        found: dict[str, StoredChunk] = {}
        rankings: list[list[str]] = []
        leaders: set[str] = set()
        for search, vector in zip(searches, vectors, strict=True):
            dense = self.store.vector_search(vector.tolist(), n, articles)
            found.update((c.id, c) for c in dense)
            rankings.append([c.id for c in dense])
            keyword, best = self._keyword_search(search, n, found, articles)
            rankings.append(keyword)
            leaders.update(best)
        fused = rrf_fuse(rankings)
        # RRF favours chunks that are fair in every ranking; a chunk that one ranking
        # puts at the very top (an exact name for BM25) must not be lost to that.
        leaders.update(cid for ranking in rankings for cid in ranking[:LEADERS_PER_RANKING])
        order = [cid for cid, _ in fused if cid in leaders] + [
            cid for cid, _ in fused if cid not in leaders
        ]
        scores = dict(fused)
        wanted = order[: 3 * k]
        missing = [cid for cid in wanted if cid not in found]
        found.update((c.id, c) for c in self.store.get_chunks(missing))
        articles = self.store.get_articles(
            sorted({found[c].article_id for c in wanted if c in found})
        )
        passages: list[Passage] = []
        sentences: dict[tuple[str, int, int], tuple[list[tuple[int, int]], np.ndarray]] = {}
        top = fused[0][1] if fused else 1.0
        for cid in wanted:
            chunk = found.get(cid)
            if chunk is None:
                continue
            article = articles.get(chunk.article_id)
            if article is None or article.content_hash != chunk.version:
                continue  # not published (yet, or any more): never cite it
            passages.append(
                Passage(
                    chunk.article_id,
                    chunk.title,
                    chunk.text,
                    chunk.start,
                    chunk.end,
                    scores[cid] / top,
                )
            )
            spans, rows = chunk.sentence_units()
            if spans:
                sentences[(chunk.article_id, chunk.start, chunk.end)] = (spans, rows)
            if len(passages) == k:
                break
        passages.sort(key=lambda p: -p.score)
        return Retrieved(
            passages, {p.source: articles[p.source] for p in passages}, vectors, sentences
        )

    def _keyword_search(
        self,
        search: str,
        n: int,
        found: dict[str, StoredChunk],
        articles: Collection[str] | None = None,
    ) -> tuple[list[str], list[str]]:
        """The `n` best chunk ids for `search` by BM25 (within `articles` when given),
        and the one (or none) among its `SENTENCE_POOL` * `n` best whose best sentence
        holds the largest share of the search's terms (`sentence_shares`; the BM25 order
        breaks ties). The chunks read are added to `found`."""
        index = self.store.keyword_index()
        hits = [cid for cid, _ in index.search(search, SENTENCE_POOL * n, articles)]
        chunks = self.store.get_chunks(hits)
        found.update((c.id, c) for c in chunks)
        weights = {t: index.idf(t) for t in terms(search)}
        forms = {f: t for t in weights for f in index.forms(t)}
        shares = sentence_shares(weights, forms, [c.text for c in chunks])
        best = [chunks[shares.index(max(shares))].id] if chunks else []
        return hits[:n], best
