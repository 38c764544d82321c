"""Batch runs over large inputs (crawl archives): Parquet output that ``load`` puts into a store.

Two phases. Per shard (an input file, or several small ones): read, extract, analyse, MinHash and embed each article, in parallel on
the injected executor (processes here, or a Ray cluster), and write the shard's articles to Parquet with a
completion marker; a re-run skips shards whose marker exists, so a crash or kill costs only the shard it
hit. Then, globally and in one process: dedup by LSH bands and story clustering over every shard's articles
in publication order (both compare precomputed vectors, near-linear in the corpus); the dossiers, one task
per story, go back to the executor. The global phase is recomputed from the shards on every run, so a resumed run ends exactly as an uninterrupted one.

``Settings.stages = "group"`` (``--stages group``) is the path for monitoring at volume: no spaCy analysis, no
MiniLM, no fact layer, no dossiers. Grouping keys are capitalised phrases (``analyze.phrases``), the document
vector is hashed words (``vectors.HashedWords``), and each story gets its members, title, dates and outlets
(``story.dossier.outline_story``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ..analyze.facts import Analyze
from ..analyze.phrases import CapitalisedPhrases
from ..engine import Chain, Drops, Executor, LocalExecutor, Step, Track, no_progress
from ..exceptions import Conflict, InputError
from ..export import files, parquet
from ..extract import Extract
from ..group.dedup import Dedup
from ..group.prepare import Fingerprint
from ..group.stories import StoryClusterer
from ..model import Article, Story
from ..settings import Settings
from ..sources import read_all
from ..sources.base import Clock, utc_now
from ..sources.files import discover, reader_for
from ..store import Store
from ..story.dossier import build_story, outline_story
from ..vectors import Encoder, settings_encoder
from .ingest import CHUNK_SIZE, IngestService, publication_order

MANIFEST = "batch.json"  # which shards make up the output: what `load` reads
SHARD_BYTES = 64_000_000  # small inputs are grouped into shards of about this size; a crawl file is its own
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Shard:
    inputs: tuple[tuple[Path, str], ...]  # (path, shown path) of each input file
    key: str  # names the shard's files; changes when an input does, so an edited input is redone


def shards(paths: Iterable[str | Path], drops: Drops, limit: int = SHARD_BYTES) -> list[Shard]:
    """The inputs in order, in shards: a large file alone, consecutive small ones together up to ``limit``
    bytes (a folder of single pages would otherwise cost a shard, and on Ray an actor start, per page)."""
    out: list[Shard] = []
    group: list[tuple[Path, str, os.stat_result]] = []
    for path, shown in discover(paths, drops):
        stat = path.stat()
        if group and sum(st.st_size for *_, st in group) + stat.st_size > limit:
            out.append(_shard(group))
            group = []
        group.append((path, shown, stat))
    if group:
        out.append(_shard(group))
    return out


def _shard(group: list[tuple[Path, str, os.stat_result]]) -> Shard:
    identity = "\0".join(f"{shown}\0{st.st_size}\0{st.st_mtime_ns}" for _, shown, st in group)
    name = group[0][0].name + (f"+{len(group) - 1}" if len(group) > 1 else "")
    digest = hashlib.sha256(identity.encode()).hexdigest()[:12]
    return Shard(tuple((path, shown) for path, shown, _ in group), f"{_UNSAFE.sub('_', name)[:60]}-{digest}")


@dataclass
class BatchResult:
    read: int = 0  # documents the readers turned into articles
    articles: int = 0  # distinct articles kept (the same content in two inputs counts once)
    duplicates: int = 0  # of those, syndicated copies of another
    stories: int = 0
    shards_done: int = 0
    shards_skipped: int = 0  # finished by an earlier run
    drops: Drops = field(default_factory=Drops)


class BatchService:
    """Runs a batch into ``out``. Encoder, analysis step and executor are injectable, as for ``IngestService``."""

    def __init__(self, settings: Settings, *, encoder: Encoder | None = None, analyzer: Step | None = None,
                 executor: Executor | None = None, track: Track = no_progress, chunk_size: int = CHUNK_SIZE,
                 shard_bytes: int = SHARD_BYTES, clock: Clock = utc_now) -> None:
        self.settings = settings
        self.encoder = settings_encoder(settings, encoder)
        self.analyzer = analyzer
        self.executor = executor
        self.track = track
        self.chunk_size = chunk_size
        self.shard_bytes = shard_bytes
        self.clock = clock

    def run(self, paths: Iterable[str | Path], out: Path) -> BatchResult:
        if out.exists() and not out.is_dir():
            raise InputError(f"{out} is a file; --out needs a folder for the batch output")
        (out / "shards").mkdir(parents=True, exist_ok=True)
        result = BatchResult()
        todo = shards(paths, result.drops, self.shard_bytes)
        per_article = Chain(Extract(self.settings), self.analyzer or self._default_analyzer(),
                            Fingerprint(self.settings, self.encoder))
        executor = self.executor or LocalExecutor(self.settings.workers)
        try:
            for shard in self.track(todo, "shards", len(todo)):
                marker = out / "shards" / f"{shard.key}.done"
                if not marker.exists():
                    self._shard(shard, out, per_article, executor)
                    result.shards_done += 1
                else:
                    result.shards_skipped += 1
                counts = json.loads(marker.read_text(encoding="utf-8"))
                result.read += counts["read"]
                for step, reason, n in counts["drops"]:
                    result.drops.counts[(step, reason)] += n
            self._global(todo, out, result, executor)
        finally:
            if self.executor is None:
                executor.close()
        return result

    def _default_analyzer(self) -> Step:
        return CapitalisedPhrases() if self.settings.stages == "group" else Analyze(self.settings)

    def _shard(self, shard: Shard, out: Path, per_article: Step, executor: Executor) -> None:
        drops, read, seen = Drops(), 0, set()
        readers = [reader_for(path)(path, shown, self.clock) for path, shown in shard.inputs]
        writer = parquet.ArticleWriter(out / "shards" / f"{shard.key}.parquet")
        per_article.drops = Drops()  # this shard's counts only
        try:
            stream = read_all(readers, drops)
            while chunk := list(islice(stream, self.chunk_size)):
                read += len(chunk)
                new = [a for a in chunk if a.id not in seen]  # the same page twice in a shard is one article
                seen.update(a.id for a in new)
                writer.write(list(self.track(executor.map(per_article, new), "articles", len(new))))
        except BaseException:
            writer.abandon()
            raise
        writer.close()
        drops.update(per_article.drops)
        counts = {"inputs": [shown for _, shown in shard.inputs], "read": read, "kept": writer.rows,
                  "drops": [[step, reason, n] for (step, reason), n in sorted(drops.counts.items())]}
        files.write_text(out / "shards" / f"{shard.key}.done", json.dumps(counts))  # the completion marker, last

    def _global(self, todo: list[Shard], out: Path, result: BatchResult, executor: Executor) -> None:
        # The manifest says the output is finished: away first, back last, so an earlier run's manifest never
        # vouches for the assignments and stories of this one cut short (other inputs, then a kill).
        (out / MANIFEST).unlink(missing_ok=True)
        unique: dict[str, Article] = {}
        for shard in todo:
            for article in parquet.read_articles(out / "shards" / f"{shard.key}.parquet", with_raw=False):
                unique.setdefault(article.id, article)
        ordered = sorted(unique.values(), key=lambda a: (publication_order(a), a.id))
        Dedup(self.settings).process(ordered)
        clusterer = StoryClusterer(self.settings, encoder=self.encoder)
        members: dict[str, list[Article]] = defaultdict(list)
        for article in self.track(ordered, "group", len(ordered)):
            members[clusterer.add(article)].append(article)
        if self.settings.stages == "group":  # an outline costs microseconds: not worth shipping to the workers
            stories = [outline_story(story_id, members[story_id]) for story_id in sorted(members)]
        else:
            jobs = [(story_id, members[story_id], self.settings, self.encoder) for story_id in sorted(members)]
            stories = list(self.track(executor.map_calls(_dossier, jobs), "dossiers", len(jobs)))
        parquet.write_assignments(out / "assignments.parquet", ordered)
        parquet.write_stories(out / "stories.parquet", stories)
        files.write_text(out / MANIFEST, json.dumps({"shards": [s.key for s in todo], "stages": self.settings.stages}))
        result.articles, result.stories = len(ordered), len(stories)
        result.duplicates = sum(1 for a in ordered if a.duplicate_of)


def _dossier(job: tuple[str, list[Article], Settings, Encoder | None]) -> Story:
    story_id, members, settings, encoder = job
    return build_story(story_id, members, settings, encoder.encode if encoder is not None else None)


@dataclass
class LoadResult:
    articles: int = 0
    stories: int = 0
    stages: str = "all"  # what the batch computed: "group" means stories without facts (see ``Settings.stages``)


def load_batch(store: Store, settings: Settings, out: Path, chunk_size: int = CHUNK_SIZE) -> LoadResult:
    """Put a finished batch output into an empty store: articles with their decisions, dossiers, and the
    grouping state that later incremental ingests continue from.

    All in one transaction: a load killed halfway leaves the store empty, so running it again works (it needs
    an empty store, since the batch decided duplicates and stories without the stored articles)."""
    if not (out / MANIFEST).exists():
        raise InputError(f"{out} holds no finished batch output ({MANIFEST} is missing): run `storyline batch` first")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    keys, stages = manifest["shards"], manifest.get("stages", "all")
    # the grouping state is folded with the batch's own grouping (its vectors, threshold and embedding identity),
    # so a later ingest with other settings is refused instead of mixing vectors of two kinds
    settings = settings.with_(stages=stages)
    decided = parquet.read_assignments(out / "assignments.parquet")
    result, loaded = LoadResult(stages=stages), set()
    with store.unit_of_work(serial=True) as conn:
        if store.has_articles(conn):
            raise Conflict("`load` needs an empty database (the batch decided duplicates and stories without the "
                           "stored articles); use a new --db, or `storyline ingest` the inputs instead")
        for key in keys:
            stream = parquet.read_articles(out / "shards" / f"{key}.parquet")
            while chunk := list(islice(stream, chunk_size)):
                new = [a for a in chunk if a.id not in loaded and a.id in decided]
                for article in new:
                    article.duplicate_of, article.story_id = decided[article.id]
                loaded.update(a.id for a in new)
                store.add_articles(conn, new)
                result.articles += len(new)
        stream = parquet.read_stories(out / "stories.parquet")
        while chunk := list(islice(stream, chunk_size)):
            store.save_stories(conn, chunk)
            result.stories += len(chunk)
        IngestService(store, settings).fold_state(conn)
    return result
