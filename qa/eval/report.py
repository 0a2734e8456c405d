"""Showing an `EvalReport` to people: the terminal table and the single-file HTML report.

Why: the figures only help if one glance shows *where* the system fails. The HTML
report is one self-contained file (charts embedded as SVG, no script, no network)
with a colour-graded summary table per backend, a count of failure kinds per category,
one bar chart per metric across categories, and every failing turn with the expected
answer and evidence beside the given answer and its citations. All text from the test
set and the articles is escaped. matplotlib is imported only when a report is drawn.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from vectorstore.errors import ArticleQAError

from .evaluation import HEADLINE_METRICS, EvalReport, TurnResult
from .metrics import FAILURE_KINDS, Summary, failures

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["format_table", "grade", "render_html", "require_matplotlib", "write_html"]

ANSWER_FAILURES = frozenset(FAILURE_KINDS[:4])  # error, wrong answer, (missed/false) abstention
_SHORT = {  # terminal column headings
    "answer_accuracy": "acc",
    "answer_f1": "F1",
    "citation_precision": "citP",
    "citation_recall": "citR",
    "abstention_precision": "absP",
    "abstention_recall": "absR",
    "false_abstention_rate": "fAbs",
    "recall_at_k": "R@k",
    "mrr": "MRR",
}
_COLOURS = {"good": "#2e7d32", "fair": "#f9a825", "poor": "#c62828", "none": "#9e9e9e"}
_BACKEND_COLOURS = ["#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457"]


def grade(value: float | None, higher_is_better: bool = True) -> str:
    """The colour class of a figure: good, fair, poor, or none when undefined.

    >>> grade(0.85), grade(0.6), grade(0.2), grade(0.2, higher_is_better=False), grade(None)
    ('good', 'fair', 'poor', 'poor', 'none')
    """
    if value is None:
        return "none"
    if higher_is_better:
        return "good" if value >= 0.8 else "fair" if value >= 0.5 else "poor"
    return "good" if value <= 0.05 else "fair" if value <= 0.15 else "poor"


def format_table(report: EvalReport) -> str:
    """The compact terminal table: categories x metrics, or backends side by side.

    One backend: a row per category. Several: overall figures with a column per
    backend, then answer accuracy per category with a column per backend.
    """
    k = f"R@{report.k}"
    if len(report.backends) == 1:
        heads = ["turns", *(_SHORT[m] if m != "recall_at_k" else k for m in HEADLINE_METRICS)]
        rows = []
        for cat in report.categories:
            s = report.summary(category=cat)
            rows.append([cat, str(s.turns), *_figures(s)])
        return _columns(["category", *heads, "p50", "p95"], rows)
    names = report.backends
    rows = [["turns", *(str(report.summary(b).turns) for b in names)]]
    for metric, (label, _) in HEADLINE_METRICS.items():
        rows.append([label, *(_fmt(getattr(report.summary(b), metric)) for b in names)])
    for metric in ("latency_p50", "latency_p95"):
        rows.append([metric, *(_secs(getattr(report.summary(b), metric)) for b in names)])
    by_cat = [
        [cat, *(_fmt(report.summary(b, cat).answer_accuracy) for b in names)]
        for cat in report.categories
    ]
    return (
        _columns(["overall", *names], rows) + "\n\n" + _columns(["answer accuracy", *names], by_cat)
    )


def require_matplotlib() -> None:
    """Fail early, with the fix, when the HTML report cannot draw its charts."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as e:
        raise ArticleQAError(
            "The HTML report draws its charts with matplotlib, which is not installed; "
            "run `pip install matplotlib` (or drop --report)."
        ) from e


def write_html(
    report: EvalReport,
    path: str | Path,
    minimum: Mapping[str, float] | None = None,
    maximum: Mapping[str, float] | None = None,
) -> Path:
    """Write `render_html(report, ...)` to `path` and return the path."""
    path = Path(path)
    path.write_text(render_html(report, minimum, maximum), encoding="utf-8")
    return path


def render_html(
    report: EvalReport,
    minimum: Mapping[str, float] | None = None,
    maximum: Mapping[str, float] | None = None,
) -> str:
    """The whole report as one HTML page; `minimum`/`maximum` mark the gate's limits."""
    require_matplotlib()
    limits = {**(minimum or {}), **(maximum or {})}
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f"<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Evaluation: {_e(Path(report.testset).name or 'test set')}</title>"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Evaluation of {_e(report.testset or 'a test set')}</h1>",
        f"<p class=meta>{when} · store {_e(report.store)} · backends "
        f"{_e(', '.join(report.backends))} · recall@k with k = {report.k}</p>",
        _warnings(report),
    ]
    for name, run in report.runs.items():
        parts.append(f"<h2>Summary: {_e(name)}</h2>")
        parts.append(_weakest(report, name))
        parts.append(_summary_table(report, name, limits))
        parts.append(f"<h3>Where it fails: {_e(name)}</h3>")
        parts.append(_failure_table(report, run.results))
    parts.append("<h2>Metrics by category</h2><div class=charts>")
    for metric, (label, higher) in HEADLINE_METRICS.items():
        parts.append(_img(_bar_chart(report, metric, label, higher, limits.get(metric)), label))
    parts.append(_img(_latency_chart(report), "latency"))
    parts.append("</div>")
    for name, run in report.runs.items():
        failed = [r for r in run.results if failures(r.score)]
        severe = [r for r in failed if ANSWER_FAILURES & set(failures(r.score))]
        mild = [r for r in failed if r not in severe]
        parts.append(
            f"<h2>Failing turns: {_e(name)} ({len(failed)} of {len(run.results)})</h2>"
            f"<h3>Wrong answers, wrong refusals and errors ({len(severe)})</h3>"
        )
        parts.extend(_turn_card(r, run.results) for r in severe)
        parts.append(f"<h3>Right answer, citation or retrieval problems ({len(mild)})</h3>")
        parts.extend(_turn_card(r, run.results) for r in mild)
    parts.append("</body></html>")
    return "\n".join(parts)


# ---- private helpers ------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _secs(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}s"


def _figures(s: Summary) -> list[str]:
    return [
        *(_fmt(getattr(s, m)) for m in HEADLINE_METRICS),
        _secs(s.latency_p50),
        _secs(s.latency_p95),
    ]


def _columns(heads: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]
    lines = [[h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(heads)]]
    lines += [
        [c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r)]
        for r in rows
    ]
    return "\n".join("  ".join(line).rstrip() for line in lines)


def _warnings(report: EvalReport) -> str:
    items = [f"Skipped malformed line {s.line}: {_e(s.reason)}" for s in report.skipped]
    items += [
        f"Evidence of {_e(cid)} turn {i + 1} not found in the articles: “{_e(q)}”"
        for cid, i, q in report.unlocated_evidence()
    ]
    items += [
        f"{_e(cid)} turn {i + 1} names article {_e(src)}, which is not in the store"
        for cid, i, src in report.missing
    ]
    if not items:
        return ""
    return (
        "<div class=warn><b>Test-set problems</b><ul>"
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul></div>"
    )


def _summary_table(report: EvalReport, backend: str, limits: Mapping[str, float]) -> str:
    heads = "".join(
        f"<th>{_e(label)}{_e(_limit_note(limits.get(m), higher))}</th>"
        for m, (label, higher) in HEADLINE_METRICS.items()
    )
    rows = []
    for cat in report.categories:
        s = report.summary(backend, cat)
        cells = []
        for metric, (_, higher) in HEADLINE_METRICS.items():
            value = getattr(s, metric)
            missed = cat == "overall" and _misses(value, limits.get(metric), higher)
            css = grade(value, higher) + (" missed" if missed else "")
            cells.append(f"<td class='{css}'>{_fmt(value)}</td>")
        rows.append(
            f"<tr><th>{_e(cat)}</th><td>{s.turns}</td>{''.join(cells)}"
            f"<td>{_secs(s.latency_p50)}</td><td>{_secs(s.latency_p95)}</td></tr>"
        )
    return (
        f"<table class=summary><tr><th>category</th><th>turns</th>{heads}"
        f"<th>p50</th><th>p95</th></tr>{''.join(rows)}</table>"
        "<p class=legend>cell colour: <span class=good>good</span> <span class=fair>fair</span> "
        "<span class=poor>poor</span>; a red outline marks an overall figure that misses "
        "the gate's limit.</p>"
    )


def _weakest(report: EvalReport, backend: str, count: int = 3) -> str:
    """One line naming the categories with the lowest answer accuracy."""
    scored = [
        (s.answer_accuracy, cat)
        for cat in report.categories[1:]
        if (s := report.summary(backend, cat)).answer_accuracy is not None
    ]
    worst = sorted(scored)[:count]
    if not worst:
        return ""
    items = ", ".join(f"<b>{_e(cat)}</b> ({acc:.2f})" for acc, cat in worst)
    return f"<p>Lowest answer accuracy: {items}.</p>"


def _limit_note(limit: float | None, higher: bool) -> str:
    return "" if limit is None else f" ({'≥' if higher else '≤'} {limit:g})"


def _misses(value: float | None, limit: float | None, higher: bool) -> bool:
    if limit is None:
        return False
    return value is None or (value < limit if higher else value > limit)


def _failure_table(report: EvalReport, results: Sequence[TurnResult]) -> str:
    heads = "".join(f"<th>{_e(kind)}</th>" for kind in FAILURE_KINDS)
    rows = []
    for cat in report.categories:
        members = [r for r in results if _in_category(r, cat)]
        counts = [sum(kind in failures(r.score) for r in members) for kind in FAILURE_KINDS]
        cells = "".join(f"<td class='{_heat(n, len(members))}'>{n or ''}</td>" for n in counts)
        rows.append(f"<tr><th>{_e(cat)}</th><td>{len(members)}</td>{cells}</tr>")
    return (
        f"<table class=fails><tr><th>category</th><th>turns</th>{heads}</tr>{''.join(rows)}</table>"
    )


def _in_category(result: TurnResult, category: str) -> bool:
    if category == "overall":
        return True
    if category == "first turns":
        return not result.followup
    if category == "follow-ups":
        return result.followup
    return category.removeprefix("tag: ") in result.tags


def _heat(count: int, total: int) -> str:
    share = count / total if total else 0.0
    return "none" if count == 0 else "poor" if share > 0.25 else "fair" if share > 0.1 else "low"


def _img(svg: bytes, label: str) -> str:
    data = base64.b64encode(svg).decode("ascii")
    return f"<img class=chart alt='{_e(label)} by category' src='data:image/svg+xml;base64,{data}'>"


def _bar_chart(
    report: EvalReport, metric: str, label: str, higher: bool, limit: float | None
) -> bytes:
    """Horizontal bars: one group per category, one bar per backend."""
    cats = report.categories
    names = report.backends
    fig, ax = _figure(len(cats) * len(names))
    height = 0.8 / len(names)
    for j, name in enumerate(names):
        values = [getattr(report.summary(name, c), metric) for c in cats]
        ys = [i + (j - (len(names) - 1) / 2) * height for i in range(len(cats))]
        colours = (
            [_COLOURS[grade(v, higher)] for v in values]
            if len(names) == 1
            else _BACKEND_COLOURS[j % len(_BACKEND_COLOURS)]
        )
        ax.barh(ys, [v or 0.0 for v in values], height=height * 0.9, color=colours, label=name)
        for y, v in zip(ys, values, strict=True):
            ax.text((v or 0.0) + 0.01, y, _fmt(v), va="center", fontsize=8)
    if limit is not None:
        ax.axvline(limit, color="#000", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1.12)
    ax.set_title(f"{label} ({'higher' if higher else 'lower'} is better)", fontsize=10)
    return _finish(fig, ax, cats, len(names) > 1)


def _latency_chart(report: EvalReport) -> bytes:
    cats = report.categories
    fig, ax = _figure(len(cats) * len(report.backends))
    rows = [(n, c) for n in report.backends for c in cats]
    ys = list(range(len(rows)))[::-1]
    p50 = [report.summary(n, c).latency_p50 or 0.0 for n, c in rows]
    p95 = [report.summary(n, c).latency_p95 or 0.0 for n, c in rows]
    ax.barh(ys, p95, color="#90caf9", label="p95")
    ax.barh(ys, p50, color="#1565c0", label="p50", height=0.5)
    ax.set_yticks(ys)
    multi = len(report.backends) > 1
    ax.set_yticklabels([f"{c} ({n})" if multi else c for n, c in rows], fontsize=8)
    ax.set_title("latency per answer, seconds", fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, ax, None, False)


def _figure(bars: int) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.2, 0.9 + 0.28 * max(bars, 3)), layout="constrained")
    return fig, fig.add_subplot()


def _finish(fig: Figure, ax: Axes, cats: Sequence[str] | None, legend: bool) -> bytes:
    import matplotlib

    if cats is not None:
        ax.set_yticks(range(len(cats)))
        ax.set_yticklabels(cats, fontsize=8)
        ax.invert_yaxis()
    if legend:
        ax.legend(fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "articleqa"}):
        fig.savefig(buf, format="svg")
    return buf.getvalue()


def _turn_card(result: TurnResult, all_results: Sequence[TurnResult]) -> str:
    t, score, answer = result.turn, result.score, result.answer
    badges = "".join(f"<span class='badge {_slug(k)}'>{_e(k)}</span>" for k in failures(score))
    where = "follow-up" if result.followup else "first turn"
    tags = f" · {_e(', '.join(result.tags))}" if result.tags else ""
    expected = [f"<p class=q>{_e(t.question)}</p>"]
    if t.answerable:
        expected.append(
            "<p><b>Acceptable answers:</b> " + " | ".join(_e(a) for a in t.answers) + "</p>"
        )
    else:
        expected.append("<p><b>Unanswerable</b>: the system should decline.</p>")
    if result.evidence:
        items = []
        for i, ev in enumerate(result.evidence):
            cited = i < len(score.covered) and score.covered[i]
            rank = score.ranks[i] if i < len(score.ranks) else None
            notes = [
                "<span class=ok>cited</span>" if cited else "<span class=bad>not cited</span>",
                f"retrieved at rank {rank}" if rank else "<span class=bad>not retrieved</span>",
            ]
            if not ev.spans:
                notes.append("<span class=bad>not found in the articles</span>")
            items.append(f"<li>“{_e(ev.quote)}” <small>{' · '.join(notes)}</small></li>")
        src = f" <small>(from {_e(t.source)})</small>" if t.source else ""
        expected.append(f"<p><b>Evidence</b>{src}</p><ul>{''.join(items)}</ul>")
    given: list[str] = []
    if answer is None:
        given.append(f"<p class=bad>Error: {_e(score.error)}</p>")
    else:
        label = " <span class='badge abstained'>abstained</span>" if answer.abstained else ""
        given.append(f"<p class=a>{_e(answer.text)}{label}</p>")
        cites = []
        for i, c in enumerate(answer.citations):
            ok = i < len(score.supported) and score.supported[i]
            verdict = (
                "<span class=ok>supports evidence</span>"
                if ok
                else ("<span class=bad>matches no evidence</span>" if result.evidence else "")
            )
            cites.append(
                f"<li>[{i + 1}] <small>{_e(c.source)}, chars {c.start}–{c.end} · {verdict}"
                f"</small><br>“{_e(c.quote)}”</li>"
            )
        if cites:
            given.append(f"<p><b>Citations</b></p><ol class=cites>{''.join(cites)}</ol>")
        lat = f"{score.latency:.2f}s" if score.latency is not None else "—"
        given.append(
            f"<p><small>searched: {_e(answer.query)} · confidence {answer.confidence:.2f} · "
            f"{lat} · {_e(answer.backend)}</small></p>"
        )
    earlier = [r for r in all_results if r.case_id == result.case_id and r.index < result.index]
    history = ""
    if earlier:
        lines = "".join(
            f"<li><b>{_e(r.turn.question)}</b><br>{_e(r.answer.text if r.answer else '(error)')}"
            "</li>"
            for r in earlier
        )
        history = (
            f"<details><summary>Earlier turns ({len(earlier)})</summary><ol>{lines}</ol></details>"
        )
    return (
        f"<div class=turn><div class=head><b>{_e(result.case_id)}</b> · turn {result.index + 1} "
        f"({where}){tags} {badges}</div>{history}<div class=cols>"
        f"<div><h4>Expected</h4>{''.join(expected)}</div>"
        f"<div><h4>Given</h4>{''.join(given)}</div></div></div>"
    )


def _slug(text: str) -> str:
    return text.replace(" ", "-")


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#212121;max-width:1400px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}
h3{font-size:15px}.meta,.legend{color:#666;font-size:12px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 7px}
td{text-align:right;font-variant-numeric:tabular-nums}th{background:#f5f5f5;text-align:left}
table.summary th{font-size:12px}
.good{background:#c8e6c9}.fair{background:#fff3c4}.poor{background:#ffcdd2}
.none{color:#999}.low{background:#fff8e1}.missed{outline:3px solid #c62828}
.warn{background:#fff3e0;border:1px solid #ffb74d;padding:6px 12px;margin:8px 0}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{width:440px;border:1px solid #eee}
.turn{border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:8px 12px}
.head{margin-bottom:4px}.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.cols>div{background:#fafafa;padding:4px 10px;border-radius:4px}
h4{margin:4px 0;color:#555}.q{font-weight:600}.a{white-space:pre-wrap}
.badge{display:inline-block;border-radius:10px;padding:0 8px;margin-left:4px;font-size:12px;
color:#fff;background:#757575}.badge.wrong-answer,.badge.error,.badge.missed-abstention,
.badge.false-abstention{background:#c62828}.badge.abstained{background:#546e7a}
.badge.unsupported-citation,.badge.evidence-not-cited{background:#ef6c00}
.badge.evidence-not-retrieved{background:#8d6e63}
.ok{color:#2e7d32}.bad{color:#c62828}ol.cites li{margin-bottom:4px}small{color:#666}
"""
