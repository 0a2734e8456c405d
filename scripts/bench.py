"""Benchmark Article QA against the plain LangChain + Chroma recipe on the same corpus.

    .venv/bin/python scripts/bench.py                      # ~1k and ~10k chunks
    .venv/bin/python scripts/bench.py --large              # also ~100k chunks (slow)
    .venv/bin/python scripts/bench.py --sizes 1000 --embedding-backend onnx --out b.json

The corpus is synthetic news (deterministic from `--seed`: varied names, places,
organisations and numbers; no sentence repeats), written as .txt files. For each size,
every measurement runs in its own subprocess (this script re-invoked with `--worker`),
so peak memory and start-up are those of a fresh process:

* ours: `vectorstore.ingest` (throughput, embedding share, re-ingest of the unchanged
  corpus), `qa.ask` warm p50/p95 with the extractive backend, cold start of
  `articleqa --store X ask "..."`, peak RSS of the serving process, store size on disk.
* baseline: RecursiveCharacterTextSplitter(1000, 200) + `Chroma.from_documents` with
  HuggingFaceEmbeddings of the same packaged model, `similarity_search(k=4)`. The recipe
  has no change detection, so its re-ingest is its first ingest again (not re-run).

Ratios, not absolute times, are what to compare: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_SIZES = (1_000, 10_000)  # target chunk counts (ours: 500-char chunks)
LARGE_SIZE = 100_000
QUERIES = 40  # timed questions per size (after WARMUP)
WARMUP = 3  # untimed questions first (model load, keyword index)
COLD_RUNS = 3  # cold starts per size; the median is reported
BASELINE_K = 4  # documents the baseline's similarity_search returns

ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
}

# ---- the synthetic corpus -------------------------------------------------------------
FIRST = [
    "Amara",
    "Lucia",
    "Tomasz",
    "Ingrid",
    "Kwame",
    "Mei",
    "Rafael",
    "Olga",
    "Sanjay",
    "Fatima",
    "Henrik",
    "Chiara",
    "Dmitri",
    "Aisha",
    "Mateo",
    "Yuki",
    "Gabriel",
    "Nadia",
    "Oluwaseun",
    "Priya",
    "Lars",
    "Camila",
    "Emeka",
    "Sofia",
    "Tariq",
    "Elena",
    "Jonas",
    "Leila",
    "Victor",
    "Hana",
    "Bruno",
    "Zainab",
    "Pavel",
    "Ines",
    "Kofi",
    "Marta",
    "Arjun",
    "Noor",
    "Felix",
    "Aiko",
]
LAST = [
    "Okafor",
    "Brennan",
    "Kowalski",
    "Haugen",
    "Mensah",
    "Chen",
    "Alvarez",
    "Petrova",
    "Iyer",
    "Haddad",
    "Lindqvist",
    "Rossi",
    "Volkov",
    "Bello",
    "Navarro",
    "Tanaka",
    "Moreau",
    "Karimi",
    "Adeyemi",
    "Sharma",
    "Nilsen",
    "Ortega",
    "Eze",
    "Marino",
    "Siddiqui",
    "Ivanova",
    "Becker",
    "Farouk",
    "Novak",
    "Takahashi",
    "Costa",
    "Abubakar",
    "Sokolov",
    "Pereira",
    "Asante",
    "Duarte",
    "Rao",
    "Mansour",
    "Vogel",
    "Sato",
]
PLACES = [
    "Lisbon",
    "Nairobi",
    "Osaka",
    "Valparaiso",
    "Tromso",
    "Cork",
    "Tbilisi",
    "Leipzig",
    "Recife",
    "Accra",
    "Gdansk",
    "Hue",
    "Mendoza",
    "Aarhus",
    "Izmir",
    "Bergen",
    "Kochi",
    "Zaragoza",
    "Tartu",
    "Mombasa",
    "Windhoek",
    "Quito",
    "Cebu",
    "Dundee",
    "Plovdiv",
    "Sfax",
    "Arequipa",
    "Kazan",
    "Bilbao",
    "Medan",
    "Tampere",
    "Kigali",
    "Split",
    "Oaxaca",
    "Kaunas",
    "Surabaya",
]
ORGS = [
    "the port authority",
    "the regional council",
    "the health ministry",
    "a fisheries cooperative",
    "the national rail operator",
    "a wind-energy consortium",
    "the central bank",
    "the teachers' union",
    "the water utility",
    "a biotech start-up",
    "the customs agency",
    "the football federation",
    "the meteorological office",
    "a shipping alliance",
    "the university hospital",
    "the mining company",
    "the election commission",
    "a textile exporters' group",
    "the airport operator",
    "the city museum",
]
TOPICS = [
    "flood defences",
    "a new metro line",
    "grain exports",
    "a vaccine trial",
    "coastal erosion",
    "a pension reform",
    "a solar farm",
    "wage negotiations",
    "a data breach",
    "river pollution",
    "a bridge repair",
    "housing permits",
    "a drought plan",
    "fishing quotas",
    "a cyber attack",
    "school meals",
    "an oil spill",
    "a tariff dispute",
    "a heatwave",
    "a hospital expansion",
]
VERBS = [
    "announced",
    "approved",
    "postponed",
    "criticised",
    "defended",
    "expanded",
    "suspended",
    "reviewed",
    "financed",
    "rejected",
    "proposed",
    "completed",
    "investigated",
    "extended",
    "cancelled",
    "welcomed",
]
UNITS = [
    "households",
    "tonnes",
    "workers",
    "passengers",
    "hectares",
    "patients",
    "students",
    "vessels",
    "kilometres",
    "megawatts",
    "homes",
    "families",
    "jobs",
    "flights",
    "containers",
    "volunteers",
]
ADJ = [
    "cautious",
    "sharp",
    "unexpected",
    "modest",
    "record",
    "gradual",
    "steep",
    "temporary",
    "disputed",
    "long-awaited",
    "provisional",
    "symbolic",
    "costly",
    "rapid",
    "quiet",
    "controversial",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TEMPLATES = (
    "{org} in {place} {verb} plans for {topic} on {day} {month}, affecting about {n} {unit}.",
    '"We expect a {adj} change within {k} weeks," said {person}, a spokesperson for {org}.',
    "According to {person}, {org} has spent {money} million euros on {topic} since {year}.",
    "Officials in {place} said {n} {unit} had been counted by {day} {month} {year}.",
    "{person} told reporters in {place} that the {adj} decision on {topic} was final.",
    "The figure of {n} {unit} is {k} per cent higher than in {year}, {org} reported.",
    "Critics including {person} argued that {topic} in {place} needed {money} million more.",
    "A {adj} vote in {place} on {day} {month} left {topic} in the hands of {org}.",
    "{org} said {k} of its {n} {unit} in {place} were affected by {topic}.",
    "{person}, who has led {org} since {year}, {verb} the report on {topic}.",
)


def generate_corpus(folder: Path, target_chunks: int, seed: int = 42) -> dict[str, Any]:
    """Write synthetic articles into `folder` until they make ~`target_chunks` of ours.

    Returns facts for questions: `{"questions": [...], "articles": n, "chunks": n}`.
    Deterministic for a given `seed`; every sentence is unique (checked).
    """
    from vectorstore.articles import Article
    from vectorstore.chunking import chunk_article

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    questions: list[str] = []
    chunks = chars = articles = 0
    while chunks < target_chunks:
        place, topic = rng.choice(PLACES), rng.choice(TOPICS)
        title = f"{place}: {rng.choice(ORGS).capitalize()} and {topic}"
        sentences: list[str] = []
        while len(sentences) < rng.randint(9, 15):
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            values = {
                "org": rng.choice(ORGS),
                "place": place if rng.random() < 0.6 else rng.choice(PLACES),
                "verb": rng.choice(VERBS),
                "topic": topic if rng.random() < 0.7 else rng.choice(TOPICS),
                "day": rng.randint(1, 28),
                "month": rng.choice(MONTHS),
                "year": rng.randint(1990, 2024),
                "n": f"{rng.randint(12, 98_000):,}",
                "k": rng.randint(2, 60),
                "unit": rng.choice(UNITS),
                "money": f"{rng.randint(1, 900)}.{rng.randint(0, 9)}",
                "adj": rng.choice(ADJ),
                "person": person,
            }
            s = rng.choice(TEMPLATES).format(**values)
            s = s[0].upper() + s[1:]
            if s in seen:
                continue
            seen.add(s)
            sentences.append(s)
            if len(questions) < QUERIES + WARMUP and rng.random() < 0.05:
                questions.append(
                    f"What did {person} say about {values['topic']} in {values['place']}?"
                )
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        article_id = f"news_{articles:06d}.txt"
        (folder / article_id).write_text(text, encoding="utf-8")
        chunks += len(chunk_article(Article(article_id, title, text, "", ""), 500, 120))
        chars += len(text)
        articles += 1
    return {"questions": questions, "articles": articles, "chunks": chunks, "chars": chars}


# ---- workers (each runs in its own process) --------------------------------------------
def _maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


def work_ours_ingest(corpus: Path, store: Path, backend: str) -> dict[str, Any]:
    from qa import Settings
    from vectorstore import ingest

    settings = Settings(store_dir=store, embedding_backend=backend)
    report = ingest([corpus], settings)
    assert not report.failed, report.failed[:3]
    return {
        "seconds": report.seconds,
        "embed_seconds": report.embed_seconds,
        "chunks": report.chunks_written,
        "rss_mb": _maxrss_mb(),
    }


def work_ours_reingest(corpus: Path, store: Path, backend: str) -> dict[str, Any]:
    from qa import Settings
    from vectorstore import ingest

    t0 = time.perf_counter()
    report = ingest([corpus], Settings(store_dir=store, embedding_backend=backend))
    assert not report.changed, report.summary()
    return {
        "seconds": report.seconds,
        "process_seconds": time.perf_counter() - t0,
        "rss_mb": _maxrss_mb(),
    }


def work_ours_query(store: Path, backend: str, questions: list[str]) -> dict[str, Any]:
    from qa import Settings, ask

    settings = Settings(store_dir=store, embedding_backend=backend, backend="extractive")
    t0 = time.perf_counter()
    for q in questions[:WARMUP]:
        ask(q, settings=settings)
    warmup = time.perf_counter() - t0
    samples = []
    for q in questions[WARMUP:]:
        t = time.perf_counter()
        ask(q, settings=settings)
        samples.append(time.perf_counter() - t)
    return {**_percentiles(samples), "warmup_s": warmup, "rss_mb": _maxrss_mb()}


def work_cold(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Time one child process from start to exit; its peak RSS is this worker's only child."""
    t = time.perf_counter()
    done = subprocess.run(argv, env={**os.environ, **env}, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed: {done.stderr[-2000:]}")
    return {"seconds": seconds, "rss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


class _TimedEmbeddings:
    """Wraps an Embeddings to count the seconds spent in `embed_documents`."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.seconds = inner, 0.0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        t = time.perf_counter()
        out: list[list[float]] = self.inner.embed_documents(texts)
        self.seconds += time.perf_counter() - t
        return out

    def embed_query(self, text: str) -> list[float]:
        out: list[float] = self.inner.embed_query(text)
        return out


def _baseline_embeddings() -> Any:
    from langchain_huggingface import HuggingFaceEmbeddings

    from vectorstore.embeddings import resolve_model_path

    return HuggingFaceEmbeddings(model_name=resolve_model_path("all-MiniLM-L6-v2"))


def work_base_ingest(corpus: Path, store: Path) -> dict[str, Any]:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    t0 = time.perf_counter()
    inner = _baseline_embeddings()

    class Timed(_TimedEmbeddings, Embeddings):
        pass

    embeddings = Timed(inner)
    docs = [
        Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": p.name})
        for p in sorted(corpus.glob("*.txt"))
    ]
    splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(
        docs
    )
    Chroma.from_documents(splits, embeddings, persist_directory=str(store))
    return {
        "seconds": time.perf_counter() - t0,
        "embed_seconds": embeddings.seconds,
        "chunks": len(splits),
        "rss_mb": _maxrss_mb(),
    }


def work_base_query(store: Path, questions: list[str]) -> dict[str, Any]:
    from langchain_chroma import Chroma

    db = Chroma(persist_directory=str(store), embedding_function=_baseline_embeddings())
    t0 = time.perf_counter()
    for q in questions[:WARMUP]:
        db.similarity_search(q, k=BASELINE_K)
    warmup = time.perf_counter() - t0
    samples = []
    for q in questions[WARMUP:]:
        t = time.perf_counter()
        db.similarity_search(q, k=BASELINE_K)
        samples.append(time.perf_counter() - t)
    return {**_percentiles(samples), "warmup_s": warmup, "rss_mb": _maxrss_mb()}


BASELINE_COLD = """
import sys
from langchain_chroma import Chroma
from langchain_huggingface import HuggingFaceEmbeddings
from vectorstore.embeddings import resolve_model_path
emb = HuggingFaceEmbeddings(model_name=resolve_model_path("all-MiniLM-L6-v2"))
db = Chroma(persist_directory=sys.argv[1], embedding_function=emb)
print(db.similarity_search(sys.argv[2], k=4)[0].page_content)
"""


# ---- the driver ------------------------------------------------------------------------
def run_worker(name: str, *args: Any) -> dict[str, Any]:
    """Run `work_<name>(*args)` in a fresh interpreter and return its JSON result."""
    payload = json.dumps([name, [str(a) if isinstance(a, Path) else a for a in args]])
    done = subprocess.run(
        [sys.executable, __file__, "--worker", payload],
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"worker {name} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _worker_main(payload: str) -> None:
    name, args = json.loads(payload)
    fn = globals()[f"work_{name}"]
    typed = [Path(a) if isinstance(a, str) and a.startswith("/") else a for a in args]
    print(json.dumps(fn(*typed)))


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def bench_size(target: int, backend: str, work: Path, seed: int) -> dict[str, Any]:
    corpus, ours, base = work / "corpus", work / "ours", work / "baseline"
    facts = generate_corpus(corpus, target, seed)
    questions = facts["questions"]
    print(
        f"[{target}] corpus: {facts['articles']} articles, {facts['chunks']} chunks, "
        f"{facts['chars'] / 1e6:.1f} MB",
        file=sys.stderr,
        flush=True,
    )
    r: dict[str, Any] = {
        "target_chunks": target,
        "corpus": {k: facts[k] for k in facts if k != "questions"},
    }
    r["ours_ingest"] = run_worker("ours_ingest", corpus, ours, backend)
    r["ours_reingest"] = run_worker("ours_reingest", corpus, ours, backend)
    r["ours_query"] = run_worker("ours_query", ours, backend, questions)
    cli = [str(VENV_BIN / "articleqa"), "--store", str(ours), "ask", questions[0]]
    cold_env = {**ENV, "ARTICLEQA_EMBEDDING_BACKEND": backend}
    r["ours_cold"] = [run_worker("cold", cli, cold_env) for _ in range(COLD_RUNS)]
    r["ours_store_mb"] = _dir_mb(ours)
    print(f"[{target}] ours done", file=sys.stderr, flush=True)
    r["base_ingest"] = run_worker("base_ingest", corpus, base)
    r["base_query"] = run_worker("base_query", base, questions)
    cold = [sys.executable, "-c", BASELINE_COLD, str(base), questions[0]]
    r["base_cold"] = [run_worker("cold", cold, ENV) for _ in range(COLD_RUNS)]
    r["base_store_mb"] = _dir_mb(base)
    print(f"[{target}] baseline done", file=sys.stderr, flush=True)
    return r


def table_rows(r: dict[str, Any]) -> list[tuple[str, float, float, str]]:
    """(metric, ours, baseline, which way is better) for one size."""
    oi, bi = r["ours_ingest"], r["base_ingest"]
    chars = r["corpus"]["chars"]
    cold_o = statistics.median(c["seconds"] for c in r["ours_cold"])
    cold_b = statistics.median(c["seconds"] for c in r["base_cold"])
    return [
        ("chunks", oi["chunks"], bi["chunks"], ""),
        ("ingest chunks/s", oi["chunks"] / oi["seconds"], bi["chunks"] / bi["seconds"], "higher"),
        ("ingest corpus kB/s", chars / 1e3 / oi["seconds"], chars / 1e3 / bi["seconds"], "higher"),
        (
            "ingest share embedding %",
            100 * oi["embed_seconds"] / oi["seconds"],
            100 * bi["embed_seconds"] / bi["seconds"],
            "",
        ),
        ("ingest peak RSS MB", oi["rss_mb"], bi["rss_mb"], "lower"),
        ("re-ingest unchanged s", r["ours_reingest"]["seconds"], bi["seconds"], "lower"),
        ("query p50 ms (warm)", r["ours_query"]["p50_ms"], r["base_query"]["p50_ms"], "lower"),
        ("query p95 ms (warm)", r["ours_query"]["p95_ms"], r["base_query"]["p95_ms"], "lower"),
        ("serving peak RSS MB", r["ours_query"]["rss_mb"], r["base_query"]["rss_mb"], "lower"),
        ("cold start to answer s", cold_o, cold_b, "lower"),
        (
            "cold start peak RSS MB",
            max(c["rss_mb"] for c in r["ours_cold"]),
            max(c["rss_mb"] for c in r["base_cold"]),
            "lower",
        ),
        ("store size MB", r["ours_store_mb"], r["base_store_mb"], "lower"),
    ]


def format_table(results: list[dict[str, Any]], backend: str) -> str:
    lines = [
        f"embedding backend: {backend}; baseline: LangChain + Chroma + HuggingFaceEmbeddings",
        "",
        "| size | metric | ours | baseline | ours/baseline |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        for metric, ours, base, _ in table_rows(r):
            ratio = ours / base if base else float("nan")
            lines.append(
                f"| {r['target_chunks']:,} | {metric} | {ours:,.1f} | {base:,.1f} | {ratio:.2f}x |"
            )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_1m": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--large", action="store_true", help=f"also {LARGE_SIZE:,} chunks")
    parser.add_argument("--embedding-backend", default="sentence-transformers")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, help="write the full results as JSON here")
    parser.add_argument("--keep", type=Path, help="keep corpora and stores in this folder")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker_main(args.worker)
        return 0
    sizes = list(args.sizes) + ([LARGE_SIZE] if args.large else [])
    results = []
    started = time.perf_counter()
    for size in sizes:
        work = (args.keep or Path(tempfile.mkdtemp(prefix="articleqa-bench-"))) / str(size)
        if work.exists():
            shutil.rmtree(work)
        try:
            results.append(bench_size(size, args.embedding_backend, work, args.seed))
        finally:
            if args.keep is None:
                shutil.rmtree(work.parent, ignore_errors=True)
    table = format_table(results, args.embedding_backend)
    print(table)
    if args.out:
        out = {
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "machine": machine(),
            "embedding_backend": args.embedding_backend,
            "seconds": time.perf_counter() - started,
            "results": results,
            "table": table,
        }
        args.out.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
