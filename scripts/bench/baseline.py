"""The plain LangChain + Chroma recipe, measured the way ours is, on the same corpus.

Why a module: the benchmark's ratios need a fixed reference, and this is the one a reader
would write from the LangChain docs: `RecursiveCharacterTextSplitter(1000, 200)`,
`Chroma.from_documents` with `HuggingFaceEmbeddings` of the same packaged MiniLM, and
`similarity_search(k=4)`. It has no change detection (its re-ingest is its first ingest
again) and no web app. LangChain is imported only inside the workers.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .corpus import WARMUP
from .measure import latency_ms, peak_rss_mb

__all__ = ["BASELINE_K", "CHUNK_CHARS", "CHUNK_OVERLAP_CHARS", "COLD_SCRIPT", "ingest", "query"]

BASELINE_K = 4  # documents the baseline's similarity_search returns
CHUNK_CHARS, CHUNK_OVERLAP_CHARS = 1000, 200  # the recipe's splitter, in characters

# A cold start of the recipe: `python -c COLD_SCRIPT STORE QUESTION` prints its top passage.
COLD_SCRIPT = f"""
import sys
from langchain_chroma import Chroma
from langchain_huggingface import HuggingFaceEmbeddings
from vectorstore.embeddings import resolve_model_path
emb = HuggingFaceEmbeddings(model_name=resolve_model_path("all-MiniLM-L6-v2"))
db = Chroma(persist_directory=sys.argv[1], embedding_function=emb)
print(db.similarity_search(sys.argv[2], k={BASELINE_K})[0].page_content)
"""


def ingest(corpus: Path, store: Path) -> dict[str, Any]:
    """Split, embed and write `corpus` into a new Chroma `store`, timing the embedding."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    t0 = time.perf_counter()
    inner = _embeddings()

    class Timed(_TimedEmbeddings, Embeddings):
        pass

    embeddings = Timed(inner)
    docs = [
        Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": p.name})
        for p in sorted(corpus.glob("*.txt"))
    ]
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_CHARS, chunk_overlap=CHUNK_OVERLAP_CHARS
    )
    splits = splitter.split_documents(docs)
    Chroma.from_documents(splits, embeddings, persist_directory=str(store))
    return {
        "seconds": time.perf_counter() - t0,
        "embed_seconds": embeddings.seconds,
        "chunks": len(splits),
        "rss_mb": peak_rss_mb(),
    }


def query(store: Path, questions: list[list[str]], gap: float) -> dict[str, Any]:
    """`similarity_search` over `questions`, `gap` s apart after WARMUP untimed ones.

    A hit is the question's article among the top BASELINE_K documents.
    """
    from langchain_chroma import Chroma

    db = Chroma(persist_directory=str(store), embedding_function=_embeddings())
    t0 = time.perf_counter()
    for q, _ in questions[:WARMUP]:
        db.similarity_search(q, k=BASELINE_K)
    warmup = time.perf_counter() - t0
    samples, hits = [], 0
    for q, article_id in questions[WARMUP:]:
        time.sleep(gap)
        t = time.perf_counter()
        docs = db.similarity_search(q, k=BASELINE_K)
        samples.append(time.perf_counter() - t)
        hits += article_id in {d.metadata.get("source") for d in docs}
    return {
        **latency_ms(samples),
        "hit_pct": 100 * hits / len(samples),
        "warmup_s": warmup,
        "rss_mb": peak_rss_mb(),
    }


class _TimedEmbeddings:
    """Wraps an Embeddings to count the seconds spent in `embed_documents`."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.seconds = inner, 0.0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        t = time.perf_counter()
        out: list[list[float]] = self.inner.embed_documents(texts)
        self.seconds += time.perf_counter() - t
        return out

    def embed_query(self, text: str) -> list[float]:
        out: list[float] = self.inner.embed_query(text)
        return out


def _embeddings() -> Any:
    from langchain_huggingface import HuggingFaceEmbeddings

    from vectorstore.embeddings import resolve_model_path

    return HuggingFaceEmbeddings(model_name=resolve_model_path("all-MiniLM-L6-v2"))
