"""Shared by the quality gates: a benchmark script loaded as a module, and its data set or a skip."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _benchmark_module(name: str):
    """``benchmarks/<name>.py`` as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _shared_data(load):
    """``load()``, or skip the gate when the shared benchmark data is absent (fail under CI)."""
    try:
        return load()
    except FileNotFoundError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared benchmark data for this quality gate: {error}")
        pytest.skip(str(error))


@pytest.fixture
def benchmark_module():
    return _benchmark_module


@pytest.fixture
def shared_data():
    return _shared_data
