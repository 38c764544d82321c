"""Embedding backends and lengths: CPU per article, drift from the torch vectors, and ECB+ grouping with each.

    .venv/bin/python benchmarks/embedding.py torch:256 onnx:256 onnx:128 onnx:64 onnx-int8:256 [--held-out]

Each variant is `backend:word pieces` (Settings.embedding_backend, embedding_max_tokens). It embeds the leads of
the ECB+ tuning topics (1-20; with --held-out, all 982 documents) in one thread, timed as CPU time since the
machine is shared, compares the vectors with those of the torch backend at 256 word pieces (the reference that
benchmarks/grouping.py caches) and groups the documents with the current clusterer, everything else as in
benchmarks/grouping.py. Held-out figures (topics > 20) are for reporting a choice made on the tuning topics.
"""

from __future__ import annotations

import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread, before torch or onnxruntime load

import grouping
import numpy as np

from storyline.group.stories import EMBED_CHARS, Weights, article_text
from storyline.settings import Settings
from storyline.vectors import settings_encoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("variants", nargs="+", help="backend:word pieces, e.g. onnx:128")
    parser.add_argument("--held-out", action="store_true", help="also embed and group topics > 20 and all")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    reference = Settings(embedding_backend="torch", embedding_max_tokens=256)
    docs = grouping.ecbplus.load()
    grouping.prepare(docs, reference)  # the reference vectors and the entities (cached by grouping.py)
    tuning = [d for d in docs if d.topic in grouping.TUNE]
    sets = {"tuning": tuning}
    if args.held_out:
        sets |= {"held-out": [d for d in docs if d.topic not in grouping.TUNE], "all": docs}
    subject = docs if args.held_out else tuning
    before = np.stack([d.article.embedding for d in subject])
    for variant in args.variants:
        backend, tokens = variant.split(":")
        encoder = settings_encoder(reference.with_(embedding_backend=backend, embedding_max_tokens=int(tokens)))
        encoder.encode(["warm up"])  # loads the model (and exports it the first time)
        started = time.process_time()
        vectors = encoder.encode([article_text(d.article)[:EMBED_CHARS] for d in subject])
        cpu = time.process_time() - started
        cosine = (before * vectors).sum(axis=1)
        result = {"variant": variant, "documents": len(subject), "cpu_ms_per_article": round(1000 * cpu / len(subject), 1),
                  "max_abs_diff": float(np.abs(before - vectors).max()), "cosine_min": round(float(cosine.min()), 4),
                  "cosine_median": round(float(np.median(cosine)), 4)}
        for d, v in zip(subject, vectors):
            d.article.embedding = v
        for name, subset in sets.items():
            m = grouping.metrics(subset, grouping.incremental(subset, reference, Weights())[0])
            result[name] = {k: round(float(m[k]), 4) for k in ("sub_F", "sub_P", "sub_R", "topic_F", "groups")}
        for d, v in zip(subject, before):
            d.article.embedding = v
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
