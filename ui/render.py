"""Pure HTML rendering of answers, sources and the article list, with everything escaped.

Every string that comes from a person or an article (questions, answers, titles, ids,
article text) goes through `html.escape` before it meets markup, so an article holding
`<script>` or `<img onerror=...>` is shown literally and runs nothing. The only markup
is ours: `[n]` markers become links to their source card, the cited sentence is wrapped
in `<mark>`, and the whole article sits in a `<details>` element whose highlighted span
is a fragment target (following the "open in the article" link expands it and scrolls
there, no JavaScript needed). Nothing here imports gradio, so it is tested directly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa import Answer, Explanation
from vectorstore import Article, ArticleRecord

__all__ = [
    "EMPTY_SOURCES",
    "PENDING_SOURCES",
    "Highlight",
    "context_bounds",
    "paragraph_bounds",
    "render_answer",
    "render_articles",
    "render_explanation",
    "render_loading",
    "render_pending",
    "render_question",
    "render_sources",
    "render_upload_messages",
    "stream_prefixes",
]

CONTEXT_CHARS = 400  # at most this much paragraph shown on each side of a cited sentence
MIN_CONTEXT_CHARS = 80  # a paragraph with less than this around the span shows its neighbours
CLOSEST_SHOWN = 3  # passages listed when the answer abstains
STREAM_STEPS = 24  # an answer streams in about this many pieces

EMPTY_SOURCES = (
    '<div class="aqa-sources aqa-empty-sources"><h3>Sources</h3>'
    "<p>Each answer quotes the articles. Its numbered markers [1], [2] point to the "
    "sources listed here, with the quoted sentence highlighted in its paragraph.</p></div>"
)

PENDING_SOURCES = (
    '<div class="aqa-sources"><h3>Sources</h3>'
    '<p class="aqa-muted">Looking for the passages that answer this…</p></div>'
)

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Highlight:
    """A span of an article to show: cited (an answer's source) or merely closest."""

    source: str
    title: str
    start: int
    end: int
    score: float = 0.0


def esc(text: str) -> str:
    """Escape text for HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(text, quote=True)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line delimited) around `text[start:end]`.

    >>> paragraph_bounds("A.\\n\\nB c. D.\\n\\nE.", 4, 8)
    (4, 11)
    """
    a = 0
    for m in _BLANK_LINE.finditer(text, 0, max(start, 0)):
        a = m.end()
    after = _BLANK_LINE.search(text, end)
    return a, (after.start() if after else len(text))


def context_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span's paragraph, widened to its neighbours when it is little more than the span.

    >>> text = "Lead.\\n\\nQuote.\\n\\nNext one."
    >>> context_bounds(text, 7, 13), paragraph_bounds(text, 7, 13)
    ((0, 24), (7, 13))
    """
    a, b = paragraph_bounds(text, start, end)
    if (start - a) + (b - end) < MIN_CONTEXT_CHARS:
        before = len(text[:a].rstrip())  # just after the previous paragraph's last character
        if before:
            a = paragraph_bounds(text, before, before)[0]
        after = len(text) - len(text[b:].lstrip())  # the next paragraph's first character
        if after < len(text):
            b = paragraph_bounds(text, after, after)[1]
    return a, b


def stream_prefixes(text: str, steps: int = STREAM_STEPS) -> list[str]:
    """Growing prefixes of `text`, cut after whole words, the last one being `text`.

    >>> stream_prefixes("a b c d e", steps=2)
    ['a b c', 'a b c d e']
    """
    words = _WORD.findall(text)
    if not words:
        return [text]
    size = -(-len(words) // max(steps, 1))
    out = ["".join(words[:i]).rstrip() for i in range(size, len(words), size)]
    return [*out, text]


def render_question(question: str) -> str:
    """A question as chat-message HTML: plain escaped text."""
    return _lines(esc(question))


def render_pending() -> str:
    return '<span class="aqa-pending">Searching the articles…</span>'


def render_loading() -> str:
    """The reply shown to a question asked while the app still loads its model."""
    return (
        '<span class="aqa-pending">Loading the model… (the app has just started); '
        "your question is answered as soon as it is ready.</span>"
    )


def render_answer(
    text: str,
    turn: int,
    citations: int,
    *,
    abstained: bool = False,
    notice: str = "",
    streaming: bool = False,
    explanation: Explanation | None = None,
) -> str:
    """An answer as chat-message HTML; `[n]` markers link to source card n of `turn`;
    an `explanation` goes below it in a collapsed "Why this answer?" section.

    >>> render_answer("<b>x</b> [1]", 2, 1).replace('class="aqa-marker" ', "")
    '<span class="aqa-answer">&lt;b&gt;x&lt;/b&gt; <a href="#aqa-src-2-1">[1]</a></span>'
    """

    def marker(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if not 1 <= n <= citations:
            return m.group(0)
        return f'<a class="aqa-marker" href="#aqa-src-{turn}-{n}">[{n}]</a>'

    body = re.sub(r"\[(\d+)\](?=\s|$)", marker, esc(text))
    css = "aqa-answer aqa-abstained" if abstained else "aqa-answer"
    out = f'<span class="{css}">{_lines(body)}</span>'
    if streaming:
        out += '<span class="aqa-cursor">▍</span>'
    if notice:
        out = f'<span class="aqa-notice">{esc(notice)}</span><br>{out}'
    if explanation is not None:
        out += render_explanation(explanation)
    return out


def render_explanation(explanation: Explanation) -> str:
    """The collapsed "Why this answer?" section: what the question asks, the decision,
    and each top candidate's score part by part (escaped plain text).

    >>> html_ = render_explanation(Explanation("asks: number", "declined", "score < 0.4"))
    >>> html_.startswith('<details class="aqa-why"><summary>Why this answer?</summary>')
    True
    """
    return (
        '<details class="aqa-why"><summary>Why this answer?</summary>'
        f'<pre class="aqa-why-body">{esc(explanation.render())}</pre></details>'
    )


def render_sources(answer: Answer, articles: Mapping[str, Article], turn: int) -> str:
    """The sources panel for `answer`: cited sentences, or the closest passages."""
    if answer.abstained:
        closest = [
            Highlight(p.source, p.title, p.start, p.end, p.score)
            for p in answer.passages[:CLOSEST_SHOWN]
        ]
        head = (
            '<div class="aqa-banner">The articles did not answer this question. '
            + (
                "These are the closest passages found; none of them answers it."
                if closest
                else "No passage came close."
            )
            + "</div>"
        )
        cards = [
            _card(h, articles.get(h.source), turn, i, cited=False) for i, h in enumerate(closest, 1)
        ]
        return _panel("Closest passages", head + "".join(cards))
    cited = [Highlight(c.source, c.title, c.start, c.end, c.score) for c in answer.citations]
    if not cited:
        return EMPTY_SOURCES
    cards = [_card(h, articles.get(h.source), turn, i, cited=True) for i, h in enumerate(cited, 1)]
    also = [Highlight(c.source, c.title, c.start, c.end, c.score) for c in answer.also]
    if also:  # close sentences of other articles: beside the answer, never in it
        first = len(cited) + 1
        cards.append('<h4 class="aqa-also">Also in the articles</h4>')
        cards += [
            _card(h, articles.get(h.source), turn, i, cited=False)
            for i, h in enumerate(also, first)
        ]
    return _panel("Sources", "".join(cards))


def render_articles(records: Sequence[ArticleRecord]) -> str:
    """The Articles tab's table (title, id, chunks, when ingested)."""
    if not records:
        return (
            '<div class="aqa-articles"><p class="aqa-muted">No articles are indexed yet. '
            "Upload .txt, .md, .html or .pdf files below.</p></div>"
        )
    rows = "".join(
        "<tr>"
        f'<td><div class="aqa-row-title">{esc(r.title)}</div>'
        f'<div class="aqa-row-id">id: <code>{esc(r.id)}</code></div></td>'
        f'<td class="aqa-num">{r.chunk_count}</td>'
        f'<td class="aqa-when">{esc(_when(r.ingested_at))}</td>'
        "</tr>"
        for r in records
    )
    total = f"{len(records)} article{'s' if len(records) != 1 else ''} indexed"
    return (
        f'<div class="aqa-articles"><p class="aqa-muted">{total}</p>'
        '<table class="aqa-table"><thead><tr><th>Title and id</th>'
        '<th class="aqa-num">Chunks</th><th>Ingested</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def render_upload_messages(lines: Sequence[tuple[bool, str, str]]) -> str:
    """Per-file outcome lines: (ok, file name, message)."""
    if not lines:
        return ""
    items = "".join(
        f'<li class="{"aqa-ok" if ok else "aqa-fail"}">'
        f'<span class="aqa-icon">{"✓" if ok else "✗"}</span> '
        f"<strong>{esc(name)}</strong>: {esc(message)}</li>"
        for ok, name, message in lines
    )
    return f'<ul class="aqa-upload-log">{items}</ul>'


# ---- helpers -----------------------------------------------------------------------
def _panel(heading: str, body: str) -> str:
    return f'<div class="aqa-sources"><h3>{esc(heading)}</h3>{body}</div>'


def _card(h: Highlight, article: Article | None, turn: int, n: int, *, cited: bool) -> str:
    """One source card: title, the span in its paragraph, and the whole article."""
    mark_id = f"aqa-hl-{turn}-{n}"
    kind = "aqa-cited" if cited else "aqa-closest"
    label = f"[{n}]" if cited else f"{n}."
    head = (
        f'<div class="aqa-card-head"><span class="aqa-card-n">{label}</span> '
        f'<span class="aqa-card-title">{esc(h.title)}</span></div>'
        f'<div class="aqa-card-source">{esc(h.source)}</div>'
    )
    if article is None or not (0 <= h.start <= h.end <= len(article.text)):
        return (
            f'<div class="aqa-card {kind}" id="aqa-src-{turn}-{n}">{head}'
            '<p class="aqa-muted">This article is no longer in the index.</p></div>'
        )
    text = article.text
    before, after = _around(text, h.start, h.end)
    paragraph = (
        f'<p class="aqa-paragraph">{_lines(esc(before))}'
        f"<mark>{_lines(esc(text[h.start : h.end]))}</mark>{_lines(esc(after))}</p>"
    )
    full = (
        f'<div class="aqa-article-text">{esc(text[: h.start])}'
        f'<mark id="{mark_id}">{esc(text[h.start : h.end])}</mark>{esc(text[h.end :])}</div>'
    )
    return (
        f'<div class="aqa-card {kind}" id="aqa-src-{turn}-{n}">{head}{paragraph}'
        f'<details class="aqa-full"><summary><a class="aqa-open" href="#{mark_id}">'
        f"Open the whole article at this passage</a></summary>{full}</details></div>"
    )


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The context shown before and after a span: its paragraph, cut at whole words."""
    a, b = context_bounds(text, start, end)
    before, after = "", ""
    if a < start - CONTEXT_CHARS:
        a = start - CONTEXT_CHARS
        space = text.find(" ", a, start)
        a, before = (space + 1 if space != -1 else a), "…"
    if b > end + CONTEXT_CHARS:
        b = end + CONTEXT_CHARS
        space = text.rfind(" ", end, b)
        b, after = (space if space != -1 else b), "…"
    return before + text[a:start], text[end:b] + after


def _lines(escaped: str) -> str:
    return escaped.replace("\n", "<br>")


def _when(iso: str) -> str:
    """`2025-11-25T12:38:04+00:00` -> `2025-11-25 12:38 UTC`."""
    m = re.match(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})", iso)
    if not m:
        return iso
    return f"{m.group(1)} {m.group(2)}" + (" UTC" if iso.endswith(("+00:00", "Z")) else "")
