"""Numeric claims on NewsQuant (CQE, EMNLP 2023): storyline.analyze.numbers beside quantulum3.

    .venv/bin/python benchmarks/newsquant.py [--write] [--errors tune] [--no-baseline]

Data: ``$STORYLINE_BENCHMARKS/newsquant/NewsQuant.json`` (default ``<repo>/../shared/benchmarks``): 590 news
sentences with 904 gold quantities (value, unit, normalized_unit, change, referred_concepts). Each sentence is
parsed on its own as a short document.

Scoring as in the CQE evaluation (reimplemented from its description in the data set's README): per sentence,
each gold quantity takes at most one unused prediction with the same value (relative tolerance 1e-5; a range
must match as a (low, high) pair). "value" counts those pairs; among them "+unit" also needs the same
lower-cased normalized unit, "+change" the same change label, "concept partial" one shared concept word and
"concept complete" the same set of words. Micro precision over all predictions, recall over all gold.

Storyline's claims are mapped to CQE's labels: ``UNIT_NAMES`` (canonical unit -> normalized_unit; a count has
its counted noun as unit, as in NewsQuant), ``CHANGES`` (qualifier -> change) and the words of ``what`` as
concepts; a share written in words or with a slash ("a third", "1/16 of") is a percentage in Storyline and a
fraction in NewsQuant (``_cqe_value`` divides it by 100). Every claim kind is scored (NewsQuant annotates ages and
durations as quantities too).

Tuning looked only at the sentences with an even index (TUNE); the odd ones (HELD_OUT) are reported untouched.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ecbplus import benchmarks_dir  # noqa: E402

RESULTS = HERE / "results" / "newsquant.md"
GATE_SENTENCES = 120  # the quality gate runs on the first 120 sentences (both halves)
PUBLISHED = {  # F1 on all of NewsQuant, from published-scores-NewsQuant.csv
    "CQE": {"value": 0.920, "unit": 0.856, "change": 0.881, "concept_partial": 0.761, "concept_complete": 0.570},
    "quantulum3": {"value": 0.730, "unit": 0.472},
}
METRICS = ("value", "unit", "change", "concept_partial", "concept_complete")

# Storyline's canonical units -> NewsQuant's normalized_unit
UNIT_NAMES = {
    "percent": "percentage", "percentage_points": "percentage point", "USD": "dollar", "EUR": "euro",
    "GBP": "pound sterling", "JPY": "japanese yen", "CNY": "chinese yuan", "INR": "indian rupee",
    "RUB": "russian ruble", "CHF": "swiss franc", "CAD": "canadian dollar", "AUD": "australian dollar",
    "NZD": "new zealand dollar", "HKD": "hong kong dollar", "SGD": "singapore dollar", "TWD": "new taiwan dollar",
    "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre", "miles": "mile", "feet": "foot",
    "inches": "inch", "km2": "square kilometre", "m2": "square metre", "square miles": "square mile",
    "km/h": "kilometre per hour", "mph": "mile per hour", "tonnes": "ton", "kg": "kilogram", "g": "gram",
    "litres": "litre", "gallons": "gallon", "barrels": "barrel", "ha": "hectare", "acres": "acre",
    "GW": "gigawatt", "MW": "megawatt", "kW": "kilowatt", "TWh": "terawatt hour", "GWh": "gigawatt hour",
    "MWh": "megawatt hour", "kWh": "kilowatt hour", "knots": "knot", "hp": "horsepower", "bhp": "brake horsepower", "degrees": "degree", "°C": "celsius", "°F": "fahrenheit", "centuries": "century",
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week", "months": "month",
    "years": "year", "decades": "decade", "basis_points": "basis point", "square feet": "square foot",
    "mpg": "mile per gallon", "μm": "micrometre", "nm": "nanometre", "yards": "yard", "mg": "milligram",
    "lb": "pound-mass", "oz": "ounce", "ml": "millilitre", "W": "watt", "mAh": "milliampere-hour", "V": "volt",
    "GHz": "gigahertz", "MHz": "megahertz", "Hz": "hertz", "TB": "terabyte", "GB": "gigabyte", "MB": "megabyte",
    "GPa": "gigapascal", "Nm": "newton metre", "lb-ft": "foot pound-force", "rpm": "revolutions per minute",
    "dB": "decibel", "ppm": "parts-per-million", "ppb": "parts-per-billion", "calories": "calorie",
    "MYR": "malaysian ringgit", "ILS": "shekel", "DKK": "danish krone", "SEK": "swedish krona",
    "NOK": "norwegian krone", "CZK": "czech koruna", "BRL": "brazilian real", "KRW": "south korean won",
    "IDR": "indonesian rupiah", "THB": "thai baht", "ZAR": "south african rand", "MXN": "mexican peso",
    "PLN": "polish zloty", "TRY": "turkish lira", "HUF": "hungarian forint", "NGN": "nigerian naira",
    "UAH": "ukrainian hryvnia", "sen": "sen", "nautical miles": "nautical mile", "light-years": "light-year",
    "m3": "cubic metre", "cubic feet": "cubic foot", "m/s": "metre per second", "fl oz": "fluid ounce",
    "pints": "pint", "quarts": "quart", "cl": "centilitre", "MPa": "megapascal", "kPa": "kilopascal",
    "hPa": "hectopascal", "Pa": "pascal", "mbar": "millibar", "MJ": "megajoule", "kJ": "kilojoule", "J": "joule",
    "mA": "milliampere", "A": "ampere", "ohms": "ohm", "F": "farad", "lumens": "lumen", "mSv": "millisievert",
    "Sv": "sievert", "PS": "horsepower", "PB": "petabyte", "KB": "kilobyte", "Gbps": "gigabit per second",
    "Mbps": "megabit per second", "bytes": "byte", "bits": "bit", "µg": "microgram", "kilotons": "kiloton",
    "megatons": "megaton", "carats": "carat", "milliseconds": "millisecond",
    "cents": "cent", "pence": "penny", "points": "point", "day": "day", "month": "month", "year": "year", "week": "week",
}
_VAGUE = re.compile(r"(?:tens\s+of\s+|hundreds\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions)")
_SHARE_WORDS = re.compile(r"(?i)\b(?:half|halves|thirds?|quarters?|fifths?|tenths?|in|out\s+of)\b|\d\s?[/⁄]\s?\d")
CHANGES = {"exact": "=", "range": "=", "about": "~", "nearly": "~", "more_than": ">", "over": ">",
           "at_least": ">", "fewer_than": "<", "up_to": "<"}


@dataclass(slots=True)
class Quantity:
    value: tuple[float, ...]  # one number, or (low, high)
    unit: str  # normalized unit, lower case; "-" when none
    change: str
    concepts: frozenset[str]
    text: str = ""  # as written (predictions only), for the error listing


@dataclass(slots=True)
class Sentence:
    index: int
    text: str
    gold: list[Quantity]


def _words(text: str | None) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s,]+", (text or "").lower()) if w and w != "-")


def _gold_value(raw: str) -> tuple[float, ...]:
    m = re.fullmatch(r"(-?[\d.]+)\s*-\s*(-?[\d.]+)", raw.strip())
    return (float(m.group(1)), float(m.group(2))) if m else (float(raw),)


def load(root: Path | None = None) -> list[Sentence]:
    path = (root or benchmarks_dir()) / "newsquant" / "NewsQuant.json"
    if not path.exists():
        raise FileNotFoundError(f"NewsQuant not found at {path} (set STORYLINE_BENCHMARKS)")
    items = json.loads(path.read_text(encoding="utf-8"))
    return [Sentence(i, item["text"], [
        Quantity(_gold_value(q["value"]), q["normalized_unit"].strip().lower() or "-", q["change"],
                 _words(q["referred_concepts"]))
        for q in item["quantities"]]) for i, item in enumerate(items)]


def halves(sentences: list[Sentence]) -> dict[str, list[Sentence]]:
    return {"tune": [s for s in sentences if s.index % 2 == 0],
            "held_out": [s for s in sentences if s.index % 2 == 1], "all": sentences}


# ---------------------------------------------------------------------------------------------------------
# Systems


def storyline(sentences: list[Sentence]) -> list[list[Quantity]]:
    from storyline.analyze.numbers import find_numbers, load_parser

    nlp = load_parser()
    out = []
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences)):
        out.append([Quantity(_cqe_value(c), _cqe_unit(c), CHANGES[c.qualifier], _words(c.what), c.text)
                    for c in find_numbers(doc)])
    return out


def _cqe_value(claim) -> tuple[float, ...]:
    """NewsQuant reads a vague plural as a range up to ten times its base ("dozens" = 12-120) and a share written
    in words as a fraction ("a third" = 0.333, where Storyline says 33.3 percent)."""
    if isinstance(claim.value, tuple):
        return claim.value
    if _VAGUE.fullmatch(claim.text.lower()):
        return claim.value, claim.value * 10
    if claim.unit == "percent" and _SHARE_WORDS.search(claim.text):
        return (claim.value / 100,)
    return (claim.value,)


def _cqe_unit(claim) -> str:
    """NewsQuant's normalized unit: a count's noun, "year of age" for an age, "dollar per barrel" for a rate."""
    if not claim.unit:
        return claim.noun or "-"
    name = " per ".join(UNIT_NAMES.get(part, part.lower()) for part in claim.unit.split(" per "))
    return f"{name} of age" if claim.kind == "age" else name


def quantulum(sentences: list[Sentence]) -> list[list[Quantity]]:
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # its shipped unit classifier does not unpickle with the installed scikit-learn
    out = []
    for s in sentences:
        found = []
        for q in parser.parse(s.text):
            unit = q.unit.name.lower()
            found.append(Quantity((float(q.value),), "-" if unit == "dimensionless" else unit,
                                  "~" if q.uncertainty else "=", frozenset(), q.surface))
        out.append(found)
    return out


# ---------------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRICS, 0))

    def prf(self, metric: str) -> tuple[float, float, float]:
        c = self.correct[metric]
        p, r = c / max(self.predicted, 1), c / max(self.gold, 1)
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _same_value(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(math.isclose(x, y, rel_tol=1e-5) for x, y in zip(a, b))


def pairs(gold: list[Quantity], predicted: list[Quantity]) -> list[tuple[Quantity, Quantity | None]]:
    """Each gold quantity with the first unused prediction of the same value (None when there is none)."""
    free = list(predicted)
    out = []
    for g in gold:
        match = next((p for p in free if _same_value(g.value, p.value)), None)
        if match is not None:
            free.remove(match)
        out.append((g, match))
    return out


def score(sentences: list[Sentence], predictions: list[list[Quantity]]) -> Counts:
    counts = Counts()
    for s, predicted in zip(sentences, predictions):
        counts.gold += len(s.gold)
        counts.predicted += len(predicted)
        for g, p in pairs(s.gold, predicted):
            if p is None:
                continue
            counts.correct["value"] += 1
            counts.correct["unit"] += g.unit == p.unit
            counts.correct["change"] += g.change == p.change
            counts.correct["concept_partial"] += bool(g.concepts & p.concepts)
            counts.correct["concept_complete"] += bool(g.concepts) and g.concepts == p.concepts
    return counts


def errors(sentences: list[Sentence], predictions: list[list[Quantity]]) -> None:
    """Print the sentences where value, unit or concept is wrong (tuning half only, by policy)."""
    for s, predicted in zip(sentences, predictions):
        matched = pairs(s.gold, predicted)
        used = [id(p) for _, p in matched if p is not None]
        bad = [(g, p) for g, p in matched if p is None or g.unit != p.unit or not (g.concepts & p.concepts)]
        extra = [p for p in predicted if id(p) not in used]
        if bad or extra:
            print(f"[{s.index}] {s.text}")
            for g, p in bad:
                got = f"{p.text!r} unit={p.unit} what={sorted(p.concepts)}" if p else "MISSED"
                print(f"    gold {g.value} unit={g.unit} concepts={sorted(g.concepts)} -> {got}")
            for p in extra:
                print(f"    extra {p.text!r} {p.value} unit={p.unit}")


def table(rows: list[tuple[str, str, Counts]]) -> str:
    lines = ["| system | part | gold | predicted | " + " | ".join(f"{m} P / R / F1" for m in METRICS) + " |",
             "|---|---|---|---|" + "---|" * len(METRICS)]
    for system, part, c in rows:
        cells = [" / ".join(f"{x:.3f}" for x in c.prf(m)) for m in METRICS]
        lines.append(f"| {system} | {part} | {c.gold} | {c.predicted} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def gate_sentences(sentences: list[Sentence]) -> list[Sentence]:
    return sentences[:GATE_SENTENCES]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"write the table to {RESULTS}")
    ap.add_argument("--errors", choices=("tune",), help="list the errors on the tuning half")
    ap.add_argument("--no-baseline", action="store_true", help="skip quantulum3")
    args = ap.parse_args()

    sentences = load()
    parts = halves(sentences)
    started = time.perf_counter()
    ours = storyline(sentences)
    seconds = time.perf_counter() - started
    by_index = {s.index: p for s, p in zip(sentences, ours)}
    if args.errors:
        errors(parts["tune"], [by_index[s.index] for s in parts["tune"]])
        return
    rows = [("Storyline", part, score(ss, [by_index[s.index] for s in ss])) for part, ss in parts.items()]
    if not args.no_baseline:
        theirs = dict(zip((s.index for s in sentences), quantulum(sentences)))
        rows += [("quantulum3", part, score(ss, [theirs[s.index] for s in ss])) for part, ss in parts.items()]
    out = table(rows)
    published = "\n".join(f"- {name} (published, all): " + ", ".join(f"{m} F1 {v:.3f}" for m, v in f1.items())
                          for name, f1 in PUBLISHED.items())
    report = (f"{out}\n\n{published}\n\nStoryline: {len(sentences)} sentences in {seconds:.1f} s (parse included); "
              f"spaCy {version('spacy')}" + ("" if args.no_baseline else f", quantulum3 {version('quantulum3')}"))
    print(report)
    if args.write:
        RESULTS.write_text(
            "# Numeric claims on NewsQuant\n\nCommand: `.venv/bin/python benchmarks/newsquant.py --write`\n\n"
            f"Tuning half = even sentence indices; held-out half = odd (never looked at).\n\n{report}\n",
            encoding="utf-8")


if __name__ == "__main__":
    main()
