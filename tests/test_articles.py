"""Loading articles from every supported format, and refusing bad files with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from vectorstore import Article, LoadFailure, discover, load_article

MB = 1_000_000


def _load(path: Path, max_bytes: int = 5 * MB) -> Article | LoadFailure:
    return load_article(path.name, path, max_bytes)


def test_txt_title_is_first_non_empty_line(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("\n\n  Big News Today  \n\nBody text here.\r\nMore.", encoding="utf-8")
    article = _load(p)
    assert isinstance(article, Article)
    assert article.title == "Big News Today"
    assert "\r" not in article.text and article.text.endswith("More.")
    assert len(article.content_hash) == 64


def test_markdown_title_drops_hashes(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# The Title\n\nSome *text*.", encoding="utf-8")
    article = _load(p)
    assert isinstance(article, Article) and article.title == "The Title"


def test_html_keeps_article_text_and_drops_scripts_and_navigation(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Flood hits town</title><style>p{color:red}</style>"
        "<script>var secret = 1;</script></head><body><nav>Home | Sport</nav>"
        "<article><h1>Flood hits town</h1><p>Water rose by <b>two</b> metres.</p>"
        "<p>Dozens were rescued.</p></article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    article = _load(p)
    assert isinstance(article, Article)
    assert article.title == "Flood hits town"
    assert "Water rose by two metres." in article.text
    assert "Dozens were rescued." in article.text
    for junk in ("secret", "color", "Home | Sport", "Copyright"):
        assert junk not in article.text


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(6, 2))
    fig.text(0.05, 0.5, "Rescuers evacuated 120 villagers on Sunday.")
    p = tmp_path / "report.pdf"
    fig.savefig(p)
    plt.close(fig)
    article = _load(p)
    assert isinstance(article, Article), article
    assert "evacuated 120 villagers" in article.text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "no text"),
        ("blank.txt", b"  \n\t \n", "no text"),
        ("binary.txt", bytes(range(256)) * 10, "binary"),
        ("markup.html", b"<html><script>alert(1)</script><style>x{}</style></html>", "no text"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
    ],
)
def test_bad_files_are_reported_not_raised(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    result = _load(p)
    assert isinstance(result, LoadFailure)
    assert reason in result.reason


def test_encodings(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Café news\n\nPrix: 5 €".encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes("Title\n\nBody ü".encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes("\ufeffTitle\n\nBody".encode())
    latin, utf16, bom = (_load(tmp_path / n) for n in ("latin.txt", "utf16.txt", "bom.txt"))
    assert isinstance(latin, Article) and latin.title == "Café news" and "€" in latin.text
    assert isinstance(utf16, Article) and utf16.text.endswith("Body ü")
    assert isinstance(bom, Article) and bom.title == "Title"


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    result = _load(p, max_bytes=100)
    assert isinstance(result, LoadFailure)
    assert "limit" in result.reason and "ARTICLEQA_MAX_FILE_MB" in result.reason


def test_discover_walks_folders_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B")
    (tmp_path / "a.md").write_text("A")
    (tmp_path / "notes.docx").write_text("ignored in folders")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "loop").symlink_to(tmp_path)  # a symlink loop must not trap the walk
    found = list(discover([tmp_path, tmp_path / "missing.txt", tmp_path / "notes.docx"]))
    ids = [f[0] for f in found if isinstance(f, tuple)]
    failures = [f for f in found if isinstance(f, LoadFailure)]
    assert ids == ["a.md", "sub/b.txt"]
    assert {Path(f.path).name for f in failures} == {"missing.txt", "notes.docx"}
    assert any("unsupported file type" in f.reason for f in failures)
