"""The server under load: 50 concurrent clients for 60 s against ``storyline serve``, reads mixed with writes.

    HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python benchmarks/load.py --write              (SQLite)
    HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python benchmarks/load.py --postgres --write   (PostgreSQL)

Method. The store (a new SQLite file, or a database on a throwaway PostgreSQL server started from Debian's
binaries, ``tests/pg_server.py``, fsync on) is filled with ``--articles`` synthetic fictional articles
(``join_latency.corpus``) through ``IngestService`` with the real models. Then ``storyline serve`` runs as its own
process (uvicorn, the ingest worker thread, the real spaCy and MiniLM models: ``serve`` has no hook for stand-ins)
with a write token, and locust (headless, ``benchmarks/load_users.py``) runs ``--clients`` users for ``--seconds``,
each sending one request at a time, back to back. The mix, by weight: story list JSON 12, stories page (HTML) 8,
story JSON 18, story page (HTML) 14, search 16 (one or two words of the stored titles), article JSON 16, and
POST /api/v1/articles 10 (a new article each time: three in four continue a stored story, one in four starts
one). An error is any answer that is not 2xx, or no answer. After the run the worker is given ``--drain``
seconds to ingest what was queued; every submission must end ``done``, none ``failed``, and the server's log
must hold no traceback and no "database is locked".
Reported per kind and overall: requests, errors, p50 and p99 in ms (locust's histogram: two significant digits),
requests/s; and the queue after draining. The machine has 2 cores shared with other work; the load tool runs on
it too.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests")]

import join_latency  # the synthetic corpus
from pg_server import free_port, new_database, throwaway_postgres
from serving import wait_until_up

AGGREGATED = "Aggregated"


def fill(url: str, n: int, seed: int) -> None:
    """``n`` stored articles, ingested with the real models (so stored dossiers carry facts, as in use)."""
    from storyline.app import IngestService
    from storyline.settings import Settings
    from storyline.store import Store

    articles, _sizes = join_latency.corpus(n, seed)
    with Store(url) as store:
        IngestService(store, Settings(db_url=url)).ingest(articles)


def targets(url: str, n: int, seed: int, token: str, new: int) -> dict:
    """What the clients ask for: stored ids, title words to search, and ``new`` articles to submit."""
    from storyline.store import Store

    with Store(url) as store:
        stories = store.stories().items
        articles = [a.id for a in store.articles(with_facts=False)]
    words = sorted({w.strip(":").lower() for s in stories for w in s.title.split() if len(w.strip(":")) > 3})
    rng = random.Random(seed + 1)
    _corpus, sizes = join_latency.corpus(n, seed)
    next_story, bodies = max(sizes) + 1, []
    for i in range(new):
        if i % 4 == 3:
            article, next_story = join_latency.story_articles(next_story, 1, seed)[0], next_story + 1
        else:
            story = rng.choice(list(sizes))
            article = join_latency.story_articles(story, 1, seed, start=sizes[story])[0]
            sizes[story] += 1
        bodies.append({"text": article.raw, "outlet": article.outlet, "published": article.published})
    return {"stories": [s.id for s in stories], "articles": articles, "words": words, "token": token, "new": bodies}


def run_locust(base: str, targets_file: Path, out: Path, clients: int, seconds: int) -> None:
    env = {**os.environ, "STORYLINE_LOAD_TARGETS": str(targets_file)}
    subprocess.run([str(Path(sys.executable).with_name("locust")), "-f", str(HERE / "load_users.py"), "--headless",
                    "--users", str(clients), "--spawn-rate", str(clients), "--run-time", f"{seconds}s",
                    "--host", base, "--csv", str(out), "--json-file", str(out), "--only-summary",
                    "--loglevel", "WARNING", "--stop-timeout", "30"], env=env, check=False)


def read_stats(out: Path) -> dict[str, dict]:
    """locust's final stats (JSON) → name → requests, errors, p50, p99 (ms), requests/s; overall under AGGREGATED."""
    entries = json.loads(Path(f"{out}.json").read_text())
    stats = {e["name"]: _summary([e]) for e in entries}
    stats[AGGREGATED] = _summary(entries)
    return stats


def _summary(entries: list[dict]) -> dict:
    times: dict[int, int] = {}
    for e in entries:  # response time (ms, rounded as locust rounds: two significant digits) → how many
        for ms, count in e["response_times"].items():
            times[int(float(ms))] = times.get(int(float(ms)), 0) + count
    ordered = sorted(times.items())
    n = sum(times.values())

    def percentile(q: float) -> int | None:
        seen = 0
        for ms, count in ordered:
            seen += count
            if seen >= q * n:
                return ms
        return None

    span = max(e["last_request_timestamp"] or 0 for e in entries) - min(e["start_time"] for e in entries)
    requests = sum(e["num_requests"] for e in entries)
    return {"requests": requests, "errors": sum(e["num_failures"] for e in entries), "p50": percentile(0.5),
            "p99": percentile(0.99), "rps": requests / span if span > 0 else 0.0}


def failures(out: Path) -> list[str]:
    with open(f"{out}_failures.csv", encoding="utf-8") as f:
        return [f"{r['Occurrences']} × {r['Name']}: {r['Error']}" for r in csv.DictReader(f)]


def drain(url: str, timeout: float) -> dict:
    """Wait for the worker to finish the queue; the queue's states and how long it took."""
    from sqlalchemy import func, select

    from storyline.store import Store
    from storyline.store.schema import ingest_queue

    started = time.monotonic()
    with Store(url, migrate=False) as store:
        while store.queue.waiting() and time.monotonic() - started < timeout:
            time.sleep(1)
        with store.reading() as conn:
            states = dict(conn.execute(select(ingest_queue.c.state, func.count()).group_by(ingest_queue.c.state)).all())
    return {"states": states, "seconds": time.monotonic() - started}


def serve(url: str, port: int, token: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "STORYLINE_TOKEN": token, "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(HERE.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", url, "--port", str(port)],
                            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def log_problems(log: Path) -> dict[str, int]:
    text = log.read_text(errors="replace")
    return {"tracebacks": text.count("Traceback"), "database is locked": text.count("database is locked"),
            "5xx answers": sum(1 for line in text.splitlines() if '" 5' in line and "HTTP/1.1" in line)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="stored before the run")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL server (default: SQLite)")
    parser.add_argument("--drain", type=float, default=600, help="seconds the worker gets to finish the queue")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="append the result to benchmarks/results/load.md")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    token = secrets.token_urlsafe(16)
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="storyline-load-")))
        url = (new_database(stack.enter_context(throwaway_postgres(fsync=True))) if args.postgres
               else f"sqlite:///{tmp / 'load.db'}")
        started = time.perf_counter()
        fill(url, args.articles, args.seed)
        plan = targets(url, args.articles, args.seed, token, new=100 * args.seconds)
        (tmp / "targets.json").write_text(json.dumps(plan))
        print(f"filled {len(plan['articles'])} articles, {len(plan['stories'])} stories in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        port, log = free_port(), tmp / "serve.log"
        server = serve(url, port, token, log)
        try:
            wait_until_up(f"http://127.0.0.1:{port}", server.poll)
            load_before = os.getloadavg()[0]
            run_locust(f"http://127.0.0.1:{port}", tmp / "targets.json", tmp / "locust", args.clients, args.seconds)
            load_after = os.getloadavg()[0]
            queue = drain(url, args.drain)
        finally:
            server.terminate()
            server.wait(60)
        stats, failed, problems = read_stats(tmp / "locust"), failures(tmp / "locust"), log_problems(log)
        if problems["tracebacks"]:
            print(log.read_text(errors="replace")[-5000:])
    dialect = "postgresql" if args.postgres else "sqlite"
    report = render(dialect, args, len(plan["articles"]), len(plan["stories"]), stats, queue, problems, failed,
                    (load_before, load_after))
    print(report)
    if args.write:
        out = HERE / "results" / "load.md"
        if not out.exists():
            out.write_text("# The server under load: concurrent clients, reads mixed with writes\n\n"
                           "Method: the docstring of benchmarks/load.py. One section per run, newest last.\n")
        with out.open("a") as f:
            f.write("\n" + report)


def render(dialect: str, args, articles: int, stories: int, stats: dict[str, dict], queue: dict,
           problems: dict[str, int], failed: list[str], load: tuple[float, float]) -> str:
    """One run as Markdown: the command, a table per kind (overall last), the queue and the server log."""
    command = ("HF_HUB_OFFLINE=1 PYTHONPATH=src nice -n 10 .venv/bin/python benchmarks/load.py"
               + (" --postgres" if args.postgres else "") + f" --articles {args.articles} --clients {args.clients}"
               + f" --seconds {args.seconds} --write")
    lines = [f"## {dialect}: {args.clients} clients, {args.seconds} s, {articles} stored articles ({stories} stories)",
             "", (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, python {platform.python_version()}, "
                  f"load average {load[0]:.1f} → {load[1]:.1f} (2 cores, shared)"), "", f"    {command}", "",
             "| request | requests | errors | p50 ms | p99 ms | requests/s |", "|---|---:|---:|---:|---:|---:|"]
    for name, s in sorted(stats.items(), key=lambda item: (item[0] == AGGREGATED, item[0])):
        label = "**overall**" if name == AGGREGATED else f"`{name}`"
        lines.append(f"| {label} | {s['requests']} | **{s['errors']}** | {s['p50']} | **{s['p99']}** | {s['rps']:.1f} |")
    states = ", ".join(f"{k} {v}" for k, v in sorted(queue["states"].items()))
    lines += ["", (f"Submissions after the run: {states} (the worker drained the queue "
                   f"{queue['seconds']:.0f} s after the clients stopped)."),
              (f"Server log: {problems['tracebacks']} tracebacks, {problems['database is locked']} \"database is "
               f"locked\", {problems['5xx answers']} 5xx answers.")]
    lines += [f"Failure: {line}" for line in failed]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
