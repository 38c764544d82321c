"""Crash safety: kill -9 the ingest at random moments, restart until done, compare with an uninterrupted run.

    python benchmarks/crash.py --kills 24 --articles 400 --write

Three modes, each on the real command in a subprocess, with the stand-in models of ``tests/fakes.py``
(``--models fakes:stand_ins``; what is tested is what happens to the data, which the models do not touch):

- ``cli``: ``storyline ingest`` of a folder of JSONL files, killed and re-run until it exits 0;
- ``server``: ``storyline serve``; a client POSTs the articles in batches of the worker's size and waits for
  each, resubmitting after a connection error; the server is killed at random and restarted until every batch
  is done;
- ``batch``: ``storyline batch`` into Parquet shards, killed and re-run until it exits 0.

Each is compared with the same command run once without kills into a fresh database / folder: articles lost,
articles stored twice (two rows with the same content), stories (the partition of article ids into stories,
story ids and dossiers), dirty marks left, ``PRAGMA integrity_check``; for the server also the queue (every
item done, none failed or left), for the batch the shards and rows and any partial file left visible.

The corpus: ``--articles`` ECB+ documents (``../shared/benchmarks``, read at run time, never copied), shuffled,
with a wire copy of every tenth, so stories have many articles and dedup has copies to find; or any list of
{"text", "published", "source"} dicts (the CI test passes its own fictional articles).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from storyline.store.queue import BATCH_ATTEMPTS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MODELS = "fakes:stand_ins"
FILES = 8  # the corpus is split over this many JSONL files (several batch shards)
SERVER_BATCH = 32  # articles per POST: the worker's batch, so each POST is one ingest


@dataclass
class Outcome:
    mode: str
    articles: int  # in the corpus
    kills: int = 0
    runs: int = 0  # starts of the command, the uninterrupted one not counted
    lost: int = 0
    duplicated: int = 0
    extra: int = 0  # stored after the kills but not by the uninterrupted run
    same_stories: bool = True  # the comparisons of all rounds: each can only turn these off
    same_dossiers: bool = True
    dirty_left: int = 0
    integrity: str = "ok"
    rounds: int = 0  # fresh databases / folders killed until done (a round ends when a run finishes)
    notes: dict = field(default_factory=dict)  # per mode: queue states, shards, partial files
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (not self.lost and not self.duplicated and not self.extra and self.same_stories and self.same_dossiers
                and not self.dirty_left and self.integrity == "ok" and not self.notes.get("problems"))


# --- running the real command ------------------------------------------------------------------------------

def _env() -> dict:
    path = os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, "HF_HUB_OFFLINE": "1", "STORYLINE_MODELS": MODELS}


def storyline(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline.cli", *args]


def run_killed(command: list[str], target: Callable[[int], list[str]], kills: int, delay: Callable[[], float],
               log: Path, check: Callable[[list[str]], None]) -> tuple[int, int, int]:
    """Rounds of: ``command`` on a fresh ``target(round)`` (--db or --out), SIGKILLed after ``delay()`` seconds
    and started again, until a run ends by itself; then ``check(target)``. A round ends when the work is done,
    so there are as many rounds as it takes to make ``kills`` kills. (kills, starts, rounds)."""
    done = starts = rounds = 0
    with log.open("a") as out:
        while done < kills and rounds < 4 * kills:
            rounds += 1
            args = target(rounds)
            while True:
                proc = subprocess.Popen(command + args, env=_env(), stdout=out, stderr=out)
                starts += 1
                try:
                    proc.wait(delay() if done < kills else None)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    done += 1
                    continue
                if proc.returncode != 0:
                    raise RuntimeError(f"{command + args} failed ({proc.returncode}); see {log}")
                break
            check(args)
    return done, starts, rounds


def kill_delay(command: list[str], reference_args: list[str], kills: int, log: Path, rng: random.Random,
               tiny: bool = False) -> tuple[float, Callable[[], float]]:
    """Run ``command`` once uninterrupted (into the reference) and time it, and once more (its start-up and
    what it does when all is done): kills fall from the middle of the start-up to twice the share of the work each
    run should do, so the ``kills`` runs spread over the whole corpus. A ``tiny`` corpus (CI) is all start-up:
    the second run is left out. (seconds uninterrupted, delay)."""
    whole = timed(command + reference_args, log)
    startup = whole if tiny else min(timed(command + reference_args, log), whole)
    work = whole - startup
    return whole, lambda: rng.uniform(0.5 * startup, startup + 2 * work / kills)


def timed(command: list[str], log: Path) -> float:
    started = time.perf_counter()
    with log.open("a") as out:
        subprocess.run(command, env=_env(), stdout=out, stderr=out, check=True)
    return time.perf_counter() - started


# --- corpus --------------------------------------------------------------------------------------------------

def ecb_corpus(n: int, seed: int) -> list[dict]:
    """``n`` ECB+ documents in a seeded random order (so stories grow over the whole run), every 10th followed
    later by a wire copy of itself (the dedup decisions are compared too). Undated, as ECB+ is."""
    sys.path.insert(0, str(HERE))
    import ecbplus

    docs = ecbplus.load()
    random.Random(seed).shuffle(docs)
    corpus: list[dict] = []
    for i, doc in enumerate(docs):
        if len(corpus) >= n:
            break
        corpus.append({"text": doc.article.raw, "published": None, "source": f"ecbplus/{doc.name}"})
        if i % 10 == 9:
            corpus.append({"text": doc.article.raw + "\nDistributed by a wire service.", "published": None,
                           "source": f"wire/{doc.name}"})
    return corpus[:n]


def write_jsonl(corpus: list[dict], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-len(corpus) // FILES)
    for n in range(0, len(corpus), per_file):
        lines = (json.dumps(doc, ensure_ascii=False) for doc in corpus[n : n + per_file])
        (folder / f"part-{n // per_file:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# --- comparing databases -------------------------------------------------------------------------------------

@dataclass
class DbState:
    ids: list[str]
    duplicated: int  # rows whose raw content another row also has
    partition: set[frozenset[str]]
    copies: dict[str, str | None]
    dossiers: set[tuple]
    dirty: int
    integrity: str
    queue: dict[str, int]
    alone: int  # queue items retried one by one, their batch having been cut short BATCH_ATTEMPTS times


def db_state(db: Path) -> DbState:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, story_id, duplicate_of FROM articles").fetchall()
        groups: dict[str, set[str]] = {}
        for article_id, story_id, _ in rows:
            groups.setdefault(story_id, set()).add(article_id)
        duplicated = conn.execute("SELECT count(*) - count(DISTINCT raw) FROM articles").fetchone()[0]
        dossiers = {(sid, title, count) for sid, title, count in
                    conn.execute("SELECT id, title, article_count FROM stories")}
        return DbState(
            ids=[r[0] for r in rows], duplicated=duplicated, partition={frozenset(g) for g in groups.values()},
            copies={r[0]: r[2] for r in rows}, dossiers=dossiers,
            dirty=conn.execute("SELECT count(*) FROM dirty_stories").fetchone()[0],
            integrity=conn.execute("PRAGMA integrity_check").fetchone()[0],
            queue=dict(conn.execute("SELECT state, count(*) FROM ingest_queue GROUP BY state").fetchall()),
            alone=conn.execute("SELECT count(*) FROM ingest_queue WHERE attempts > ?", (BATCH_ATTEMPTS,)).fetchone()[0])


def compare_dbs(outcome: Outcome, reference: Path, killed: Path) -> DbState:
    """Add what ``killed`` lacks, repeats or adds against ``reference`` to ``outcome``."""
    want, got = db_state(reference), db_state(killed)
    outcome.lost += len(set(want.ids) - set(got.ids))
    outcome.extra += len(set(got.ids) - set(want.ids))
    outcome.duplicated += got.duplicated + len(got.ids) - len(set(got.ids))
    outcome.same_stories &= got.partition == want.partition and got.copies == want.copies
    outcome.same_dossiers &= got.dossiers == want.dossiers
    outcome.dirty_left += got.dirty
    if got.integrity != "ok":
        outcome.integrity = got.integrity
    outcome.notes.update(stored=len(got.ids), stories=len(got.partition))
    return got


# --- mode 1: storyline ingest --------------------------------------------------------------------------------

def cli_mode(corpus: list[dict], kills: int, folder: Path, rng: random.Random, tiny: bool = False) -> Outcome:
    outcome, started = Outcome("cli", len(corpus)), time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    inputs = write_jsonl(corpus, folder / "inputs")
    log = folder / "cli.log"
    reference = folder / "reference.db"
    command = storyline("ingest", str(inputs))
    _, delay = kill_delay(command, ["--db", str(reference)], kills, log, rng, tiny)
    outcome.kills, outcome.runs, outcome.rounds = run_killed(
        command, lambda n: ["--db", str(folder / f"killed-{n}.db")], kills, delay, log,
        lambda args: compare_dbs(outcome, reference, Path(args[1])))
    outcome.seconds = time.perf_counter() - started
    return outcome


# --- mode 2: storyline serve ---------------------------------------------------------------------------------

class Server:
    """``storyline serve`` in a subprocess, restarted on demand; ``kill()`` is kill -9."""

    def __init__(self, db: Path, log: Path, lease: float) -> None:
        self.db, self.log, self.lease = db, log, lease
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.lock = threading.Lock()
        self.ready = threading.Event()  # set while a started server answers
        self.starts = 0

    def ensure(self) -> str:
        """The server's base URL, starting it (and waiting until it answers) if it is not running."""
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self.port = _free_port()
                with self.log.open("a") as out:
                    self.proc = subprocess.Popen(
                        storyline("serve", "--db", str(self.db), "--port", str(self.port), "--queue-lease",
                                  str(self.lease)), env=_env(), stdout=out, stderr=out)
                self.starts += 1
            proc, base = self.proc, f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    self.ready.set()
                    return base
            except httpx.TransportError:
                time.sleep(0.2)
        if proc.poll() is None:
            raise RuntimeError(f"the server did not answer within 120 s; see {self.log}")
        return base  # it was killed while starting: the caller's request fails and it calls again

    def kill(self) -> bool:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                return False
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            self.ready.clear()
            return True

    def stop(self) -> None:
        with self.lock:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.send_signal(signal.SIGINT)
                try:
                    self.proc.wait(30)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def feed_server(server: Server, corpus: list[dict]) -> int:
    """POST the corpus batch by batch, each processed before the next (so batches are the same in every run);
    after a failed request (the server was killed) start it again and resubmit or keep waiting. Resubmitting a
    batch whose first POST was queued before the kill queues its articles twice: the second items end ``done``
    with the same articles (content ids), which the comparison checks. Returns the POSTs answered."""
    answered = 0
    for n in range(0, len(corpus), SERVER_BATCH):
        items = [{"text": d["text"], "published": d["published"], "source": d["source"]}
                 for d in corpus[n : n + SERVER_BATCH]]
        ids: list[int] = []
        while True:
            base = server.ensure()
            try:
                if not ids:
                    ids = [i["queue_id"] for i in httpx.post(f"{base}/api/v1/articles", json={"items": items},
                                                             timeout=60).raise_for_status().json()["items"]]
                    answered += 1
                states = [httpx.get(f"{base}/api/v1/queue/{i}", timeout=10).raise_for_status().json()["state"]
                          for i in ids]
            except httpx.TransportError:
                continue
            if all(s in ("done", "failed") for s in states):
                break
            time.sleep(0.2)
    return answered


def server_mode(corpus: list[dict], kills: int, folder: Path, rng: random.Random, lease: float = 2.0) -> Outcome:
    outcome, started = Outcome("server", len(corpus)), time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "server.log"
    reference, killed = folder / "reference.db", folder / "killed.db"
    server = Server(reference, log, lease)
    try:
        server.ensure()
        whole = time.perf_counter()
        feed_server(server, corpus)
        wait_for_idle(server)
        whole = time.perf_counter() - whole  # the work, without starting the server
    finally:
        server.stop()

    server = Server(killed, log, lease)
    finished = threading.Event()

    def killer() -> None:
        # Each kill at a random moment of the next stretch of work after the server answers, so the kills
        # spread over the whole corpus; a request in flight, a batch or a dossier may be cut anywhere.
        while outcome.kills < kills and not finished.is_set():
            if not server.ready.wait(0.2) or finished.wait(rng.uniform(0, 2 * whole / kills)):
                continue
            if server.kill():
                outcome.kills += 1

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    try:
        while True:
            feed_server(server, corpus)
            if outcome.kills >= kills:
                break  # else the corpus went in before all the kills: feed it again (all known now) to kill more
        finished.set()
        thread.join()
        wait_for_idle(server)  # dossiers a kill left marked are finished by the idle worker
    finally:
        finished.set()
        server.stop()
    outcome.runs, outcome.rounds = server.starts, 1
    got = compare_dbs(outcome, reference, killed)
    outcome.notes["queue"] = got.queue
    outcome.notes["retried alone"] = got.alone  # ingested one by one, not in their batch: grouping order differs
    if set(got.queue) - {"done"}:
        outcome.notes["problems"] = f"queue items not done: {got.queue}"
    outcome.seconds = time.perf_counter() - started
    return outcome


def wait_for_idle(server: Server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    server.ensure()
    while time.monotonic() < deadline:
        with sqlite3.connect(server.db) as conn:
            left = conn.execute("SELECT count(*) FROM dirty_stories").fetchone()[0]
            left += conn.execute("SELECT count(*) FROM ingest_queue WHERE state IN ('queued', 'working')").fetchone()[0]
        if not left:
            return
        time.sleep(0.5)


# --- mode 3: storyline batch ---------------------------------------------------------------------------------

def batch_outputs(out: Path) -> dict:
    """What a batch output holds, minus the fetch times (the readers stamp each article when it is read)."""
    import pyarrow.parquet as pq

    def rows(path: Path) -> list:
        table = pq.read_table(path).to_pylist()
        for row in table:
            if "record" in row:
                record = json.loads(row["record"])
                record.pop("fetched_at", None)
                row["record"] = record
        return sorted(table, key=lambda r: json.dumps(r, sort_keys=True, default=str))

    visible = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    return {"files": visible, "partial": [p for p in visible if p.endswith(".tmp")],
            "rows": {p: rows(out / p) for p in visible if p.endswith(".parquet")},
            "manifest": json.loads((out / "batch.json").read_text(encoding="utf-8"))}


def batch_mode(corpus: list[dict], kills: int, folder: Path, rng: random.Random, tiny: bool = False) -> Outcome:
    outcome, started = Outcome("batch", len(corpus)), time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    inputs = write_jsonl(corpus, folder / "batch-inputs")
    shard_mb = str(max(sum(p.stat().st_size for p in inputs.iterdir()) / FILES / 1e6, 0.001) * 1.5)
    log = folder / "batch.log"
    reference = folder / "reference"
    command = storyline("batch", str(inputs), "--shard-mb", shard_mb)
    _, delay = kill_delay(command, ["--out", str(reference)], kills, log, rng, tiny)
    want = batch_outputs(reference)
    outcome.kills, outcome.runs, outcome.rounds = run_killed(
        command, lambda n: ["--out", str(folder / f"killed-{n}")], kills, delay, log,
        lambda args: compare_batches(outcome, want, batch_outputs(Path(args[1]))))
    outcome.seconds = time.perf_counter() - started
    return outcome


def compare_batches(outcome: Outcome, want: dict, got: dict) -> None:
    def ids(outputs: dict) -> list[str]:
        return [r["id"] for p, rows in outputs["rows"].items() if p.startswith("shards/") for r in rows]

    stored, expected = ids(got), set(ids(want))
    outcome.lost += len(expected - set(stored))
    outcome.extra += len(set(stored) - expected)
    outcome.duplicated += len(stored) - len(set(stored))
    outcome.same_stories &= got["rows"].get("assignments.parquet") == want["rows"].get("assignments.parquet")
    outcome.same_dossiers &= got["rows"].get("stories.parquet") == want["rows"].get("stories.parquet")
    if got["rows"] != want["rows"] or got["files"] != want["files"]:
        outcome.integrity = "outputs differ"
    outcome.notes.update(shards=len(got["manifest"]["shards"]), rows=len(stored))
    outcome.notes["partial"] = outcome.notes.get("partial", 0) + len(got["partial"])
    if got["partial"]:
        outcome.notes["problems"] = f"partial files left: {got['partial']}"


# --- report --------------------------------------------------------------------------------------------------

MODES = {"cli": cli_mode, "server": server_mode, "batch": batch_mode}
HEADER = [("| mode | articles | kill -9 | rounds | starts | lost | duplicated | extra | same stories | same dossiers | "
           "dirty left | integrity | details | s |"),
          "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|---|---:|"]


def row(o: Outcome) -> str:
    yes = {True: "yes", False: "NO"}
    details = ", ".join(f"{k} {v}" for k, v in o.notes.items())
    return (f"| {o.mode} | {o.articles} | {o.kills} | {o.rounds} | {o.runs} | {o.lost} | {o.duplicated} | {o.extra} | "
            f"{yes[o.same_stories]} | {yes[o.same_dossiers]} | {o.dirty_left} | {o.integrity} | {details} | "
            f"{o.seconds:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=24, help="kill -9 per mode")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--modes", nargs="*", default=list(MODES), choices=list(MODES))
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/crash.md")
    args = parser.parse_args()
    corpus = ecb_corpus(args.articles, args.seed)
    rng = random.Random(args.seed)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="storyline-crash-") as tmp:
        for mode in args.modes:
            outcomes.append(MODES[mode](corpus, args.kills, Path(tmp) / mode, rng))
            print(row(outcomes[-1]), flush=True)
    command = (f"python benchmarks/crash.py --kills {args.kills} --articles {args.articles} "
               f"--modes {' '.join(args.modes)} --seed {args.seed} --write")
    text = "\n".join([f"Command: `{command}`", "", *HEADER, *map(row, outcomes), ""])
    print(text)
    if args.write:
        (HERE / "results" / "crash.md").write_text(text, encoding="utf-8")
    raise SystemExit(0 if all(o.ok for o in outcomes) else 1)


if __name__ == "__main__":
    main()
