"""How many AWS calls, and how long, the GPU catalog and the provisioning steps take.

Runs against an in-process moto server (with the demo's stand-ins for Pricing, Service Quotas
and spot prices, which moto lacks), so the numbers measure the app's own work and its number
of round trips, not AWS's latency. Calls are counted with a botocore event hook: ``calls`` are
API operations, ``sends`` HTTP attempts including retries.

    .venv/bin/python scripts/bench_aws.py [--region us-east-1] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

_SANDBOX = Path(tempfile.mkdtemp(prefix="ec2nb-bench-"))
# Before boto3 is imported: never the developer's AWS configuration, never real AWS.
for _name in [n for n in os.environ if n.startswith("AWS_")]:
    del os.environ[_name]
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_CONFIG_FILE": str(_SANDBOX / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(_SANDBOX / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
        "EC2NB_HOME": str(_SANDBOX / "home"),
    }
)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class CallCounter:
    """Counts API calls and HTTP sends of every client of a session."""

    def __init__(self, session: Any) -> None:
        self.calls: Counter[str] = Counter()
        self.sends = 0
        session.events.register("before-call", self._call)
        session.events.register("before-send", self._send)

    def _call(self, model: Any, **_: Any) -> None:
        self.calls[f"{model.service_model.service_name}:{model.name}"] += 1

    def _send(self, **_: Any) -> None:
        self.sends += 1

    def reset(self) -> None:
        self.calls.clear()
        self.sends = 0


def measure(counter: CallCounter, work: Callable[[], object]) -> tuple[float, int, int, object]:
    counter.reset()
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    return elapsed, sum(counter.calls.values()), counter.sends, result


def one_round(region: str) -> list[tuple[str, float, int, int]]:
    import boto3

    from app.core.aws import provisioning as prov
    from app.core.aws.amis import resolve_image
    from app.core.aws.catalog import find_gpu_instance_types
    from app.core.aws.fleet import (
        cleanup_launch,
        create_idle_alarm,
        list_managed_instances,
        terminate_instance,
    )
    from app.core.aws.identity import check_identity
    from app.core.aws.preselect import default_gpu_type
    from app.core.aws.quotas import check_vcpu_quota, check_vcpu_quotas
    from app.core.aws.session import Credentials, make_session
    from app.core.aws.tags import new_launch_id
    from app.core.keys import generate_key, public_openssh_line
    from app.core.paths import cache_dir

    for cached in (cache_dir() / "prices").glob("*.json"):
        cached.unlink()
    session: boto3.Session = make_session(Credentials(), region)
    counter = CallCounter(session)
    rows: list[tuple[str, float, int, int]] = []

    def step(name: str, work: Callable[[], object]) -> Any:
        elapsed, calls, sends, result = measure(counter, work)
        rows.append((name, elapsed, calls, sends))
        return result

    def catalog() -> object:
        types = find_gpu_instance_types(session, region)
        quotas = check_vcpu_quotas(
            session, region, [(t.instance_type, t.vcpus) for t in types], "on-demand"
        )
        return default_gpu_type(types, quotas)

    step("catalog (cold: Pricing API)", catalog)
    step("catalog (warm: prices cached)", catalog)
    launch_id = new_launch_id()
    step("identity", lambda: check_identity(session))
    image = step("ami (latest DLAMI)", lambda: resolve_image(session, region, "latest", FLAVOUR))
    step("quota", lambda: check_vcpu_quota(session, region, "g4dn.xlarge", 4, "on-demand"))
    group = step(
        "security group",
        lambda: prov.ensure_security_group(
            session, region, launch_id, prov.public_ipv4(fetch=lambda: "198.51.100.23"), https=False
        ),
    )
    key = generate_key("ed25519")
    key_name = step(
        "key pair (import)",
        lambda: prov.import_key_pair(session, region, launch_id, public_openssh_line(key, "b")),
    )
    spec = prov.InstanceSpec(
        launch_id, image.image_id, "g4dn.xlarge", key_name, group, 100, "gp3", True,
        "on-demand", "", image.root_device_name, [],
    )  # fmt: skip
    info = step("instance (RunInstances)", lambda: prov.run_instance(session, region, spec))
    step("running", lambda: prov.wait_running(session, region, info.instance_id, poll_seconds=0.05))
    step("host keys", lambda: prov.console_host_keys(session, region, info.instance_id))
    step("idle alarm", lambda: create_idle_alarm(session, region, info.instance_id, launch_id, 60))
    step("fleet list (all regions)", lambda: list_managed_instances(session))
    step(
        "terminate",
        lambda: terminate_instance(session, region, info.instance_id, poll_seconds=0.05),
    )
    step("cleanup", lambda: cleanup_launch(session, region, launch_id, poll_seconds=0.05))
    return rows


FLAVOUR = "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from app.demo.emulator import AwsEmulator
    from app.demo.services import emulate_missing_services

    aws = AwsEmulator()
    aws.start()
    os.environ["AWS_ENDPOINT_URL"] = aws.endpoint
    try:
        results: dict[str, list[tuple[float, int, int]]] = {}
        for _ in range(args.rounds):
            aws.reset()
            emulate_missing_services(aws)
            aws.seed_dlami(args.region, flavour=FLAVOUR)
            aws.attach_instance_host(lambda _key: None, _host_keys())
            for name, elapsed, calls, sends in one_round(args.region):
                results.setdefault(name, []).append((elapsed, calls, sends))
    finally:
        aws.stop()

    print(f"AWS calls and wall time against moto ({args.region}, median of {args.rounds} rounds)")
    print(f"{'step':34} {'calls':>5} {'sends':>5} {'ms':>8}")
    total_calls = total_ms = 0.0
    for name, samples in results.items():
        ms = statistics.median(s[0] for s in samples) * 1000
        calls, sends = samples[-1][1], samples[-1][2]
        if not name.startswith("catalog"):
            total_calls += calls
            total_ms += ms
        print(f"{name:34} {calls:5d} {sends:5d} {ms:8.1f}")
    print(
        f"{'provisioning steps, identity..cleanup':34} {int(total_calls):5d} {'':5} {total_ms:8.1f}"
    )
    return 0


def _host_keys() -> list[str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    public = ed25519.Ed25519PrivateKey.generate().public_key()
    line = public.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    return [line.decode()]


if __name__ == "__main__":
    sys.exit(main())
