"""A small cloud-init for the loopback instance: boots each launched instance as EC2 would.

What the app relies on, in cloud-init's order (``cloud.cfg``: the ``ssh`` module in the init
stage; ``scripts_user`` before ``keys_to_console`` in the final stage):

1. the key pair's public key is authorised for the login user;
2. the user data runs as root (when we are root), with root's umask 022, a minimal environment
   of its own (plus the image's settings, e.g. its Python) and its output on the console;
3. only after the user-data script has ended does the ``BEGIN SSH HOST KEY KEYS`` block appear.

The console itself behaves as EC2's does: empty for the first stretch of boot, only its last
64 KB, lines of several writers (the kernel, systemd, the script) interleaved and cut, and
``Latest=True`` refused on Xen instance types. Terminating an instance ends every process its
boot started (they carry a marker in their environment).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.demo.realism import RealismConfig

#: EC2 keeps the most recent 64 KB of console output (GetConsoleOutput reference).
CONSOLE_LIMIT = 64 * 1024
BOOT_QUIET_SECONDS = 1.0  # console empty this long after RunInstances, at scale 1
MARKER = "EC2NB_STAND_IN_INSTANCE"
_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
_CUT_EVERY = 3  # every third chunk of the script's output is cut by another writer's line


@dataclass
class _Console:
    visible_from: float
    chunks: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: float = field(default_factory=time.monotonic)

    def write(self, text: str) -> None:
        with self.lock:
            self.chunks.append(text)

    def kernel(self, text: str) -> None:
        """A whole line from the kernel or systemd, stamped like dmesg."""
        self.write(f"[{time.monotonic() - self.started + 3.2:12.6f}] {text}\n")

    def text(self) -> str:
        if time.monotonic() < self.visible_from:
            return ""
        with self.lock:
            return "".join(self.chunks)[-CONSOLE_LIMIT:]


class CloudInitStandIn:
    """Boots instances for :meth:`app.demo.emulator.AwsEmulator.attach_instance_host`."""

    def __init__(
        self,
        authorize: Callable[[str], None],
        host_public_keys: list[str],
        environment: Mapping[str, str],
        realism: RealismConfig | None = None,
        *,
        cut_key_lines: bool = False,
    ) -> None:
        self._authorize = authorize
        self._keys = list(host_public_keys)
        self._environment = dict(environment)
        self._realism = realism or RealismConfig.from_env()
        self._cut_key_lines = cut_key_lines
        self._consoles: dict[str, _Console] = {}
        self._lock = threading.Lock()
        self._folder: Path | None = None  # made at the first user data

    def boot(self, instance_id: str, public_key: str | None, user_data: str) -> None:
        """Start booting ``instance_id`` in the background (RunInstances has answered)."""
        quiet = self._realism.seconds(BOOT_QUIET_SECONDS)
        console = _Console(visible_from=time.monotonic() + quiet)
        with self._lock:
            self._consoles[instance_id] = console
        threading.Thread(
            target=self._boot,
            args=(instance_id, console, public_key, user_data),
            name=f"cloud-init {instance_id}",
            daemon=True,
        ).start()

    def console(self, instance_id: str) -> str | None:
        """The console output so far, or None for an instance this stand-in did not boot."""
        with self._lock:
            console = self._consoles.get(instance_id)
        return None if console is None else console.text()

    def terminate(self, instance_id: str) -> None:
        """End every process the instance's boot started, as terminating a machine does."""
        for pid in _marked_processes(instance_id):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)

    def shutdown(self) -> None:
        with self._lock:
            booted = list(self._consoles)
        for instance_id in booted:
            self.terminate(instance_id)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    # -- the boot ---------------------------------------------------------------------------

    def _boot(
        self, instance_id: str, console: _Console, public_key: str | None, user_data: str
    ) -> None:
        console.kernel("Linux version 6.8.0-1029-aws (buildd@lcy02-amd64-012) #31-Ubuntu SMP")
        console.kernel("Command line: BOOT_IMAGE=/vmlinuz-6.8.0-1029-aws root=PARTUUID=ec2")
        console.write("cloud-init[712]: Cloud-init v. 24.4.1 running 'init' at boot.\n")
        if public_key:
            self._authorize(public_key)  # the init stage's ssh module
        console.write("cloud-init[1120]: Cloud-init v. 24.4.1 running 'modules:final'.\n")
        if user_data.strip():
            self._run_user_data(instance_id, console, user_data)
        console.write(keys_to_console(self._keys, cut=self._cut_key_lines))
        stamp = dt.datetime.now(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
        console.write(
            f"cloud-init[1290]: Cloud-init v. 24.4.1 finished at {stamp}. "
            "Datasource DataSourceEc2Local.\n"
        )

    def _run_user_data(self, instance_id: str, console: _Console, user_data: str) -> None:
        with self._lock:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="ec2nb-cloud-init-"))
            script = self._folder / f"{instance_id}-part-001"
        script.write_text(user_data, encoding="utf-8")
        script.chmod(0o700)
        home = "/root" if os.geteuid() == 0 else str(Path.home())
        env = {"PATH": _PATH, "LANG": "C.UTF-8", "HOME": home, **self._environment}
        env[MARKER] = instance_id
        try:
            process = subprocess.Popen(
                [str(script)] if user_data.startswith("#!") else ["/bin/sh", str(script)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=env,
                cwd="/",
                start_new_session=True,
                umask=0o022,  # root's, as cloud-init runs it
            )
        except OSError as exc:
            console.write(f"cloud-init[1290]: failed to run user data: {exc}\n")
            return
        assert process.stdout is not None
        count = 0
        while chunk := os.read(process.stdout.fileno(), 4096):
            text = chunk.decode("utf-8", "replace")
            count += 1
            if self._realism.enabled and count % _CUT_EVERY == 0 and len(text) > 8:
                # Another writer's line lands in the middle of the script's line.
                middle = len(text) // 2
                console.write(text[:middle])
                console.kernel("systemd[1]: Started snap.amazon-ssm-agent.service.")
                console.write(text[middle:])
            else:
                console.write(text)
        process.stdout.close()
        status = process.wait()
        script.unlink(missing_ok=True)
        if status != 0:
            console.write(
                f"cloud-init[1290]: {script.name} failed with exit status {status}\n"
                "cloud-init[1290]: Failed to run module scripts_user\n"
            )


def keys_to_console(host_public_keys: list[str], *, cut: bool = False) -> str:
    """cloud-init's ``keys_to_console`` block for ``host_public_keys``.

    ``cut``: another writer's line lands inside every key line (at a multiple of four base64
    characters, where the cut-off part still decodes), as a busy console can show.
    """
    lines = []
    for line in host_public_keys:
        kind, blob = line.split()[:2]
        if cut:
            at = (len(blob) * 3 // 4) // 4 * 4
            lines.append(f"{kind} {blob[:at]}[   41.202311] systemd[1]: Started ssh.service.\n")
            lines.append(f"{blob[at:]} root@ip-172-31-5-17\n")
        else:
            lines.append(f"{kind} {blob} root@ip-172-31-5-17\n")
    return (
        "ec2: #############################################################\n"
        "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
        "ec2: -----END SSH HOST KEY FINGERPRINTS-----\n"
        "ec2: #############################################################\n"
        f"-----BEGIN SSH HOST KEY KEYS-----\n{''.join(lines)}-----END SSH HOST KEY KEYS-----\n"
    )


def is_xen(instance_type: str) -> bool:
    """True for the instance types on the Xen hypervisor (p2, p3, g3, ...), where EC2 refuses
    ``GetConsoleOutput`` with ``Latest=True`` (only Nitro instances support it)."""
    from moto.ec2.models.instance_types import INSTANCE_TYPES

    facts = INSTANCE_TYPES.get(instance_type, {})
    hypervisor = facts.get("Hypervisor")
    # moto's data leaves out "xen"; bare metal has no hypervisor and supports the latest output.
    return hypervisor == "xen" or (hypervisor is None and not facts.get("BareMetal", False))


def _marked_processes(instance_id: str) -> list[int]:
    wanted = f"{MARKER}={instance_id}".encode()
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or another user's
            continue
        if wanted in environ.split(b"\0"):
            found.append(int(entry.name))
    return found
