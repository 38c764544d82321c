"""The full schemathesis run: every operation of the API's OpenAPI spec, many generated requests each, both
requests that fit the spec (positive) and requests that break it (negative), against the ASGI app over a store
with a small corpus and stand-in services (tests/schema_app.py; tests/api/test_schema.py is the CI subset).

    HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python benchmarks/security.py --examples 200 --write

Each request carries the write token. Checks: no server error (5xx) for any request; for positive requests also a
documented status code, content type, headers and a body matching the documented schema (a negative request is
expected to be refused, and only its status must not be a 5xx). Reported: operations, requests sent, failures
(each distinct one printed with the request that caused it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests")]

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schema_app import TOKEN, build_app
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from serving import append_result

CHECKS = {GenerationMode.POSITIVE: [not_a_server_error, status_code_conformance, content_type_conformance,
                                    response_headers_conformance, response_schema_conformance],
          GenerationMode.NEGATIVE: [not_a_server_error]}


def run(examples: int) -> tuple[int, Counter, Counter]:
    """(operations, requests sent per mode, distinct failures with how often each occurred)."""
    sent: Counter = Counter()
    failures: Counter = Counter()
    with tempfile.TemporaryDirectory() as folder:
        app, store = build_app(f"sqlite:///{folder}/security.db")
        try:
            schema = schemathesis.openapi.from_asgi("/openapi.json", app)
            operations = [result.ok() for result in schema.get_all_operations()]
            for operation in operations:
                for mode in CHECKS:
                    _exercise(operation, mode, examples, sent, failures)
        finally:
            store.close()
    return len(operations), sent, failures


def _exercise(operation, mode: GenerationMode, examples: int, sent: Counter, failures: Counter) -> None:
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(operation.as_strategy(generation_mode=mode))
    def call(case) -> None:
        sent[mode.value] += 1
        try:
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS[mode])
        except FailureGroup as group:  # counted, and the run goes on to find the others
            for failure in group.exceptions:
                failures[f"{operation.label} ({mode.value}): {failure}"] += 1
        except Exception as e:  # noqa: BLE001 - an exception out of the app is a server error too
            failures[f"{operation.label} ({mode.value}): {type(e).__name__}: {e}"] += 1

    try:
        call()
    except Unsatisfiable:  # nothing to break (GET /health takes no parameters): reported, not a failure
        print(f"no {mode.value} requests can be generated for {operation.label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=200, help="generated requests per operation and mode")
    parser.add_argument("--write", action="store_true", help="append the result to benchmarks/results/security.md")
    args = parser.parse_args()
    started = time.monotonic()
    operations, sent, failures = run(args.examples)
    seconds = time.monotonic() - started
    for failure, count in failures.most_common():
        print(f"{count}× {failure}\n")
    line = (f"| {operations} | {args.examples} | {sent['positive']:,} | {sent['negative']:,} | "
            f"**{sum(failures.values())}** ({len(failures)} distinct) | {seconds:.0f} |")
    print(line)
    if args.write:
        append_result(HERE / "results" / "security.md", line,
                      "# schemathesis against the API's OpenAPI spec\n\n"
                      "Command and method: the docstring of benchmarks/security.py; RELIABILITY.md, \"Security\".\n\n"
                      "| operations | examples per operation and mode | positive requests | negative requests | "
                      "failures | seconds |\n|---:|---:|---:|---:|---:|---:|\n")


if __name__ == "__main__":
    main()
