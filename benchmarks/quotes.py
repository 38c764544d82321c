"""Quotes and speakers (storyline.analyze.quotes) on PolNeAR: real US political news, 2016, brat standoff.

Data: ``../shared/benchmarks/polnear/data/{train,dev}`` (read there, never copied). Every attribution has a
Content span, a Cue and usually a Source (offsets in code points into the article text). Articles that several
annotators marked are scored against the first annotator file in name order (one reading per article, so no
article weighs more than another).

Matching: predicted quotes and gold Content spans are paired one to one, largest overlap first; a pair counts
when they share at least half of the word tokens of the shorter of the two. Subsets follow the gold: a gold
Content is *direct* when its text starts and ends with a quotation mark, *mixed* when it holds quotation marks
elsewhere, else *indirect*. Direct precision is over predicted direct quotes, direct recall over gold direct
Contents; indirect likewise (predicted reported speech against gold indirect or mixed Contents).

Speaker (on matched pairs): right when the predicted speaker shares a name word with the gold Source span
("Donald Trump" ~ "Trump", "HRW" ~ "HRW"); when the gold Source names nobody (a pronoun "he", a description "the
Vermont senator"), right when the predicted speaker shares a word with the nearest earlier gold Source that
does name someone (a stand-in for the coreferent name, which PolNeAR does not annotate); a None speaker is
right for an attribution without a Source and for an anonymous Source ("a senior official", "an adviser to
Trump", "aides": indefinite, or no name, no pronoun and no "the").

Corrected speaker (the headline column): the stand-in is often someone else, so for direct quotes whose Source
names nobody the antecedent was annotated by hand, blind to Storyline's output (tests/gold/polnear_antecedents:
every such quote of dev, a random 150 of train). Where an antecedent is annotated, a speaker is right when it
is the same name (last word, and first word when both have one: "Donald Trump" is not "Ivanka Trump"), or
shares a word with the Source span itself, and None is right when the text names nobody
("unnamed", "organisation"); elsewhere the stand-in scores it. The stand-in-only scorer stays as a column.

Tuning uses train (``--split train``, optionally ``--limit``); dev is the held-out report.

    .venv/bin/python benchmarks/quotes.py [--split dev|train] [--limit N] [--write]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from storyline.analyze import nlp as spacy_nlp
from storyline.analyze.quotes import quotes_in
from storyline.model import Quote
from storyline.settings import Settings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "polnear" / "data"
ANTECEDENTS = Path(__file__).resolve().parents[1] / "tests" / "gold" / "polnear_antecedents"
RESULTS = Path(__file__).resolve().parent / "results" / "quotes.md"
CACHE = Path(tempfile.gettempdir()) / "storyline-quotes-parses"  # $TMPDIR, never the repository
GATE_ARTICLES = 16  # the quality gate scores the first dev articles in name order

_WORD = re.compile(r"\w+")
_QUOTE_MARKS = "\"“”„"
_PRONOUNS = frozenset("he she they it we i you him her them his its their us".split())
_NOT_NAME = frozenset("the a an of for and mr mrs ms dr s".split())
_DEFINITE = frozenset("the this that these those his her its their our my your".split())
_INDEFINITE = frozenset("a an one some several many few two three other another".split())


@dataclass(slots=True)
class Gold:
    spans: list[tuple[int, int]]  # Content, possibly discontinuous
    source: str | None  # the Source text (pieces joined by a space), None when no source is written
    source_start: int
    kind: str  # "direct", "mixed" or "indirect"


@dataclass(slots=True)
class Article:
    name: str
    text: str
    gold: list[Gold]
    # Source start -> names of whom an unnamed Source means (hand-annotated), or () when the text names nobody
    antecedents: dict[int, tuple[str, ...]] = field(default_factory=dict)


def _spans(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in field_.split(";"))]


def _kind(text: str, spans: list[tuple[int, int]]) -> str:
    surface = " ".join(text[s:e] for s, e in spans).strip().rstrip(".,;:").strip()
    if surface[:1] in _QUOTE_MARKS and surface[-1:] in _QUOTE_MARKS:
        return "direct"
    return "mixed" if any(c in surface for c in _QUOTE_MARKS) else "indirect"


def read_ann(path: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        try:
            if line.startswith("T") and len(cols) >= 2:
                kind, _, where = cols[1].partition(" ")
                spans[cols[0]] = (kind, _spans(where))
            elif line.startswith("E") and len(cols) >= 2:
                events.append(dict(part.split(":", 1) for part in cols[1].split()))
        except ValueError:
            continue  # a surface text spilling over a line break: offsets come from the T lines only
    gold = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source = spans.get(event.get("Source", ""))
        source_text = " ".join(text[s:e] for s, e in source[1]) if source else None
        source_start = source[1][0][0] if source else -1
        gold.append(Gold(content[1], source_text, source_start, _kind(text, content[1])))
    return gold


def antecedents(split: str) -> dict[str, dict[int, tuple[str, ...]]]:
    """Hand-annotated antecedents of unnamed Sources: article -> Source start -> names (() for nobody named)."""
    path = ANTECEDENTS / f"{split}.json"
    found: dict[str, dict[int, tuple[str, ...]]] = {}
    for record in json.loads(path.read_text(encoding="utf-8")) if path.exists() else []:
        who = record["antecedent"]
        names = tuple(span["text"] for span in who) if isinstance(who, list) else ()
        found.setdefault(record["file"], {})[record["source"]["start"]] = names
    return found


def load(split: str, limit: int | None = None) -> list[Article]:
    folder = DATA / split
    if not folder.is_dir():
        raise FileNotFoundError(f"PolNeAR {split} data not found at {folder}")
    annotated = antecedents(split)
    articles = []
    for txt in sorted((folder / "text").glob("*.txt"))[:limit]:
        anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
        anns = [a for a in anns if a.stem[len(txt.stem) + 1:].isalnum()]
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        articles.append(Article(txt.stem, text, read_ann(anns[0], text), annotated.get(txt.stem, {})))
    return articles


def parses(articles: list[Article], model: str) -> list:
    """spaCy parses, cached per article under $TMPDIR (DocBin) so that re-runs while tuning cost seconds."""
    from spacy.tokens import DocBin

    nlp = spacy_nlp.load(model, need=("parser", "ner"))
    CACHE.mkdir(exist_ok=True)
    docs: dict[str, object] = {}
    missing = []
    for a in articles:
        path = CACHE / f"{model}-{a.name}.spacy"
        if path.exists():
            docs[a.name] = next(iter(DocBin().from_disk(path).get_docs(nlp.vocab)))
        else:
            missing.append(a)
    for a, doc in zip(missing, spacy_nlp.parse(nlp, (a.text for a in missing))):
        DocBin(docs=[doc], store_user_data=False).to_disk(CACHE / f"{model}-{a.name}.spacy")
        docs[a.name] = doc
    return [docs[a.name] for a in articles]


# --- scoring ------------------------------------------------------------------------------------------------


def _token_set(spans: list[tuple[int, int]], text: str) -> set[int]:
    return {s + m.start() for s, e in spans for m in _WORD.finditer(text[s:e])}


def _name_words(source: str) -> set[str]:
    """Words of a source that name someone: capitalised, not a pronoun or an article ("Sen. Ted Cruz" ->
    {"sen", "ted", "cruz"}, "he" -> {}); none for a description ("the Florida senator", "a Trump adviser")."""
    words = _WORD.findall(source)
    if words and words[0].lower() in _DEFINITE | _INDEFINITE:
        return set()
    return {w.lower() for w in words if w[:1].isupper() and w.lower() not in _PRONOUNS | _NOT_NAME}


def _words(name: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(name)} - _NOT_NAME


def _antecedent_words(name: str) -> set[str]:
    """Name words of an annotated antecedent, which may start with "The" ("The Washington Post")."""
    return {w.lower() for w in _WORD.findall(name) if w[:1].isupper()} - _NOT_NAME


def _same_name(predicted: str, name: str) -> bool:
    """Whether a predicted speaker names the annotated person: the same last word and, when both have a first
    word too, the same first word ("Ivanka Trump" is not "Donald Trump"; "Trump" and "Mr. Trump" may be either)."""
    a = [w.lower() for w in _WORD.findall(predicted) if w.lower() not in _NOT_NAME]
    b = [w.lower() for w in _WORD.findall(name) if w.lower() not in _NOT_NAME]
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return (a[0] if len(a) == 1 else b[0]) in (b if len(a) == 1 else a)
    return a[-1] == b[-1] and a[0] == b[0]


def speaker_right(
    predicted: str | None, gold: Gold, earlier: list[Gold], antecedent: tuple[str, ...] | None = None
) -> bool:
    """Whether a predicted speaker is right for a gold attribution: by the hand-annotated ``antecedent`` of an
    unnamed Source when there is one, else by the Source itself or the nearest earlier named Source."""
    if antecedent is not None and gold.source is not None:
        if predicted is None:
            return not antecedent
        return bool(_words(predicted) & _words(gold.source)) or any(_same_name(predicted, n) for n in antecedent)
    if gold.source is None:
        return predicted is None
    named = _name_words(gold.source)
    first = (_WORD.findall(gold.source.lower()) or [""])[0]
    if predicted is None:  # nobody in particular: "a longtime adviser to Trump", "aides"
        return first in _INDEFINITE or not named and first not in _PRONOUNS | _DEFINITE
    if _words(predicted) & _words(gold.source):
        return True
    if named:
        return False
    before = [g for g in earlier if g.source and _name_words(g.source) and g.source_start < gold.source_start]
    nearest = max(before, key=lambda g: g.source_start, default=None)  # in text order (.ann files are not)
    return nearest is not None and bool(_words(predicted) & _name_words(nearest.source))


@dataclass
class Counts:
    predicted: dict[str, int] = field(default_factory=lambda: {"direct": 0, "indirect": 0})
    gold: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0})
    matched_pred: dict[str, int] = field(default_factory=lambda: {"direct": 0, "indirect": 0})
    matched_gold: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0})
    speaker: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0})
    speaker_old: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0})
    # matched pairs with a hand-annotated antecedent: [right by it, right by the stand-in, pairs]
    annotated: list[int] = field(default_factory=lambda: [0, 0, 0])
    named: dict[str, list[int]] = field(default_factory=lambda: {"direct": [0, 0], "mixed": [0, 0], "indirect": [0, 0]})
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def prf(self, kind: str) -> tuple[float, float, float]:
        """Content P/R/F1: ``direct`` against gold direct, ``indirect`` against gold indirect + mixed."""
        golds = ("direct",) if kind == "direct" else ("indirect", "mixed")
        p = self.matched_pred[kind] / max(self.predicted[kind], 1)
        r = sum(self.matched_gold[g] for g in golds) / max(sum(self.gold[g] for g in golds), 1)
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def speaker_accuracy(self, kinds: tuple[str, ...], old: bool = False) -> float:
        """Speaker accuracy on matched pairs; ``old``: scored by the stand-in only (no annotated antecedents)."""
        right = self.speaker_old if old else self.speaker
        return sum(right[k] for k in kinds) / max(sum(self.matched_gold[k] for k in kinds), 1)

    def named_accuracy(self, kinds: tuple[str, ...]) -> float:
        """Speaker accuracy on pairs whose gold Source names someone (no stand-in for coreference needed)."""
        return sum(self.named[k][0] for k in kinds) / max(sum(self.named[k][1] for k in kinds), 1)


def score(article: Article, predicted: list[Quote], counts: Counts) -> None:
    text = article.text
    gold_tokens = [_token_set(g.spans, text) for g in article.gold]
    pred_tokens = [_token_set([(q.start, q.end)], text) for q in predicted]
    pairs = []
    for i, p in enumerate(pred_tokens):
        for j, g in enumerate(gold_tokens):
            shared = len(p & g)
            if shared and shared * 2 >= min(len(p), len(g)):
                pairs.append((shared, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for q in predicted:
        counts.predicted["direct" if q.direct else "indirect"] += 1
    for g in article.gold:
        counts.gold[g.kind] += 1
    for _shared, i, j in sorted(pairs, reverse=True):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        q, g = predicted[i], article.gold[j]
        counts.matched_pred["direct" if q.direct else "indirect"] += 1
        counts.matched_gold[g.kind] += 1
        antecedent = article.antecedents.get(g.source_start) if g.kind == "direct" else None
        right = speaker_right(q.speaker, g, article.gold, antecedent)
        right_old = speaker_right(q.speaker, g, article.gold)
        counts.speaker[g.kind] += right
        counts.speaker_old[g.kind] += right_old
        if antecedent is not None:
            counts.annotated = [counts.annotated[0] + right, counts.annotated[1] + right_old, counts.annotated[2] + 1]
        if g.source and _name_words(g.source):
            counts.named[g.kind][0] += right
            counts.named[g.kind][1] += 1
        if not right:
            counts.errors.append((article.name, g.kind, q.speaker, g.source))
    for j, g in enumerate(article.gold):
        if j not in used_g and g.kind == "direct":
            counts.misses.append((article.name, "missed gold", " ".join(text[s:e] for s, e in g.spans)[:120]))
    for i, q in enumerate(predicted):
        if i not in used_p and q.direct:
            counts.misses.append((article.name, "spurious", q.text[:120]))


def evaluate(articles: list[Article], model: str | None = None) -> Counts:
    counts = Counts()
    for article, doc in zip(articles, parses(articles, model or Settings().spacy_model)):
        score(article, quotes_in(doc), counts)
    return counts


def gate_articles() -> list[Article]:
    return load("dev", GATE_ARTICLES)


# --- report -------------------------------------------------------------------------------------------------


def rows(label: str, c: Counts) -> list[str]:
    dp, dr, df = c.prf("direct")
    ip, ir, if_ = c.prf("indirect")
    return [
        f"| {label} | direct | {c.gold['direct']} | {c.predicted['direct']} | {dp:.3f} | {dr:.3f} | **{df:.3f}** "
        f"| **{c.speaker_accuracy(('direct',)):.3f}** | {c.speaker_accuracy(('direct',), old=True):.3f} "
        f"| {c.named_accuracy(('direct',)):.3f} |",
        f"| {label} | indirect + mixed | {c.gold['indirect'] + c.gold['mixed']} | {c.predicted['indirect']} "
        f"| {ip:.3f} | {ir:.3f} | {if_:.3f} | {c.speaker_accuracy(('indirect', 'mixed')):.3f} "
        f"| {c.speaker_accuracy(('indirect', 'mixed'), old=True):.3f} | {c.named_accuracy(('indirect', 'mixed')):.3f} |",
    ]


def agreement(label: str, articles: list[Article], c: Counts) -> str:
    """How often the stand-in (nearest earlier named Source) is the annotated antecedent, and the speaker
    accuracy on the annotated pairs by either."""
    named = agree = nobody = 0
    for a in articles:
        for g in a.gold:
            names = a.antecedents.get(g.source_start)
            if g.kind != "direct" or names is None or not g.source:
                continue
            if not names:
                nobody += 1
                continue
            named += 1
            before = [e for e in a.gold if e.source and _name_words(e.source) and e.source_start < g.source_start]
            nearest = max(before, key=lambda e: e.source_start, default=None)
            agree += nearest is not None and any(_name_words(nearest.source) & _antecedent_words(n) for n in names)
    right, right_old, pairs = c.annotated
    return (f"| {label} | {named + nobody} | {named} | {agree} ({agree / max(named, 1):.2f}) | {nobody} | {pairs} "
            f"| **{right / max(pairs, 1):.3f}** | {right_old / max(pairs, 1):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("train", "dev"), help="score one split only (default: both)")
    parser.add_argument("--limit", type=int, help="first N articles of each split")
    parser.add_argument("--errors", type=int, default=0, help="print N speaker errors and N direct misses")
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/quotes.md")
    args = parser.parse_args()
    splits = [args.split] if args.split else ["train", "dev"]
    table, agreements, seconds = [], [], {}
    for split in splits:
        articles = load(split, args.limit)
        started = time.perf_counter()
        counts = evaluate(articles)
        seconds[split] = time.perf_counter() - started
        label = f"{split} ({'tuning' if split == 'train' else 'held out'}, {len(articles)} articles)"
        table += rows(label, counts)
        agreements.append(agreement(label, articles, counts))
        if args.errors:
            for e in counts.errors[: args.errors]:
                print("SPEAKER", *e, sep=" | ")
            for m in counts.misses[: args.errors]:
                print("CONTENT", *m, sep=" | ")
    gate = evaluate(gate_articles())
    table += rows(f"gate subset (first {GATE_ARTICLES} dev articles)", gate)
    head = [
        "| split | subset | gold | predicted | content P | content R | content F1 | speaker accuracy "
        "| speaker acc., old stand-in | speaker acc., named gold sources |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    agree_head = [
        "| split | annotated Sources (direct) | a name | stand-in is that name | nobody named | matched pairs "
        "| speaker acc. by annotation | by stand-in |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    print("\n".join(head + table + [""] + agree_head + agreements))
    if args.write:
        RESULTS.write_text(report(head + table, agree_head + agreements, args), encoding="utf-8")


def report(table: list[str], agreements: list[str], args: argparse.Namespace) -> str:
    command = "benchmarks/quotes.py" + (f" --split {args.split}" if args.split else "") + (
        f" --limit {args.limit}" if args.limit else "") + " --write"
    doc = (__doc__ or "").split("\n\n")
    return "\n".join([
        "# Quotes and speakers on PolNeAR",
        "",
        f"Command: `.venv/bin/python {command}` — run {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on "
        f"Python {platform.python_version()}, spaCy model `{Settings().spacy_model}`.",
        "",
        "Source: PolNeAR v1.0.0 (Newell, Margolin, Ruths, LREC 2018; github.com/networkdynamics/PolNeAR, no licence "
        "stated, research use only). Rules were tuned looking at errors on all 840 train articles; dev is held "
        "out (only its totals were read). A predicted direct quote that matches a mixed gold "
        "Content counts as right for precision, so there are more predicted direct quotes than gold direct ones.",
        "",
        *(p.replace("\n", " ") + "\n" for p in doc[1:5]),
        *table,
        "",
        "Annotated antecedents (tests/gold/polnear_antecedents) against the stand-in, and speaker accuracy on the "
        "matched direct quotes that have one:",
        "",
        *agreements,
        "",
    ])


if __name__ == "__main__":
    sys.exit(main())
