"""What the service benchmarks share: waiting for a server to answer, and appending a run's row to its results."""
from __future__ import annotations

import platform
import time
from collections.abc import Callable
from pathlib import Path


def wait_until_up(base: str, exit_code: Callable[[], int | None], timeout: float = 300) -> None:
    """Return once ``base`` answers /api/v1/health; fail early when the server has exited (``exit_code`` gives
    its code, or None while it runs: ``Popen.poll`` or ``lambda: process.exitcode``)."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (code := exit_code()) is not None:
            raise RuntimeError(f"the server exited with code {code}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer /api/v1/health within {timeout:.0f} s")


def append_result(out: Path, line: str, header: str) -> None:
    """Add one run's table row (dated) to a results file, which starts with ``header`` when new."""
    if not out.exists():
        out.write_text(header)
    with out.open("a") as f:
        f.write(line + f" <!-- {time.strftime('%Y-%m-%d')} python {platform.python_version()} -->\n")
