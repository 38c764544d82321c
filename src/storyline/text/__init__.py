"""Shared text helpers: one definition of sentence splitting, datelines and reading dates for every step."""

from .datelines import Dateline, dateline_at, strip_dateline
from .dates import iso_day
from .sentences import sentence_spans, split_sentences

__all__ = ["Dateline", "dateline_at", "iso_day", "sentence_spans", "split_sentences", "strip_dateline"]
