"""The pages: stories list, story, article, feeds; plus the story's live events and the static files."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from .. import views
from ..api.deps import MAX_INT, RowId, ServicesDep
from ..api.services import Services
from ..exceptions import InputError, NotFound
from ..model import Membership
from ..store import StoryFilter
from . import forms
from .events import story_events
from .render import cite_to_sentence, page

router = APIRouter(include_in_schema=False)
router.add_api_route("/stories/{story_id}/events", story_events, methods=["GET"])

PER_PAGE = 20
MAX_FEEDS = 500  # the feeds page lists them all; a deployment with more uses the API's paging
_STATIC = Path(__file__).with_name("static")
# The report's stylesheet is the base of the UI's: one look for the static report and the served pages.
STATIC_FILES = {"report.css": Path(__file__).parents[1] / "export" / "templates" / "style.css",
                "web.css": _STATIC / "web.css", "web.js": _STATIC / "web.js"}


@router.get("/static/{name}")
def static(name: str) -> FileResponse:
    if name not in STATIC_FILES:
        raise HTTPException(404, f"no static file {name!r}")
    return FileResponse(STATIC_FILES[name], headers={"Cache-Control": "max-age=300"})


def _day(value: str, name: str, errors: list[str]) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"{name}: {value!r} is not a date (write it as YYYY-MM-DD)")
        return None


@router.get("/", response_class=HTMLResponse)
def stories_page(services: ServicesDep, q: str = "", since: str = "", until: str = "", outlet: str = "",
                 entity: str = "", offset: int = 0) -> HTMLResponse:
    errors: list[str] = []
    filters = StoryFilter(since=_day(since, "from", errors), until=_day(until, "to", errors),
                          query=q.strip()[:500] or None, outlet=outlet.strip()[:200] or None,
                          entity=entity.strip()[:200] or None)
    found = services.queries.stories(filters, "updated", min(max(offset, 0), MAX_INT), PER_PAGE)
    form = {"q": q, "since": since, "until": until, "outlet": outlet, "entity": entity}
    return page("stories_page.html", 422 if errors else 200, found=found, form=form, errors=errors,
                filtered=any(v.strip() for v in form.values()), date_range=views.date_range)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, services: ServicesDep, status: str = "") -> HTMLResponse:
    try:
        view = services.queries.story_view(story_id)
    except NotFound as e:
        return _not_found(e)
    status = status if status in views.STATUS_LABELS else ""
    claims = [c for c in view.claims_by_concern if not status or c.status == status]
    memberships = services.queries.memberships([s.article["id"] for s in view.sources])
    return page("story_page.html", story=view, counts=views.counts(view), claims=claims, status=status,
                memberships=memberships, titles=_runner_up_titles(services, memberships.values()),
                cite_href=cite_to_sentence())


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, services: ServicesDep) -> HTMLResponse:
    try:
        article = services.queries.article(article_id)
    except NotFound as e:
        return _not_found(e)
    story = None
    if article.story_id:
        try:
            story = services.queries.story(article.story_id)
        except NotFound:  # grouped, but its dossier is not built yet (the worker is behind): no title to show
            story = None
    membership = services.queries.memberships([article.id]).get(article.id)
    revisions = views.revision_views(services.queries.revisions(article.id)) if article.url else []
    return page("article_page.html", article=article, story=story, membership=membership,
                revisions=revisions if len(revisions) > 1 else [],
                titles=_runner_up_titles(services, [membership] if membership else []),
                published=views.when(article.published))


def _runner_up_titles(services: Services, memberships: Iterable[Membership]) -> dict[str, str]:
    return services.queries.story_titles([m.runner_up.story_id for m in memberships if m.runner_up])


@router.get("/feeds", response_class=HTMLResponse)
def feeds_page(services: ServicesDep) -> HTMLResponse:
    return _feeds(services)


@router.post("/feeds", response_class=HTMLResponse)
async def add_feed(request: Request, services: ServicesDep):
    fields = await forms.form(request)
    if services.feeds is None:
        return _feeds(services, 404)
    minutes = fields.get("interval", "").strip()
    if minutes and not (minutes.isdigit() and int(minutes) > 0):
        return _feeds(services, 422, f"poll every: {minutes!r} is not a whole number of minutes", fields)
    return forms.submit(
        request, services, fields,
        lambda f: services.feeds.add(f.get("url", "").strip(), interval=int(minutes) * 60 if minutes else None),
        partial(_feeds, services), "/feeds", {InputError: 422})


@router.post("/feeds/{feed_id}/remove", response_class=HTMLResponse)
async def remove_feed(feed_id: RowId, request: Request, services: ServicesDep):
    fields = await forms.form(request)
    if services.feeds is None:
        return _feeds(services, 404)
    return forms.submit(request, services, fields, lambda _f: services.feeds.remove(feed_id),
                        partial(_feeds, services), "/feeds", {NotFound: 404})


def _feeds(services: Services, status_code: int = 200, error: str | None = None, fields: dict | None = None) -> HTMLResponse:
    feeds = services.feeds.list(0, MAX_FEEDS).items if services.feeds is not None else None
    return page("feeds_page.html", status_code, feeds=feeds, error=error, fields=fields or {},
                needs_token=services.token is not None)


def _not_found(error: NotFound) -> HTMLResponse:
    return page("not_found.html", 404, message=str(error))
