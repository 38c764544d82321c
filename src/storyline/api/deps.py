"""Request dependencies shared by the routes: the services, paging parameters and the write token."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel, field_validator

from ..sources.decode import without_surrogates
from ..store import Page
from .services import Services

MAX_LIMIT = 200
MAX_INT = 2**63 - 1  # the databases' largest integer: a bigger id or offset is a 422, not an overflow inside SQL


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


def paging(offset: Annotated[int, Query(ge=0, le=MAX_INT, description="Items to skip.")] = 0,
           limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50) -> Paging:
    return Paging(offset, limit)


PagingDep = Annotated[Paging, Depends(paging)]
RowId = Annotated[int, Path(ge=1, le=MAX_INT, description="A numeric id, as listed.")]


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """Every error answer: a message, or (a request that fails validation) what is wrong with each field."""

    detail: str | list[FieldError]


_MEANING = {400: "Body is not UTF-8 JSON", 401: "Missing or wrong token", 404: "No such item", 409: "Already exists", 413: "Request body too large",
            422: "Invalid request", 503: "Not enabled on this server"}


def errors(*codes: int) -> dict:
    """The OpenAPI ``responses`` of a route's error answers (422 is always possible), so clients and schema
    checks (schemathesis, in tests/api/test_schema.py) know every status a route gives."""
    return {code: {"model": Problem, "description": _MEANING[code]} for code in sorted({422, *codes})}


def write_errors(*codes: int) -> dict:
    """``errors`` of a route behind ``WriteAccess``: it also answers 401 and (its body over the cap) 413."""
    return errors(401, 413, *codes)


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
