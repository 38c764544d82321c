"""Why an article is in its story: the grouping decision as it was made when the article arrived.

Grouping (``storyline.group.stories``) scores an article against candidate stories and joins the best one if
it reaches the threshold; this record keeps that score's components and the runner-up, so the UI can say
"joined with 0.71 ≥ 0.5: text 0.6, entities 0.8 (holt, quillon), 1 day apart; next best story 0.2".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Decision = Literal["joined", "started", "copy"]


@dataclass(slots=True)
class StoryMatch:
    """One story's score for the article, with the parts it was added up from."""

    story_id: str
    total: float
    embedding: float | None  # embedding cosine to the story's centroid; None when grouping ran without embeddings
    tfidf: float  # TF-IDF cosine of the text to the story's profile
    entities: float  # cosine of IDF-weighted entity vectors
    time_gap_days: float | None  # days outside the story's date range (0 inside it); None when either is undated
    shared_entities: list[str] = field(default_factory=list)  # grouping keys the article and the story share


@dataclass(slots=True)
class Membership:
    article_id: str
    story_id: str
    decision: Decision  # joined the best story / started a new one (none reached the threshold) / syndicated copy
    threshold: float  # the join threshold in force (settings.thresholds.story_join)
    match: StoryMatch | None = None  # the winning story's score (joined)
    runner_up: StoryMatch | None = None  # the next best story (joined), or the best one that fell short (started)
    copy_of: str | None = None  # the original article, for a copy (it goes wherever its original went)
