"""`ui.gradio_import`: gradio imported without its import-time stub and docstring work.

The patched import is checked against gradio's own, in two fresh processes (a process
that has imported gradio already is never patched): every event listener of every
component and of Blocks gets the same docstring, and both patches still apply to the
installed gradio (a release that renames what they replace fails here, not silently).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from ui.gradio_import import fill_component

from .conftest_paths import ROOT

EVENT_DOCS = """
import json, sys
if sys.argv[1] == "patched":
    from ui.gradio_import import applied, import_gradio
    gr = import_gradio()
    patches = sorted(applied())
else:
    import gradio as gr
    patches = []
docs = {"Blocks.load": gr.Blocks.load.__doc__}
for name in dir(gr):
    cls = getattr(gr, name)
    for event in getattr(cls, "EVENTS", []) if isinstance(cls, type) else []:
        event = event if isinstance(event, str) else event.event_name
        docs[f"{name}.{event}"] = getattr(cls, event).__doc__
print(json.dumps({"patches": patches, "docs": docs}))
"""


def event_docs(mode: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"}
    done = subprocess.run(
        [sys.executable, "-c", EVENT_DOCS, mode],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("Triggered when the {{ component }} is clicked.", "Triggered when the Button is clicked."),
        ("Clears the {{ component }}.\n", "Clears the Button."),
        ("Two {{ component }} and {{ component }}.\n\n", "Two Button and Button.\n"),
        ("No field here.", "No field here."),
    ],
)
def test_fill_component_renders_as_jinja_does(doc: str, expected: str) -> None:
    from jinja2 import Template

    assert fill_component(doc, "Button") == expected == Template(doc).render(component="Button")


@pytest.mark.slow
def test_patched_import_gives_gradio_its_own_event_docs() -> None:
    plain, patched = event_docs("plain"), event_docs("patched")
    assert patched["patches"] == ["gradio.component_meta", "gradio.events"]
    assert len(plain["docs"]) > 100  # every event of every component was compared
    assert patched["docs"] == plain["docs"]
    assert "Chatbot" in patched["docs"]["Chatbot.like"]
