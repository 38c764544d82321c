"""All errors Storyline raises on purpose, each with a message that says what to do."""


class StorylineError(Exception):
    """Base class for Storyline's own errors."""


class BadDocument(StorylineError):
    """An input document cannot be used; the run skips it and counts ``reason``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class ConfigError(StorylineError):
    """A setting is missing or invalid."""


class StoryNotFound(StorylineError):
    def __init__(self, story_id: str) -> None:
        super().__init__(f"no story with id {story_id!r}; run `storyline stories` to list them")
        self.story_id = story_id


class DatabaseError(StorylineError):
    """The database cannot be opened or migrated."""


class InvalidExport(StorylineError, ValueError):
    """An export document does not match its schema; the message lists every problem with its path."""
