"""Main-text extraction benchmark on the Scrapinghub article-extraction-benchmark pages.

Compares Storyline's ``extract()`` with its peers (trafilatura default and with include_comments=False,
readability-lxml, newspaper4k, resiliparse; a peer that is not installed is skipped with a note), all run
page by page in the same process on the same decoded HTML, so machine load hits every system alike.
Metrics: ROUGE-LSum (summary-level LCS over lines, as in Google's rouge-score; F1 averaged over pages) and
the public benchmark's token-shingle precision/recall (``\\w+`` tokens, word 4-grams, averaged over pages;
F1 from mean P and mean R). The tuning half is the pages at even positions of the sorted ids, the
held-out half the odd positions.
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
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from trafilatura.utils import decode_file

from storyline.model import Article
from storyline.exceptions import BadDocument
from storyline.extract import extract
from storyline.extract.clean import clean
from storyline.extract.dates import infer_published
from storyline.extract.evaluation import Score, mean_page_f1, mean_score, page_scores, rouge_lsum
from storyline.extract.readable import block_lines
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


def _readability(pid: str, url: str, html: str) -> str:
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    return "\n".join(block_lines(lxml_html.fragment_fromstring(summary, create_parent="div")))


def _newspaper(pid: str, url: str, html: str) -> str:
    import newspaper

    return newspaper.article(url or "https://example.com/", input_html=html).text


def _resiliparse(pid: str, url: str, html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


PEERS = {  # name: (module to import, extractor)
    "trafilatura (default)": ("trafilatura", lambda pid, url, html: trafilatura.extract(html, url=url) or ""),
    "trafilatura (include_comments=False)": (
        "trafilatura", lambda pid, url, html: trafilatura.extract(html, url=url, include_comments=False) or ""),
    "readability-lxml": ("readability", _readability),
    "newspaper4k": ("newspaper", _newspaper),
    "resiliparse": ("resiliparse", _resiliparse),
}
STORYLINE = "**storyline extract()**"
BASELINE = "trafilatura (include_comments=False)"  # the speed target is relative to this one


def systems() -> tuple[dict, list[str]]:
    """The systems that can run here, and a note for each peer that cannot be imported."""
    found, notes = {}, []
    for name, (module, system) in PEERS.items():
        try:
            __import__(module)
        except ImportError as e:
            notes.append(f"{name} skipped: not installed ({e}); `pip install -e .[bench]` adds it.")
            continue
        found[name] = system
    found[STORYLINE] = storyline_text
    return found, notes


def run(pages, chosen: dict) -> dict[str, dict]:
    """Every system on every page, page by page; scores and times per system."""
    results = {name: {"rouge": {}, "shingle": {}, "times": []} for name in chosen}
    for page_id, url, html, expected in pages:
        for name, system in chosen.items():
            start = time.perf_counter()
            try:
                predicted = system(page_id, url, html) or ""
            except Exception:  # noqa: BLE001 - a peer that crashes on a page scores zero there
                predicted = ""
            results[name]["times"].append(time.perf_counter() - start)
            results[name]["rouge"][page_id] = rouge_lsum(expected, predicted)
            results[name]["shingle"][page_id] = page_scores(expected, predicted)
    return results


def halves(ids: list[str]) -> dict[str, list[str]]:
    return {"tuning half (even)": ids[0::2], "held-out half (odd)": ids[1::2], "all": ids}


def table(results: dict, ids: list[str]) -> str:
    parts = halves(ids)
    head = ("| system | " + " | ".join(f"{p}: ROUGE-LSum P / R / **F1** · shingle P / R / **F1**" for p in parts)
            + " | median / max ms/page |")
    rows = [head, "|---|" + "---|" * len(parts) + "---|"]
    for name, res in results.items():
        cells = []
        for subset in parts.values():
            r: Score = mean_score(res["rouge"][i] for i in subset)
            s: Score = mean_score(res["shingle"][i] for i in subset)
            f1 = mean_page_f1(res["rouge"][i] for i in subset)
            cells.append(f"{r.precision:.4f} / {r.recall:.4f} / **{f1:.4f}** · "
                         f"{s.precision:.4f} / {s.recall:.4f} / **{s.f1:.4f}**")
        times = res["times"]
        rows.append(f"| {name} | " + " | ".join(cells)
                    + f" | {1000 * statistics.median(times):.0f} / {1000 * max(times):.0f} |")
    return "\n".join(rows)


def speed_line(results: dict) -> str:
    if BASELINE not in results:
        return ""
    ours, base = (statistics.median(results[k]["times"]) for k in (STORYLINE, BASELINE))
    slow = sum(t > 2.0 for t in results[STORYLINE]["times"])
    return (f"Storyline's median time per page is {ours / base:.2f}x that of {BASELINE} in the same run; "
            f"{slow} page(s) took Storyline over 2 s.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    args = parser.parse_args()
    folder = data_dir()
    if not folder.is_dir():
        print(f"benchmark data not found at {folder}; set STORYLINE_BENCHMARKS", file=sys.stderr)
        return 2
    pages = load_pages(folder)
    chosen, notes = systems()
    results = run(pages, chosen)
    ids = [p[0] for p in pages]
    out = "\n\n".join(part for part in [table(results, ids), speed_line(results), *notes, date_check(),
                                          offtopic_check()] if part)
    print(out)
    if args.write:
        RESULTS.write_text(_report(out, len(ids)), encoding="utf-8")
        print(f"wrote {RESULTS}")
    return 0


def _versions() -> str:
    found = []
    for package in ("trafilatura", "readability-lxml", "newspaper4k", "resiliparse", "lxml", "justext"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} not installed")
    return ", ".join(found)


def _report(out: str, n: int) -> str:
    return f"""# Extraction benchmark

Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {n} pages of the Scrapinghub
article-extraction-benchmark (`../shared/benchmarks/extraction-scrapinghub`, MIT), Python
{platform.python_version()}, {_versions()}.

Command: `HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python benchmarks/extraction.py --write`

Metrics, both against `articleBody`:
- **ROUGE-LSum** (`storyline.extract.evaluation.rouge_lsum`, written from the description of `rougeLsum` in
  Google's rouge-score package, github.com/google-research/google-research/tree/master/rouge, Apache-2.0;
  Lin 2004, "ROUGE", section 3.2): each non-empty line is a sentence of lowercased `\\w+` tokens (no stemming;
  rouge-score keeps only ASCII `[a-z0-9]`, this keeps every script); for each expected line the tokens of its
  LCS with every predicted line are united and counted as hits while both texts have an unused copy.
  P and R per page; **F1 per page, averaged over pages**. Checked against rouge-score 0.1.2's
  `_summary_level_lcs` on the same token lists for 120 page/system pairs: largest difference 0.0025 (both
  sides are reduced to shared tokens before the LCS table, which can break ties differently).
- **Shingle F1** (reimplemented from the public benchmark's evaluate.py logic): `\\w+` tokens, multisets of
  word 4-gram shingles, precision and recall per page **averaged over pages**, **F1 from the mean P and R**.

All systems run page by page in one process on the same decoded HTML (readability-lxml's HTML output is
turned into one line per block element, the same way Storyline reads it; newspaper4k gets the page through
`input_html`; resiliparse runs `extract_plain_text(main_content=True)`). Storyline was tuned on the even
positions of the sorted page ids only; the odd positions are held out (see the honesty note).

{out}

How Storyline extracts (`storyline.extract.html`, `.agreement`, `.readable`; no page- or site-specific
rules): the page is parsed once (comments dropped at parse time); trafilatura runs once in fast mode (its
own extractor, no fallbacks, no comments, no metadata) on its own copy of the tree, then readability-lxml
runs on the parsed tree itself, pruned in place (the page's metadata is read before), without lxml's
link-rewriting cleaner, and with its unlikely-candidate, div-rewriting and link-density steps computed by
lxml under the same rules (tested for identical results). The lines both keep (half or more of a line's
word trigrams found in the other text) are article text; trafilatura's lines from the first to the last
agreed line are kept, the rest (and readability's lines the result does not contain) go to `removed` as
"dropped-by-extractor". When neither text mostly lies within the other, trafilatura's text is kept whole.
Storyline's cleaner (`storyline.extract.clean`) then cuts the headline, share/subscribe lines, credits
and link lists both extractors kept. Title and outlet come from the page's own meta tags, `<h1>` and
`<title>`. Timings come from a shared 2-core machine with other work running: compare systems within the
run, not across runs; `benchmarks/extraction_speed.py` measures the speed ratio alone, more robustly
(CPU time, fastest of several runs per page, the two systems interleaved).

Honesty note on the split: the earlier trafilatura-only version's first error analysis looked at both
halves. For the agreement merge, every parameter (trigrams, 0.5 agreement share, trafilatura's fast
balanced mode over its precision mode) was chosen on the even half. One check touched the held-out half:
the quality gate's subset (every 7th page, both halves) showed one odd page where trafilatura took most of
the page and readability only the article; the "candidates disagree" test was then changed from "little of
trafilatura's text is agreed" to "neither text mostly lies within the other" (no change on the even half).
The elements pruned before readability scores a page (head, nav, footer, aside, graphics, form controls)
were chosen for speed from a profile of every 6th page (both halves), then checked for quality on the even
half only (ROUGE-LSum 0.9857 before, 0.9858 after).
The appended-story cut's story-start rule was tightened after looking at its false cuts on the ECB+ texts
above, so that figure is not held-out; the MEANTIME date figure was measured once, after the date rules were
written, with no changes since.
"""


if __name__ == "__main__":
    sys.exit(main())
