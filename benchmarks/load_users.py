"""The clients of benchmarks/load.py, for locust (``locust -f benchmarks/load_users.py``; load.py starts it).

Each user sends one request at a time, back to back (no think time), drawn by weight from the mix below. What to
ask for (stored story and article ids, search words, new articles to submit, the write token) comes from the JSON
file named by ``$STORYLINE_LOAD_TARGETS``, written by load.py after filling the store. Kept apart from load.py
because importing locust patches the standard library for gevent, which the filling process must not have.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, task

with open(os.environ["STORYLINE_LOAD_TARGETS"], encoding="utf-8") as f:
    TARGETS = json.load(f)
_NEW = itertools.count()  # shared by all users (one process): every submission is a new article


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.rng = random.Random()
        self.auth = {"Authorization": f"Bearer {TARGETS['token']}"}

    def _story(self) -> str:
        return self.rng.choice(TARGETS["stories"])

    @task(12)
    def story_list(self) -> None:
        self.client.get("/api/v1/stories", params={"limit": 20}, name="GET /api/v1/stories")

    @task(8)
    def story_list_page(self) -> None:
        self.client.get("/", name="GET / (stories page)")

    @task(18)
    def story_json(self) -> None:
        self.client.get(f"/api/v1/stories/{self._story()}", name="GET /api/v1/stories/{id}")

    @task(14)
    def story_page(self) -> None:
        self.client.get(f"/stories/{self._story()}", name="GET /stories/{id} (page)")

    @task(16)
    def search(self) -> None:
        q = " ".join(self.rng.sample(TARGETS["words"], self.rng.choice((1, 1, 2))))
        self.client.get("/api/v1/search", params={"q": q}, name="GET /api/v1/search")

    @task(16)
    def article_json(self) -> None:
        self.client.get(f"/api/v1/articles/{self.rng.choice(TARGETS['articles'])}", name="GET /api/v1/articles/{id}")

    @task(10)
    def submit(self) -> None:
        body = TARGETS["new"][next(_NEW) % len(TARGETS["new"])]
        self.client.post("/api/v1/articles", json=body, headers=self.auth, name="POST /api/v1/articles")
