"""Shared fixtures: stores to test against (SQLite always; PostgreSQL when Debian's server binaries are
installed: a throwaway server on a free loopback port) and the public benchmark data in ../shared."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import ecbplus  # noqa: E402
from pg_server import PG_BINARIES, new_database, throwaway_postgres


@pytest.fixture(scope="session")
def postgres_server():
    if not PG_BINARIES:
        pytest.skip("PostgreSQL server binaries not found (apt-get install postgresql); PostgreSQL tests skipped")
    with throwaway_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return new_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def ecbplus_data() -> Path:
    """The ECB+ folder in ../shared/benchmarks; skips the test when it is missing, fails it under CI."""
    folder = ecbplus.benchmarks_dir() / "ecbplus"
    if not folder.is_dir():
        message = f"ECB+ benchmark data not found at {folder}; set STORYLINE_BENCHMARKS to the benchmarks folder"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder
