"""Steps, pipelines and executors: articles stream through small steps; an executor decides where."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from .article import Article

log = logging.getLogger("storyline")


@dataclass
class Drops:
    """Counted reasons why documents were skipped; every drop is also logged."""

    counts: Counter = field(default_factory=Counter)

    def add(self, step: str, reason: str, source: str, detail: str = "") -> None:
        self.counts[(step, reason)] += 1
        log.warning("skipped %s in %s: %s%s", source, step, reason, f" ({detail})" if detail else "")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, int]:
        return {f"{step}: {reason}": n for (step, reason), n in sorted(self.counts.items())}


class Step(Protocol):
    name: str

    def run(self, articles: Iterable[Article]) -> Iterator[Article]: ...


Track = Callable[[Iterable[Article], str, int | None], Iterable[Article]]  # (stream, step name, total) -> stream


def no_progress(stream: Iterable[Article], _name: str, _total: int | None) -> Iterable[Article]:
    return stream


def _run_chunk(step: Step, chunk: list[Article]) -> tuple[list[Article], Counter]:
    """Worker side of a parallel step: fresh drop counts (if the step counts drops), for the parent to add up."""
    if hasattr(step, "drops"):
        step.drops = Drops()
    done = list(step.run(chunk))
    return done, step.drops.counts if hasattr(step, "drops") else Counter()


class LocalExecutor:
    """Runs a pipeline on this machine, one step after the other, so each step can show its own progress.

    Steps marked ``parallel = True`` (stateless per article) are spread over ``workers`` processes, each
    loading its own models; the others run here in order, because they carry state (dedup, clustering).
    """

    chunk_size = 16

    def __init__(self, track: Track = no_progress, workers: int = 1) -> None:
        self.track = track
        self.workers = workers

    def run(self, steps: list[Step], articles: Iterable[Article]) -> list[Article]:
        batch = list(articles)
        for step in steps:
            if self.workers > 1 and getattr(step, "parallel", False) and len(batch) > self.chunk_size:
                stream = self._parallel(step, batch)
            else:
                stream = step.run(batch)
            batch = list(self.track(stream, step.name, len(batch)))
        return batch

    def _parallel(self, step: Step, batch: list[Article]) -> Iterator[Article]:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        chunks = [batch[i : i + self.chunk_size] for i in range(0, len(batch), self.chunk_size)]
        with ProcessPoolExecutor(self.workers) as pool:
            for done, counts in pool.map(partial(_run_chunk, step), chunks):
                if counts:
                    step.drops.counts.update(counts)  # type: ignore[attr-defined]
                yield from done
