"""The LangChain surface: `build_chain(settings)` is a Runnable over `qa.stream`.

For LangChain users who compose: `build_chain(settings).invoke({"question": ...,
"history": [(q, a), ...]})` gives the verified `Answer`; `.stream(...)` yields the
draft's text pieces and then that `Answer`; `.batch([...])` answers several
conversations. The retriever alone is `qa.HybridRetriever`, a `BaseRetriever`.
It is a `RunnableLambda` over a generator: LangChain concatenates the text pieces and
keeps the final `Answer`, which cannot be added to text, as the invoke result.
langchain-core is imported by `build_chain`, not by this module, so that importing
`qa` for a plain question does not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .errors import QuestionError
from .settings import Settings
from .streaming import stream

if TYPE_CHECKING:
    from langchain_core.runnables import Runnable

    from .answer import Answer

__all__ = ["ChainInput", "build_chain"]

ChainInput = Mapping[str, Any]  # {"question": str, "history": [(question, answer), ...]}
BATCH_CONCURRENCY = 1  # batch inputs answered at once: they share one store and model


def build_chain(settings: Settings | None = None) -> Runnable[ChainInput, str | Answer]:
    """A Runnable taking {"question", "history"} and giving the verified `Answer`.

    >>> build_chain(Settings(store_dir=p)).invoke({"question": "Who?"}).text  # doctest: +SKIP
    """
    from langchain_core.runnables import RunnableLambda

    chosen = settings or Settings.from_env()

    def answer(inputs: ChainInput) -> Iterator[str | Answer]:
        question, history = _read(inputs)
        yield from stream(question, history, chosen)

    runnable: Runnable[ChainInput, str | Answer] = RunnableLambda(answer, name="articleqa")
    return runnable.with_config(max_concurrency=BATCH_CONCURRENCY)


def _read(inputs: ChainInput | str) -> tuple[str, Sequence[tuple[str, str]]]:
    """The question and history of a chain input (a bare string is a question)."""
    if isinstance(inputs, str):
        return inputs, ()
    if not isinstance(inputs, Mapping) or not isinstance(inputs.get("question"), str):
        raise QuestionError(
            'The chain takes {"question": "...", "history": [(question, answer), ...]}; '
            f"got {type(inputs).__name__} {str(inputs)[:80]!r}."
        )
    return inputs["question"], list(inputs.get("history") or ())
