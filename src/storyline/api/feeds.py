"""Feeds and watches: add, list, remove (writes need the token), and a watch's webhook deliveries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Response
from pydantic import Field

from ..app.feeds import MAX_INTERVAL, MIN_INTERVAL, FeedService
from ..app.watches import WatchService
from ..model import Delivery, Feed, Watch
from .deps import (
    PagingDep,
    RequestBody,
    RowId,
    ServicesDep,
    WriteAccess,
    errors,
    page_json,
    write_errors,
)

router = APIRouter()


class NewFeed(RequestBody):
    url: str = Field(max_length=2000, description="An RSS, Atom or JSON Feed URL (http or https).")
    interval: int | None = Field(None, ge=MIN_INTERVAL, le=MAX_INTERVAL, description="Seconds between polls.")


class NewWatch(RequestBody):
    webhook: str = Field(max_length=2000, description="Receives a JSON POST when the watch fires.")
    query: str | None = Field(None, max_length=500, description="Words every matching article contains.")
    entity: str | None = Field(None, max_length=200)
    outlet: str | None = Field(None, max_length=200)
    story_id: str | None = Field(None, max_length=40, description="A story to follow from now on.")


def _feeds(services) -> FeedService:
    if services.feeds is None:
        raise HTTPException(503, "feeds are not enabled on this server")
    return services.feeds


def _watches(services) -> WatchService:
    if services.watches is None:
        raise HTTPException(503, "watches are not enabled on this server")
    return services.watches


def _time(value) -> str | None:
    return value.isoformat() if value is not None else None


def feed_json(f: Feed) -> dict:
    return {"id": f.id, "url": f.url, "title": f.title, "interval": f.interval, "last_polled": _time(f.last_polled),
            "next_poll": _time(f.next_poll), "error_count": f.error_count, "last_error": f.last_error}


def watch_json(w: Watch) -> dict:
    return {"id": w.id, "webhook": w.webhook, "query": w.query, "entity": w.entity, "outlet": w.outlet,
            "story_id": w.story_id, "created_at": _time(w.created_at)}


def delivery_json(d: Delivery) -> dict:
    return {"id": d.id, "event": d.event, "subjects": d.subjects, "status": d.status, "error": d.error,
            "delivered_at": _time(d.delivered_at)}


@router.post("/feeds", tags=["feeds"], status_code=201, dependencies=[WriteAccess],
             responses=write_errors(400, 409, 503))
def add_feed(services: ServicesDep, body: Annotated[NewFeed, Body()]) -> dict:
    """Poll a feed from now on; 422 for a URL that may not be fetched, 409 when it is already a feed."""
    return feed_json(_feeds(services).add(body.url, body.interval))


@router.get("/feeds", tags=["feeds"], responses=errors(503))
def list_feeds(services: ServicesDep, paging: PagingDep) -> dict:
    page = _feeds(services).list(paging.offset, paging.limit)
    return page_json(page, [feed_json(f) for f in page.items])


@router.delete("/feeds/{feed_id}", tags=["feeds"], status_code=204, dependencies=[WriteAccess],
               responses=write_errors(404, 503))
def remove_feed(feed_id: RowId, services: ServicesDep) -> Response:
    _feeds(services).remove(feed_id)
    return Response(status_code=204)


@router.post("/watches", tags=["watches"], status_code=201, dependencies=[WriteAccess],
             responses=write_errors(400, 404, 503))
def add_watch(services: ServicesDep, body: Annotated[NewWatch, Body()]) -> dict:
    """Save a watch; 422 without a criterion or for a webhook on a private address."""
    watch = _watches(services).add(body.webhook, query=body.query, entity=body.entity, outlet=body.outlet,
                                   story_id=body.story_id)
    return watch_json(watch)


@router.get("/watches", tags=["watches"], responses=errors(503))
def list_watches(services: ServicesDep, paging: PagingDep) -> dict:
    page = _watches(services).list(paging.offset, paging.limit)
    return page_json(page, [watch_json(w) for w in page.items])


@router.get("/watches/{watch_id}/deliveries", tags=["watches"], responses=errors(404, 503))
def watch_deliveries(watch_id: RowId, services: ServicesDep, paging: PagingDep) -> dict:
    """The watch's webhook calls, newest first."""
    page = _watches(services).deliveries(watch_id, paging.offset, paging.limit)
    return page_json(page, [delivery_json(d) for d in page.items])


@router.delete("/watches/{watch_id}", tags=["watches"], status_code=204, dependencies=[WriteAccess],
               responses=write_errors(404, 503))
def remove_watch(watch_id: RowId, services: ServicesDep) -> Response:
    _watches(services).remove(watch_id)
    return Response(status_code=204)
