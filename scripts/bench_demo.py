"""Prints how long ``ec2nb --demo list`` takes: the first command (which starts the demo world's
service), a later one (which connects to it), and one after the service idled out (which starts
it again on the saved state); and the demo's own share of a later command (finding and joining
the running world). Each in a fresh demo home, ``--runs`` times; the world is reset at the end.
Targets: joining a running world under 0.3 s; the first command within a few seconds.

    .venv/bin/python scripts/bench_demo.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise SystemExit(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


_JOIN = (
    "import time; t = time.perf_counter(); from app.cli import start_demo; "
    "assert start_demo(); print(time.perf_counter() - t)"
)


def _joining(env: dict[str, str]) -> float:
    """Seconds ``ec2nb --demo`` spends finding and joining a running world."""
    result = subprocess.run(
        [sys.executable, "-c", _JOIN], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return float(result.stdout.strip().splitlines()[-1])


def _service_pid(home: Path) -> int | None:
    from app.demo.world import ServiceInfo

    info = ServiceInfo.read(home / "data" / "demo" / "world" / "service.json")
    return info.pid if info else None


def run_once() -> dict[str, float]:
    from app.demo.world import pid_alive

    with tempfile.TemporaryDirectory(prefix="bench-demo-") as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(EC2NB_HOME=folder, EC2NB_DEMO_IDLE_MINUTES="0.03")
        try:
            plain = _timed(["--version"], env)
            first = _timed(["--demo", "list"], env)
            later = _timed(["--demo", "list"], env)
            join = _joining(env)
            pid = _service_pid(Path(folder))
            while pid is not None and pid_alive(pid):
                time.sleep(0.1)  # waiting for the service to idle out (about 2 s)
            again = _timed(["--demo", "list"], env)
        finally:
            subprocess.run(
                [sys.executable, "-m", "app", "--demo", "reset"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                timeout=120,
            )
    return {"version": plain, "first": first, "later": later, "join": join, "after_idle": again}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for number in range(1, args.runs + 1):
        result = run_once()
        runs.append(result)
        print(
            f"run {number}: ec2nb --version {result['version']:.2f} s; --demo list: first "
            f"{result['first']:.2f} s, later {result['later']:.2f} s (joining the world "
            f"{result['join']:.2f} s), after the service idled out {result['after_idle']:.2f} s"
        )
    for name in ("version", "first", "later", "join", "after_idle"):
        values = [r[name] for r in runs]
        print(f"{name:>10}: median {statistics.median(values):.2f} s, worst {max(values):.2f} s")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
