"""Bad input, fuzzed: whatever JSON (or bytes) a client POSTs to the write endpoints, the answer is a clear
2xx or 4xx, never a server error; plus hostile bodies, each its own test."""

import pytest
from fastapi.testclient import TestClient
from fuzzing import api_bodies, check_api
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.api import create_app

fast = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
PATHS = ["/api/v1/articles", "/api/v1/feeds", "/api/v1/watches"]


@pytest.fixture
def api(full_services):
    with TestClient(create_app(full_services), raise_server_exceptions=False) as c:
        yield c


@fast
@given(path=st.sampled_from(PATHS), body=api_bodies)
def test_any_json_body_gets_a_clear_answer(api, path, body):
    check_api(api, path, body)


@fast
@given(path=st.sampled_from(PATHS), raw=st.binary(max_size=200))
def test_any_bytes_get_a_clear_answer(api, path, raw):
    check_api(api, path, None, raw)


HOSTILE = [
    b"", b"\x00" * 64, b"\xff\xfe{\x00}\x00", b'{"text": "\xff\xfe bad utf-8"}', b'{"text": "a\\u0000b"}',
    b'{"text": "\\ud800 lone surrogate in the Orvey report"}', b"[" * 100_000 + b"]" * 100_000,
    b'{"items": [' + b",".join([b'{"text": "x"}'] * 101) + b"]}", b'{"url": "javascript:alert(1)"}',
    b'{"url": "http://[::1"}', b'{"text": "Orvey", "published": "2024-02-30"}', b'{"html": "' + b"<div>" * 50_000 + b'"}',
    b'{"webhook": "http://169.254.169.254/latest", "query": "orvey"}', b'{"url": "https://x.example/f", "interval": 1e999}',
]


def test_hostile_bodies_get_a_clear_answer(api):
    for path in PATHS:
        for raw in HOSTILE:
            check_api(api, path, None, raw)


def test_a_lone_surrogate_is_kept_as_a_replacement_character(api, services):
    """Regression: a JSON escape such as \\ud800 in a submitted text failed the request with a 500 (the
    database cannot store it); like the file readers, the API now keeps the text with U+FFFD."""
    body = b'{"text": "Orvey council \\ud800 closes the quarry road", "title": "Quarry \\udfff road"}'
    answer = api.post("/api/v1/articles", content=body,
                      headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"})
    assert answer.status_code == 202
    item = services.store.queue.get([answer.json()["items"][0]["queue_id"]])[0]
    assert item.submission.content == "Orvey council \ufffd closes the quarry road"
    assert item.submission.title == "Quarry \ufffd road"


def test_an_invalid_body_echoing_infinity_or_a_surrogate_gets_its_422():
    """Regression: FastAPI's 422 echoes the input, and failed with a 500 on 1e999 or a lone surrogate."""
    from storyline.api.app import _writable

    assert _writable([{"input": {"interval": float("inf"), "text": "a\ud800"}}]) == [{"input": {"interval": "inf", "text": "a\ufffd"}}]
