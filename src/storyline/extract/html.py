"""HTML path: two extractors' agreement finds the main text, Storyline's cleaner tidies it, metadata comes
with evidence.

The page is parsed once. Trafilatura (fast mode, no comments) and readability-lxml each propose a main
text; :mod:`.agreement` keeps trafilatura's text where readability agrees with it (see there for why), and
Storyline's cleaner then cuts the boilerplate both kept. Lines a candidate kept that the result dropped are
listed in ``removed`` as "dropped-by-extractor". Work is bounded on pathological pages: the HTML is cut at
``MAX_HTML_CHARS``, and readability is skipped on trees over ``SECOND_OPINION_MAX_ELEMENTS`` or once
trafilatura has used up ``SECOND_OPINION_BUDGET_S`` (a last resort: the element cap decides reproducibly).
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ..model import Article, Removed
from ..settings import Thresholds
from .agreement import merge
from .clean import clean
from .dates import date_from_url, infer_published
from .readable import readability_lines

# a news article sits well within the first 2 million characters; more only makes every pass slower
MAX_HTML_CHARS = 2_000_000
# readability's cost grows with the tree; news pages have a few thousand elements (the benchmark's largest 1,600)
SECOND_OPINION_MAX_ELEMENTS = 30_000
# after this much time in trafilatura the page is pathological: its text stands without a second opinion
SECOND_OPINION_BUDGET_S = 1.5
# <meta> names/properties that state the publication date, most specific first
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "publish-date", "publishdate",
    "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.created", "article.published", "date",
)
_TITLE_META = ("og:title", "twitter:title")
_OUTLET_META = ("og:site_name", "application-name")


def extract_html(article: Article, raw: str, thresholds: Thresholds) -> Article:
    raw = raw[:MAX_HTML_CHARS]
    tree = _parse(raw)
    # everything read from the page itself is read first: readability then strips the tree in place
    metas = _metas(tree)
    title = article.title or _title(tree, metas)
    outlet = article.outlet or _first(metas, _OUTLET_META) or _outlet_from_title(tree) or None
    stated = None if article.published else _published_from_page(tree, metas, article.url)
    start = time.perf_counter()
    primary = _trafilatura_lines(tree, article.url)  # trafilatura works on its own copy
    second = _second_opinion_affordable(tree, start)
    secondary = readability_lines(tree, lambda: _parse(raw)) if second else []
    merged = merge(primary, secondary)
    if merged.lines:
        text, pasted = "\n".join(merged.lines), False
    else:
        text, pasted = _page_text(_parse(raw) if second else tree), True
    cleaned = clean(text, thresholds, title=title, pasted=pasted)
    article.text = cleaned.text
    article.removed = cleaned.removed + [Removed(line, "dropped-by-extractor") for line in merged.dropped]
    article.title = title or cleaned.headline
    article.outlet = outlet
    if not article.published:
        found = stated or infer_published(text)
        if found:
            article.published, article.published_evidence = found
    return article


def _trafilatura_lines(tree, url: str | None) -> list[str]:
    """Trafilatura's main text in fast mode (its own extractor only: readability is the second opinion)."""
    if tree is None:
        return []
    try:
        doc = trafilatura.bare_extraction(tree, url=url, fast=True, include_comments=False)
    except Exception:  # noqa: BLE001 - a broken page must not stop the run; readability may still work
        return []
    return (doc.text or "").split("\n") if doc else []


def _second_opinion_affordable(tree, start: float) -> bool:
    if tree is None or time.perf_counter() - start > SECOND_OPINION_BUDGET_S:
        return False
    return _ELEMENTS(tree) <= SECOND_OPINION_MAX_ELEMENTS


_ELEMENTS = etree.XPath("count(//*)")  # counted inside lxml: no Python object per element


def _metas(tree) -> dict[str, str]:
    """``<meta>`` contents by lowercased name, property or itemprop; the first of each wins."""
    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]") if tree is not None else []:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        metas.setdefault(key, meta.get("content"))
    return metas


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((" ".join(metas[k].split()) for k in keys if (metas.get(k) or "").strip()), None)


def _title(tree, metas: dict[str, str]) -> str | None:
    """The headline the page declares (og:title), else its only ``<h1>``, else ``<title>`` minus the outlet."""
    found = _first(metas, _TITLE_META)
    if found or tree is None:
        return found
    h1 = [" ".join(h.text_content().split()) for h in tree.xpath("//h1")]
    if len(h1) == 1 and h1[0]:
        return h1[0]
    titles = tree.xpath("//title/text()")
    title = " ".join(titles[0].split()) if titles else ""
    m = _TITLE_SUFFIX.search(title)
    return (title[: m.start()] if m else title) or None


_TITLE_SUFFIX = re.compile(r"\s[-|–—]\s((?:The\s)?[A-Z][\w&'’.]*(?:\s[A-Z][\w&'’.]*){0,4})\s*$")


def _outlet_from_title(tree) -> str | None:
    """"Headline - Veldoria Today": the outlet a page's <title> ends with, when nothing else names it."""
    titles = tree.xpath("//title/text()") if tree is not None else []
    m = _TITLE_SUFFIX.search(" ".join(titles[0].split())) if titles else None
    return m.group(1) if m else None


def page_language(raw: str) -> str | None:
    """The two-letter code from ``<html lang="...">``, if the page declares one."""
    m = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})\b", raw[:5000], re.I)
    return m.group(1).lower() if m else None


# comments and processing instructions go at parse time: trafilatura loses the text after one inside a paragraph
_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, encoding="utf-8")


def _parse(raw: str):
    try:
        return lxml_html.fromstring(raw.encode("utf-8", "replace"), parser=_PARSER)
    except Exception:  # noqa: BLE001 - lxml raises several types on garbage
        return None


_VISIBLE_TEXT = "//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"


def _page_text(tree) -> str:
    """All visible text, one line per text node, for pages neither extractor finds an article in."""
    if tree is None:
        return ""
    return "\n".join(t.strip() for t in tree.xpath(_VISIBLE_TEXT) if t.strip())


def _published_from_page(tree, metas: dict[str, str], url: str | None) -> tuple[str, str] | None:
    """The date the page states in its metadata (meta tags, JSON-LD), then one in the URL.

    htmldate's heuristic search of the body and trafilatura's file date are not used: a date mentioned
    in the text, or the time the file was saved, is not evidence of publication.
    """
    if tree is not None:
        for key in _DATE_META:
            iso = _iso_datetime(metas.get(key))
            if iso:
                return iso, f"meta:{key}"
        for script in tree.xpath("//script[@type='application/ld+json']/text()"):
            iso = _iso_datetime(_json_ld_date(script))
            if iso:
                return iso, "json-ld:datePublished"
        for node in tree.xpath("//time[@datetime][@itemprop='datePublished' or @pubdate]"):
            iso = _iso_datetime(node.get("datetime"))
            if iso:
                return iso, "time:datePublished"
        found = _byline_date(tree)
        if found:
            return found
    iso = date_from_url(url)
    return (iso, "url") if iso else None


_BYLINE_NODES = (
    "//time | //*[contains(concat(' ', normalize-space(@class), ' '), ' date ') or contains(@class, 'byline')"
    " or contains(@class, 'published') or contains(@class, 'dateline') or contains(@class, 'timestamp')]"
)
_NOT_ARTICLE = re.compile(r"comment|sidebar|related|most-read|popular|footer|\bnav|widget|teaser|promo", re.I)


def _byline_date(tree) -> tuple[str, str] | None:
    """The date a page shows in its byline (``<time>``, ``class="date"``…), outside comments and sidebars.

    Pages without date metadata often show it only there; it is the page's own statement, unlike a date
    that htmldate might find anywhere in the body.
    """
    for node in tree.xpath(_BYLINE_NODES)[:10]:
        if node.tag in ("script", "style") or any(
            a.tag in ("aside", "footer", "nav") or _NOT_ARTICLE.search(f"{a.get('class', '')} {a.get('id', '')}")
            for a in node.iterancestors()
        ):
            continue
        iso = _iso_datetime(node.get("datetime"))
        if iso:
            return iso, "byline"
        found = infer_published(" ".join(node.text_content().split()))
        if found:
            return found[0], "byline"
    return None


def _json_ld_date(script: str) -> str | None:
    try:
        data = json.loads(script)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                return item["datePublished"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


_ISO = re.compile(r"^\s*((?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ]([0-2]\d:[0-5]\d(?::[0-5]\d)?)(?:\.\d+)?(Z|[+-][0-2]\d:?[0-5]\d)?)?")


def _iso_datetime(value: str | None) -> str | None:
    m = _ISO.match(value or "")
    if not m:
        return None
    day, time, zone = m.groups()
    zone = "+00:00" if zone == "Z" else (f"{zone[:3]}:{zone[-2:]}" if zone else "")
    iso = f"{day}T{time}{zone}" if time else day
    try:  # the pattern admits impossible values such as 2024-00-00 or 25:61; a wrong date is no date
        datetime.fromisoformat(iso)
    except ValueError:
        return None
    return iso
