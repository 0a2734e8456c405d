"""Loading articles from files: `.txt`, `.md`, `.html`/`.htm` and `.pdf`.

An `Article` is what every other layer sees: a stable id (its path relative to the
folder it was found in), a title, its full text and a content hash. The text is kept
exactly as the file says it (only newlines normalised), because citations are offsets
into it. Loading never raises for a bad file: it returns a `LoadFailure` with a reason a
person can act on, and the good files go on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Article",
    "LoadFailure",
    "discover",
    "file_hash",
    "load_article",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
LOADER_VERSION = "1"  # bump when extraction changes, so unchanged files are re-read
MAX_CONTROL_SHARE = 0.01  # share of control characters above which text is "binary"
MAX_TITLE_CHARS = 200  # a first line longer than this is not a title


@dataclass(frozen=True)
class Article:
    """One article: `text[start:end]` of any of its chunks or citations is exact."""

    id: str
    title: str
    text: str
    content_hash: str
    path: str = ""


@dataclass(frozen=True)
class LoadFailure:
    """A file that could not be loaded, and why (phrased for the person who gave it)."""

    path: str
    reason: str


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Path] | LoadFailure]:
    """Yield `(article_id, file)` for every supported file under `paths`.

    A folder is walked (hidden entries and symlinked folders skipped, so a symlink loop
    cannot trap it); the id is the path relative to that folder. A file given directly
    has its own name as id. Unsupported files given directly, missing paths and
    unreadable folders come back as `LoadFailure`s.
    """
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path.name, path
            else:
                yield LoadFailure(str(path), _unsupported(path))
        elif path.is_symlink():
            yield LoadFailure(str(path), "broken symbolic link; point it at a real file")
        else:
            yield LoadFailure(str(path), "no such file or folder; check the path")


def file_hash(path: Path, chunk_bytes: int = 1 << 20) -> str:
    """sha256 of the file's bytes (and the loader version), read in 1 MiB pieces."""
    h = hashlib.sha256(LOADER_VERSION.encode())
    with path.open("rb") as f:
        while block := f.read(chunk_bytes):
            h.update(block)
    return h.hexdigest()


def load_article(
    article_id: str, path: Path, max_bytes: int, content_hash: str | None = None
) -> Article | LoadFailure:
    """Read one file into an `Article`, or say why it cannot be read."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return LoadFailure(
                str(path),
                "not a regular file (a pipe, device or socket); save the article as a file",
            )
        if info.st_size > max_bytes:
            return LoadFailure(
                str(path),
                f"file is {_size(info.st_size)}, over the {_size(max_bytes)} limit; "
                "split it or raise ARTICLEQA_MAX_FILE_MB",
            )
        data = path.read_bytes()
    except PermissionError:
        return LoadFailure(str(path), "permission denied; make the file readable")
    except OSError as e:
        return LoadFailure(str(path), f"cannot read the file ({e.strerror or e})")
    digest = content_hash or _bytes_hash(data)
    suffix = path.suffix.lower()
    try:
        if suffix in (".html", ".htm"):
            title, text = _from_html(data)
        elif suffix == ".pdf":
            title, text = _from_pdf(data)
        else:
            text = _decode(data)
            title = _first_line_title(text)
    except _Unreadable as e:
        return LoadFailure(str(path), str(e))
    if not text.strip():
        return LoadFailure(str(path), "no text in the file; it is empty or only markup")
    return Article(
        id=article_id,
        title=title or path.stem,
        text=text,
        content_hash=digest,
        path=str(path),
    )


class _Unreadable(Exception):
    pass


def _walk(root: Path) -> Iterator[tuple[str, Path] | LoadFailure]:
    def onerror(e: OSError) -> None:
        failures.append(
            LoadFailure(str(e.filename), "cannot list this folder; check its permissions")
        )

    failures: list[LoadFailure] = []
    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                log.debug("skipping %s: not an article type", path)
                continue
            yield path.relative_to(root).as_posix(), path
        yield from failures
        failures.clear()


def _unsupported(path: Path) -> str:
    return (
        f"unsupported file type {path.suffix or '(none)'!r}; "
        f"use one of {', '.join(SUPPORTED_SUFFIXES)}"
    )


def _size(n: int) -> str:
    """A file size for a message, precise enough to tell the size from the limit.

    >>> _size(52_428_800), _size(1_000), _size(12)
    ('52.4 MB', '1,000 bytes', '12 bytes')
    """
    return f"{n / 1e6:,.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _bytes_hash(data: bytes) -> str:
    return hashlib.sha256(LOADER_VERSION.encode() + data).hexdigest()


def _decode(data: bytes) -> str:
    """Decode text: BOMs first, then UTF-8, then Windows-1252; refuse binary data.

    >>> _decode("café".encode("latin-1"))
    'café'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        if b"\x00" in data[:8192]:
            raise _Unreadable("binary data, not text; give a .txt/.md/.html/.pdf article")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f")
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise _Unreadable("binary data, not text; give a .txt/.md/.html/.pdf article")
    return text


def _first_line_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:MAX_TITLE_CHARS]
    return ""


_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
    "object",
    "embed",
)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd")


def _from_html(data: bytes) -> tuple[str, str]:
    """Readable text of an HTML page: its `<title>` and the paragraphs of its body."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks = []
    for el in root.find_all(_BLOCK_TAGS):
        if el.find(_BLOCK_TAGS):  # a container of blocks: its children are taken instead
            continue
        line = " ".join(el.get_text(" ", strip=True).split())
        if line:
            blocks.append(line)
    if not blocks:  # a page of bare text without paragraph tags
        blocks = [
            " ".join(line.split()) for line in root.get_text("\n").splitlines() if line.strip()
        ]
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else (blocks[0] if blocks else "")
    body = "\n\n".join(blocks)
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}" if body else ""
    return title[:MAX_TITLE_CHARS], body


def _from_pdf(data: bytes) -> tuple[str, str]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _Unreadable("the PDF is encrypted; save an unencrypted copy")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except _Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise _Unreadable(f"broken or unreadable PDF ({e}); re-export it") from e
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise _Unreadable("the PDF has no extractable text (scanned images?); OCR it first")
    return (str(meta_title).strip() or _first_line_title(text))[:MAX_TITLE_CHARS], text
