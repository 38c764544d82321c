"""Records that flow through Storyline: articles, the facts found in them, and story dossiers.

Algorithms import these; records import no algorithm. ``codec`` turns any of them into plain dicts and back.
"""

from .article import Article, Format, Removed, content_id
from .facts import QUALIFIERS, DateMention, Entity, NumberClaim, Quote
from . import codec
from .feed import Delivery, Feed, Watch
from .membership import Membership, StoryMatch
from .outlet import origin, outlet_key
from .story import (
    CLAIM_STATUSES, Claim, ClaimStatus, Coverage, Event, Story, StoryEntity, StoryQuote, SummarySentence,
)

__all__ = [
    "Article", "Format", "Removed", "content_id", "QUALIFIERS", "DateMention", "Entity", "NumberClaim", "Quote",
    "origin", "outlet_key", "CLAIM_STATUSES", "Claim", "ClaimStatus", "Coverage", "Event", "Story",
    "StoryEntity", "StoryQuote", "SummarySentence", "codec", "Delivery", "Feed", "Watch", "Membership", "StoryMatch",
]
