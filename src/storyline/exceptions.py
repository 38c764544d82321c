"""All errors Storyline raises on purpose, each with a message that says what to do.

The tree maps onto what a caller can do about it (and, for the REST API, onto HTTP statuses):
``InputError`` (400/422: fix the input), ``NotFound`` (404), ``Conflict`` (409), ``ConfigError`` (a setting
or an installation is wrong), ``StoreError`` (the database cannot be used).
"""


class StorylineError(Exception):
    """Base class for Storyline's own errors."""


class InputError(StorylineError):
    """Input that cannot be used as given."""


class BadDocument(InputError):
    """An input document cannot be used; the run skips it and counts ``reason``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class InvalidExport(InputError, ValueError):
    """An export document does not match its schema; the message lists every problem with its path."""


class FetchError(InputError):
    """A URL could not be fetched, or was refused; ``reason`` is a short code (counted like a drop).

    ``transient`` says whether trying again later may succeed (timeouts, 5xx, 429); ``retry_after`` is the
    server's own wait in seconds, when it sent one. Callers turn these into a backoff (``sources.web.backoff``).
    """

    def __init__(self, reason: str, url: str, detail: str = "", *, transient: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{url}: {reason}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.url = url
        self.detail = detail
        self.transient = transient
        self.retry_after = retry_after


class FetchRefused(FetchError):
    """Fetching was refused before any request: a private or metadata address (SSRF guard), a scheme other
    than http(s), or robots.txt. Start the server with ``--allow-private`` to fetch from a local network."""


class NotFound(StorylineError):
    """Nothing with the given id."""

    def __init__(self, kind: str, key: str, hint: str = "") -> None:
        super().__init__(f"no {kind} with id {key!r}" + (f"; {hint}" if hint else ""))
        self.kind = kind
        self.key = key


class StoryNotFound(NotFound):
    def __init__(self, story_id: str) -> None:
        super().__init__("story", story_id, "run `storyline stories` to list them")
        self.story_id = story_id


class ArticleNotFound(NotFound):
    def __init__(self, article_id: str) -> None:
        super().__init__("article", article_id, "run `storyline articles` to list them")
        self.article_id = article_id


class ClaimNotFound(NotFound):
    def __init__(self, claim_id: str, story_id: str | None = None) -> None:
        where = f"story {story_id!r}" if story_id else "its article's story"
        super().__init__("claim", claim_id, f"{where} has no claim with that figure; `storyline show STORY` lists "
                                            "each claim's id (ARTICLE@OFFSET)")
        self.claim_id = claim_id


class Conflict(StorylineError):
    """The request clashes with the stored state (e.g. a newer schema than this version knows)."""


class ConfigError(StorylineError):
    """A setting is missing or invalid, or a model or driver is not installed."""


class StoreError(StorylineError):
    """The database cannot be opened, migrated or written."""


