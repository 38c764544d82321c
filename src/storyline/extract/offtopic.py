"""How much a trailing block is about the same news as the article's opening (its "core").

Scores only; the cut decision uses ``Thresholds.offtopic_similarity`` in :mod:`storyline.extract.clean`.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .language import STOPWORDS

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
# words any news paragraph may share with any other, so they say nothing about the topic
_GENERIC = set().union(*STOPWORDS.values()) | set(
    "said says say told also would could should may might can one two three first last new year years "
    "time times day days week weeks month months people many more most some other after before over "
    "about into than then there here when where what while just like been being only even very him her "
    "them our we you your she they his its mr mrs ms monday tuesday wednesday thursday friday saturday "
    "sunday today yesterday according including however since during against under around still".split()
)
NAME_WEIGHT = 2.0  # capitalised words mid-sentence are names, which tie a passage to a story more than nouns


def terms(text: str) -> Counter:
    """Content-word counts, with names (capitalised words not starting a sentence) weighted up."""
    counts: Counter = Counter()
    sentence_start = True
    for m in _TOKEN.finditer(text):
        word = m.group()
        low = word.lower()
        if low not in _GENERIC and len(low) > 2:
            stem = low[:-1] if low.endswith("s") and len(low) > 4 else low
            counts[stem] += NAME_WEIGHT if word[0].isupper() and not sentence_start else 1.0
        sentence_start = text[m.end() : m.end() + 2].strip()[:1] in {".", "!", "?", ":"}
    return counts


def similarity(block: Counter, core: Counter) -> float:
    """Cosine of log-scaled term weights; 0 when either side has no content words."""
    if not block or not core:
        return 0.0
    a = {t: 1 + math.log(w) if w >= 1 else w for t, w in block.items()}
    b = {t: 1 + math.log(w) if w >= 1 else w for t, w in core.items()}
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    return dot / (math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values())))
