"""Join latency of the service: a submitted article accepted (202) → visible in its story's dossier (GET
/api/v1/stories/{id}), on a store that already holds ``--articles`` articles.

    HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python benchmarks/join_latency.py --articles 10000 --new 40 --write
    ... --db postgresql+psycopg://user@host/empty_database   (PostgreSQL; the database must be empty)

The store is filled fast with synthetic fictional stories (3-8 articles each, invented names, places and figures,
written by ``story_articles`` below) through ``IngestService`` with ``refresh=False``: the real MiniLM encoder on
each text's first 300 characters (``LeadEncoder``: the stored story centroids must live in the space the measured
articles are compared in), the stand-in for the spaCy analysis (``tests/fakes.CapitalisedWords``), and the
stand-in encoder for the fill's dossiers.
The measured articles then go through the running app (FastAPI TestClient, the worker thread) with the real
models, one at a time: three in four continue a stored story, one in four starts a new one. Reported: p50/p95/max
of accepted → visible, and the worker's time per article in ``ingest`` and in rebuilding the dossier.
``--profile-ms 1500`` also prints a cProfile of every worker call slower than 1.5 s (diagnosis only: the profiler
slows every call, so such a run's figures are not recorded).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests")]

from fakes import BagOfWordsEncoder, CapitalisedWords
from serving import append_result

from storyline.model import Article, content_id

_SYLLABLES = ["ka", "lo", "vem", "tar", "is", "dor", "an", "bel", "ru", "sen", "mo", "thi", "gar", "el", "wyn", "qua"]
_EVENTS = [
    ("fire", "A fire broke out at the {org} depot in {place} on {day}, and {n} firefighters fought the blaze.",
     ["{person} said the fire started in a storage hall and spread to {n2} nearby sheds.",
      "The {org} depot employs {n3} people, according to {person2}.",
      "Investigators from {place} began examining the burnt halls of the {org} depot.",
      "{person2} said damage at the depot would cost {org} about {n} million.",
      "Residents of {place} were told to keep windows shut while the smoke cleared."]),
    ("strike", "Workers at {org} in {place} walked out on {day} in a dispute over pay, union leader {person} said.",
     ["{person} said {n3} members had joined the strike at {org}.",
      "{org} director {person2} called the walkout in {place} regrettable and offered talks.",
      "The union asks for a raise of {n2} percent; {org} offered {n} percent.",
      "Picket lines formed at the three {org} sites around {place}.",
      "{person2} said production at {org} had fallen by half since the strike began."]),
    ("bridge", "The {place} bridge was closed on {day} after engineers found cracks in its main span, {org} said.",
     ["{person}, chief engineer at {org}, said the cracks were up to {n2} centimetres long.",
      "About {n3} vehicles cross the {place} bridge every day, according to {person2}.",
      "Drivers face detours of {n} kilometres while the {place} bridge stays shut.",
      "{org} said repairs to the {place} bridge could take months.",
      "{person2} said the {place} bridge last passed an inspection two years ago."]),
    ("election", "{person} won the mayoral election in {place} on {day} with {n2} percent of the vote.",
     ["Turnout in {place} was {n} percent, the {org} election office said.",
      "{person2}, the outgoing mayor of {place}, congratulated {person} on the result.",
      "{person} promised to build {n3} new homes in {place} within four years.",
      "The {org} party gained seats on the {place} council.",
      "{person2} said the {org} party would study its defeat in {place}."]),
]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def story_articles(story: int, count: int, seed: int, start: int = 0) -> list[Article]:
    """Articles ``start`` … ``start + count`` of fictional story ``story``: its own names and figures, each
    article a different selection of its sentences (figures vary a little between outlets)."""
    rng = random.Random(f"{seed}/{story}")
    kind, lead, pool = _EVENTS[story % len(_EVENTS)]
    names = {"place": _name(rng), "org": _name(rng) + " " + _name(rng), "person": f"{_name(rng)} {_name(rng)}",
             "person2": f"{_name(rng)} {_name(rng)}", "n": rng.randint(10, 90), "n2": rng.randint(2, 40),
             "n3": rng.randint(100, 5000)}
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    out = []
    for k in range(start, start + count):
        r = random.Random(f"{seed}/{story}/{k}")
        values = {**names, "day": day.strftime("%A"), "n": names["n"] + r.choice((0, 0, 1, -1))}
        body = [lead.format(**values)] + [s.format(**values) for s in r.sample(pool, r.randint(3, len(pool)))]
        title = f"{names['place']} {kind}: " + r.choice(["latest", "what we know", "update", "report"])
        raw = f"{title}\n\n" + " ".join(body)
        published = (day + timedelta(days=k // 3)).isoformat()
        out.append(Article(id=content_id(raw), source=f"synthetic/{seed}/{story}/{k}", raw=raw, format="text",
                           outlet=f"Outlet {r.randrange(12)}", published=published, published_evidence="benchmark"))
    return out


def corpus(n: int, seed: int) -> tuple[list[Article], dict[int, int]]:
    rng = random.Random(seed)
    articles, sizes, story = [], {}, 0
    while len(articles) < n:
        size = min(rng.randint(3, 8), n - len(articles))
        articles += story_articles(story, size, seed)
        sizes[story] = size
        story += 1
    return articles, sizes


class LeadEncoder:
    """MiniLM on each text's first ``chars`` characters: the same model and vector space as the measured
    articles' embeddings at a fifth of the cost, so a 10k-article fill fits in minutes on a shared machine."""

    def __init__(self, encoder, chars: int = 300) -> None:
        self.encoder, self.chars = encoder, chars

    def encode(self, texts):
        return self.encoder.encode([t[: self.chars] for t in texts])


def fill(url: str, n: int, seed: int) -> tuple[dict[int, int], float]:
    from storyline.app import IngestService
    from storyline.settings import Settings
    from storyline.store import Store
    from storyline.vectors import settings_encoder

    articles, sizes = corpus(n, seed)
    started = time.perf_counter()
    print(f"filling {n} articles …", flush=True)
    settings = Settings(db_url=url)
    with Store(url) as store:
        IngestService(store, settings, encoder=LeadEncoder(settings_encoder(settings)), analyzer=CapitalisedWords(),
                      chunk_size=1000).ingest(articles, refresh=False)
        IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).refresh_dirty()
    return sizes, time.perf_counter() - started


def measure(url: str, sizes: dict[int, int], new: int, seed: int, profile_ms: float | None = None) -> dict:
    import cProfile
    import io
    import pstats

    from fastapi.testclient import TestClient

    from storyline.analyze.facts import Analyze
    from storyline.api import Services, create_app
    from storyline.app import IngestService
    from storyline.app.worker import Worker
    from storyline.settings import Settings
    from storyline.store import Store
    from storyline.vectors import settings_encoder

    settings = Settings(db_url=url)
    rng = random.Random(seed + 1)
    store = Store(url)
    encoder, analyzer = settings_encoder(settings), Analyze(settings)
    analyzer.setup()
    encoder.encode(["warm up"])  # as `storyline serve` does before it accepts requests
    ingest = IngestService(store, settings, encoder=encoder, analyzer=analyzer)
    spent = {"ingest": [], "dossiers": []}
    for name, key in (("ingest", "ingest"), ("refresh_dirty", "dossiers")):
        original = getattr(ingest, name)

        def timed(*args, _original=original, _key=key, **kwargs):
            profile = cProfile.Profile() if profile_ms is not None else None
            t = time.perf_counter()
            try:
                return profile.runcall(_original, *args, **kwargs) if profile else _original(*args, **kwargs)
            finally:
                spent[_key].append(time.perf_counter() - t)
                if profile and spent[_key][-1] * 1000 >= profile_ms:  # where a slow round spent its time
                    text = io.StringIO()
                    pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(25)
                    print(f"--- profile of a {spent[_key][-1] * 1000:.0f} ms {_key} call\n{text.getvalue()}", flush=True)

        setattr(ingest, name, timed)
    services = Services(store=store, settings=settings, worker=Worker(ingest))
    latencies, joined = [], 0
    next_story = max(sizes) + 1
    with TestClient(create_app(services)) as client:
        for i in range(new):
            if i % 4 == 3:
                article, next_story = story_articles(next_story, 1, seed)[0], next_story + 1
            else:
                story = rng.choice(list(sizes))
                article = story_articles(story, 1, seed, start=sizes[story])[0]
                sizes[story] += 1
                joined += 1
            body = {"text": article.raw, "outlet": article.outlet, "published": article.published}
            r = client.post("/api/v1/articles", json=body)
            accepted = time.perf_counter()  # the 202: the article is durably queued from here on
            queue_id = r.json()["items"][0]["queue_id"]
            while True:
                item = client.get(f"/api/v1/queue/{queue_id}").json()
                if item["state"] == "failed":
                    raise RuntimeError(item["reason"])
                if item["state"] == "done":
                    story_json = client.get(f"/api/v1/stories/{item['story_id']}").json()
                    if item["article_id"] in story_json.get("article_ids", []):
                        break
                time.sleep(0.005)
            latencies.append(time.perf_counter() - accepted)
            print(f"  {i:3d} {'joined' if i % 4 != 3 else 'new   '} story of {len(story_json['article_ids']):3d}: "
                  f"{latencies[-1] * 1000:6.0f} ms (ingest {spent['ingest'][-1] * 1000:.0f}, "
                  f"dossier {spent['dossiers'][-1] * 1000:.0f})", flush=True)  # to see where a slow tail comes from
            time.sleep(0.2)  # one at a time: the worker is idle when the next one arrives
    store.close()
    ms = sorted(x * 1000 for x in latencies)
    return {"n": len(ms), "joined_existing": joined, "p50": statistics.median(ms),
            "p95": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], "max": ms[-1],
            "ingest_ms": statistics.median(spent["ingest"]) * 1000,
            "dossier_ms": statistics.median(spent["dossiers"]) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="stored before measuring")
    parser.add_argument("--new", type=int, default=40, help="articles submitted and measured, one at a time")
    parser.add_argument("--db", help="SQLAlchemy URL of an empty database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="append the result to benchmarks/results/join-latency.md")
    parser.add_argument("--profile-ms", type=float, help="profile the worker's calls; print those slower than this")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="storyline-join-") as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'join.db'}"
        sizes, fill_s = fill(url, args.articles, args.seed)
        print(f"filled {args.articles} articles ({len(sizes)} stories) in {fill_s:.0f} s", flush=True)
        result = measure(url, sizes, args.new, args.seed, args.profile_ms)
    dialect = url.split(":")[0].split("+")[0]
    line = (f"| {dialect} | {args.articles:,} | {result['n']} ({result['joined_existing']} joined a stored story) | "
            f"{result['p50']:.0f} | **{result['p95']:.0f}** | {result['max']:.0f} | {result['ingest_ms']:.0f} | "
            f"{result['dossier_ms']:.0f} | {os.getloadavg()[0]:.1f} |")
    print(line)
    if args.write:
        append_result(HERE / "results" / "join-latency.md", line,
                      "# Join latency: accepted → visible in the story's dossier\n\n"
                      "Command and method: the docstring of benchmarks/join_latency.py; BENCHMARKS.md.\n\n"
                      "| database | stored articles | measured | p50 ms | p95 ms | max ms | worker ingest ms (median) | "
                      "dossier rebuild ms (median) | load avg |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")



if __name__ == "__main__":
    main()
