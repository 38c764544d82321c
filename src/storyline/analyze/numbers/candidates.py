"""Numbers found in the characters alone: value, qualifier, currency or unit, ranges and ratios; dates, times,
names, codes and scores are dropped here (the parse is not needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .vocabulary import (
    _ADDRESS_RE,
    _APPROX_AFTER,
    _ATTACHED_UNIT_RE,
    _BETWEEN_RE,
    _DIGITS,
    _ENUM_RE,
    _FROM_RE,
    _MINUS,
    _MONTH_AFTER,
    _MONTH_BEFORE,
    _PHONE_RE,
    _QUALIFIER_RE,
    _RANGE_LINK,
    _RATIO_LINK,
    _RELATIVE_TIME,
    _SCORE_CONTEXT,
    _SENTENCE_END,
    _SPREAD_FROM_RE,
    _STRUCTURED_RE,
    _TIME_AFTER,
    _TRANSLITERATED_AMOUNT,
    _UNIT_RE,
    ABBREVIATED_SCALES,
    AGE_AFTER,
    AGE_BEFORE,
    CAPITALISED_NAME_NOUNS,
    CORE,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DOLLARS,
    FRACTIONS,
    NAME_NOUNS,
    NATIONAL_CURRENCIES,
    SCALES,
    SMALL,
    TIME_UNITS,
    VAGUE,
    VULGAR_FRACTIONS,
)


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
    if m.group("slash"):  # "1/16 of a pint", "1⁄32"
        numerator, denominator = (float(x) for x in re.split(r"\s?[/⁄]\s?", low))
        return (100 * numerator / denominator, "exact", 1) if denominator else None
    if m.group("fraction"):
        parts = re.split(r"[\s-]+", low)
        count = 1 if len(parts) == 1 or parts[0] in ("a", "an") else SMALL[parts[0]]
        return 100 * count / FRACTIONS[parts[-1]], "exact", 1
    if m.group("digits"):
        dm = re.match(rf"({_DIGITS})([½¼¾⅓⅔]?)\s?(.*)$", text)
        number = float(dm.group(1).replace(",", "")) + VULGAR_FRACTIONS.get(dm.group(2), 0)
        scale_words = dm.group(3).lower().split()  # "4 hundred million": the scales multiply
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


_RESTATED_AFTER = re.compile(r"\s*\([^()]{1,30}\d[^()]{0,20}\)")


# A verb of change right before a figure: the figure is the change ("fell 35 points to 7,450")
_CHANGED_BY_RE = re.compile(
    r"(?i)\b(?:rose|rise[sn]?|fell|fall(?:s|en)?|gain(?:ed|s)?|lost|lose|loses|add(?:ed|s)?|climb(?:ed|s)?|drop(?:ped|s)?"
    r"|jump(?:ed|s)?|slip(?:ped|s)?|slid|slides?|up|down|increased|decreased|declined|advanced|eased|surged|soared"
    r"|tumbled|plunged|shed|sheds)\s+(?:by\s+)?(?:(?:US|C|A|NZ|HK|S|R)?[$€£¥]\s?)?$")


def _rate_after(text: str, pos: int) -> tuple[str, int] | None:
    """(what a measure is counted per, as written, singular; end) for the words after its unit."""
    link = _RATE_LINK.match(text, pos)
    if not link:
        return None
    rest = text[link.end():link.end() + 40]
    rest = " " + rest if link.group(0) == "/" else rest
    shift = link.end() - (1 if link.group(0) == "/" else 0)
    for unit, pattern in _UNIT_RE:
        m = pattern.match(rest)
        if m and not _RELATIVE_TIME.match(rest[m.end():]):  # "$6.8bn a year earlier" is no rate
            written = re.sub(r"\s+", " ", m.group(0).strip(" -")).lower()
            # singular as written ("per barrel", "a month"), else the canonical unit ("per sq m" -> m2)
            return (written if unit.lower() in (written, written + "s", written + "es") else unit), shift + m.end()
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

    cores = [m for m in CORE.finditer(text) if m.group("slash") or not is_excluded(*m.span())]  # "1/16 of" is no date
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
            if link and re.match(r"(?i)\s?(?:%|per\s?cent)", link.group(0)) and (
                    _unit_after(text, nxt.end(), None, False) or ("",))[0] != "percent":
                link = None  # "rose 0.5% to 7,500 points": a change and the level it reached, not a range
            if link and link.group("word") == "and" and not _BETWEEN_RE.search(text[max(0, start - 12):start]):
                link = None
            before = text[max(0, m.start() - 30):m.start()]
            if link and link.group("word") in ("to", "or") and _FROM_RE.search(before) and not _SPREAD_FROM_RE.search(
                    before):
                link = None  # "rose from 40 to 50": two numbers
            if (link and link.group("word") == "to" and _CHANGED_BY_RE.search(before)
                    and (nparsed := _core_value(nxt)) is not None and nparsed[0] > 3 * value > 0):
                link = None  # "Brent rose $1.20 to $84.30": a change and the level it reached (a range's ends are close)
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
        elif unit and (restated := _RESTATED_AFTER.match(text, end)) and (
                rate := _rate_after(text, restated.end())):
            unit = f"{unit} per {rate[0]}"  # "9 billion shekels ($2.4 billion) a year": past its restatement

        age = False
        rest = text[end:end + 20]
        am = AGE_AFTER.match(rest)
        if am and high is None:
            age, unit, end = True, am.group("unit").lower() + "s", end + am.end()
        elif AGE_BEFORE.search(text[max(0, start - 10):start]):
            age, unit = True, "years"

        if m.group("fraction") or m.group("slash") or ratio:
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
        if (bare and high is None and not approx and not m.group("fraction") and not m.group("slash")
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


# "rose by 2 percent but Nasdaq fell by 1.": a later bare figure after the same preposition, closing its clause
_PREPOSITION_BEFORE = re.compile(r"(?i)\b(by|to|at|of|from|around)\s+$")
_CLAUSE_END = re.compile(r"\s*(?:[.;:,)]|$|\s(?:in|on|for|at|from|while|and|but|after|before|since)\b)")


def _parallel(text: str, a: _Number, b: _Number) -> bool:
    """b repeats a's construction in a later clause of its sentence ("DAX increased by 2 percent but Nasdaq
    decreased by 1"): the same preposition before each, nothing after b that it could count."""
    pa = _PREPOSITION_BEFORE.search(text[max(0, a.start - 12):a.start])
    pb = _PREPOSITION_BEFORE.search(text[max(0, b.start - 12):b.start])
    between = text[a.end:b.start]
    return (pa is not None and pb is not None and pa.group(1).lower() == pb.group(1).lower()
            and not re.search(r"[.!?]\s", between) and len(between) <= 80
            and _CLAUSE_END.match(text, b.end) is not None)


def _share_units(text: str, nums: list[_Number]) -> None:
    """Give a bare number the unit of the figure it is paired with by "to", "and", "or", or whose construction it
    repeats (not a currency, which is written on each amount, and not a count, whose noun the parse finds)."""
    for j, b in enumerate(nums):
        if b.unit is not None or b.words or b.age or (
                not isinstance(b.value, tuple) and _is_year(b.value, text[b.core_start:b.core_end])):
            continue
        a = next((a for a in reversed(nums[:j]) if a.unit is not None and not a.age and _parallel(text, a, b)), None)
        if a is not None and a.unit not in CURRENCY_CODES:
            b.unit = a.unit
    for a, b in pairwise(nums):
        if not _SIBLING_LINK.fullmatch(text[a.end:b.start]) or a.age or b.age or any(
                _is_year(n.value, text[n.core_start:n.core_end]) for n in (a, b) if not isinstance(n.value, tuple)):
            continue  # "from 20 mpg in 2008 to 29 mpg in 2020": a year takes no unit
        if a.unit is None and b.unit is not None and not a.words and b.unit not in CURRENCY_CODES:
            a.unit = b.unit
        elif b.unit is None and a.unit is not None and not b.words and a.unit not in CURRENCY_CODES and (
                _FROM_RE.search(text[max(0, a.start - 30):a.start])):
            b.unit = a.unit  # "climbed from 21 mpg to 23": the second of a change


