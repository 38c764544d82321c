"""Time expressions on MEANTIME English: storyline.analyze.timex against dateparser's search_dates.

    .venv/bin/python benchmarks/timex.py [--write] [--errors TOPIC ...]

Data: ``$STORYLINE_BENCHMARKS/meantime-en/intra-doc_annotation`` (default ``<repo>/../shared/benchmarks``):
120 WikiNews articles in 4 topics, CAT XML. The text is rebuilt from the ``<token>`` elements, one sentence
per line (line 1 is the headline, line 2 the date line). Gold = the ``TIMEX3`` markables that have tokens
(empty ones are implicit anchors no system can find). The document creation time (``functionInDocument=
CREATION_TIME``, anchored on the date line) is the anchor and is not scored: it leaves the gold, and
predictions overlapping its tokens are ignored. Documents without a usable one take as anchor the date our
module reads off the date line (never the gold).

Metrics (TempEval-3 style), micro-averaged over timexes: predictions and gold are paired one-to-one (a
prediction takes an unpaired overlapping gold, one with an equal value first, then the largest overlap).
Relaxed detection = paired; strict = paired with identical token spans; value F1 = paired with the
normalised value equal to gold (value accuracy = that over paired). Tuning used only the topics in TUNE;
HELD_OUT is reported separately.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from importlib.metadata import version
from pathlib import Path
from collections.abc import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecbplus import benchmarks_dir  # noqa: E402

from storyline.analyze.timex import find_timexes, reference_date  # noqa: E402

TOPICS = ("airbus", "apple", "gm", "stock")
TUNE = ("airbus", "apple")
HELD_OUT = ("gm", "stock")
TE3_FOLDERS = {"timebank": "TimeBank", "aquaint": "AQUAINT"}
TE3_PARTS = tuple(TE3_FOLDERS)
TE3_TUNE, TE3_HELD_OUT = ("timebank",), ("aquaint",)
TE3_FOLDS = ("timebank:0", "timebank:1")  # TimeBank by document index (by name) mod 2: develop on one, check the other
GATE_DOCS_PER_TOPIC = 5
TE3_GATE_EVERY = 10  # the TimeBank gate subset: every 10th document by name  # the quality gate runs on the first 5 documents (by name) of each topic
RESULTS = Path(__file__).resolve().parent / "results" / "timex.md"

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$", "#"}  # a lone "-" token is a dash: hyphenated words are one token
_QUOTES = {"``": '"', "''": '"'}


@dataclass(slots=True)
class Gold:
    tokens: frozenset[int]
    value: str
    type: str
    text: str
    absolute: bool = False  # a DATE or TIME that states its year ("March 1998"): its value needs no anchor


@dataclass(slots=True)
class Doc:
    name: str
    topic: str
    text: str
    spans: dict[int, tuple[int, int]]  # token id -> char span in text
    gold: list[Gold]
    anchor: date | None
    anchor_from_text: bool  # no CREATION_TIME markable: anchor read from the date line
    dct_tokens: frozenset[int] = field(default_factory=frozenset)
    annotated: frozenset[int] = field(default_factory=frozenset)  # tokens of the sentences MEANTIME annotated
    fold: int | None = None  # TempEval-3: the document's index in its part (by name) mod 2

    def within(self, parts: Iterable[str]) -> bool:
        """In one of these topics/parts, or folds of a part ("timebank:0")."""
        return self.topic in parts or f"{self.topic}:{self.fold}" in parts

    def tokens_of(self, start: int, end: int) -> frozenset[int]:
        return frozenset(t for t, (s, e) in self.spans.items() if s < end and start < e)


def read_doc(path: Path, topic: str) -> Doc:
    root = ET.parse(path).getroot()
    lines: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    sentence_of: dict[int, int] = {}
    offset, sentence, line, prev = 0, None, "", None
    for token in root.iter("token"):
        if token.get("sentence") != sentence:
            if sentence is not None:
                lines.append(line)
                offset += len(line) + 1
            sentence, line, prev = token.get("sentence"), "", None
        word = _QUOTES.get(token.text or "", token.text or "")
        if prev is not None and word not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            line += " "
        sentence_of[int(token.get("t_id"))] = int(token.get("sentence"))
        spans[int(token.get("t_id"))] = (offset + len(line), offset + len(line) + len(word))
        line += word
        prev = word
    lines.append(line)
    text = "\n".join(lines)
    gold, anchor, dct_tokens = [], None, frozenset()
    for tx in root.iter("TIMEX3"):
        ids = frozenset(int(a.get("t_id")) for a in tx.findall("token_anchor"))
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct_tokens = ids
            anchor = _parse_day(tx.get("value") or "")
        elif ids:
            s, e = min(spans[i][0] for i in ids), max(spans[i][1] for i in ids)
            gold.append(Gold(ids, tx.get("value") or "", tx.get("type") or "", text[s:e], _absolute(tx.get("type"), text[s:e])))
    # MEANTIME annotates only the first sentences of each article (headline, date line, first body sentences):
    # the scored region ends with the last sentence holding any markable of any kind
    last = max((sentence_of[int(a.get("t_id"))] for m in root.find("Markables") for a in m.findall("token_anchor")),
               default=-1)
    annotated = frozenset(t for t, s in sentence_of.items() if s <= last)
    from_text = anchor is None
    if from_text:
        anchor = next((t.date for line in lines[1:3] for t in find_timexes(line, None) if t.date), None)
    return Doc(path.stem, topic, text, spans, gold, anchor, from_text, dct_tokens, annotated)


def _absolute(type_: str, surface: str) -> bool:
    """By the surface: the annotators' temporalFunction/anchorTimeID flags are not used alike across the corpora."""
    return type_ in ("DATE", "TIME") and _STATES_YEAR.search(surface) is not None


_STATES_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def load(topics=TOPICS, root: Path | None = None) -> list[Doc]:
    folder = (root or benchmarks_dir()) / "meantime-en" / "intra-doc_annotation"
    if not folder.is_dir():
        raise FileNotFoundError(f"MEANTIME not found at {folder}; set STORYLINE_BENCHMARKS to the benchmarks folder")
    return [read_doc(p, t) for t in topics for p in sorted((folder / f"corpus_{t}").glob("*.xml"))]


_TOKEN = re.compile(r"\w+|[^\w\s]")


def read_tml(path: Path, part: str) -> Doc:
    """A TempEval-3 TimeML file: the plain text of <TEXT> (tags stripped), its TIMEX3 as gold, the DCT as anchor.
    Tokens (for span matching) are words and single punctuation marks."""
    root = ET.parse(path).getroot()
    body = root.find("TEXT")
    text = "".join(body.itertext())
    spans = {i: m.span() for i, m in enumerate(_TOKEN.finditer(text))}
    doc = Doc(path.stem, part, text, spans, [], None, False, annotated=frozenset(spans))
    dct = root.find("DCT/TIMEX3")
    doc.anchor = _parse_day(dct.get("value") or "") if dct is not None else None
    offset = 0

    def walk(element: ET.Element) -> None:
        nonlocal offset
        if element.tag == "TIMEX3":
            surface = "".join(element.itertext())
            doc.gold.append(Gold(doc.tokens_of(offset, offset + len(surface)), element.get("value") or "",
                                 element.get("type") or "", surface, _absolute(element.get("type"), surface)))
        offset += len(element.text or "")
        for child in element:
            walk(child)
            offset += len(child.tail or "")

    walk(body)
    return doc


def load_tempeval(parts=TE3_PARTS, root: Path | None = None) -> list[Doc]:
    folder = (root or benchmarks_dir()) / "tempeval3-train"
    if not folder.is_dir():
        raise FileNotFoundError(f"TempEval-3 training data not found at {folder}; set STORYLINE_BENCHMARKS")
    docs = []
    for part in parts:
        for i, path in enumerate(sorted((folder / TE3_FOLDERS[part]).glob("*.tml"))):
            docs.append(replace(read_tml(path, part), fold=i % 2))
    return docs


def te3_gate_docs(docs: list[Doc]) -> list[Doc]:
    """A small fixed TimeBank subset for the quality gate."""
    return sorted((d for d in docs if d.topic == "timebank"), key=lambda d: d.name)[::TE3_GATE_EVERY]


def gate_docs(docs: list[Doc]) -> list[Doc]:
    by_topic: dict[str, list[Doc]] = {}
    for d in docs:
        by_topic.setdefault(d.topic, []).append(d)
    return [d for t in sorted(by_topic) for d in sorted(by_topic[t], key=lambda d: d.name)[:GATE_DOCS_PER_TOPIC]]


# --- systems ------------------------------------------------------------------------------------------------

Prediction = tuple[frozenset[int], str | None, str]  # tokens, value, surface text


def ours(doc: Doc) -> list[Prediction]:
    return [(doc.tokens_of(t.start, t.end), t.value, t.text) for t in find_timexes(doc.text, doc.anchor)]


_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def dateparser_baseline(doc: Doc) -> list[Prediction]:
    """``search_dates`` with RELATIVE_BASE = anchor; its datetimes normalised to a year, month or day value."""
    from dateparser.search import search_dates

    base = datetime.combine(doc.anchor, datetime.min.time()) if doc.anchor else None
    settings = {"RELATIVE_BASE": base} if base else {}
    try:
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
    except Exception:  # a crash in the baseline counts as finding nothing in that document
        found = []
    out, cursor = [], 0
    for surface, when in found:
        start = doc.text.find(surface, cursor)
        if start < 0:
            start = doc.text.find(surface)
        if start < 0:
            continue
        cursor = start + len(surface)
        s = surface.strip()
        if re.fullmatch(r"(?:19|20)\d\d", s):
            value = f"{when.year:04d}"
        elif _MONTH_WORD.search(s) and not re.search(r"(?<!\d)[0-3]?\d(?!\d)", s):
            value = f"{when.year:04d}-{when.month:02d}"
        else:
            value = when.date().isoformat()
        out.append((doc.tokens_of(start, start + len(surface)), value, surface))
    return out


# --- scoring --------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Counts:
    pred: int = 0
    gold: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    mapped: int = 0  # value equal up to the TimeML conventions mapped in `conventional` (scorer side only)

    def add(self, other: "Counts") -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def relaxed_prf(self):
        return self._prf(self.relaxed, self.pred, self.gold)

    def strict_prf(self):
        return self._prf(self.strict, self.pred, self.gold)

    def value_prf(self):
        return self._prf(self.value, self.pred, self.gold)

    def mapped_prf(self):
        return self._prf(self.mapped, self.pred, self.gold)

    @property
    def value_accuracy(self) -> float:
        return self.value / self.relaxed if self.relaxed else 0.0


@dataclass(slots=True, frozen=True)
class Error:
    """One scoring error: a gold timex missed, a prediction without gold, or a pair with different values."""
    doc: str
    anchor: date | None
    kind: str  # MISS, EXTRA or VALUE
    surface: str  # ours (EXTRA, VALUE) or the gold text (MISS)
    ours: str | None = None
    gold: str | None = None
    gold_text: str = ""

    def __str__(self) -> str:
        head = f"{self.doc[:40]} {self.anchor} {self.kind}"
        if self.kind == "MISS":
            return f"{head}  {self.surface!r} gold={self.gold}"
        if self.kind == "EXTRA":
            return f"{head} {self.surface!r} ours={self.ours}"
        return f"{head} {self.surface!r} ours={self.ours} gold={self.gold} ({self.gold_text!r})"


def score(doc: Doc, predictions: list[Prediction], errors: list[Error] | None = None) -> Counts:
    preds = [p for p in predictions if p[0] & doc.annotated and not p[0] & doc.dct_tokens]
    paired: dict[int, int] = {}  # gold index -> prediction index
    for i, (tokens, value, _) in enumerate(preds):
        options = [g for g, gold in enumerate(doc.gold) if g not in paired and gold.tokens & tokens]
        if options:
            best = max(options, key=lambda g: (doc.gold[g].value == value, len(doc.gold[g].tokens & tokens)))
            paired[best] = i
    c = Counts(pred=len(preds), gold=len(doc.gold), relaxed=len(paired))
    c.strict = sum(doc.gold[g].tokens == preds[i][0] for g, i in paired.items())
    c.value = sum(doc.gold[g].value == preds[i][1] for g, i in paired.items())
    c.mapped = sum(conventional(doc.gold[g].value, preds[i][1], doc.anchor) for g, i in paired.items())
    if errors is not None:
        for g, gold in enumerate(doc.gold):
            if g not in paired:
                errors.append(Error(doc.name, doc.anchor, "MISS", gold.text, gold=gold.value))
            elif gold.value != preds[paired[g]][1]:
                errors.append(Error(doc.name, doc.anchor, "VALUE", preds[paired[g]][2], preds[paired[g]][1],
                                    gold.value, gold.text))
        for i, p in enumerate(preds):
            if i not in paired.values():
                errors.append(Error(doc.name, doc.anchor, "EXTRA", p[2], p[1]))
    return c


_REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_FREQUENCY_WORD = re.compile(r"(?i)(?:annual(?:ly)?|yearly|quarterly|monthly|weekly|daily|nightly|hourly)")
_COMPARISON = re.compile(r"(?i)\byear[\s-](?:earlier|ago)\b")
_NAMED_TIME = re.compile(r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|"
                         r"sep|oct|nov|dec|spring|summer|autumn|fall|winter)")
CAUSES = {
    "convention": "annotation convention: underspecified gold value (`X` placeholders, `*_REF` for a calendar value)",
    "vague": "extent: vague or frequency word with no gold (\"now\", \"recent\", \"quarterly\")",
    "vague-missed": "extent: missed vague expression (gold `*_REF`)",
    "comparison": "anchor: comparison period (\"a year earlier\", \"year-ago\")",
    "tense": "tense direction: a named weekday, month or season on the wrong side",
    "type": "type: duration vs date",
    "granularity": "granularity: same time, another unit (`1989` vs `1989-12-31`, `T17` vs `T17:00`)",
    "anchor": "anchor / reference time: same unit, another period",
    "extra": "extent: extra (no gold overlaps)",
    "missed": "extent: missed",
}


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value)


def cause(error: Error) -> str:
    """A rule-assisted sort of one error into a key of CAUSES, read off its values and surface only (so the counts
    before and after a change are comparable; the sort is coarse, as said in the Notes)."""
    ours, gold = error.ours or "", error.gold or ""
    if error.kind == "EXTRA":
        return "vague" if ours in _REFS or _FREQUENCY_WORD.fullmatch(error.surface.strip()) else "extra"
    if error.kind == "MISS":
        return "vague-missed" if gold in _REFS else "missed"
    if gold in _REFS or "X" in gold and not gold.startswith("P") or ours in _REFS:
        return "convention"
    if _COMPARISON.search(error.surface) or _COMPARISON.search(error.gold_text):
        return "comparison"
    if ours.startswith("P") != gold.startswith("P"):
        return "type"
    if _shape(ours) != _shape(gold):
        return "granularity"
    if _NAMED_TIME.search(error.surface):
        return "tense"
    return "anchor"


def conventional(gold: str, predicted: str | None, anchor: date | None) -> bool:
    """Equal up to TimeML labelling conventions, mapped on the scorer side only (Storyline's export is not
    changed): a gold value with ``X`` placeholders leaves those characters open ("last week" = ``1989-WXX``, "a
    year earlier" = ``1988-QX``: a calendar value of the same shape fills them); ``PRESENT_REF`` is the
    document's own day ("today" in TimeBank); a time to the hour equals the same time with ``:00`` ("5 p.m." =
    ``T17``); a fiscal year named ``FY1989`` (MEANTIME) is ``1989`` (TimeBank); and a duration is the same length
    in other units (``P2Y6M`` = ``P2.5Y``, TimeBank and MEANTIME write "two and a half years" each their way)."""
    if predicted is None:
        return False
    if gold == predicted:
        return True
    if gold == "PRESENT_REF":
        return anchor is not None and predicted == anchor.isoformat()
    if re.fullmatch(r".*T\d\d", gold) and predicted == gold + ":00":
        return True
    if gold.removeprefix("FY") == predicted.removeprefix("FY") and (gold + predicted).count("FY") == 1:
        return True
    if gold.startswith("P") and predicted.startswith("P"):
        return _length(gold) is not None and _length(gold) == _length(predicted)
    return ("X" in gold and len(gold) == len(predicted)
            and all(g == p or g == "X" and p.isdigit() for g, p in zip(gold, predicted)))


_DURATION = re.compile(r"P(?:(?P<Y>[\d.]+)Y)?(?:(?P<Q>[\d.]+)Q)?(?:(?P<MO>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?"
                       r"(?:(?P<D>[\d.]+)D)?(?:T(?:(?P<H>[\d.]+)H)?(?:(?P<MI>[\d.]+)M)?(?:(?P<S>[\d.]+)S)?)?")
_MONTHS = {"Y": 12, "Q": 3, "MO": 1}
_SECONDS = {"W": 604800, "D": 86400, "H": 3600, "MI": 60, "S": 1}


def _length(value: str) -> tuple[float, float] | None:
    """A duration's length as (months, seconds); None when it is not a plain number of units ("PXY")."""
    m = _DURATION.fullmatch(value)
    if not m or not any(m.groupdict().values()):
        return None
    try:
        return (sum(float(m[k]) * n for k, n in _MONTHS.items() if m[k]),
                sum(float(m[k]) * n for k, n in _SECONDS.items() if m[k]))
    except ValueError:
        return None


def evaluate(docs: list[Doc], system=ours, errors: list[Error] | None = None) -> Counts:
    total = Counts()
    for doc in docs:
        total.add(score(doc, system(doc), errors))
    return total


def timed(docs: list[Doc], system, repeat: int = 1) -> tuple[dict[str, list[Prediction]], float]:
    """Predictions per document and articles per second (best of ``repeat`` runs)."""
    best, out = float("inf"), {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = {d.name: system(d) for d in docs}
        best = min(best, time.perf_counter() - t0)
    return out, len(docs) / best


# --- report -----------------------------------------------------------------------------------------------

def _row(label: str, system: str, c: Counts) -> str:
    rp, rr, rf = c.relaxed_prf()
    sp, sr, sf = c.strict_prf()
    vp, vr, vf = c.value_prf()
    return (f"| {label} | {system} | {c.gold} | {c.pred} | {rp:.3f} | {rr:.3f} | {rf:.3f} | {sf:.3f} | {vp:.3f} | "
            f"{vr:.3f} | **{vf:.3f}** | {c.value_accuracy:.3f} | {c.mapped_prf()[2]:.3f} |")


HEADER = ("| split | system | gold | predicted | relaxed P | relaxed R | relaxed F1 | strict F1 | value P | "
          "value R | value F1 | value acc. | value F1, conventions mapped |\n" + "|---" * 13 + "|")


def absolute_only(doc: Doc) -> Doc:
    """The document scored on its absolute dates and times only (those that state their year): predictions
    overlapping other gold are ignored, and so are predictions that state no year (in `stating_year`)."""
    others = frozenset().union(*(g.tokens for g in doc.gold if not g.absolute))
    return replace(doc, gold=[g for g in doc.gold if g.absolute], dct_tokens=doc.dct_tokens | others)


def stating_year(predictions: list[Prediction]) -> list[Prediction]:
    return [p for p in predictions if _STATES_YEAR.search(p[2])]


def no_anchor(doc: Doc) -> list[Prediction]:
    return [(doc.tokens_of(t.start, t.end), t.value, t.text) for t in find_timexes(doc.text, None)]


def from_text(doc: Doc) -> list[Prediction]:
    """The document treated as undated: relative expressions resolved against the reference date of its text."""
    found = reference_date(doc.text)
    return [(doc.tokens_of(t.start, t.end), t.value, t.text) for t in find_timexes(doc.text, found and found[0])]


def cause_table(errors: list[Error]) -> list[str]:
    counts = {key: 0 for key in CAUSES}
    for e in errors:
        counts[cause(e)] += 1
    return ["| cause | errors |", "|---|---:|", *(f"| {CAUSES[k]} | {n} |" for k, n in counts.items()),
            f"| total | {len(errors)} |"]


def table(docs: list[Doc], splits: dict[str, tuple[str, ...]], predictions: dict[str, dict[str, list[Prediction]]],
          view=lambda d: d, keep=lambda p: p) -> list[str]:
    rows = []
    for label, topics in splits.items():
        for name, predicted in predictions.items():
            c = Counts()
            for d in docs:
                if d.within(topics):
                    c.add(score(view(d), keep(predicted[d.name])))
            rows.append(_row(label, name, c))
    return [HEADER, *rows]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(RESULTS.parents[2])}")
    parser.add_argument("--errors", nargs="*", choices=TOPICS + TE3_PARTS + TE3_FOLDS,
                        help="print our errors on these topics or parts (tune ones!)")
    parser.add_argument("--no-anchor", action="store_true", help="with --errors: the errors without an anchor")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    docs = load()
    load_s = time.perf_counter() - t0
    te3 = load_tempeval()
    if args.errors:
        errors: list[Error] = []
        chosen = [d for d in docs + te3 if d.within(args.errors)]
        if args.no_anchor:
            evaluate([absolute_only(d) for d in chosen], lambda d: stating_year(no_anchor(d)), errors)
        else:
            evaluate(chosen, ours, errors)
        print("\n".join(map(str, errors)))
        print("\n" + "\n".join(cause_table(errors)))
        return

    systems = {"storyline.timex": ours}
    if not args.no_baseline:
        systems["dateparser search_dates"] = dateparser_baseline
    speed, predictions, te3_predictions = {}, {}, {}
    for name, system in systems.items():
        predictions[name], speed[name] = timed(docs, system, repeat=5 if system is ours else 1)
        te3_predictions[name], _ = timed(te3, system)
    splits = {"all (120 docs)": TOPICS, "tune: airbus + apple": TUNE, "held-out: gm + stock": HELD_OUT}
    splits.update({f"topic {t}": (t,) for t in TOPICS})
    te3_splits = {"TimeBank + AQUAINT (256 docs)": TE3_PARTS, "tune: TimeBank (183)": TE3_TUNE,
                  "tune fold 0: TimeBank even": TE3_FOLDS[:1], "tune fold 1: TimeBank odd": TE3_FOLDS[1:],
                  "held-out: AQUAINT (73)": TE3_HELD_OUT}
    given = {**predictions["storyline.timex"], **te3_predictions["storyline.timex"]}
    anchorless = {"DCT given": given, "no anchor": {d.name: no_anchor(d) for d in docs + te3}}
    undated = {"DCT given": given, "reference date from the text": {d.name: from_text(d) for d in docs + te3}}
    referenced = [d for d in docs + te3 if reference_date(d.text)]
    gate = evaluate(gate_docs(docs))
    te3_gate = evaluate(te3_gate_docs(te3))
    fallback = sum(d.anchor_from_text for d in docs)
    lines = [
        "# Time expressions (storyline.analyze.timex) on MEANTIME English and TempEval-3 training data",
        "",
        "Command: `.venv/bin/python benchmarks/timex.py --write` — run "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"on Python {platform.python_version()}, {platform.machine()}, dateparser {version('dateparser')}.",
        "",
        "Metrics (TempEval-3 style, micro-averaged): one-to-one pairing of predictions to overlapping gold. Relaxed "
        "= overlapping token spans, strict = identical spans; value P/R/F1 count pairs whose normalised `value` "
        "equals the gold value (day, month `YYYY-MM`, year, ISO week, quarter, duration ... all scored alike); "
        "value acc. = correct values among relaxed pairs. Baseline: "
        "`dateparser.search.search_dates(text, languages=['en'], settings={'RELATIVE_BASE': anchor})`, each "
        "datetime normalised to `YYYY` for a bare year, `YYYY-MM` for month-only text, else the day `YYYY-MM-DD`.",
        ("\"Conventions mapped\" (scorer side only, the export is unchanged; the value F1 column does not use it): a "
         "gold value with `X` placeholders accepts a calendar value of the same shape (TimeBank's \"last week\" = "
         "`1989-WXX`, \"a year earlier\" = `1988-QX`); gold `PRESENT_REF` accepts the document's own day "
         "(\"today\"); a time to the hour accepts the same time with `:00` (`T17` = `T17:00`); `FY1989` (MEANTIME) "
         "and `1989` (TimeBank) name the same fiscal year; a duration accepts the same length in other units "
         "(`P2Y6M` = `P2.5Y`)."),
        "",
        "## MEANTIME English",
        "",
        "Data: `../shared/benchmarks/meantime-en/intra-doc_annotation` (CC BY 4.0, NewsReader MEANTIME, "
        f"Minard et al. 2016): {len(docs)} WikiNews articles, {sum(len(d.gold) for d in docs)} gold TIMEX3 with a "
        "token span (empty implicit TIMEX3 left out). The document creation time (`functionInDocument="
        "CREATION_TIME`, anchored on the date line) is the anchor and is excluded from scoring (gold and any "
        f"prediction overlapping it). {fallback} documents have no usable creation time (two have no such markable, "
        "one has the malformed value `03-02-2009`); their anchor is the date our module reads off their date line "
        "without an anchor.",
        "",
        "Rules were tuned looking only at errors on the tune topics (airbus, apple); gm and stock are held out, "
        "but not fully blind: an earlier error analysis of them (see Notes) chose some of the forms now covered.",
        "",
        *table(docs, splits, predictions),
        "",
        f"Quality-gate subset (first {GATE_DOCS_PER_TOPIC} documents of each topic, "
        f"{len(gate_docs(docs))} docs): value F1 {gate.value_prf()[2]:.3f} "
        "(floor in `tests/quality/timex_floors.json`).",
        "",
        "## TempEval-3 training data (TimeBank + AQUAINT, TBAQ-cleaned)",
        "",
        "Data: `../shared/benchmarks/tempeval3-train` (TimeBank 1.2 and AQUAINT TimeML as released for SemEval-2013 "
        f"Task 1, UzZaman et al. 2013; research use): {len(te3)} documents, {sum(len(d.gold) for d in te3)} gold "
        "TIMEX3 in `<TEXT>` (the DCT is outside it and is the anchor). Text = `<TEXT>` with all tags stripped; "
        "tokens for span matching are words and single punctuation marks. Rules were tuned looking only at "
        "errors on TimeBank; AQUAINT is held out (its scores were looked at, its errors not). To estimate transfer "
        "within the tuning part, TimeBank is split into two folds by document index (by name) mod 2: a change is "
        "kept only if it helps both.",
        "",
        *table(te3, te3_splits, te3_predictions),
        "",
        f"Quality-gate subset (every {TE3_GATE_EVERY}th TimeBank document by name, {len(te3_gate_docs(te3))} docs): "
        f"value F1 {te3_gate.value_prf()[2]:.3f}.",
        "",
        "## Resolved without an anchor",
        "",
        "The same documents with the creation date withheld (`find_timexes(text, None)`), scored on **absolute** "
        "dates and times only: gold DATE/TIME and predictions whose surface states a year (\"March 1998\", \"June "
        "4, 2009\", \"1990\"); predictions overlapping other gold are ignored. The annotators' `temporalFunction` "
        "flags were not used: AQUAINT sets it false on many relative expressions. \"DCT given\" is the normal run "
        "scored the same way.",
        "",
        *table(docs + te3, {"MEANTIME (120)": TOPICS, "TimeBank (tune)": TE3_TUNE,
                            "AQUAINT (held-out)": TE3_HELD_OUT}, anchorless, absolute_only, stating_year),
        "",
        "## Undated: reference date from the article's own text",
        "",
        "The same documents with the creation date withheld, anchored instead on `timex.reference_date(text)` (a "
        "dateline, else the latest full date the text states), scored on all gold. "
        f"{sum(d.topic in TOPICS for d in referenced)} of {len(docs)} MEANTIME and "
        f"{sum(d.topic in TE3_PARTS for d in referenced)} of {len(te3)} TempEval-3 documents have one; the others "
        "resolve absolute expressions only. Reference = DCT in "
        f"{sum(reference_date(d.text)[0] == d.anchor for d in referenced)} of the {len(referenced)}.",
        "",
        *table(docs + te3, {"MEANTIME (120)": TOPICS, "MEANTIME held-out: gm + stock": HELD_OUT,
                            "TimeBank (tune)": TE3_TUNE, "AQUAINT (held-out)": TE3_HELD_OUT}, undated),
        "",
        "Speed (single process, MEANTIME, text already in memory, XML parsing excluded): "
        + ", ".join(f"{name} {s:,.0f} articles/s" for name, s in speed.items())
        + f". Loading the 120 XML files: {load_s:.2f} s.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        existing = RESULTS.read_text() if RESULTS.exists() else ""
        notes = existing[existing.index("## Notes"):] if "## Notes" in existing else ""
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report + ("\n" + notes if notes else ""))


if __name__ == "__main__":
    main()
