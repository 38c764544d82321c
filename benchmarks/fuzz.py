"""Bad input, fuzzed, at scale: ≥ 10,000 generated inputs per parser, with crashes, hangs and time per input.

Parsers: the text cleaner, HTML extraction, JSONL, feeds, WARC and the API's request bodies (POST /articles,
/feeds, /watches through FastAPI's TestClient with stand-in services). The inputs come from the hypothesis
strategies of tests/fuzzing.py (the CI tests run 40 of each); each is checked with the same ``check_*``
property, except HTML extraction, which runs ``extract`` on the generated page alone under the time budget
(the tests check the pages beside it). A crash is any exception but Storyline's own or a failed property; a
hang is an input over the per-document time budget (``Settings.extract_budget_seconds``). Then the hostile
inputs, one run each, with their outcome and time (the zip bomb also with the peak memory of its process).

    nice -n 10 .venv/bin/python benchmarks/fuzz.py [--examples 10000] [--write]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import fuzzing
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from storyline.exceptions import BadDocument, StorylineError
from storyline.extract import extract
from storyline.model import Article, content_id
from storyline.settings import Settings, Thresholds

logging.getLogger("storyline").setLevel(logging.ERROR)  # every drop is logged; here they are counted

RESULTS = REPO / "benchmarks" / "results" / "fuzz.md"
BUDGET = Settings().extract_budget_seconds


@dataclasses.dataclass
class Tally:
    parser: str
    times: list[float] = dataclasses.field(default_factory=list)
    crashes: list[str] = dataclasses.field(default_factory=list)
    hangs: int = 0

    def row(self) -> str:
        times = sorted(self.times)
        return (f"| {self.parser} | {len(times):,} | {len(self.crashes)} | {self.hangs} | "
                f"{statistics.median(times) * 1000:.2f} | {times[-1] * 1000:.0f} |")


def run(parser: str, strategy: st.SearchStrategy, check: Callable[..., None], examples: int) -> Tally:
    tally = Tally(parser)

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(value):
        start = time.perf_counter()
        try:
            check(value)
        except BadDocument as e:
            if e.reason == "over-time-budget":
                tally.hangs += 1
        except (AssertionError, Exception) as e:  # noqa: BLE001 - a crash or a broken property: counted, kept
            if not isinstance(e, StorylineError) or isinstance(e, AssertionError):
                tally.crashes.append(f"{type(e).__name__}: {e} ← {value!r}"[:600] + "\n" + traceback.format_exc()[-800:])
        elapsed = time.perf_counter() - start
        tally.times.append(elapsed)
        if BUDGET and elapsed > BUDGET and parser != "HTML extraction":  # extraction counts its own, above
            tally.hangs += 1

    one()
    print(tally.row(), flush=True)
    return tally


def extract_alone(html: str) -> None:
    extract(Article(id=content_id(html), source="fuzzed", raw=html, format="html"), Thresholds(), BUDGET)


def api_client():
    """A TestClient on an app with feeds and watches, over a throwaway SQLite store, and its teardown."""
    import httpx
    from fastapi.testclient import TestClient

    from storyline.api import Services, create_app
    from storyline.app.feeds import FeedService
    from storyline.app.watches import WatchService
    from storyline.settings import FetchSettings
    from storyline.sources.web import Fetcher
    from storyline.store import Store

    folder = tempfile.TemporaryDirectory()
    settings = Settings(db_url=f"sqlite:///{folder.name}/api.db")
    store = Store(settings.db_url).__enter__()
    fetcher = Fetcher(FetchSettings(host_interval=0.0), transport=httpx.MockTransport(lambda r: httpx.Response(204)),
                      resolver=lambda host: ["93.184.216.34"])
    services = Services(store=store, settings=settings, token="s3cret", feeds=FeedService(store, fetcher, lambda items: None),
                        watches=WatchService(store, fetcher))
    client = TestClient(create_app(services), raise_server_exceptions=False).__enter__()

    def close():
        client.__exit__(None, None, None)
        store.__exit__(None, None, None)
        folder.cleanup()

    return client, close


# --- hostile inputs, one run each -----------------------------------------------------------------------------

STORY = ("The Orvey town council voted on Thursday to close the old quarry road after two lorries slid off it in "
         "the rain. Councillor Ada Brenn said a new bypass would cost less than the repairs.")


def _extract_outcome(raw: str, fmt: str) -> str:
    try:
        article = extract(Article(id="h", source="hostile", raw=raw, format=fmt), Thresholds(), BUDGET)
    except BadDocument as e:
        return f"dropped: {e.reason}"
    return f"kept ({len(article.text):,} characters)"


def _read_outcome(name: str, data: bytes) -> str:
    from storyline.engine import Drops
    from storyline.sources import read_paths

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        drops = Drops()
        articles = list(read_paths([path], drops))
    counted = ", ".join(f"{reason} {n}" for reason, n in drops.as_dict().items()) or "none"
    return f"{len(articles)} read; dropped: {counted}"


def _jsonl_bad_middle() -> bytes:
    lines = [json.dumps({"text": STORY.replace("Thursday", day)}) for day in ("Monday", "Tuesday")]
    return "\n".join([lines[0], '{"text": "cut short', lines[1]]).encode()


def _bomb_in_child() -> str:
    """The 1 GB zip bomb, read in its own process; the peak memory (VmHWM) counts from just before the read."""
    code = ("import tempfile, pathlib, zlib;"
            "from storyline.engine import Drops; from storyline.sources import read_paths;"
            "from storyline.sources.warc import write_warc;"
            "d = pathlib.Path(tempfile.mkdtemp()); p = d / 'bomb.warc.gz';"
            "page = b'HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>' + b'Orvey council closes the road. ' * 9 + b'</p>';"
            "write_warc(p, [('https://lusk.example/1', '2026-04-02T08:15:00Z', page)]); good = p.read_bytes();"
            "size = 1 << 30; head = (b'WARC/1.0\\r\\nWARC-Type: response\\r\\nWARC-Target-URI: https://bomb.example/\\r\\n'"
            " b'WARC-Date: 2026-04-02T08:15:00Z\\r\\nContent-Type: application/http; msgtype=response\\r\\n'"
            " b'Content-Length: %d\\r\\n\\r\\n' % (size + 19));"
            "z = zlib.compressobj(1, zlib.DEFLATED, 31); mb = bytes(1 << 20);"
            "f = p.open('wb'); f.write(good); f.write(z.compress(head + b'HTTP/1.1 200 OK\\r\\n\\r\\n'));"
            "[f.write(z.compress(mb)) for _ in range(size >> 20)]; f.write(z.compress(b'\\r\\n\\r\\n') + z.flush()); f.write(good); f.close();"
            "pathlib.Path('/proc/self/clear_refs').write_text('5'); drops = Drops();"  # peak memory from here on
            "n = len(list(read_paths([p], drops)));"
            "peak = next(l for l in pathlib.Path('/proc/self/status').read_text().splitlines() if l.startswith('VmHWM'));"
            "print(n, drops.as_dict(), p.stat().st_size, int(peak.split()[1]) // 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout.split()
    return f"{out[0]} read; dropped: {' '.join(out[1:-2])}; archive {int(out[-2]) / 1e6:.1f} MB; peak memory {out[-1]} MB"


def hostile() -> list[tuple[str, str, float]]:
    nested = "<html><body>" + "<div>" * 100_000 + f"<p>{STORY}</p>" + "</div>" * 100_000 + "</body></html>"
    cp1251 = ('<html><head><meta charset="windows-1251"></head><body><p>Совет Орвея проголосовал в четверг закрыть '
              "старую дорогу к карьеру.</p></body></html>").encode("cp1251")
    latin1 = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Le '
              "conseil d’Orvey a voté jeudi la fermeture de la route — « enfin », dit Zoé.</p></body></html>").encode("cp1252")
    cases: list[tuple[str, Callable[[], str]]] = [
        ("empty text", lambda: _extract_outcome("", "text")),
        ("binary (PNG header and NULs) as HTML", lambda: _extract_outcome("\x89PNG\r\n\x1a\n" + "\x00\xff" * 500, "html")),
        ("NUL byte inside a story", lambda: _extract_outcome(STORY[:60] + "\x00" + STORY[60:], "text")),
        ("50 MB single line, text, to extract()", lambda: _extract_outcome("word " * 10_000_000, "text")),
        ("50 MB single line, HTML, to extract()", lambda: _extract_outcome("<p>" + "word " * 10_000_000, "html")),
        ("50 MB single line, .txt file", lambda: _read_outcome("line.txt", b"x" * 50_000_000)),
        ("50 MB single line, JSONL", lambda: _read_outcome("feed.jsonl", b'{"text": "' + b"x" * 50_000_000 + b'"}')),
        ("100,000 nested <div>s", lambda: _extract_outcome(nested, "html")),
        ("invalid UTF-8 in a .txt file", lambda: _read_outcome("bad.txt", STORY.encode()[:80] + b"\xff\xfe\xc3" + STORY.encode()[80:])),
        ("cp1251 page with <meta charset>", lambda: _read_outcome("ru.html", cp1251)),
        ("latin-1 page with http-equiv charset", lambda: _read_outcome("fr.html", latin1)),
        ("JSONL, bad line in the middle", lambda: _read_outcome("feed.jsonl", _jsonl_bad_middle())),
        ("1 GB zip bomb record in a .warc.gz", _bomb_in_child),
    ]
    rows = []
    for name, case in cases:
        start = time.perf_counter()
        outcome = case()
        rows.append((name, outcome, time.perf_counter() - start))
        print(f"| {name} | {outcome} | {rows[-1][2]:.2f} |", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="generated inputs per parser")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    args = parser.parse_args()
    client, close = api_client()
    paths = st.sampled_from(["/api/v1/articles", "/api/v1/feeds", "/api/v1/watches"])
    parsers = [
        ("text cleaner", fuzzing.texts, fuzzing.check_clean),
        ("HTML extraction", fuzzing.html_docs, extract_alone),
        ("JSONL reader", st.lists(fuzzing.jsonl_lines, max_size=6), fuzzing.check_jsonl),
        ("feed parser", fuzzing.feed_documents(), fuzzing.check_feed),
        ("WARC reader", st.tuples(st.lists(fuzzing.warc_records(), max_size=4), st.booleans(),
                                  st.none() | st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8))),
         lambda value: fuzzing.check_warc(*value)),
        ("API request bodies", st.tuples(paths, fuzzing.api_bodies), lambda value: fuzzing.check_api(client, *value)),
    ]
    started = time.perf_counter()
    print("| parser | inputs | crashes | hangs | median ms | max ms |\n|---|---|---|---|---|---|")
    tallies = [run(name, strategy, check, args.examples) for name, strategy, check in parsers]
    close()
    print("\n| hostile input | outcome | seconds |\n|---|---|---|")
    cases = hostile()
    took = time.perf_counter() - started
    for tally in tallies:
        for crash in tally.crashes[:3]:
            print(f"\nCRASH in {tally.parser}:\n{crash}")
    if args.write:
        write(tallies, cases, args.examples, took)


def write(tallies: list[Tally], cases: list[tuple[str, str, float]], examples: int, took: float) -> None:
    lines = [
        "# Bad input, fuzzed", "",
        (f"`nice -n 10 .venv/bin/python benchmarks/fuzz.py --examples {examples} --write` ({took / 60:.0f} min on a "
         f"shared 2-core machine; peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)."),
        "", "Generated inputs (hypothesis strategies of tests/fuzzing.py; properties as in the CI fuzz tests). A crash is",
        "an exception other than Storyline's own, or a broken property (a good document beside a bad one lost, a",
        f"line neither read nor counted); a hang is an input over the {BUDGET:g} s per-document budget.", "",
        "| parser | inputs | crashes | hangs | median ms | max ms |", "|---|---|---|---|---|---|",
        *[t.row() for t in tallies], "",
        "Hostile inputs, one run each:", "", "| hostile input | outcome | seconds |", "|---|---|---|",
        *[f"| {name} | {outcome} | {seconds:.2f} |" for name, outcome, seconds in cases], "",
    ]
    for tally in tallies:
        lines += [f"Crash in {tally.parser}:\n\n```\n{crash}\n```\n" for crash in tally.crashes[:3]]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
