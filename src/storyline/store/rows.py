"""Records ⇄ table rows. JSON columns go through the one codec (``storyline.model.codec``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np

from ..model import Article, DateMention, Entity, NumberClaim, Quote, Removed, Story, codec
from ..text import iso_day
from ..model.story import Claim, Coverage, Event, StoryEntity, StoryQuote, SummarySentence

ARTICLE_FACTS = {"entities": Entity, "quotes": Quote, "numbers": NumberClaim, "dates": DateMention}
STORY_FACTS = {"entities": StoryEntity, "quotes": StoryQuote, "claims": Claim, "timeline": Event}


def vector(blob: bytes | None, dtype: Any) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype=dtype).copy()


def blob(values: np.ndarray | None, dtype: Any) -> bytes | None:
    return None if values is None else np.asarray(values, dtype=dtype).tobytes()


def article_row(a: Article) -> dict:
    return {
        "id": a.id, "source": a.source, "url": a.url, "format": a.format, "raw": a.raw, "title": a.title,
        "outlet": a.outlet, "published": a.published, "published_day": iso_day(a.published),
        "published_evidence": a.published_evidence, "language": a.language, "text": a.text,
        "removed": [codec.to_dict(r) for r in a.removed], "duplicate_of": a.duplicate_of, "story_id": a.story_id,
        "entity_keys": list(a.entity_keys),
        "facts": {name: [codec.to_dict(x) for x in getattr(a, name)] for name in ARTICLE_FACTS},
        "reference_date": a.reference_date, "reference_evidence": a.reference_evidence,
        "outlet_evidence": a.outlet_evidence, "origin": a.origin,
        "embedding": blob(a.embedding, np.float32), "minhash": blob(a.minhash, np.uint32),
        "fetched_at": datetime.fromisoformat(a.fetched_at) if a.fetched_at else None,
    }


def article_from(row: Any) -> Article:
    article = Article(
        id=row["id"], source=row["source"], raw=row.get("raw") or "", format=row["format"], url=row["url"],
        title=row["title"], outlet=row["outlet"], published=row["published"],
        published_evidence=row["published_evidence"], language=row["language"], text=row["text"],
        removed=[codec.from_dict(Removed, r) for r in row["removed"]], duplicate_of=row["duplicate_of"],
        story_id=row["story_id"], entity_keys=list(row["entity_keys"]),
        embedding=vector(row.get("embedding"), np.float32), minhash=vector(row.get("minhash"), np.uint32),
        fetched_at=row["fetched_at"].isoformat() if row.get("fetched_at") else None,
        reference_date=row["reference_date"], reference_evidence=row["reference_evidence"],
        outlet_evidence=row["outlet_evidence"], origin=row["origin"],
    )
    facts = row.get("facts") or {}
    for name, record in ARTICLE_FACTS.items():
        setattr(article, name, [codec.from_dict(record, x) for x in facts.get(name, [])])
    return article


def story_row(s: Story) -> dict:
    facts: dict[str, Any] = {name: [codec.to_dict(x) for x in getattr(s, name)] for name in STORY_FACTS}
    facts["coverage"] = {outlet: codec.to_dict(c) for outlet, c in s.coverage.items()}
    return {
        "id": s.id, "title": s.title, "article_count": len(s.article_ids),
        "independent_sources": s.independent_sources, "first_published": s.first_published,
        "last_published": s.last_published, "first_day": iso_day(s.first_published), "last_day": iso_day(s.last_published),
        "has_conflicts": any(c.status == "conflicting" for c in s.claims),
        "summary": [codec.to_dict(x) for x in s.summary], "facts": facts,
    }


def story_from(row: Any, article_ids: list[str]) -> Story:
    facts = row["facts"] or {}
    story = Story(
        id=row["id"], title=row["title"], article_ids=article_ids, independent_sources=row["independent_sources"],
        first_published=row["first_published"], last_published=row["last_published"],
        summary=[codec.from_dict(SummarySentence, x) for x in row["summary"]],
        coverage={outlet: codec.from_dict(Coverage, c) for outlet, c in facts.get("coverage", {}).items()},
    )
    for name, record in STORY_FACTS.items():
        setattr(story, name, [codec.from_dict(record, x) for x in facts.get(name, [])])
    return story
