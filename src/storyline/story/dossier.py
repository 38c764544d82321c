"""Per-story dossier: title, sources, date range and an extractive summary whose every sentence is cited."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from ..model import Article, Story, SummarySentence, origin
from ..settings import Settings
from ..text import iso_day, split_sentences, strip_dateline

if TYPE_CHECKING:
    from .claims import Embed


# Sentences a summary weighs at most. Comparing every sentence with every other grows with the square of a
# story's size; past this many, the leads are kept (news puts the gist first), so a story of hundreds of
# articles costs what one of ~40 does. The gold stories and ECB+ sub-topics (at most 390) stay under it.
MAX_SUMMARY_CANDIDATES = 500


def _candidates(members: list[Article]) -> list[tuple[str, str, int]]:
    """(sentence, article id, position) for sentences a summary may use: complete, informative, not too long.

    At most ``MAX_SUMMARY_CANDIDATES``: the earliest positions first, and among those the earliest articles.
    """
    out = []
    for article in members:
        for position, sentence in enumerate(split_sentences(article.text)):
            sentence = strip_dateline(sentence)  # the dateline belongs to the article, not to a summary
            words = len(sentence.split())
            if 8 <= words <= 60 and sentence[-1] in ".!?\"”’":
                out.append((sentence, article.id, position))
    if len(out) > MAX_SUMMARY_CANDIDATES:
        kept = sorted(range(len(out)), key=lambda i: (out[i][2], i))[:MAX_SUMMARY_CANDIDATES]
        out = [out[i] for i in sorted(kept)]
    return out


# What "representative" means for a developing story's latest title or lead sentence: at least this share of
# the best score (headline typicality, sentence score). A late side report or a one-outlet aside stays out.
REPRESENTATIVE = 0.5


def latest_reporting(members: list[Article]) -> set[str] | None:
    """The ids of the articles published on the story's latest publication day, when its dated articles span
    more than one day (a developing story); None otherwise."""
    days = {a.id: iso_day(a.published) for a in members if iso_day(a.published)}
    if len(set(days.values())) < 2:
        return None
    last = max(days.values())
    return {i for i, day in days.items() if day == last}


def summarize(members: list[Article], size: int, same_sentence: float) -> list[SummarySentence]:
    """Extractive summary: central sentences, redundancy removed, each citing every article that states it.

    Near-identical sentences (cosine ≥ ``same_sentence`` on TF-IDF) are merged into one group; a group's
    score is its centrality in the story, boosted by how many independent sources state it and by how
    early it comes in its articles (news puts the gist first). Selection is greedy MMR; the rest follow in the
    order they were first reported. A developing story (articles on several days) opens with its latest state:
    the best-scored sentence first stated on its latest day, if it is central (``REPRESENTATIVE``).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    candidates = _candidates(members)
    if not candidates:
        return []
    by_id = {a.id: a for a in members}
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([c[0] for c in candidates])
    except ValueError:  # only stop words
        return []
    sims = (matrix @ matrix.T).toarray()
    groups: list[list[int]] = []
    group_of = [-1] * len(candidates)
    for i in range(len(candidates)):
        for g, group in enumerate(groups):
            if sims[i, group[0]] >= same_sentence:
                group.append(i)
                group_of[i] = g
                break
        else:
            group_of[i] = len(groups)
            groups.append([i])

    centrality = sims.mean(axis=1)
    scores = []
    for group in groups:
        sources = {origin(by_id[candidates[i][1]], by_id) for i in group}
        lead = min(candidates[i][2] for i in group)
        scores.append(max(centrality[i] for i in group) * (1 + 0.5 * (len(sources) - 1)) * (1.0 if lead < 3 else 0.8))

    # A developing story opens with its latest state: the best of what its latest day's articles newly report
    # (no earlier article states it), if that is central to the story rather than a side note
    latest = latest_reporting(members)
    opening = None
    if latest is not None:
        central = REPRESENTATIVE * centrality.max()
        new = [g for g, group in enumerate(groups) if all(candidates[i][1] in latest for i in group)
               and max(centrality[i] for i in group) >= central]
        opening = max(new, key=lambda g: scores[g], default=None)
    chosen: list[int] = [opening] if opening is not None else []
    while len(chosen) < min(size, len(groups)):
        best, best_value = None, -1.0
        for g, group in enumerate(groups):
            if g in chosen:
                continue
            overlap = max((sims[group[0], groups[c][0]] for c in chosen), default=0.0)
            value = scores[g] * (1 - overlap)
            if overlap < 0.5 and value > best_value:
                best, best_value = g, value
        if best is None:
            break
        chosen.append(best)

    def first_stated(g: int) -> tuple[str, int]:
        i = min(groups[g], key=lambda i: (by_id[candidates[i][1]].published or "9999", candidates[i][2]))
        return by_id[candidates[i][1]].published or "9999", candidates[i][2]

    summary = []
    rest = sorted((g for g in chosen if g != opening), key=first_stated)
    for g in ([opening] if opening is not None else []) + rest:
        representative = max(groups[g], key=lambda i: centrality[i])
        cited = sorted({candidates[i][1] for i in groups[g]}, key=lambda a: (by_id[a].published or "9999", by_id[a].source))
        summary.append(SummarySentence(candidates[representative][0], cited))
    return summary


def build_story(story_id: str, members: list[Article], settings: Settings, embed: Embed | None = None) -> Story:
    """The dossier of one story from all its articles: summary, and the fact layer aligned across sources.

    Undated members whose text states no day get the story's reference date (``story.reference``): the caller
    stores those articles' ``reference_date``, ``reference_evidence`` and ``dates`` with the dossier.

    ``embed`` encodes short texts for matching claims by meaning; by default the configured sentence model.
    """
    from .claims import align
    from .coverage import coverage
    from .entities import canonical_names, story_entities
    from .quotes import group_quotes
    from .reference import anchor_undated
    from .timeline import build_timeline

    members = sorted(members, key=_published_order)
    anchor_undated(story_id, members)  # before the facts are aligned: an undated member's dates may resolve now
    thresholds = settings.thresholds
    entities = story_entities({a.id: a.entities for a in members})
    quotes = group_quotes(members, canonical_names(entities), thresholds.same_quote)
    if embed is None:  # claims are matched by meaning even when grouping runs without embeddings
        from ..vectors import settings_encoder

        embed = settings_encoder(settings.with_(use_embeddings=True)).encode
    claims = align(members, embed, thresholds)
    story = outline_story(story_id, members)
    story.summary = summarize(members, settings.summary_sentences, thresholds.same_sentence)
    story.entities, story.quotes, story.claims = entities, quotes, claims
    story.timeline = build_timeline(members, thresholds.same_event)
    story.coverage = coverage(members, claims, quotes)
    return story


def _published_order(article: Article) -> tuple:
    return article.published is None, article.published or "", article.source


def outline_story(story_id: str, members: list[Article]) -> Story:
    """A story without its fact layer (``batch --stages group``): members, title, dates, independent sources;
    summary, entities, quotes, claims, timeline and coverage stay empty."""
    members = sorted(members, key=_published_order)
    by_id = {a.id: a for a in members}
    dates = sorted(a.published for a in members if a.published)
    return Story(id=story_id, title=story_title(members), article_ids=[a.id for a in members],
                 independent_sources=len({origin(a, by_id) for a in members}),
                 first_published=dates[0] if dates else None, last_published=dates[-1] if dates else None)


def story_title(members: list[Article]) -> str:
    """The headline that shares most words with the other headlines: the story's most typical title; of the
    representative ones (``REPRESENTATIVE`` of the best typicality), the latest published, so that a developing
    story's title says its latest state ("death toll rises to 33", not the first day's 19)."""
    titled = [a for a in members if a.title and a.title.strip()]
    titles = [a.title.strip() for a in titled]
    if not titles:
        first = split_sentences(members[0].text)[:1] if members else []
        return (first[0][:100] + ("…" if len(first[0]) > 100 else "")) if first else "Untitled story"
    # typicality: the sum of a title's word-set Jaccard with every other title, as one sparse product (a long
    # story has hundreds of titles)
    words = [set(re.findall(r"\w+", t.casefold())) for t in titles]
    vocabulary: dict[str, int] = {}
    rows = [i for i, ws in enumerate(words) for _ in ws]
    columns = [vocabulary.setdefault(w, len(vocabulary)) for ws in words for w in ws]
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(titles), max(len(vocabulary), 1)))
    shared = (matrix @ matrix.T).toarray()
    sizes = np.array([len(ws) for ws in words], dtype=float)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    np.fill_diagonal(jaccard, 0.0)
    typicality = jaccard.sum(axis=1).round(9)  # equal sums tie exactly, and the earlier title wins
    best = typicality.max()
    representative = [i for i in range(len(titles)) if typicality[i] >= REPRESENTATIVE * best]
    # latest publication day first (undated ones are never the latest), then typicality, then the earlier title
    return titles[max(representative, key=lambda i: (iso_day(titled[i].published) or date.min, typicality[i], -i))]
