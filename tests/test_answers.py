"""Answers about the seed article, with the distractor articles in the same store.

Each case checks the answer text, that the citation is from the seed article, and that
its quote is the exact article text at its offsets. Follow-ups are played as a person
would, with the system's own earlier answers as history.
"""

from __future__ import annotations

import pytest

from qa import Answer, Engine, Settings, engine_for
from qa.yesno import _fillers, affirms, denies
from vectorstore import ArticleStore
from vectorstore.text import terms

from .conftest_paths import SEED_ID

# (question, a string the answer must contain, a fragment the cited quote must contain)
SINGLE_TURN = [
    (
        "Who evacuated civilians from the conflict zone in Nagorno-Karabakh?",
        "Moscow troops",
        "began evacuating civilians",
    ),
    ("How many children did the Russian military evacuate?", "1,049", "1,049 children"),
    (
        "How many people did the Russian military say it evacuated?",
        "2,000",
        "evacuated over 2,000 people",
    ),
    ("How many people were killed in the Azerbaijani attacks?", "32", "killed at least 32"),
    ("How many were injured in the attacks by Azerbaijani troops?", "200", "injured more than 200"),
    (
        "What does Azerbaijan call its operations in the enclave?",
        "anti-terror",
        "“anti-terror” operations",
    ),
    ("Who is the prime minister of Armenia?", "Nikol Pashinyan", "Prime Minister Nikol Pashinyan"),
    ("Which news agency reported the casualties?", "Armenpress", "Armenpress News Agency"),
    pytest.param(
        "Which alliance is Armenia a member of?",
        "Collective Security Treaty Organization",
        "(CSTO)",
        # Read with its title ("Armenia skips CSTO summit ..."), a distractor's "Gor
        # Avetisyan said the alliance had failed Armenia" now outscores the seed's CSTO
        # sentence by 0.0003 and answers without naming the alliance. Measured fix (a
        # "which alliance?" sentence must name one): read sets -4, so not kept.
        marks=pytest.mark.xfail(
            strict=True, reason="a distractor outscores the seed by 0.0003 since the story part"
        ),
    ),
    ("What did Armenia accuse Azerbaijan of?", "ethnic cleansing", "ethnic cleansing"),
    (
        "On which day did the Azerbaijani defense ministry conduct counter-terrorism measures?",
        "Tuesday",
        "On Tuesday",
    ),
    ("Who proposed the ceasefire?", "peacekeepers", "proposed a ceasefire"),
    ("Where did Pashinyan's wife go?", "Kyiv", "wife visited Kyiv"),
    (
        "What humanitarian help did Armenia send to Ukraine?",
        "humanitarian assistance",
        "humanitarian assistance to Ukraine",
    ),
    (
        "When did the war that followed Nagorno-Karabakh's secession end with a ceasefire?",
        "1994",
        "1994 ceasefire",
    ),
    ("Whose intervention did Armenia urge?", "UN Security Council", "UN Security Council"),
    (
        "What kind of relationship does Azerbaijan have with Russia?",
        "economic and political",
        "close economic and political relationship",
    ),
    ("What does CSTO stand for?", "Collective Security Treaty Organization", "(CSTO)"),
    # paraphrases; a capital stands for its country
    (
        "Apart from Washington, whose intervention did Yerevan urge?",
        "UN Security Council",
        "UN Security Council",
    ),
    ("What did Baku accuse Yerevan of amassing?", "troops", "amassing its troops"),
    ("How many kids were taken out of the fighting area?", "1,049", "1,049 children"),
    (
        "Which ethnic group makes up most of the region's population?",
        "Armenian",
        "predominantly ethnic Armenian",
    ),
    # misspellings
    ("How many childern were evacuted?", "1,049", "1,049 children"),
    ("Who is the prime minster of Armenia?", "Pashinyan", "Nikol Pashinyan"),
    ("Is Armenia a membr of the Colective Security Treaty Organization?", "CSTO", "(CSTO)"),
    # the headline is dense with topic words but thin on facts: it answers when asked for
    (
        "What kind of operations did Azerbaijan say it was running?",
        "anti-terror",
        "“anti-terror” operations",
    ),
    ("What does the title say Azerbaijan launched?", "operation", "launches operation"),
    # a clause's "when" does not make it a date question
    (
        "What did the Russian troops begin to do when the hostilities broke out?",
        "evacuating civilians",
        "began evacuating civilians",
    ),
    # chat shorthand and a compound written apart
    ("how many ppl got evacuted by russia", "2,000", "evacuated over 2,000 people"),
    ("wat year was the cease fire that ended the 90s war?", "1994", "1994 ceasefire"),
]

UNANSWERABLE = [
    "What is the capital of France?",
    "What's the weather like in Tokyo today?",
    "Can you give me a recipe for banana bread?",
    "When did Pashinyan's wife visit Kyiv?",
    "How many Russian peacekeepers are stationed in Nagorno-Karabakh?",
    "How many children were killed in the Azerbaijani attacks?",
    # a distractor counts 410 civilians: "civilians" is near "soldiers", not the same
    "How many Azerbaijani soldiers died in the offensive?",
    # a sentence about Azerbaijan that names no president names no president
    "Who is the president of Azerbaijan?",
]

CONVERSATIONS = [
    [
        ("Who evacuated civilians from the conflict zone?", "Moscow troops"),
        ("How many people did they evacuate?", "2,000"),
        ("And how many of them were children?", "1,049"),
    ],
    [
        ("Who is the prime minister of Armenia?", "Pashinyan"),
        ("What has he accused Moscow of?", "betraying"),
        ("Where did his wife travel?", "Kyiv"),
    ],
    [
        ("Which news agency reported the death toll of the Azerbaijani attacks?", "Armenpress"),
        ("How many people were injured?", "200"),
    ],
    # the answer is the sentence right after the last one quoted
    [
        ("What did Azerbaijan's defense ministry accuse Armenia of?", "amassing its troops"),
        ("How did Armenia respond?", "rejected the allegations"),
    ],
    [
        ("Which country is Armenia's traditional ally?", "Russia"),
        ("How are relations between them now?", "soured"),
    ],
    # the reaction asked about is told in the very sentence already quoted
    [
        ("Who visited Kyiv to show support?", "wife"),
        ("How did Moscow take that?", "angered Russia"),
    ],
]


# (yes/no question, how the answer opens: "Yes.", "No." or with the quote). Only a quote
# that says yes word for word, or as closely as a paraphrase ("It is inside Azerbaijan's
# borders." for "located within"), earns a "Yes."; only one that puts a "no" on the
# question's own words ("can no longer rely", "rejected the allegations") a "No."; a
# loose paraphrase or another alliance gets the quote alone.
YES_NO = [
    ("Is Armenia a membr of the Colective Security Treaty Organisation?", "Yes. "),
    ("Is Armenia a traditional ally of Russia?", "Yes. "),
    ("Is Nagorno-Karabakh located within Azerbaijan's borders?", "Yes. "),
    ("Is Armenia a member of NATO?", None),
    ("Can Armenia still rely on Russia for its security?", "No. "),
    ("Did Armenia accept the allegations?", "No. "),
    ("Is Nagorno-Karabakh inside Armenia's borders?", None),
]


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "Is the landlord named in court papers?",
            "The landlord is named in court papers only by his initials.",
        ),
        (
            "Will it be open on Mondays?",
            "It will be open daily, but closed on Sundays and Mondays.",
        ),
        ("Did the developer comment?", "The developer, Larch Estates, declined to comment."),
        ("Will UNESCO send a mission?", "The church urged UNESCO to send a mission."),
        (
            "Did they sign an agreement?",
            "Moscow called for a return to the agreements they signed.",
        ),
        ("Was this Montreal's first national title?", "It was Montreal's third national title."),
        ("Is Ghana the largest cocoa producer?", "Ghana is the second-largest cocoa producer."),
        ("Was it started by shelling?", "Officials said shelling had been ruled out."),
    ],
)
def test_a_sentence_short_of_yes_gets_no_yes(question: str, sentence: str) -> None:
    """A limit, a refusal, the opposite state, a request, another rank of the asked thing
    or a cause ruled out is not a yes, however many of the question's words the sentence
    repeats (each read from a set's answers)."""
    assert not affirms(question, sentence, similarity=0.9)
    assert affirms("Did the developer decline to comment?", "The developer declined to comment.")


def test_a_sentence_saying_the_opposite_gets_no_yes_however_close_in_meaning() -> None:
    """The sentence model reads "rare" close to "common" (0.88 in a read set): a "Yes."
    there told the reader the opposite of the quote."""
    question, sentence = "Are employee buyouts common in Sweden?", "Buyouts remain rare in Sweden."
    assert not affirms(question, sentence, similarity=0.88)
    assert denies(question, sentence)


@pytest.mark.parametrize(("question", "opening"), YES_NO)
def test_yes_or_no_only_when_the_quote_says_so(
    seed_settings: Settings, question: str, opening: str | None
) -> None:
    answer = engine_for(seed_settings).ask(question)
    said = next((o for o in ("Yes. ", "No. ") if answer.text.startswith(o)), None)
    assert said == opening, answer.text
    if opening:
        assert answer.citations and answer.citations[0].source == SEED_ID
        _check_citations(answer, seed_settings)


@pytest.mark.parametrize(
    ("question", "sentence", "no"),
    [
        ("Did Pashinyan attend the debate?", "Pashinyan, who did not attend, spoke.", True),
        ("Did local officials accept it?", "But local officials had not accepted the cargo.", True),
        ("Was the motion passed?", "The motion was rejected by 61 votes to 38.", True),
        ("Was output hit by the fighting?", "Output had been unaffected by the fighting.", True),
        # whether he said something, answered by his not saying it
        ("Did he say when the ban ends?", "He did not say when the ban ends.", True),
        ("Did the developer comment?", "The developer declined to comment.", True),
        # the opposite word on the question's own (WordNet's antonyms): "rare" to "common"
        ("Are employee buyouts common in Sweden?", "Employee buyouts remain rare in Sweden.", True),
        ("Will the cinema be open on Mondays?", "The cinema will close on Mondays.", True),
        ("Is the main party still legal?", "The main party was banned in 2015.", True),
        # an opposite that only describes a noun, or the question's word said in another
        ("Will any part of the old bridge be kept?", "The new bridge keeps its gates.", False),
        ("Did the offensive start on Tuesday?", "It began on Tuesday and ended later.", False),
        # a "no" elsewhere in the sentence, or on words the question does not ask
        ("Has he accused Moscow of anything?", "He accused Moscow, which Russia denied.", False),
        ("Did the shop open on Monday?", "The shop opened on Monday with no queue.", False),
        # a "no" under a condition; a question that negates or asks "when" inside
        ("Will the plant cut a shift?", "It will cut a shift if the ban is not lifted.", False),
        ("Did Russia deny the claim?", "Russia denied the claim.", False),
        ("Did he say when the ban ends?", "The plant will close if the ban is not lifted.", False),
        # another name in the question's place: left to the quote
        ("Did Baku attend the talks?", "Moscow did not attend the talks.", False),
        # a "not" a few words before the question's word, counting only content words
        ("Did the nurses have to sit a test?", "Nurses were not required to take a test.", True),
        # ... but not a name withheld
        (
            "Are lorries held up?",
            "A man who asked not to be named said lorries were held up.",
            False,
        ),
        # another place or time where the question puts its statement (`yesno.replaces`)
        ("Was the kettle sold in France?", "The kettle was sold in Britain and Ireland.", True),
        ("Were the igloos built in December?", "They were built over four weeks in January.", True),
        ("Did the campaign begin in 2021?", "The campaign was started in February 2022.", True),
        ("Is the opening on Wednesday?", "The opening has been moved to Friday.", False),
        ("Was the summit held in Sochi?", "The summit was held in Sochi in May.", False),
        # ... but not the same answer in other words: a capital for its country, a channel
        ("Does Azerbaijan have close ties with Moscow?", "It has close ties with Russia.", False),
        ("Was the final on TV?", "The final was shown live on BBC iPlayer.", False),
    ],
)
def test_no_only_when_the_quote_denies_the_question(question: str, sentence: str, no: bool) -> None:
    """A "No." needs a "not" (or a refusing word: "rejected", "unaffected") on the
    question's own words, about the question's names (read from sets 24 and 29)."""
    assert denies(question, sentence) == no


def test_the_fillers_a_denial_skips_are_stemmed_as_terms_stems_them() -> None:
    words = "anything something anyone anybody someone ever yet already still"
    assert frozenset(terms(words)) == _fillers()
    # so "ever", "anything" and "yet" weigh nothing in the share of the question a
    # denial needs (with them, the sentence would hold two of five words)
    assert denies("Has the mayor ever signed anything yet?", "The mayor has not signed it.")


def _check_citations(answer: Answer, settings: Settings) -> None:
    articles = ArticleStore(settings).get_articles([c.source for c in answer.citations])
    for c in answer.citations:
        assert articles[c.source].text[c.start : c.end] == c.quote


@pytest.mark.parametrize(("question", "expected", "quote"), SINGLE_TURN)
def test_answers_cite_the_exact_passage(
    seed_settings: Settings, question: str, expected: str, quote: str
) -> None:
    answer = engine_for(seed_settings).ask(question)
    assert not answer.abstained, answer.text
    assert expected.lower() in answer.text.lower()
    assert any(c.source == SEED_ID and quote in c.quote for c in answer.citations), answer
    assert "[1]" in answer.text
    _check_citations(answer, seed_settings)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_declines_when_the_articles_do_not_say(seed_settings: Settings, question: str) -> None:
    answer = engine_for(seed_settings).ask(question)
    assert answer.abstained, answer.text
    assert answer.text.startswith("The articles don't say")
    assert answer.citations == []


@pytest.mark.parametrize("turns", CONVERSATIONS, ids=lambda t: t[0][0][:30])
def test_follow_ups_keep_their_context(
    seed_settings: Settings, turns: list[tuple[str, str]]
) -> None:
    engine = engine_for(seed_settings)
    history: list[tuple[str, str]] = []
    for question, expected in turns:
        answer = engine.ask(question, history)
        assert expected.lower() in answer.text.lower(), (question, answer.text)
        assert any(c.source == SEED_ID for c in answer.citations)
        _check_citations(answer, seed_settings)
        history.append((question, answer.text))


def test_follow_up_query_is_expanded_and_visible(seed_settings: Settings) -> None:
    engine = engine_for(seed_settings)
    question = "How many people did the Russian military evacuate?"
    first = engine.ask(question)
    follow = engine.ask("And how many of them were children?", [(question, first.text)])
    assert "context:" in follow.query
    assert "evacuate" in follow.query


def test_a_capital_is_searched_with_its_country_and_shown(seed_settings: Settings) -> None:
    answer = engine_for(seed_settings).ask("What did Baku accuse Yerevan of amassing?")
    assert answer.query == "What did Baku (Azerbaijan) accuse Yerevan (Armenia) of amassing?"


def test_answer_serialises_to_json(seed_settings: Settings) -> None:
    import json

    answer = engine_for(seed_settings).ask("How many children were evacuated?")
    data = json.loads(json.dumps(answer.to_dict()))
    assert set(data) >= {"text", "citations", "abstained", "query", "passages"}
    assert {"source", "title", "quote", "start", "end", "score"} <= set(data["citations"][0])


def test_public_ask_uses_given_settings(seed_settings: Settings) -> None:
    from qa import ask

    answer = ask("Which news agency reported the casualties?", settings=seed_settings)
    assert "Armenpress" in answer.text


def test_a_question_is_answered_the_same_whatever_came_before(seed_settings: Settings) -> None:
    """The int8 model scales activations per batch: a text embedded beside others would
    get another vector, and a near-tie could then go the other way."""
    question = "When was the most notable escalation of hostilities over Karabakh?"
    other = "Armenia also dispatched humanitarian assistance to Ukraine. " * 5
    alone, beside = Engine(seed_settings), Engine(seed_settings)
    assert (alone.embed([question])[0] == beside.embed([other, question])[1]).all()
    beside.ask("And how did it end?", [("What happened in 2020?", other)])
    first, later = alone.ask(question), beside.ask(question)
    assert (first.text, first.confidence) == (later.text, later.confidence)


def test_a_why_answer_adds_the_next_sentence_when_it_gives_the_reason() -> None:
    from qa.backends.extractive import Candidate, _cause_after
    from qa.rules import SentenceScore

    article = (
        "Summit goes ahead without Aliyev\n\nAliyev pulled out on Wednesday evening. "
        "His office said the meeting would have been held in a hostile atmosphere. "
        "The talks began at noon."
    )
    start = article.index("Aliyev pulled")
    end = article.index(" His office")
    best = Candidate("a.txt", "T", start, end, article[start:end], SentenceScore(()))
    cause = _cause_after(best, article)
    assert cause is not None and cause.text.startswith("His office said")
    # a next sentence that neither explains nor is anyone's account is not added
    told = article.index("His office")
    said = Candidate("a.txt", "T", told, article.index(" The talks"), "", SentenceScore(()))
    assert _cause_after(said, article) is None


def test_a_bare_quote_is_read_with_the_sentence_naming_its_speaker() -> None:
    from qa.backends.extractive import _with_speaker
    from qa.slots import Sentence

    article = (
        "Iran warns\n\nTatevik Hovhannisyan, 35, a researcher, said the message mattered. "
        '"Iran has said it again and again," she said. '
        '"That counts for more now that the guarantees look empty."\n\nThe talks went on.'
    )
    start = article.index('"That counts')
    end = article.index("\n\nThe talks")
    quote = Sentence("a.txt", "T", start, end, article[start:end], article)
    read = _with_speaker(quote)
    assert read.text.startswith("Tatevik Hovhannisyan") and read.text.endswith('look empty."')
    assert article[read.start : read.end] == read.text  # one exact span: the citation holds
    # a sentence that says whose words it gives is read alone
    said = article.index('"Iran has')
    told = Sentence("a.txt", "T", said, start - 1, article[said : start - 1], article)
    assert _with_speaker(told) == told
    # so is a quote with no attribution before it
    talks = article.index("The talks")
    alone = Sentence("a.txt", "T", talks, len(article), '"The talks went on."', article)
    assert _with_speaker(alone) == alone
