"""Shared fixtures: stores to test against (SQLite always; PostgreSQL when Debian's server binaries are
installed: a throwaway server on a free loopback port) and the public benchmark data in ../shared."""

import os
import sys
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import ecbplus  # noqa: E402

PG_BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user the package created."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_server():
    if not PG_BINARIES:
        pytest.skip("PostgreSQL server binaries not found (apt-get install postgresql); PostgreSQL tests skipped")
    bin_dir = PG_BINARIES[-1].parent
    home = Path(tempfile.mkdtemp(prefix="storyline-pg-"))  # in /tmp: pytest's own folders are root's alone
    home.chmod(0o777)
    data = home / "data"
    port = _free_port()
    subprocess.run(_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
                   check=True, capture_output=True)
    subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"), "-o",
                                 f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]),
                   check=True, capture_output=True)
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                   capture_output=True)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    server = request.getfixturevalue("postgres_server")
    import sqlalchemy

    name = "t" + uuid.uuid4().hex[:12]
    engine = sqlalchemy.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return f"{server}/{name}"


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
