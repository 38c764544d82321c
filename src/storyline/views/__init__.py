"""What readers see of a story (terminal, Markdown, HTML, later the web UI), worked out once from records."""

from ..model import Article, Story
from .story import *  # noqa: F403 - the view types and helpers are this package's public API
from .membership import NOT_RECORDED as NOT_RECORDED, membership_sentences as membership_sentences
from .membership import score_parts as score_parts
from .revisions import Change as Change, RevisionView as RevisionView, revision_views as revision_views
from .story import StoryView, story


def story_view(record: Story, members: list[Article]) -> StoryView:
    """The view of one story from its record and its member articles (no whole-database export involved)."""
    from ..export.document import to_document

    return story(to_document(members, [record]), record.id, validated=True)  # to_document validates
