"""A real uvicorn server on localhost: the worker starts and stops with the app and finishes what a previous
run left queued or half-done; ``storyline serve`` wiring and its warning."""

import socket
import threading
import time
from datetime import timedelta

import httpx
import pytest
import uvicorn
from fakes import BagOfWordsEncoder, CapitalisedWords
from sqlalchemy import update
from submissions import GLACIER, make_services
from typer.testing import CliRunner

from storyline import cli
from storyline.api import create_app
from storyline.store.queue import Submission, utc_now
from storyline.store.schema import ingest_queue


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(store_url):
    services = make_services(store_url)
    queue = services.store.queue
    # Left by a previous run: one item never claimed, one claimed by a worker that died before finishing it.
    left = queue.enqueue([Submission("text", GLACIER[0]), Submission("text", GLACIER[1])])
    queue.claim(1)
    with services.store.unit_of_work() as conn:
        conn.execute(update(ingest_queue).where(ingest_queue.c.id == left[0])
                     .values(claimed_at=utc_now() - timedelta(hours=1)))
    port = _free_port()
    config = uvicorn.Config(create_app(services), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", services, left
    instance.should_exit = True
    thread.join(20)
    services.store.close()


def test_a_restarted_server_finishes_what_was_queued_and_serves_new_articles(server):
    base, services, left = server
    with httpx.Client(base_url=base, timeout=30) as client:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            states = [client.get(f"/api/v1/queue/{i}").json()["state"] for i in left]
            if states == ["done", "done"]:
                break
            time.sleep(0.1)
        assert states == ["done", "done"]
        r = client.post("/api/v1/articles", params={"wait": 20}, json={"text": GLACIER[1].replace("55,000", "52,000")})
        item = r.json()["items"][0]
        assert r.status_code == 200 and item["state"] == "done"
        assert item["article_id"] in client.get(f"/api/v1/stories/{item['story_id']}").json()["article_ids"]
    assert services.worker._thread is not None  # still running until the app shuts down


def test_serve_builds_services_with_a_worker_and_warns_without_a_token_beyond_localhost(tmp_path, monkeypatch):
    ran = {}
    monkeypatch.setattr(cli.serve, "_service_models", lambda settings: (BagOfWordsEncoder(), CapitalisedWords()))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(app=app, **kw))
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    runner = CliRunner()
    db = str(tmp_path / "serve.db")
    result = runner.invoke(cli.app, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "WARNING" in result.output and "without a token" in result.output
    assert (ran["host"], ran["port"]) == ("0.0.0.0", 8123)
    services = ran["app"].state.services
    assert services.worker is not None and services.token is None
    quiet = runner.invoke(cli.app, ["serve", "--db", db], env={"STORYLINE_TOKEN": "k3y"})
    assert quiet.exit_code == 0 and "WARNING" not in quiet.output
    assert ran["app"].state.services.token == "k3y" and ran["host"] == "127.0.0.1"
