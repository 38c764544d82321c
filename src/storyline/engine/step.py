"""Steps: the units articles stream through. A step says what it reads and sets, loads its models in
``setup()`` and counts what it drops; an executor (``engine.executor``) decides where it runs."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from ..model import Article

log = logging.getLogger("storyline")


@dataclass
class Drops:
    """Counted reasons why documents were skipped; every drop is also logged."""

    counts: Counter = field(default_factory=Counter)
    reasons: dict[str, str] = field(default_factory=dict)  # source -> why it was skipped (the service reports it)

    def add(self, step: str, reason: str, source: str, detail: str = "") -> None:
        self.counts[(step, reason)] += 1
        self.reasons[source] = f"{step}: {reason}" + (f" ({detail})" if detail else "")
        log.warning("skipped %s in %s: %s%s", source, step, reason, f" ({detail})" if detail else "")

    def update(self, other: Drops) -> None:
        self.counts.update(other.counts)
        self.reasons.update(other.reasons)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, int]:
        return {f"{step}: {reason}": n for (step, reason), n in sorted(self.counts.items())}


class Step:
    """One stage of the pipeline, applied to chunks of articles.

    ``parallel`` steps are stateless per article, so an executor may run their chunks in other processes
    (a copy of the step each, with its own ``drops`` and ``stats`` that the executor adds back up);
    ``requires`` and ``assigns`` name the ``Article`` fields the step reads and sets.
    """

    name: ClassVar[str] = "step"
    parallel: ClassVar[bool] = False
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.drops = Drops()
        self.stats: Counter[str] = Counter()

    def setup(self) -> None:
        """Load models; called in each process before its first chunk (loaders cache per process)."""

    def process(self, chunk: list[Article]) -> list[Article]:
        """The chunk's articles that go on, with ``assigns`` set; dropped ones are counted in ``drops``."""
        raise NotImplementedError

    def drop(self, article: Article, reason: str, detail: str = "") -> None:
        self.drops.add(self.name, reason, article.source, detail)

    def run(self, articles: Iterable[Article], chunk_size: int = 64) -> Iterator[Article]:
        """Run here, in order (tests and single-process use)."""
        self.setup()
        chunk: list[Article] = []
        for article in articles:
            chunk.append(article)
            if len(chunk) == chunk_size:
                yield from self.process(chunk)
                chunk = []
        if chunk:
            yield from self.process(chunk)


class Chain(Step):
    """Several parallel steps run as one, so an executor ships each chunk once and a worker (or a Ray actor)
    holds every step's models; each step's drops and stats are added up under its own name."""

    name = "chain"
    parallel = True

    def __init__(self, *steps: Step) -> None:
        super().__init__()
        if not all(step.parallel for step in steps):
            raise ValueError("a chain runs in parallel, so all its steps must be parallel")
        self.steps = steps

    def setup(self) -> None:
        for step in self.steps:
            step.setup()

    def process(self, chunk: list[Article]) -> list[Article]:
        for step in self.steps:
            chunk = step.process(chunk)
            self.drops.update(step.drops)
            self.stats.update(step.stats)
            step.drops, step.stats = Drops(), Counter()  # counted once here, whichever process ran the chunk
        return chunk
