"""Exports over HTTP: one story as JSON (the export schema), Markdown or its claims matrix as CSV; articles as CSV."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Query, Response

from ..export.csv import articles_csv, claims_csv
from ..export.document import to_document
from ..export.markdown import render_markdown
from .deps import PagingDep, ServicesDep, errors

router = APIRouter()


class StoryFormat(str, Enum):
    json = "json"
    markdown = "markdown"
    csv_claims = "csv-claims"


@router.get("/stories/{story_id}/export", tags=["exports"], responses={**errors(404), 200: {
    "description": "The story in the asked format, as a download",
    "content": {"application/json": {}, "text/markdown": {}, "text/csv": {}}}})
def export_story(story_id: str, services: ServicesDep,
                 format: Annotated[StoryFormat, Query(description="json (schema storyline/3), markdown, or "
                                                                  "csv-claims (one row per claim × source)")] = StoryFormat.json,
                 ) -> Response:
    story = services.queries.story(story_id)
    articles = services.store.articles(story.article_ids)
    name = f"story-{story_id}"
    if format is StoryFormat.csv_claims:
        return _download(claims_csv(story, articles), "text/csv; charset=utf-8", f"{name}-claims.csv")
    doc = to_document(articles, [story], services.queries.memberships(story.article_ids))
    if format is StoryFormat.markdown:
        return _download(render_markdown(doc), "text/markdown; charset=utf-8", f"{name}.md")
    return _download(_json(doc), "application/json", f"{name}.json")


@router.get("/articles/export.csv", tags=["exports"], responses={**errors(), 200: {
    "description": "One page of articles, as a download", "content": {"text/csv": {}}}})
def export_articles(services: ServicesDep, paging: PagingDep,
                    story_id: Annotated[str | None, Query(max_length=40)] = None,
                    outlet: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    """Articles as CSV, newest first, one page at a time (``X-Total-Count``; ``X-Next-Offset`` while more are left)."""
    page = services.queries.articles(story_id, outlet, paging.offset, paging.limit)
    response = _download(articles_csv(page.items), "text/csv; charset=utf-8", "articles.csv")
    response.headers["X-Total-Count"] = str(page.total)
    if page.more:
        response.headers["X-Next-Offset"] = str(page.offset + len(page.items))
    return response


def _json(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
