"""Before/after in one run: the children of throughput.py and incremental.py under two source trees, alternated.

The machine these benchmarks run on is shared, so absolute times drift by tens of percent between runs; two
versions measured in the same run, turn about, give a ratio that holds. Each tree is a ``src`` folder (e.g. from
``git archive <commit> src | tar -x -C /tmp/base``); both run with this checkout's benchmark scripts.

    python benchmarks/compare.py --base /tmp/base/src --new src throughput --docs 150 --runs 2
    python benchmarks/compare.py --base /tmp/base/src --new src incremental --store 1k.db 4k.db --runs 3

``throughput``: a fresh process per run ingests the first ``--docs`` ECB+ documents with the real models, pinned
to core 0 (model loading included); reported with its CPU time, which drifts less than wall time.
``incremental``: a fresh process per run adds the next 100 articles of the synthetic stream to a copy of each ``--store`` (built by
``incremental.py``), with the model stand-ins, and times the dossiers of the touched stories and the read path;
stores of different sizes are measured turn about too, so the growth ratio compares like with like.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(command: list[str], src: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(Path(src).resolve()), HF_HUB_OFFLINE="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode:
        sys.exit(f"{' '.join(command)} failed under {src}:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["cpu_s"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return result


def throughput(src: str, docs: int, folder: Path) -> dict:
    data = folder / f"ecbplus-{docs}.jsonl"
    if not data.exists():
        sys.path.insert(0, str(HERE))
        from throughput import write_input

        lines = write_input(folder).read_text(encoding="utf-8").splitlines()[:docs]
        data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = Path(tempfile.mkdtemp(dir=folder)) / "run.db"
    prefix = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    return _run([*prefix, sys.executable, str(HERE / "throughput.py"), "--child", str(data), str(db), "1"], src)


def incremental(src: str, store: Path, folder: Path) -> dict:
    copy = Path(tempfile.mkdtemp(dir=folder)) / "copy.db"
    shutil.copy(store, copy)
    return _run([sys.executable, str(HERE / "incremental.py"), "--child", str(copy), "100"], src)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="src folder of the version before")
    parser.add_argument("--new", required=True, help="src folder of the version after")
    parser.add_argument("what", choices=["throughput", "incremental"])
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--store", type=Path, nargs="+", default=[])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    labels = [str(store) for store in args.store] if args.what == "incremental" else [f"{args.docs} docs"]
    results: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for label in labels:
                for name in ("base", "new"):  # turn about, so drift in the machine's load hits both alike
                    src = getattr(args, name)
                    if args.what == "throughput":
                        r = throughput(src, args.docs, Path(tmp))
                    else:
                        r = incremental(src, Path(label), Path(tmp))
                    results.setdefault((label, name), []).append(r)
                    print(label, name, run, json.dumps(r), file=sys.stderr, flush=True)
    for label in labels:
        base_runs, new_runs = results[(label, "base")], results[(label, "new")]
        numeric = [k for k, v in base_runs[0].items() if isinstance(v, (int, float))]
        print(f"\n{label}\n\n| measure | base (median of {args.runs}) | new | new / base |\n|---|---:|---:|---:|")
        for key in numeric:
            base = statistics.median(r[key] for r in base_runs)
            new = statistics.median(r[key] for r in new_runs)
            print(f"| {key} | {base:.3f} | {new:.3f} | {new / base if base else float('nan'):.2f} |")

if __name__ == "__main__":
    main()
