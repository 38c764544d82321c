"""URLs → raw articles, fetched through the ``Fetcher`` (SSRF guard, robots.txt, limits): one reader per URL."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine import Drops
from ..exceptions import FetchError
from ..model import Article
from .base import STEP, Clock, Reader, utc_now
from .web import ARTICLE_TYPES, Fetcher


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


class UrlReader(Reader):
    """One web page (HTML or plain text). ``title`` and ``published`` are what a feed entry said about it;
    a page's fetch time is never taken as its publication date."""

    name = "url"

    def __init__(self, url: str, fetcher: Fetcher, clock: Clock = utc_now, *, title: str | None = None,
                 published: str | None = None, published_evidence: str | None = None) -> None:
        super().__init__(url, clock)
        self.fetcher = fetcher
        self.title = title
        self.given_published = published
        self.published_evidence = published_evidence

    def read(self, drops: Drops) -> Iterator[Article]:
        try:
            text, media_type, final = self.fetcher.fetch(self.shown)
        except FetchError as e:
            drops.add(STEP, e.reason, self.shown, e.detail)
            return
        fmt = ARTICLE_TYPES.get(media_type)
        if fmt is None:
            drops.add(STEP, "not-an-article", self.shown, f"{media_type}; a feed is added with `storyline feeds add`")
            return
        published = self.published(self.given_published, final)
        yield self.article(text, fmt, final, url=final, title=self.title, published=published,
                           published_evidence=self.published_evidence if published else None)
