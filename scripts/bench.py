"""Benchmark Article QA against the plain LangChain + Chroma recipe on the same corpus.

    .venv/bin/python scripts/bench.py --out b.json                           # ~1k, ~10k chunks
    .venv/bin/python scripts/bench.py --large --no-baseline-large            # adds ~100k (slow)
    .venv/bin/python scripts/bench.py --sizes 100000 --no-baseline-large --keep /tmp/b

The corpus is synthetic news (deterministic from `--seed`: 20 sentence shapes over lists
of names, places, organisations, roles and topics, with random numbers and dates; no
sentence repeats, checked), written as .txt files. The questions are drawn from facts
spread over the whole corpus, one per fact and all different, and asked 2.5 s apart
(`--question-gap`) as a person would, so no cache makes a warm question look faster than
it is in use. For each size, every measurement runs in its own subprocess (this script
re-invoked with `--worker`), so peak memory and start-up are those of a fresh process:

* ours: `vectorstore.ingest` (throughput, embedding share, re-ingest of the unchanged
  corpus), `qa.ask` warm p50/p95 with the extractive backend, cold start of
  `articleqa --store X ask "..."`, peak RSS of the serving process, the real web app
  (`articleqa serve` on a free loopback port, asked through `gradio_client`, its peak RSS
  read from /proc as VmHWM), store size on disk.
* baseline: RecursiveCharacterTextSplitter(1000, 200) + `Chroma.from_documents` with
  HuggingFaceEmbeddings of the same packaged model, `similarity_search(k=4)`. The recipe
  has no change detection, so its re-ingest is its first ingest again (not re-run), and
  it has no web app. `--no-baseline-large` skips it at 100k chunks (hours on 2 cores).

Ratios, not absolute times, are what to compare: these machines are shared and noisy,
so the output states the machine and its load average at the start and the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_SIZES = (1_000, 10_000)  # target chunk counts (ours: 500-char chunks)
LARGE_SIZE = 100_000  # chunks; `--large` adds it, `--no-baseline-large` runs only ours there
QUERIES = 60  # timed questions per size, all different (after WARMUP)
QUESTION_GAP_S = 2.5  # seconds before each timed question: people read an answer before the
# next, and time-based caches (the keyword index's 2 s freshness check) expire as in real use
WARMUP = 5  # untimed questions first (model load, keyword index)
COLD_RUNS = 3  # cold starts per size; the median is reported
WEB_QUESTIONS = 10  # questions asked through the web app while its memory is watched
WEB_START_TIMEOUT_S = 1800  # seconds the web app may take to answer its first page
BASELINE_K = 4  # documents the baseline's similarity_search returns

ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


# ---- the synthetic corpus -------------------------------------------------------------
def _words(text: str) -> list[str]:
    """`"a b\n c"` -> `["a", "b", "c"]`."""
    return text.split()


def _items(text: str) -> list[str]:
    """`"a b;\n c"` -> `["a b", "c"]`: items separated by ";", whitespace normalised."""
    return [" ".join(item.split()) for item in text.split(";")]


FIRST = _words("""Amara Lucia Tomasz Ingrid Kwame Mei Rafael Olga Sanjay Fatima Henrik Chiara Dmitri
Aisha Mateo Yuki Gabriel Nadia Oluwaseun Priya Lars Camila Emeka Sofia Tariq Elena Jonas
Leila Victor Hana Bruno Zainab Pavel Ines Kofi Marta Arjun Noor Felix Aiko Rosa Idris
Agnieszka Thabo Soren Beatriz Omar Freya Joaquin Anouk Malik Tereza Hamid Greta Nikolai
Adaeze Lorenzo Yasmin Eero Paulina Rohan Astrid Kenji Dalia Mirela""")
LAST = _words("""Okafor Brennan Kowalski Haugen Mensah Chen Alvarez Petrova Iyer Haddad Lindqvist
Rossi Volkov Bello Navarro Tanaka Moreau Karimi Adeyemi Sharma Nilsen Ortega Eze Marino
Siddiqui Ivanova Becker Farouk Novak Takahashi Costa Abubakar Sokolov Pereira Asante Duarte
Rao Mansour Vogel Sato Dlamini Horvat Lemaire Quispe Nakamura Oyelaran Fischer Castillo
Bjork Szabo Mwangi Delgado Hoffmann Yilmaz Kruger Esposito Banda Jansen Moradi Kaur""")
PLACES = _words("""Lisbon Nairobi Osaka Valparaiso Tromso Cork Tbilisi Leipzig Recife Accra Gdansk
Hue Mendoza Aarhus Izmir Bergen Kochi Zaragoza Tartu Mombasa Windhoek Quito Cebu Dundee
Plovdiv Sfax Arequipa Kazan Bilbao Medan Tampere Kigali Split Oaxaca Kaunas Surabaya
Rotterdam Dakar Hobart Cusco Gothenburg Mwanza Brno Salta Galway Essaouira Danang Turku
Cluj Antofagasta Haifa Lyon Busan Durban Porto Bremen""")
ORGS = _items("""the port authority; the regional council; the health ministry; a fisheries
cooperative; the national rail operator; a wind-energy consortium; the central bank; the
teachers' union; the water utility; a biotech start-up; the customs agency; the football
federation; the meteorological office; a shipping alliance; the university hospital; the
mining company; the election commission; a textile exporters' group; the airport
operator; the city museum; the transport ministry; a farmers' association; the coast
guard; the housing agency; a solar panel maker; the police federation; the national
library; a dairy cooperative; the stock exchange; the red cross branch""")
TOPICS = _items("""flood defences; a new metro line; grain exports; a vaccine trial; coastal
erosion; a pension reform; a solar farm; wage negotiations; a data breach; river pollution;
a bridge repair; housing permits; a drought plan; fishing quotas; a cyber attack; school
meals; an oil spill; a tariff dispute; a heatwave; a hospital expansion; a tram strike;
forest fires; a tax rebate; a landslide; a port dredging project; broadband rollout; a
measles outbreak; a desalination plant; rent controls; a ferry collision""")
ROLES = _items("""chief executive; director; chair; spokesperson; deputy mayor; chief engineer;
finance director; head of research; press officer; board member; legal adviser""")
VERBS = _words("""announced approved postponed criticised defended expanded suspended reviewed
financed rejected proposed completed investigated extended cancelled welcomed""")
UNITS = _words("""households tonnes workers passengers hectares patients students vessels
kilometres megawatts homes families jobs flights containers volunteers""")
ADJ = _words("""cautious sharp unexpected modest record gradual steep temporary disputed
long-awaited provisional symbolic costly rapid quiet controversial""")
MONTHS = _words("""January February March April May June July August September October November
December""")
# (sentence, a question that sentence answers), over the same values
FACTS = (
    (
        "{org} in {place} {verb} plans for {topic} on {day} {month}, affecting about {n} {unit}.",
        "How many {unit} are affected by the plans for {topic} in {place}?",
    ),
    (
        '"We expect {a_adj} change within {k} weeks," said {person}, a {role} for {org}.',
        "What change does {person} expect, and how soon?",
    ),
    (
        "According to {person}, {org} has spent {money} million euros on {topic} since {year}.",
        "How much has {org} spent on {topic} since {year}, according to {person}?",
    ),
    (
        "Officials in {place} said {n} {unit} had been counted by {day} {month} {year}.",
        "How many {unit} had officials in {place} counted by {day} {month} {year}?",
    ),
    (
        "{person} told reporters in {place} that the {adj} decision on {topic} was final.",
        "What did {person} tell reporters in {place} about {topic}?",
    ),
    (
        "The figure of {n} {unit} is {k} per cent higher than in {year}, {org} reported.",
        "By how much did the number of {unit} rise since {year}, according to {org}?",
    ),
    (
        "Critics including {person} argued that {topic} in {place} needed {money} million more.",
        "How much more money did {person} say {topic} in {place} needed?",
    ),
    (
        "{a_adj} vote in {place} on {day} {month} left {topic} in the hands of {org}.",
        "Who was put in charge of {topic} after the vote in {place} on {day} {month}?",
    ),
    (
        "{org} said {k} of its {n} {unit} in {place} were affected by {topic}.",
        "How many of the {unit} of {org} in {place} were hit by {topic}?",
    ),
    (
        "{person}, who has led {org} since {year}, {verb} the report on {topic}.",
        "Since when has {person} led {org}?",
    ),
    (
        "Police in {place} said {n} {unit} were evacuated on {day} {month} after {topic} worsened.",
        "How many {unit} were evacuated in {place} on {day} {month}?",
    ),
    (
        "The budget for {topic} in {place} rose to {money} million euros in {year}, up {k} "
        "per cent.",
        "What was the budget for {topic} in {place} in {year}?",
    ),
    (
        "{person}, {role} at {org}, resigned on {day} {month}, citing the handling of {topic}.",
        "Why did {person} resign from {org}?",
    ),
    (
        "Engineers from {org} inspected {n} {unit} near {place} during {month}.",
        "How many {unit} did engineers from {org} inspect near {place}?",
    ),
    (
        "In {a_adj} ruling, a court in {place} ordered {org} to pay {money} million euros over "
        "{topic}.",
        "How much did the court in {place} order {org} to pay over {topic}?",
    ),
    (
        "About {k} per cent of those asked in {place} backed {topic}, a survey by {org} found.",
        "What share of people in {place} backed {topic} in the survey by {org}?",
    ),
    (
        "{person} said the {adj} delay to {topic} would cost {place} about {money} million euros.",
        "What will the delay to {topic} cost {place}, according to {person}?",
    ),
    (
        "The first phase of {topic} in {place} is due to finish in {month} {later}, {org} said.",
        "When is the first phase of {topic} in {place} due to finish?",
    ),
    (
        "Residents of {place} queued for {k} hours on {day} {month} as {topic} disrupted services.",
        "How long did residents of {place} queue on {day} {month}?",
    ),
    (
        "{person} was appointed {role} of {org} in {place} on {day} {month} {year}.",
        "Who was appointed {role} of {org} in {place} in {year}?",
    ),
)


def generate_corpus(
    folder: Path, target_chunks: int, seed: int = 42, questions: int = QUERIES + WARMUP
) -> dict[str, Any]:
    """Write synthetic articles into `folder` until they make ~`target_chunks` of ours.

    Returns `{"questions": [[question, article id], ...], "articles", "chunks", "chars",
    "sentences"}`. Deterministic for a given `seed`; every sentence is unique (checked),
    and the questions are a uniform sample of all the facts written (a second random
    stream picks them, so the articles do not depend on how many questions are asked).
    """
    from vectorstore.articles import Article
    from vectorstore.chunking import chunk_article
    from vectorstore.settings import StoreSettings

    defaults = StoreSettings()
    rng, pick = random.Random(seed), random.Random(seed + 1)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    sample: list[tuple[str, str]] = []  # reservoir of (question, article id)
    facts = chunks = chars = articles = 0
    while chunks < target_chunks:
        article_id = f"news_{articles:06d}.txt"
        place, topic = rng.choice(PLACES), rng.choice(TOPICS)
        title = f"{place}: {rng.choice(ORGS).capitalize()} and {topic}"
        sentences: list[str] = []
        length = rng.randint(9, 15)
        while len(sentences) < length:
            values = {
                "org": rng.choice(ORGS),
                "place": place if rng.random() < 0.6 else rng.choice(PLACES),
                "verb": rng.choice(VERBS),
                "topic": topic if rng.random() < 0.7 else rng.choice(TOPICS),
                "day": rng.randint(1, 28),
                "month": rng.choice(MONTHS),
                "year": rng.randint(1990, 2024),
                "later": rng.randint(2025, 2034),
                "n": f"{rng.randint(12, 98_000):,}",
                "k": rng.randint(2, 60),
                "unit": rng.choice(UNITS),
                "money": f"{rng.randint(1, 900)}.{rng.randint(0, 9)}",
                "adj": (adj := rng.choice(ADJ)),
                "a_adj": f"{'an' if adj[0] in 'aeiou' else 'a'} {adj}",
                "role": rng.choice(ROLES),
                "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            }
            template, question = rng.choice(FACTS)
            s = template.format(**values)
            s = s[0].upper() + s[1:]
            if s in seen:
                continue
            seen.add(s)
            sentences.append(s)
            facts += 1
            q = question.format(**values)
            if len(sample) < 2 * questions:
                sample.append((q, article_id))
            elif (slot := pick.randrange(facts)) < len(sample):
                sample[slot] = (q, article_id)
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / article_id).write_text(text, encoding="utf-8")
        article = Article(article_id, title, text, "", "")
        chunks += len(chunk_article(article, defaults.chunk_chars, defaults.chunk_overlap_chars))
        chars += len(text)
        articles += 1
    pick.shuffle(sample)
    unique = list({q: [q, a] for q, a in sample}.values())[:questions]
    return {
        "questions": unique,
        "articles": articles,
        "chunks": chunks,
        "chars": chars,
        "sentences": facts,
    }


# ---- workers (each runs in its own process) --------------------------------------------
def _maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def percentiles(samples: list[float]) -> dict[str, float]:
    """Nearest-rank p50 and p95, in milliseconds, of `samples` in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "n": len(samples)}


def work_ours_ingest(corpus: Path, store: Path, backend: str) -> dict[str, Any]:
    from qa import Settings
    from vectorstore import ingest

    settings = Settings(store_dir=store, embedding_backend=backend)
    report = ingest([corpus], settings)
    if report.failed:
        raise RuntimeError(f"{len(report.failed)} files failed: {report.failed[:3]}")
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
    if report.changed or report.failed:
        raise RuntimeError(f"re-ingest of the unchanged corpus changed it: {report.summary()}")
    return {
        "seconds": report.seconds,
        "process_seconds": time.perf_counter() - t0,
        "rss_mb": _maxrss_mb(),
    }


def work_ours_query(
    store: Path, backend: str, questions: list[list[str]], gap: float
) -> dict[str, Any]:
    from qa import Settings, ask

    settings = Settings(store_dir=store, embedding_backend=backend, backend="extractive")
    t0 = time.perf_counter()
    for q, _ in questions[:WARMUP]:
        ask(q, settings=settings)
    warmup = time.perf_counter() - t0
    samples, hits, abstained = [], 0, 0
    for q, article_id in questions[WARMUP:]:
        time.sleep(gap)
        t = time.perf_counter()
        answer = ask(q, settings=settings)
        samples.append(time.perf_counter() - t)
        hits += article_id in {c.source for c in answer.citations}
        abstained += answer.abstained
    return {
        **percentiles(samples),
        "hit_pct": 100 * hits / len(samples),
        "abstained_pct": 100 * abstained / len(samples),
        "warmup_s": warmup,
        "rss_mb": _maxrss_mb(),
    }


def work_cold(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Time one child process from start to exit; its peak RSS is this worker's only child."""
    t = time.perf_counter()
    done = subprocess.run(argv, env={**os.environ, **env}, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed: {done.stderr[-2000:]}")
    return {"seconds": seconds, "rss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


def work_webapp(
    store: Path, backend: str, questions: list[list[str]], gap: float
) -> dict[str, Any]:
    """Serve `store` with the real `articleqa serve`, ask through its API, read its memory.

    The memory is the server process's VmHWM (peak resident set) from /proc, after it
    started and answered `questions`; child processes, if any, are added by their VmHWM.
    """
    from gradio_client import Client

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    argv = [str(VENV_BIN / "articleqa"), "--store", str(store), "serve"]
    argv += ["--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, **ENV, "ARTICLEQA_EMBEDDING_BACKEND": backend}
    log = store.parent / "webapp.log"
    t0 = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_served(url, server, log)
        ready = time.perf_counter() - t0
        started = _memory_mb(server.pid)
        client = Client(url, verbose=False)
        samples = []
        for q, _ in questions:
            client.predict(api_name="/new_conversation")
            time.sleep(gap)
            t = time.perf_counter()
            client.predict(q, api_name="/ask")
            samples.append(time.perf_counter() - t)
        served = _memory_mb(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return {
        **percentiles(samples),
        "ready_s": ready,
        "rss_started_mb": started["rss_mb"],
        "hwm_mb": served["hwm_mb"],
        "rss_mb": served["rss_mb"],
        "children": served["children"],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_served(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Return once `url` answers; raise with the server's output if it exits or stalls."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + WEB_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"articleqa serve exited with {server.returncode}:\n{tail}")
        try:
            with opener.open(url, timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise RuntimeError(f"articleqa serve did not answer {url} in {WEB_START_TIMEOUT_S} s")


def _memory_mb(pid: int) -> dict[str, Any]:
    """VmHWM and VmRSS of `pid` plus its child processes' VmHWM, in MB (from /proc)."""

    def status(p: int) -> dict[str, float]:
        fields = {}
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key] = int(value.split()[0]) / 1024  # kB
        return fields

    own = status(pid)
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            with contextlib.suppress(OSError, KeyError):  # gone already, or a zombie
                children.append({"pid": int(child), "hwm_mb": status(int(child))["VmHWM"]})
    return {
        "hwm_mb": own["VmHWM"] + sum(c["hwm_mb"] for c in children),
        "rss_mb": own["VmRSS"],
        "children": children,
    }


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


def work_base_query(store: Path, questions: list[list[str]], gap: float) -> dict[str, Any]:
    from langchain_chroma import Chroma

    db = Chroma(persist_directory=str(store), embedding_function=_baseline_embeddings())
    t0 = time.perf_counter()
    for q, _ in questions[:WARMUP]:
        db.similarity_search(q, k=BASELINE_K)
    warmup = time.perf_counter() - t0
    samples, hits = [], 0
    for q, article_id in questions[WARMUP:]:
        time.sleep(gap)
        t = time.perf_counter()
        docs = db.similarity_search(q, k=BASELINE_K)
        samples.append(time.perf_counter() - t)
        hits += article_id in {d.metadata.get("source") for d in docs}
    return {
        **percentiles(samples),
        "hit_pct": 100 * hits / len(samples),
        "warmup_s": warmup,
        "rss_mb": _maxrss_mb(),
    }


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
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
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
    result["wall_s"] = time.perf_counter() - t0
    result["load_1m"] = [load, os.getloadavg()[0]]  # before, after
    return result


def _worker_main(payload: str) -> None:
    name, args = json.loads(payload)
    fn = globals()[f"work_{name}"]
    typed = [Path(a) if isinstance(a, str) and a.startswith("/") else a for a in args]
    result = fn(*typed)
    result["nice"] = os.getpriority(os.PRIO_PROCESS, 0)
    print(json.dumps(result))


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _say(target: int, message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} [{target:,}] {message}", file=sys.stderr, flush=True)


def bench_size(
    target: int, backend: str, work: Path, seed: int, baseline: bool, gap: float
) -> dict[str, Any]:
    """Every measurement at one corpus size; a failed step is recorded, not fatal."""
    corpus, ours, base = work / "corpus", work / "ours", work / "baseline"
    started = time.perf_counter()
    facts = generate_corpus(corpus, target, seed)
    questions = facts["questions"]
    r: dict[str, Any] = {
        "target_chunks": target,
        "corpus": {k: facts[k] for k in facts if k != "questions"},
        "corpus_seconds": time.perf_counter() - started,
        "questions": questions,
        "baseline": baseline,
        "question_gap_s": gap,
        "errors": {},
    }
    _say(
        target,
        f"corpus: {facts['articles']:,} articles, {facts['chunks']:,} chunks, "
        f"{facts['sentences']:,} sentences, {facts['chars'] / 1e6:.1f} MB, "
        f"{r['corpus_seconds']:.0f} s",
    )

    def step(key: str, name: str, *args: Any) -> None:
        try:
            r[key] = run_worker(name, *args)
        except RuntimeError as e:
            r["errors"][key] = str(e)
            _say(target, f"{key} FAILED: {str(e)[-1500:]}")
            return
        _say(target, f"{key}: {_brief(r[key])}")

    step("ours_ingest", "ours_ingest", corpus, ours, backend)
    step("ours_reingest", "ours_reingest", corpus, ours, backend)
    step("ours_query", "ours_query", ours, backend, questions, gap)
    cli = [str(VENV_BIN / "articleqa"), "--store", str(ours), "ask"]
    cold_env = {**ENV, "ARTICLEQA_EMBEDDING_BACKEND": backend}
    for i in range(COLD_RUNS):
        step(f"ours_cold_{i}", "cold", [*cli, questions[i][0]], cold_env)
    step("ours_webapp", "webapp", ours, backend, questions[WARMUP : WARMUP + WEB_QUESTIONS], gap)
    r["ours_store_mb"] = _dir_mb(ours) if ours.exists() else None
    if baseline:
        step("base_ingest", "base_ingest", corpus, base)
        step("base_query", "base_query", base, questions, gap)
        for i in range(COLD_RUNS):
            cold = [sys.executable, "-c", BASELINE_COLD, str(base), questions[i][0]]
            step(f"base_cold_{i}", "cold", cold, ENV)
        r["base_store_mb"] = _dir_mb(base) if base.exists() else None
    r["seconds"] = time.perf_counter() - started
    _say(target, f"done in {r['seconds'] / 60:.1f} min")
    return r


def _brief(result: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v:.1f}" for k, v in result.items() if isinstance(v, float))


Row = tuple[str, float | None, float | None]  # (metric, ours, baseline); None: not measured


def table_rows(r: dict[str, Any]) -> list[Row]:
    """(metric, ours, baseline) for one size; a value is None where it was not measured."""

    def val(fn: Callable[[], float]) -> float | None:
        try:
            return float(fn())
        except (KeyError, TypeError, ValueError, ZeroDivisionError, statistics.StatisticsError):
            return None

    def cold(who: str, field: str, pick: Callable[[list[float]], float]) -> float | None:
        runs = [r[f"{who}_cold_{i}"][field] for i in range(COLD_RUNS) if f"{who}_cold_{i}" in r]
        return pick(runs) if runs else None

    oi, bi = r.get("ours_ingest", {}), r.get("base_ingest", {})
    chars = r["corpus"]["chars"]
    return [
        ("chunks", val(lambda: oi["chunks"]), val(lambda: bi["chunks"])),
        (
            "ingest chunks/s",
            val(lambda: oi["chunks"] / oi["seconds"]),
            val(lambda: bi["chunks"] / bi["seconds"]),
        ),
        (
            "ingest corpus kB/s",
            val(lambda: chars / 1e3 / oi["seconds"]),
            val(lambda: chars / 1e3 / bi["seconds"]),
        ),
        (
            "ingest share embedding %",
            val(lambda: 100 * oi["embed_seconds"] / oi["seconds"]),
            val(lambda: 100 * bi["embed_seconds"] / bi["seconds"]),
        ),
        ("ingest peak RSS MB", val(lambda: oi["rss_mb"]), val(lambda: bi["rss_mb"])),
        ("ingest s", val(lambda: oi["seconds"]), val(lambda: bi["seconds"])),
        (
            "re-ingest unchanged ms (baseline: all again)",
            val(lambda: 1000 * r["ours_reingest"]["seconds"]),
            val(lambda: 1000 * bi["seconds"]),
        ),
        (
            "first ingest / re-ingest (x faster)",
            val(lambda: oi["seconds"] / r["ours_reingest"]["seconds"]),
            1.0 if bi else None,  # the recipe re-embeds everything
        ),
        (
            "the same, whole processes with start-up (x faster)",
            val(lambda: oi["wall_s"] / r["ours_reingest"]["wall_s"]),
            1.0 if bi else None,
        ),
        (
            "query p50 ms (warm)",
            val(lambda: r["ours_query"]["p50_ms"]),
            val(lambda: r["base_query"]["p50_ms"]),
        ),
        (
            "query p95 ms (warm)",
            val(lambda: r["ours_query"]["p95_ms"]),
            val(lambda: r["base_query"]["p95_ms"]),
        ),
        (
            "fact's article cited (baseline: in top 4) %",
            val(lambda: r["ours_query"]["hit_pct"]),
            val(lambda: r["base_query"]["hit_pct"]),
        ),
        (
            "serving peak RSS MB (query process)",
            val(lambda: r["ours_query"]["rss_mb"]),
            val(lambda: r["base_query"]["rss_mb"]),
        ),
        ("web app peak RSS MB (VmHWM)", val(lambda: r["ours_webapp"]["hwm_mb"]), None),
        ("web app start to first page s", val(lambda: r["ours_webapp"]["ready_s"]), None),
        ("web app /ask p50 ms", val(lambda: r["ours_webapp"]["p50_ms"]), None),
        (
            "cold start to answer s (median)",
            cold("ours", "seconds", statistics.median),
            cold("base", "seconds", statistics.median),
        ),
        ("cold start peak RSS MB", cold("ours", "rss_mb", max), cold("base", "rss_mb", max)),
        ("store size MB", val(lambda: r["ours_store_mb"]), val(lambda: r["base_store_mb"])),
        (
            "load average 1 min, end of ingest",
            val(lambda: oi["load_1m"][1]),
            val(lambda: bi["load_1m"][1]),
        ),
        (
            "load average 1 min, end of query run",
            val(lambda: r["ours_query"]["load_1m"][1]),
            val(lambda: r["base_query"]["load_1m"][1]),
        ),
    ]


def _cell(x: float | None) -> str:
    return "n/a" if x is None else f"{x:,.1f}"


def format_table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| size | metric | ours | baseline | ours/baseline |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        for metric, ours, base in table_rows(r):
            if metric.startswith("load average"):
                ratio = ""  # context for the row above, not a comparison
            else:
                ratio = f"{ours / base:.2f}x" if ours is not None and base else "n/a"
            lines.append(
                f"| {r['target_chunks']:,} | {metric} | {_cell(ours)} | {_cell(base)} | {ratio} |"
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
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def report(out: dict[str, Any]) -> str:
    """The header (command, machine, load, notes) and the table, as Markdown."""
    m, load0, load1 = out["machine"], out["load_start"], out["load_end"]
    lines = [
        f"command: `{out['command']}`",
        f"machine: nproc={m['nproc']}, {m['cpu_model'] or 'unknown CPU'}, "
        f"{m['memory_gb']:.0f} GB RAM, Python {m['python']}, {m['platform']}",
        "load average (1/5/15 min): start "
        + " / ".join(f"{x:.2f}" for x in load0)
        + ", end "
        + " / ".join(f"{x:.2f}" for x in load1),
        f"embedding backend (ours): {out['embedding_backend']}; baseline: RecursiveCharacter"
        "TextSplitter(1000, 200) + Chroma.from_documents + HuggingFaceEmbeddings (same MiniLM), "
        f"similarity_search(k={BASELINE_K})",
        f"started {out['started_at']}, took {out['seconds'] / 60:.1f} min ("
        + ", ".join(f"{r['target_chunks']:,}: {r['seconds'] / 60:.1f} min" for r in out["results"])
        + ")",
        f"query rows: {QUERIES} timed questions per size after {WARMUP} untimed, all different,"
        f" drawn from facts across the corpus, {out['question_gap_s']} s apart; ours = retrieval"
        " + extractive answer, baseline = retrieval only",
    ]
    skipped = [f"{r['target_chunks']:,}" for r in out["results"] if not r["baseline"]]
    if skipped:
        lines.append(
            f"baseline not run at {', '.join(skipped)} chunks (--no-baseline-large): its cells "
            "read n/a; the targets there are absolute (p95 < 50 ms, web app < 1 GB RSS) or "
            "ratios from the smaller sizes"
        )
    lines += ["", format_table(out["results"])]
    errors = [(r["target_chunks"], k, e) for r in out["results"] for k, e in r["errors"].items()]
    for size, key, error in errors:
        lines += ["", f"FAILED at {size:,}: {key}", error[-3000:]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="target chunk counts (default: %(default)s)",
    )
    parser.add_argument("--large", action="store_true", help=f"also {LARGE_SIZE:,} chunks")
    parser.add_argument(
        "--no-baseline-large",
        action="store_true",
        help=f"skip the baseline at {LARGE_SIZE:,} chunks and above (it takes hours there)",
    )
    parser.add_argument(
        "--embedding-backend", help="ours: this embedding backend (default: the project's)"
    )
    parser.add_argument("--seed", type=int, default=42, help="corpus seed (default: 42)")
    parser.add_argument(
        "--question-gap",
        type=float,
        default=QUESTION_GAP_S,
        help="seconds before each timed question (0: back to back, which flatters caches)",
    )
    parser.add_argument("--out", type=Path, help="write the full results as JSON here")
    parser.add_argument("--keep", type=Path, help="keep corpora and stores in this folder")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker_main(args.worker)
        return 0
    if args.embedding_backend is None:
        from vectorstore.settings import StoreSettings

        args.embedding_backend = StoreSettings().embedding_backend
    sizes = list(args.sizes) + ([LARGE_SIZE] if args.large and LARGE_SIZE not in args.sizes else [])
    out: dict[str, Any] = {
        "command": " ".join(["scripts/bench.py", *(sys.argv[1:] if argv is None else argv)]),
        "machine": machine(),
        "load_start": os.getloadavg(),
        "started_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "embedding_backend": args.embedding_backend,
        "question_gap_s": args.question_gap,
        "results": [],
    }
    started = time.perf_counter()
    root = args.keep or Path(tempfile.mkdtemp(prefix="articleqa-bench-"))
    for size in sizes:
        work = root / str(size)
        if work.exists():
            shutil.rmtree(work)
        baseline = not (args.no_baseline_large and size >= LARGE_SIZE)
        try:
            out["results"].append(
                bench_size(
                    size, args.embedding_backend, work, args.seed, baseline, args.question_gap
                )
            )
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
        if args.out:  # after every size, so a long run that dies later keeps what it has
            partial = {**out, "seconds": time.perf_counter() - started, "load_end": os.getloadavg()}
            args.out.write_text(json.dumps(partial, indent=2))
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    out["seconds"] = time.perf_counter() - started
    out["load_end"] = os.getloadavg()
    out["report"] = report(out)
    print(out["report"])
    if args.out:
        args.out.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
