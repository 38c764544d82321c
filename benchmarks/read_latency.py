"""API read latency under load: 10 concurrent clients against a real uvicorn server for a fixed time, on a store
filled the way benchmarks/join_latency.py fills it.

    HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python benchmarks/read_latency.py --articles 3000 --write
    ... --db postgresql+psycopg://user@host/empty_database   (PostgreSQL; the database must be empty)

The server (``create_app`` over ``Services`` with no worker, as ``serve`` builds it but read-only) runs in its own
process so the clients do not share its interpreter lock; the clients are asyncio tasks on one ``httpx``
connection pool in this process, each sending one request at a time, back to back. Each request is drawn
uniformly from three kinds: the story's JSON (``GET /api/v1/stories/{id}``), the story's HTML page
(``GET /stories/{id}``) and a search (``GET /api/v1/search?q=…``, one or two words drawn from the stored titles).
Reported per kind: count, p50/p99 in ms, errors (any non-200 answer or transport error); and requests/s overall.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import socket
import statistics
import tempfile
import time
from pathlib import Path

import join_latency  # the fill: same corpus, same stand-ins, same documented method
from serving import append_result, wait_until_up

HERE = Path(__file__).resolve().parent
KINDS = ("story_json", "story_html", "search")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(url: str, port: int) -> None:
    """The server process: the app as ``storyline serve`` runs it, minus the worker (reads only are measured)."""
    import uvicorn

    from storyline.api import Services, create_app
    from storyline.settings import Settings
    from storyline.store import Store

    settings = Settings(db_url=url)
    with Store(url) as store:
        uvicorn.run(create_app(Services(store=store, settings=settings)), host="127.0.0.1", port=port,
                    log_level="warning")


def _targets(url: str, seed: int) -> tuple[list[str], list[str]]:
    """Stored story ids, and title words to search for (longer than 3 letters, so not 'fire: latest' noise)."""
    from storyline.store import Store

    with Store(url) as store:
        stories = store.stories().items
    words = sorted({w.strip(":").lower() for s in stories for w in (s.title or "").split() if len(w.strip(":")) > 3})
    return [s.id for s in stories], words


async def _client(http, rng: random.Random, story_ids: list[str], words: list[str], until: float,
                  timings: dict[str, list[float]], errors: dict[str, int]) -> None:
    while time.perf_counter() < until:
        kind = rng.choice(KINDS)
        if kind == "search":
            path, params = "/api/v1/search", {"q": " ".join(rng.sample(words, rng.choice((1, 1, 2))))}
        else:
            story = rng.choice(story_ids)
            path, params = (f"/api/v1/stories/{story}" if kind == "story_json" else f"/stories/{story}"), None
        started = time.perf_counter()
        try:
            response = await http.get(path, params=params)
            ok = response.status_code == 200
        except Exception:  # noqa: BLE001 - a transport error is counted as an error of that kind, not fatal
            ok = False
        if ok:
            timings[kind].append(time.perf_counter() - started)
        else:
            errors[kind] += 1


async def _load(base: str, story_ids: list[str], words: list[str], clients: int, seconds: float,
                seed: int) -> tuple[dict[str, list[float]], dict[str, int], float]:
    import httpx

    timings: dict[str, list[float]] = {k: [] for k in KINDS}
    errors = dict.fromkeys(KINDS, 0)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        for _ in range(3):  # warm up: first requests pay imports, template compilation, connection set-up
            await http.get(f"/stories/{story_ids[0]}")
            await http.get(f"/api/v1/stories/{story_ids[0]}")
            await http.get("/api/v1/search", params={"q": words[0]})
        started = time.perf_counter()
        until = started + seconds
        await asyncio.gather(*(_client(http, random.Random(f"{seed}/{c}"), story_ids, words, until, timings, errors)
                               for c in range(clients)))
        elapsed = time.perf_counter() - started
    return timings, errors, elapsed


def measure(url: str, clients: int, seconds: float, seed: int) -> dict:
    story_ids, words = _targets(url, seed)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    # spawn, not fork: this process has loaded torch and holds database connections
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(url, port), daemon=True)
    server.start()
    try:
        wait_until_up(base, lambda: server.exitcode, timeout=120)
        timings, errors, elapsed = asyncio.run(_load(base, story_ids, words, clients, seconds, seed))
    finally:
        server.terminate()
        server.join(10)
    result = {"stories": len(story_ids), "seconds": elapsed,
              "requests": sum(len(t) for t in timings.values()) + sum(errors.values())}
    for kind in KINDS:
        ms = sorted(x * 1000 for x in timings[kind])
        result[kind] = {"n": len(ms), "errors": errors[kind],
                        "p50": statistics.median(ms) if ms else float("nan"),
                        "p99": ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))] if ms else float("nan")}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3_000, help="stored before measuring")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients, one request at a time each")
    parser.add_argument("--seconds", type=float, default=30, help="how long the clients send requests")
    parser.add_argument("--db", help="SQLAlchemy URL of an empty database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="append the result to benchmarks/results/read-latency.md")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="storyline-read-") as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'read.db'}"
        sizes, fill_s = join_latency.fill(url, args.articles, args.seed)
        print(f"filled {args.articles} articles ({len(sizes)} stories) in {fill_s:.0f} s; load {os.getloadavg()[0]:.1f}",
              flush=True)
        load_before = os.getloadavg()[0]
        r = measure(url, args.clients, args.seconds, args.seed)
    load_after = os.getloadavg()[0]
    dialect = url.split(":")[0].split("+")[0]
    cells = " | ".join(f"{r[k]['p50']:.0f} / **{r[k]['p99']:.0f}**" for k in KINDS)
    line = (f"| {dialect} | {args.articles:,} ({r['stories']:,} stories) | {args.clients} | {r['seconds']:.0f} | "
            f"{cells} | {sum(r[k]['errors'] for k in KINDS)} | {r['requests'] / r['seconds']:.1f} | "
            f"{load_before:.1f} → {load_after:.1f} |")
    for kind in KINDS:
        print(f"  {kind:10s} n={r[kind]['n']:5d} errors={r[kind]['errors']} p50={r[kind]['p50']:.1f} ms "
              f"p99={r[kind]['p99']:.1f} ms")
    print(line)
    if args.write:
        append_result(
            HERE / "results" / "read-latency.md", line,
            "# API read latency: 10 concurrent clients against a uvicorn server\n\n"
            "Command and method: the docstring of benchmarks/read_latency.py; BENCHMARKS.md.\n"
            "Load average (1 min) of the machine (2 cores, shared) before and after the timed run.\n\n"
            "| database | stored articles | clients | seconds | story JSON p50 / p99 ms | "
            "story page (HTML) p50 / p99 ms | search p50 / p99 ms | errors | requests/s | load avg |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")


if __name__ == "__main__":
    main()
