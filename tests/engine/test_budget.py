"""A time budget stops work that overruns it on any thread and in executor processes, and nothing else."""

import threading
import time

import pytest

from storyline.engine import LocalExecutor, Step
from storyline.engine.budget import OVER_BUDGET, TimeBudget
from storyline.exceptions import BadDocument
from storyline.model import Article


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_overrunning_work_is_stopped_soon_after_its_budget():
    start = time.monotonic()
    with pytest.raises(BadDocument) as err, TimeBudget(0.2, "spinning"):
        spin(30)
    assert err.value.reason == OVER_BUDGET and "spinning took over 0.2 s" in str(err.value)
    assert time.monotonic() - start < 5


def test_a_library_catching_exception_cannot_swallow_the_stop():
    with pytest.raises(BadDocument), TimeBudget(0.2):
        for _ in range(3000):
            try:
                spin(0.01)
            except Exception:  # noqa: BLE001, S110 - what third-party extractors do
                pass


def test_work_within_its_budget_is_untouched_and_nothing_arrives_later():
    for _ in range(50):
        with TimeBudget(0.05):
            pass
    with TimeBudget(5):
        spin(0.05)
    spin(0.3)  # a late stop would be raised here


def test_no_budget_means_no_watchdog():
    with TimeBudget(None):
        spin(0.05)


def test_the_budget_holds_in_a_thread_other_than_the_main_one():
    outcome = []

    def work():
        try:
            with TimeBudget(0.2):
                spin(30)
        except BadDocument as e:
            outcome.append(e.reason)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == [OVER_BUDGET]


class Spinner(Step):
    """Spins for as long as an article's ``raw`` says; under a budget of 0.3 s."""

    name = "spin"
    parallel = True

    def process(self, chunk):
        kept = []
        for article in chunk:
            try:
                with TimeBudget(0.3):
                    spin(float(article.raw))
                kept.append(article)
            except BadDocument as e:
                self.drop(article, e.reason)
        return kept


def test_the_budget_holds_in_executor_processes():
    articles = [Article(id=str(n), source=f"{n}.txt", raw=raw, format="text") for n, raw in enumerate(["0", "60", "0"])]
    step = Spinner()
    with LocalExecutor(workers=2, chunk_size=1) as executor:
        kept = list(executor.map(step, articles))
    assert [a.id for a in kept] == ["0", "2"]
    assert step.drops.as_dict() == {f"spin: {OVER_BUDGET}": 1}
