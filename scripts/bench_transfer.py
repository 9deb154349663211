"""Push / pull throughput through SFTP (``ec2nb push`` / ``pull``) against OpenSSH's ``scp``.

Both against a real sshd on loopback, with the same key and a verified host key (``scp`` gets
a known_hosts file; nothing is ever trusted blindly). Target: at least 80 % of scp's speed.

Run: .venv/bin/python scripts/bench_transfer.py [--size-mb 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.remote.connect import connect  # noqa: E402
from app.core.remote.hostkeys import KnownHosts  # noqa: E402
from app.core.remote.transfer import pull, push  # noqa: E402
from tests.support.ssh_login import login_target  # noqa: E402
from tests.support.sshd import SshServer  # noqa: E402
from tests.support.tools import _EXTRA_PATH  # noqa: E402


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = os.pathsep.join([os.environ["PATH"], *_EXTRA_PATH])
    sshd_binary, scp = shutil.which("sshd", path=path), shutil.which("scp", path=path)
    if not sshd_binary or not scp:
        print("sshd and scp are needed (Debian packages openssh-server, openssh-client)")
        return 1
    work = Path(tempfile.mkdtemp(prefix="ec2nb-bench-transfer-"))
    os.environ["EC2NB_HOME"] = str(work / "ec2nb-home")
    server = SshServer(sshd_binary, work / "sshd")
    try:
        server.start()
        home = server.make_home("bench")
        local = work / "local"
        local.mkdir()
        source = local / "data.bin"
        source.write_bytes(os.urandom(args.size_mb * 1_000_000))
        size = source.stat().st_size
        target = login_target(server, work)
        key_path = target.key_path
        known = KnownHosts(work / "known_hosts")

        def connector() -> object:
            return connect(target, known_hosts=known, deadline_seconds=20)

        known_hosts = work / "scp_known_hosts"
        known_hosts.write_text(f"[{server.host}]:{server.port} {server.host_public_key}\n")
        scp_base = [
            scp,
            "-q",
            "-i",
            str(key_path),
            "-P",
            str(server.port),
            "-o",
            f"UserKnownHostsFile={known_hosts}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
        ]
        remote = f"{server.user}@{server.host}:{home}/scp.bin"
        down = work / "down"
        down.mkdir()

        actions: dict[str, Callable[[], object]] = {
            "scp up": lambda: subprocess.run([*scp_base, str(source), remote], check=True),
            "ec2nb up": lambda: push(connector, [source], notebook_folder=str(home)),  # type: ignore[arg-type]
            "scp down": lambda: subprocess.run(
                [*scp_base, remote, str(down / "scp.bin")], check=True
            ),
            "ec2nb down": lambda: pull(connector, ["data.bin"], down, notebook_folder=str(home)),  # type: ignore[arg-type]
        }
        # Interleaved runs: a machine shared with other work slows both sides alike.
        seconds: dict[str, list[float]] = {name: [] for name in actions}
        for _ in range(args.runs):
            for name, action in actions.items():
                started = time.perf_counter()
                action()
                seconds[name].append(time.perf_counter() - started)
        speed = {name: size / statistics.median(s) / 1e6 for name, s in seconds.items()}
        scp_up, ours_up = speed["scp up"], speed["ec2nb up"]
        scp_down, ours_down = speed["scp down"], speed["ec2nb down"]
        assert _sha(down / "data.bin") == _sha(source) == _sha(home / "data.bin")
        print(f"{args.size_mb} MB over loopback, median of {args.runs} runs (MB/s):")
        print(f"  push: ec2nb {ours_up:7.1f}   scp {scp_up:7.1f}   {ours_up / scp_up:6.1%}")
        print(f"  pull: ec2nb {ours_down:7.1f}   scp {scp_down:7.1f}   {ours_down / scp_down:6.1%}")
        print("  target: at least 80 % of scp's")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
