"""The benchmark's synthetic news corpus and the questions asked of it.

Why synthetic: a corpus of any size (1k to 100k chunks) written in seconds, the same files
for the same seed, with questions whose answering article is known, so a benchmark can
check that speed did not cost the right answer. 20 sentence shapes over lists of names,
places, organisations, roles and topics, with random numbers and dates; no sentence
repeats (checked). Each shape comes with a question that sentence answers.

The concession: the prose is formulaic, so the answers' quality here says little about
real news; `docs/evaluation.md` measures that. This corpus is for speed and scale.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

__all__ = ["FACTS", "QUERIES", "WARMUP", "generate_corpus", "saved_questions", "write_work"]

QUERIES = 60  # timed questions per size, all different (after WARMUP)
WARMUP = 5  # untimed questions first (model load, keyword index)


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
    "sentences", "shared_questions"}`. Deterministic for a given `seed`; every sentence is
    unique (checked), and the questions are a uniform sample of the facts written (a second
    random stream picks them, so the articles do not depend on how many questions are
    asked) whose question no other article's fact answers: "How long did residents of Brno
    queue on 6 December?" may be asked of two articles' sentences that differ only in the
    hours, and then neither is "the fact's article". `shared_questions` counts such
    questions; the facts they ask are 0.7% of all at 1k chunks, 6.5% at 10k, 26% at 100k.
    """
    from vectorstore.articles import Article
    from vectorstore.chunking import chunk_article
    from vectorstore.settings import StoreSettings

    defaults = StoreSettings()
    rng, pick = random.Random(seed), random.Random(seed + 1)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    sample: list[tuple[str, str]] = []  # reservoir of (question, article id)
    owner: dict[str, str] = {}  # question -> the one article it asks of ("" if several)
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
            owner[q] = article_id if owner.get(q, article_id) == article_id else ""
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
    sample = [(q, a) for q, a in sample if owner[q]]  # after the shuffle: the same order
    unique = list({q: [q, a] for q, a in sample}.values())[:questions]
    return {
        "questions": unique,
        "articles": articles,
        "chunks": chunks,
        "chars": chars,
        "sentences": facts,
        "shared_questions": sum(1 for a in owner.values() if not a),
    }


def write_work(work: Path, target_chunks: int, seed: int = 42) -> None:
    """Write the corpus into `work/corpus` and its questions (timed and warm-up) into
    `work/questions.json`, the folder layout `scale` and `answers` build once and reuse."""
    facts = generate_corpus(work / "corpus", target_chunks, seed, questions=QUERIES + WARMUP)
    (work / "questions.json").write_text(json.dumps(facts["questions"]), encoding="utf-8")


def saved_questions(work: Path) -> list[list[str]]:
    """The `[question, article id]` pairs `write_work` saved in `work`."""
    questions: list[list[str]] = json.loads((work / "questions.json").read_text(encoding="utf-8"))
    return questions
