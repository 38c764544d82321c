import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import ecbplus  # noqa: E402


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
