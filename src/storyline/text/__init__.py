"""Shared text helpers: one definition of sentence splitting and of reading ISO dates for every step."""

from .dates import iso_day
from .sentences import sentence_spans, split_sentences

__all__ = ["iso_day", "sentence_spans", "split_sentences"]
