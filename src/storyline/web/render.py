"""Rendering pages: the report's Jinja environment with the web templates first, and the web's link helpers."""

from __future__ import annotations

from functools import cache
from urllib.parse import quote, urlencode

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from ..export.html import environment
from ..views import NOT_RECORDED, Source, safe_url, score_parts
from . import sentences


@cache
def _env() -> Environment:
    env = environment(PackageLoader("storyline.web", "templates"))
    env.globals.update(article_href=article_href, story_href=story_href, safe_url=safe_url, query=urlencode,
                       score_parts=score_parts, not_recorded=NOT_RECORDED)  # the terminal's wording of a decision
    env.filters["sentences"] = sentences.paragraphs
    return env


def page(template: str, status_code: int = 200, **context) -> HTMLResponse:
    html = _env().get_template(template).render(**context)
    # A lone surrogate kept from undecodable input must not fail the page; the browser shows U+FFFD.
    return HTMLResponse(html.encode("utf-8", "xmlcharrefreplace"), status_code=status_code)


def article_href(article_id: str, sentence: int | None = None) -> str:
    return f"/articles/{quote(article_id, safe='')}" + (f"#s{sentence}" if sentence else "")


def story_href(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def cite_to_sentence():
    """``cite_href`` for the shared sections: a citation links to the cited sentence on the article's page."""
    found: dict[tuple[str, str | None], int | None] = {}

    def cite_href(source: Source, cited: str | None = None) -> str:
        key = (source.article["id"], cited)
        if key not in found:
            found[key] = sentences.find(source.article["text"], cited)
        return article_href(source.article["id"], found[key])

    return cite_href
