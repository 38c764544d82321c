"""HTML path: trafilatura finds the main text, Storyline's cleaner tidies it, metadata comes with evidence.

Trafilatura is run twice, in precision mode and in its default (balanced) mode without comments. The
precision output is used unless it lost much of the text, in which case precision mode probably cut
real paragraphs and the balanced output is safer.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import trafilatura
from lxml import html as lxml_html

from ..model import Article
from ..settings import Thresholds
from .clean import clean
from .dates import date_from_url, infer_published

# precision output shorter than this share of the balanced output is taken to have lost real text
PRECISION_MIN_SHARE = 0.5
# <meta> names/properties that state the publication date, most specific first
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "publish-date", "publishdate",
    "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.created", "article.published", "date",
)


def extract_html(article: Article, raw: str, thresholds: Thresholds) -> Article:
    tree = _parse(raw)
    doc = _best(_run(raw, article.url, favor_precision=True), _run(raw, article.url))
    text, pasted = (doc.text or "", False) if doc and doc.text else (_page_text(tree), True)
    title = article.title or (doc.title if doc else None)
    cleaned = clean(text, thresholds, title=title, pasted=pasted)
    article.text = cleaned.text
    article.removed = cleaned.removed
    article.title = title or cleaned.headline
    article.outlet = article.outlet or (doc.sitename if doc else None) or _outlet_from_title(tree) or None
    if not article.published:
        found = _published_from_page(tree, article.url) or infer_published(text)
        if found:
            article.published, article.published_evidence = found
    return article


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


def _best(precise, balanced):
    """The precision-mode result unless it kept too little of the balanced result's text."""
    if precise and balanced:
        return precise if len(precise.text or "") >= PRECISION_MIN_SHARE * len(balanced.text or "") else balanced
    return precise or balanced


def _run(raw: str, url: str | None, **options):
    try:
        return trafilatura.bare_extraction(raw, url=url, include_comments=False, with_metadata=True, **options)
    except Exception:  # noqa: BLE001 - a broken page must not stop the run; the other extraction may work
        return None


def _parse(raw: str):
    try:
        return lxml_html.fromstring(raw.encode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - lxml raises several types on garbage
        return None


def _page_text(tree) -> str:
    """All visible text, one line per block, for pages trafilatura finds no article in."""
    if tree is None:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in tree.xpath("//text()") if t.strip())


def _published_from_page(tree, url: str | None) -> tuple[str, str] | None:
    """The date the page states in its metadata (meta tags, JSON-LD), then one in the URL.

    htmldate's heuristic search of the body and trafilatura's file date are not used: a date mentioned
    in the text, or the time the file was saved, is not evidence of publication.
    """
    if tree is not None:
        metas = {}
        for meta in tree.xpath("//meta[@content]"):
            key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
            metas.setdefault(key, meta.get("content"))
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
