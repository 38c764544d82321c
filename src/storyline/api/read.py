"""Read endpoints: health, stories, articles, search, and why (explain) for claims and articles."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from ..export.document import article_json, story_json
from ..model import codec
from ..store import StoryFilter
from .deps import PagingDep, ServicesDep, errors, page_json

router = APIRouter()


@router.get("/health", tags=["service"])
def health(services: ServicesDep) -> dict:
    current, head = services.store.revision()
    return {"status": "ok", "schema": current, "schema_head": head}


@router.get("/stories", tags=["stories"], responses=errors())
def list_stories(
    services: ServicesDep, paging: PagingDep,
    since: Annotated[date | None, Query(description="Stories with an article on or after this day.")] = None,
    until: Annotated[date | None, Query(description="... on or before this day.")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Full-text query over the stories' articles.")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    sort: Annotated[str, Query(pattern="^(updated|date|sources|size)$")] = "updated",
) -> dict:
    filters = StoryFilter(since=since, until=until, query=q, outlet=outlet, entity=entity)
    page = services.queries.stories(filters, sort, paging.offset, paging.limit)  # type: ignore[arg-type]
    return page_json(page, [story_json(s) for s in page.items])


@router.get("/stories/{story_id}", tags=["stories"], responses=errors(404))
def get_story(story_id: str, services: ServicesDep) -> dict:
    """The story's dossier, as in the JSON export."""
    return story_json(services.queries.story(story_id))


@router.get("/articles/{article_id}", tags=["articles"], responses=errors(404))
def get_article(article_id: str, services: ServicesDep) -> dict:
    """The article as in the JSON export, with why it is in its story (``membership``) when that was kept."""
    article = services.queries.article(article_id)
    return article_json(article, services.queries.memberships([article.id]).get(article.id))


@router.get("/articles/{article_id}/explain", tags=["articles"], responses=errors(404))
def explain_article(article_id: str, services: ServicesDep) -> dict:
    """Why the article is in its story: the grouping decision (score against the story and its parts,
    the threshold, the runner-up story), or the original it is a syndicated copy of."""
    return codec.to_dict(services.queries.explain_article(article_id))


@router.get("/stories/{story_id}/claims/{claim_id}/explain", tags=["stories"], responses=errors(404))
def explain_claim(story_id: str, claim_id: str, services: ServicesDep) -> dict:
    """Why a claim has its status: the figures compared (value range each admits, day, independent source,
    what is counted) and the rule that decided. ``claim_id`` is ARTICLE@OFFSET of any of its figures."""
    return codec.to_dict(services.queries.explain_claim(story_id, claim_id))


@router.get("/search", tags=["search"], responses=errors())
def search(services: ServicesDep, paging: PagingDep,
           q: Annotated[str, Query(min_length=1, max_length=500, description="Words; \"a phrase\"; -excluded.")]) -> dict:
    page = services.queries.search(q, paging.limit, paging.offset)
    return page_json(page, [{"article_id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
                             "story_id": a.story_id, "snippet": snippet} for a, snippet in page.items])
