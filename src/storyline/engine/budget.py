"""A time budget for one piece of work (extracting one document) that holds on any thread of any process.

Why not a signal: SIGALRM reaches only a process's main thread, and extraction also runs in the server's
worker thread. Instead one watchdog thread per process keeps the open deadlines and, when one passes, raises
an exception in the thread that overran it (CPython's ``PyThreadState_SetAsyncExc``). That works the same in
the CLI's main thread, the server's worker thread and the executor's worker processes (each process starts
its own watchdog when it first needs one, also after a fork).

The exception arrives at the overrunning thread's next Python instruction: one long call into C (an lxml
parse, a regex scan) finishes first. So the work inside a budget is bounded up front as well (sizes, line
lengths, tree depth: see ``extract`` and ``sources``); the watchdog stops what those bounds let through.
It is a ``BaseException`` so a library's ``except Exception`` cannot swallow it; leaving the budget turns
it into ``BadDocument("over-time-budget")``, which the caller counts as a drop like any bad document.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from typing import Self

from ..exceptions import BadDocument

OVER_BUDGET = "over-time-budget"  # the drop reason


class _Overrun(BaseException):
    """Raised inside the thread whose deadline passed; never leaves ``TimeBudget``."""


class _Watchdog:
    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.open: dict[int, TimeBudget] = {}  # by id()
        self.thread: threading.Thread | None = None

    def add(self, budget: TimeBudget) -> None:
        with self.lock:
            self.open[id(budget)] = budget
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="storyline-time-budget", daemon=True)
                self.thread.start()
            self.lock.notify()

    def remove(self, budget: TimeBudget) -> None:
        with self.lock:
            self.open.pop(id(budget), None)

    def _watch(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                for budget in self.open.values():
                    if not budget.fired and budget.deadline <= now:
                        budget.fired = True  # under the lock: never after the budget was closed
                        _raise_in(budget.thread_id, _Overrun)
                waiting = [b.deadline for b in self.open.values() if not b.fired]
                self.lock.wait(max(0.0, min(waiting) - now) if waiting else None)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in the thread at its next instruction; None takes back one not raised yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


_watchdog = _Watchdog()


def _after_fork() -> None:  # the child has no watchdog thread, and the lock may have been held at the fork
    global _watchdog
    _watchdog = _Watchdog()


os.register_at_fork(after_in_child=_after_fork)


class TimeBudget:
    """``with TimeBudget(seconds, what):`` — the block is stopped once it has run ``seconds`` and
    ``BadDocument(OVER_BUDGET)`` raised; ``seconds`` None or 0 sets no budget."""

    def __init__(self, seconds: float | None, what: str = "the work") -> None:
        self.seconds = seconds
        self.what = what
        self.thread_id = threading.get_ident()
        self.deadline = 0.0
        self.fired = False

    def __enter__(self) -> Self:
        if self.seconds:
            self.thread_id = threading.get_ident()
            self.deadline = time.monotonic() + self.seconds
            _watchdog.add(self)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if not self.seconds:
            return False
        watchdog = _watchdog
        while True:
            try:
                watchdog.remove(self)  # from here on the watchdog leaves this thread alone …
                if self.fired:
                    _raise_in(self.thread_id, None)  # … and one it raised but not yet delivered is taken back
                break
            except _Overrun:  # delivered during the lines above: closing again is harmless
                continue
        if self.fired:
            raise BadDocument(OVER_BUDGET, f"{self.what} took over {self.seconds:g} s and was stopped") from None
        return False
