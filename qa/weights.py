"""Every weight and threshold of extractive scoring, declared once with what it means:
the signals' weights, each rule's adjustment, and the thresholds `decide` applies.
`qa.rules` reads them (and re-exports them); `articleqa ask --explain` and the docs list
them with `Weights.describe()`. One frozen instance, `WEIGHTS`, is the default; a test
or an experiment passes another.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

__all__ = ["WEIGHTS", "Weights"]


@dataclass(frozen=True)
class Weights:
    """Every weight and threshold of extractive scoring, with what it means."""

    semantic: float = field(default=0.7, metadata={"help": "weight of embedding similarity"})
    overlap: float = field(default=0.2, metadata={"help": "weight of IDF-weighted term overlap"})
    title_term: float = field(
        default=0.0,
        metadata={
            "help": "a question word's share of a lead sentence's overlap when the article's "
            "title has it: the lead retells the title, so those words say which article, "
            "not that the lead answers"
        },
    )
    prior: float = field(default=0.05, metadata={"help": "weight of the passage's retrieval rank"})
    context: float = field(
        default=0.5, metadata={"help": "weight of a follow-up's context relative to itself"}
    )
    neighbour: float = field(
        default=0.3, metadata={"help": "share of a sentence pair's extra similarity each gains"}
    )
    title_mix: float = field(
        default=0.5,
        metadata={
            "help": "share of the article title's vector added to a sentence's (then unit "
            "length) to read it as part of its story: a sentence that only retells the "
            "headline gains least, one that adds to it most (`story`, weighted as "
            "`semantic`; first questions only); 0 turns it off"
        },
    )
    story_reach: float = field(
        default=0.5,
        metadata={
            "help": "share of the way up to its article's most similar sentence a sentence's "
            "story may lift its similarity (`qa.story.story_lift`): half, so the title "
            "orders an article's sentences and the sentences' own words still decide a near tie"
        },
    )
    kind_bonus: float = field(
        default=0.08, metadata={"help": "for a sentence holding the asked kind of answer"}
    )
    kind_penalty: float = field(
        default=0.08,
        metadata={
            "help": "for a sentence lacking the asked kind of answer; kept small, so the "
            "sentence on the asked thing stays first when it lacks the kind (a near-miss: "
            "declined by the slot check) instead of yielding to one with any such figure"
        },
    )
    holder_penalty: float = field(
        default=0.12,
        metadata={
            "help": "instead of kind_penalty, for a sentence naming no holder of the asked "
            "office: the body's own sentences ('Calderdale Council voted ...') never name "
            "its head, so lacking one says less that the question is a near-miss"
        },
    )
    spelt_out: float = field(
        default=0.2,
        metadata={
            "help": "instead of kind_bonus, for a sentence writing out the asked acronym: an "
            "exact fill, however little else of a short question ('what does ICRC stand "
            "for?') it shares"
        },
    )
    focus_bonus: float = field(
        default=0.04, metadata={"help": "for a sentence naming the thing asked about"}
    )
    missing_name: float = field(
        default=0.05, metadata={"help": "times the share of the question's names its article lacks"}
    )
    ahead: float = field(
        default=0.06,
        metadata={
            "help": "for a sentence speaking of what is still to come, when the question "
            "asks what will happen ('what will the money pay for?', 'will the plant be hit?')"
        },
    )
    other_day: float = field(
        default=0.1,
        metadata={"help": "a sentence dated another day of the month than the question names"},
    )
    anchor_penalty: float = field(
        default=0.05,
        metadata={"help": "a sentence whose article lacks a number the question gives"},
    )
    affinity: float = field(
        default=0.16,
        metadata={
            "help": "a sentence from the article the last answer cited, whether or not the "
            "question leans on it: a conversation keeps to its article"
        },
    )
    next_sentence: float = field(
        default=0.1,
        metadata={
            "help": "more for a follow-up's sentence right after the last answer's, when it "
            "goes on from it ('However, ties have soured ...', 'It said ...')"
        },
    )
    next_unlinked: float = field(
        default=0.07,
        metadata={
            "help": "instead of next_sentence, for the sentence right after that opens "
            "afresh: it may be about something else"
        },
    )
    reaction_bonus: float = field(
        default=0.05, metadata={"help": "a sentence telling the reaction asked about"}
    )
    headline_penalty: float = field(
        default=0.15, metadata={"help": "a headline: dense with topic words, thin on facts"}
    )
    headline_unfigured: float = field(
        default=0.3,
        metadata={
            "help": "the same when no number is asked: a headline gives figures, "
            "seldom who, where, when or why"
        },
    )
    doer: float = field(
        default=0.1,
        metadata={"help": "for naming someone who did what 'who <did> ...?' asks about"},
    )
    aim: float = field(
        default=0.1,
        metadata={"help": "for an accusation (blame, warning) aimed at whom the question says"},
    )
    antecedent_term: float = field(
        default=0.5,
        metadata={
            "help": "a question's word found only in the sentence before one that opens "
            "on a pronoun ('Its owner, Gagik Melkonyan, ...' after 'The Hotel Arevik ...')"
        },
    )
    synonym_term: float = field(
        default=0.5,
        metadata={"help": "a question's word found only as a WordNet synonym ('kids')"},
    )
    similar_word: float = field(
        default=0.66, metadata={"help": "cosine above which a counted word means the asked one"}
    )
    similar_to_people: float = field(
        default=0.45,
        metadata={
            "help": "the same for 'how many people': any group of people (villagers, "
            "members, patients) is people, a thing (tanks, beds) is not"
        },
    )
    phrase: float = field(
        default=0.05,
        metadata={"help": "for the question's neighbouring words standing close in the sentence"},
    )
    event_filler: float = field(
        default=0.06,
        metadata={
            "help": "for a number or a date standing close to the verb a 'how many' "
            "question counts by or a 'when' question dates ('how many were moved out?' / "
            "'moved 1,200 residents'; 'when was the organ built?' / 'built in 1898')"
        },
    )
    unchecked_kind: float = field(
        default=0.04,
        metadata={
            "help": "how much lower the confidence threshold is for a question whose kind "
            "no check can confirm (a description, a reason, a yes or no): its best "
            "sentence cannot earn the asked-kind bonus"
        },
    )
    unrelated: float = field(
        default=0.4,
        metadata={
            "help": "the similarity under which a best sentence that shares no word with "
            "the question is unrelated to it, whatever the conversation adds: no answer"
        },
    )
    second_margin: float = field(
        default=0.06, metadata={"help": "a second sentence must score within this of the best"}
    )
    also_margin: float = field(
        default=0.04, metadata={"help": "another article's runner-up is listed as 'also'"}
    )

    def describe(self) -> list[tuple[str, float, str]]:
        """(name, value, help) of every weight, for docs and `--explain`."""
        return [(f.name, getattr(self, f.name), f.metadata["help"]) for f in fields(self)]


WEIGHTS = Weights()
