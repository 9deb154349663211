"""The demo service: one process per demo home that holds the demo world between commands.

``python -m app.demo.service --home HOME`` (started by :func:`app.demo.world.connect`, which
says why a service) builds the world (:func:`app.demo.environment.start_demo_environment`) on
the saved AWS state, writes the state file, and then, once a second:

- saves the AWS state when a call may have changed it (so a crash loses at most a second);
- stops after ``EC2NB_DEMO_IDLE_MINUTES`` without a request while no ``--demo`` process is
  attached (under the home's lock, so a command starting meanwhile waits and then starts a
  new service on the saved state), or at once on SIGTERM (``ec2nb --demo reset``).

Stopping ends what runs on the loopback instance (sshd, Jupyter, the agents) but keeps its
files and the instances' states: a running instance comes back "running", with its notebook
stopped, as after a host's reboot; ``ec2nb --demo open ID`` starts it again. Its work disk
stays attached (as on EC2) and keeps its files: the next service gives the attached volumes their
devices again (:meth:`EbsStandIn.reattach`), and the open mounts the disk at ~/work again.

As on EC2, stopping or terminating an instance ends what runs on it: its user data and the
notebook the bootstrap started (its pid files in the launch's folder on the instance); its files
stay (the root volume). Source: EC2 API Reference, StopInstances ("When you stop or hibernate an
instance, we shut it down ... Stopping an instance doesn't preserve data stored in RAM"; a
stopped instance retains its root volume). Not reproduced: the ``stopping`` and ``pending``
states in between (moto answers with the end state at once), a graceful OS shutdown (the
notebook gets SIGTERM, the user data SIGKILL), hibernation, and a start that runs the user data
again (EC2 runs it at the first boot only, as here).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from app.demo.world import (
    DEFAULT_IDLE_MINUTES,
    IDLE_ENV,
    ServiceInfo,
    WorldFiles,
    attached_clients,
    world_lock,
)

if TYPE_CHECKING:
    from app.demo.environment import DemoEnvironment
    from app.demo.gateway import ApiRequest

log = logging.getLogger("app.demo.service")

#: Calls that change nothing: no save after them.
_READ_ONLY = ("Describe", "Get", "List", "Simulate", "Decode", "View")


def idle_seconds() -> float:
    try:
        minutes = float(os.environ.get(IDLE_ENV, DEFAULT_IDLE_MINUTES))
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return max(minutes, 0.0) * 60


def _extra(env: DemoEnvironment) -> dict[str, object]:
    quotas = env.quotas
    return {
        "quota_requests": list(getattr(quotas, "requests", [])),
        "quotas_applied": dict(getattr(quotas, "applied", {})),
    }


def power_off_hooks(env: DemoEnvironment) -> None:
    """End an instance's processes when it is stopped or terminated (after AWS agreed)."""
    from app.demo.cloud_init import MARKER
    from app.demo.environment import stop_notebooks

    aws = env.aws

    def powered_off(request: ApiRequest, _body: bytes) -> None:
        ids = [v for k, v in request.params.items() if k.startswith("InstanceId.")]
        for instance_id in ids:
            launch_id = _launch_id(aws, request.region, instance_id)
            if env.instance_home is not None and launch_id:
                stop_notebooks(env.instance_home / launch_id)
            _kill_marked(MARKER, instance_id)

    gateway = aws.gateway  # type: ignore[attr-defined]
    with gateway.lock:
        for action in ("StopInstances", "TerminateInstances"):
            gateway.after.setdefault(action, []).append(powered_off)


def _launch_id(aws: object, region: str, instance_id: str) -> str | None:
    from app.core.aws.tags import LAUNCH_KEY

    try:
        instance = aws.ec2_backend(region).get_instance(instance_id)  # type: ignore[attr-defined]
        tags = {t["key"]: t["value"] for t in instance.get_tags()}
    except Exception:  # unknown id: moto answered with the error already
        return None
    launch_id = tags.get(LAUNCH_KEY)
    # A folder name on the instance: nothing that could leave the notebooks' folder.
    return launch_id if launch_id and "/" not in launch_id and ".." not in launch_id else None


def _kill_marked(name: str, value: str) -> None:
    wanted = f"{name}={value}".encode()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if wanted in (entry / "environ").read_bytes().split(b"\0"):
                os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def serve(home: Path, nonce: str) -> int:
    from app.demo.environment import start_demo_environment
    from app.demo.world_state import restore, save

    files = WorldFiles(home).make()
    stop = threading.Event()
    terminated = threading.Event()

    def on_signal(_signum: int, _frame: object) -> None:
        terminated.set()
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    started = time.monotonic()
    env = start_demo_environment(home, restore=lambda: restore(files.snapshot))
    power_off_hooks(env)
    if env.disks is not None:  # the restored world's attached work disks get their devices
        env.disks.reattach()  # type: ignore[attr-defined]
    aws = env.aws
    save(files.snapshot, _extra(env))
    ServiceInfo(
        pid=os.getpid(),
        endpoint=aws.endpoint,  # type: ignore[attr-defined]
        ssh_endpoint=os.environ.get("EC2NB_SSH_ENDPOINT"),
        remote_home=os.environ.get("EC2NB_REMOTE_HOME"),
        nonce=nonce,
        client_env=env.client_env,
    ).write(files.state)
    log.info("demo service %s ready in %.2f s", os.getpid(), time.monotonic() - started)
    idle = idle_seconds()
    seen, last_active = 0, time.monotonic()
    while not stop.wait(min(1.0, max(idle / 4, 0.05))):
        if not files.state.exists():
            # The demo home was deleted (a test's folder, or by hand): nobody can find this
            # service any more, so it must not run on unseen.
            log.info("demo service: its state file is gone: stopping")
            env.stop()
            return 0
        calls = aws.calls  # type: ignore[attr-defined]
        if len(calls) != seen:
            if any(not c.startswith(_READ_ONLY) for c in calls[seen:]):
                save(files.snapshot, _extra(env))
            seen, last_active = len(calls), time.monotonic()
        if attached_clients(files):
            last_active = time.monotonic()
        elif time.monotonic() - last_active >= idle:
            with world_lock(files, wait=False) as locked:
                # Locked by another: a command is connecting right now, so not idle.
                if locked and not attached_clients(files):
                    log.info("demo service idle for %.0f s: stopping", idle)
                    _shut_down(env, files, save)
                    return 0
    log.info("demo service stopping (%s)", "signal" if terminated.is_set() else "asked")
    _shut_down(env, files, save)
    return 0


def _shut_down(env: DemoEnvironment, files: WorldFiles, save: object) -> None:
    try:
        if files.folder.is_dir():
            save(files.snapshot, _extra(env))  # type: ignore[operator]
        files.state.unlink(missing_ok=True)
    finally:  # whatever happened to the files, nothing of the world may stay running
        env.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.demo.service")
    parser.add_argument("--home", required=True, type=Path)
    parser.add_argument("--nonce", default="")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from app.core.logs import RedactingFilter

    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter())
    with contextlib.suppress(KeyboardInterrupt):
        return serve(args.home, args.nonce)
    return 0


if __name__ == "__main__":
    sys.exit(main())
