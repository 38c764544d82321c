"""Main-text extraction benchmark on the Scrapinghub article-extraction-benchmark pages.

Compares plain trafilatura (default, and with include_comments=False) with Storyline's ``extract()``,
measured in the same run on the same decoded HTML. Metric: the public benchmark's token-shingle
precision/recall (``\\w+`` tokens, word 4-grams), averaged over pages; F1 from mean P and mean R.
The tuning half is the pages at even positions of the sorted ids, the held-out half the odd positions.
Also checks ``infer_published`` against MEANTIME's annotated document creation times, and how often
the appended-story cut fires on single-article ECB+ texts.

    .venv/bin/python benchmarks/extraction.py [--write]

Data: ``$STORYLINE_BENCHMARKS/extraction-scrapinghub`` (default ``<repo>/../shared/benchmarks``).
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import platform
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import trafilatura
from trafilatura.utils import decode_file

from storyline.model import Article
from storyline.exceptions import BadDocument
from storyline.extract import extract
from storyline.extract.clean import clean
from storyline.extract.dates import infer_published
from storyline.extract.evaluation import Score, mean_score, page_scores
from storyline.settings import Thresholds

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "extraction.md"


def benchmarks_root() -> Path:
    return Path(os.environ.get("STORYLINE_BENCHMARKS") or REPO.parent / "shared" / "benchmarks")


def data_dir() -> Path:
    return benchmarks_root() / "extraction-scrapinghub"


def _token_texts(folder: str, pattern: str) -> list[tuple[ET.Element, str]]:
    """(root element, text with one line per sentence) for each token-annotated XML document."""
    docs = []
    for path in sorted(glob.glob(str(benchmarks_root() / folder / pattern))):
        root = ET.parse(path).getroot()
        sentences: dict[str, list[str]] = {}
        for token in root.iter("token"):
            sentences.setdefault(token.get("sentence"), []).append(token.text or "")
        docs.append((root, "\n".join(" ".join(words) for words in sentences.values())))
    return docs


def offtopic_check() -> str:
    """How often the appended-story cut fires on ECB+ news texts, each a single article (so every cut
    there is a false cut of real article text)."""
    docs = _token_texts("ecbplus", "topics/*/*.xml")
    if not docs:
        return "ECB+ data not found; off-topic check skipped."
    hits = [sum(len(r.text.split()) for r in clean(text, Thresholds()).removed if r.reason == "off-topic-appendix")
            for _, text in docs]
    return (f"Appended-story cut on {len(docs)} single-article ECB+ texts (pasted-text cleaning, "
            f"offtopic_similarity={Thresholds().offtopic_similarity}): fired on {sum(1 for h in hits if h)} "
            f"documents, cutting {sum(hits)} of {sum(len(t.split()) for _, t in docs)} words.")


def date_check() -> str:
    """``infer_published`` on MEANTIME's token text (one line per sentence) against each document's
    annotated creation time: how often the inferred date is right, wrong, or (honestly) missing."""
    counts = {"right": 0, "wrong": 0, "none": 0}
    docs = _token_texts("meantime-en", "intra_cross-doc_annotation/*/*.xml")
    for root, text in docs:
        gold = [t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"]
        if not gold or not re.match(r"\d{4}-\d\d-\d\d", gold[0]):
            continue  # no usable annotation to compare with
        found = infer_published(text)
        counts["none" if not found else "right" if found[0][:10] == gold[0][:10] else "wrong"] += 1
    if not docs:
        return "MEANTIME data not found; date check skipped."
    n = sum(counts.values())
    return (f"Published-date inference (`infer_published`, text only) on {n} MEANTIME WikiNews documents with an "
            f"ISO creation-time annotation: {counts['right']} right, {counts['wrong']} wrong, {counts['none']} "
            f"no date given.")


def load_pages(folder: Path) -> list[tuple[str, str, str, str]]:
    """(id, url, decoded html, expected text) for every page, sorted by id."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        html = decode_file(gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()))
        pages.append((page_id, truth[page_id].get("url"), html, truth[page_id]["articleBody"]))
    return pages


def storyline_text(page_id: str, url: str, html: str, thresholds: Thresholds = Thresholds()) -> str:
    article = Article(id=page_id, source=page_id, raw=html, format="html", url=url)
    try:
        return extract(article, thresholds).text
    except BadDocument:
        return ""


SYSTEMS = {
    "trafilatura (default)": lambda pid, url, html: trafilatura.extract(html, url=url) or "",
    "trafilatura (include_comments=False)": lambda pid, url, html: trafilatura.extract(html, url=url, include_comments=False) or "",
    "storyline extract()": storyline_text,
}


def run(pages) -> dict[str, dict]:
    results = {}
    for name, system in SYSTEMS.items():
        scores, times = {}, []
        for page_id, url, html, expected in pages:
            start = time.perf_counter()
            predicted = system(page_id, url, html)
            times.append(time.perf_counter() - start)
            scores[page_id] = page_scores(expected, predicted)
        results[name] = {"scores": scores, "median_ms": 1000 * statistics.median(times)}
    return results


def halves(ids: list[str]) -> dict[str, list[str]]:
    return {"tuning half (even)": ids[0::2], "held-out half (odd)": ids[1::2], "all": ids}


def table(results: dict, ids: list[str]) -> str:
    parts = halves(ids)
    head = "| system | " + " | ".join(f"{p} P / R / **F1**" for p in parts) + " | median ms/page |"
    rows = [head, "|---|" + "---|" * len(parts) + "---|"]
    for name, res in results.items():
        cells = []
        for subset in parts.values():
            s: Score = mean_score(res["scores"][i] for i in subset)
            cells.append(f"{s.precision:.4f} / {s.recall:.4f} / **{s.f1:.4f}**")
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {res['median_ms']:.0f} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    args = parser.parse_args()
    folder = data_dir()
    if not folder.is_dir():
        print(f"benchmark data not found at {folder}; set STORYLINE_BENCHMARKS", file=sys.stderr)
        return 2
    pages = load_pages(folder)
    results = run(pages)
    ids = [p[0] for p in pages]
    out = "\n\n".join([table(results, ids), date_check(), offtopic_check()])
    print(out)
    if args.write:
        RESULTS.write_text(_report(out, len(ids)), encoding="utf-8")
        print(f"wrote {RESULTS}")
    return 0


def _report(out: str, n: int) -> str:
    versions = ", ".join(f"{p} {version(p)}" for p in ("trafilatura", "htmldate", "lxml", "justext"))
    return f"""# Extraction benchmark

Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {n} pages of the Scrapinghub
article-extraction-benchmark (`../shared/benchmarks/extraction-scrapinghub`, MIT), Python
{platform.python_version()}, {versions}.

Command: `.venv/bin/python benchmarks/extraction.py --write`

Metric (reimplemented from the public benchmark's evaluate.py logic): texts are split into `\\w+` tokens,
turned into multisets of word 4-gram shingles; each page gets precision and recall from the shingle
overlap with `articleBody`; precision and recall are **averaged over pages**, and **F1 is computed from
the mean precision and mean recall**. All three systems run in the same process on the same decoded HTML.
Storyline was tuned on the even positions of the sorted page ids only; the odd positions are held out.

{out}

What Storyline adds around trafilatura (no page- or site-specific rules): trafilatura runs twice
(`favor_precision=True` and balanced, both `include_comments=False`); the precision output is used unless
it kept less than half of the balanced output's text; then Storyline's own cleaner
(`storyline.extract.clean`, same one as for pasted text, minus its menu and appended-story passes) drops
the repeated headline, newsletter/subscribe/share lines, "Read more:"/"Related:" links, link lists under
"Most read"-style headings or closing the text, photo credits, reporting credits and bare timestamps.
The median time per page includes both trafilatura runs and the metadata/date extraction; timings come
from a shared 2-core machine with other work running, so read them as indicative.

Honesty note on the split: the first error analysis (which boilerplate patterns remain in trafilatura's
output) looked at pages from both halves; every later rule and parameter (precision/balanced share, extra
patterns, closing link lists) was checked on the even half only. The appended-story cut's story-start rule
was tightened after looking at its false cuts on the ECB+ texts above, so that figure is not held-out;
the MEANTIME date figure was measured once, after the date rules were written, with no changes since.
"""


if __name__ == "__main__":
    sys.exit(main())
