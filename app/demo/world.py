"""The demo world that lasts across commands: how an ``ec2nb --demo`` process finds it.

Why a service process (:mod:`app.demo.service`) and not each command restoring a saved world
itself: a demo instance *runs* (sshd, Jupyter, its agents) after the command that launched it
has ended, as an EC2 machine does, and someone has to own those processes and answer for the
emulator meanwhile. So the first ``--demo`` command starts one service per demo home, detached
from it; every later command (and the wizard) uses that one. It is found through a small state
file (its pid, the emulator's address, the instance's SSH endpoint); a lock on the demo home
makes two commands started at once find one service. The service saves the AWS state as it
changes (:mod:`app.demo.world_state`), stops by itself after ``EC2NB_DEMO_IDLE_MINUTES``
(default 15) without a request while no ``--demo`` process is attached, and the next command
starts a new one on the saved state: the same instances, keys and host key; a running instance
comes back running, and ``ec2nb --demo open ID`` starts its notebook again. ``ec2nb --demo
reset`` stops the service, ends whatever the world started and forgets it all.

On Windows (no sshd there: the demo provisions only) a reset ends the service with
TerminateProcess, which it cannot catch; its state was saved after the last change anyway.

Layout, in the demo home (owner-only): ``world/service.json`` (the state file),
``world/service.lock``, ``world/service.log``, ``world/aws.pickle`` (the saved AWS state) and
``world/clients/<pid>`` (one per attached ``--demo`` process, which keeps the service awake).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Minutes without a request (and no attached process) before the service stops.
IDLE_ENV = "EC2NB_DEMO_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 15.0
START_TIMEOUT = 120.0  # the first start makes the instance's Python environment
LOG_LIMIT = 1_000_000  # bytes of service.log before a new service starts a new one


@dataclass(frozen=True)
class WorldFiles:
    """Where a demo home keeps its world."""

    home: Path

    @property
    def folder(self) -> Path:
        return self.home / "world"

    @property
    def state(self) -> Path:
        return self.folder / "service.json"

    @property
    def lock(self) -> Path:
        return self.folder / "service.lock"

    @property
    def log(self) -> Path:
        return self.folder / "service.log"

    @property
    def snapshot(self) -> Path:
        return self.folder / "aws.pickle"

    @property
    def clients(self) -> Path:
        return self.folder / "clients"

    def make(self) -> WorldFiles:
        from app.core.paths import private_dir

        private_dir(self.home)
        private_dir(self.folder)
        private_dir(self.clients)
        return self


@dataclass(frozen=True)
class ServiceInfo:
    """What the state file says of a running service."""

    pid: int
    endpoint: str
    ssh_endpoint: str | None
    remote_home: str | None
    nonce: str = ""
    #: What every command must have in its environment (``DemoEnvironment.client_env``).
    client_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> ServiceInfo | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                pid=int(data["pid"]),
                endpoint=str(data["endpoint"]),
                ssh_endpoint=data.get("ssh_endpoint"),
                remote_home=data.get("remote_home"),
                nonce=str(data.get("nonce", "")),
                client_env={str(k): str(v) for k, v in (data.get("client_env") or {}).items()},
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        part = path.with_suffix(".part")
        with open(part, "w", encoding="utf-8", opener=lambda p, f: os.open(p, f, 0o600)) as file:
            json.dump(self.__dict__, file)
        os.replace(part, path)

    def answers(self) -> bool:
        """Whether the emulator listens (a dead service's port is closed)."""
        host_port = self.endpoint.rsplit("/", 1)[-1]
        host, _, port = host_port.rpartition(":")
        try:
            with socket.create_connection((host, int(port)), timeout=2):
                return True
        except (OSError, ValueError):
            return False


@contextlib.contextmanager
def world_lock(files: WorldFiles, *, wait: bool = True) -> Iterator[bool]:
    """Hold the demo home's lock (one process starts or stops its service at a time); yields
    False when ``wait`` is off and another process holds it."""
    with open(files.lock, "a+b") as handle:
        if os.name == "nt":  # pragma: no cover (the demo's sshd is POSIX-only; its lock is not)
            import msvcrt

            mode = msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
            try:
                msvcrt.locking(handle.fileno(), mode, 1)
            except OSError:
                yield False
                return
            try:
                yield True
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        import fcntl

        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover (Windows)
    found = subprocess.run(
        ["tasklist", "/FI", f"PID eq {pid}", "/NH"], capture_output=True, text=True, check=False
    )
    return str(pid) in found.stdout


def attached_clients(files: WorldFiles) -> list[int]:
    """The ``--demo`` processes attached to the world that still run (stale entries go)."""
    alive = []
    for entry in files.clients.glob("*"):
        pid = int(entry.name) if entry.name.isdigit() else -1
        if pid_alive(pid):
            alive.append(pid)
        else:
            entry.unlink(missing_ok=True)
    return alive


def _attach(files: WorldFiles) -> None:
    entry = files.clients / str(os.getpid())
    entry.touch(mode=0o600)
    atexit.register(entry.unlink, missing_ok=True)


def connect(home: Path) -> ServiceInfo:
    """Find the demo home's service, or start it; point this process at it.

    Raises ``RuntimeError`` with the service's log when it cannot start.
    """
    from app.demo.environment import point_environment_at

    files = WorldFiles(home).make()
    with world_lock(files):
        info = ServiceInfo.read(files.state)
        if info is None or not pid_alive(info.pid) or not info.answers():
            info = _start_service(files)
        _attach(files)  # under the lock: the service cannot decide it is idle meanwhile
    point_environment_at(home)
    os.environ["AWS_ENDPOINT_URL"] = info.endpoint
    if info.ssh_endpoint:
        os.environ["EC2NB_SSH_ENDPOINT"] = info.ssh_endpoint
        os.environ["EC2NB_REMOTE_HOME"] = info.remote_home or ""
        os.environ.update(info.client_env)
    else:
        os.environ["EC2NB_PROVISION_ONLY"] = "1"
    return info


def _start_service(files: WorldFiles) -> ServiceInfo:
    nonce = uuid.uuid4().hex
    files.state.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    detached: dict[str, Any] = (
        {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS}
        if os.name == "nt"
        else {"start_new_session": True}  # a Ctrl+C in the terminal is for the command only
    )
    if files.log.exists() and files.log.stat().st_size > LOG_LIMIT:
        files.log.replace(files.log.with_suffix(".log.1"))  # one old log kept, not a growing one
    with open(files.log, "ab", opener=lambda p, f: os.open(p, f, 0o600)) as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.demo.service", "--home", str(files.home), "--nonce", nonce],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=env,
            close_fds=True,
            **detached,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        info = ServiceInfo.read(files.state)
        if info is not None and info.nonce == nonce:
            return info
        if process.poll() is not None:
            break
        time.sleep(0.05)  # another process's start-up: there is no event to wait on
    with contextlib.suppress(OSError):
        process.kill()
    tail = files.log.read_text(encoding="utf-8", errors="replace")[-3000:]
    raise RuntimeError(f"the demo service did not start:\n{tail}")


def stop_service(files: WorldFiles, timeout: float = 30.0) -> bool:
    """Stop the running service (it saves its state and ends its instance's processes);
    True when one was running. The caller holds the lock."""
    info = ServiceInfo.read(files.state)
    if info is None or not pid_alive(info.pid):
        return False
    with contextlib.suppress(OSError):
        os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid_alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # the service's shutdown, in another process
    if pid_alive(info.pid):
        with contextlib.suppress(OSError):
            os.kill(info.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
    return True


def reset(home: Path) -> list[str]:
    """Stop the service, end every process of the world and forget it; what was done."""
    from app.demo.environment import fresh_home, instance_folder, world_mark

    files = WorldFiles(home).make()
    done = []
    with world_lock(files):
        if stop_service(files):
            done.append("stopped the demo service")
        left = marked_processes(world_mark(home))
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        if left:
            done.append(f"ended {len(left)} leftover process(es) of the demo instance")
        for entry in files.folder.iterdir():
            if entry != files.lock:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        shutil.rmtree(instance_folder(home), ignore_errors=True)
        fresh_home(home)
    done.append("forgot the demo's AWS state, launches and keys")
    return done


def marked_processes(mark: str) -> list[int]:
    """The processes whose environment has ``EC2NB_DEMO_WORLD=mark`` (Linux; [] elsewhere)."""
    from app.demo.environment import WORLD_ENV

    proc = Path("/proc")
    if not proc.is_dir():
        return []
    wanted = f"{WORLD_ENV}={mark}".encode()
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or another user's
            continue
        if wanted in environ.split(b"\0"):
            found.append(int(entry.name))
    return found
