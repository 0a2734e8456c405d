"""The kinds of answer a question may ask for, and the words questions and news use for
them: the vocabulary `qa.intent` reads a question with.

`KINDS` and `KIND_PATTERNS` (how a question asks for each: "how many", "at what time",
"who chairs ..."); the offices and roles people are asked about by (`OFFICE`,
`PERSON_ROLE`, `OFFICE_VERBS`, `OFFICE_ABBREVIATIONS`), which `qa.holders` also reads in
sentences; a reaction or a statement asked about (`REACTION`, `STATEMENT`); verbs aimed
at someone (`AIMED`: accuse, blame, urge ...), read in questions and sentences; and a
question answered yes or no (`YES_NO`), which `qa.scoring` reads too. Data and patterns
only: nothing here decides.
"""

from __future__ import annotations

import re

from .units import DIMENSIONS, RACE_TIME, SCORE_ASKED

__all__ = [
    "ACCEPTED",
    "AIMED",
    "ASKING",
    "AUXILIARY",
    "CLOCK_ASKED",
    "DETERMINER",
    "DID",
    "GOING",
    "INJURED",
    "KILLED",
    "KINDS",
    "KIND_PATTERNS",
    "OFFICE",
    "OFFICE_ABBREVIATIONS",
    "OFFICE_VERB",
    "OFFICE_VERBS",
    "PERSON_ROLE",
    "PLACED",
    "REACTION",
    "SECONDS",
    "SECOND_OFFICE",
    "STATEMENT",
    "YES_NO",
    "wordset",
    "yes_or_no",
]

# The slots a question can ask for, in the order they are tried.
KINDS = (
    "yesno",
    "age",
    "number",
    "time",
    "date",
    "expansion",
    "office",
    "title",
    "place",
    "reason",
    "reaction",
    "name",
    "called",
    "person",
)

OFFICE = (
    r"(chief (?:executive|financial|operating|technology) officer|chief executive|head coach"
    r"|president|prime minister|minister|leader|head|chief|boss|spokes(?:man|woman|person)"
    r"|commander|ambassador|secretary|governor|mayor|king|queen|chair(?:man|woman|person)?"
    r"|director|ceo|cfo|coo|cto|coach|manager|captain|councillor|councilor|judge|editor"
    r"|rector|dean|principal|head ?teacher|headmaster|headmistress|ombudsman|chancellor"
    r"|speaker)"
)
# An office's second, written right before it: a "deputy mayor" holds another office
SECONDS = ("deputy", "vice", "assistant")
SECOND_OFFICE = re.compile(rf"\b({'|'.join(SECONDS)})[ -]$", re.IGNORECASE)
# People a question may ask the name of ("what was the name of the boy", "which officer")
PERSON_ROLE = (
    r"(boy|girl|man|woman|child|teenager|victim|survivor|witness|soldier|officer|general"
    r"|commander|spokes(?:man|woman|person)|diplomat|envoy|ambassador|driver|pilot|player"
    r"|coach|runner|athlete|winner|doctor|surgeon|nurse|scientist|researcher|professor"
    r"|founder|author|journalist|reporter|lawyer|judge|resident|student|teacher|wife"
    r"|husband|son|daughter|mother|father|brother|sister)"
)
# The places below a race's or a contest's winner, as a question asks them and a result
# tells them: "who came second?", "finished third", "the runners-up"
PLACED = r"second|third|fourth|fifth|runners?-up"
# An office asked by what its holder does ("Who chairs the trust?" asks for its chair):
# the verb, the office, and the participle news writes the holder after ("chaired by").
OFFICE_VERBS = {
    "chairs": ("chair", "chaired"),
    "heads": ("head", "headed"),
    "runs": ("head", "run"),
    "leads": ("leader", "led"),
    "coaches": ("coach", "coached"),
    "captains": ("captain", "captained"),
    "manages": ("manager", "managed"),
    "directs": ("director", "directed"),
    "governs": ("governor", "governed"),
    "edits": ("editor", "edited"),
}
# "Who chairs X?", "According to the article, who heads X?"
_WHO_DOES_OFFICE = rf"^(?:[^?]*, )?(?:(?:and|so),? )?who ({'|'.join(OFFICE_VERBS)})\b"
OFFICE_VERB = re.compile(_WHO_DOES_OFFICE, re.IGNORECASE)
# Titles news writes out in full: the office asked as "CEO" is held by a "chief executive".
OFFICE_ABBREVIATIONS = {
    "ceo": "chief executive",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "pm": "prime minister",
}

# The words that point at whom or what a noun means: "the", "that", "his" ...
DETERMINER = r"(?:the|this|that|these|those|his|her|its|their)"
# The auxiliary verbs a question opens or turns on: "Did ...?", "who has ...", "were taken"
AUXILIARY = (
    r"(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|may|might"
    r"|must)"
)
# The words a question opens with: a wh-word or an auxiliary ("how", "did", "is")
ASKING = rf"(?:how|what|who|whom|whose|which|where|when|why|{AUXILIARY})\b"
# the ones that ask whether someone did something: "Did Armenia accept ...?"
DID = r"(?:did|does|do|has|have|had|will|would)"

# Going somewhere, in every form, as "where were they taken?" asks it and news tells where
# to ("moved to temporary gazebos"); not "took place", "take in", "go missing", "going to be"
GOING = (
    r"(?:tak(?:e|en|es|ing)|took|mov(?:e|ed|es|ing)|sen(?:d|ds|ding|t)|br(?:ing|ings|inging"
    r"|ought)|carr(?:y|ies|ied|ying)|evacuat(?:e|ed|es|ing)|relocat(?:e|ed|es|ing)"
    r"|transferr?(?:ed|ing|s)?|resettl(?:e|ed|es|ing)|rehous(?:e|ed|es|ing)|return(?:s|ed|ing)?"
    r"|go(?:es|ne|ing)?|went|head(?:s|ed|ing)?|fle(?:e|es|eing|d)|bound|reintroduc(?:e|ed|es|ing))"
    r"\b(?! place\b| in\b| missing\b| to be\b)"
)

# Verbs aimed at someone, whose object a question names: "What did Baku accuse Armenia of?"
AIMED = r"accus|blam|urg|warn|critici[sz]|condemn|thank|sanction|invit|congratulat"

# A question about a reaction: "How did Armenia respond?", "How did Moscow take that?"
REACTION = re.compile(
    r"\b(respond(ed)?|react(ed)?|repl(y|ied)|reaction|response|retaliat\w*"
    r"|take (that|it|this|the news))\b"
    # an opinion asked in other words: "what did Baku make of it?", "what does the union
    # think (of it)?", "how do residents feel about it?", "how did hotel owners take the
    # vote?", "what is Ankara's view of the drafts?", "was Ankara pleased with them?"
    rf"|\bwhat {DID} [\w'’ ()-]+? (?:make of|think)\b"
    rf"|\bhow {DID} [\w'’ ()-]+? (?:feel|felt|take)\b(?! part| place| off| over)"
    r"|(?:['’]s|\btheir|\bhis|\bher|\bits) (?:view|views|stance|verdict|opinion) (?:of|on|about)\b"
    r"|\b(?:happy|pleased|unhappy|displeased|angry|upset|satisfied|keen) (?:with|about|by|on)\b",
    re.IGNORECASE,
)
# "Did Armenia accept the accusations?", "has Baku agreed to it?": whether someone took
# or turned down something is told by their reaction ("Armenia rejected the allegations").
ACCEPTED = re.compile(
    rf"^(?:and |so |but )?{DID} [\w'’ ()-]+? "
    r"(?:accept|agree|admit|approve|acknowledge|concede|deny|denied|reject|dispute|welcome"
    r"|(?:support|oppose|object|critici[sz]e|condemn|praise|protest|complain)(?:s|e?d)?\b"
    # backing something, not going back: "did she back the plan?", not "go back to it"
    r"|back(?:s|ed)? (?:the|a|an|it|this|that|these|those|them|his|her|their|its|what)\b)",
    re.IGNORECASE,
)
# A question about what someone said or decided: "What did the council decide?" is
# answered by the council's statement, as a reaction is, not by a sentence naming it.
STATEMENT = re.compile(
    r"\bwhat (?:did|has|have|had) (?:the )?[\w'’ ()-]+? "  # "Baku (Azerbaijan)"
    r"(?:say|decide|conclude|rule|agree|announce|recommend|propose|find|vote|demand|claim"
    r"|warn|promise|complain|argue|insist|add|tell)\b"
    # why someone did it, in their words: "how did the minister justify the cut?"
    rf"|\bhow {DID} (?:the )?[\w'’ ()-]+? (?:justify|defend|explain)\b",
    re.IGNORECASE,
)


# What happened to people a count counts, as questions ask and news tells casualties
KILLED = r"di(?:e|ed|es)|dead|deaths?|kill(?:ed|ing|s)?|fatalit\w*|perish\w*"
INJURED = r"injur\w*|wound\w*|hurt"
# "when will it reopen?", "what date is the vote due to take place?": a time still to come
AHEAD_ASKED = re.compile(
    r"(?i)\b(?:will|shall|(?:going|set|expected|scheduled) to|(?:is|are)\b[^?]*?\bdue to)\b"
)
# and what is planned: "is he planning to quit?", "what's next for the team?" (not for a
# date: "when did they plan to open?" may be answered by a plan that fell through)
PLANNED_ASKED = re.compile(
    r"(?i)\b(?:(?:plan|plans|planning|intend|intends|intending|hope|hopes|hoping|expect"
    r"|expects|expecting) to|what(?:'s|’s|s| is) next)\b"
)
# "what time did it start?", "at what time did it take effect?", "at what hour": the
# clock's time ("at what time of day" may be answered "in the morning"). Readers ask "at
# what time" for the clock: read as a date, a year answered it ("in 2020").
CLOCK_ASKED = re.compile(r"(?i)\b(?:what time|what hour|which hour)\b(?! of (?:the )?day)")


def wordset(text: str) -> frozenset[str]:
    """The words of `text`, as a set (vocabularies written as one string)."""
    return frozenset(text.split())


# A question answered yes or no: "Did both sides agree?", "And is it inside Azerbaijan?"
YES_NO = re.compile(
    rf"^(?:(?:and|so|but|then|also),? )?(?:{AUXILIARY}|isn't|wasn't|didn't|doesn't|hasn't)\b",
    re.IGNORECASE,
)


def yes_or_no(question: str) -> bool:
    """Whether `question` asks yes or no: it opens with an auxiliary and offers no choice
    ("Is it open?", not "Is it open or closed?").

    >>> yes_or_no("Did Armenia agree?"), yes_or_no("Did Armenia agree or refuse?")
    (True, False)
    """
    return bool(YES_NO.match(question.strip())) and not re.search(r"\bor\b", question, re.I)


# "how high", "how heavy", "how hot": a size, in the unit `qa.units` reads for it
_SIZES = "|".join(asked for asked, _ in DIMENSIONS.values())
# Each kind and how a question asks for it, tried in this order (`qa.intent.asked_kind`)
KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "age",  # before "number": "how old" asks for an age, not any number
        re.compile(
            r"\b(how old|at what age"
            r"|(what|which) (is|was) (the |his |her |their |[\w-]+['’]s )?age)\b"
        ),
    ),
    (
        "number",
        re.compile(
            rf"\b(how (many|much|old|long|far|big|large|often|{_SIZES})"
            r"|what (number|percentage|share|proportion|amount|sum|figure|total|price|cost)"
            r"|death toll|number of|what was the toll|what is the toll"
            # a figure asked by what it counts: "what evacuation figure did they give?",
            # "what toll did the ministry give?"
            r"|what(?:['’]s| is| was| were| are)? (?:the |its |their |his |her )?"
            r"(?:[\w’'-]+ ){0,2}?(?:figure|toll|tally)s?(?! of)"
            r")\b"
            rf"|{SCORE_ASKED.pattern}"  # a result: "what was the vote?" asks "seven to three"
            rf"|{RACE_TIME.pattern}"  # how long a race took: "what was her time?"
        ),
    ),
    (
        "time",
        re.compile(
            r"\b(at what time of (the )?day|what time|at what hour|which hour|what hour"
            r"|time of (the )?day)\b"
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(when|(what|which)( \w+)? (year|day|date|month|decade|century)"
            r"|on what day|in what year|since when)\b"
        ),
    ),
    (
        "expansion",
        re.compile(r"\b(stands? for|short for|abbreviation|acronym|full name|spel(?:t|led) out)\b"),
    ),
    (
        "office",  # who holds a named office: the answer names the office too
        re.compile(
            rf"\b(?:who(?: is|'s| was| are| were)|what is the name of|name the) (?:the )?"
            rf"(?:[\w-]+['’]s )?(?:\w+ )?{OFFICE}\b"
            rf"|{_WHO_DOES_OFFICE}"  # "who chairs the trust"
        ),
    ),
    (
        "title",  # the office or job a named person holds: "What post does X hold?"
        re.compile(
            r"\bwhat (?:position|post|job|rank|office|occupation|profession) (?:does|did|do|is|was"
            r"|has|had|will)\b|\bwhat (?:is|was) (?:(?:[\w’'-]+ ){0,3}[\w’'-]+['’]s|his|her|their)"
            r" (?:current |former "
            r"|old |new )?(?:position|post|job|rank|occupation|profession|(?:job )?title)\b"
            r"|\bwhat does [\w ’'-]+ do for a living\b"
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(where|(what|which) (country|city|region|place|town|village|province|state"
            r"|capital|venue|stadium|site|district|area|location))\b"
        ),
    ),
    (
        "reason",
        re.compile(
            r"^(?:(?:and|so|but),? )?why\b|\b(what|which) (reason|cause|motive)"
            r"|what (caused|led to|prompted|triggered|made)\b|for what reason|how come\b"
        ),
    ),
    (
        "name",  # a person's name, which only a sentence naming someone new can give
        re.compile(
            r"\b(what (is|was|are|were) ((his|her|their) "
            rf"|(the |his |her |their )?([\w-]+ )?({PERSON_ROLE}|{OFFICE})(?:['’]s|s['’]) "
            # "the lieutenant colonel's name", "the prime minister's wife's name"
            rf"|{DETERMINER} (([a-z-]+ ){{0,2}}[a-z-]+(?:['’]s|s['’]) ){{1,2}})"
            r"(full |first |last )?(?:sur)?names?"  # "her sons' names", "his surname"
            r"|what (are|were) the names of (the |those |these )?[a-z]+"
            r"|what (is|was) the (full )?name of (the |a |an |that |this |his |her |their )?"
            rf"([\w-]+['’]s )?([\w-]+ ){{0,2}}(?:{PERSON_ROLE}|official)"
            # "which Human Rights Watch researcher", not "which university is the researcher"
            r"|which (?:(?!(?:is|was|are|were|did|does|do|has|had) )[\w-]+ ){0,3}"
            rf"{PERSON_ROLE})\b"
        ),
    ),
    (
        "called",  # a thing's name: "What's the hotel called?" wants "Hotel Arevik"
        re.compile(
            r"\bwhat (?:is|was|are|were) (?:the |its |their |his |her |this |that )?"
            r"(?:[\w’'-]+ ){0,4}?(?:called|named|known as)\b"
            # "what is the name of the company that ...?" (a person's role asks "name")
            r"|\bwhat (?:is|was) the name of (?:the|a|an|its|their|this|that|his|her) "
        ),
    ),
    (
        "person",
        re.compile(
            r"\b(who|whom|whose|which (\w+ )?(leader|official|minister|president|organi[sz]ation"
            r"|agency|country|countries|side|group|body|alliance|power|company|firm|team|club"
            r"|person|people|man|woman)"
            r"|what (\w+ )?(group|organi[sz]ation|agency|alliance|body|company|firm|team|club)"
            r"|what (is|was|are|were) (his|her|their|its|the) names?)\b"
        ),
    ),
]
