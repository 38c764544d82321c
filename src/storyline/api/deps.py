"""Request dependencies shared by the routes: the services, paging parameters and the write token."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request
from pydantic import BaseModel, field_validator

from ..sources.decode import without_surrogates
from ..store import Page
from .services import Services

MAX_LIMIT = 200


class RequestBody(BaseModel):
    """A JSON request body. A lone surrogate in a string (a JSON escape such as ``\\ud800``, which no database
    can store) becomes U+FFFD, as the file readers do: the text is kept instead of failing the request."""

    @field_validator("*", mode="before")
    @classmethod
    def _encodable(cls, value: object) -> object:
        return without_surrogates(value)[0] if isinstance(value, str) else value


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


@dataclass(frozen=True)
class Paging:
    offset: int
    limit: int


def paging(offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
           limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50) -> Paging:
    return Paging(offset, limit)


PagingDep = Annotated[Paging, Depends(paging)]


def page_json(page: Page, items: list) -> dict:
    """The envelope every list endpoint returns; ``next_offset`` is null on the last page."""
    more = page.offset + len(page.items) < page.total
    return {"items": items, "total": page.total, "offset": page.offset, "limit": page.limit,
            "next_offset": page.offset + len(page.items) if more else None}


def require_token(services: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Write endpoints: when the server has a token, the request must carry it (constant-time comparison)."""
    if services.token is None:
        return
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), services.token.encode()):
        raise HTTPException(401, "this endpoint needs the server's token: send 'Authorization: Bearer <token>' "
                                 "(the value of STORYLINE_TOKEN)", headers={"WWW-Authenticate": "Bearer"})


WriteAccess = Depends(require_token)
