"""What the fact layer finds in one article: quotes, numeric claims and dated mentions.

Offsets are character positions in ``Article.text``; ``sentence`` is the sentence the fact was found in, so
later steps can align facts across articles and date them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Qualifiers of numeric claims; "range" values are (low, high).
# Kinds of numbers: only quantities are claims to compare across outlets; ages and durations describe, and a
# "mention" refers to someone without counting ("one official said").
NUMBER_KINDS = ("quantity", "age", "duration", "mention")
QUALIFIERS = ("exact", "more_than", "at_least", "about", "over", "up_to", "nearly", "fewer_than", "range")


@dataclass(slots=True)
class Quote:
    text: str  # the quoted words without quotation marks or the closing comma/full stop; parts split by
    # "she said" (or by a paragraph break) joined by one space
    speaker: str | None  # the speaker's full name as the article gives it (or an organisation), None if unknown
    direct: bool  # False for reported speech ("X said that …", "according to X")
    start: int
    end: int


@dataclass(slots=True)
class NumberClaim:
    text: str  # the number as written, with its qualifier: "more than 160", "a dozen", "between 40 and 50"
    value: float | tuple[float, float]
    qualifier: str  # one of QUALIFIERS
    unit: str | None  # "percent", "USD", "EUR", "km", … or None for counts
    what: str | None  # what is counted: "countries that signed the treaty"
    start: int
    end: int
    sentence: str
    kind: str = "quantity"  # one of NUMBER_KINDS
    noun: str | None = None  # for a count, the counted noun with its modifiers, singular, lower case:
    # "european country" (None for measures and when the number counts no noun)
    predicate: str | None = None  # for a count of things that undergo an action, the verb's lemma: "injure" in
    # "five people were injured", "kill" in "killed at least seven" (None for those who act, for measures, unparsed)
    planned: bool = False  # its clause states a plan, promise or possibility ("will reopen three berths", "could
    # reach 20 million euros"), not a figure reported as known


@dataclass(slots=True)
class DateMention:
    text: str
    date: str | None  # ISO 8601 calendar value at the expression's granularity: a day "2024-11-26", a month
    # "2024-11", an ISO week "2024-W48" or a year "2024"; None when it has none or cannot be resolved (never guessed)
    sentence: str
    start: int
    end: int

    @property
    def day(self) -> str | None:
        """``date`` when it is a single day."""
        return self.date if self.date and len(self.date) == 10 else None


@dataclass(slots=True)
class Entity:
    name: str  # canonical display name: "Lloyd Austin", "United States", "Human Rights Watch"
    type: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, …
    aliases: list[str]  # other surface forms seen: "Austin", "U.S.", "Washington" (as government), "HRW"
    role: str | None = None  # title stripped from the name: "Defence Secretary"
