"""Adding uploaded files to the index, and removing articles, for the Articles tab.

Uploads are copied into `<store_dir>/uploads/` under a sanitised base name (never a
path a browser chose, so no `../`), then ingested with `vectorstore.ingest`, whose report
gives each file its own message. A file refused before copying (wrong type, empty, too
large) never touches the disk or the index; a file that fails to ingest is deleted again,
and if it was replacing an earlier upload of the same name, that one is put back.
Nothing here imports gradio.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vectorstore import SUPPORTED_SUFFIXES, ArticleStore, StoreSettings, ingest

__all__ = [
    "UPLOADS_DIR",
    "Outcome",
    "add_uploads",
    "remove_article",
    "safe_name",
    "uploads_dir",
]

UPLOADS_DIR = "uploads"  # folder inside store_dir holding uploaded files
MAX_NAME_CHARS = 120  # longer file names are shortened (the suffix is kept)

Progress = Callable[[int, int, str], None]  # (files done, files total, message)


@dataclass(frozen=True)
class Outcome:
    """What happened to one uploaded file (or one removal), in words for its owner."""

    ok: bool
    name: str
    message: str


def uploads_dir(settings: StoreSettings) -> Path:
    return settings.store_dir / UPLOADS_DIR


def safe_name(name: str) -> str:
    """A file's base name reduced to letters, digits, `.`, `-` and `_`.

    >>> safe_name("../../etc/My report (final).TXT")
    'My_report_final_.TXT'
    >>> safe_name("..\\\\..\\\\.hidden.md")
    'hidden.md'
    """
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._-")
    base = re.sub(r"\.{2,}", ".", base)
    stem, dot, suffix = base.rpartition(".")
    if dot and len(base) > MAX_NAME_CHARS:
        base = stem[: MAX_NAME_CHARS - len(suffix) - 1] + "." + suffix
    return base[:MAX_NAME_CHARS] or "upload"


def add_uploads(
    files: Sequence[str | Path],
    settings: StoreSettings,
    store: ArticleStore | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Check, copy and ingest uploaded files; one `Outcome` per file, in order."""
    max_bytes = int(settings.max_file_mb * 1e6)
    outcomes: dict[int, Outcome] = {}
    staged: dict[int, tuple[str, Path]] = {}
    taken: set[str] = set()
    for i, raw in enumerate(files):
        src = Path(raw)
        name = safe_name(src.name)
        refusal = _refusal(src, name, max_bytes, taken)
        if refusal:
            outcomes[i] = Outcome(False, src.name, refusal)
        else:
            taken.add(name)
            staged[i] = (name, src)
    if staged:
        outcomes.update(_ingest_staged(staged, settings, store, progress))
    return [outcomes[i] for i in range(len(files))]


def remove_article(article_id: str, settings: StoreSettings, store: ArticleStore) -> Outcome:
    """Remove an article from the index (and its file, if it was uploaded here)."""
    records = {r.id: r for r in store.list_articles()} if store.exists() else {}
    record = records.get(article_id)
    if record is None:
        return Outcome(False, article_id, "no indexed article has this id; refresh the list")
    store.remove(article_id)
    path = Path(record.path) if record.path else None
    if path is not None and path.parent.resolve() == uploads_dir(settings).resolve():
        path.unlink(missing_ok=True)
    return Outcome(True, article_id, f"removed “{record.title}” from the index")


# ---- helpers -----------------------------------------------------------------------
def _refusal(src: Path, name: str, max_bytes: int, taken: set[str]) -> str:
    """Why `src` is refused before it is copied, or "" if it may go on."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return (
            f"unsupported file type {suffix or '(none)'!r}; "
            f"upload one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = src.stat().st_size
    except OSError as e:
        return f"the upload could not be read ({e.strerror or e}); try again"
    if size == 0:
        return "the file is empty; nothing to index"
    if size > max_bytes:
        return (
            f"file is {_size(size)}, over the {_size(max_bytes)} limit; "
            "split it or raise ARTICLEQA_MAX_FILE_MB"
        )
    if name in taken:
        return "another file in this upload has the same name; rename one of them"
    return ""


def _size(n: int) -> str:
    """`1_500_000` -> `1.5 MB`, `20_000` -> `20 kB`."""
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(n / 1e3, 1):.0f} kB"


def _ingest_staged(
    staged: dict[int, tuple[str, Path]],
    settings: StoreSettings,
    store: ArticleStore | None,
    progress: Progress | None,
) -> dict[int, Outcome]:
    folder = uploads_dir(settings)
    backups = folder / ".previous"
    backups.mkdir(parents=True, exist_ok=True)
    dests: dict[int, Path] = {}
    for i, (name, src) in staged.items():
        dest = folder / name
        if dest.exists():
            dest.replace(backups / name)
        shutil.copyfile(src, dest)
        dests[i] = dest
    report = ingest(list(dests.values()), settings, progress=progress, store=store)
    failed = {f.path: f.reason for f in report.failed}
    out: dict[int, Outcome] = {}
    for i, dest in dests.items():
        original = Path(staged[i][1]).name
        backup = backups / dest.name
        reason = failed.get(str(dest))
        if reason is not None:
            dest.unlink(missing_ok=True)
            if backup.exists():
                backup.replace(dest)
            out[i] = Outcome(False, original, reason)
            continue
        backup.unlink(missing_ok=True)
        if dest.name in report.updated:
            message = f"indexed as {dest.name}, replacing the earlier version"
        elif dest.name in report.unchanged:
            message = f"already indexed as {dest.name} with the same content"
        else:
            message = f"indexed as {dest.name}"
        out[i] = Outcome(True, original, message)
    return out
