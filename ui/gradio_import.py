"""Import gradio without the work it does for its own developers at every import.

`import gradio` costs 5-6 s of CPU on two shared cores, and most of it is not needed to
serve a page: gradio's component metaclass, for each of its ~80 component classes,
re-parses the class's source file to regenerate the `.pyi` type stubs next to it (which
ship with the wheel and only type checkers read; about 2 s here), and renders every
event listener's docstring through a fresh Jinja template (`{{ component }}` filled in
with the class name; about 0.6 s). `import_gradio()` imports gradio with two narrow
patches applied as gradio's own modules load, and nothing else changed:

- `gradio.component_meta.create_or_modify_pyi` does nothing (the shipped stubs stay as
  they are; gradio never writes into site-packages on our behalf);
- `gradio.events.EventListener.set_doc` fills in `{{ component }}` by string replacement
  and drops one trailing newline, as Jinja's default rendering does; a test checks the
  result against Jinja for every event of every component.

The concession: this reaches into two private names of gradio. Each patch applies only
when the name it replaces exists, so a gradio release that renames them is imported as
is (slower, never broken), and `applied()` says which patches took effect (a test fails
when one stops applying, so an upgrade does not silently lose the speed). If gradio is
already imported, nothing is patched.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

__all__ = ["applied", "fill_component", "import_gradio"]

TEMPLATE_FIELD = "{{ component }}"  # the one template field in gradio's event docstrings

_applied: set[str] = set()


def fill_component(doc: str, component: str) -> str:
    """`doc` with `{{ component }}` filled in, rendered as `jinja2.Template(doc).render`
    renders gradio's event docstrings (it drops a single trailing newline).

    >>> fill_component("Triggered when the {{ component }} is clicked.\\n", "Button")
    'Triggered when the Button is clicked.'
    """
    filled = doc.replace(TEMPLATE_FIELD, component)
    return filled[:-1] if filled.endswith("\n") else filled


def import_gradio() -> ModuleType:
    """`import gradio`, with the patches above applied while its modules load."""
    if "gradio" in sys.modules:
        return sys.modules["gradio"]
    finder = _PatchingFinder({"gradio.component_meta": _no_stubs, "gradio.events": _plain_docs})
    sys.meta_path.insert(0, finder)
    try:
        import gradio
    finally:
        sys.meta_path.remove(finder)
    return gradio


def applied() -> frozenset[str]:
    """The patches that took effect in this process (module names)."""
    return frozenset(_applied)


def _no_stubs(module: ModuleType) -> bool:
    if not callable(getattr(module, "create_or_modify_pyi", None)):
        return False

    def create_or_modify_pyi(component_class: type, class_name: str, events: Any) -> None:
        """Skipped: the `.pyi` stubs ship with gradio (see `ui.gradio_import`)."""

    setattr(module, "create_or_modify_pyi", create_or_modify_pyi)  # noqa: B010 (untyped for mypy)
    return True


def _plain_docs(module: ModuleType) -> bool:
    listener = getattr(module, "EventListener", None)
    if listener is None or not callable(getattr(listener, "set_doc", None)):
        return False

    def set_doc(self: Any, component: str) -> None:
        doc = self.listener.__doc__
        if doc:
            self.listener.__doc__ = fill_component(doc, component)

    listener.set_doc = set_doc
    return True


class _PatchingFinder(importlib.abc.MetaPathFinder):
    """Finds the named modules as usual and patches each right after it has run."""

    def __init__(self, patches: dict[str, Callable[[ModuleType], bool]]) -> None:
        self.patches = patches

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        patch = self.patches.get(fullname)
        if patch is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        loader = spec.loader if spec else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            if patch(module):
                _applied.add(fullname)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec
