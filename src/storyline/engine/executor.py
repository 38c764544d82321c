"""Executors decide where steps run. ``LocalExecutor``: here, or over a pool of processes kept for the run."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

from ..exceptions import ConfigError
from ..model import Article
from .step import Drops, Step

T = TypeVar("T")
R = TypeVar("R")
Track = Callable[[Iterable[Article], str, int | None], Iterable[Article]]  # (stream, step name, total) -> stream


def no_progress(stream: Iterable[Article], _name: str, _total: int | None) -> Iterable[Article]:
    return stream


class Executor(Protocol):
    def map(self, step: Step, articles: list[Article]) -> Iterator[Article]: ...

    def map_calls(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """``function(item)`` for each item, results in order; ``function`` must be a module-level function
        (it is pickled by name) that loads any model it needs once per process."""
        ...

    def close(self) -> None: ...


_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def _share_cores(threads: int) -> None:
    """Worker start-up: the worker's share of the cores. torch (MiniLM) otherwise starts a thread per core in
    every worker, and on two cores two workers' spinning OpenMP threads made each dossier cost 2.6x the CPU it
    takes in one process (benchmarks/batch.py)."""
    for name in _THREAD_VARIABLES:
        os.environ[name] = str(threads)  # for libraries loaded from here on
    torch = sys.modules.get("torch")  # already loaded in the parent before the fork
    if torch is not None:
        torch.set_num_threads(threads)


def _call_each(function: Callable[[T], R], items: list[T]) -> list[R]:
    return [function(item) for item in items]


def _run_chunk(step: Step, chunk: list[Article]) -> tuple[list[Article], Step]:
    """Worker side: a copy of the step, its counts reset (the copy may carry what the parent had counted
    when it was pickled), so the parent adds up each chunk's counts once."""
    step.drops, step.stats = Drops(), Counter()
    step.setup()
    return step.process(chunk), step


class LocalExecutor:
    """Runs steps on this machine; ``parallel`` steps over ``workers`` processes, each loading its models once.

    The pool lives as long as the executor (use it as a context manager), so models are loaded once per
    worker for the whole run, not once per step or chunk. Closing it stops the workers at once, also after
    an interrupt, so no worker outlives the run.
    """

    # A chunk is one spaCy and one embedding batch in a worker: per article, spaCy costs ~4 % more CPU in
    # batches of 8 than of 32 and ~4 % less in batches of 128 (BENCHMARKS.md, "Batch"); 32 keeps a batch run's
    # 256-article chunks in 8 tasks, so two workers still end together.
    def __init__(self, workers: int = 1, chunk_size: int = 32) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.chunk_size = chunk_size
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def map(self, step: Step, articles: list[Article]) -> Iterator[Article]:
        # With workers, even a short list goes to the pool: after the models had run here (a short first
        # batch), the workers forked later hung on inherited locks (spaCy + MiniLM, benchmarks/batch.py).
        if self.workers == 1 or not step.parallel or not articles:
            step.setup()
            yield from step.process(articles)
            return
        size = self.chunk_size
        futures: list[Future] = [
            self._started().submit(_run_chunk, step, articles[i : i + size]) for i in range(0, len(articles), size)
        ]
        for future in futures:
            done, copy = future.result()
            step.drops.update(copy.drops)
            step.stats.update(copy.stats)
            yield from done

    def map_calls(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        if self.workers == 1 or len(items) < 2:
            yield from map(function, items)
            return
        # small tasks (a dossier of a two-article story) travel a few at a time; a big one goes alone
        size = max(1, min(self.chunk_size, len(items) // (4 * self.workers)))
        futures = [self._started().submit(_call_each, function, items[i : i + size])
                   for i in range(0, len(items), size)]
        for future in futures:
            yield from future.result()

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
            self._pool = ProcessPoolExecutor(self.workers, initializer=_share_cores,
                                             initargs=(max(1, cores // self.workers),))
        return self._pool

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((pool._processes or {}).values())  # noqa: SLF001 - no public way to stop workers now
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():  # a worker deep in native code may ignore SIGTERM for a while
                process.kill()
                process.join(timeout=5)
                process.join()
