"""Ray parity: the same corpus through the local executor and through Ray Data gives the same stories and
duplicates. Runs in a subprocess with a hard timeout, so a hung Ray fails the test instead of stalling CI."""

import importlib.util
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import storyline

TIMEOUT = 240  # seconds; about 40 on two busy cores, most of it starting Ray and its actors
HERE = Path(__file__).resolve().parent

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                                reason="Ray not installed (pip install 'storyline[ray]')")


def test_local_and_ray_give_identical_stories_and_duplicates(tmp_path):
    src = Path(storyline.__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(HERE.parent)]), "RAY_AUTH_MODE": "disabled",
           "RAY_ADDRESS": "", "HF_HUB_OFFLINE": "1"}
    with subprocess.Popen([sys.executable, str(HERE / "ray_parity_run.py"), str(tmp_path)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True) as run:
        try:
            out, err = run.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)  # Ray's own processes share the session: none outlives the test
            run.communicate()
            pytest.fail(f"the Ray run did not finish within {TIMEOUT} s")
    assert run.returncode == 0, err[-3000:]
    results = json.loads(out.strip().splitlines()[-1])
    assert results["ray"] == results["local"]
    assert len(results["local"]["stories"]) == 2 and len(results["local"]["duplicates"]) == 1
