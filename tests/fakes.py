"""Stand-ins for the models, so services are tested fast and without spaCy or MiniLM."""

import hashlib
import re

import numpy as np

from storyline.engine import Step


class BagOfWordsEncoder:
    """Stands in for MiniLM in fast tests: hashed word counts, L2-normalised."""

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]{4,}", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


class CapitalisedWords(Step):
    """Stands in for the spaCy analysis: grouping keys are the capitalised words; no facts."""

    name = "analyze"
    parallel = True

    def __init__(self, fail_on: str | None = None):
        super().__init__()
        self.fail_on = fail_on  # an article id whose analysis is interrupted, as by Ctrl-C or a kill

    def process(self, chunk):
        for article in chunk:
            if article.id == self.fail_on:
                raise KeyboardInterrupt
            article.entity_keys = sorted({w.casefold() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", article.text)})
        return chunk


def stand_ins(_settings):
    """``Settings.models`` / ``--models fakes:stand_ins``: the real CLI and server on these stand-ins."""
    return BagOfWordsEncoder(), CapitalisedWords()
