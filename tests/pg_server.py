"""A throwaway PostgreSQL server from Debian's binaries, on a free loopback port: for the PostgreSQL tests
(``tests/conftest.py``) and the benchmarks that measure PostgreSQL (``benchmarks/load.py``)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user the package created."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def throwaway_postgres(fsync: bool = False) -> Iterator[str]:
    """Start a server (newest installed version), yield its URL without a database name, remove it afterwards."""
    if not PG_BINARIES:
        raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql)")
    bin_dir = PG_BINARIES[-1].parent
    home = Path(tempfile.mkdtemp(prefix="storyline-pg-"))  # in /tmp: pytest's own folders are root's alone
    home.chmod(0o777)
    data = home / "data"
    port = free_port()
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1" + ("" if fsync else " -c fsync=off")
    try:
        subprocess.run(_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
                       check=True, capture_output=True)
        subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"),
                                     "-o", options, "start"]), check=True, capture_output=True)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       check=False, capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


def new_database(server: str) -> str:
    """A new, empty database on ``server``; its URL."""
    import sqlalchemy

    name = "t" + uuid.uuid4().hex[:12]
    engine = sqlalchemy.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return f"{server}/{name}"
