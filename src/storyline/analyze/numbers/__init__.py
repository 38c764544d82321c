"""Numeric claims in an article's text: "more than 160 nations", "$4.2 million in aid", "between 40 and 50 people".

API::

    find_numbers(text, nlp=None) -> list[NumberClaim]        # one text (str) or an already parsed spaCy Doc
    find_numbers_many(texts, nlp=None) -> Iterator[list[NumberClaim]]   # many texts, parsed in batches
    load_parser(model=None)                                  # the spaCy pipeline used by default (cached)

Numbers are found by rules on the characters (digits, number words, qualifiers, currencies, units), and dates,
times, years, names ("Flight 714", "COVID-19", "Week 13"), phone numbers, addresses, table cells and scores
are dropped there. spaCy's dependency parse then says what is counted and drops number words that count
nothing ("one of them", "they will get one"). For a string only the sentences that hold a number candidate are
parsed, which is most of the speed. Offsets are character positions in the given text.

Conventions (those of the gold set in tests/gold/README.md):

- Qualifier words and currency/unit words are part of ``text``; the counted noun is not ("more than 160",
  "about 3,000 tonnes", "$4.2 million", "38%", "six hours", "within six months").
- Vague plurals are "more than" their base: "hundreds" -> 100, "dozens" -> 12, "tens of thousands" -> 10,000,
  "millions" -> 1,000,000, all more_than. "a dozen" -> 12 and "half a million" -> 500,000 are exact.
- Shares are percentages: "a third of homes" -> 33.33..., "two-thirds of" -> 66.66..., "one in five" -> 20,
  "1/16 of a pint" -> 6.25 (unit "percent"; the value is not rounded).
- "a"/"an" is one only after a qualifier: "up to a metre" -> 1 m up_to; "twice" -> 2.
- "One official said", "according to one diplomat" are of kind "mention": a source, not a count.
- Ages are numbers of kind "age", not quantities: "aged 54", "a 54-year-old", "Ana Rusk, 54," -> 54, unit
  "years" ("an 18 month-old" -> 18 months), what: whose age ("Ana Rusk"). Measures of time are of kind
  "duration"; the rest are "quantity".
- ``what`` is what is counted or measured, preceded by whose it is (the subject of its clause): "Talvik attack
  drones launched at Veldoria overnight", "index" for "the index rose 3%". A count also names its counted
  noun, singular with its modifiers, in ``noun`` ("attack drone", "first-team player"; a rate names its period:
  "test per day"; participles are left out: "300 recorded songs" -> "song"). A figure in parentheses after a
  name is about that name ("Ana Rusk (4.5 WAR)"), a restated conversion measures what the first figure
  measures ("480 feet (146 metres)"), an item of a list whose verb is written once is about the noun opening it
  ("Ross was down 2.3%, Burlington by 2.6%"), a figure in a phrase qualifying a noun is about that noun
  ("savers with 2 million crowns"), a coordinated clause the parser left without a subject is about the
  first noun after its conjunction ("..., while energy fell 0.9%"), a market list's item is about the name
  before its move ("Unite Group, down 68p at 1112p"), "it"/"that" with no noun subject above stands for the
  noun named before it, and "but most landed ..." is about the first clause's subject.
- Rates keep what they are per: "$58 per barrel" -> unit "USD per barrel", "$3,500 a month" -> "USD per month".
- Durations are measures ("six hours" -> 6 hours) unless they say when ("two days ago", "three weeks later");
  "over two years" is a period, not a qualifier.
- Ranges ("between 40 and 50", "40-50", "40 to 50", "two or three", "1.5-2%", "$3-4 million") have value
  (low, high) and qualifier "range"; "from 40 to 50" is a change, "rose 0.5% to 7,500" a change and the level
  it reached, and "31 to 14" a tally: two exact numbers;
  "2-1" (low >= high, or a sports sentence) is a score and dropped.
- Money is the full amount in the currency: "$4.2 million" -> 4,200,000 USD; "12 million euros" -> EUR;
  "$US5m", "$A8m", "RM4.35", "131 JPY", "40 million Danish crowns" -> DKK; £ and ¥ as ASCII transliteration
  writes them ("PS2.4bn", "Y=1,820") only before an amount ("PS5" stays a name); "$-4.5bn" is negative.
  Currencies without an ISO code keep their words as unit ("5 million Veldorian crowns" -> "Veldorian crowns").
- A unit written once serves the bare figure paired with it: "from 4.8 to 4.7 percent" -> both percent; and a
  later bare figure repeating its preposition: "rose by 2 percent but Talvik fell by 1" -> 1 percent. A rate
  written after a restated amount is the first amount's: "9 billion crowns ($1.2 billion) a year".
- Numbers inside names are not counts: "two new 737 Max jets" -> two (jets), "the sp 500 is poised" -> none.
- Scales: million/bn/mn/mln/bln, lakh (100,000) and crore (10 million); "3½" is 3.5.
- A count of periods with a word between is a duration ("the 50 previous years" -> 50 years); "bhp" (brake
  horsepower) is its own unit, not "hp".
- Units are canonical: percent, percentage_points, USD/EUR/GBP/..., m, cm, km, km2, ha, tonnes, seconds ...
  decades (plural), or None for counts.
"""

from .finder import find_numbers, find_numbers_many, load_parser
from .vocabulary import TIME_UNITS

__all__ = ["TIME_UNITS", "find_numbers", "find_numbers_many", "load_parser"]
