"""Benchmark the remote path against a real sshd and JupyterLab on this machine.

1. Time from "SSH port open" to "notebook answers through the tunnel" with JupyterLab already
   installed (target: under 5 s): connect, bootstrap (starts Jupyter), tunnel, first API call.
2. Tunnel throughput: a 50 MB file downloaded through Jupyter's contents API, through the
   tunnel and directly, and through the raw /files/ handler.

Run: .venv/bin/python scripts/bench_remote.py [--size-mb 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.remote.bootstrap import BootstrapOptions, run_bootstrap, stop_notebook  # noqa: E402
from app.core.remote.connect import connect, wait_for_ssh  # noqa: E402
from app.core.remote.hostkeys import KnownHosts  # noqa: E402
from app.core.remote.tunnel import Tunnel  # noqa: E402
from tests.support.ssh_login import login_target  # noqa: E402
from tests.support.sshd import SshServer, free_port  # noqa: E402
from tests.support.tools import _EXTRA_PATH  # noqa: E402


def _get(url: str, token: str | None = None) -> bytes:
    headers = {"Authorization": f"token {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (loopback)
        return bytes(response.read())


def _wait_ok(url: str, token: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(url, token)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="cold starts to time")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ec2nb-bench-remote-"))
    os.environ["EC2NB_HOME"] = str(work / "ec2nb-home")
    sshd_binary = shutil.which("sshd", path=os.pathsep.join([os.environ["PATH"], *_EXTRA_PATH]))
    if not sshd_binary:
        print("sshd is not installed (Debian package openssh-server)")
        return 1
    server = SshServer(sshd_binary, work / "sshd", env={"EC2NB_PYTHON": sys.executable})
    options_list: list[BootstrapOptions] = []
    try:
        server.start()
        target = login_target(server, work)
        known = KnownHosts(work / "known_hosts")
        print(f"sshd on {server.host}:{server.port}; JupyterLab from {sys.executable}")

        cold: list[dict[str, float]] = []
        for run in range(args.runs):
            home = work / f"home-{run}"
            home.mkdir()
            options = BootstrapOptions(port=free_port(), remote_home=str(home))
            options_list.append(options)
            wait_for_ssh(target, deadline_seconds=10)
            t0 = time.perf_counter()  # the SSH port is open
            client = connect(target, known_hosts=known, deadline_seconds=30)
            t1 = time.perf_counter()
            info = run_bootstrap(client, options)
            t2 = time.perf_counter()
            tunnel = Tunnel(
                lambda: connect(target, known_hosts=known),
                info.port,
                local_port=free_port(),
                client=client,
            )
            tunnel.start()
            _wait_ok(f"http://127.0.0.1:{tunnel.local_port}/api/status", info.token)
            t3 = time.perf_counter()
            cold.append(
                {"connect": t1 - t0, "bootstrap": t2 - t1, "tunnel": t3 - t2, "total": t3 - t0}
            )
            if run < args.runs - 1:
                tunnel.close()
        print(
            "\nSSH port open -> notebook answers through the tunnel"
            " (Jupyter installed, cold start):"
        )
        for run, numbers in enumerate(cold):
            parts = ", ".join(f"{k} {v:.2f} s" for k, v in numbers.items())
            print(f"  run {run + 1}: {parts}")
        totals = [c["total"] for c in cold]
        print(f"  median total: {statistics.median(totals):.2f} s (target < 5 s)")

        # Second bootstrap on a running notebook: what a reconnecting app pays.
        warm_client = connect(target, known_hosts=known)
        t = time.perf_counter()
        run_bootstrap(warm_client, options_list[-1])
        print(f"bootstrap again, Jupyter already running: {time.perf_counter() - t:.2f} s")
        warm_client.close()

        # Throughput: a file in the notebook folder.
        size = args.size_mb * 1024 * 1024
        name = "bench.bin"
        (Path(options_list[-1].remote_home or "") / name).write_bytes(os.urandom(size))
        direct = f"http://127.0.0.1:{info.port}"
        tunneled = f"http://127.0.0.1:{tunnel.local_port}"
        print(f"\nDownload of {args.size_mb} MB:")
        for label, base, path in (
            (
                "contents API, direct  ",
                direct,
                f"/api/contents/{name}?content=1&format=base64&type=file",
            ),
            (
                "contents API, tunnel  ",
                tunneled,
                f"/api/contents/{name}?content=1&format=base64&type=file",
            ),
            ("/files/ raw, direct   ", direct, f"/files/{name}"),
            ("/files/ raw, tunnel   ", tunneled, f"/files/{name}"),
        ):
            best = float("inf")
            for _ in range(2):
                t = time.perf_counter()
                body = _get(base + path, info.token)
                best = min(best, time.perf_counter() - t)
            if path.startswith("/api"):
                assert len(json.loads(body)["content"]) >= size
            else:
                assert len(body) == size
            wire = len(body) / 1024 / 1024
            print(
                f"  {label}: {best:.2f} s, {wire / best:.0f} MB/s on the wire ({wire:.0f} MB), "
                f"{args.size_mb / best:.0f} MB/s of file"
            )
        tunnel.close()
    finally:
        for options in options_list:
            try:
                with connect(target, known_hosts=known, deadline_seconds=10) as client:
                    stop_notebook(client, options)
            except Exception as exc:  # keep cleaning up the others
                print(f"could not stop a notebook: {exc}")
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
