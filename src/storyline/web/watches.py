"""The watches page: saved queries that call a webhook, with their recent deliveries; add and remove them."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..api.deps import RowId, ServicesDep
from ..api.services import Services
from ..exceptions import InputError, NotFound
from . import forms
from .render import page

router = APIRouter(include_in_schema=False)
MAX_WATCHES = 200  # the page lists them all; more go through the API's paging
RECENT_DELIVERIES = 5
_FIELDS = ("query", "entity", "outlet", "story_id")


@router.get("/watches", response_class=HTMLResponse)
def watches_page(services: ServicesDep) -> HTMLResponse:
    return _watches(services)


@router.post("/watches", response_class=HTMLResponse)
async def add_watch(request: Request, services: ServicesDep):
    fields = await forms.form(request)
    if services.watches is None:
        return _watches(services, 404)
    return forms.submit(
        request, services, fields,
        lambda f: services.watches.add(f.get("webhook", "").strip(), **{k: f.get(k) for k in _FIELDS}),
        partial(_watches, services), "/watches", {InputError: 422, NotFound: 422})  # an unknown story: a bad field


@router.post("/watches/{watch_id}/remove", response_class=HTMLResponse)
async def remove_watch(watch_id: RowId, request: Request, services: ServicesDep):
    fields = await forms.form(request)
    if services.watches is None:
        return _watches(services, 404)
    return forms.submit(request, services, fields, lambda _f: services.watches.remove(watch_id),
                        partial(_watches, services), "/watches", {NotFound: 404})


def _watches(services: Services, status_code: int = 200, error: str | None = None,
             fields: dict | None = None) -> HTMLResponse:
    watches = deliveries = None
    if services.watches is not None:
        watches = services.watches.list(0, MAX_WATCHES).items
        deliveries = {w.id: services.watches.deliveries(w.id, 0, RECENT_DELIVERIES).items for w in watches}
    return page("watches_page.html", status_code, watches=watches, deliveries=deliveries, error=error,
                fields=fields or {}, needs_token=services.token is not None)
