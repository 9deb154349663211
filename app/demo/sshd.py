"""A real OpenSSH server on a free loopback port: the "instance" of the tests and the demo.

It has its own host key, authorises keys it is given (as cloud-init would) for its one login
user (``ubuntu`` when we are root, as on the Deep Learning AMI: see :mod:`app.demo.login_user`;
root cannot log in then), allows TCP forwarding (the notebook tunnel) and logs verbosely to a
file (attached to a failing test's report).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from app.demo.login_user import LoginUser, ensure_login_user

# sshd lives in sbin, which is not on a normal user's PATH.
_SBIN = ("/usr/sbin", "/sbin", "/usr/local/sbin")


def find_sshd() -> str | None:
    """Path of the OpenSSH server binary, or None where there is none (e.g. most Windows PCs)."""
    if os.name == "nt":
        return None
    search = os.pathsep.join([os.environ.get("PATH", ""), *_SBIN])
    sshd = shutil.which("sshd", path=search)
    keygen = shutil.which("ssh-keygen", path=search)
    return sshd if sshd and keygen else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SshServer:
    """``sshd -D`` with a private configuration under ``root``."""

    host = "127.0.0.1"

    def __init__(
        self,
        sshd: str,
        root: Path,
        env: dict[str, str] | None = None,
        *,
        login_user: LoginUser | None = None,
    ) -> None:
        """``root`` must be a folder the login user may pass through (see
        :func:`app.demo.login_user.reachable_folder`); by default the current user logs in."""
        self.sshd = sshd
        self.root = root
        self.login = login_user or _current_user()
        self.user = self.login.name
        self.port = free_port()
        self.host_key = root / "ssh_host_ed25519_key"
        # One file per user (AuthorizedKeysFile ...%u): the key pair lets in the login user only.
        self.authorized_keys = root / f"authorized_keys.{self.user}"
        self.log_path = root / "sshd.log"
        self._env = env or {}
        self._process: subprocess.Popen[bytes] | None = None
        self._log_mark = 0

    @property
    def host_public_key(self) -> str:
        """The host's public key line, as ``ssh-ed25519 AAAA...``."""
        return " ".join(self.host_key.with_suffix(".pub").read_text().split()[:2])

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.host_key.exists():  # a server started again keeps its identity
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.host_key)],
                check=True,
            )
        self.root.chmod(0o755)
        self.authorized_keys.touch(mode=0o600)
        self.login.give(self.authorized_keys)  # sshd reads it with the user's rights
        set_env = " ".join(f"{k}={v}" for k, v in self._env.items())
        config = self.root / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    f"ListenAddress {self.host}",
                    f"HostKey {self.host_key}",
                    f"PidFile {self.root / 'sshd.pid'}",
                    f"AuthorizedKeysFile {self.root}/authorized_keys.%u",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin " + ("prohibit-password" if self.user == "root" else "no"),
                    "StrictModes no",
                    "UsePAM no",
                    "AllowTcpForwarding yes",
                    "X11Forwarding no",
                    "PrintMotd no",
                    "MaxSessions 50",
                    "MaxStartups 50",
                    "LogLevel VERBOSE",
                    "Subsystem sftp internal-sftp",
                    *([f"SetEnv {set_env}"] if set_env else []),
                    "",
                ]
            )
        )
        if os.geteuid() == 0:
            # The privilege-separation folder sshd insists on when started as root.
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        subprocess.run([self.sshd, "-t", "-f", str(config)], check=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [self.sshd, "-D", "-e", "-f", str(config)], stdout=log, stderr=log
            )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"sshd exited at start:\n{self.log_path.read_text()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5) as sock:
                    if sock.recv(4).startswith(b"SSH-"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"sshd did not answer on port {self.port}")

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()

    def authorize(self, public_line: str) -> None:
        """Let the holder of this public key (an OpenSSH line) log in."""
        with self.authorized_keys.open("a") as file:
            file.write(public_line.strip() + "\n")

    def make_home(self, name: str, *, exist_ok: bool = False) -> Path:
        """A new folder of the login user's on the instance (a notebook home for one test);
        ``exist_ok``: or the one an earlier server of this root made."""
        home = self.root / "homes" / name
        home.parent.mkdir(mode=0o755, exist_ok=True)
        home.mkdir(mode=0o755, exist_ok=exist_ok)
        return self.login.give(home)

    def mark_log(self) -> None:
        self._log_mark = self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since_mark(self) -> str:
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as file:
            file.seek(self._log_mark)
            return file.read().decode("utf-8", "replace")

    def drop_connections(self) -> None:
        """Kill every session process (sshd children) while the listener stays up."""
        if self._process is None:
            return
        subprocess.run(["pkill", "-TERM", "-P", str(self._process.pid)], check=False)


def _current_user() -> LoginUser:
    if os.geteuid() == 0:
        import pwd

        entry = pwd.getpwuid(0)
        return LoginUser(entry.pw_name, 0, 0, Path(entry.pw_dir))
    return ensure_login_user()
