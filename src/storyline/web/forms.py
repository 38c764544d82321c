"""The web UI's write forms: parsing, same-origin check and the server's token.

When the server has a token (STORYLINE_TOKEN), a form must carry it in its ``token`` field; once given, it is
kept in an HttpOnly, SameSite=Strict cookie so the next forms need not ask again. Without a token, any local
user may write (as with the REST API), but a form posted from another site is refused by its Origin.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from urllib.parse import parse_qs, urlsplit

from fastapi import HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from ..api.services import Services
from ..exceptions import StorylineError

TOKEN_COOKIE = "storyline_token"
MAX_FORM_BYTES = 64 * 1024


async def form(request: Request) -> dict[str, str]:
    """The posted urlencoded fields (first value of each)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, f"form too large (over {MAX_FORM_BYTES} bytes)")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


def check(request: Request, services: Services, fields: dict[str, str]) -> str | None:
    """Refuse a cross-site post or a missing/wrong token (403/401); return a newly given token to remember."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "this form was posted from another site")
    if services.token is None:
        return None
    given = fields.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
    if not hmac.compare_digest(given.encode(), services.token.encode()):
        raise HTTPException(401, "this form needs the server's token (the value of STORYLINE_TOKEN)")
    return fields.get("token") or None


def remember(response: Response, token: str | None) -> Response:
    if token:
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


Render = Callable[[int, str | None, dict[str, str]], HTMLResponse]  # (status, error, posted fields) -> the page again


def submit(request: Request, services: Services, fields: dict[str, str], act: Callable[[dict[str, str]], object],
           render: Render, done: str, errors: Mapping[type[StorylineError], int]) -> Response:
    """One posted write form (``fields``): check origin and token, ``act`` on the fields, then redirect to ``done``
    (remembering a newly given token); a refusal, or one of ``errors`` raised by ``act``, shows the page again
    with its status."""
    try:
        token = check(request, services, fields)
        act(fields)
    except HTTPException as e:
        return render(e.status_code, e.detail, fields)
    except tuple(errors) as e:
        return render(next(code for kind, code in errors.items() if isinstance(e, kind)), str(e), fields)
    return remember(RedirectResponse(done, status_code=303), token)
