"""A conversation as a Markdown file: every question, answer and numbered citation.

`conversation_markdown(turns)` is the one renderer behind `/save FILE` in `articleqa chat`
and the web app's "Download conversation" button, so both give the same file. It is pure:
typed turns in (`(question, Answer)` pairs, whose answers keep their citations), text out.
Each citation is written with its article's title, its article id, its character offsets
and the exact cited span as a block quote; an abstention says that nothing was cited. The
quotes are not Markdown-escaped: the file holds the articles' exact words, even where a
renderer would read an `*` or `_` in them as emphasis.
"""

from __future__ import annotations

from collections.abc import Sequence

from .answer import Answer

__all__ = ["TRANSCRIPT_TITLE", "conversation_markdown"]

TRANSCRIPT_TITLE = "Conversation about the articles"  # the file's heading


def conversation_markdown(turns: Sequence[tuple[str, Answer]]) -> str:
    """The conversation `turns` as Markdown.

    >>> from qa.answer import Citation
    >>> cited = Answer("Over 2,000 people. [1]",
    ...                [Citation("a.txt", "Evacuation", "Over 2,000 people left.", 10, 33)])
    >>> declined = Answer("The articles don't say.", abstained=True)
    >>> print(conversation_markdown([("How many left?", cited), ("Why?", declined)]))
    # Conversation about the articles
    <BLANKLINE>
    ## 1. How many left?
    <BLANKLINE>
    Over 2,000 people. [1]
    <BLANKLINE>
    1. **Evacuation** (`a.txt`, characters 10-33)
    <BLANKLINE>
       > Over 2,000 people left.
    <BLANKLINE>
    ## 2. Why?
    <BLANKLINE>
    The articles don't say.
    <BLANKLINE>
    *No citation: the articles do not answer this.*
    <BLANKLINE>
    """
    lines = [f"# {TRANSCRIPT_TITLE}", ""]
    for n, (question, answer) in enumerate(turns, 1):
        lines += [f"## {n}. {_one_line(question)}", "", answer.text.strip(), ""]
        if answer.notice:
            lines += [f"*Note: {_one_line(answer.notice)}*", ""]
        if answer.abstained or not answer.citations:
            lines += ["*No citation: the articles do not answer this.*", ""]
        for i, c in enumerate(answer.citations, 1):
            lines += [f"{i}. **{_one_line(c.title)}** (`{c.source}`, characters {c.start}-{c.end})"]
            quoted = [f"   > {line}" if line else "   >" for line in c.quote.split("\n")]
            lines += ["", *quoted, ""]
    return "\n".join(lines)


def _one_line(text: str) -> str:
    """`text` with its line breaks turned into spaces (a heading or list item is one line).

    >>> _one_line("Two\\nlines ")
    'Two lines'
    """
    return " ".join(text.split("\n")).strip()
