"""A cap on request bodies, checked before anything parses them, so a huge upload costs no memory or time."""

from __future__ import annotations

import json


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_bytes``, by its Content-Length or, when it is sent
    without one (chunked), by counting what arrives."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._too_large(send)
            return
        chunks, size, more = [], 0, True
        while more:  # read it all first (at most max_bytes), then hand it on
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._too_large(send)
                return
            more = message.get("more_body", False)
        body, sent = b"".join(chunks), False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, send) -> None:
        detail = json.dumps({"detail": f"the request body is over {self.max_bytes / 1e6:g} MB; send less per request"})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(detail)).encode())]})
        await send({"type": "http.response.body", "body": detail.encode()})
