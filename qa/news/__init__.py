"""Reading news text: the numbers, amounts, dates, days, times, ages, names and counts a
sentence gives, as wire copy writes them ("Sept. 28", "Kiprono, 34,", "192 of its
servicemen", "a 125-seat chamber", "roughly a third", "£62m"); what it says is not
known ("did not say whether"); and a dateline standing alone. Pure functions over text;
what they mean for a question is `qa.scoring`'s and `qa.rules`' business.

One module per reader: `numbers` (numbers, amounts, shares, counts), `dates` (dates,
days, times of day, datelines), `names` (people, bodies, ages, acronyms), `causes` (what
a sentence gives as a cause) and `withholding` (what a sentence says is not known); their
public names are re-exported here.
"""

from __future__ import annotations

from .causes import gives_reason, tells_cause
from .dates import (
    MADE_IN,
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    YEAR,
    date_spans,
    dates_in,
    days_in,
    has_clock_time,
    has_time,
    is_dateline,
    speaks_ahead,
    tells_when,
)
from .names import (
    ACRONYM,
    AGE,
    BODY_KINDS,
    FULL_NAME,
    actor_names,
    bodies_in,
    capitalised_names,
    goes_on,
    initials_in,
    names_a_country,
    person_names,
    person_spans,
    placed,
    refers_back,
    spells_out,
    thing_names,
)
from .numbers import (
    CURRENCIES,
    DEGREES_ON,
    LENGTH_UNITS,
    MONEY_SIGN,
    NUMBER_WORDS,
    POPULATION,
    TEMPERATURE_UNITS,
    WEIGHT_UNITS,
    amounts_in,
    counted_words,
    counts_in,
    gives_part,
    gives_share,
    measures,
    number_spans,
    number_value,
    numbers_in,
)
from .sources import bare_quote, gives_source, names_no_source, unquoted
from .withholding import keeps_silent, withheld

__all__ = [
    "ACRONYM",
    "AGE",
    "BODY_KINDS",
    "CURRENCIES",
    "DEGREES_ON",
    "FULL_NAME",
    "LENGTH_UNITS",
    "MADE_IN",
    "MONEY_SIGN",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "NUMBER_WORDS",
    "POPULATION",
    "TEMPERATURE_UNITS",
    "WEEKDAYS",
    "WEIGHT_UNITS",
    "YEAR",
    "actor_names",
    "amounts_in",
    "bare_quote",
    "bodies_in",
    "capitalised_names",
    "counted_words",
    "counts_in",
    "date_spans",
    "dates_in",
    "days_in",
    "gives_part",
    "gives_reason",
    "gives_share",
    "gives_source",
    "goes_on",
    "has_clock_time",
    "has_time",
    "initials_in",
    "is_dateline",
    "keeps_silent",
    "measures",
    "names_a_country",
    "names_no_source",
    "number_spans",
    "number_value",
    "numbers_in",
    "person_names",
    "person_spans",
    "placed",
    "refers_back",
    "speaks_ahead",
    "spells_out",
    "tells_cause",
    "tells_when",
    "thing_names",
    "unquoted",
    "withheld",
]
