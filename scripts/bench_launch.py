#!/usr/bin/env python3
"""Wall time of a full launch against the AWS emulator and a loopback sshd, split by step.

The "instance" is an OpenSSH server on 127.0.0.1 whose Python already has JupyterLab (as a
Deep Learning AMI would after its first boot). Prints, per run: the time of each step, the
app's own overhead (everything but the AWS waits, i.e. the ``running`` and ``host-keys``
steps that on EC2 wait for the machine to boot; target < 10 s), the time spent inside AWS
API calls (server side) and the number of AWS calls. Then the same launch through the
``ec2nb`` command line (a new process, as a user runs it) until its ``ready`` event.

The launches run twice: with the emulator's AWS realism layer on (eventual consistency and the
other behaviours of ``app.demo.realism``, as in the tests and the demo) and off, and the
difference of the median totals is what the realism costs (``--realism on|off`` for one only).

Usage: .venv/bin/python scripts/bench_launch.py [--runs N] [--realism both|on|off]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REGION = "us-east-1"
AWS_WAIT_STEPS = ("running", "host-keys")


def _environment(home: Path) -> None:
    for name in list(os.environ):
        if name.startswith("AWS_"):
            del os.environ[name]
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "bench-secret-not-real-0000000000000000000",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_CONFIG_FILE": str(home / "aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "EC2NB_HOME": str(home / "ec2nb"),
            "EC2NB_PUBLIC_IP": "198.51.100.23",
            "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
        }
    )


class ApiTimer:
    """Wraps the emulator's WSGI app to add up the time spent answering API calls."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seconds = 0.0
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        started = time.perf_counter()
        try:
            return list(self.app(environ, start_response))
        finally:
            with self._lock:
                self.seconds += time.perf_counter() - started


def _fingerprint(public_line: str) -> str:
    blob = base64.b64decode(public_line.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def bench_job(aws: Any, timer: ApiTimer, remote_home: Path) -> dict[str, Any]:
    from app.core.launch import LaunchJob
    from app.core.plan import LaunchPlan
    from app.demo.environment import stop_notebooks

    # A fresh "machine" per run, as every EC2 launch is: its own folder, no Jupyter running.
    remote_home.mkdir()
    os.environ["EC2NB_REMOTE_HOME"] = str(remote_home)
    aws.clear_faults()
    timer.seconds = 0.0
    job = LaunchJob(LaunchPlan(region=REGION, volume_gib=40, idle_stop_minutes=60))
    started = time.perf_counter()
    result = job.run()
    total = time.perf_counter() - started
    calls = aws.calls
    api_seconds = timer.seconds
    result.tunnel.close()
    job.cleanup()
    stop_notebooks(remote_home)
    waits = sum(job.timings.get(step, 0.0) for step in AWS_WAIT_STEPS)
    return {
        "total": total,
        "steps": dict(job.timings),
        "overhead": total - waits,
        "api_seconds": api_seconds,
        "calls": calls,
    }


def bench_cli(env: dict[str, str], fingerprint: str) -> tuple[float, str]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "launch", "--region", REGION, "--volume-gib", "40",
         "--trust-host-key", fingerprint, "--yes", "--no-browser", "--json"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    assert process.stdout is not None
    launch_id = ""
    try:
        for raw in process.stdout:
            event = json.loads(raw)
            if event["event"] == "ready":
                launch_id = event["launch_id"]
                break
        elapsed = time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(30)
        process.stdout.close()
    return elapsed, launch_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--realism", choices=("both", "on", "off"), default="both")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ec2nb-bench-launch-"))
    _environment(work)

    from app.demo.emulator import AwsEmulator
    from app.demo.environment import stop_notebooks
    from app.demo.realism import RealismConfig
    from app.demo.sshd import SshServer, find_sshd

    sshd_binary = find_sshd()
    if sshd_binary is None:
        print("bench_launch needs an OpenSSH server (Debian: openssh-server)", file=sys.stderr)
        return 1
    aws = AwsEmulator(RealismConfig(enabled=args.realism != "off"))
    timer = ApiTimer(aws.gateway._app)
    aws.gateway._app = timer
    aws.start()
    os.environ["AWS_ENDPOINT_URL"] = aws.endpoint
    sshd = SshServer(sshd_binary, work / "sshd", env={"EC2NB_PYTHON": sys.executable})
    sshd.start()
    os.environ["EC2NB_SSH_ENDPOINT"] = f"{sshd.user}@{sshd.host}:{sshd.port}"
    remote_home = work / "instance-cli"
    try:
        aws.attach_instance_host(sshd.authorize, [sshd.host_public_key])
        aws.seed_dlami(REGION)
        modes = ("on", "off") if args.realism == "both" else (args.realism,)
        runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
        for i in range(args.runs):  # interleaved, so warm-up and load hit both alike
            for mode in modes:
                aws.set_realism(RealismConfig(enabled=mode == "on"))
                runs[mode].append(bench_job(aws, timer, work / f"instance-{mode}-{i}"))
        medians: dict[str, float] = {}
        for mode in modes:
            print(f"\nRealism {mode}:")
            _print_runs(runs[mode])
            medians[mode] = statistics.median(r["total"] for r in runs[mode])
        if len(medians) == 2:
            added = medians["on"] - medians["off"]
            print(
                f"\nFull launch, median total: realism on {medians['on']:.2f} s, off "
                f"{medians['off']:.2f} s: the realism layer adds {added:.2f} s"
            )
        aws.set_realism(RealismConfig(enabled=args.realism != "off"))
        remote_home.mkdir()
        os.environ["EC2NB_REMOTE_HOME"] = str(remote_home)
        cli_seconds, launch_id = bench_cli(dict(os.environ), _fingerprint(sshd.host_public_key))
        print(f"\nec2nb launch (new process, until its 'ready' event): {cli_seconds:.2f} s")
        subprocess.run(
            [sys.executable, "-m", "app", "terminate", launch_id, "--yes"],
            env=dict(os.environ), capture_output=True, check=True,
        )  # fmt: skip
    finally:
        stop_notebooks(remote_home)
        sshd.stop()
        aws.stop()
    return 0


def _print_runs(runs: list[dict[str, Any]]) -> None:
    from app.core.launch import STEPS

    print(f"Full launch, in-process LaunchJob, {len(runs)} runs (emulator + loopback sshd):")
    print(f"  {'step':16}" + "".join(f"{f'run {i + 1}':>9}" for i in range(len(runs))))
    for step in STEPS:
        cells = "".join(f"{r['steps'].get(step, 0.0):9.3f}" for r in runs)
        print(f"  {step:16}{cells}")
    for label, key in (("total wall", "total"), ("app overhead", "overhead")):
        print(f"  {label:16}" + "".join(f"{r[key]:9.3f}" for r in runs))
    print(f"  {'in AWS API calls':16}" + "".join(f"{r['api_seconds']:9.3f}" for r in runs))
    print(f"  {'AWS calls':16}" + "".join(f"{len(r['calls']):9d}" for r in runs))
    median = statistics.median(r["overhead"] for r in runs)
    print(f"App overhead (all but the AWS waits: {', '.join(AWS_WAIT_STEPS)}): median "
          f"{median:.2f} s (target < 10 s)")  # fmt: skip
    counted = Counter(runs[-1]["calls"])
    print("AWS calls of the last run: " + ", ".join(f"{a} {n}" for a, n in counted.most_common()))


if __name__ == "__main__":
    sys.exit(main())
