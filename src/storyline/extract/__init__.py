"""Extraction: raw HTML or pasted text in, clean main text plus title, outlet, date and language out.

``extract`` is a plain module-level function so an executor can pickle it and map it across processes;
``Extract`` wraps it as a pipeline step that skips and counts bad documents. Each document has a time
budget (``Settings.extract_budget_seconds``, enforced by ``engine.budget``); the work is also bounded up
front (the HTML cut at ``html.MAX_HTML_CHARS``, date searches cut per line), so the watchdog stops only
what those bounds let through.
"""

from __future__ import annotations

import re
from typing import ClassVar

from ..model import Article
from ..exceptions import BadDocument
from ..engine import Step, log
from ..engine.budget import TimeBudget
from ..settings import Settings, Thresholds
from .clean import word_count
from .html import extract_html, page_language
from .language import detect_language
from .text import extract_text

__all__ = ["extract", "Extract", "MIN_WORDS"]

# the most of a text document that is extracted: a bound on the work before it starts, for any caller (the
# readers cut there too, at spaCy's limit); HTML has its own, html.MAX_HTML_CHARS
MAX_TEXT_CHARS = 1_000_000
MIN_WORDS = 5  # a brief of one short sentence is news; fewer words than this is no usable text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf]|â€[\x80-\xbf™œ\x9d“”˜¦]|Â[\xa0-\xbf]")


def extract(article: Article, thresholds: Thresholds, budget: float | None = None) -> Article:
    """Fill ``text``, ``removed``, ``title``, ``outlet``, ``published`` and ``language`` of ``article``.

    Metadata already set from the input wins over inferred metadata. Raises BadDocument when no usable
    main text remains, or (reason ``over-time-budget``) when it takes more than ``budget`` seconds.
    """
    with TimeBudget(budget, "extraction"):
        return _extract(article, thresholds)


def _extract(article: Article, thresholds: Thresholds) -> Article:
    raw = _usable_raw(article.raw)  # article.raw stays as given; a repaired copy is extracted
    if article.published and not article.published_evidence:
        article.published_evidence = "jsonl"
    if article.outlet and not article.outlet_evidence:
        article.outlet_evidence = "input"
    if article.format == "html":
        extract_html(article, raw, thresholds)
        if article.outlet and not article.outlet_evidence:
            article.outlet_evidence = "page-metadata"  # the page's site name or <title> suffix
    elif article.format == "text":
        extract_text(article, raw[:MAX_TEXT_CHARS], thresholds)
    else:
        raise BadDocument("unknown-format", f"format {article.format!r} is neither 'html' nor 'text'")
    words = word_count(article.text)
    if words < MIN_WORDS:
        raise BadDocument("too-short", f"no usable text: {words} words left after cleaning (need {MIN_WORDS})")
    article.language = article.language or detect_language(article.text) or (
        page_language(raw) if article.format == "html" else None)
    return article


def _usable_raw(raw: str | bytes | None) -> str:
    """The raw document as text, with mis-decoded UTF-8 repaired; BadDocument for empty or binary input."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not raw or not raw.strip():
        raise BadDocument("empty", "the document has no content")
    sample = raw[:20000]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise BadDocument("binary", "the document contains control bytes; is it a binary file?")
    if sample.count("\ufffd") > 0.02 * len(sample):
        raise BadDocument("bad-encoding", "too many undecodable characters; re-export the file as UTF-8")
    if len(_MOJIBAKE.findall(sample)) >= 3:
        raw = _repair_mojibake(raw)
    return raw


def _repair_mojibake(raw: str) -> str:
    """UTF-8 bytes read as cp1252/latin-1 ("Ã©" for "é"): undo that when it cleanly reduces the damage."""
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = raw.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(raw)):
            return fixed
    return raw


class Extract(Step):
    """Extract every article; those with no usable text are skipped and counted, never fatal to the chunk."""

    name = "extract"
    parallel = True  # stateless per article: the executor may spread it over processes
    requires: ClassVar = ("raw", "format")
    assigns: ClassVar = ("text", "removed", "title", "outlet", "published", "published_evidence", "language")

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.thresholds = settings.thresholds
        self.budget = settings.extract_budget_seconds

    def process(self, chunk: list[Article]) -> list[Article]:
        kept = []
        for article in chunk:
            try:
                kept.append(extract(article, self.thresholds, self.budget))
            except BadDocument as e:
                self.drop(article, e.reason, e.detail)
            except Exception as e:  # noqa: BLE001 - a bug met on one page costs that page, counted and logged
                log.exception("%s: extraction failed", article.source)
                self.drop(article, "extraction-failed", f"{type(e).__name__}: {e}")
        return kept
