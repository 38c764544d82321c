import os
import time

import pytest

from storyline.engine import LocalExecutor, Step
from storyline.exceptions import ConfigError
from storyline.model import Article


class Upper(Step):
    """A stateless step that drops empty texts with a counted reason."""

    name = "upper"
    parallel = True

    def process(self, chunk):
        kept = []
        for a in chunk:
            if not a.text:
                self.drop(a, "empty")
                continue
            a.text = a.text.upper()
            self.stats["pids:" + str(os.getpid())] += 1
            kept.append(a)
        return kept


class Count(Step):
    """A stateful step: must run in this process."""

    name = "count"

    def __init__(self):
        super().__init__()
        self.seen = 0

    def process(self, chunk):
        self.seen += len(chunk)
        return chunk


def batch(n):
    return [Article(id=str(i), source=f"{i}.txt", raw="", format="text", text="" if i % 10 == 0 else f"text {i}") for i in range(n)]


def test_parallel_steps_keep_order_and_add_up_drops_and_stats():
    upper, count = Upper(), Count()
    with LocalExecutor(workers=2) as executor:
        out = list(executor.map(count, list(executor.map(upper, batch(50)))))
        again = list(executor.map(Upper(), batch(40)))  # the same pool serves the next step
    assert [a.id for a in out] == [str(i) for i in range(50) if i % 10]
    assert all(a.text.startswith("TEXT") for a in out) and len(again) == 36
    assert upper.drops.as_dict() == {"upper: empty": 5}
    assert sum(upper.stats.values()) == 45 and str(os.getpid()) not in "".join(upper.stats)
    assert count.seen == 45


def test_one_worker_runs_everything_here():
    step = Upper()
    out = list(LocalExecutor().map(step, batch(20)))
    assert len(out) == 18 and step.drops.total == 2


def test_close_stops_the_workers():
    executor = LocalExecutor(workers=2)
    list(executor.map(Upper(), batch(40)))
    processes = list(executor._pool._processes.values())
    executor.close()
    # The pool's own manager thread reaps workers too; while it holds a worker's exit status, is_alive() from
    # this thread still says True for a moment (waitpid gets ECHILD), so wait briefly for the state to settle.
    deadline = time.monotonic() + 10
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes and not any(p.is_alive() for p in processes)


def test_workers_must_be_positive():
    with pytest.raises(ConfigError, match="at least 1"):
        LocalExecutor(workers=0)


class Shout(Step):
    name = "shout"
    parallel = True

    def process(self, chunk):
        kept = [a for a in chunk if not a.text.startswith("QUIET")]
        for a in chunk:
            if a.text.startswith("QUIET"):
                self.drop(a, "quiet")
        for a in kept:
            a.text += "!"
        return kept


@pytest.mark.parametrize("workers", [1, 2])
def test_a_chain_runs_its_steps_in_order_and_counts_each_steps_drops_once(workers):
    from storyline.engine import Chain

    articles = [Article(id=str(i), source=f"{i}.txt", raw="", format="text", text=t)
                for i, t in enumerate(["a", "", "quiet", "b"] * 5)]
    chain = Chain(Upper(), Shout())
    with LocalExecutor(workers, chunk_size=4) as executor:
        done = list(executor.map(chain, articles))
    assert [a.text for a in done] == ["A!", "B!"] * 5
    assert chain.drops.as_dict() == {"upper: empty": 5, "shout: quiet": 5}
    with pytest.raises(ValueError):
        Chain(Upper(), Count())


def test_with_workers_even_a_short_list_runs_in_the_pool():
    step = Upper()
    with LocalExecutor(workers=2) as executor:
        assert len(list(executor.map(step, batch(3)))) == 2
    assert str(os.getpid()) not in "".join(step.stats)


def _square_with_pid(n):
    return n * n, os.getpid()


def test_map_calls_keeps_order_and_runs_in_the_workers():
    with LocalExecutor(workers=2, chunk_size=4) as executor:
        out = list(executor.map_calls(_square_with_pid, list(range(30))))
    assert [square for square, _ in out] == [n * n for n in range(30)]
    assert os.getpid() not in {pid for _, pid in out}


def test_map_calls_with_one_worker_runs_here():
    assert list(LocalExecutor().map_calls(_square_with_pid, [3])) == [(9, os.getpid())]
