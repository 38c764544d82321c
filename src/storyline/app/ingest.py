"""Ingesting: inputs in, stories updated. Streams in chunks; each chunk lands in one transaction.

Per chunk: extraction and analysis run first, outside any transaction (they are the slow, parallel part);
then, inside one ``unit_of_work``, the articles are checked against the store again (another ingest may have
stored them meanwhile), deduplicated against the stored LSH bands, grouped against the stored story
profiles, and written with their bands, the updated profiles and the stories' dirty marks. A crash or kill
between chunks loses no committed chunk; dossiers are rebuilt from the dirty marks by ``refresh_dirty``, which
this run, any later run or the server's worker finishes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import Connection
from threadpoolctl import threadpool_limits

from ..analyze.facts import Analyze
from ..engine import Drops, Executor, LocalExecutor, Step, Track, log, no_progress
from ..exceptions import ConfigError
from ..extract import Extract
from ..group.dedup import Dedup
from ..group.stories import StoryClusterer
from ..model import Article
from ..settings import Settings
from ..store import Store
from ..store.state import StoredState
from ..story.dossier import build_story
from ..vectors import Encoder, embedding_identity, settings_encoder

CHUNK_SIZE = 256  # articles per transaction: memory is bounded by the chunk, not by the corpus


def _one_blas_thread():
    """Grouping and dossiers multiply small matrices; OpenBLAS's threads only add synchronisation there, and on
    a busy machine made one nearest-story product 40x slower (2.5 ms instead of 0.07). The models' own thread
    pools (torch) are not BLAS and keep theirs."""
    return threadpool_limits(limits=1, user_api="blas")


@dataclass
class IngestResult:
    read: int = 0
    already_known: int = 0  # incl. repeats of the same content within this input
    added: int = 0
    duplicates: int = 0  # of the added: syndicated copies of another article
    stories_created: list[str] = field(default_factory=list)
    stories_updated: list[str] = field(default_factory=list)
    dossiers_rebuilt: int = 0
    drops: Drops = field(default_factory=Drops)  # every skipped document, by step and reason
    skipped_processing: int = 0  # of those, articles read but unusable (read = added + already_known + these)

    @property
    def skipped(self) -> int:
        return self.drops.total

    @property
    def skipped_reading(self) -> int:
        """Documents the readers could not turn into articles (so never counted in ``read``)."""
        return self.drops.total - self.skipped_processing


def publication_order(article: Article) -> tuple:
    """Earliest day first, undated last, so originals precede their copies and stories grow in time order.

    Within a day the longer text goes first: syndication trims a wire story, so the fullest copy is the
    closest to the original (and a date without a time says nothing about the hour).
    """
    day = (article.published or "")[:10]
    return (article.published is None, day, -len(article.text), article.published or "", article.source)


class IngestService:
    """Ingest articles into ``store``. The encoder, the analysis step and the executor are injectable (tests
    pass fakes; ``analyzer`` defaults to the spaCy ``Analyze`` step)."""

    def __init__(self, store: Store, settings: Settings, *, encoder: Encoder | None = None,
                 analyzer: Step | None = None, executor: Executor | None = None, track: Track = no_progress,
                 chunk_size: int = CHUNK_SIZE) -> None:
        self.store = store
        self.settings = settings
        self.encoder = settings_encoder(settings, encoder)
        self.analyzer = analyzer
        self.executor = executor
        self.track = track
        self.chunk_size = chunk_size

    def ingest(self, articles: Iterable[Article], drops: Drops | None = None, refresh: bool = True) -> IngestResult:
        """Read, process and commit ``articles`` chunk by chunk, then rebuild the dossiers they touched
        (``refresh=False`` leaves that to a later ``refresh_dirty``, e.g. after a bulk load)."""
        result = IngestResult(drops=drops if drops is not None else Drops())
        executor = self.executor or LocalExecutor(self.settings.workers)
        try:
            self.ensure_state()
            extract, analyze = Extract(self.settings), self.analyzer or Analyze(self.settings)
            stream = iter(self.track(articles, "read", None))
            while chunk := list(islice(stream, self.chunk_size)):
                self._chunk(chunk, executor, extract, analyze, result)
        finally:
            if self.executor is None:
                executor.close()
        result.skipped_processing = extract.drops.total + analyze.drops.total
        result.drops.update(extract.drops)
        result.drops.update(analyze.drops)
        result.dossiers_rebuilt = self.refresh_dirty() if refresh else 0
        return result

    def _chunk(self, chunk: list[Article], executor: Executor, extract: Step, analyze: Step,
               result: IngestResult) -> None:
        result.read += len(chunk)
        unique = {a.id: a for a in reversed(chunk)}  # the same content twice in one input is one article
        known = self.store.known_ids(unique)
        new = [a for a in unique.values() if a.id not in known]
        result.already_known += len(chunk) - len(new)
        if not new:
            return
        extracted = sorted(self.track(executor.map(extract, new), "extract", len(new)), key=publication_order)
        analysed = list(self.track(executor.map(analyze, extracted), "analyze", len(extracted)))
        clusterer = StoryClusterer(self.settings, encoder=self.encoder)
        clusterer.prepare(analysed)  # embeddings outside the transaction: they are the slow part of grouping
        with self.store.unit_of_work(serial=True) as conn, _one_blas_thread():
            stored_meanwhile = self.store.known_ids([a.id for a in analysed], conn)  # by a concurrent ingest
            fresh = [a for a in analysed if a.id not in stored_meanwhile]
            result.already_known += len(analysed) - len(fresh)
            state = StoredState(conn)
            dedup = Dedup(self.settings, state.band_index(self.settings))
            dedup.process(fresh)
            state.load_into(clusterer, fresh)
            existing = set(clusterer.profiles)
            for article in self.track(fresh, "group", len(fresh)):
                clusterer.add(article)
            touched = set(clusterer.touched)
            self.store.add_articles(conn, fresh)
            state.save(clusterer, dedup.index)
            state.record_embedding(embedding_identity(self.settings))
            self.store.mark_dirty(conn, touched)
        result.added += len(fresh)
        result.duplicates += sum(1 for a in fresh if a.duplicate_of)
        result.stories_created += sorted(touched - existing)
        result.stories_updated += sorted(touched & existing)

    def ensure_state(self) -> None:
        """Databases from before the stored grouping state: fold their articles into it, once."""
        with self.store.reading() as conn:  # the usual case, without taking the write lock
            state = StoredState(conn)
            if state.initialised():
                self._check_embedding(state.embedding())
                return
        with self.store.unit_of_work() as conn:
            self.fold_state(conn)

    def _check_embedding(self, stored: str | None) -> None:
        """Refuse to add vectors of another kind than the stored ones, before any work: grouping compares new
        articles with centroids of the stored vectors."""
        wanted = embedding_identity(self.settings)
        if stored is not None and stored != wanted:
            raise ConfigError(
                f"this database's article vectors were made reading {stored}; the settings ask for {wanted}. "
                "Set embedding_max_tokens (and embedding_backend) in the config file to match the database "
                "(a database from before embedding_max_tokens existed needs embedding_max_tokens = 256), "
                "or ingest into a new database")

    def fold_state(self, conn: Connection) -> None:
        """Fold the stored articles into the grouping state, in the caller's transaction ``conn``, unless the
        state is there already (another ingest did it while this one waited for the lock)."""
        state = StoredState(conn)
        if state.initialised():
            return
        stored = self.store.articles(with_vectors=True, with_facts=False, conn=conn)
        clusterer = StoryClusterer(self.settings, encoder=self.encoder)
        dedup = Dedup(self.settings)
        dedup.restore(stored)
        clusterer.restore(stored)
        state.save(clusterer, dedup.index)
        state.record_embedding(embedding_identity(self.settings))

    def refresh_dirty(self, story_ids: Iterable[str] | None = None) -> int:
        """Rebuild the dossiers marked dirty (all, or those of ``story_ids``), each in its own transaction.

        A mark is cleared only if nothing marked the story again meanwhile, so a concurrent ingest's change is
        never lost; stopping halfway leaves the remaining marks for the next call.
        """
        marks = self.store.dirty()
        wanted = sorted(marks if story_ids is None else set(story_ids) & set(marks))
        with _one_blas_thread():
            return self._rebuild(wanted, marks)

    def _rebuild(self, wanted: list[str], marks: dict[str, int]) -> int:
        embed = self.encoder.encode if self.encoder is not None else None
        rebuilt = 0
        for story_id in self.track(wanted, "dossiers", len(wanted)):
            member_ids = self.store.story_members([story_id]).get(story_id, [])
            try:
                members = self.store.articles(member_ids)
                story = build_story(story_id, members, self.settings, embed) if member_ids else None
            except Exception:  # noqa: BLE001 - one story's bug must not stop the others; its mark stays for a retry
                log.exception("story %s: building its dossier failed; it stays marked and is retried next run", story_id)
                continue
            with self.store.unit_of_work() as conn:
                if story is not None:
                    self.store.save_stories(conn, [story])
                    self.store.save_anchors(conn, [a for a in members if not a.published])  # see build_story
                else:
                    self.store.delete_stories(conn, [story_id])
                    StoredState(conn).forget([story_id])
                self.store.clear_dirty(conn, story_id, marks[story_id])
            rebuilt += 1
        return rebuilt

