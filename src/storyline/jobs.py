"""The jobs a user runs: ingest inputs into a store, then rebuild the dossiers of the stories they touched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article
from .dossier import build_story
from .pipeline import Drops, LocalExecutor, Track, no_progress
from .settings import Settings
from .store import Store


@dataclass
class IngestResult:
    read: int = 0
    already_known: int = 0
    added: int = 0
    duplicates: int = 0
    stories_touched: int = 0
    drops: Drops = field(default_factory=Drops)


def publication_order(article: Article) -> tuple:
    """Earliest day first, undated last, so originals precede their copies and stories grow in time order.

    Within a day the longer text goes first: syndication trims a wire story, so the fullest copy is the
    closest to the original (and a date without a time says nothing about the hour).
    """
    day = (article.published or "")[:10]
    return (article.published is None, day, -len(article.text), article.published or "", article.source)


def ingest(paths: Iterable[str | Path], settings: Settings, store: Store, track: Track = no_progress) -> IngestResult:
    from .cluster import Cluster, StoryClusterer
    from .dedup import Dedup
    from .extract import Extract
    from .analyze.entities import Entities
    from .analyze.facts import Analyze
    from .sources import read_paths

    result = IngestResult()
    drops = result.drops
    executor = LocalExecutor(track, settings.workers)

    unique: dict[str, Article] = {}
    for article in track(read_paths(paths, drops), "read", None):
        result.read += 1
        unique.setdefault(article.id, article)  # the same content twice in one batch is one article
    known = store.known_ids(unique)
    result.already_known = result.read - len(unique) + len(known)
    new = [a for a in unique.values() if a.id not in known]
    if not new:
        return result

    extracted = sorted(executor.run([Extract(settings, drops)], new), key=publication_order)
    existing = store.articles(with_vectors=True, with_facts=False)  # dedup and grouping state only
    dedup = Dedup(settings)
    dedup.restore(existing)
    clusterer = StoryClusterer(settings)
    clusterer.restore(existing)
    done = executor.run([dedup, Entities(settings), Analyze(settings), Cluster(settings, clusterer)], extracted)

    store.add_articles(done)
    result.added = len(done)
    result.duplicates = sum(1 for a in done if a.duplicate_of)
    touched = {a.story_id for a in done if a.story_id}
    refresh_stories(store, touched, settings, track)
    result.stories_touched = len(touched)
    return result


def refresh_stories(store: Store, story_ids: Iterable[str], settings: Settings, track: Track = no_progress) -> None:
    """Rebuild the dossiers of ``story_ids`` from all their stored articles."""
    story_ids = sorted(story_ids)
    members: dict[str, list[Article]] = {}
    for article in store.articles(store.story_article_ids(story_ids)):
        members.setdefault(article.story_id, []).append(article)
    from .vectors import Encoder

    embed = Encoder(settings.embedding_model).encode
    stories = [
        build_story(sid, members[sid], settings, embed) for sid in track(story_ids, "dossiers", len(story_ids)) if sid in members
    ]
    store.save_stories(stories)
