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
- Shares are percentages: "a third of homes" -> 33.3, "two-thirds of" -> 66.7, "one in five" -> 20 (unit
  "percent").
- "a"/"an" is one only after a qualifier: "up to a metre" -> 1 m up_to; "twice" -> 2.
- "One official said", "according to one diplomat" are of kind "mention": a source, not a count.
- Ages are numbers of kind "age", not quantities: "aged 54", "a 54-year-old", "Ana Rusk, 54," -> 54, unit
  "years", what: whose age ("Ana Rusk"). Measures of time are of kind "duration"; the rest are "quantity".
- ``what`` is what is counted or measured, preceded by whose it is (the subject of its clause): "Talvik attack
  drones launched at Veldoria overnight", "index" for "the index rose 3%". A count also names its counted
  noun, singular with its modifiers, in ``noun`` ("attack drone").
- Rates keep what they are per: "$58 per barrel" -> unit "USD per barrel", "$3,500 a month" -> "USD per month".
- Durations are measures ("six hours" -> 6 hours) unless they say when ("two days ago", "three weeks later");
  "over two years" is a period, not a qualifier.
- Ranges ("between 40 and 50", "40-50", "40 to 50", "two or three", "1.5-2%", "$3-4 million") have value
  (low, high) and qualifier "range"; "from 40 to 50" is a change and "31 to 14" a tally: two exact numbers;
  "2-1" (low >= high, or a sports sentence) is a score and dropped.
- Money is the full amount in the currency: "$4.2 million" -> 4,200,000 USD; "12 million euros" -> EUR;
  currencies without an ISO code keep their words as unit ("5 million Veldorian crowns" -> "Veldorian crowns").
- Units are canonical: percent, percentage_points, USD/EUR/GBP/..., m, cm, km, km2, ha, tonnes, seconds ...
  decades (plural), or None for counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from ..exceptions import ConfigError
from .nlp import load
from ..model import NumberClaim
from ..settings import Settings

BATCH_SIZE = 32

def load_parser(model: str | None = None) -> Any:
    """The spaCy pipeline with tagger, parser and lemmatizer (NER is not needed here)."""
    return load(model or Settings().spacy_model, disable=("ner",), need=("parser",))


# ---------------------------------------------------------------------------------------------------------
# Vocabulary

SMALL = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
ABBREVIATED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
             "fifths": 5, "tenth": 10, "tenths": 10}

_WORD = "|".join(sorted((w for w in SMALL if w not in ("a", "an")), key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT9 = "one|two|three|four|five|six|seven|eight|nine"
_SCALE = "hundred|thousand|million|billion|trillion"
_WORDNUM = rf"(?:(?:{_TENS})-(?:{_UNIT9})|{_WORD})"
# "up to a metre", "more than a year": "a" is one only after a qualifier (checked where it is found)
_ONE_UNITS = (r"met(?:re|er)|kilomet(?:re|er)|mile|tonne|ton|hectare|kilo(?:gram)?|lit(?:re|er)|foot|yard|inch"
              r"|second|minute|hour|day|week|fortnight|month|year|decade|century")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"  # ".001 per cent" too

# One number "core", without qualifier, currency or unit. Alternatives are tried in order.
CORE = re.compile(
    rf"""(?ix)
    (?P<vague>(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)
        |(?:hundreds|thousands|millions|billions|dozens)\b
    )
    |(?P<half>half\s+an?\s+(?:dozen|million|billion|trillion))
    |(?P<fraction>\b(?:(?:an?|one|two|three|four)[\s-])?(?:half|halves|thirds?|quarters?|fifths?|tenths?)(?=\s+of\b))
    |(?P<digits>(?<![\d.,])(?:{_DIGITS})(?:(?:\s?(?:{_SCALE})\b)+|(?:bn|mn|mln|bln|tn|trn|m|k|b)\b(?![.\-/]?\d)|\s(?:bn|mn)\b)?)
    |(?P<twice>\btwice\b(?!\s+(?:as|the|that|than|a|an|its|their|his|her|our|my|what)\b))
    |(?P<one>\ban?(?=\s+(?:{_ONE_UNITS})\b))
    |(?P<words>\b(?:an?\s+(?=(?:dozen|{_SCALE})\b))?(?:{_WORDNUM}|dozen|{_SCALE})\b
        (?:[\s-](?:dozen|{_SCALE})\b)*
        (?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+(?:and\s+)?{_WORDNUM}\b
           (?:\s(?:{_SCALE})\b)*)?)
    """
)

QUALIFIER_BEFORE = [
    ("more_than", r"more\s+than|above|in\s+excess\s+of|upwards\s+of|greater\s+than|slightly\s+more\s+than|well\s+above"),
    ("over", r"(?:just\s+|well\s+|a\s+little\s+)?over"),
    ("at_least", r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of|at\s+a\s+minimum"),
    ("nearly", r"nearly|almost|close\s+to|just\s+(?:under|below|short\s+of|shy\s+of)|not\s+quite"),
    ("fewer_than", r"fewer\s+than|less\s+than|under|below"),
    ("up_to", r"up\s+to|within|as\s+(?:many|much)\s+as|a\s+maximum\s+of|no\s+more\s+than|not\s+more\s+than|at\s+most"),
    ("about", r"about|around|roughly|approximately|approx\.|some|an\s+estimated|estimated|circa|an\s+approximate"
              r"|in\s+the\s+region\s+of|on\s+the\s+order\s+of|more\s+or\s+less"),
]
_QUALIFIER_RE = [(q, re.compile(rf"(?i)(?<![\w-])(?:{p})\s+$")) for q, p in QUALIFIER_BEFORE] + [
    ("about", re.compile(r"[~≈]\s*$"))]  # "~25 min", "≈ 32m2"
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_RANGE_LINK = re.compile(r"(?:\s?%|\s?per\s?cent)?(?:\s?(?P<dash>[-–—])\s?|\s+(?P<word>to|or|and)\s+)(?:[$€£]\s?)?", re.I)
_APPROX_AFTER = re.compile(r"(?i)-(odd|plus)\b")
_RATIO_LINK = re.compile(r"\s+(?:in|out\s+of)\s+")
_MINUS = re.compile(r"(?i)(?<![\w-])minus[\s-]$")
_BETWEEN_RE = re.compile(r"(?i)(?<![\w-])between\s+(?:[$€£]\s?)?$")
# "rose from 40 to 50", "rose by $4m to $9m": two numbers (but "fell by 1 to 1.5 degrees" is a range)
_FROM_RE = re.compile(r"(?i)(?<![\w-])(?:from\s+(?:[$€£]\s?)?|by\s+[$€£]\s?)$")
# ... unless a verb of spread comes before: "prices range from $370,000 to $5.5 million" is a range
_SPREAD_FROM_RE = re.compile(r"(?i)\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere)\s+from\s+(?:[$€£]\s?)?$")

# Currencies: symbols or codes before the number, words after it.
# "$US55m" and "$A82m" (Australian usage), "RM23.50", "R$40"; "PS" and "Y=" are how ASCII transliteration writes
# £ and ¥ (checked in _currency_before: only before an amount, so "PS5" stays a console).
_ISO_CODES = ("USD|EUR|GBP|CHF|JPY|CNY|INR|RUB|CAD|AUD|NZD|HKD|SGD|TWD|MYR|IDR|THB|KRW|BRL|MXN|ZAR|SEK|NOK|DKK|PLN"
              "|CZK|HUF|TRY|ILS|AED|SAR|NGN|UAH")
CURRENCY_BEFORE = re.compile(
    rf"(?:\bRs\.?\s?|\b(?:US|U\.S\.|C|A|NZ|HK|S|R)\s?\$|\$\s?(?:US|AU|A|NZ|C|HK|S)\s?|\$|€|£|¥|₹|₽|\bRM\s?"
    rf"|\bPS|\bY=\s?|\b(?:{_ISO_CODES})\s?)$")
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "U.S.$": "USD", "C$": "CAD", "A$": "AUD", "S$": "SGD",
                    "NZ$": "NZD", "HK$": "HKD", "R$": "BRL", "$US": "USD", "$AU": "AUD", "$A": "AUD", "$NZ": "NZD",
                    "$C": "CAD", "$HK": "HKD", "$S": "SGD", "Rs": "INR", "Rs.": "INR", "€": "EUR", "£": "GBP",
                    "¥": "JPY", "₹": "INR", "₽": "RUB", "RM": "MYR", "PS": "GBP", "Y=": "JPY"}
_TRANSLITERATED_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.\d|\d+(?:\.\d+)?\s?(?:m|bn|k|million|billion)\b")
DOLLARS = {"": "USD", "US": "USD", "U.S.": "USD", "American": "USD", "Canadian": "CAD", "Australian": "AUD",
           "New Zealand": "NZD", "Hong Kong": "HKD", "Singapore": "SGD", "Taiwan": "TWD", "Taiwanese": "TWD"}
CURRENCY_WORDS = {
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "roubles": "RUB",
    "rubles": "RUB", "swiss francs": "CHF", "shekels": "ILS", "shekel": "ILS", "ringgit": "MYR", "rupiah": "IDR",
    "baht": "THB", "naira": "NGN", "zlotys": "PLN", "zloty": "PLN", "forints": "HUF", "forint": "HUF",
    "hryvnias": "UAH", "hryvnia": "UAH",
}
CURRENCY_CODES = frozenset(_ISO_CODES.split("|"))
# Currency nouns shared by several countries: the country's adjective says which ("Danish crowns" -> DKK).
NATIONAL_CURRENCIES = {"danish": "DKK", "swedish": "SEK", "norwegian": "NOK", "icelandic": "ISK", "czech": "CZK",
                       "swiss": "CHF", "mexican": "MXN", "argentine": "ARS", "chilean": "CLP", "colombian": "COP",
                       "philippine": "PHP", "turkish": "TRY", "kenyan": "KES", "moroccan": "MAD"}
# Currency nouns without a fixed ISO code: kept as written (with a capitalised adjective: "Veldorian crowns").
_OTHER_CURRENCY = (r"crowns?|kronor|kroner|krona|krone|francs?|pesos?|dinars?|dirhams?|riyals?|rand|lira|lire"
                   r"|shillings?|ducats?|florins?|guilders?|thalers?|koruna|kuna|lei|leva|cedis?")
CURRENCY_AFTER = re.compile(
    rf"(?i)^\s+(?:(?P<dollars>(?:(?-i:[A-Z][\w.]*)\s+){{0,2}}dollars?)"
    rf"|(?P<known>euros?|pounds\s+sterling|pounds(?!\s+of\b)|sterling|yen|yuan|renminbi|rupees|roubles|rubles"
    rf"|shekels?|ringgit|rupiah|baht|naira|zlotys?|forints?|hryvnias?|(?-i:{_ISO_CODES}))"
    rf"|(?P<other>(?:(?-i:[A-Z][a-z]+)\s+)?(?:{_OTHER_CURRENCY})))\b"
)

# Measures after the number (optionally hyphenated: "a 12-mile stretch"); canonical unit names. Symbols and
# abbreviations are matched in their case ("5 W", "64GB"), words in any case.
UNITS = [
    ("percentage_points", r"percentage[\s-]points?|pct\s+points?|points?\s+percentage"),
    ("basis_points", r"basis[\s-]points?|bps\b"),
    ("percent", r"%|per\s?cent\b|pct\b|(?-i:pc)\b"),
    ("km2", r"(?:square|sq\.?)\s+(?:kilomet(?:re|er)s?|km)\b|km2\b|km²"),
    ("square miles", r"(?:square|sq\.?)\s+miles?\b"),
    ("square feet", r"(?:square|sq\.?)\s+(?:feet|foot|ft)\b"),
    ("m2", r"(?:square|sq\.?)\s+(?:met(?:re|er)s?|m)\b|m2\b|m²"),
    ("km/h", r"km/hr?\b|kph\b|kilomet(?:re|er)s\s+(?:per|an)\s+hour\b"),
    ("mph", r"mph\b|miles\s+(?:per|an)\s+hour\b"),
    ("mpg", r"mpg\b|miles\s+per\s+gallon\b"),
    ("km", r"km\b|kilomet(?:re|er)s?\b"),
    ("miles", r"miles?\b"),
    ("cm", r"cm\b|centimet(?:re|er)s?\b"),
    ("mm", r"mm\b|millimet(?:re|er)s?\b"),
    ("μm", r"μm\b|micromet(?:re|er)s?\b|microns?\b"),
    ("nm", r"nm\b|nanomet(?:re|er)s?\b"),
    ("m", r"met(?:re|er)s?\b|m\b(?!\s*(?:people|residents|users|customers|voters|[a-z]+s)\b)"),
    ("feet", r"feet\b|foot\b|ft\b"),
    ("inches", r"inch(?:es)?\b"),
    ("yards", r"yards?\b|yds?\b"),
    ("tonnes", r"tonnes?\b|tons?\b|metric\s+tons?\b"),
    ("kg", r"kg\b|kilo(?:gram)?s?\b"),
    ("mg", r"mg\b|milligrams?\b"),
    ("g", r"g\b|grams?\b"),
    ("lb-ft", r"lb-ft\b|pound-f(?:ee|oo)t\b"),  # before "lb": torque, not a weight
    ("lb", r"lbs?\b|pounds(?=\s+(?:of\s+)?(?:weight|body|fat|muscle|meat|fish|beef|pork|cheese|sugar)\b)"),
    ("oz", r"oz\b|ounces?\b"),
    ("ml", r"ml\b|mL\b|millilit(?:re|er)s?\b"),
    ("litres", r"lit(?:re|er)s?\b|L\b"),
    ("gallons", r"gallons?\b"),
    ("barrels", r"barrels?\b|bpd\b"),
    ("ha", r"hectares?\b|ha\b"),
    ("acres", r"acres?\b"),
    ("GW", r"GW\b|gigawatts?\b"),
    ("MW", r"MW\b|megawatts?\b"),
    ("kW", r"kW\b|kilowatts?\b"),
    ("W", r"W\b|watts?\b"),
    ("TWh", r"TWh\b"),
    ("GWh", r"GWh\b"),
    ("MWh", r"MWh\b"),
    ("kWh", r"kWh\b"),
    ("mAh", r"mAh\b"),
    ("V", r"V\b|volts?\b"),
    ("GHz", r"GHz\b|gigahertz\b"),
    ("MHz", r"MHz\b|megahertz\b"),
    ("Hz", r"Hz\b|hertz\b"),
    ("TB", r"TB\b|terabytes?\b"),
    ("GB", r"GB\b|gigabytes?\b"),
    ("MB", r"MB\b|megabytes?\b"),
    ("GPa", r"GPa\b|gigapascals?\b"),
    ("Nm", r"Nm\b|newton[\s-]met(?:re|er)s?\b"),
    ("rpm", r"rpm\b|revolutions\s+per\s+minute\b"),
    ("dB", r"dB\b|decibels?\b"),
    ("ppm", r"ppm\b|parts\s+per\s+million\b"),
    ("ppb", r"ppb\b|parts\s+per\s+billion\b"),
    ("calories", r"k?cal\b|(?:kilo)?calories\b"),
    ("knots", r"knots?\b"),
    ("hp", r"hp\b|horsepower\b|bhp\b"),
    ("°C", r"°\s?C\b|(?:degrees?\s+)?(?:Celsius|centigrade)\b|degrees?\s+C\b"),
    ("°F", r"°\s?F\b|(?:degrees?\s+)?Fahrenheit\b|degrees?\s+F\b"),
    ("degrees", r"degrees?\b|°"),
    ("cents", r"cents?\b"),
    ("sen", r"sen\b"),  # a hundredth of the ringgit (and of the yen, the rupiah)
    ("pence", r"pence\b|p\b(?!\.?m\.?\b)"),
    ("points", r"points?\b(?!-)"),
    ("seconds", r"seconds?\b|secs?\b"),
    ("minutes", r"minutes?\b|mins?\b"),
    ("hours", r"hours?\b|hrs?\b(?![.:]?\d)"),
    ("days", r"days?\b"),
    ("weeks", r"weeks?\b"),
    ("months", r"months?\b"),
    ("years", r"years?\b(?![\s-]+old\b)"),
    ("decades", r"decades?\b"),
    ("centuries", r"centur(?:y|ies)\b"),
]
_SYMBOL_UNITS = {"GW", "MW", "kW", "W", "TWh", "GWh", "MWh", "kWh", "mAh", "V", "GHz", "MHz", "Hz", "TB", "GB",
                 "MB", "GPa", "Nm", "dB", "m", "ha", "g", "mg", "ml", "μm", "nm", "lb", "litres", "pence"}
# "a 10-point plan" and "a 40-cent stamp" describe; only these units also name a measure when hyphenated
_NO_HYPHEN = {"points", "cents", "g", "litres", "V"}
_UNIT_RE = [(u, re.compile(rf"^(?:\s?|-)(?:{p})" if u == "percent" else
                           rf"^\s(?:{p})" if u in _NO_HYPHEN else rf"^(?:\s|-)(?:{p})",
                           0 if u in _SYMBOL_UNITS else re.I))
            for u, p in UNITS]
# Attached abbreviations ("12km", "5m", "64GB") need no space.
_ATTACHED_UNIT_RE = [(u, re.compile(rf"^(?:{p})")) for u, p in UNITS
                     if u in _SYMBOL_UNITS | {"km", "cm", "mm", "kg", "km/h", "mph", "mpg", "km2", "m2", "feet",
                                              "hours", "minutes", "seconds", "hp", "oz", "rpm", "ppm", "ppb",
                                              "percent"}]
TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"}

AGE_AFTER = re.compile(r"(?i)^(?:-|\s)years?(?:-|\s)old\b")
AGE_BEFORE = re.compile(r"(?i)\baged\s+$")

MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?,?\s+$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b")
_TIME_AFTER = re.compile(
    r"(?i)^(?:\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|h\d\d\b|hrs?\b(?=\s*(?:GMT|UTC|local|\())"
    r"|(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST)\b)|[:.]\d\d\b)")
# Words after which a number is a name, not a quantity ("Route 9", "Article 5", "page 12", "No. 10").
# Only nouns, not verbs ("to block 40 bills", "to mark 100 years"), and not time words ("this year 300 people").
NAME_NOUNS = {
    "route", "flight", "article", "articles", "section", "sections", "chapter", "page", "pages", "p.", "pp.",
    "paragraph", "paragraphs", "clause", "room", "gate", "platform", "line", "bus", "highway", "motorway",
    "interstate", "number", "no.", "no", "nos.", "item", "resolution", "rule", "level", "phase", "category",
    "grade", "tier", "channel", "unit", "apartment", "suite", "plot", "pier", "berth", "terminal", "runway",
    "episode", "season", "volume", "vol.", "version", "v.", "figure", "fig.", "exhibit", "annex", "amendment",
    "protocol", "box", "district", "ward", "brigade", "battalion", "division", "corps", "squadron", "regiment",
    "stage", "class", "type", "model", "mk", "series", "gen", "generation", "step", "question", "cell", "bed",
}
# Words that name a numbered thing only when capitalised: "Week 13", "Day 3", "Round 4", "Block 7" (but "this
# year 300 people", "to block 40 bills").
CAPITALISED_NAME_NOUNS = {"week", "day", "year", "round", "game", "match", "leg", "lap", "hole", "heat", "term",
                          "zone", "sector", "region", "fleet", "army", "point", "lot", "block", "building", "flat",
                          "track", "mark", "camp", "station", "tower", "pavilion", "hall", "studio", "stand"}
# Capitalised words the tagger may call proper nouns that still come before a count ("On Tuesday 14 people").
SKIP_CAPITALISED = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Police",
                    "Officials", "Authorities", "Only", "Some", "About", "Nearly", "Almost", "Over", "Exactly"}
_ADDRESS_RE = re.compile(
    r"\b\d+[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Square|Sq"
    r"|Place|Pl|Drive|Dr|Way|Quay|Court|Ct|Terrace|Close|Crescent|Plaza|Row|Embankment|Gardens|Parade|Wharf"
    r"|Alley|Highway|Hwy)\b\.?"
)
_PHONE_RE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}(?![\w,])")
_STRUCTURED_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b|https?://\S+|www\.\S+|\S+@\S+"
    r"|#\w+|\b\d+(?:\.\d+){2,}\b|\b(?:19|20)\d\d\s?[-–/]\s?(?:\d\d|(?:19|20)\d\d)\b"
)
_ENUM_RE = re.compile(r"(?m)^[ \t]*\(?\d{1,2}[.)]\s")
_SCORE_CONTEXT = re.compile(r"(?i)\b(?:won|win|wins|beat|beats|lost|loss|defeat(?:ed)?|victory|draw|drew|score[sd]?"
                            r"|match|game|goals?|final|half-time|halftime|innings|sets?)\b")
_RELATIVE_TIME = re.compile(r"(?i)^\s+(?:ago|earlier|later|before|after|from\s+now|previously|since)\b")
_YEAR_PREPS = {"in", "since", "by", "until", "till", "from", "before", "after", "during", "of", "through", "to",
               "between", "and", "early", "late", "mid", "around", "circa", "the", "spring", "summer", "autumn",
               "winter", "fall", "season", "year", "fiscal", "budget", "election", "census"}
# Head nouns that make a number a time expression ("one day", "two years ago" are handled as units).
TIME_NOUNS = {"day", "days", "night", "nights", "time", "moment", "point", "morning", "evening",
              "afternoon", "week", "month", "year", "hour", "minute"}
PRONOUNS = {"them", "which", "those", "these", "whom", "us", "you", "it", "they", "we"}


@dataclass(slots=True)
class _Number:
    start: int
    end: int
    value: float | tuple[float, float]
    qualifier: str
    unit: str | None
    core_start: int  # the digits/words themselves, for the parse
    core_end: int
    words: bool  # spelled out ("three"), so it needs the parse to confirm it counts something
    age: bool = False


# ---------------------------------------------------------------------------------------------------------
# Values


def _words_value(text: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and":
            continue
        if word in SMALL:
            current += SMALL[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _core_value(m: re.Match) -> tuple[float, str, float] | None:
    """(value, qualifier, scale) of a core match; scale > 1 when the number carries million/bn/etc."""
    text = m.group(0)
    low = text.lower()
    if m.group("vague"):
        parts = low.split()
        base = VAGUE.get(parts[0], 10)  # "tens of thousands" -> 10 * 1,000
        if len(parts) == 3:
            base = base * VAGUE[parts[2]]
        return base, "more_than", 1
    if m.group("half"):
        return 0.5 * (12 if low.endswith("dozen") else SCALES[low.split()[-1]]), "exact", 1
    if m.group("twice"):
        return 2, "exact", 1
    if m.group("one"):
        return 1, "exact", 1
    if m.group("fraction"):
        parts = re.split(r"[\s-]+", low)
        count = 1 if len(parts) == 1 or parts[0] in ("a", "an") else SMALL[parts[0]]
        return 100 * count / FRACTIONS[parts[-1]], "exact", 1
    if m.group("digits"):
        dm = re.match(rf"({_DIGITS})\s?(.*)$", text)
        number = float(dm.group(1).replace(",", ""))
        scale_words = dm.group(2).lower().split()  # "4 hundred million": the scales multiply
        scale = 1.0
        for word in scale_words:
            scale *= SCALES.get(word) or ABBREVIATED_SCALES.get(word) or 1
        return number * scale, "exact", scale
    value = _words_value(text)
    if value is None:
        return None
    scale = next((SCALES[w] for w in reversed(low.split()) if w in SCALES and SCALES[w] >= 1e3), 1)
    return value, "exact", scale


# ---------------------------------------------------------------------------------------------------------
# Finding numbers in characters


def _qualifier_before(text: str, pos: int) -> tuple[str, int] | None:
    window = text[max(0, pos - 40):pos]
    for qualifier, pattern in _QUALIFIER_RE:
        m = pattern.search(window)
        if m:
            return qualifier, pos - (len(window) - m.start())
    return None


def _currency_before(text: str, pos: int) -> tuple[str, int] | None:
    window = text[max(0, pos - 8):pos]
    m = CURRENCY_BEFORE.search(window)
    if not m:
        return None
    symbol = re.sub(r"\s+", "", m.group(0))  # "HK $5.4m" is HK$
    if symbol in ("PS", "Y=") and not _TRANSLITERATED_AMOUNT.match(text, pos):
        return None
    return CURRENCY_SYMBOLS.get(symbol, symbol.upper()), pos - (len(window) - m.start())


# "$58 per barrel", "$3,500 a month", "a 52,000 barrel-a-day refinery", "10 A/cm2"
_RATE_LINK = re.compile(r"(?i)\s+per(?=\s)|\s+an?(?=\s)|-an?(?=-)|/(?=\w)")
_PER_WORD = re.compile(r"\s+((?:square\s+)?[a-z]+)\b")


def _other_currency(words: str) -> str:
    """ISO code of "Danish crowns" and the like; other currency words as written ("Veldorian crowns")."""
    words = re.sub(r"\s+", " ", words)
    country = words.split(" ")[0].lower() if " " in words else ""
    return NATIONAL_CURRENCIES.get(country, words)


def _rate_after(text: str, pos: int) -> tuple[str, int] | None:
    """(what a measure is counted per, as written, singular; end) for the words after its unit."""
    link = _RATE_LINK.match(text, pos)
    if not link:
        return None
    rest = text[link.end():link.end() + 40]
    rest = " " + rest if link.group(0) == "/" else rest
    shift = link.end() - (1 if link.group(0) == "/" else 0)
    for _, pattern in _UNIT_RE:
        m = pattern.match(rest)
        if m and not _RELATIVE_TIME.match(rest[m.end():]):  # "$6.8bn a year earlier" is no rate
            return re.sub(r"\s+", " ", m.group(0).strip(" -")).lower(), shift + m.end()
    word = _PER_WORD.match(rest) if link.group(0).strip().lower() == "per" else None
    return (re.sub(r"\s+", " ", word.group(1)).lower(), shift + word.end()) if word else None


def _unit_after(text: str, pos: int, currency: str | None, attached_scale: bool) -> tuple[str, int] | None:
    rest = text[pos:pos + 60]
    if rest.startswith("″"):  # the double prime is inches ('"' may close a quotation)
        return "inches", pos + 1
    symbol = re.match(r"\s?([€£¥])", rest)
    if currency is None and symbol:  # "1,200€"
        return CURRENCY_SYMBOLS[symbol.group(1)], pos + symbol.end()
    if currency is None:
        m = CURRENCY_AFTER.match(rest)
        if m:
            if m.group("dollars"):
                country = re.sub(r"\s+", " ", re.sub(r"dollars?$", "", m.group("dollars"))).strip()
                return DOLLARS.get(country, f"{country} dollars"), pos + m.end()
            if m.group("known"):
                words = re.sub(r"\s+", " ", m.group("known"))
                code = CURRENCY_WORDS.get(words.lower(), CURRENCY_WORDS.get(words.lower().split()[-1]))
                return code or words, pos + m.end()  # the rest are ISO codes ("110 JPY")
            return _other_currency(m.group("other")), pos + m.end()
    if rest[:1].isalpha() and not attached_scale:
        for unit, pattern in _ATTACHED_UNIT_RE:
            m = pattern.match(rest)
            if m:
                return unit, pos + m.end()
        return None
    for unit, pattern in _UNIT_RE:
        m = pattern.match(rest)
        if m:
            return unit, pos + m.end()
    return None


def _is_year(value: float, raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1000 <= value <= 2200


def _rough_sentence(text: str, pos: int) -> str:
    """The sentence around ``pos`` by punctuation alone (the parse is not available yet)."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos)]
    end = _SENTENCE_END.search(text, pos)
    return text[starts[-1] if starts else max(0, pos - 400):end.start() + 1 if end else len(text)]


def _name_or_date_context(text: str, start: int, end: int) -> bool:
    """True when the characters around a bare number make it a date, time, name, code or table cell."""
    before, after = text[max(0, start - 30):start], text[end:end + 30]
    if before[-1:].isalpha() or re.search(r"[A-Za-z]\s?-$|[#№]$|\d[:.]$", before):  # F-16, COVID -19, MH17, #3
        return True
    if after[:1].isalpha():
        return True  # 5G, 3rd, 1990s (attached units and scales are consumed before this check)
    if after[:1] in ('"', "″") and _rough_sentence(text, start).split(text[start:end])[0].count('"') % 2 == 0:
        return True  # a 34" screen: inches in a product name, not a closing quotation mark
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after) or _TIME_AFTER.match(after):
        return True
    if re.search(r"\d\s$", before) or re.match(r"^\s\d|^:\d", after):
        return True  # a cell of a table or a list of numbers ("5040 5 1 17 27"), a ratio ("16:9")
    if re.search(r"(?i)\b(?:call|calls|called|calling|dial|dials|dialed|dialled|dialling)\s+$", before):
        return True  # an emergency or phone number
    if before.endswith("(") and after.startswith(")"):
        return True  # "(5)": a tie-break, a note, a list mark
    return _after_name_noun(text, start)


def _after_name_noun(text: str, start: int) -> bool:
    """"Route 9", "page 12", "No. 10", "the number eight": a number naming something."""
    prev = re.search(r"(\S+)\s+$", text[max(0, start - 30):start])
    if not prev or prev.group(1).endswith(","):
        return False
    word = prev.group(1)
    return word.lower() in NAME_NOUNS or (word[0].isupper() and word.lower() in CAPITALISED_NAME_NOUNS)


def _candidates(text: str) -> list[_Number]:
    excluded = [m.span() for rx in (_ADDRESS_RE, _PHONE_RE, _STRUCTURED_RE, _ENUM_RE) for m in rx.finditer(text)]

    def is_excluded(s: int, e: int) -> bool:
        return any(s < xe and xs < e for xs, xe in excluded)

    cores = [m for m in CORE.finditer(text) if not is_excluded(*m.span())]
    out: list[_Number] = []
    i = 0
    while i < len(cores):
        m = cores[i]
        i += 1
        parsed = _core_value(m)
        if parsed is None:
            continue
        value, qualifier, scale = parsed
        start, end = m.span()
        raw = m.group("digits") or ""
        is_words = bool(m.group("words"))
        if is_words and m.group(0).lower() in ("a", "an", "hundred", "thousand", "million", "billion"):
            continue

        # Ratios: "one in five", "3 out of 10" are shares, in percent.
        ratio = False
        if i < len(cores) and _RATIO_LINK.fullmatch(text[end:cores[i].start()]) and scale == 1:
            denominator = _core_value(cores[i])
            if denominator is not None and 1000 >= denominator[0] > value > 0:  # not "3 in 2019"
                value, ratio, end = 100 * value / denominator[0], True, cores[i].end()
                i += 1

        # Ranges: "40-50", "40 to 50", "between 40 and 50", "two or three", "$3-4 million", "80% to 90%".
        high = None
        if i < len(cores) and not ratio:
            nxt = cores[i]
            link = _RANGE_LINK.fullmatch(text[end:nxt.start()])
            if link and re.search(r"[$€£]\s?$", link.group(0)) and (
                    not _currency_before(text, m.start()) or re.search(r"%|cent", link.group(0))):
                link = None  # "up 9% to $84": a change and a price, not a range
            if link and link.group("word") == "and" and not _BETWEEN_RE.search(text[max(0, start - 12):start]):
                link = None
            before = text[max(0, m.start() - 30):m.start()]
            if link and link.group("word") in ("to", "or") and _FROM_RE.search(before) and not _SPREAD_FROM_RE.search(
                    before):
                link = None  # "rose from 40 to 50": two numbers
            nparsed = _core_value(nxt) if link else None
            if nparsed is not None:
                nvalue, _, nscale = nparsed
                if scale == 1 and nscale > 1 and value * nscale <= nvalue:
                    value *= nscale
                dash = link.group("word") is None
                if dash and (value >= nvalue or _SCORE_CONTEXT.search(_rough_sentence(text, start))) and not (
                        m.group("words") or nxt.group("words")):
                    i += 1  # a score or tally ("2-1", "6-3, 7-6", "a 3-2 vote"): neither number is a claim
                    continue
                if value < nvalue:
                    if raw and not _unit_after(text, nxt.end(), None, False) and _name_or_date_context(
                            text, start, nxt.end()):
                        i += 1  # "i5-9300H", "2019-2020"
                        continue
                    high = nvalue
                    end = nxt.end()
                    i += 1
                    if link.group("word") == "and":
                        start = max(0, start - 12) + _BETWEEN_RE.search(text[max(0, start - 12):start]).start()
        core_start, core_end = m.start(), end

        currency = _currency_before(text, m.start())
        if not currency and text[m.start() - 1:m.start()] in ("-", "−") and high is None:
            currency = _currency_before(text, m.start() - 1)  # "$-50.8bn": a negative amount
            value = -value if currency else value
        if currency:
            start = min(start, currency[1])
        unit_found = _unit_after(text, end, currency[0] if currency else None,
                                 attached_scale=bool(raw) and bool(re.search(r"[a-z]$", m.group(0))))
        unit = currency[0] if currency else None
        if unit_found:
            unit, end = unit_found
        elif raw and not currency and re.search(r"\dm$", m.group(0)) and not re.match(r"\s+[a-z]+s\b", text[end:end + 30]):
            value, unit = value / 1e6, "m"  # "a 12m wall" is metres; "12m people" and "€12m" are millions
        rate = _rate_after(text, end) if unit else None
        if rate:
            unit, end = f"{unit} per {rate[0]}", rate[1]

        age = False
        rest = text[end:end + 20]
        am = AGE_AFTER.match(rest)
        if am and high is None:
            age, unit, end = True, "years", end + am.end()
        elif AGE_BEFORE.search(text[max(0, start - 10):start]):
            age, unit = True, "years"

        if m.group("fraction") or ratio:
            unit = "percent"
        if _MINUS.search(text[max(0, start - 8):start]) and high is None:
            value, start = -value, start - len(_MINUS.search(text[max(0, start - 8):start]).group(0))

        if high is not None:
            value, qualifier = (value, high), "range"
        else:
            q = _qualifier_before(text, start)
            # "over two years" is a period, not "more than two years"
            if q and not (q[0] == "over" and unit in TIME_UNITS and text[q[1]:q[1] + 4].lower() == "over"):
                qualifier, start = q
        if m.group("one") and qualifier == "exact":
            continue
        approx = _APPROX_AFTER.match(text[end:end + 6]) if high is None else None
        if approx:  # "300-odd" is about 300, "300-plus" more than 300
            qualifier, end = ("about" if approx.group(1).lower() == "odd" else "more_than"), end + approx.end()
        if unit in TIME_UNITS and _RELATIVE_TIME.match(text[end:end + 20]):
            continue  # "two days ago", "three weeks later": when, not how long

        bare = not currency and unit is None and not age
        if bare and is_words and high is None and _after_name_noun(text, start):
            continue  # "the number eight", "chapter three"
        if raw and not currency and re.search(r"(?<![.\d])\d+[KMB]$", m.group(0)):
            continue  # "4K", "5M" without a currency: a resolution or a model, not thousands/millions
        if (bare and high is None and not approx and not m.group("fraction")
                and re.match(r"-[A-Za-z]", text[core_end:core_end + 2])):
            continue  # "a four-door car", "a 10-point plan", "a one-game ban": a description, not a count
        if bare and raw and high is None:
            if _name_or_date_context(text, core_start, core_end):
                continue
        elif raw and (_MONTH_BEFORE.search(text[max(0, core_start - 12):core_start]) or
                      _MONTH_AFTER.match(text[core_end:core_end + 16])):
            continue
        if raw and _TIME_AFTER.match(text[core_end:core_end + 10]):
            continue
        out.append(_Number(start, end, value, qualifier, unit, core_start, core_end, is_words, age))
    _share_units(text, out)
    return out


# "from 4.8 to 4.7 percent", "14-18 mpg to 24", "4% and 5": two figures of one measure, its unit written once
_SIBLING_LINK = re.compile(r"(?i)\s*,?\s+(?:to|and|or|versus|vs\.?)\s+")


def _share_units(text: str, nums: list[_Number]) -> None:
    """Give a bare number the unit of the figure it is paired with by "to", "and", "or" (not a currency, which is
    written on each amount, and not a count, whose noun the parse finds)."""
    for a, b in zip(nums, nums[1:]):
        if not _SIBLING_LINK.fullmatch(text[a.end:b.start]) or a.age or b.age or any(
                _is_year(n.value, text[n.core_start:n.core_end]) for n in (a, b) if not isinstance(n.value, tuple)):
            continue  # "from 20 mpg in 2008 to 29 mpg in 2020": a year takes no unit
        if a.unit is None and b.unit is not None and not a.words and b.unit not in CURRENCY_CODES:
            a.unit = b.unit
        elif b.unit is None and a.unit is not None and not b.words and a.unit not in CURRENCY_CODES and (
                _FROM_RE.search(text[max(0, a.start - 30):a.start])):
            b.unit = a.unit  # "climbed from 21 mpg to 23": the second of a change


# ---------------------------------------------------------------------------------------------------------
# What is counted, from the parse


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _phrase(tokens: list[Any]) -> str:
    """The tokens' text in document order; gaps (an auxiliary, an adverb) become one space."""
    out, last = [], None
    for t in sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i):
        if last is not None:
            out.append(" " if t.i != last.i + 1 else last.whitespace_)
        out.append(t.text)
        last = t
    return "".join(out)


def _verb_phrase(verb: Any, after: int, exclude: set[int], max_tokens: int = 8) -> list[Any]:
    """The verb with its particle and the short objects/prepositional phrases after position ``after``."""
    out = [verb]
    for child in verb.rights:
        if child.dep_ == "prt":
            out.append(child)
        elif child.i <= after or child.i in exclude:
            continue
        elif child.dep_ in ("prep", "xcomp", "dobj", "agent", "advmod", "npadvmod", "oprd", "dative", "acomp"):
            sub = list(child.subtree)
            if len(out) + len(sub) > max_tokens or any(t.i in exclude or t.tag_ == "CD" or t.is_punct for t in sub):
                break
            out.extend(sub)
        elif child.dep_ in ("punct", "cc", "conj", "ccomp", "advcl"):
            break
    return out


def _noun_left(noun: Any, exclude: set[int] = frozenset(), through: set[int] = frozenset()) -> list[Any]:
    """The noun with the compounds and adjectives right before it, each with its own modifiers: "attack drones",
    "FA Cup finals", "first-team players"; tokens in ``through`` (the number itself: "the top three seeds") are
    stepped over, not included."""
    left: list[Any] = []
    start = noun.i
    for child in reversed(list(noun.lefts)):
        if child.i in through and child.i == start - 1:
            start = child.i
            continue
        if child.i in exclude or child.dep_ not in ("compound", "amod", "nmod"):
            break
        sub = list(child.subtree)
        if sub[-1].i != start - 1 or any(t.i in exclude or t.i in through or t.tag_ == "CD" for t in sub):
            break
        left = sub + left
        start = sub[0].i
    return left + [noun]


def _noun_name(noun: Any, own: set[int]) -> str:
    """The counted noun with its modifiers, as lemmas (when the pipeline has a lemmatizer), lower case, without
    conjunctions: "european country", "first-team player", "kia hyundai vehicle"."""
    *left, noun = _noun_left(noun, through=own)
    name = noun.lemma_ or noun.text
    if noun.tag_ == "NNPS" and name == noun.text and name.endswith("s"):
        name = name[:-1]  # the lemmatizer keeps proper plurals: "World Cups"
    words = "".join((t.lemma_ or t.text) + t.whitespace_ for t in left if t.tag_ not in ("CC", "DT", ","))
    return re.sub(r"\s+", " ", words + name).lower()


def _noun_phrase(noun: Any, exclude: set[int], anchor: Any = None, max_right: int = 8) -> str:
    """What a counted noun stands for: its left modifiers, then a short participle, relative clause or
    prepositional phrase; without one, the verb it is the subject or object of ("people killed in the
    strike", "drones launched at Veldoria")."""
    left = _noun_left(noun, exclude)
    for child in noun.rights:
        if child.dep_ in ("acl", "relcl", "prep"):
            sub = list(child.subtree)
            if len(sub) <= max_right and not any(t.i in exclude or t.tag_ == "CD" or t.is_punct for t in sub):
                return _phrase(left + sub)
            break
    anchor = anchor if anchor is not None else noun
    while anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN"):
        anchor = anchor.head  # "25 soldiers and three civilians died"
    verb = anchor.head
    if verb.pos_ != "VERB" or verb.i == anchor.i:
        return _phrase(left)
    if anchor.dep_ == "nsubjpass" or (anchor.dep_ == "nsubj" and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP")):
        return _phrase(left) + " " + _phrase(_verb_phrase(verb, verb.i, exclude | {noun.i}))
    if anchor.dep_ == "dobj" and verb.tag_ in ("VBD", "VBN"):
        return _phrase(left) + " " + _phrase(_verb_phrase(verb, noun.i, exclude | {noun.i}))
    return _phrase(left)


def _counted_noun(head: Any, own: set[int], previous_nouns: list[Any]) -> Any:
    """The token the number counts, or None."""
    doc = head.doc
    parent = head.head
    last = max(own)
    if head.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") and parent.i not in own:
        if parent.i < head.i and last + 1 < len(doc) and doc[last + 1].tag_ in ("NNS", "NN"):
            return doc[last + 1]  # a misattached number ("on Tuesday 14 people"): the noun after it
        if parent.pos_ in ("NOUN", "PROPN") or (parent.pos_ == "ADJ" and parent.i == head.i + 1):
            return parent  # "160 nations", "a 12-mile stretch", "12 dead"
    # "tens of thousands of people", "40 percent of homes", "$4.2 million in aid"
    for child in (c for i in sorted(own) for c in doc[i].rights if c.i not in own):
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "for", "worth"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in PRONOUNS:
                return previous_nouns[-1] if previous_nouns else None  # "100 of them": the last plural counted
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
            return None
    return None


def _own_tokens(doc: Any, num: _Number, tokens: list[Any]) -> tuple[set[int], Any]:
    """The indices of the number's tokens (with qualifier, currency and unit) and the token heading them."""
    own = {t.i for t in _tokens(doc, num.start, num.end)} | {t.i for t in tokens}
    head = tokens[-1]
    # climb through the number's own tokens and its unit ("12 km", "$4.2 million", "40 percent")
    for _ in range(4):
        if head.head.i != head.i and head.head.i in own:
            head = head.head
        else:
            break
    return own, head


def _describe(doc: Any, num: _Number, previous_nouns: list[Any]) -> tuple[str | None, Any, bool]:
    """(what, counted noun token, keep) for one number: what it counts or measures, with whose it is (the
    clause's subject: "Ford workers in the United Kingdom", "Index"); keep is False for a spelled-out number
    that is not a quantity ("one of the", "no one", "one day")."""
    what, noun, keep = _counted(doc, num, previous_nouns)
    tokens = _tokens(doc, num.core_start, num.core_end)
    if not keep or not tokens or num.age:
        return what, noun, keep
    own, head = _own_tokens(doc, num, tokens)
    anchor = noun if noun is not None and noun.doc is doc and noun.i > head.i else head
    verb = _clause_verb(anchor)
    parts = [_holder(verb, own)]
    if num.unit is not None and verb is not None:  # "boost the range by 35 miles", "sell the set for $30"
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i not in own and c.pos_ in ("NOUN", "PROPN")),
                   None)
        parts.append(_phrase(_noun_left(obj)) if obj is not None else None)
    if anchor.dep_ == "pobj" and anchor.head.head.pos_ in ("NOUN", "PROPN") and anchor.head.head.i not in own:
        parts.append(_phrase(_noun_left(anchor.head.head)))  # "a survey of seven countries"
    first = min(own)
    if first >= 2 and doc[first - 1].text == "(" and _is_plain_noun(doc[first - 2]):
        parts.insert(0, _phrase(_noun_left(doc[first - 2])))  # "John Gant (0.5 WAR)": a figure about what it follows
    for part in (p for p in parts if p and not (what and p in what)):
        what = f"{part} {what}" if what else part
    if not what:  # no clause around it ("floor area ≈ 32m2", "Dow +0.2%"): the nearest noun it hangs on or from,
        # else the nearest noun before it in its sentence
        near = next((t for t in [*anchor.ancestors, *anchor.lefts] if _is_plain_noun(t) and t.i not in own),
                    None) or next((t for t in reversed(doc[tokens[0].sent.start:first]) if _is_plain_noun(t)), None)
        what = _phrase(_noun_left(near, own)) if near is not None else None
    return what, noun, keep


def _is_plain_noun(token: Any) -> bool:
    """A noun that is not itself a measure ("feet" of "47 feet") or a symbol."""
    return token.pos_ in ("NOUN", "PROPN") and token.is_alpha and not any(
        c.tag_ == "CD" for c in token.children) and not (token.i and token.nbor(-1).tag_ == "CD")


# Subjects that name no holder: "who", "there" of "there are 40 boats", "this"
_EMPTY_SUBJECT_TAGS = ("WP", "EX", "DT")


def _clause_verb(anchor: Any) -> Any:
    """The verb of the clause the number or its noun is in, None when that phrase is the clause's subject."""
    node = anchor
    while node.pos_ not in ("VERB", "AUX"):
        if node.dep_ in ("nsubj", "nsubjpass") or node.head.i == node.i:
            return None
        node = node.head
    return node


def _holder(verb: Any, own: set[int]) -> str | None:
    """The subject of the nearest clause from ``verb`` up that has one ("Ford, which has 13000 workers" -> Ford;
    "the index was up 19%" -> index)."""
    for verb in [verb, *verb.ancestors][:4] if verb is not None else ():
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in own), None)
        if subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            subj = verb.head  # "Ford, which has 13000 workers", "a country that is 90 miles wide"
        if subj is not None and subj.tag_ == "PRP":
            continue  # "the company said it has 1000 customers": the pronoun's clause is reported by its referent
        if subj is not None:
            # the tagger may call a subject it does not know an adjective ("OHSU has performed ...") or a verb
            # ("sampling came back at 4 ppb")
            if subj.tag_ in _EMPTY_SUBJECT_TAGS or subj.pos_ not in ("NOUN", "PROPN", "ADJ", "X", "VERB") or (
                    subj.i in own):
                return None
            return _phrase(_noun_left(subj))
    return None


def _counted(doc: Any, num: _Number, previous_nouns: list[Any]) -> tuple[str | None, Any, bool]:
    """(what, counted noun token, keep) from the number's own phrase."""
    tokens = _tokens(doc, num.core_start, num.core_end)
    if not tokens:
        return None, None, not num.words
    own, head = _own_tokens(doc, num, tokens)
    if num.age:  # the age of whom: "a 54-year-old fisherman", "Ana Rusk, 54,", "a man aged 54"
        person = next((t for t in head.ancestors if t.pos_ in ("NOUN", "PROPN") and t.i not in own), None)
        return (_phrase(_noun_left(person, own)) if person is not None else None), None, True

    if num.words and tokens[0].lower_ == "one" and len(tokens) == 1:
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        prv = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if (nxt is not None and nxt.lower_ in ("of", "another", "by", "or", "way")) or (
            prv is not None and prv.lower_ in ("no", "the", "this", "that", "which", "any", "every", "each")
        ) or head.dep_ != "nummod":
            return None, None, False  # "one" counts only with its noun: "one person", not "they will get one"

    noun = _counted_noun(head, own, previous_nouns)
    if (noun is not None and noun.tag_ == "NNP" and num.unit is None and noun.i > head.i
            and float(num.value if not isinstance(num.value, tuple) else num.value[0]).is_integer()):
        return None, None, False  # "1 Orsk", "5 Joey Logano": a rank or a name, not a count ("0.5 WAR" is)
    if noun is not None:
        if noun.lower_ in TIME_NOUNS and num.words and num.unit is None and num.qualifier == "exact":
            return None, None, False  # "one day", "two times"
        if noun.doc is doc and noun.i < tokens[0].i and any(c.lower_ in PRONOUNS for c in head.subtree):
            what = _phrase(_noun_left(noun))  # antecedent of "them": add what happened to this part
            verb = head.head
            if head.dep_ in ("nsubj", "nsubjpass") and verb.pos_ == "VERB":
                what += " " + _phrase(_verb_phrase(verb, verb.i, own, max_tokens=4))
            return what, noun, True
        # "hundreds of people were evacuated": the number, not the noun, is the subject
        via_of = noun.dep_ == "pobj" and noun.head.head.i in own
        return _noun_phrase(noun, own, anchor=head if via_of else None), noun, True

    # the number stands alone: "Nineteen were killed", "the toll rose to 31", "unemployment is 5%"
    keep = not num.words or num.unit is not None or num.qualifier != "exact" or head.dep_ in (
        "nsubj", "nsubjpass", "dobj", "attr")
    verb, subject_role = head.head, head.dep_ in ("nsubj", "nsubjpass")
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        verb = head.head.head
        subject_role = head.head.lower_ == "between" and head.head.head.pos_ == "VERB"
    elif head.dep_ == "prep" and head.lower_ == "between":  # "between 40 and 50 were treated"
        subject_role = verb.pos_ == "VERB"
    elif head.dep_ == "conj" and verb.pos_ == "VERB":  # "evacuated 870 people ... and more than a hundred from ..."
        if previous_nouns and num.unit is None:
            action = _phrase([verb] + [t for t in _verb_phrase(verb, head.i, own) if t.i > head.i])
            return _phrase(_noun_left(previous_nouns[-1])) + " " + action, None, keep
    if head.dep_ == "pobj" and head.head.head.pos_ in ("NOUN", "PROPN") and head.head.head.i not in own:
        return _phrase(_noun_left(head.head.head)), None, keep  # "an appeal for $4.2 million", "a rise of 0.9%"
    if verb.pos_ not in ("VERB", "AUX") or verb.i == head.i:
        return None, None, keep
    if head.dep_ == "attr" or (head.dep_ == "pobj" and head.head.lower_ in ("to", "at", "by", "of")):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in own), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return _phrase(_noun_left(subj)), None, keep  # "death toll", "unemployment"
    if subject_role:
        action = _phrase(_verb_phrase(verb, verb.i, own))
        if previous_nouns and num.unit is None:
            return _phrase(_noun_left(previous_nouns[-1])) + " " + action, None, keep  # "people treated in hospital"
        return action, None, keep
    return _clause_what(verb, head, own, num.unit in TIME_UNITS), None, keep


# Verbs whose object or adverbial is a measure of their subject: "the hospital will cost 140 million euros",
# "the crown rose 0.9%", "a debate that lasted seven hours".
MEASURE_VERBS = {
    "cost", "costs", "costing", "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen",
    "falling", "grew", "grow", "grows", "grown", "climbed", "climb", "climbs", "dropped", "drop", "drops",
    "increased", "increase", "increases", "decreased", "jumped", "slipped", "gained", "lasted", "last", "lasts",
    "reached", "reach", "reaches", "totalled", "totaled", "total", "totals", "stood", "stands", "stand",
    "shown", "showed", "shows", "measured", "measures", "weighed", "weighs", "worked", "working", "waited",
    "wait", "spent", "spend", "need", "needs", "needed", "require", "requires", "required", "ran", "run", "runs",
    "ended", "continued", "went", "stayed", "stay", "remain", "remained", "lost", "earned", "exceeded",
}


def _clause_what(verb: Any, head: Any, own: set[int], duration: bool) -> str | None:
    """For a measure with no noun of its own: its clause's subject and verb ("hospital will cost" ->
    "hospital cost", "teams working"; for a duration also the object: "crews restored electricity"), or
    "time to X" for "it took six hours to X"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.lower_ in ("took", "take", "takes", "taking", "taken"):
        purpose = next((c for c in verb.rights if c.dep_ in ("xcomp", "advcl") and c.i > head.i), None)
        if purpose is not None and len(list(purpose.subtree)) <= 10:
            return "time " + _phrase([t for t in purpose.subtree if not t.is_punct])
    if verb.lower_ not in MEASURE_VERBS and not duration:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in own), None)
    if subj is not None and subj.tag_ == "WDT" and verb.dep_ == "relcl":
        subj = verb.head  # "a debate that lasted nearly seven hours"
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    what = _phrase(_noun_left(subj)) + " " + verb.text
    obj = next((c for c in verb.rights if c.dep_ == "dobj" and c.i not in own), None)
    if duration and obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        what += " " + _phrase(_noun_left(obj))
    return what


# ---------------------------------------------------------------------------------------------------------
# Public API


def _sentence_of(doc: Any, start: int) -> str:
    """The parser's sentence around ``start``, cut at line breaks (a headline or a "Read also" line is not part
    of the next sentence)."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None or not len(token):
        return ""
    sent = token[0].sent
    text, pos = sent.text, start - sent.start_char
    return text[text.rfind("\n", 0, pos) + 1:(text.find("\n", pos) + 1 or len(text) + 1) - 1].strip()


# Verbs (lemmas) that attribute words to a source
REPORTING_VERBS = {"say", "tell", "add", "explain", "warn", "note", "claim", "insist", "confirm", "deny", "write",
                   "speak", "describe", "acknowledge", "admit", "argue", "suggest", "report", "estimate"}


def _is_source(num: _Number, noun: Any) -> bool:
    """"One official said", "according to one diplomat": a spelled "one" naming a source, not counting."""
    if noun is None or not num.words or num.value != 1 or num.unit is not None or num.qualifier != "exact":
        return False
    if noun.tag_ not in ("NN", "NNP"):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lower_ == "according":
        return True
    return noun.dep_ == "nsubj" and (noun.head.lemma_ or noun.head.lower_) in REPORTING_VERBS


def _year_like(doc: Any, num: _Number, text: str, offset: int) -> bool:
    """A bare 4-digit number between 1000 and 2100 (or a range of two: "between 1600 and 1900") is a year unless
    it counts a plural noun after it."""
    raw = text[num.core_start + offset:num.core_end + offset]
    if num.unit is not None or num.qualifier not in ("exact", "range"):
        return False
    parts = re.findall(r"[\d,.]+", raw) if num.qualifier == "range" else [raw]
    if len(parts) != (2 if num.qualifier == "range" else 1) or not all(
            p.isdigit() and _is_year(float(p), p) for p in parts):
        return False
    before = text[max(0, num.core_start + offset - 20):num.core_start + offset].split()
    if before and before[-1].lower().strip(",'’") in _YEAR_PREPS:
        return True
    tokens = _tokens(doc, num.core_start, num.core_end)
    if tokens:
        t = tokens[-1]
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and t.head.i == nxt.i:
            return False
    return True


_RESTATED = re.compile(r"\s*[(/]\s*")


def _from_doc(doc: Any, nums: list[_Number], text: str, offset: int, previous_nouns: list[Any]) -> list[NumberClaim]:
    """Claims for the candidates ``nums`` (offsets in ``text``), with ``doc`` the parse of ``text[offset:]``."""
    if nums and not doc.has_annotation("DEP"):
        raise ConfigError(
            "find_numbers needs a dependency parse: pass a spaCy pipeline with its parser enabled (for example "
            "storyline.analyze.numbers.load_parser()), not the NER-only one from analyze.entities."
        )
    claims: list[NumberClaim] = []
    for found in nums:
        num = replace(found, start=found.start - offset, end=found.end - offset,
                      core_start=found.core_start - offset, core_end=found.core_end - offset)
        if _year_like(doc, num, text, offset):
            continue
        tokens = _tokens(doc, num.core_start, num.core_end)
        if tokens and num.unit is None and not num.age and not num.words:
            prev = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
            # a number after a proper noun is part of a name: "Flight 714", "Boeing 737", "Storm 3"
            if (prev is not None and prev.tag_ in ("NNP", "NNPS") and prev.text not in SKIP_CAPITALISED
                    and prev.idx + len(prev.text) + 1 == tokens[0].idx and not prev.is_sent_start
                    and num.qualifier == "exact"):
                continue
            # a sports score left on its own
            if prev is not None and prev.text in ("-", "–") and _SCORE_CONTEXT.search(tokens[0].sent.text):
                continue
            # "Ana Rusk, 54, said": an age
            if (prev is not None and prev.text == "," and tokens[0].i >= 2 and doc[tokens[0].i - 2].tag_ == "NNP"
                    and tokens[-1].i + 1 < len(doc) and doc[tokens[-1].i + 1].text in (",", ".", ")", ";")
                    and isinstance(num.value, float) and num.value < 120 and num.qualifier == "exact"):
                num.age, num.unit = True, "years"
        what, noun, keep = _describe(doc, num, previous_nouns)
        if not keep:
            continue
        if noun is not None and noun.tag_ in ("NNS", "NNPS"):
            previous_nouns.append(noun)
        if (claims and num.unit is not None and claims[-1].unit is not None
                and _RESTATED.fullmatch(text[claims[-1].end:found.start])):
            what = claims[-1].what  # "47 feet (14 metres)", "296 hp (224 kW / 300 PS)": the same figure restated
        kind = ("age" if num.age else "duration" if num.unit in TIME_UNITS
                else "mention" if _is_source(num, noun) else "quantity")
        claims.append(NumberClaim(
            text=text[found.start:found.end], value=num.value, qualifier=num.qualifier, unit=num.unit,
            what=what or None, start=found.start, end=found.end, sentence=_sentence_of(doc, num.start),
            kind=kind, noun=None if noun is None or num.unit is not None else _noun_name(
                noun, {t.i for t in _tokens(doc, num.start, num.end)}),
        ))
    return claims


# Where a sentence may start, by punctuation alone: only the sentences with numbers are parsed, which is most of
# the speed ("them" still finds its noun in an earlier sentence: the counted nouns are kept across them).
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*")


_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Za-z](?:\.[A-Za-z])+|[a-z]{1,3})\.$")  # "Dr.", "U.S.", "W.", "vs."


def _chunks(text: str, nums: list[_Number]) -> list[tuple[int, int, list[_Number]]]:
    """(start, end, candidates) of the stretches of ``text`` to parse: each candidate's sentence, merged with
    the next where they touch."""
    bounds = [0] + [m.end() for m in _BOUNDARY.finditer(text)
                    if m.group(0).startswith("\n") or not _ABBREVIATION.search(text, max(0, m.start() - 12), m.start())]
    bounds.append(len(text))
    chunks: list[tuple[int, int, list[_Number]]] = []
    for num in nums:
        i = bisect_right(bounds, num.start) - 1
        start = bounds[i]
        end = bounds[min(len(bounds) - 1, bisect_left(bounds, num.end))]
        if chunks and start <= chunks[-1][1]:
            chunks[-1] = (chunks[-1][0], max(end, chunks[-1][1]), chunks[-1][2] + [num])
        else:
            chunks.append((start, end, [num]))
    return chunks


def find_numbers(text: Any, nlp: Any = None) -> list[NumberClaim]:
    """Every number in ``text`` that states a fact, in text order.

    ``text`` is a string or an already parsed spaCy ``Doc`` (with a dependency parse); ``nlp`` is a loaded
    spaCy pipeline with a parser, by default :func:`load_parser` of ``Settings().spacy_model``. For a string,
    only the sentences around numbers are parsed.
    """
    if not isinstance(text, str):
        return _from_doc(text, _candidates(text.text), text.text, 0, [])
    return next(find_numbers_many([text], nlp))


def find_numbers_many(texts: Iterable[str], nlp: Any = None, batch_size: int = BATCH_SIZE) -> Iterator[list[NumberClaim]]:
    """:func:`find_numbers` for many texts, parsed in batches; yields one list per text, in order."""
    stream = iter(texts)
    while batch := list(islice(stream, batch_size)):
        plans = [(text, _chunks(text, _candidates(text))) for text in batch]
        pieces = [text[start:end] for text, chunks in plans for start, end, _ in chunks]
        docs = iter((nlp or load_parser()).pipe(pieces, batch_size=batch_size) if pieces else ())
        for text, chunks in plans:
            previous_nouns: list[Any] = []
            claims: list[NumberClaim] = []
            for (start, _, nums), doc in zip(chunks, docs):
                claims.extend(_from_doc(doc, nums, text, start, previous_nouns))
            yield claims
