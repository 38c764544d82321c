"""Live refresh: ``GET /stories/{id}/events`` streams a server-sent event whenever the stored story changes.

The store is polled (one indexed row: the dossier's save time and article count) rather than notified, so it
works the same whoever writes the store: this server's worker, another process, a CLI ingest.
"""

from __future__ import annotations

import asyncio
import json

from fastapi import HTTPException, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ..api.deps import ServicesDep

POLL_SECONDS = 1.0
KEEPALIVE_POLLS = 15  # a comment line now and then, so proxies do not drop an idle stream


async def story_events(story_id: str, request: Request, services: ServicesDep) -> StreamingResponse:
    first = await run_in_threadpool(services.queries.story_stamp, story_id)
    if first is None:
        raise HTTPException(404, f"no story with id {story_id!r}")

    async def stream():
        last, polls = first, 0
        yield "retry: 3000\n\n"
        while not await request.is_disconnected():
            await asyncio.sleep(POLL_SECONDS)
            stamp = await run_in_threadpool(services.queries.story_stamp, story_id)
            polls += 1
            if stamp != last:
                last = stamp
                data = {"story": story_id, "updated": stamp[0] if stamp else None,
                        "articles": stamp[1] if stamp else 0}
                yield f"event: changed\ndata: {json.dumps(data)}\n\n"
            elif polls % KEEPALIVE_POLLS == 0:
                yield ": still here\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
