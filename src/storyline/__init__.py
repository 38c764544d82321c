"""Storyline: turn a pile of news articles into sourced accounts of each story."""

__version__ = "0.1.0"
