"""Write transactions that meet on the same rows: the second waits for the first and then applies its change,
instead of failing (a 5xx for an API request) or losing the first one's."""

import threading
import time

from storyline.store import Store


def test_two_transactions_marking_the_same_new_story_dirty_both_count(store_url):
    """E.g. DELETE /articles/… on a request thread while the worker's ingest marks the same story: on PostgreSQL
    both see no mark yet, and a read-then-insert made the second fail on the primary key."""
    with Store(store_url) as store:
        errors: list[BaseException] = []

        def second() -> None:
            try:
                with store.unit_of_work() as conn:
                    store.mark_dirty(conn, ["story-1", "story-2"])
            except BaseException as e:  # noqa: BLE001 - handed to the test thread, which fails with it
                errors.append(e)

        with store.unit_of_work() as conn:
            store.mark_dirty(conn, ["story-1"])
            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(0.5)  # the second transaction reaches the row the first has not committed yet
        thread.join(30)
        assert errors == []
        assert store.dirty() == {"story-1": 2, "story-2": 1}


def test_serial_transactions_take_turns(store_url):
    """Two ingests (say, two servers on one PostgreSQL database) read the grouping state and write it back: the
    second must start after the first has committed, or one's update of a story profile overwrites the other's."""
    with Store(store_url) as store:
        events: list[str] = []

        def second() -> None:
            with store.unit_of_work(serial=True):
                events.append("second began")

        with store.unit_of_work(serial=True):
            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(0.5)  # time for the second to begin, if nothing held it back
            events.append("first committing")
        thread.join(30)
        assert events == ["first committing", "second began"]


def test_concurrent_requests_with_one_idempotency_key_queue_their_items_once(store_url):
    """A client retrying on a timeout may send its request again before the first one has committed: on
    PostgreSQL both look up the key before either has written it; the second must end with the first's items."""
    from storyline.store.queue import Submission

    with Store(store_url) as store:
        submissions = [Submission("text", "Ferry service resumed.\n\nThe ferry to Osterlund sailed again on Monday.")]
        results: list[list[int]] = []
        errors: list[BaseException] = []

        def request() -> None:
            try:
                results.append(store.queue.enqueue(submissions, key="retry-7"))
            except BaseException as e:  # noqa: BLE001 - handed to the test thread, which fails with it
                errors.append(e)

        threads = [threading.Thread(target=request) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        assert len(results) == 6 and all(ids == results[0] for ids in results)
        assert store.queue.waiting() == 1
