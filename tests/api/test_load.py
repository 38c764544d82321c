"""The CI subset of benchmarks/load.py: 10 clients on threads, 20 requests each, against a real uvicorn server in
this process (stand-in models), reads mixed with submissions. No request may fail, every submission must end
``done``, and only the worker writes what ingesting writes: request threads write nothing but the queue."""

import random
import re
import threading
import time

import httpx
import join_latency
import pytest
import uvicorn
from pg_server import free_port
from sqlalchemy import event
from submissions import make_services

from storyline.api import create_app

CLIENTS = 10
REQUESTS = 20  # per client, every fifth a submission: a count, not a duration, so a slow machine tests as much
TOKEN = "l0ad"
_WRITE = re.compile(r"^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+\"?(\w+)", re.IGNORECASE)


@pytest.fixture
def server(store_url):
    services = make_services(store_url, token=TOKEN)
    stored, sizes = join_latency.corpus(40, seed=5)
    services.worker.ingest.ingest(stored)
    writes: list[tuple[str, str]] = []  # (thread name, table) of every write statement

    @event.listens_for(services.store.engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_args):
        if match := _WRITE.match(statement):
            writes.append((threading.current_thread().name, match.group(1).lower()))

    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(create_app(services), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", services, sizes, writes
    instance.should_exit = True
    thread.join(20)
    services.store.close()


def test_ten_clients_reading_and_submitting_get_no_errors_and_lose_nothing(server):
    base, services, sizes, writes = server
    stories = [s.id for s in services.store.stories().items]
    articles = [a.id for a in services.store.articles(with_facts=False)]
    words = sorted({w.strip(":").lower() for s in services.store.stories().items for w in s.title.split()
                    if len(w.strip(":")) > 3})
    new = iter([a.raw for story in sizes for a in join_latency.story_articles(story, 30, seed=5, start=sizes[story])])
    lock = threading.Lock()
    errors: list[str] = []
    counts = {"read": 0, "write": 0}
    queued: list[int] = []

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=30) as http:
            for n in range(REQUESTS):
                kind = "submit" if n % 5 == 4 else rng.choice(("stories", "page", "story", "story_page", "search", "article"))
                try:
                    if kind == "submit":
                        with lock:
                            body = next(new)
                        r = http.post("/api/v1/articles", json={"text": body},
                                      headers={"Authorization": f"Bearer {TOKEN}"})
                    else:
                        path = {"stories": "/api/v1/stories", "page": "/", "story": f"/api/v1/stories/{rng.choice(stories)}",
                                "story_page": f"/stories/{rng.choice(stories)}",
                                "search": f"/api/v1/search?q={rng.choice(words)}",
                                "article": f"/api/v1/articles/{rng.choice(articles)}"}[kind]
                        r = http.get(path)
                    ok, what = r.is_success, f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as e:
                    ok, what = False, repr(e)
                with lock:
                    counts["write" if kind == "submit" else "read"] += 1
                    if not ok:
                        errors.append(f"{kind}: {what}")
                    elif kind == "submit":
                        queued.append(r.json()["items"][0]["queue_id"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert counts == {"read": CLIENTS * REQUESTS * 4 // 5, "write": CLIENTS * REQUESTS // 5}
    items = services.worker.wait_for(queued, timeout=60)
    assert {item.state for item in items} == {"done"}, [(i.id, i.state, i.reason) for i in items if i.state != "done"]
    by_request_threads = {table for name, table in writes if not name.startswith("storyline-worker")}
    assert by_request_threads == {"ingest_queue"}, writes
