"""Shared text helpers: one definition of sentence splitting for every step."""

from .sentences import sentence_spans, split_sentences

__all__ = ["sentence_spans", "split_sentences"]
