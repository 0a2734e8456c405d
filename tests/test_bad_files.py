"""Bad files at scale: 500 files, some broken, through the real CLI; and the size limit.

`test_articles.py` checks each kind of bad file on its own and `test_ingest.py` a few in
one ingest; here one folder of 500 files mixes every kind the issue names with good
articles (some in odd encodings), and `articleqa ingest` must index exactly the good
ones, name every bad one with its reason and exit 5. The size limit is checked with a
real 50 MB file: refused with the setting to raise in the message, and never read (the
peak of Python allocations during that ingest stays far below the file's size), while a
file right at a limit raised through `ARTICLEQA_MAX_FILE_MB` is taken.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import tracemalloc
from pathlib import Path

import pytest

from qa import Settings
from vectorstore import Article, ArticleStore, IngestReport, LoadFailure, ingest, load_article

from .test_cli import run

MB = 1_000_000
FILES = 500  # entries in the big folder, good and bad together
BIG_BYTES = 50 * MB  # the oversized file: over the default 20 MB limit
EXIT_PARTIAL = 5  # `articleqa ingest` when some files failed (README, exit codes)
PIPE_WAIT_S = 15  # how long an ingest of one named pipe may take before it counts as hung
FAILED_LINE = re.compile(r"^  failed    (.+?): (.+)$", re.MULTILINE)

# name -> (bytes, reason the CLI must give); each is one of the bad files
BAD = {
    "empty.txt": (b"", "no text in the file"),
    "blank.md": (b"  \n\t\r\n   \n", "no text in the file"),
    "binary.txt": (bytes(range(256)) * 16, "binary data, not text"),
    "controls.txt": (b"\x01\x02\x03\x04 title\x05\x06\x07\x08" * 50, "binary data, not text"),
    "all-script.html": (
        b"<html><head><script>var a = 1;</script><style>p{}</style></head>"
        b"<body><script>document.write('x')</script><nav>Home</nav></body></html>",
        "no text in the file",
    ),
    "broken.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "broken or unreadable PDF"),
    "zero.pdf": (b"", "broken or unreadable PDF"),
}


def good_article(i: int) -> str:
    return (
        f"Harbour report number {i}\n\n"
        f"Inspectors in port district {i} counted {1000 + 7 * i} containers on day {i % 28 + 1}."
    )


def make_folder(folder: Path) -> tuple[set[str], dict[str, str], Path]:
    """Write the 500-entry folder; return (good ids, bad id -> reason, the unreadable file)."""
    folder.mkdir()
    (folder / "sub").mkdir()
    good: set[str] = set()
    bad = {name: reason for name, (_, reason) in BAD.items()}
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    write_big_text(folder / "big.txt")
    bad["big.txt"] = "file is 50.0 MB, over the 20.0 MB limit; split it or raise ARTICLEQA_MAX"
    (folder / "loop-a.txt").symlink_to("loop-b.txt")  # a loop of file symlinks
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    bad["loop-a.txt"] = bad["loop-b.txt"] = "cannot read the file (Too many levels of symbolic"
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    bad["dangling.txt"] = "cannot read the file (No such file or directory)"
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: skipped, never walked into
    # good articles in odd clothes: invalid UTF-8 (read as Windows-1252), BOMs, markup
    odd = {
        "latin1.txt": "Café owners in Mâcon\n\nThey paid 5 € more.".encode("cp1252"),
        "utf16.txt": "Fjord ferry news\n\nThe ferry to Ålesund is late.".encode("utf-16"),
        "bom.md": "\ufeff# Bridge reopens\n\nThe bridge reopened.".encode(),
        "page.html": b"<html><title>Mill fire</title><script>x()</script>"
        b"<p>The old mill burned down.</p></html>",
    }
    for name, data in odd.items():
        (folder / name).write_bytes(data)
        good.add(name)
    unreadable = folder / "unreadable.txt"
    unreadable.write_text("Locked article\n\nNobody may read this file.", encoding="utf-8")
    unreadable.chmod(0)
    if _can_read(unreadable):  # root ignores permission bits: then it is a good file
        good.add(unreadable.name)
    else:
        bad[unreadable.name] = "permission denied; make the file readable"
    # not articles, so silently skipped: neither indexed nor reported
    (folder / ".hidden.txt").write_text("Hidden\n\nNot for the index.")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not an article type")
    for i in range(FILES - _entries(folder)):
        name = f"sub/report_{i:03d}.txt" if i % 5 == 0 else f"report_{i:03d}.txt"
        (folder / name).write_text(good_article(i), encoding="utf-8")
        good.add(name)
    assert _entries(folder) == FILES
    return good, bad, unreadable


def write_big_text(path: Path, size: int = BIG_BYTES) -> None:
    """A real text file of `size` bytes, written 1 MB at a time."""
    block = (
        b"The flood reached the old bridge by noon and the town counted its losses. " * 14_000
    )[:MB]
    with path.open("wb") as f:
        for _ in range(size // MB):
            f.write(block)
        f.write(block[: size % MB])


def _entries(folder: Path) -> int:
    """Files and symlinks under `folder` (symlinked folders count, and are not entered)."""
    return sum(
        len(files) + sum(1 for d in dirs if Path(root, d).is_symlink())
        for root, dirs, files in os.walk(folder)
    )


def _can_read(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            f.read(1)
    except PermissionError:
        return False
    return True


# ---- the folder of 500 --------------------------------------------------------------
@pytest.mark.slow
def test_500_files_some_bad_ingest_the_good_and_name_the_bad(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    good, bad, unreadable = make_folder(folder)
    store = tmp_path / "store"
    try:
        result = run("--store", str(store), "ingest", str(folder), timeout=600)
    finally:
        unreadable.chmod(0o644)
    assert result.returncode == EXIT_PARTIAL, result.stderr
    assert "Traceback" not in result.stderr
    reported = {
        Path(path).relative_to(folder).as_posix(): reason
        for path, reason in FAILED_LINE.findall(result.stderr)
    }
    assert set(reported) == set(bad), result.stderr  # every bad file, and nothing else
    for name, reason in bad.items():
        assert reported[name].startswith(reason), (name, reported[name])
    assert f"{len(good)} added, 0 updated, 0 unchanged, 0 removed, {len(bad)} failed" in (
        result.stdout
    )
    records = ArticleStore(Settings(store_dir=store)).list_articles()
    assert {r.id for r in records} == good  # exactly the good ones
    assert all(r.chunk_count >= 1 for r in records)
    titles = {r.id: r.title for r in records}
    assert titles["latin1.txt"] == "Café owners in Mâcon" and titles["page.html"] == "Mill fire"


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Locked\n\nText.", encoding="utf-8")
    path.chmod(0)
    try:
        if _can_read(path):
            pytest.skip("running as root: chmod 000 does not stop reads, so nothing to refuse")
        result = load_article(path.name, path, 20 * MB)
    finally:
        path.chmod(0o644)
    assert isinstance(result, LoadFailure)
    assert result.reason == "permission denied; make the file readable"


# ---- the size limit -------------------------------------------------------------------
def test_50_mb_file_is_refused_unread_and_the_others_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "first.txt").write_text(good_article(1), encoding="utf-8")
    settings = Settings(store_dir=tmp_path / "store")
    assert ingest([folder], settings).added == ["first.txt"]  # loads the model, opens Chroma
    big = folder / "big.txt"
    write_big_text(big)
    assert big.stat().st_size == BIG_BYTES
    (folder / "second.txt").write_text(good_article(2), encoding="utf-8")

    tracemalloc.start()
    try:
        report = ingest([folder], settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.added == ["second.txt"] and report.unchanged == ["first.txt"]
    assert [(Path(f.path).name, f.reason) for f in report.failed] == [
        (
            "big.txt",
            "file is 50.0 MB, over the 20.0 MB limit; split it or raise ARTICLEQA_MAX_FILE_MB",
        )
    ]
    print(f"peak traced allocation during the ingest: {peak / MB:.2f} MB")
    assert peak < 5 * MB, f"ingest allocated {peak / MB:.1f} MB at peak: the file was read"
    assert sorted(ArticleStore(settings).versions()) == ["first.txt", "second.txt"]


@pytest.mark.parametrize(("limit_mb", "taken"), [("50", True), ("49.999999", False)])
def test_the_50_mb_file_is_taken_once_the_limit_is_raised(
    tmp_path: Path, limit_mb: str, taken: bool
) -> None:
    """Raised through `ARTICLEQA_MAX_FILE_MB`, a limit of exactly the file's size takes it.

    Only loading is checked: embedding 50 MB (about 100,000 chunks) would take minutes.
    """
    big = tmp_path / "big.txt"
    write_big_text(big)
    env = {"ARTICLEQA_STORE_DIR": str(tmp_path / "store"), "ARTICLEQA_MAX_FILE_MB": limit_mb}
    settings = Settings.from_env(env)
    result = load_article(big.name, big, int(settings.max_file_mb * MB))
    if taken:
        assert isinstance(result, Article), result
        assert len(result.text) == BIG_BYTES and result.title.startswith("The flood reached")
    else:
        assert isinstance(result, LoadFailure)
        assert result.reason.startswith("file is 50.0 MB, over the ")
        assert result.reason.endswith("raise ARTICLEQA_MAX_FILE_MB")


# ---- files that are not files --------------------------------------------------------
def test_a_named_pipe_in_the_folder_does_not_hang_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pipe = folder / "pipe.txt"
    os.mkfifo(pipe)
    (folder / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    reports: list[IngestReport] = []
    settings = Settings(store_dir=tmp_path / "store")
    worker = threading.Thread(
        target=lambda: reports.append(ingest([folder], settings)), daemon=True
    )
    worker.start()
    worker.join(PIPE_WAIT_S)
    hung = worker.is_alive()
    while worker.is_alive():  # let a stuck reader go: open and close the writing end
        with contextlib.suppress(OSError):  # no reader at this moment
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(0.05)
    assert not hung, f"ingest was still reading a named pipe after {PIPE_WAIT_S} s"
    failed = {Path(f.path).name: f.reason for f in reports[0].failed}
    assert sorted(failed) == ["pipe.txt", "zero.txt"]
    assert all("not a regular file" in reason for reason in failed.values())
