"""The look: one calm theme and the stylesheet for the HTML that `ui.render` produces.

Fonts are the system's (a Google font would be fetched from the internet on every page
load, and this app runs offline). gradio 6 takes theme and CSS at `launch()`, so
`ui.app` hands them over as launch defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gradio.themes import Base

__all__ = ["CSS", "theme"]

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important; }
#aqa-header h1 { font-size: 1.45rem; font-weight: 600; margin: .2rem 0 0; }
#aqa-header p { color: var(--body-text-color-subdued); margin: .2rem 0 .4rem; }
#aqa-chat .aqa-answer, #aqa-chat .aqa-error { line-height: 1.55; }
.aqa-marker { font-size: .72em; vertical-align: super; line-height: 0; font-weight: 600;
  text-decoration: none !important; color: var(--color-accent) !important; padding: 0 1px; }
.aqa-pending { color: var(--body-text-color-subdued); font-style: italic; }
.aqa-cursor { color: var(--body-text-color-subdued); animation: aqa-blink 1s steps(1) infinite; }
@keyframes aqa-blink { 50% { opacity: 0; } }
.aqa-abstained { color: var(--body-text-color-subdued); }
.aqa-why { margin-top: .4em; font-size: .8em; color: var(--body-text-color-subdued); }
.aqa-why summary { cursor: pointer; }
.aqa-why-body { white-space: pre-wrap; font-size: .95em; margin: .3em 0 0; }
.aqa-also { margin: .8em 0 .3em; font-size: .9em; color: var(--body-text-color-subdued); }
.aqa-notice { font-size: .85em; color: var(--body-text-color-subdued); font-style: italic; }
.aqa-error { color: var(--error-text-color); }
.aqa-vote-note { font-size: .88em; color: var(--body-text-color-subdued); margin: .3rem .2rem; }
#aqa-sources { max-height: 78vh; overflow-y: auto; padding-right: .25rem; }
.aqa-sources h3 { font-size: 1rem; font-weight: 600; margin: .1rem 0 .6rem; }
.aqa-sources p { margin: .3rem 0; }
.aqa-muted { color: var(--body-text-color-subdued); font-size: .9em; }
.aqa-empty-sources p { color: var(--body-text-color-subdued); font-size: .92em; line-height: 1.5; }
.aqa-banner { background: var(--background-fill-secondary); border-left: 3px solid #c9a227;
  border-radius: 6px; padding: .55rem .75rem; margin-bottom: .7rem; font-size: .92em; }
.aqa-card { border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: .7rem .85rem; margin-bottom: .7rem; background: var(--background-fill-primary); }
.aqa-card:target { border-color: var(--color-accent); }
.aqa-card-head { font-weight: 600; line-height: 1.35; }
.aqa-card-n { color: var(--color-accent); margin-right: .2rem; }
.aqa-card-source { font-size: .78em; color: var(--body-text-color-subdued);
  margin: .1rem 0 .35rem; }
.aqa-paragraph { line-height: 1.55; font-size: .93em; }
.aqa-sources mark { background: #fde68a; color: #1f2937; padding: 0 .12em; border-radius: 3px; }
.aqa-closest mark { background: #dbe4f0; }
.aqa-full { margin-top: .35rem; }
.aqa-full summary { cursor: pointer; font-size: .85em; color: var(--color-accent); }
.aqa-article-text { white-space: pre-wrap; max-height: 42vh; overflow-y: auto; font-size: .88em;
  line-height: 1.5; margin-top: .4rem; padding: .5rem .6rem; border-radius: 6px;
  background: var(--background-fill-secondary); }
.aqa-article-text mark { scroll-margin: 4rem; }
.aqa-open { color: var(--color-accent) !important; text-decoration: none !important; }
.aqa-open:hover { text-decoration: underline !important; }
.aqa-table { width: 100%; border-collapse: collapse; font-size: .92em; border: none !important; }
.aqa-table th, .aqa-table td { text-align: left; padding: .45rem .5rem !important;
  border: none !important; border-bottom: 1px solid var(--border-color-primary) !important;
  vertical-align: top; background: transparent !important; }
.aqa-table tr { border: none !important; }
.aqa-table th { font-weight: 600; color: var(--body-text-color-subdued); }
.aqa-row-title { font-weight: 500; }
.aqa-row-id { font-size: .8em; color: var(--body-text-color-subdued); margin-top: .15rem; }
.aqa-row-id code { font-size: 1em; background: none; padding: 0; word-break: break-all; }
.aqa-when { white-space: nowrap; color: var(--body-text-color-subdued); }
.aqa-num { text-align: right !important; }
.aqa-upload-log { list-style: none; padding: 0; margin: .3rem 0; font-size: .92em; }
.aqa-upload-log li { margin: .2rem 0; }
.aqa-ok .aqa-icon { color: #15803d; font-weight: 700; }
.aqa-fail .aqa-icon { color: var(--error-text-color); font-weight: 700; }
"""


def theme() -> Base:
    """A quiet theme: slate neutrals, an indigo accent, system fonts."""
    import gradio as gr

    return gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        font=["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    )
