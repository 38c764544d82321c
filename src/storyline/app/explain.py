"""`storyline explain`: why a claim has its status, why an article is in its story. The CLI and the API call this.

Both answers are read from what the pipeline kept when it decided: a claim's ``why`` (the figures compared and
the rule, see ``story.claims``) and an article's ``Membership`` (its grouping score against the story and the
runner-up, see ``group.stories``). Nothing is recomputed here, so the explanation is the decision as it was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..exceptions import ClaimNotFound
from ..model import Article, Claim, Membership, Story
from ..store import Store
from ..views import STATUS_MEANINGS


@dataclass(slots=True)
class ComparedFigure:
    """One figure the claim's status was decided on, with the article that gives it."""

    id: str  # "ARTICLE@OFFSET": also addresses the claim
    article_id: str
    title: str | None
    outlet: str | None
    independent_source: str  # the source it counts as: its (original's) outlet, else the original article's id
    text: str  # as the article writes it: "more than 160"
    admits: list  # [low, high]; high None when unbounded ("more than 160")
    day: str | None  # the day it concerns
    day_stated: bool  # the sentence names the day (else it is the publication day)
    what: str | None  # what is counted
    role: str | None  # "part" / "whole" in "three of the nine berths"


@dataclass(slots=True)
class ClaimExplanation:
    id: str
    story_id: str
    story_title: str
    statement: str
    status: str
    meaning: str  # what the status means in general
    rule: str | None  # the rule that decided it for this claim (None in dossiers built before it was kept)
    what: str | None
    date: str | None
    independent_sources: int
    figures: list[ComparedFigure] = field(default_factory=list)
    kind: Literal["claim"] = "claim"


@dataclass(slots=True)
class ArticleExplanation:
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    story_title: str | None
    membership: Membership | None  # None: grouped before the decisions were kept, or not grouped yet
    runner_up_title: str | None = None
    copy_of_title: str | None = None
    reference_date: str | None = None  # an undated article's anchor for relative dates, and where it came from
    reference_evidence: str | None = None
    kind: Literal["article"] = "article"


Explanation = ClaimExplanation | ArticleExplanation


class Explainer:
    def __init__(self, store: Store) -> None:
        self.store = store

    def explain(self, ref: str) -> Explanation:
        """An article id, or a claim id ("ARTICLE@OFFSET", any figure of the claim)."""
        article_id, at, _offset = ref.partition("@")
        if at:
            return self.claim_of(self.store.article(article_id), ref)
        return self.article(ref)

    def article(self, article_id: str) -> ArticleExplanation:
        article = self.store.article(article_id)
        membership = self.store.memberships([article.id]).get(article.id)
        wanted = [article.story_id] if article.story_id else []
        if membership and membership.runner_up:
            wanted.append(membership.runner_up.story_id)
        titles = self.store.story_titles(wanted)
        copy_title = None
        if membership and membership.copy_of:
            copy_title = _title_of(self.store, membership.copy_of)
        return ArticleExplanation(
            article.id, article.title, article.outlet, article.published, article.story_id,
            titles.get(article.story_id) if article.story_id else None, membership,
            titles.get(membership.runner_up.story_id) if membership and membership.runner_up else None,
            copy_title, article.reference_date, article.reference_evidence)

    def claim(self, story_id: str, claim_ref: str) -> ClaimExplanation:
        story = self.store.story(story_id)
        claim = find_claim(story, claim_ref)
        if claim is None:
            raise ClaimNotFound(claim_ref, story_id)
        return self._explained(story, claim)

    def claim_of(self, article: Article, claim_ref: str) -> ClaimExplanation:
        if not article.story_id:
            raise ClaimNotFound(claim_ref)
        return self.claim(article.story_id, claim_ref)

    def _explained(self, story: Story, claim: Claim) -> ClaimExplanation:
        why = claim.why or {}
        figures = why.get("figures") or []
        articles = {a.id: a for a in self.store.articles([f["article"] for f in figures], with_facts=False)}
        compared = []
        for f in figures:
            a = articles.get(f["article"])
            compared.append(ComparedFigure(
                f"{f['article']}@{f['start']}", f["article"], a.title if a else None, a.outlet if a else None,
                f.get("source") or f["article"], f.get("text") or "", list(f.get("admits") or [None, None]),
                f.get("day"), bool(f.get("day_stated")), f.get("what"), f.get("role")))
        return ClaimExplanation(
            claim.id or "", story.id, story.title, claim.statement, claim.status, STATUS_MEANINGS[claim.status],
            why.get("rule"), claim.what, claim.date, len({f.independent_source for f in compared}), compared)


def find_claim(story: Story, ref: str) -> Claim | None:
    """The claim of ``story`` that ``ref`` ("ARTICLE@OFFSET", any of its figures) names."""
    return next((c for c in story.claims if c.has_figure(ref)), None)


def _title_of(store: Store, article_id: str) -> str | None:
    found = store.articles([article_id], with_facts=False)
    return found[0].title if found else None
