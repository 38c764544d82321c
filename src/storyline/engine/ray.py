"""Ray as an executor: a step's chunks go through Ray Data ``map_batches`` on a pool of actors that each load
the step's models once. Imported only for ``--engine ray`` (``pip install 'storyline[ray]'``).

Articles travel pickled (one binary column), so any step runs unchanged; results come back in input order
with each batch's counted drops. The actor pool never asks for every CPU: Ray Data's own tasks (splitting
and moving blocks) need one, and a pool that takes them all waits for it forever, silently.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TypeVar

import numpy as np

from ..exceptions import ConfigError
from ..model import Article
from .step import Drops, Step

BATCH_SIZE = 256  # articles per actor call: large enough that spaCy and MiniLM batch well
INPUT_CHUNK = 4096  # articles per map(): each call starts an actor pool (models load again), so make it rare
_ARTICLE, _COUNTS = "article", "counts"
IN_FLIGHT = 64  # map_calls tasks submitted ahead of the one awaited: bounds what the driver holds
T = TypeVar("T")
R = TypeVar("R")


def _ray():
    try:
        import ray
        import ray.data  # needs the [data] extra (pandas, pyarrow)
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'storyline[ray]'") from None
    return ray


def connect(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the cluster at ``address`` (or ``$RAY_ADDRESS``), else start Ray on this machine: no dashboard,
    and token authentication off, since nothing but this process talks to a local instance."""
    ray = _ray()
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # not a line per dataset run in our output
    if ray.is_initialized():
        return
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, log_to_driver=False)
        return
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)


class _StepActor:
    """Holds one copy of the step and its loaded models for the whole dataset."""

    def __init__(self, step: bytes) -> None:
        self.step: Step = pickle.loads(step)
        self.step.setup()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        self.step.drops, self.step.stats = Drops(), Counter()
        done = self.step.process([pickle.loads(item) for item in batch["item"]])
        items = [pickle.dumps(a) for a in done] + [pickle.dumps((self.step.drops, self.step.stats))]
        kinds = [_ARTICLE] * len(done) + [_COUNTS]
        return {"kind": np.array(kinds), "item": np.array(items, dtype=object)}


class RayExecutor:
    """Runs ``parallel`` steps on ``workers`` Ray actors (capped at the cluster's CPUs minus one).

    Every ``map`` call is one Ray Data run with its own actor pool, so callers hand it ``input_chunk``
    articles at a time (``storyline batch`` does), not the few hundred a local process pool takes.
    """

    input_chunk = INPUT_CHUNK

    def __init__(self, workers: int = 1, *, address: str | None = None, num_cpus: int | None = None,
                 batch_size: int = BATCH_SIZE) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, not {workers}")
        connect(address, num_cpus)
        ray = _ray()
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.actors = max(1, min(workers, cpus - 1))
        self.actor_cpus = 1.0 if cpus > 1 else 0.5  # a one-CPU instance still keeps half a CPU for Ray Data
        self.batch_size = batch_size
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # results in input order, as LocalExecutor gives them
        context.enable_progress_bars = False

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def map(self, step: Step, articles: list[Article]) -> Iterator[Article]:
        if not step.parallel or not articles:
            step.setup()
            yield from step.process(articles)
            return
        ray = _ray()
        blocks = max(1, len(articles) // self.batch_size)
        dataset = ray.data.from_items([{"item": pickle.dumps(a)} for a in articles], override_num_blocks=blocks)
        results = dataset.map_batches(
            _StepActor, fn_constructor_args=(pickle.dumps(step),), batch_size=self.batch_size,
            batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=self.actors), num_cpus=self.actor_cpus,
        )
        for batch in results.iter_batches(batch_size=None, batch_format="numpy"):
            for kind, item in zip(batch["kind"], batch["item"]):
                if kind == _COUNTS:
                    drops, stats = pickle.loads(item)
                    step.drops.update(drops)
                    step.stats.update(stats)
                else:
                    yield pickle.loads(item)

    def map_calls(self, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
        """One Ray task per item, results in order. Ray reuses its worker processes, so a model a task loads
        (cached per process) serves the later tasks on that worker."""
        ray = _ray()
        remote = ray.remote(num_cpus=self.actor_cpus)(function)
        pending = [remote.remote(item) for item in items[:IN_FLIGHT]]
        for i in range(len(items)):
            if i + IN_FLIGHT < len(items):
                pending.append(remote.remote(items[i + IN_FLIGHT]))
            yield ray.get(pending[i])
            pending[i] = None  # the driver keeps no finished result

    def close(self) -> None:
        """Ray stays up for the process (the cluster is not ours to stop; a local one ends with the process)."""
