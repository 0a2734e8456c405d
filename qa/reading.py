"""Reading one part of a question at a time: the kind of answer it asks for
(`asked_kind`), the noun it asks about (`asked_focus`), whom "who/which X" describes
(`asked_role`), what a count counts and by which verb (`counted_kind`,
`counted_action`, `event_verb`), the names it gives (`question_names`), whose reaction it asks about
(`reaction_by`). Whether it leans on the conversation is `qa.followups`'s.

Pure functions over the question's text, sharing the patterns below; `qa.intent.analyse`
calls them once per turn and keeps what they read on the `Intent`. Regular expressions
over the question's words, no parser: a question phrased in a way none of them knows
reads as a plain description question.
"""

from __future__ import annotations

import re

from vectorstore.text import STOPWORDS, stem, terms

from .kinds import (
    ACCEPTED,
    ASKING,
    AUXILIARY,
    DETERMINER,
    KIND_PATTERNS,
    OFFICE,
    OFFICE_ABBREVIATIONS,
    OFFICE_VERB,
    OFFICE_VERBS,
    PLACED,
    REACTION,
    SECOND_OFFICE,
    STATEMENT,
    wordset,
    yes_or_no,
)
from .lexicon import is_noun, verb_lemma

__all__ = [
    "GENERIC",
    "NAMED_KINDS",
    "asked_focus",
    "asked_kind",
    "asked_role",
    "asks_leader",
    "asks_name_of",
    "asks_placed",
    "asks_which",
    "asks_who_named",
    "counted_action",
    "counted_kind",
    "is_attribute",
    "names_kind",
    "office_asked",
    "plain_noun",
    "question_names",
    "reaction_by",
    "singular",
    "spell_out_titles",
    "uncontracted",
]


_WH = re.compile(r"\b(what|which|who|whom|whose|where|when|how|why)\b")

_CLAUSE_WORDS = frozenset({"when", "where", "who", "whom", "whose", "why"})

# The noun a "what/which ..." or "how many ..." question asks about ("what weapons",
# "what is the capital of", "which heights", "what is its total population").
_FOCUS = re.compile(
    r"\b(?:how many|how much"
    r"|(?:what|which)(?: (?:is|was|are|were)(?: (?:the|its|their|his|her))?)?)"
    r"((?: [\w'’-]+){1,5})",
    re.IGNORECASE,
)

_NOT_FOCUS = wordset(
    "did does do is was were are has have had will would can could should must may might "
    "someone somebody anyone anybody everyone everybody nobody of the a an its "
    "their his her this that these those it they he she there kind sort type already still "
    "now currently actually really ever also just so far yet"
)

GENERIC = wordset(
    "people person thing things happen happened say said tell told article articles report "
    "according much many time"
)

_VERBS = wordset(
    "got get gets go goes went come came make makes take takes took give gives gave lose "
    "lost leave left flee fled live lives die dies remain remains say says happen made built "
    "won wrote ran brought bought sent kept held put seen found given taken hurt told paid "
    "sold led met shot struck hit born caught run"
)

# "what is the population of X", "what is its capital", "what was the club's budget"
_ATTRIBUTE_FORM = re.compile(
    r"\b(?:what|which)(?:['’]s| (?:is|was|are|were)) (?:the|its|their|his|her|[\w-]+['’]s)\b",
    re.IGNORECASE,
)

# "CEO", "ceo"; "pm" too, unless a time ("at 8 pm")
_ABBREVIATED = re.compile(r"(?i)\b(?:CEO|CFO|COO|CTO|(?<!\d)(?<!\d )PM)\b(?! \()")

_POSSESSIVE = re.compile(r"['’]s?$")

_CONTRACTED = re.compile(r"\b(what|who|where|when|how)['’]?s\b", re.IGNORECASE)


# a possessive typed without its apostrophe, before what a person has: "his wifes name"
_BARE_POSSESSIVE = re.compile(
    r"\b([a-z]{3,}[^s\W])s (?=(?:(?:first|last|full|maiden) )?(?:name|names|surname|job|age"
    r"|title|wife|husband|mother|father|son|sons|daughter|daughters|brother|sister)\b"
    r"(?! (?:the|a|an|it|them|him|her|his|their|its|this|that)\b))",  # "they name the comet"
    re.IGNORECASE,
)


def uncontracted(question: str) -> str:
    """`question` as written out: a wh-word's "'s" as "is", and a possessive's apostrophe
    put back before what a person has, as every reader of a question reads them; chat
    writes "whats" and "what's" as often as "what is", and "his wifes name".

    >>> uncontracted("whats the normal price"), uncontracted("Who's the mayor?")
    ('what is the normal price', 'Who is the mayor?')
    >>> uncontracted("Whose car was it?"), uncontracted("whats his mothers name")
    ('Whose car was it?', "what is his mother's name")
    >>> uncontracted("what was his job"), uncontracted("how many years does it last")
    ('what was his job', 'how many years does it last')
    >>> uncontracted("What did the astronomers name the comet?")
    'What did the astronomers name the comet?'
    """
    question = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", question)
    return _BARE_POSSESSIVE.sub(
        lambda m: m.group() if m.group(1).lower() + "s" in STOPWORDS else f"{m.group(1)}'s ",
        question,
    )


# Attributes whose value is of a known kind: "what is the population of X" wants a number
# about X's population, "what is its capital" a place.
_ATTRIBUTE_KINDS = {
    **dict.fromkeys(
        wordset(
            "population size area budget cost price salary wage age height length distance "
            "revenue revenues profit profits turnover debt fee fees capacity attendance "
            "rate income spending"
        ),
        "number",
    ),
    **dict.fromkeys(
        wordset("capital headquarters birthplace hometown location venue seat"), "place"
    ),
}

# Nouns that say the kind asked for: "what is the deadline?" wants a date
_NOUN_KINDS = {
    **dict.fromkeys(wordset("date dates deadline birthday"), "date"),
    **dict.fromkeys(wordset("hours"), "time"),
}

# A plural noun's form; nouns in "-sis" and "-us" are singular ("dialysis", "minibus")
_PLURAL = re.compile(
    r"(?!(?:news|series|species|means|headquarters|measles|mumps|diabetes|rabies|physics"
    r"|economics|politics|athletics|gymnastics)$)(?![a-z]*(?:sis|[^n]us)$)[a-z]{2,}[^s]s"
)

# plurals without an "s": "how many people saw the show" counts people, not saws
_PLURAL_WORDS = wordset("people children men women police cattle folk")

_COPULA = wordset("were are was is")

_QUANTITIES = wordset("number total amount figure count toll sum share percentage size strength")

# a figure's number of what: "UNICEF's estimate of the number of children"
_OF_THE_NUMBER = re.compile(r"(?i)(?:of|for) the (?:total |exact )?number of\b")

_MODIFIER = re.compile(r"[a-z]+-[a-z]+")  # a compound modifier: "all-out", "full-scale"

_NAME = re.compile(r"\b(?:[A-Z][\w’'-]*\w|[A-Z]|\w*\d\w*[A-Za-z]\w*)\b")

_DECADE = re.compile(r"['’]?\d+s?")  # "1990s", "90s": a time, not a name

_REACTOR = re.compile(
    r"\b(?:(?:reaction|response) (?:of|from|in|by) (?:the )?"
    r"|(?:how did|did|what was|how has|how have) (?:the )?(?!the\b|reaction\b|response\b))"
    r"([\w-]+)(?:['’]s)?(?: \(([\w ]+)\))?"
    rf"(?:['’]s)?(?: {OFFICE}\b)?",  # "Derby's mayor": the mayor reacts, as "the city's mayor"
    re.I,
)

# "the name of the foundation that ...", "the collector's name", "what is his winery called"
_ROLE_NAMED = re.compile(
    rf"\bnames? of (?:{DETERMINER} )?((?:[\w-]+ ){{0,2}}?[\w-]+)"
    r"(?= (?:who|that|which|whose|where|when|of|in|at|for|on|near|by|from|with|she|he|they"
    r"|we|you|it|was|is|were|did|does|had|has|the|a|an|his|her|its|their)\b|[?,.]|$)"
    rf"|\b{DETERMINER} ((?:[\w-]+ ){{0,2}}?[\w-]+)['’]s? (?:full )?name\b"
    r"|\b(?:is|was|are|were) (?:the |his |her |its |their )((?:[\w-]+ ){0,2}?[\w-]+)"
    r" (?:called|named)\?",
    re.IGNORECASE,
)

# "who was the overseas buyer", "who is Quiroga's agent" (not "who is Dora Varga")
_ROLE_WHO = re.compile(
    r"^(?:and |so )?who(?:['’]s| is| was| are| were| will be) (?:the |a |an |his |her |its |their "
    r"|[A-Z][\w-]*['’]s )((?:[a-z-]+ ){0,2}?[a-z-]+)(?= (?:of|for|that|who|in|at|on)\b|[?,]|$)",
    re.IGNORECASE,
)

_WHICH = re.compile(r"^(?:and |so )?(?:(?:in|at|on|from|for|by|to|with) )?which\b", re.IGNORECASE)

# What news names (a body, an institution, a work, an event): "which X" of these asks for
# its name, and a sentence that says only "a wildlife charity" or "a military hospital"
# does not give it. (Plural heads are read in the singular.)
NAMED_KINDS = wordset(
    "company firm contractor manufacturer supplier operator developer charity foundation "
    "organisation organization agency group body club team party unit ministry department "
    "council committee court hospital clinic hotel school university bank newspaper channel "
    "station app airline tournament festival film book councillor official officer diplomat "
    "publisher journal magazine brand supermarket pharmacy restaurant shop ward suburb"
)

_RANKS = wordset("first second third last latter former next previous")


# A clause the question opens with ("When the male brightened, how often did he win?")
_LEADING_CLAUSE = re.compile(
    rf"^(?:when|where|if|after|before|while|once)\b[^,?]*,\s*(?={ASKING})",
    re.IGNORECASE,
)


def asked_kind(question: str) -> str | None:
    """The slot a question asks to fill: one of `KINDS`, or None.

    >>> asked_kind("And how many of them were children?"), asked_kind("Who brokered it?")
    ('number', 'person')

    Only the question's own (first) "when", "where" or "who" counts, not a clause's:

    >>> asked_kind("What did the troops do when the fighting broke out?") is None
    True
    >>> asked_kind("What ethnic group lives there?"), asked_kind("What does CSTO stand for?")
    ('person', 'expansion')
    >>> asked_kind("Who is Azerbaijan's defense minister?"), asked_kind("Why did they flee?")
    ('office', 'reason')
    >>> asked_kind("Did both sides agree?"), asked_kind("What year did the war end?")
    ('yesno', 'date')

    The question's own wh-phrase decides, not a later phrase ("the death toll"):

    >>> asked_kind("Which news agency reported the death toll?")
    'person'

    A clause before the question asks nothing either:

    >>> asked_kind("When the male brightened, how often did he keep his territory?")
    'number'

    An attribute's noun says what kind of value it is:

    >>> asked_kind("What is the population of Stepanakert?"), asked_kind("What is its capital?")
    ('number', 'place')
    """
    question = _LEADING_CLAUSE.sub("", question.strip())  # "When it brightened, how often"
    if yes_or_no(question):
        return "yesno"
    q = uncontracted(question).lower()
    first = _WH.search(q)
    asks_at = first.start() if first else 0
    found: list[tuple[int, int, str]] = []  # (where, order, kind): the earliest wins
    for order, (name, pattern) in enumerate(KIND_PATTERNS):
        for m in pattern.finditer(q):
            if m.group().strip() in _CLAUSE_WORDS and m.start() != asks_at:
                continue  # "what did they do when ...": a clause's "when" asks nothing
            found.append((m.start(), order, name))
            break
    kind: str | None = min(found)[2] if found else None
    if kind is not None and kind not in ("number", "place"):
        return kind
    focus = asked_focus(question)
    if kind is None and focus and (named := _NOUN_KINDS.get(focus.split()[-1])):
        return named  # "what's the deadline?" asks a date, "what hours?" times of day
    if not is_attribute(question, focus):
        return kind
    return _ATTRIBUTE_KINDS[focus.split()[-1]] if focus else kind


def asked_focus(question: str) -> str | None:
    """The noun (lower case) a question asks about, when it says: what a "how many"
    counts, what a "what/which X" names.

    >>> asked_focus("How many Azerbaijani soldiers died?"), asked_focus("How many died?")
    ('soldiers', None)
    >>> asked_focus("And how many of them were children?")
    'children'
    >>> asked_focus("How many all-out wars were fought?")
    'wars'
    >>> asked_focus("What weapons did Azerbaijan use?")
    'weapons'
    >>> asked_focus("What is its total population?")
    'population'
    >>> asked_focus("What did Baku claim?") is None
    True

    A compound noun is kept whole: "bus routes", "outside parties".

    >>> asked_focus("How many bus routes had the mayor asked for?")
    'bus routes'
    >>> asked_focus("How many camp beds fill the gym floor?")
    'camp beds'
    >>> asked_focus("How many people saw the exhibition?")
    'people'
    >>> asked_focus("how many customs officers go"), asked_focus("How many minibus vans?")
    ('customs officers', 'minibus vans')
    >>> asked_focus("How many dialysis machines are free?"), asked_focus("How many menus?")
    ('dialysis machines', 'menus')
    >>> asked_focus("What is UNICEF's estimate of the number of children who fled?")
    'children'

    A modal, a pronoun or a verb counts nothing: the count is of whom the question means.

    >>> asked_focus("How many must finish?"), asked_focus("In how many was someone burned?")
    (None, None)
    >>> asked_focus("How many of them were run over by cars?") is None
    True
    >>> asked_focus("How many want to leave?"), asked_focus("How many exactly were there?")
    (None, None)
    """
    m = _FOCUS.search(question)
    if not m:
        return None
    tokens = m.group(1).split()
    if tokens[:1] == ["of"]:  # "how many of them were children", "how many of the dead"
        # the noun right after "were": "... were children"; "... came from abroad" and
        # "... were in a critical state" name no kind of people, so count nothing new
        after = [t.lower() for t in m.string[m.start(1) :].split()]
        at = next((i for i, t in enumerate(after) if t in _COPULA), None)
        noun = after[at + 1].strip("?.!,") if at is not None and at + 1 < len(after) else ""
        plain = noun and noun not in STOPWORDS | _NOT_FOCUS | _VERBS and plain_noun(noun)
        return noun if plain and not noun.endswith("ing") else None
    run: list[str] = []  # the noun phrase: "bus routes", "capital city", "wars"
    for i, t in enumerate(tokens):
        low = _POSSESSIVE.sub("", t.lower())
        if run and low in ("of", "for"):  # "the estimate of the number of children"
            rest = [*tokens[i:], *m.string[m.end() :].split()]
            if _OF_THE_NUMBER.match(" ".join(rest)):
                return _focus_after_of(rest)  # counts children, through "number of"
        if low in _NOT_FOCUS or low in STOPWORDS:
            break
        follows = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        modifier = follows and follows not in STOPWORDS and follows not in _NOT_FOCUS
        if run and (low in _ADJECTIVES or low.endswith("ed") or t[:1].isupper()):
            break  # past the noun: "revenues last year", "officer made", "boats Kenya"
        if modifier and (_MODIFIER.fullmatch(low) or low in _ADJECTIVES or t[:1].isupper()):
            continue  # "all-out wars", "total population", "Azerbaijani soldiers"
        if not plain_noun(t) or low in _VERBS or follows == "to":
            break  # "how many want to leave": no noun counted
        if low.endswith("ly") and not modifier:
            break  # "how many exactly were there?" (not "elderly arrivals")
        if singular(follows) in _QUANTITIES and follows not in ("share", "size"):
            # "what arrivals figure": a figure of arrivals, read as one below ("share"
            # and "size" may be verbs: "how many families share a flat")
            continue
        if singular(low) in _QUANTITIES:  # "what total", "the number of X": X is the focus
            after = [*tokens[i + 1 :], *m.string[m.end() :].split()]
            return _focus_after_of(after) if after[:1] == ["of"] else None
        run.append(low)
        plural = bool(_PLURAL.fullmatch(low))
        if plural and modifier and _PLURAL.fullmatch(follows) and follows not in _VERBS:
            continue  # a plural before a plural is a modifier: "customs officers"
        if plural or low in _PLURAL_WORDS:
            break  # a plural ends the noun: "bus routes", "camp beds (fill the floor)"
    return " ".join(run) or None


def names_kind(focus: str | None) -> bool:
    """Whether `focus` is a kind of thing news names (`NAMED_KINDS`): "which wildlife
    charity" asks for the charity's name.

    >>> names_kind("wildlife charity"), names_kind("councillors"), names_kind("trees")
    (True, True, False)
    """
    return focus is not None and any(singular(w) in NAMED_KINDS for w in focus.lower().split())


# nouns ending in "-ies" that are the same in the singular
_SAME_PLURAL = frozenset(["species", "series"])


def singular(noun: str) -> str:
    """A plural noun in the singular, as news spells most ("charities" -> "charity").

    >>> singular("charities"), singular("councillors"), singular("bodies"), singular("news")
    ('charity', 'councillor', 'body', 'news')
    >>> singular("species"), singular("series")  # the same in both numbers
    ('species', 'series')
    """
    if noun in _SAME_PLURAL:
        return noun
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is", "ws")):
        return noun[:-1]
    return noun


def asked_role(question: str, focus: str | None = None) -> str | None:
    """The noun (lower case) that describes whom or what a "who", "which" or "name"
    question asks to identify: "buyer" in "Who was the overseas buyer?", "lawyer" in
    "What is the name of his lawyer?". A sentence that mentions that one without naming
    it ("sold to an overseas buyer") does not answer. `focus` is `asked_focus(question)`.

    >>> asked_role("Who was the overseas buyer?"), asked_role("What is the name of his lawyer?")
    ('buyer', 'lawyer')
    >>> asked_role("What was the Edinburgh collector's name?")
    'collector'
    >>> asked_role("Which contractor supplied the software?", "contractor")
    'contractor'
    >>> asked_role("Who is the Carrowmore club chairperson?")
    'chairperson'
    >>> asked_role("Who is Dora Varga?") is None, asked_role("Who brokered it?") is None
    (True, True)
    >>> asked_role("Who is the oldest of the new weavers?") is None
    True
    """
    m = _ROLE_NAMED.search(question) or _ROLE_WHO.search(question)
    if m:
        phrase = next(g for g in m.groups() if g)
    elif focus and _WHICH.match(question):
        phrase = focus
    else:
        return None
    words = [_POSSESSIVE.sub("", w.lower()) for w in phrase.split()]
    kinds = [w for w in words if singular(w) in NAMED_KINDS]
    last = words[-1]  # a compound's head: "the club chairperson" is a chairperson
    nominal = m is not None and plain_noun(last) and not last.endswith("ing")
    head = last if nominal or not kinds else kinds[-1]  # "which company runs ...": the company
    if head in STOPWORDS | _NOT_FOCUS | _VERBS | GENERIC | _RANKS | {"name", "names"}:
        return None
    if head.endswith("est"):  # "the oldest of the weavers": a rank, not a role
        return None
    return singular(head) if plain_noun(head) and not head.endswith(("ing", "ed")) else None


def spell_out_titles(question: str) -> str:
    """`question` with each abbreviated title written out after it, as news writes it
    ("CEO" -> "CEO (chief executive)"), so the sentence naming the holder is found.

    >>> spell_out_titles("Who is the CEO of Veltrix?")
    'Who is the CEO (chief executive) of Veltrix?'
    >>> spell_out_titles("who's armenia's pm?"), spell_out_titles("Did it end at 8 pm?")
    ("who's armenia's pm (prime minister)?", 'Did it end at 8 pm?')
    """

    def add(m: re.Match[str]) -> str:
        return f"{m.group()} ({OFFICE_ABBREVIATIONS[m.group().lower()]})"

    return _ABBREVIATED.sub(add, question)


# A minister's portfolio as a question names it: a lower-case word before the office, not
# its time ("the current minister") nor a determiner; or "of" and lower-case words after
_NOT_PORTFOLIO = wordset(
    "current new former actual interim acting then first last next present incoming outgoing "
    "top senior real"
)
_PORTFOLIO_BEFORE = re.compile(
    rf"\b(?!(?:{'|'.join(_NOT_PORTFOLIO)})\b)([a-z]{{4,}}(?:-[a-z]+)?) $"
)
_PORTFOLIO_AFTER = re.compile(r" (?:of|for) ([a-z-]+(?: [a-z-]+){0,2}?)(?:\?|$|,| in\b| of\b)")


def office_asked(m: re.Match[str] | None, question: str) -> str | None:
    """The office a question asks about, written out ("CEO" -> "chief executive"), or
    the one its holder's verb names ("who chairs" -> "chair").

    >>> office_asked(None, "Who chairs the supporters' trust?")
    'chair'
    >>> q = "Who chairs Save Kelmouth Head?"
    >>> office_asked(re.search("Head", q), q)
    'chair'
    >>> q = "who is azerbaijan's defence minister?"
    >>> office_asked(re.search("minister", q), q)
    'defence minister'
    """
    verb = OFFICE_VERB.search(question)  # first: "who chairs Kelmouth Head?" asks a chair
    if verb:
        return OFFICE_VERBS[verb.group(1).lower()][0]
    if m is None:
        return None
    office = OFFICE_ABBREVIATIONS.get(m.group().lower(), m.group().lower())
    second = SECOND_OFFICE.search(question[: m.start()])  # "the deputy governor"
    if second:
        return f"{second.group(1).lower()} {office}"
    if office != "minister":
        return office
    # A minister is one of many: "the defence minister", "the minister of education"
    # name the portfolio, which a "Prime Minister" or a "Foreign Minister" does not hold
    before = _PORTFOLIO_BEFORE.search(question[: m.start()])
    after = _PORTFOLIO_AFTER.match(question[m.end() :])
    portfolio = before.group(1) if before else after.group(1) if after else ""
    return f"{portfolio.lower()} {office}".strip()


def is_attribute(question: str, focus: str | None) -> bool:
    """Whether `question` asks for an attribute of a known kind of something
    ("What is the population of X?", "What is its capital?", "X's budget").

    >>> is_attribute("What is the capital of Chad?", "capital")
    True
    >>> is_attribute("Which capital did she visit?", "capital")
    False
    """
    if not focus or focus.split()[-1] not in _ATTRIBUTE_KINDS:
        return False
    return bool(_ATTRIBUTE_FORM.search(question))


def _focus_after_of(tokens: list[str]) -> str | None:
    """The noun after `tokens`' first word ("of"), through another quantity: "(the
    estimate) of the number of children" counts children.

    >>> _focus_after_of("of the number of children who fled".split())
    'children'
    """
    for i, t in enumerate(tokens[1:4], start=1):
        low = t.lower().strip("?.,'’")
        if low in STOPWORDS or low in _ADJECTIVES:
            continue
        if low in _QUANTITIES and tokens[i + 1 : i + 2] == ["of"]:
            return _focus_after_of(tokens[i + 1 :])
        return low if plain_noun(low) and low not in _VERBS else None
    return None


def counted_kind(question: str) -> list[str]:
    """The names a "how many" question puts on what it counts, as search terms:
    "How many Azerbaijani soldiers died?" counts Azerbaijan's soldiers, not Armenia's.

    >>> counted_kind("How many Azerbaijani soldiers died?"), counted_kind("How many died?")
    (['azerbaijani'], [])
    """
    m = re.search(r"\b(?i:how many) ((?:[A-Z][\w’'-]* )+)[a-z]", question)
    return terms(m.group(1)) if m else []


_AUXILIARY = rf"(?:(?:{AUXILIARY}|been|be)\s+)*"  # "were ... evacuated", "have been killed"


def counted_action(question: str, counted: str) -> str | None:
    """What the people a "how many" question counts did, as a stem ("How many people
    signed the petition?": sign), so that those who did it count as them ("3,412
    signatures", "1,200 visitors", "300 workers").

    >>> counted_action("How many people signed the petition?", "people")
    'sign'
    >>> counted_action("How many people were evacuated from the town?", "people")
    'evacu'
    >>> counted_action("How many people?", "people") is None
    True
    """
    m = re.search(rf"\b{re.escape(counted)}\s+{_AUXILIARY}([a-z]+)\b", question, re.IGNORECASE)
    if not m or m.group(1).lower() in STOPWORDS:
        return None
    return stem(m.group(1).lower())


def question_names(question: str) -> list[str]:
    """Stems of the names a question gives: capitalised words after its first, and
    tokens mixing letters and digits ("Town0", "F-16"), each whole.

    >>> question_names("What is the name of the mayor of Town0?")
    ['town0']
    >>> question_names("Did Nikol Pashinyan meet the UN in Kyiv?")
    ['nikol', 'pashinyan', 'un', 'kyiv']
    """
    body = question.split(maxsplit=1)
    rest = body[1] if len(body) > 1 else ""
    found = [
        w
        for w in _NAME.findall(rest)
        if w.lower() not in STOPWORDS
        and not _DECADE.fullmatch(w)
        and w.lower() not in OFFICE_ABBREVIATIONS  # a title, not a name
    ]
    first = body[0] if body else ""
    if any(c.isdigit() for c in first) and any(c.isalpha() for c in first):
        found.insert(0, first)
    out: list[str] = []
    for w in found:
        for t in terms(w):
            if t not in out and t not in GENERIC:
                out.append(t)
    return out


# "how many ... did <verb>", "when was it <participle>": the auxiliary before the event
_EVENT_ASKED = re.compile(
    r"(?i)^\W*(?:and |so |but )?(?:how many|when|what (?:day|date|time|year|month))\b"
)
_AUXILIARIES = frozenset(re.findall(r"[a-z]+", AUXILIARY)) | {"be", "been"}
_BE_LIKE = wordset("was were is are be been has have had")
_DETERMINERS = wordset("the a an its his her their our my this that these those")
# verbs that name no event of their own ("how many did they get?", "how many came?")
_LIGHT_VERBS = wordset("happen get go come take make do be have say tell")


def event_verb(question: str) -> str | None:
    """The verb, as a lemma, of the event a "how many" question counts those of, or a
    "when" question dates: after "did" (or "will", "can" ...) the first word in its base
    form that WordNet knows as a verb, past a determiner's or a possessive's nouns ("the
    monitoring centre", "Kenya's avocado export ban"); after "were" (or "be", "has" ...)
    the last participle. None for any other question, or a verb that names no event.

    >>> event_verb("How many troops did Russia send?"), event_verb("how many were evacuated")
    ('send', 'evacuate')
    >>> event_verb("how many did the monitoring centre record"), event_verb("How many came?")
    ('record', None)
    >>> event_verb("When was the hall built?"), event_verb("When does Kenya's export ban start?")
    ('build', 'start')
    >>> event_verb("Who opened it?") is None
    True
    """
    if not _EVENT_ASKED.search(question):
        return None
    words = re.findall(r"[a-z’'-]+", question.lower())
    aux = max((i for i, w in enumerate(words) if w in _AUXILIARIES), default=None)
    if aux is None:
        return None
    after = words[aux + 1 :]
    found: list[tuple[str, str]] = []
    in_phrase = False  # inside a determiner's noun phrase: "the monitoring centre record"
    for i, w in enumerate(after):
        if w in _DETERMINERS or w.endswith(("'s", "’s")):  # "Kenya's avocado export ban"
            in_phrase = True
            continue
        more = i + 1 < len(after) and after[i + 1] not in STOPWORDS
        if in_phrase and more and is_noun(w):
            continue
        in_phrase = False
        lemma = verb_lemma(w) if w not in STOPWORDS and len(w) > 2 else None
        if lemma is not None:
            found.append((w, lemma))
    if words[aux] in _BE_LIKE:
        found = [(w, lemma) for w, lemma in found if w != lemma or w.endswith(("ed", "en"))]
        verb = found[-1][1] if found else None
    else:
        verb = next((lemma for w, lemma in found if w == lemma), None)
    return None if verb in _LIGHT_VERBS else verb


def reaction_by(question: str) -> list[str] | None:
    """Whose reaction `question` asks about, as search terms: None if it asks about no
    reaction, [] if it names no one (a common noun names no one: "the stock" may be
    "shares"). A capital's country added by `with_countries` counts.

    >>> reaction_by("How did Moscow (Russia) take that?")
    ['moscow', 'russia']
    >>> reaction_by("What was Armenia's reaction?"), reaction_by("Who signed it?")
    (['armenia'], None)
    >>> reaction_by("What was the reaction in Reno?")
    ['reno']
    >>> reaction_by("What did the Environment Agency say about the fine?")
    ['environ']
    >>> reaction_by("How did Derby's mayor react?")
    ['derbi', 'mayor']
    >>> reaction_by("What did Baku (Azerbaijan) say about the letter?")
    ['baku', 'azerbaijan']
    """
    if not any(p.search(question) for p in (REACTION, STATEMENT, ACCEPTED)):
        return None
    found = _REACTOR.search(question)
    if not found or not found.group(1)[:1].isupper():
        return []  # "how did the stock react": no one named, any reaction will do
    named = terms(f"{found.group(1)} {found.group(2) or ''} {found.group(3) or ''}")
    return [t for t in named if t not in GENERIC]


_ADJECTIVES = wordset(
    "total overall exact full official new old main first last current military political "
    "minimum maximum lowest highest "
    "armed civilian ethnic foreign local national international largest biggest estimated "
    "final whole average annual original"
)


def plain_noun(word: str) -> bool:
    """A lower-case word that can be a noun (not a name, number or stop word)."""
    word = _POSSESSIVE.sub("", word)
    low = word.lower()
    plain = word[:1].islower() and low.isalpha() and low not in STOPWORDS and len(low) > 2
    return plain and not low.endswith("ed")  # "how many died": a verb counts nothing


def asks_name_of(question: str) -> bool:
    """Whether `question` asks the name of a thing it describes ("the name of the school
    where she taught", "what is her cafe called?").

    >>> asks_name_of("What is the name of the school where she taught?")
    True
    """
    return bool(_ROLE_NAMED.search(question))


# "Who is Artur Sargsyan?": a question that names someone and asks nothing else
_WHO_NAMED = re.compile(
    r"^\W*(?i:and |so )?(?i:who(?: is| was|'s|’s)) (?:[^\W\d_a-z][\w'’.-]*\s*){1,4}\??\s*$"
)


def asks_who_named(question: str) -> bool:
    """Whether `question` (with its names capitalised) only asks who someone it names is:
    any sentence that names them and says what they are answers it, no other name.

    >>> asks_who_named("who is Artur Sargsyan?"), asks_who_named("Who's Helen Marsh")
    (True, True)
    >>> asks_who_named("Who is Armenia's prime minister?"), asks_who_named("Who led it?")
    (False, False)
    """
    return bool(_WHO_NAMED.match(question))


# "who came second?", "how much did the runners-up get?", "which team finished third?"
_PLACED_ASKED = re.compile(
    rf"\b(?:came|come|finished|finish|placed|ended up|was|were) ({PLACED})\b|\b(runners?-up)\b",
    re.IGNORECASE,
)


def asks_placed(question: str) -> str | None:
    """The place below the winner a question asks about ("second", "runner-up"), or None:
    "who came second?" and "how much did the runners-up get?" are not answered by a
    sentence that tells only who won, or the winner's prize.

    >>> asks_placed("Who came second?"), asks_placed("How much did the runners-up get?")
    ('second', 'runners-up')
    >>> asks_placed("Who won?") is None, asks_placed("What was last year's revenue?") is None
    (True, True)
    """
    m = _PLACED_ASKED.search(question)
    return (m.group(1) or m.group(2)).lower() if m else None


# "Who led the UN team?", "who will head the delegation?": asks who leads something
_LEADER_ASKED = re.compile(
    r"^\W*(?:and |so )?who(?:(?:'s|’s| is| was| are| were| has been| had been) "
    r"(?:leading|heading|chairing)|(?: will| would| did| does| do| should| could| can| may)"
    r" (?:co-)?(?:lead|head|chair)| (?:co-)?(?:led|leads|headed|heads|chaired|chairs))\b",
    re.IGNORECASE,
)


def asks_leader(question: str) -> bool:
    """Whether `question` asks who leads, heads or chairs something: a leader is someone
    named, not the body led ("A United Nations team visited the city" for "who led the UN
    team?"). Present-tense "who heads X?" asks an office (`kinds.OFFICE_VERB`); routing
    these tenses there too, so the holder must be named with a title or the verb, lost
    28 turns of the read sets and 6 of the unread ones: naming someone is enough here.

    >>> asks_leader("who led the UN team?"), asks_leader("Who will head the delegation")
    (True, True)
    >>> asks_leader("Who plays lead on the team?"), asks_leader("Who attended?")
    (False, False)
    """
    return bool(_LEADER_ASKED.match(question))


def asks_which(question: str) -> bool:
    """Whether `question` opens on "which" ("Which charity ...", "In which town ...").

    >>> asks_which("In which town did it happen?"), asks_which("Who did it?")
    (True, False)
    """
    return bool(_WHICH.match(question))
