"""Time expressions in news text, resolved to calendar values against the publication date.

``find_timexes(text, anchor)`` finds time expressions with regular expressions and gives each a TIMEX3-style
value: "2024-11-26" (day), "2024-11" (month), "2024" (year), "2024-W47" (ISO week), "202" (decade),
"2024-Q3", "P3D" (duration), "2024-11-26T14:00" or "2024-11-26TNI" (time, part of day), "PRESENT_REF"...
Relative expressions ("on Tuesday", "last month", "yesterday") are resolved against ``anchor`` (the
publication date). Nothing is invented: without an anchor they keep ``value=None``.

A bare weekday points back (the most recent one, on or before the anchor) unless the cue nearest to it in its
sentence is a future one ("will", "is scheduled to", "set to", "plans to", "is holding", "next" → the next one,
on or after the anchor); a future seen from the past ("would", "was due to") takes the nearest one; a weekday
declared something ("declared Saturday a day of mourning") is ahead. A year-less date, month or season takes the
occurrence nearest to the anchor, unless the tense contradicts it: a past event cannot lie more than two months
ahead (nearer, it is a deadline: "payable Dec. 7"), a plan not more than two weeks behind; "this March" is the
anchor's. A bound ahead ("until", "through", "from") makes a weekday or date a coming one
unless its verb is in the past tense (a present perfect holds now: "has extended ... through January" runs ahead);
a reporting verb after the expression ("..., officials said") sets no tense, one right after it dates the telling
("Bush on Tuesday said ... may ..." is past).
"Two days ago" is a date (TimeBank style), not the MEANTIME duration "two days".
Vague references follow the TimeML/TIDES guidelines: "now", "current" → PRESENT_REF, "recent(ly)" → PAST_REF,
"in the near term" → FUTURE_REF; "every month" is a SET, frequency adjectives ("annual", "weekly") are left
untagged (the news annotations rarely tag them). In market reports "on
the day", "for the week" are the reported day and week.
Anaphoric expressions ("the previous day", "three days later", "the previous Friday", "that year", "in the
morning") count from the time in focus, the last one mentioned before them, or from the anchor when none was (a
year-level comparison, "a year earlier", moves no reference time); in
earnings reports "the quarter", "the year-earlier period" and "a year ago" right after a quarter (or with no
other period named since) refer to the quarter last reported on (TimeBank convention).

Annotation conventions follow TimeML/MEANTIME: signals ("on", "since", "in", "for") are outside the span,
modifiers ("early", "late", "the past", "the end of") inside it; "July last year" and "10 p.m. Wednesday" are one
expression each; a year used as a name modifier ("the 2008 Olympics") is a date; an age ("52 years old"), a share
("three-quarters of its food") and a show's title ("ABC's "This Week"") are no time expressions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Iterable

from ..text import iso_day
from ..text.dates import MONTHS, month_number

if TYPE_CHECKING:
    from storyline.model import Article

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(slots=True, frozen=True)
class Timex:
    text: str  # surface span, text[start:end]
    start: int
    end: int
    value: str | None  # TIMEX3-style normalised value; None when it cannot be resolved (e.g. no anchor)
    type: str  # DATE, TIME, DURATION or SET
    date: date | None = None  # the day, when the expression pins a single day


# --- vocabulary -------------------------------------------------------------------------------------------

_WEEKDAY_NUM = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "couple": 2,
    "a couple of": 2, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5, "single": 1,
}
_VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "multiple", "numerous"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# duration unit -> (TIMEX3 unit letter, multiplier, is a time unit)
_UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "weekend": ("WE", 1, False),
    "month": ("M", 1, False), "quarter": ("Q", 1, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False),
}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
_MONTH = rf"(?P<month>{_MONTH_FULL}\b|{_MONTH_ABBR})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d/]|:\d|,\d|\.\d|\s*%)"
_YEAR = r"(?P<year>1\d\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_OPT_WEEKDAY = rf"(?:(?:{_WEEKDAY}|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?),?[^\S\n]+)?"  # never across lines
_ONES_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUM_WORD = (rf"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
             rf"(?:-{_ONES_WORD}|\s{_ONES_WORD}\b(?!-))?"  # "twenty four hours" (transcripts); not "twenty one-year"
             r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
             r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|dozen|hundred|"
             r"a\s+couple\s+of|couple\s+of|several|a\s+few|few|many|multiple|numerous)")
_NUM = rf"(?P<num>{_NUM_WORD}(?:\s+and\s+a\s+half|\s+1/2)?|a(?:\s+single)?|an|half\s+a|single(?=-))"
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|centur(?:y|ie))"
_DUR_MOD = (r"(?:(?P<mod>about|around|almost|nearly|more\s+than|less\s+than|fewer\s+than|over|at\s+least|"
            r"roughly|approximately|up\s+to|just|only|some|the\s+past|the\s+last|the\s+next|the\s+first|"
            r"the\s+coming|the\s+previous|the\s+following|the\s+latest|the|another|a\s+further)\s+)?")
# "the nine months" (earnings reports: "for the nine months ended Sept. 30") takes its article, as TimeBank does

# --- tense heuristic --------------------------------------------------------------------------------------

_FUTURE_CUES = re.compile(
    r"\b(?:(?:will|won't|shall|\w+'ll)(?:\s+not)?(?:\s+(?:be|have))?(?:\s+[a-z]+)?|(?:is|are|be)"
    r"\s+(?:scheduled|expected|set|due|slated|planned|going|about|likely|poised)\s+to(?:\s+[a-z]+)?|"
    r"(?:set|slated|poised)\s+to\s+[a-z]+|(?:is|are|be)\s+(?:due|set|slated|on\s+track)|"
    r"(?:is|are|am)\s+(?:[a-z]+ly\s+)?(?!being\b)[a-z]{2,}ing|"  # present progressive: an arrangement
    r"(?:is|are)\s+to|(?:plans?|planning|intends?|aims?|expects?|hopes?|seeks?|wants?|targets?|vows?)"
    r"\s+to(?:\s+[a-z]+)?|to\s+be\s+[a-z]+|upcoming|next|"
    r"(?<!than\s)(?:planned|scheduled|proposed|expected|anticipated|projected)|forthcoming|"
    r"tomorrow|later\s+this|from\s+now|"
    r"(?-i:can|could|may|might|should|must)(?!\s+have)(?:\s+not)?(?:\s+be)?(?:\s+[a-z]+)?)\b",
    re.I)  # a cue covers its verb: "will be held" is not past "held"
_NEUTRAL_CUES = re.compile(
    r"\b(?:would(?:\s+not)?(?:\s+(?:be|have))?(?:\s+[a-z]+)?|(?:was|were|been)\s+(?:scheduled|expected|set|due|"
    r"slated|planned|going|about|likely|poised)\s+to(?:\s+[a-z]+)?|(?:was|were)\s+to|announced\s+plans\s+to"
    r"(?:\s+[a-z]+)?|(?:agreed|decided|promised|pledged|vowed|offered|voted|threatened|arranged|undertook|"
    r"committed|asked|ordered|told)\s+(?:\w+\s+)?to\s+[a-z]+)\b", re.I)
# "would", "was to", "was scheduled to", a past verb of commitment with its infinitive ("agreed to buy ... in
# February"): a future seen from the past ("said it would close in June"): a year-less date takes the nearest year,
# and so does a weekday
_FORWARD = re.compile(r"\b(?:until|till|through|from)\s+(?:(?:about|around|[\d.:]+\s*[ap]\.?m\.?|noon|midnight|"
                      r"the\s+end\s+of)\s+)?(?:on\s+)?$", re.I)
# a bound ahead: "closed until 6 p.m. on Tuesday", "runs from Thursday"; a verb in the past tense still wins
_PRESENT_CUES = re.compile(r"\b(?:is|are|am|remains?|stays?|keeps?)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en)\b", re.I)
# a participle after a present copula is a state, not a past event: "schools remain closed until Wednesday"
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|didn't|has|have|been|said|told|made|took|gave|came|went|began|saw|won|lost|sold|"
    r"bought|paid|fell|rose|left|met|held|got|found|became|brought|spent|ago|last|earlier|yesterday|"
    r"taken|given|written|chosen|fallen|seen|done|gone|known|shown|grown|begun)\b|"
    r"(?<![Tt]he\s)(?<!\b[Aa]\s)(?<![Aa]n\s)(?<!still\s)(?<!\bits\s)(?<!their\s)\b(?:[a-z]{2,}[^e\W]ed|[a-z]+ied)\b")
# after a determiner a participle is an adjective, no past event: "the reduced dividend is payable Jan. 2"


_REPORTING = {"said", "told", "added", "reported", "announced", "stated", "explained", "noted", "confirmed"}
# after the expression they date the telling ("..., officials said"), not the event; right after it, with no comma,
# the expression dates that telling: "Bush on Tuesday said the blockade may widen" is past, whatever "may" says
_TELLING_AFTER = re.compile(rf"\s+(?:{'|'.join(_REPORTING)})\b", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:has|have|'s|'ve)\s+(?:not\s+|[a-z]+ly\s+)?(?:been\s+)?[a-z]+(?:ed|en)\b", re.IGNORECASE)
_BOUND_AHEAD = re.compile(r"\b(?:until|till|through)\s+(?:(?:about|around|[\d.:]+\s*[ap]\.?m\.?|noon|midnight|"
                          r"the\s+end\s+of)\s+)?(?:on\s+)?$", re.IGNORECASE)
# a present perfect states a result that holds now: the bound it runs to lies ahead ("has extended the loans
# through January", "have been suspended until Monday")


def _tense(sentence: str, start: int, end: int) -> str | None:
    """'future', 'past', 'future-in-past' ("would") or None, from the cue nearest to sentence[start:end] (future
    cues win ties). A cue after the expression counts triple distance: the verb an adverbial belongs to mostly
    precedes it ("Brelco will sell the unit in October, it said" is a plan)."""
    if _TELLING_AFTER.match(sentence, end):
        return "past"

    def nearest(pattern: re.Pattern, skip: list[tuple[int, int]]) -> tuple[float, list[tuple[int, int]]]:
        best, spans = float("inf"), []
        for m in pattern.finditer(sentence):
            if start <= m.start() < end or any(a <= m.start() < b for a, b in skip) or (
                    m.start() >= end and m.group(0).lower() in _REPORTING):
                continue
            spans.append(m.span())
            best = min(best, start - m.end() if m.end() <= start else 3 * (m.start() - end))
        return best, spans

    neutral, neutral_spans = nearest(_NEUTRAL_CUES, [])
    future, future_spans = nearest(_FUTURE_CUES, neutral_spans)
    _, present_spans = nearest(_PRESENT_CUES, neutral_spans + future_spans)
    past, past_spans = nearest(_PAST_CUES, neutral_spans + future_spans + present_spans)
    if past < min(future, neutral):
        perfect = [m.span() for m in _PERFECT.finditer(sentence, 0, start)]
        if perfect and _BOUND_AHEAD.search(sentence, max(0, start - 40), start) and all(
                any(a <= s and e <= b for a, b in perfect) for s, e in past_spans if e <= start):
            return "future"
        return "past"
    if _FORWARD.search(sentence, max(0, start - 40), start):
        return "future"
    if neutral < future:
        return "future-in-past"
    return "future" if future < float("inf") else None


# --- calendar helpers -------------------------------------------------------------------------------------

def _add_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _shift(ref: date, unit: str, n: int) -> tuple[str, date | None]:
    """The value of the period ``unit`` that is ``n`` units from ``ref`` (n may be 0 or negative).
    Raises ValueError or OverflowError past the calendar's years 1-9999."""
    if not 1 <= ref.year + n * _YEARS_PER.get(unit, 0) <= 9999:
        raise ValueError("out of the calendar")
    if unit in ("day", "night"):
        d = ref + timedelta(days=n)
        return d.isoformat() + ("TNI" if unit == "night" else ""), d
    if unit in ("week", "weekend"):
        return _week(ref + timedelta(weeks=n)) + ("-WE" if unit == "weekend" else ""), None
    if unit == "month":
        y, m = _add_months(ref, n)
        return f"{y:04d}-{m:02d}", None
    if unit == "quarter":
        q = ref.year * 4 + _quarter(ref) - 1 + n
        return f"{q // 4:04d}-Q{q % 4 + 1}", None
    if unit == "year":
        return f"{ref.year + n:04d}", None
    if unit == "decade":
        return f"{ref.year // 10 + n:03d}", None
    if unit == "century":
        return f"{ref.year // 100 + n:02d}", None
    raise ValueError(unit)


_YEARS_PER = {"month": 1 / 12, "quarter": 1 / 4, "year": 1, "decade": 10, "century": 100}


def _pick_year(anchor: date, month: int, day: int | None, tense: str | None) -> int:
    """Year for a year-less date (``day=None``: a month): the occurrence nearest to the anchor, unless the tense
    contradicts it by more than ``_AHEAD_SLACK``/``_BEHIND_SLACK`` (a past event cannot lie ahead; a plan cannot lie behind)."""
    if day is None:  # month granularity: count in months
        here = anchor.year * 12 + anchor.month - 1
        options = [(y, abs(y * 12 + month - 1 - here), y * 12 + month - 1 - here) for y in
                   (anchor.year - 1, anchor.year, anchor.year + 1)]
        ahead, behind = _AHEAD_SLACK // 30, 0  # in months
    else:
        options = []
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                delta = (date(y, month, day) - anchor).days
            except ValueError:  # 29 February
                delta = (date(y, month, 28) - anchor).days
            options.append((y, abs(delta), delta))
        ahead, behind = _AHEAD_SLACK, _BEHIND_SLACK
    year, _, delta = min(options, key=lambda o: (o[1], o[0]))
    if tense == "past" and delta > ahead:
        year -= 1
    elif tense == "future" and delta < -behind:
        year += 1
    return year


# days within which the nearest reading wins over the tense: a past-tense sentence dating something up to two
# months ahead states a coming deadline ("declared a dividend, payable Dec. 7"); a plan barely behind is misread
_AHEAD_SLACK, _BEHIND_SLACK = 60, 14


def _number(text: str) -> float | None:
    """Numeric value of a number phrase; None for vague ones ("several")."""
    t = re.sub(r"\s+", " ", text.lower().strip()).replace("a single", "a").replace(" 1/2", " and a half")
    half = t.endswith(" and a half")
    if half:
        t = t[: -len(" and a half")]
    if t in _VAGUE_NUMBERS:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        n = float(t)
    elif "-" in t or " " in t and t.split(" ", 1)[0] in _TENS:  # "twenty-four", "twenty four" (transcripts)
        tens, ones = re.split(r"[-\s]", t, maxsplit=1)
        n = _NUMBER_WORDS[tens] + _NUMBER_WORDS[ones]
    elif t.startswith("couple"):
        n = 2
    else:
        n = _NUMBER_WORDS[t]
    return n + 0.5 if half else n


def _duration(num: float | None, unit: str) -> str:
    letter, mult, is_time = _UNITS[unit]
    amount = "X" if num is None else f"{num * mult:g}"
    return ("PT" if is_time else "P") + amount + letter


# --- rules --------------------------------------------------------------------------------------------------

_TITLE_BEFORE = re.compile(r"(?:[\"“]|\b[A-Z]{2,}\s+|\b[a-z]+\s+)$")


def _titled(m: re.Match, ctx: _Context) -> bool:
    """A relative expression in title case inside running text names a show or a column ("ABC's "This Week"",
    "This is VOA Today"): after an opening quote, an acronym or a lower-case word. A title-case headline (the word
    before is capitalised too) and all-caps text are still read as times."""
    words = m.group(0).split()
    if m.start() == ctx.sentence[0] or not all(w[0].isupper() and not w.isupper() for w in words):
        return False
    return _TITLE_BEFORE.search(ctx.text, max(ctx.sentence[0], m.start() - 12), m.start()) is not None


@dataclass(slots=True)
class _Context:
    text: str
    anchor: date | None
    sentence: tuple[int, int]  # bounds of the sentence holding the match
    refs: tuple[date | None, date | None, date | None]  # last day / month-or-day / any date mentioned before
    day_in_sentence: date | None  # a day pinned earlier in the same sentence, else the first one in it
    tenses: dict[tuple[int, int], str | None]  # per text: each match is resolved two or three times
    quarter: tuple[str, bool] | None = None  # the last quarter mentioned before, and whether it is near: in this
    # sentence or the one before, or the last period mentioned at all ("Profit rose in the third quarter. A year
    # earlier ..." is that quarter's)

    def tense(self, m: re.Match) -> str | None:
        if m.span() not in self.tenses:
            s, e = self.sentence
            self.tenses[m.span()] = _tense(self.text[s:e], m.start() - s, m.end() - s)
        return self.tenses[m.span()]

    def ref_for(self, unit: str) -> date | None:
        """The last time mentioned that is fine enough to count ``unit``s from: "the previous day" counts from
        the last day, "a year later" from the last day, month or year (its first day); else the anchor."""
        return self.refs[_UNIT_GRAIN[unit]]


_UNIT_GRAIN = {"second": 0, "minute": 0, "hour": 0,  # "three hours later" counts from the last day mentioned
               "day": 0, "night": 0, "week": 0, "weekend": 0, "morning": 0, "afternoon": 0, "evening": 0,
               "month": 1, "quarter": 1, "year": 2, "decade": 2, "century": 2}
_MONTH_VALUE = re.compile(r"(\d{4})(?:-(\d\d))?")
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")


Result = tuple[str | None, str, date | None] | None  # (value, type, date); None rejects the match
_RULES: list[tuple[re.Pattern, Callable[[re.Match, _Context], Result], tuple[str, ...]]] = []
# Lower-case words one of which every match of a rule contains: a rule only scans sentences holding one (speed).
_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNIT_KEYS = ("second", "minute", "hour", "day", "night", "week", "month", "quarter", "year", "decade", "centur")


def _rule(pattern: str, flags: int = 0, triggers: tuple[str, ...] = ()):
    def register(fn: Callable[[re.Match, _Context], Result]):
        _RULES.append((re.compile(pattern, flags), fn, triggers))
        return fn
    return register


def _day(year: int, month: int, day: int) -> Result:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d.isoformat(), DATE, d


def _month_of(m: re.Match) -> int:
    return month_number(m.group("month"))


@_rule(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?\b",
       triggers=("-",))
def _iso(m: re.Match, ctx: _Context) -> Result:
    found = _day(int(m["year"]), int(m["month"]), int(m["day"]))
    if found and m["hour"]:
        return f"{found[0]}T{m['hour']}:{m['minute']}", TIME, found[2]
    return found


@_rule(r"(?<![\d/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])", triggers=("/",))
def _numeric(m: re.Match, ctx: _Context) -> Result:
    a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)  # English news: month first unless impossible
    return _day(y, month, day)


@_rule(rf"\b{_OPT_WEEKDAY}{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?", triggers=_MONTH_KEYS)
def _month_day(m: re.Match, ctx: _Context) -> Result:
    return _resolve_month_day(m, ctx)


@_rule(rf"\b{_OPT_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?", triggers=_MONTH_KEYS)
def _day_month(m: re.Match, ctx: _Context) -> Result:
    return _resolve_month_day(m, ctx)


def _resolve_month_day(m: re.Match, ctx: _Context) -> Result:
    month, day = _month_of(m), int(m["day"])
    if not 1 <= day <= 31:
        return None
    if m["year"]:
        return _day(int(m["year"]), month, day)
    if ctx.anchor is None:
        return (None, DATE, None) if _day(2000, month, day) else None
    return _day(_pick_year(ctx.anchor, month, day, ctx.tense(m)), month, day)


_SPAN_MOD = (r"(?:(?P<mod>(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
             r"the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of))[\s-]+)?")


@_rule(rf"\b{_SPAN_MOD}{_MONTH},?\s+(?:of\s+)?{_YEAR}", triggers=_MONTH_KEYS)
def _month_year(m: re.Match, ctx: _Context) -> Result:
    return f"{int(m['year']):04d}-{_month_of(m):02d}", DATE, None


_MONTH_SIGNAL = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|during|before|after|of|for|to|between|and|or|as\s+of|"
    r"early|mid|late|end\s+of|start\s+of|beginning\s+of|middle\s+of)|[-,])\s*$", re.I)


@_rule(rf"\b(?:(?P<mod>(?i:early|mid|late|earlier|later|the\s+(?:end|beginning|start|middle)\s+of))[\s-]+)?"
       rf"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|coming))\s+)?(?P<month>{_MONTH_FULL})\b(?!\s*\d)"
       r"(?:\s+(?P<yrel>(?i:last|this|next))\s+year\b)?", triggers=_MONTH_KEYS)
def _month_only(m: re.Match, ctx: _Context) -> Result:
    """ "in June", "last December", "the end of November", "July last year" (one expression, TimeML)."""
    month = _month_of(m)
    rel = (m["rel"] or "").lower()
    before = ctx.text[max(0, m.start() - 14): m.start()]
    if not (rel or m["mod"] or m["yrel"] or _MONTH_SIGNAL.search(before)):
        return None  # "May" the verb, "June" the name: a bare month needs a signal
    if ctx.anchor is None:
        return None, DATE, None
    if m["yrel"]:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
    elif rel in ("last", "this past"):  # the latest one before the anchor's month ("last December" in October)
        year = ctx.anchor.year - (month >= ctx.anchor.month)
    elif rel in ("next", "this coming", "coming"):  # the first one after it
        year = ctx.anchor.year + (month <= ctx.anchor.month)
    else:
        year = ctx.anchor.year if rel == "this" else _pick_year(ctx.anchor, month, None, ctx.tense(m))
    return f"{year:04d}-{month:02d}", DATE, None


_COUNT_AFTER = re.compile(r"\s+(?!(?:is|was|has|as|its|this|his|plus|us|thus|less|gives|makes)\b)[a-z]+s\b")
_NOT_YEAR_BEFORE = re.compile(r"(?:[$£€#]\s*|\bNo\.\s*|\b[A-Z]{1,3}-?|\b(?:flight|model|route|number|page|"
                              r"version|about|nearly|almost|some|than|total\s+of|to\s+about)\s+)$", re.I)
_OLD_YEAR_SIGNAL = re.compile(r"\b(?:in|since|from|until|by|of|before|after)\s+$", re.I)


@_rule(rf"\b{_SPAN_MOD}(?:(?P<fiscal>fiscal(?:\s+year)?|FY)\s*)?(?<![\d.,/]){_YEAR}(?!-\d\d-|s\b|/)")
def _year(m: re.Match, ctx: _Context) -> Result:
    year = int(m["year"])
    before = ctx.text[max(0, m.start("year") - 16): m.start("year")]
    after = ctx.text[m.end(): m.end() + 30]
    if not m["fiscal"] and not m["mod"]:
        if _COUNT_AFTER.match(after) or _NOT_YEAR_BEFORE.search(before) and not _OLD_YEAR_SIGNAL.search(before):
            return None  # "2000 workers", "$2009", "flight 1549" are numbers, not years
        if year > 2099 or year < 1800 and not _OLD_YEAR_SIGNAL.search(before):
            return None
    if (m["mod"] or "").lower().endswith("half of"):
        return f"{year:04d}-H{1 if 'first' in m['mod'].lower() else 2}", DATE, None
    return f"{year:04d}", DATE, None  # TimeBank: "fiscal 1989" has the value of the year it is named after


@_rule(r"\b(?P<the>the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?"
       r"(?:(?P<dec>1[5-9]\d0|20\d0)s|(?P<apo>['’])?(?P<short>\d0)s)\b(?!\s*(?:%|percent|degrees))", triggers=("0s",))
def _decade(m: re.Match, ctx: _Context) -> Result:
    if m["dec"]:
        return m["dec"][:3], DATE, None
    if not m["apo"]:  # "the 70s", "the late 90s"; not ages ("in his 70s") or prices ("$70s")
        before = ctx.text[max(0, m.start() - 12): m.start()]
        if not m["the"] or m["short"] == "00" or re.search(r"(?:\$|\b(?:his|her|their|its|low|high|upper|lower))\s*$",
                                                           before, re.I):
            return None
    short = int(m["short"])
    return ("19" if short >= 30 else "20") + m["short"][0], DATE, None



_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@_rule(r"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
       r"nineties)\b", re.IGNORECASE, triggers=("ties",))
def _decade_word(m: re.Match, ctx: _Context) -> Result:
    """ "the nineties", "the late sixties": the latest such decade that has begun by the anchor ("in his sixties"
    is an age: it takes no "the")."""
    if ctx.anchor is None:
        return None, DATE, None
    start = ctx.anchor.year - ctx.anchor.year % 100 + 10 * _DECADE_WORDS[m["word"].lower()]
    return f"{(start - 100 if start > ctx.anchor.year else start) // 10:03d}", DATE, None


_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TWO_DIGITS = (rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS)}|"
               rf"(?:oh|o)[\s-](?:{'|'.join(_ONES)}))")


@_rule(rf"\b(?:(?P<month>{_MONTH_FULL})\s+)?(?:the\s+year\s+)?(?:(?P<century>eighteen|nineteen)\s+"
       rf"(?P<yy>{_TWO_DIGITS})|two\s+thousand(?:\s+and)?(?:\s+(?P<yy2>{_TWO_DIGITS}|{'|'.join(_ONES)}))?)\b"
       r"(?!-)", re.I, triggers=("eighteen", "nineteen", "thousand"))
def _spelled_year(m: re.Match, ctx: _Context) -> Result:
    """Broadcast transcripts spell years out: "nineteen ninety-six", "January nineteen ninety-seven", "the year
    two thousand". A count ("nineteen ninety-six people") is not one, nor is "two thousand" without "the year"."""
    named = m.group(0).lower().startswith(("the year", *_MONTH_KEYS))
    if not named and (not m["century"] or _COUNT_AFTER.match(ctx.text, m.end())):
        return None
    words = re.split(r"[\s-]+", (m["yy"] or m["yy2"] or "").lower())
    yy = sum(_NUMBER_WORDS.get(w, 0) for w in words)
    year = (1800 if (m["century"] or "").lower() == "eighteen" else 1900 if m["century"] else 2000) + yy
    month = m["month"]
    return (f"{year:04d}-{MONTHS[month.lower()]:02d}" if month else f"{year:04d}"), DATE, None


@_rule(r"(?<![\w'’])['’](?P<yy>\d\d)\b(?!['’]|s\b|\s*%)", triggers=("'", "’"))
def _short_year(m: re.Match, ctx: _Context) -> Result:
    """ "the crash of '87": the century whose year lies nearest before the anchor (or at most 10 years ahead)."""
    name = re.search(r"\b(\w*[A-Z]\w*)\s+$", ctx.text[max(0, m.start() - 20): m.start()])
    if name and not _OLD_YEAR_SIGNAL.match(name[1] + " "):
        return None  # a version in a product name: "iLife '11", "Windows '95"; not "In '08"
    yy = int(m["yy"])
    now = ctx.anchor.year if ctx.anchor else 2000
    year = now - now % 100 + yy
    if year > now + 10:
        year -= 100
    return f"{year:04d}", DATE, None


@_rule(r"\b(?:the\s+)?(?P<n>1\d|20|21|[1-9])(?:st|nd|rd|th)[\s-]+century\b", re.I, triggers=("century",))
def _century(m: re.Match, ctx: _Context) -> Result:
    return f"{int(m['n']) - 1:02d}", DATE, None


_SEASON_SIGNAL = re.compile(r"\b(?:in|by|during|until|till|since|through|before|after|from|over|to|and|or)\s+$", re.I)


@_rule(r"\b(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<rel>last|this\s+past|this|next|the\s+coming|the\s+past|the)\s+)?"
       r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?", re.I,
       triggers=("spring", "summer", "autumn", "fall", "winter"))
def _season(m: re.Match, ctx: _Context) -> Result:
    rel, name = re.sub(r"\s+", " ", (m["rel"] or "").lower()), m["season"].lower()
    if not (rel or m["year"] or m["mod"]) and (name == "fall" or not _SEASON_SIGNAL.search(
            ctx.text, max(0, m.start() - 8), m.start())):
        return None  # "fall" the verb, "Arab Spring": a bare season needs a signal ("in spring")
    if rel == "the" and not m["year"] and name == "fall":
        return None
    season = _SEASONS[name]
    if m["year"]:
        return f"{m['year']}-{season}", DATE, None
    if ctx.anchor is None:
        return None, DATE, None
    # count in seasons: the nearest occurrence, unless "last"/"next" or the tense says otherwise
    here, target = ctx.anchor.year * 4 + _SEASON_NOW[ctx.anchor.month - 1], _SEASON_ORDER[season]
    year = min((ctx.anchor.year + k for k in (-1, 0, 1)),
               key=lambda y: (abs(y * 4 + target - here), y != ctx.anchor.year))  # a tie: the anchor's year
    delta = year * 4 + target - here
    tense = "past" if rel in ("last", "the past", "this past") else "future" if rel in ("next", "the coming") else ctx.tense(m)
    if tense == "past" and (delta > 0 or delta == 0 and rel in ("last", "the past")):
        year -= 1
    elif tense == "future" and (delta < 0 or delta == 0 and rel in ("next", "the coming")):
        year += 1
    return f"{year:04d}-{season}", DATE, None


_SEASON_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}  # "2024-WI" is the winter that starts in December 2024
_SEASON_NOW = (0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4)  # by month; January and February end the previous winter


@_rule(r"\b(?:the\s+(?!\w+-quarter)|(?=fiscal))?(?:fiscal[\s-]+)?"  # "the third-quarter loss": an adjective
       r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|previous|past|current|this|next|"
       r"latest|same|most\s+recent|recent)[\s-]+(?:fiscal\s+|financial\s+)?quarter(?!ly|s)"
       r"(?:\s+(?:of\s+)?(?:(?P<year>(?:19|20)\d\d)\b|"
       r"(?:the\s+)?(?P<yrel>this|last|next|previous|current)\s+year))?", re.I, triggers=("quarter",))
def _quarter_rule(m: re.Match, ctx: _Context) -> Result:
    ord_ = m["ord"].lower()
    explicit = bool(m["year"] or m["yrel"])
    if ord_ in _ORDINALS or explicit and ord_ in ("last", "final"):
        q = _ORDINALS.get(ord_, 4)  # "the last quarter of 2009" is its fourth
        if m["year"]:
            year = int(m["year"])
        elif ctx.anchor is None:
            return None, DATE, None
        else:
            year = ctx.anchor.year + {"last": -1, "previous": -1, "next": 1}.get((m["yrel"] or "").lower(), 0)
            if not explicit and q > _quarter(ctx.anchor) and ctx.tense(m) == "past":
                year -= 1
        return f"{year:04d}-Q{q}", DATE, None
    if explicit:
        return None
    if ctx.anchor is None:
        return None, DATE, None
    step = {"last": -1, "previous": -1, "past": -1, "most recent": -1, "recent": -1, "latest": -1, "final": -1,
            "next": 1}.get(ord_, 0)
    return _shift(ctx.anchor, "quarter", step)[0], DATE, None


@_rule(r"\b(?:the\s+)?(?P<rel>last|previous|current|this|next|coming)?\s*(?:fiscal|financial)\s+year\b"
       r"(?!\s+(?:19|20)\d\d)",
       re.I, triggers=("year",))
def _fiscal_year(m: re.Match, ctx: _Context) -> Result:
    if _ENDED.match(ctx.text, m.end()):
        return _duration(1, "year"), DURATION, None  # "the fiscal year ended Jan. 31": a year's span (TimeBank)
    if ctx.anchor is None:
        return None, DATE, None
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get((m["rel"] or "").lower(), 0)
    return f"FY{ctx.anchor.year + step:04d}", DATE, None  # MEANTIME's value for a fiscal year not named


@_rule(r"\bQ(?P<q>[1-4])(?:\s+|/|-)?(?P<year>(?:19|20)\d\d|'\d\d)?\b", triggers=("q",))
def _quarter_code(m: re.Match, ctx: _Context) -> Result:
    if m["year"]:
        year = int(m["year"].lstrip("'")) + (2000 if m["year"].startswith("'") else 0)
    elif ctx.anchor:
        year = ctx.anchor.year
    else:
        return None, DATE, None
    return f"{year:04d}-Q{m['q']}", DATE, None


_QUALIFIED = re.compile(r"\s+(?:of|a\s+year|last\s+year|in\s+(?:19|20)\d\d)\b", re.I)
_YEAR_AGO = r"(?:comparable\s+|corresponding\s+)?year-(?:earlier|ago)"


@_rule(rf"\b(?:the|that|this)\s+(?:(?P<year>(?:19|20)\d\d)\s+|(?P<ago>{_YEAR_AGO}|comparable|corresponding)\s+|"
       r"(?P<latest>latest|same)\s+)?(?:(?P<ord>first|second|third|fourth)\s+)?(?:fiscal\s+)?(?P<noun>quarter|period)\b(?!-)|"
       r"\b(?P<rel>this|last|next)\s+year's\s+(?:(?P<ord2>first|second|third|fourth)\s+)?(?:fiscal\s+)?"
       r"(?:quarter|period)\b|"
       rf"\b(?P<bare>{_YEAR_AGO})\b", re.I, triggers=("quarter", "period", "year-"))
def _quarter_anaphor(m: re.Match, ctx: _Context) -> Result:
    """Earnings reports: "the quarter", "the latest period" are the quarter last mentioned; "the year-earlier
    quarter", "year-ago (profit)" the same quarter a year before; "the 1988 period", "last year's quarter" that
    quarter of the year named. Without a quarter mentioned, "the quarter" or "the latest period" is the one before
    the anchor's (results are reported after the quarter closes)."""
    ordinal = m["ord"] or m["ord2"]
    if ordinal and not (m["year"] or m["ago"] or m["rel"]):
        return None  # "the third quarter": the ordinal quarter rule
    mentioned = ctx.quarter[0] if ctx.quarter else None
    if m["year"] or m["rel"]:
        year = int(m["year"]) if m["year"] else ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0) \
            if ctx.anchor else None
    elif m["ago"] or m["bare"]:
        same = mentioned if ctx.quarter and (m["noun"] or ctx.quarter[1]) else None  # "year-ago" needs it near
        if not ordinal and same:
            return f"{int(same[:4]) - 1:04d}{same[4:]}", DATE, None
        year = ctx.anchor.year - 1 if ctx.anchor else None
        if not ordinal:
            return (None if year is None else f"{year:04d}"), DATE, None
    else:
        if _QUALIFIED.match(ctx.text, m.end()):
            return None  # "the same period of last year", "the quarter a year ago" are other periods
        if mentioned:
            return mentioned, DATE, None
        if m["noun"].lower() == "period" and not m["latest"]:
            return None  # "the period" alone names no quarter
        if not ctx.anchor:
            return None, DATE, None
        return _shift(ctx.anchor, "quarter", -1)[0], DATE, None
    if year is None:
        return None, DATE, None
    if ordinal:
        return f"{year:04d}-Q{_ORDINALS[ordinal.lower()]}", DATE, None
    return (f"{year:04d}{mentioned[4:]}" if mentioned else f"{year:04d}"), DATE, None


@_rule(r"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?P<word>today|tonight|yesterday|tomorrow|"
       r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night|overnight)(?!-)"
       r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b", re.I,
       triggers=("today", "tonight", "yesterday", "tomorrow", "night"))
def _deictic_day(m: re.Match, ctx: _Context) -> Result:
    word = re.sub(r"\s+", " ", m["word"].lower())
    if word == "overnight" and not m["part"] or _titled(m, ctx):
        return None
    if ctx.anchor is None:
        return None, DATE, None
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2, "last night": -1, "overnight": 0}[word]
    d = ctx.anchor + timedelta(days=offset)
    part = _PART_OF_DAY.get((m["part"] or "").lower()) or ("NI" if word in ("tonight", "last night") else None)
    return (f"{d.isoformat()}T{part}", TIME, d) if part else (d.isoformat(), DATE, d)


@_rule(r"\bthis\s+(?P<part>morning|afternoon|evening)\b", re.I, triggers=("morning", "afternoon", "evening"))
def _this_part(m: re.Match, ctx: _Context) -> Result:
    if ctx.anchor is None:
        return None, TIME, None
    return f"{ctx.anchor.isoformat()}T{_PART_OF_DAY[m['part'].lower()]}", TIME, ctx.anchor


@_rule(r"\b(?:(?P<mod>early|late|mid)[\s-]?(?=(?:morning|afternoon|evening)\b)|(?P<the>the\s+))"
       r"(?P<part>morning|afternoon|evening)\b(?:\s+(?P<day>yesterday|today))?", re.IGNORECASE,
       triggers=("morning", "afternoon", "evening"))
def _part_of_day(m: re.Match, ctx: _Context) -> Result:
    """ "mid-afternoon yesterday"; "in the morning", "by late afternoon": a part of the day in focus (the day last
    mentioned, else the anchor's), as a report tells a day hour by hour. "The morning" needs a signal."""
    if m["the"] and not _PART_SIGNAL.search(ctx.text, max(0, m.start() - 10), m.start()):
        return None  # "the morning papers", "the evening news"
    day = ctx.ref_for("day") if not m["day"] else ctx.anchor and ctx.anchor - timedelta(
        days=m["day"].lower() == "yesterday")
    if day is None:
        return None, TIME, None
    return f"{day.isoformat()}T{_PART_OF_DAY[m['part'].lower()]}", TIME, day


_PART_SIGNAL = re.compile(r"\b(?:in|during|by|from|until|till|through|throughout)\s+$", re.IGNORECASE)

_DECLARED = re.compile(r"\b(?:declar|proclaim|designat|nam)(?:ed|es|e|s)?\s+$", re.I)
_COMPLEMENT = re.compile(r"\s+(?:as\s+)?(?:a|an|the)\s", re.I)
# a weekday declared something ("declared Saturday a day of mourning") is one still to come


@_rule(rf"\b(?:(?P<mod>(?i:early|late|earlier|later))\s+(?:on\s+)?)?(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|"
       rf"this|coming|(?:the\s+)?previous|(?:the\s+)?following))\s+)?(?P<weekday>{_WEEKDAY})"
       r"(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?\b", triggers=_WEEKDAY_KEYS)
def _weekday(m: re.Match, ctx: _Context) -> Result:
    if ctx.anchor is None:
        return (None, TIME if m["part"] else DATE, None)
    rel = re.sub(r"^the\s+", "", (m["rel"] or "").lower())
    target = _WEEKDAY_NUM[m["weekday"].lower()]
    back = (ctx.anchor.weekday() - target) % 7
    declared = _DECLARED.search(ctx.text, max(0, m.start() - 20), m.start()) and _COMPLEMENT.match(ctx.text, m.end())
    if rel in ("previous", "following"):  # anaphoric: the one before/after the day in focus ("the previous Friday")
        focus = ctx.ref_for("day")
        d = focus - timedelta(days=(focus.weekday() - target) % 7 or 7) if rel == "previous" else \
            focus + timedelta(days=(target - focus.weekday()) % 7 or 7)
    elif rel in ("next", "this coming", "coming") or declared and not rel:
        d = ctx.anchor + timedelta(days=(target - ctx.anchor.weekday()) % 7 or 7)
    elif rel in ("last", "this past"):
        d = ctx.anchor - timedelta(days=back or 7)
    elif (tense := ctx.tense(m)) == "future" or tense == "future-in-past" and back > 3:
        d = ctx.anchor + timedelta(days=(target - ctx.anchor.weekday()) % 7)
    else:  # past, or a future seen from the past that lies nearer behind ("was due to expire Friday")
        d = ctx.anchor - timedelta(days=back)
    if m["part"]:
        return f"{d.isoformat()}T{_PART_OF_DAY[m['part'].lower()]}", TIME, d
    return d.isoformat(), DATE, d


@_rule(r"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?:(?:the|at\s+the)\s+(?P<bnd>beginning|start|end|middle|rest|"
       r"remainder|turn)\s+of\s+)?(?P<the>the\s+)?"
       r"(?P<rel>last|this\s+past|this\s+coming|this|next|past|coming|previous|following|"
       r"current|same|prior|that)\s+(?P<unit>day|night|week|weekend|month|year|decade|century)\b(?!-\w|\s+(?:old|long))",
       re.I, triggers=_UNIT_KEYS)
def _relative_period(m: re.Match, ctx: _Context) -> Result:
    if _titled(m, ctx):
        return None
    rel, unit, the = re.sub(r"^this\s+", "", m["rel"].lower()), m["unit"].lower(), bool(m["the"])
    anaphoric = rel in ("previous", "following", "same", "prior", "that") or the and rel == "next"
    if unit in ("day", "night") and (not anaphoric or rel == "that"):
        return None  # "last night" is a deictic day; "this day", "that day" (mostly an idiom) are no time expressions
    if the and rel in ("next", "coming") and unit not in ("day", "night") and _SPAN_SIGNAL.search(
            ctx.text, max(0, m.start() - 12), m.start()):  # "over the next year"; bare "the next year" is a date
        return _duration(1, unit), DURATION, None
    base = ctx.ref_for(unit) if anaphoric else ctx.anchor
    if base is None:
        return None, DATE, None
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    value, d = _shift(base, unit, step)
    return value, (TIME if value.endswith("TNI") else DATE), d


@_rule(r"\bthe\s+weekend\b(?!\s+(?:of|before|after|when)\b)", re.I, triggers=("weekend",))
def _the_weekend(m: re.Match, ctx: _Context) -> Result:
    """ "the weekend": the one just past (past tense, or early in the week) or the coming one."""
    if ctx.anchor is None:
        return None, DATE, None
    weekday, tense = ctx.anchor.weekday(), ctx.tense(m)
    past = weekday < 5 and (tense == "past" or tense is None and weekday <= 1)
    return _shift(ctx.anchor, "weekend", -1 if past else 0)[0], DATE, None


_SPAN_SIGNAL = re.compile(r"\b(?:over|for|during|within|in|throughout)\s+$", re.I)


@_rule(r"\b(?:the|at\s+the)\s+(?P<bnd>beginning|start|end|middle|turn|(?P<half>first|second)\s+half)\s+of\s+"
       r"(?:the|(?P<rel>this|last|next))\s+(?P<unit>week|month|year|decade|century)\b", re.I, triggers=_UNIT_KEYS)
def _bounded_period(m: re.Match, ctx: _Context) -> Result:
    """ "the end of the year" = this year (the modifier is not part of a TIMEX3 value); halves of a year."""
    if ctx.anchor is None:
        return None, DATE, None
    unit = m["unit"].lower()
    value = _shift(ctx.anchor, unit, {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0))[0]
    if m["half"] and unit == "year":
        value += "-H1" if m["half"].lower() == "first" else "-H2"
    return value, DATE, None


@_rule(r"\b(?:the\s+)?(?P<half>first|second)[\s-]+half\b(?!\s+of\b)|\b(?P<end>year)(?:[\s-]|'s\s+)end\b(?!-)", re.I,
       triggers=("half", "year"))
def _half_or_year_end(m: re.Match, ctx: _Context) -> Result:
    """Business news: "in the second half" is a half of the anchor's year, "by year-end" its end; a past one
    still ahead lies in the previous year."""
    if ctx.anchor is None:
        return None, DATE, None
    if m["end"]:
        year = ctx.anchor.year - (ctx.anchor.month <= 2 and ctx.tense(m) == "past")  # January: last year's end
        return f"{year:04d}", DATE, None
    half = 1 if m["half"].lower() == "first" else 2
    year = ctx.anchor.year - (half == 2 and ctx.anchor.month <= 6 and ctx.tense(m) == "past")
    return f"{year:04d}-H{half}", DATE, None


_NAMED_DAYS = {"black monday": date(1987, 10, 19), "black tuesday": date(1929, 10, 29),
               "black thursday": date(1929, 10, 24)}  # market crashes, named after weekdays


@_rule(r"\bBlack\s+(?:Monday|Tuesday|Thursday)\b", triggers=("black",))
def _named_day(m: re.Match, ctx: _Context) -> Result:
    d = _NAMED_DAYS[re.sub(r"\s+", " ", m.group(0).lower())]
    return d.isoformat(), DATE, d


_ENDED = re.compile(r"\s+end(?:ed|ing)\b", re.IGNORECASE)
_ADVERB_END = r"(?=\s*[,.;:)\"']|\s*$)"  # "before"/"after" as an adverb, not a preposition
_DAY_SIGNAL = re.compile(r"\b(?:on|for|of|over|through|throughout|across)\s+$", re.I)
_YEAR_SIGNAL = re.compile(r"\b(?:for|in|during)\s+$", re.IGNORECASE)


@_rule(rf"\b(?:the\s+)?(?P<which>day|night|week|month|year)\s+(?P<dir>before|after|earlier|previous|prior)"
       rf"{_ADVERB_END}|"
       r"\bthe\s+(?P<which2>next|following)\s+(?P<unit2>morning|afternoon|evening)\b|"
       r"\b(?P<which3>earlier|later|early|late)\s+(?:in|that)\s+(?:the\s+)?(?P<unit3>day|week|month|year)\b|"
       r"\b(?:(?:the\s+)?(?P<bnd>start|beginning|close|end|rest|remainder)\s+of\s+)?"
       r"the\s+(?:trading\s+)?(?P<unit4>day|week|year)\b"
       r"(?=\s*[,.;:)\"']|\s*$|\s+(?:and|to|at|as|with|while|amid|but|on|in|for|from|ending|ended)\b)|"
       r"\bthe\s+full[\s-]+(?P<full>year)\b(?!-)", re.I,
       triggers=_UNIT_KEYS + ("morning", "afternoon", "evening"))
def _period_before(m: re.Match, ctx: _Context) -> Result:
    """Anaphoric periods counted from the last time mentioned: "the day before", "later in the week", and in
    market reports "(rose 2%) on the day", "for the week", "at the start of the day" (the reported day); in
    earnings reports "for the year" (the reported year), "in the year ended Sept. 30" (a year's duration), "the
    full year" (the year of the quarter reported on, else the anchor's: a forecast year named before is not it)."""
    if m["full"]:
        if _ENDED.match(ctx.text, m.end()):
            return _duration(1, "year"), DURATION, None
        if ctx.quarter:
            return ctx.quarter[0][:4], DATE, None
        return (f"{ctx.anchor.year:04d}" if ctx.anchor else None), DATE, None
    if m["unit4"]:
        before = ctx.text[max(0, m.start() - 12): m.start()]
        if not m["bnd"] and not (_YEAR_SIGNAL if m["unit4"].lower() == "year" else _DAY_SIGNAL).search(before):
            return None  # "the day" needs a signal: "on the day", "for the week"
        if _ENDED.match(ctx.text, m.end()):
            return _duration(1, m["unit4"].lower()), DURATION, None
        if (m["bnd"] or "").lower() == "end" and re.search(r"\bat\s+$", before, re.I):
            return None  # "at the end of the day" is an idiom
    unit = (m["which"] or m["unit3"] or m["unit4"] or "day").lower()
    ref = ctx.ref_for(unit)
    if ref is None:
        return None, DATE, None
    if m["which2"]:
        d = ref + timedelta(days=1)
        return f"{d.isoformat()}T{_PART_OF_DAY[m['unit2'].lower()]}", TIME, d
    if m["which3"] or m["unit4"]:
        value, d = _shift(ref, unit, 0)
        return value, DATE, d
    value, d = _shift(ref, unit, 1 if m["dir"].lower() == "after" else -1)
    return value, (TIME if unit == "night" else DATE), d


@_rule(rf"\b{_NUM}[\s-]+{_UNIT}s?\s+(?:(?P<dir>ago|earlier|later|from\s+now|hence)\b(?!\s+than)|"
       rf"(?P<dir2>before|after){_ADVERB_END})", re.I,
       triggers=("ago", "earlier", "later", "now", "hence", "before", "after"))
def _ago(m: re.Match, ctx: _Context) -> Result:
    unit = m["unit"].lower().replace("centurie", "century")
    num = _number(m["num"])
    direction = (m["dir"] or m["dir2"]).lower()
    base = ctx.anchor if direction in ("ago", "from now", "hence") else ctx.ref_for(unit)
    if num is None or num != int(num) or unit in ("second", "minute", "hour"):
        return _duration(num, unit), DURATION, None  # "several years ago" has no single value
    if base is None:
        return None, DATE, None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if unit == "year" and ctx.quarter and ctx.quarter[1]:  # compared with the quarter just named: that quarter
        return f"{int(ctx.quarter[0][:4]) + sign * int(num):04d}{ctx.quarter[0][4:]}", DATE, None
    if unit in ("decade", "century"):
        unit, num = "year", num * _UNITS[unit][1]
    value, d = _shift(base, "day" if unit == "night" else unit, sign * int(num))
    return value, DATE, d


_RUN = r"(?:(?P<run>straight|consecutive|successive|trading|business|working)\s+)*"  # "six straight days"


@_rule(rf"\b{_DUR_MOD}{_NUM}[\s-]+{_RUN}(?:{_UNIT}|(?P<session>session))s?\b(?:[\s-]+(?P<old>old|long)|"
       r"(?P<half>\s+and\s+a\s+half))?", re.I,
       triggers=_UNIT_KEYS + ("session",))
def _duration_rule(m: re.Match, ctx: _Context) -> Result:
    if m["session"] and not m["run"]:
        return None  # "two sessions" of a conference; "two straight sessions" of trading are days
    if (m["old"] or "").lower() == "old":
        return None  # an age ("52 years old", "a 136-year-old firm") dates nothing: TimeBank leaves them untagged
    unit = "day" if m["session"] else m["unit"].lower().replace("centurie", "century")
    num_text = m["num"].lower()
    if unit == "hour" and _is_military(num_text, ctx.text, m.start("num")):
        return None
    if num_text in ("a", "an") and not m["mod"]:
        before = ctx.text[max(0, m.start() - 20): m.start()].lower()
        if re.search(r"(?:\d|once|twice|times|billion|million|thousand|\$)\S*\s*$", before):
            return f"P1{_UNITS[unit][0]}", SET, None  # "$3 billion a year", "twice a day"
    if unit == "night" and num_text in ("a", "an", "one") or unit == "second" and num_text in ("a", "an"):
        return None  # "a second plane" is an ordinal
    if unit == "quarter" and num_text not in _VAGUE_NUMBERS and _FRACTION_OF.match(ctx.text, m.end()):
        return None  # "three-quarters of its food" is a share, not three quarters of a year
    num = _number(num_text)
    return _duration(num + 0.5 if m["half"] and num is not None else num, unit), DURATION, None


_FRACTION_OF = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|your|all|an?|this|that|these|those)\s+"
                          r"(?!(?:year|hour|century|day|week|month|session|decade)s?\b)", re.IGNORECASE)


@_rule(r"\b(?:(?P<mod>recent|the\s+past|the\s+last|the\s+coming|coming|future|the|many)\s+)?"
       r"(?P<unit>years|months|decades|weeks|days|hours|minutes|quarters)\b(?![-\s]+(?:old|ago))",
       re.I, triggers=("years", "months", "decades", "weeks", "days", "hours", "minutes", "quarters"))
def _vague_duration(m: re.Match, ctx: _Context) -> Result:
    """ "for years" is a vague duration; "in recent years", "in coming months" are vague references (TimeML). The
    signal ("for", "over", "in", "within") is needed but stays outside the span, as TimeML has it."""
    mod = re.sub(r"\s+", " ", (m["mod"] or "").lower())
    signal = _VAGUE_SIGNAL.search(ctx.text, max(0, m.start() - 8), m.start())
    if not signal and mod not in ("recent", "the coming", "future") or m["unit"].lower() == "quarters" and not mod:
        return None  # "days of talks", "the weeks ahead" need their own reading; bare "quarters" are rooms
    if mod == "recent":
        return "PAST_REF", DATE, None
    if mod.endswith("coming") or mod == "future":
        return "FUTURE_REF", DATE, None
    if mod in ("the", "many") and signal.group(0).split()[0].lower() in ("in", "within"):
        return None  # "in the years" needs more ("in the years since ..."); left alone
    return _duration(None, m["unit"].lower().rstrip("s")), DURATION, None


_VAGUE_SIGNAL = re.compile(r"\b(?:for|over|in|within)\s+$", re.IGNORECASE)


@_rule(r"\b(?P<word>decades|centuries)-long\b|\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)-(?P<unit>"
       r"decade|century)-long\b", re.I, triggers=("-long",))
def _long(m: re.Match, ctx: _Context) -> Result:
    if m["word"]:
        return _duration(None, m["word"].lower()[:-1].replace("centurie", "century")), DURATION, None
    return _duration(_number(m["n"]), m["unit"].lower()), DURATION, None


@_rule(r"\b(?:(?P<freq>once|twice|\w+\s+times)\s+)?(?:per|each|every)\s+(?P<n>\d+\s+|other\s+|two\s+|three\s+)?"
       r"(?P<unit>day|week|month|quarter|year|decade)s?\b", triggers=("per", "each", "every"))
def _set(m: re.Match, ctx: _Context) -> Result:
    """ "every month", "twice a year" (the "a year" form is in _duration_rule). Frequency adjectives and adverbs
    ("annual meeting", "quarterly dividend", "paid annually") are left untagged: the TimeML guidelines call them
    SETs, but the tuning data tags 4 of their 29 uses (TimeBank 3 of 26, MEANTIME tune 1 of 3), 2 with our
    value: far below the rate at which tagging a class pays (decided on the TimeBank folds and MEANTIME tune;
    benchmarks/results/timex.md, Notes round 6, also reports the held-out cost)."""
    n = (m["n"] or "1").strip()
    n = {"other": "2", "two": "2", "three": "3"}.get(n, n)
    letter, mult, _ = _UNITS[m["unit"]]
    return f"P{int(n) * mult}{letter}", SET, None


@_rule(rf"\b(?:(?:each|every)\s+(?P<weekday>{_WEEKDAY})|(?P<plural>{_WEEKDAY})s)"
       r"(?:\s+(?P<part>morning|afternoon|evening|night)s?)?\b|"
       rf"\b(?P<single>{_WEEKDAY})\s+(?P<parts>morning|afternoon|evening|night)s\b", triggers=_WEEKDAY_KEYS)
def _weekly(m: re.Match, ctx: _Context) -> Result:
    """ "every Thursday", "Tuesday nights": a weekday that recurs (TimeML value XXXX-WXX-2TNI)."""
    number = _WEEKDAY_NUM[(m["weekday"] or m["plural"] or m["single"]).lower()] + 1
    part = m["part"] or m["parts"]
    return f"XXXX-WXX-{number}" + (f"T{_PART_OF_DAY[part.lower()]}" if part else ""), SET, None



@_rule(rf"\b(?:each|every)\s+(?:(?P<month>{_MONTH_FULL})|(?P<season>(?i:spring|summer|autumn|fall|winter)))\b",
       triggers=_MONTH_KEYS + tuple(_SEASONS))
def _yearly(m: re.Match, ctx: _Context) -> Result:
    """ "each July", "every spring": a month or season that recurs (TimeML value XXXX-07, XXXX-SP)."""
    if m["month"]:
        return f"XXXX-{_month_of(m):02d}", SET, None
    return f"XXXX-{_SEASONS[m['season'].lower()]}", SET, None

_TZ = r"(?P<tz>(?-i:UTC|GMT|Z|[ECMP][SD]?T|BST|CES?T|EES?T|IST|JST|AEST|AEDT|HKT|SGT))"


@_rule(r"\b(?P<hour>[01]?\d|2[0-3])(?=:[0-5]\d|\.[0-5]\d\s*[ap]\.?\s?m\b|\s*[ap]\.?\s?m\b)"  # needs minutes or am/pm
       r"(?::(?P<minute>[0-5]\d)|[.](?P<minute2>[0-5]\d)(?=\s*[ap]\.?m))?(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?"
       rf"(?:\s*(?P<paren>\()?\s*{_TZ}\b(?:\s*(?P<offset>[+-]\s*\d{{1,2}}(?::?\d\d)?))?(?(paren)\s*\)))?"
       r"|\b(?P<word>noon|midday|midnight)\b", re.I,
       triggers=(":", "am", "pm", "a.m", "p.m", "a m", "p m", "a. m", "p. m", "noon", "midday", "midnight"))
def _clock(m: re.Match, ctx: _Context) -> Result:
    if m["word"]:
        hour, minute = (24, 0) if m["word"].lower() == "midnight" else (12, 0)  # midnight ends its day: T24
    else:
        if m["tz"] and m["tz"].upper() == "Z" and not m["minute"]:
            return None
        hour, minute = int(m["hour"]), int(m["minute"] or m["minute2"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
    day = ctx.day_in_sentence or ctx.anchor
    if day is None:
        return None, TIME, None
    zone = "Z" if m["tz"] and m["tz"].upper() in ("UTC", "GMT", "Z") and not m["offset"] else ""
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}", TIME, day


@_rule(rf"(?=\d{{4}}(?!\d))(?<![\d.,:/])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*"
       rf"(?:{_TZ}\b|(?P<hours>(?i:hours|hrs))\b)")  # no trigger: few sentences lack a "t" (UTC, EST, hours)
def _military_clock(m: re.Match, ctx: _Context) -> Result:
    """ "0800 UTC", "at 1430 hours": four digits need a zone, or "hours" after a leading zero or "at"."""
    if m["hours"] and not _is_military(m.group(0)[:4], ctx.text, m.start()):
        return None  # "1200 hours of work" is a count
    day = ctx.day_in_sentence or ctx.anchor
    if day is None:
        return None, TIME, None
    zone = "Z" if m["tz"] and m["tz"].upper() in ("UTC", "GMT", "Z") else ""
    return f"{day.isoformat()}T{m['hour']}:{m['minute']}{zone}", TIME, day


def _is_military(digits: str, text: str, start: int) -> bool:
    """ "0800 hours" or "at 1430 hours" is a time of day, not a count of hours."""
    return bool(re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", digits)) and (
        digits[0] == "0" or re.search(r"\bat\s+$", text[max(0, start - 4): start]) is not None)


_CLOCKS = (_clock, _military_clock)  # times of day: they take the day named in their sentence


@_rule(r"\b(?P<present>now|currently|at\s+present|presently|nowadays|at\s+the\s+moment|these\s+days|"
       r"current(?=\s+[a-z])(?!\s+(?:account|assets?|liabilit|ratio|of)\b))\b(?!-)|"
       r"\b(?P<past>(?:more\s+|most\s+|very\s+|only\s+)?recent(?:ly)?|lately|(?<=\bin\s)the\s+past)\b|"
       r"\b(?P<future>the\s+(?:near\s+|distant\s+|foreseeable\s+)?future(?!\s+(?:of|for)\b)|(?:very\s+|quite\s+)?"
       r"soon(?!\s+(?:as|after|afterwards?|thereafter)\b)|as\s+soon\s+as\s+possible)\b|"
       r"(?<=for\s)(?P<present2>the\s+time\s+being)\b|"
       r"(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bover\s)|(?<=\bof\s)|(?<=\binto\s))"
       r"(?P<future2>the\s+(?:near|short|long)(?:er)?[\s-]+term)\b|"
       r"(?<=\bat\s)(?P<future3>a\s+(?:later|future)\s+(?:date|time|stage|point))\b",
       re.I, triggers=("now", "current", "present", "nowaday", "moment", "days", "recent", "lately", "past", "future",
                       "time being", "term", "soon", "later"))
def _ref(m: re.Match, ctx: _Context) -> Result:
    kind = "PRESENT_REF" if m["present"] or m["present2"] else "PAST_REF" if m["past"] else "FUTURE_REF"
    return kind, DATE, None


@_rule(r"\b(?:Christmas\s+Eve|New\s+Year'?s\s+Eve|Christmas(?:\s+Day)?|New\s+Year'?s(?:\s+Day)?|"
       r"Halloween|Thanksgiving(?:\s+Day)?)\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
       triggers=("christmas", "year", "halloween", "thanksgiving"))
def _holiday(m: re.Match, ctx: _Context) -> Result:
    name = m.group(0).split(",")[0].lower()
    if "new year" in name:
        month, day = (12, 31) if "eve" in name else (1, 1)
    elif "christmas" in name:
        month, day = 12, 24 if "eve" in name else 25
    elif "halloween" in name:
        month, day = 10, 31
    else:
        month, day = 11, None
    if m["year"]:
        year = int(m["year"])
    elif ctx.anchor is None:
        return None, DATE, None
    else:
        year = _pick_year(ctx.anchor, month, day or 25, ctx.tense(m))
    if day is None:  # Thanksgiving (US): fourth Thursday of November
        first = date(year, 11, 1)
        day = 1 + (3 - first.weekday()) % 7 + 21
    return _day(year, month, day)


# --- driver -------------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "co", "corp", "inc", "ltd", "vs", "no", "gen", "gov",
                  "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_LAST_WORD = re.compile(r"(\w+)\W*$")


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Cheap sentence split (line breaks, end punctuation before a capital); only the tense cues depend on it."""
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] != "\n":
            word = _LAST_WORD.search(text, max(start, m.start() - 12), m.start())
            if word and (len(word[1]) == 1 or word[1].lower() in _ABBREVIATIONS):
                continue  # "U.S. Air Force", "Nov. 20"
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _sentences_with(lower: str, words: tuple[str, ...], sentences: list[tuple[int, int]],
                    starts: list[int]) -> list[tuple[int, int]]:
    """Character ranges of the (merged, consecutive) sentences that contain one of ``words``."""
    if not words:
        return [(0, len(lower))]
    hit: set[int] = set()
    for word in words:
        i = lower.find(word)
        while i >= 0:
            index = bisect_right(starts, i) - 1
            hit.add(index)
            i = lower.find(word, sentences[index][1])
    ranges: list[tuple[int, int]] = []
    for index in sorted(hit):
        s, e = sentences[index]
        if ranges and ranges[-1][1] == s:
            ranges[-1] = (ranges[-1][0], e)
        else:
            ranges.append((s, e))
    return ranges


def _apply(resolve: Callable[[re.Match, _Context], Result], m: re.Match, ctx: _Context) -> Result:
    try:
        return resolve(m, ctx)
    except (OverflowError, ValueError):  # arithmetic past year 1 or 9999: found, but no value
        return None, DATE, None


def find_timexes(text: str, anchor: date | None) -> list[Timex]:
    """Time expressions in ``text``, in order, resolved against ``anchor`` (the publication date) when given."""
    text = text or ""
    sentences = _sentence_bounds(text)
    starts = [s for s, _ in sentences]

    tenses: dict[tuple[int, int], str | None] = {}

    def context(start: int, refs: tuple, day_in_sentence: date | None,
                quarter: tuple[str, int, bool] | None = None) -> _Context:
        index = bisect_right(starts, start) - 1
        near = quarter and (quarter[0], index - quarter[1] <= 1 or quarter[2])
        return _Context(text, anchor, sentences[index], refs, day_in_sentence, tenses, near)

    # 1. every match its rule accepts (acceptance depends on the text only, not on the reference time)
    valid = []
    lower = text.lower()
    gated = len(lower) == len(text)  # a few characters change length when lower-cased: then scan everything
    for priority, (pattern, resolve, triggers) in enumerate(_RULES):
        for s, e in _sentences_with(lower, triggers, sentences, starts) if gated else [(0, len(text))]:
            for m in pattern.finditer(text, s, e):
                if m.end() > m.start() and _apply(resolve, m, context(m.start(), (anchor,) * 3, None)) is not None:
                    valid.append((m.start(), m.end(), priority, m))
    # 2. overlaps keep the longer expression (then the earlier rule)
    occupied = bytearray(len(text))
    chosen = []
    for start, end, priority, m in sorted(valid, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if not any(occupied[start:end]):
            occupied[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, priority, m))
    # 3. resolve in text order, so anaphora ("the previous day") see the last day mentioned before them; twice,
    # so a clock time also finds a day named later in its sentence ("at 14:00 on 3 March")
    chosen.sort(key=lambda c: c[0])
    first_day: dict[int, date] = {}
    for final in (False, True):
        result: list[Timex] = []
        refs, day_in_sentence, sentence, quarter = (anchor,) * 3, None, -1, None
        for start, end, priority, m in chosen:
            current = bisect_right(starts, start) - 1
            if current != sentence:
                sentence, day_in_sentence = current, first_day.get(current)
            resolve = _RULES[priority][1]
            value, type_, day = _apply(resolve, m, context(start, refs, day_in_sentence, quarter))
            result.append(Timex(text[start:end], start, end, value, type_, day))
            if value and _QUARTER_VALUE.fullmatch(value) and resolve is not _ago and (
                    resolve is not _quarter_anaphor or (m["rel"] or "").lower() == "this"):
                quarter = (value, current, True)  # the quarter reported on, not the one it is compared with
            elif quarter and quarter[2] and resolve not in (_ago, _quarter_anaphor, *_CLOCKS) and (
                    day is not None or value and _MONTH_VALUE.fullmatch(value)):
                quarter = (*quarter[:2], False)  # another period was named since
            if day is not None:
                refs, day_in_sentence = (day,) * 3, day
                if resolve not in _CLOCKS:
                    first_day.setdefault(current, day)
            elif type_ == DATE and value and (month := _MONTH_VALUE.fullmatch(value)) and int(month[1]) > 0 and \
                    resolve is not _ago:  # "a year earlier" is a comparison: the next one counts from the same time
                start_day = date(int(month[1]), int(month[2] or 1), 1)
                refs = (refs[0], start_day, start_day) if month[2] else (refs[0], refs[1], start_day)
        if not final and not any(_RULES[c[2]][1] in _CLOCKS for c in chosen):
            break
    return _join_clock_days(text, result)


_CLOCK_DAY_GAP = re.compile(r"(?P<comma>,)?\s+")


def _join_clock_days(text: str, found: list[Timex]) -> list[Timex]:
    """A time of day followed by its day is one expression, of that day ("10 p.m. Wednesday", "noon Saturday",
    "5 p.m. EST, Nov. 6"), as TimeML marks it; with a signal between ("3 p.m. on Tuesday") they stay two."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        if (prev and prev.type == TIME and t.type == DATE and t.date is not None and prev.value
                and re.fullmatch(r"[\d-]+T\d\d:\d\d\w*", prev.value)
                and (gap := _CLOCK_DAY_GAP.fullmatch(text, prev.end, t.start))
                and not (gap["comma"] and t.text[:3].lower() not in _MONTH_KEYS)):  # "3 p.m., Tuesday was calm"
            out[-1] = Timex(text[prev.start:t.end], prev.start, t.end, f"{t.value}T{prev.value.split('T')[1]}", TIME,
                            t.date)
        else:
            out.append(t)
    return out


def sentence_dates(sentences: Iterable[str], anchor: date | None) -> list[date | None]:
    """For each sentence, the first single day it refers to (a resolved day-level timex), else None."""
    sentences = list(sentences)
    text = "\n".join(s.replace("\n", " ") for s in sentences)
    out: list[date | None] = [None] * len(sentences)
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1
    index = 0
    for t in find_timexes(text, anchor):
        while index + 1 < len(starts) and starts[index + 1] <= t.start:
            index += 1
        if out[index] is None and t.date is not None and t.type in (DATE, TIME):
            out[index] = t.date
    return out


def article_timexes(article: Article) -> list[Timex]:
    """The time expressions of an article's text, anchored on its publication date, else on the reference date its
    text states (``Article.reference_date``); relative ones stay unresolved when neither is known."""
    return find_timexes(article.text, anchor_from(article.published or article.reference_date))


_ISO_CALENDAR = re.compile(r"\d{4}(?:-W\d\d|-\d\d(?:-\d\d)?)?")


def calendar_value(timex: Timex) -> str | None:
    """The ISO 8601 calendar value of a resolved DATE or TIME at its own granularity: a day ``YYYY-MM-DD``, a month
    ``YYYY-MM``, an ISO week ``YYYY-Www`` or a year ``YYYY`` (a time of day gives its day); None for the rest
    (durations, sets, quarters, seasons, vague references, unresolved expressions)."""
    if timex.type not in (DATE, TIME) or not timex.value:
        return None
    value = timex.value.split("T")[0]
    return value if _ISO_CALENDAR.fullmatch(value) else None


_STATED_YEAR = re.compile(r"(?<!\d)(?:1\d|20)\d\d(?!\d)")  # a full date states its year ("two days later" does not)
_DATELINE_CHARS = 300  # a full date this close to the start, on a short line of its own, is a dateline
_DATELINE_LINE = 80


def reference_date(text: str) -> tuple[date, str] | None:
    """For an article without a publication date: the day its own text gives as "now", with the evidence — a
    dateline (a full date on a short line near the start) or else the latest full date it states, dates of plans
    left out. Only absolute dates count (nothing is resolved against a guess); this is no publication date, it
    only anchors relative expressions such as "yesterday"."""
    days = [t for t in find_timexes(text, None) if t.date is not None and _STATED_YEAR.search(t.text)]
    sentences = _sentence_bounds(text)
    starts = [s for s, _ in sentences]

    def planned(t: Timex) -> bool:  # "the summit will open on 3 June 2031" is no "now"
        s, e = sentences[bisect_right(starts, t.start) - 1]
        return _tense(text[s:e], t.start - s, t.end - s) == "future"

    days = [t for t in days if not planned(t)]
    for t in days:
        line_start = text.rfind("\n", 0, t.start) + 1
        line_end = text.find("\n", t.end) % (len(text) + 1)
        if t.start < _DATELINE_CHARS and line_end - line_start <= _DATELINE_LINE:
            return t.date, f"dateline: {t.text}"
    if not days:
        return None
    latest = max(days, key=lambda t: t.date)
    return latest.date, f"latest full date in the text: {latest.text}"


def refer(article: Article) -> None:
    """Sets ``reference_date``/``reference_evidence`` of an undated article from its text (clears them when the
    article has a publication date: that is the anchor then)."""
    found = None if anchor_from(article.published) else reference_date(article.text)
    article.reference_date = found[0].isoformat() if found else None
    article.reference_evidence = found[1] if found else None


def anchor_from(published: str | None) -> date | None:
    """The anchor date from an ISO 8601 date or datetime string (``Article.published``); None if absent or bad."""
    return iso_day(published)
