"""The execution layer: ``Step`` (what runs) and executors (where it runs)."""

from .executor import Executor, LocalExecutor, Track, no_progress
from .step import Chain, Drops, Step, log

__all__ = ["Chain", "Drops", "Executor", "LocalExecutor", "Step", "Track", "log", "no_progress"]
