"""Write endpoints: submit articles to the ingest queue, follow a submission, delete an article, its revisions.

Submissions are queued durably and answered at once (202 with queue ids); the server's worker ingests them in
the background. ``?wait=`` holds the answer until they are processed (at most 30 s), then gives each article's
id and the story it joined.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Header, HTTPException, Query, Response
from pydantic import ConfigDict, Field, field_validator, model_validator

from ..exceptions import FetchError, FetchRefused, InputError
from ..sources.web import Fetcher
from ..store.queue import QueueItem, Submission
from ..text.dates import parse_iso
from ..text.urls import normalise_url
from .deps import RequestBody, RowId, ServicesDep, WriteAccess, errors, write_errors

router = APIRouter()
MAX_BATCH = 100
MAX_WAIT = 30.0


class ArticleIn(RequestBody):
    """One article: exactly one of ``text``, ``html`` or ``url`` (fetched by the server), plus metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text: a headline line, a blank line, then the body.")
    html: str | None = Field(None, description="The article's web page, as HTML.")
    url: str | None = Field(None, description="An http(s) address for the server to fetch. The same URL with new "
                                              "content later becomes a new revision of the same article.")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date or date-time; omit when unknown.")
    source: str | None = Field(None, max_length=1000, description="Where it came from, as shown with the article.")

    @model_validator(mode="after")
    def one_content(self) -> ArticleIn:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'text', 'html' or 'url'" + (f", not {' and '.join(given)}" if given else ""))
        if not getattr(self, given[0]).strip():
            raise ValueError(f"'{given[0]}' is empty")
        if "\x00" in getattr(self, given[0]):
            raise ValueError(f"'{given[0]}' contains NUL bytes: binary content is not supported")
        return self

    @field_validator("published")
    @classmethod
    def iso_published(cls, value: str | None) -> str | None:
        if value is not None and parse_iso(value) is None:
            raise ValueError(f"'published' must be ISO 8601 (2026-03-14 or 2026-03-14T09:30:00+01:00), not {value!r}")
        return value

    def submission(self, max_bytes: int) -> Submission:
        kind = "text" if self.text is not None else "html" if self.html is not None else "url"
        content = getattr(self, kind)
        if len(content.encode("utf-8", "surrogatepass")) > max_bytes:
            raise HTTPException(413, f"the {kind} of an article is over {max_bytes / 1e6:g} MB; send a smaller one")
        if kind == "url":
            content = normalise_url(content)
        return Submission(kind=kind, content=content, title=self.title, outlet=self.outlet,
                          published=self.published, source=self.source)


class ArticleBatch(RequestBody):
    model_config = ConfigDict(extra="forbid")

    items: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


def item_json(item: QueueItem) -> dict:
    return {"queue_id": item.id, "state": item.state, "reason": item.reason, "article_id": item.article_id,
            "story_id": item.story_id, "kind": item.submission.kind, "attempts": item.attempts,
            "created_at": item.created_at.isoformat(),
            "finished_at": item.finished_at.isoformat() if item.finished_at else None}


@router.post("/articles", tags=["articles"], dependencies=[WriteAccess], status_code=202,
             responses={**write_errors(400), 200: {"description": "Processed within ``wait``"}})
def submit_articles(
    services: ServicesDep, response: Response,
    body: Annotated[ArticleIn | ArticleBatch, Body(description=f"One article, or {{\"items\": [...]}} (≤ {MAX_BATCH}).")],
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT, description="Seconds to wait for processing.")] = 0,
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key", min_length=1, max_length=255,
        description="Any unique string per request: sending the same request again with the same key (after a lost "
                    "answer) returns the first request's queue items instead of queueing them twice.")] = None,
) -> dict:
    """Queue articles for ingesting; 202 with their queue ids, or 200 with results when processed within ``wait``."""
    given = body.items if isinstance(body, ArticleBatch) else [body]
    submissions = []
    for n, item in enumerate(given):
        try:
            submissions.append(item.submission(services.settings.max_item_bytes))
            if submissions[-1].kind == "url" and services.fetcher is not None:
                _refuse_unsafe(services.fetcher, submissions[-1].content)
        except InputError as e:  # say which item, so a client can fix its batch
            raise HTTPException(422, f"item {n}: {e}" if len(given) > 1 else str(e)) from None
    ids = services.store.queue.enqueue(submissions, key=idempotency_key)
    worker = services.worker
    if worker is not None:
        worker.wake()
    items = worker.wait_for(ids, wait) if worker is not None and wait else services.store.queue.get(ids)
    if all(item.finished for item in items):
        response.status_code = 200
    return {"items": [item_json(item) for item in items]}


def _refuse_unsafe(fetcher: Fetcher, url: str) -> None:
    """FetchRefused (a 422) for a URL the fetcher would refuse: private, loopback, metadata … The worker checks it
    again when it fetches, since a name may resolve elsewhere by then."""
    try:
        fetcher.check(url)
    except FetchRefused:
        raise
    except FetchError:  # a name that does not resolve now may later: queued, and the worker's fetch decides
        pass


@router.get("/queue/{queue_id}", tags=["articles"], responses=errors(404))
def queue_item(queue_id: RowId, services: ServicesDep) -> dict:
    """A submission's state: queued, working, done (with its article and story) or failed (with the reason)."""
    return item_json(services.store.queue.get([queue_id])[0])


@router.delete("/articles/{article_id}", tags=["articles"], dependencies=[WriteAccess], responses=write_errors(404))
def delete_article(article_id: str, services: ServicesDep) -> dict:
    """Delete an article; its story's dossier is rebuilt without it by the worker."""
    story_id = services.store.delete_article(article_id)
    if services.worker is not None:
        services.worker.wake()
    return {"deleted": article_id, "story_id": story_id}


@router.get("/articles/{article_id}/revisions", tags=["articles"], responses=errors(404))
def article_revisions(article_id: str, services: ServicesDep) -> dict:
    """Every content the article has had (same URL, changed content), oldest first; the current one last."""
    revisions = services.store.revisions.of(article_id)
    return {"article_id": article_id, "items": [
        {"revision": r.number, "current": r.replaced_at is None, "title": r.title, "text": r.text,
         "published": r.published, "fetched_at": r.fetched_at, "stored_at": r.stored_at, "replaced_at": r.replaced_at}
        for r in revisions]}
