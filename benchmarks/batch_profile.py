"""Where a batch run's CPU time goes, stage by stage, in one process with one thread (models loaded first).

The same synthetic ECB+ crawl as benchmarks/batch.py (built in a temporary folder from ../shared). Each stage
of the per-article phase is timed on its own (`time.process_time`), the spaCy parse apart from the fact
extractors that read it, and the dossiers apart from the encodings of their claims' short texts.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/batch_profile.py --articles 100
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch import build  # the benchmarks folder is on the path, not a package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    from storyline.analyze import nlp as spacy_nlp
    from storyline.analyze.entities import MAX_CHARS, entity_keys
    from storyline.analyze.facts import BATCH_SIZE, dated_mentions
    from storyline.analyze.mentions import article_entities
    from storyline.analyze.numbers import find_numbers
    from storyline.analyze.predicates import with_predicates
    from storyline.analyze.quotes import quotes_in
    from storyline.engine import Drops
    from storyline.extract import Extract
    from storyline.group.dedup import Dedup, signature
    from storyline.group.stories import StoryClusterer
    from storyline.settings import Settings
    from storyline.sources import read_paths
    from storyline.story.dossier import build_story
    from storyline.vectors import settings_encoder

    settings = Settings()
    cost: dict[str, float] = defaultdict(float)

    def timed(name, function, *a):
        start = time.process_time()
        out = function(*a)
        cost[name] += time.process_time() - start
        return out

    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.articles)
        articles = list(read_paths([str(p) for p in paths], Drops()))
    nlp = spacy_nlp.load(settings.spacy_model, need=("parser", "ner"))
    encoder = settings_encoder(settings)
    encoder.encode(["warm up"])
    list(spacy_nlp.parse(nlp, ["Warm up."]))
    articles = timed("extract (trafilatura, cleaning)", Extract(settings).process, articles)
    n = len(articles)
    title_only = set(spacy_nlp.components_for(nlp, ("ner",)))
    disabled = [name for name in nlp.pipe_names if name not in title_only]
    titles = timed("headlines' NER", lambda: list(nlp.pipe((a.title or "" for a in articles), batch_size=BATCH_SIZE,
                                                            disable=disabled)))
    docs = timed("spaCy parse", lambda: list(spacy_nlp.parse(nlp, (a.text for a in articles), BATCH_SIZE)))
    for article, title, doc in zip(articles, titles, docs):
        article.entity_keys = timed("entities, grouping keys", lambda t, d: entity_keys(
            (e.text, e.label_) for e in [*t.ents, *(e for e in d.ents if e.start_char < MAX_CHARS)]), title, doc)
        article.entities = timed("entities, grouping keys", article_entities, doc)
        article.quotes = timed("quotes", quotes_in, doc)
        article.numbers = timed("numbers, predicates", lambda d: with_predicates(d, find_numbers(d)), doc)
        article.dates = timed("dates (timex)", dated_mentions, article)
    for article in articles:
        article.minhash = timed("MinHash", signature, article.text)
    clusterer = StoryClusterer(settings, encoder=encoder)
    timed("embedding (grouping)", clusterer.prepare, articles)
    timed("dedup + clustering", lambda: (Dedup(settings).process(articles), [clusterer.add(a) for a in articles]))
    members = defaultdict(list)
    for article in articles:
        members[article.story_id].append(article)
    embed_cost = [0.0]

    def embed(texts):
        start = time.process_time()
        out = encoder.encode(texts)
        embed_cost[0] += time.process_time() - start
        return out

    timed("dossiers", lambda: [build_story(s, m, settings, embed) for s, m in sorted(members.items())])
    cost["dossiers: claims' encodings"] = embed_cost[0]
    cost["dossiers"] -= embed_cost[0]
    total = sum(cost.values())
    print(f"{n} articles, {len(members)} stories; CPU ms per article, one process, one thread\n")
    print("| stage | CPU ms/article | share |\n|---|---:|---:|")
    for name, seconds in cost.items():
        print(f"| {name} | {seconds / n * 1000:.1f} | {seconds / total:.0%} |")
    print(f"| **total** | **{total / n * 1000:.1f}** | |")


if __name__ == "__main__":
    main()
