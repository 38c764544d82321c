"""The per-article half of grouping, for batch runs: MinHash signature and embedding, computed where the
other per-article work runs, so the global dedup and clustering pass only compares."""

from __future__ import annotations

from typing import ClassVar

from ..engine import Step
from ..model import Article
from ..settings import Settings
from ..vectors import Encoder
from .dedup import signature
from .stories import BATCH_SIZE, StoryClusterer


class Fingerprint(Step):
    """Sets ``minhash`` and ``embedding`` (the same text and model as ``Dedup`` and ``StoryClusterer``)."""

    name = "fingerprint"
    parallel = True
    requires: ClassVar = ("text", "title")
    assigns: ClassVar = ("minhash", "embedding")

    def __init__(self, settings: Settings, encoder: Encoder | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.encoder = encoder
        self._clusterer: StoryClusterer | None = None

    def __getstate__(self):  # the clusterer's buffers are rebuilt in each process, not shipped with every chunk
        return {**self.__dict__, "_clusterer": None}

    def setup(self) -> None:
        if self._clusterer is None:
            self._clusterer = StoryClusterer(self.settings, encoder=self.encoder)

    def process(self, chunk: list[Article]) -> list[Article]:
        self.setup()
        for article in chunk:
            if article.minhash is None:
                article.minhash = signature(article.text)
        for start in range(0, len(chunk), BATCH_SIZE):
            self._clusterer.prepare(chunk[start : start + BATCH_SIZE])
        return chunk
