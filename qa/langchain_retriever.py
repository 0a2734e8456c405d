"""Our hybrid search as a LangChain `BaseRetriever`, for LangChain compositions.

Kept apart from `qa.retrieval` so that the plain query path (`articleqa ask` with the
extractive backend) never imports langchain-core: only code that asks for
`HybridRetriever` pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

if TYPE_CHECKING:
    from langchain_core.callbacks import CallbackManagerForRetrieverRun

    from .answer import Passage

__all__ = ["HybridRetriever"]


class HybridRetriever(BaseRetriever):
    """Our hybrid search as a LangChain `BaseRetriever` (documents carry offsets).

    >>> HybridRetriever(settings=Settings(store_dir=tmp), k=4).invoke("who?")  # doctest: +SKIP
    """

    settings: Any
    k: int = 6

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        from .engine import engine_for

        retriever = engine_for(self.settings).retriever
        return [_as_document(p) for p in retriever.retrieve([query], k or self.k).passages]


def _as_document(p: Passage) -> Document:
    """A passage as a LangChain `Document` whose metadata carries its source offsets."""
    return Document(
        page_content=p.text,
        metadata={
            "source": p.source,
            "title": p.title,
            "start": p.start,
            "end": p.end,
            "score": p.score,
        },
    )
