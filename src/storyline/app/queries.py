"""Reading: stories, articles and search, for the CLI and the API. Each call reads only what it shows."""

from __future__ import annotations

from ..model import Article, Membership, Story
from ..store import Page, Store, StoryFilter, StorySort
from ..views import StoryView, story_view
from .explain import ArticleExplanation, ClaimExplanation, Explainer, Explanation


class Queries:
    def __init__(self, store: Store) -> None:
        self.store = store

    def stories(self, filters: StoryFilter = StoryFilter(), sort: StorySort = "sources", offset: int = 0,
                limit: int | None = 50) -> Page:
        return self.store.stories(filters, sort, offset, limit)

    def story(self, story_id: str) -> Story:
        return self.store.story(story_id)

    def story_titles(self, story_ids: list[str]) -> dict[str, str]:
        return self.store.story_titles(story_ids)

    def story_stamp(self, story_id: str) -> tuple[str, int] | None:
        return self.store.story_stamp(story_id)

    def story_view(self, story_id: str) -> StoryView:
        record = self.store.story(story_id)
        return story_view(record, self.store.articles(record.article_ids))

    def memberships(self, article_ids: list[str]) -> dict[str, Membership]:
        """Why each of these articles is in its story, where the grouping decision was kept."""
        return self.store.memberships(article_ids)

    def explain(self, ref: str) -> Explanation:
        """Why a claim ("ARTICLE@OFFSET") has its status, or why an article (its id) is in its story."""
        return Explainer(self.store).explain(ref)

    def explain_article(self, article_id: str) -> ArticleExplanation:
        return Explainer(self.store).article(article_id)

    def explain_claim(self, story_id: str, claim_id: str) -> ClaimExplanation:
        return Explainer(self.store).claim(story_id, claim_id)

    def article(self, article_id: str) -> Article:
        return self.store.article(article_id)

    def revisions(self, article_id: str) -> list:
        """Every content the article has had (one, unless its URL was fetched again with new content)."""
        return self.store.revisions.of(article_id)

    def articles(self, story_id: str | None = None, outlet: str | None = None, offset: int = 0,
                 limit: int = 50) -> Page:
        return self.store.article_page(story_id=story_id, outlet=outlet, offset=offset, limit=limit)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> Page:
        """Page of (article, snippet), best match first."""
        hits = self.store.search(query, limit, offset)
        found = {a.id: a for a in self.store.articles([h[0] for h in hits.items], with_facts=False)}
        return Page([(found[i], snippet) for i, snippet in hits.items if i in found], hits.total, offset, limit)

    def document(self) -> dict:
        """The whole database as one export document (schema in ``export.document``)."""
        from ..export.document import to_document

        articles = self.store.articles()
        return to_document(articles, self.store.stories().items, self.store.memberships(a.id for a in articles))
