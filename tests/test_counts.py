"""Counting questions over a real store: what a number counts, as news writes it.

"How many X" is answered only by a number that counts X. The article below (made up,
another domain than the seed's) counts people under other names ("villagers",
"members", "signatures" for people who signed), counts with a compound ("a 40-bed
ward", "beehives" asked of hives), a word for what the asked thing is a kind of
("trucks" asked of lorries), a share in words ("a third") and a count of times in one
word ("twice"); a question about something it does not count, or a part of a total it
gives only whole, is declined.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import Settings, ask, engine_for
from vectorstore import ingest

ARTICLE = """Flood shelter opens in Marrow valley

MARROW, April 3 - About 600 villagers spent Tuesday night at the St Olaf school after the
river burst its banks, the county council said. Roughly a third of them were children.
A 40-bed ward at the cottage hospital took in the injured, and about 80 members of the
volunteer rescue service worked through the night. The council said the school would stay
open until the water falls. A petition for a new flood wall has 1,250 signatures.
A beekeeper, Tom Hale, lost 30 hives to the water.
A survey of the valley last year recorded 27 species of lichen on its old walls.
Nine trucks brought sandbags from the county depot.
The valley road has flooded twice since January.
"""


def _store_of(factory: pytest.TempPathFactory, name: str, article: str) -> Settings:
    """A real store in a temporary folder holding one article, `name`.txt."""
    folder: Path = factory.mktemp(f"{name}-articles")
    (folder / f"{name}.txt").write_text(article, encoding="utf-8")
    settings = Settings(store_dir=factory.mktemp(f"{name}-store"))
    assert not ingest([folder], settings).failed
    return settings


@pytest.fixture(scope="module")
def flood(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _store_of(tmp_path_factory, "marrow_flood", ARTICLE)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many people sheltered at the school?", "600"),  # villagers are people
        ("How many beds does the hospital ward have?", "40-bed"),
        ("How many people signed the petition?", "1,250"),  # who signed: signatures
        ("How many beehives did the beekeeper lose?", "30 hives"),  # beehives are hives
        ("How many kinds of lichen grow on the walls?", "27 species"),  # species are kinds
        ("How many lorries brought sandbags?", "Nine trucks"),  # a lorry is a truck (WordNet)
        ("How many times has the road flooded?", "twice"),  # "twice": two times
    ],
)
def test_a_count_of_the_asked_thing_answers(flood: Settings, question: str, expected: str) -> None:
    answer = engine_for(flood).ask(question)
    assert not answer.abstained, answer.explanation
    assert expected in answer.text


EXHIBITION = """Photo exhibition on the exodus opens in Yerevan

YEREVAN - An exhibition of photographs of the exodus opened at a city gallery on Friday.
About 3,100 people visited in its first six days, according to the gallery.
"""


def test_people_counted_by_what_they_did_are_its_doers(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "How many visitors?" is answered by "3,100 people visited": people who visited."""
    settings = _store_of(tmp_path_factory, "exhibition", EXHIBITION)
    answer = engine_for(settings).ask("How many visitors came to the exhibition?")
    assert "3,100 people visited" in answer.text, answer.explanation


def test_a_share_asked_is_answered_in_words(flood: Settings) -> None:
    engine = engine_for(flood)
    first = engine.ask("How many people sheltered at the school?")
    share = engine.ask("What share of them were children?", [first])
    assert "a third" in share.text


def test_a_count_of_something_the_article_does_not_count_is_declined(flood: Settings) -> None:
    answer = engine_for(flood).ask("How many tanks were sent to the valley?")
    assert answer.abstained, answer.text


FERRY = (  # one paragraph per line, as articles are stored
    "Boats ferry stranded pensioners across the Orm\n\n"
    "ORMSBY, May 2 - Council boats began ferrying stranded pensioners across the river on "
    "Tuesday. By nightfall they had carried 140 people to the school, the council said.\n\n"
    "Volunteers also rescued dogs from the flooded farms.\n"
    "By nightfall volunteers had rescued 30 people from the flooded farms.\n"
)


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _store_of(tmp_path_factory, "orm_ferry", FERRY)


def test_people_counted_right_after_the_sentence_naming_them_count_them(
    ferry: Settings,
) -> None:
    """The "140 people" are the pensioners the sentence before says were ferried; the 30
    people rescued, in a paragraph after the one about dogs, are no count of dogs."""
    engine = engine_for(ferry)
    answer = engine.ask("How many pensioners did the council boats carry?")
    assert "140" in answer.text, answer.explanation
    dogs = engine.ask("How many dogs did volunteers rescue from the farms?")
    assert dogs.abstained, dogs.text


COOKBOOK = (  # one paragraph per line, as articles are stored
    "Refugee cooks publish their village recipes\n\n"
    "GORIS, June 3 - Marine Petrosyan, 58, spent a year collecting recipes. She was joined "
    "by 11 other women, who met every Sunday to cook.\n"
    "The book won a regional prize of 5,000 Canadian dollars.\n"
    "A grant of 2 million drams, about $5,100, paid for the printing.\n"
)


@pytest.fixture(scope="module")
def cookbook(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _store_of(tmp_path_factory, "cookbook", COOKBOOK)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many women joined Petrosyan?", "11 other women"),  # "other": women counted
        ("How much prize money did the book win?", "5,000 Canadian dollars"),  # money
        ("About how many dollars was the grant?", "$5,100"),  # "$" counts dollars
    ],
)
def test_counts_and_sums_as_news_writes_them(
    cookbook: Settings, question: str, expected: str
) -> None:
    answer = engine_for(cookbook).ask(question)
    assert expected in answer.text, answer.explanation


PLANT = """Vinyl plant to hire 35 as demand grows

SHEFFIELD, March 4 - A vinyl pressing plant will hire 35 workers after new investment, its
founders said. The company employs 48 people at its works. Its rival in Leeds said last
year that it would cut 20 jobs.
"""


@pytest.fixture(scope="module")
def plant(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _store_of(tmp_path_factory, "vinyl_plant", PLANT)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many staff does the plant have?", "48 people"),  # people employed are staff
        ("How many new jobs is the plant creating?", "35 workers"),  # people hired: jobs
    ],
)
def test_people_employed_or_hired_are_staff_or_jobs(
    plant: Settings, question: str, expected: str
) -> None:
    answer = engine_for(plant).ask(question)
    assert not answer.abstained, answer.explanation
    assert expected in answer.text


def test_a_workforce_is_no_count_of_jobs_going(plant: Settings) -> None:
    """ "Employs 48 people" says how many work there, not how many jobs are cut."""
    answer = engine_for(plant).ask("How many jobs is the Sheffield plant cutting?")
    assert "48" not in answer.text, answer.text


def test_a_part_of_a_total_is_not_the_total_again(flood: Settings) -> None:
    engine = engine_for(flood)
    first = engine.ask("How many villagers sheltered at the school?")
    assert "600" in first.text
    part = engine.ask("How many of them came from Marrow itself?", [first])
    assert part.abstained, part.text
    assert "the total" in (part.explanation.why if part.explanation else "")


def test_evacuees_are_the_people_a_sentence_says_were_evacuated(seed_settings: Settings) -> None:
    """ "Evacuee", "detainee": one something was done to; "evacuated over 2,000 people"
    counts evacuees (the verb in the sentence says so)."""
    first = ask("How many kids did the Russian military evacuate?", settings=seed_settings)
    then = ask("What was the total number of evacuees?", [first], seed_settings)
    assert "2,000" in then.text


HOSTEL = """Mountain hostel houses families buried out by landslide

BRENN, May 2 - A youth hostel in Brenn has become home to 120 people whose houses were
buried by Sunday's landslide, the district office said. Of the 120 residents, 45 are
children. The number of families asking for a place has grown every day since, to 38.
The hostel's owner, Greta Lind, said she had cut her paid staff from nine to four and now
relies on volunteers from the valley.
"""


@pytest.fixture(scope="module")
def hostel(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _store_of(tmp_path_factory, "brenn_hostel", HOSTEL)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many of the residents are kids?", "45 are children"),  # "N are children"
        ("How many families have asked for a place?", "to 38"),  # "the number of families"
        ("How many staff does the owner have now?", "from nine to four"),  # whose size changed
    ],
)
def test_a_bare_number_counts_what_the_sentence_says_it_is(
    hostel: Settings, question: str, expected: str
) -> None:
    answer = engine_for(hostel).ask(question)
    assert not answer.abstained, answer.explanation
    assert expected in " ".join(answer.text.split())


FINAL = (  # one paragraph per line, as articles are stored
    "Harbour Rovers win the county cup in front of record crowd\n\n"
    "HARBOUR, May 4 - Harbour Rovers won the county cup final on Sunday in front of a crowd "
    "of 1,850 at Quay Park, beating Millbrook 3-1.\n"
    "The final was shown live online for the first time and was watched by more than 9,000 "
    "viewers, the county association said.\n"
    "Tickets sold out within two hours of going on sale.\n"
    "The club's new team coach can reach 100 km/h on the motorway.\n"
    "Club membership rose by 12 per cent this year, the chairman said.\n"
)


@pytest.fixture(scope="module")
def final(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _store_of(tmp_path_factory, "county_final", FINAL)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a count of people under any word WordNet files under persons or a gathering
        ("How many people were at Quay Park for the final?", "1,850"),  # a crowd
        ("How many people watched the final online?", "9,000"),  # viewers
        # "how fast" something happened is how long it took; how fast a thing goes, a speed
        ("How fast did the tickets sell out?", "within two hours"),
        ("How fast can the team coach go?", "100 km/h"),
    ],
)
def test_people_under_other_names_and_how_fast_things_happen(
    final: Settings, question: str, expected: str
) -> None:
    answer = engine_for(final).ask(question)
    assert not answer.abstained, answer.explanation
    assert expected in answer.text


def test_a_percentage_is_no_price(final: Settings) -> None:
    """ "12 per cent" names no currency (a cent is one, "per cent" is not): a question
    about what tickets cost is declined, not answered with the membership's rise."""
    answer = engine_for(final).ask("How much did tickets for the final cost?")
    assert answer.abstained, answer.text
