"""The loopback instance's login user: ``ubuntu`` with passwordless sudo, as on a Deep Learning AMI.

On EC2 the key pair is authorised for the image's non-root user (``ubuntu`` on the DLAMI), who may
``sudo`` without a password, while user data runs as root. When this process runs as root (CI,
the test machines), :func:`ensure_login_user` creates that user once, under a lock because test
processes may run side by side; otherwise (a developer's desktop running the demo) the current
user stays the login user, since nobody else can be made.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DLAMI_USER = "ubuntu"
_LOCK = Path(tempfile.gettempdir()) / "ec2nb-login-user.lock"
_SUDOERS = Path("/etc/sudoers.d/90-ec2nb-login-user")


@dataclass(frozen=True)
class LoginUser:
    """Who logs in to the instance: name, uid, gid and home."""

    name: str
    uid: int
    gid: int
    home: Path

    @property
    def is_current(self) -> bool:
        """True when this process already runs as the login user (no switch needed)."""
        return self.uid == os.geteuid()

    def command(self, *args: str) -> list[str]:
        """``args`` run as this user, with their own HOME (``runuser`` when we are root)."""
        if self.is_current:
            return list(args)
        return ["runuser", "-u", self.name, "--", "env", f"HOME={self.home}", *args]

    def give(self, path: Path) -> Path:
        """Make ``path`` (a file or folder this process made) belong to this user."""
        if not self.is_current:
            os.chown(path, self.uid, self.gid)
        return path


def _entry(name: str) -> LoginUser | None:
    import pwd  # POSIX only: this module is imported on Windows too (the demo without sshd)

    try:
        found = pwd.getpwnam(name)
    except KeyError:
        return None
    return LoginUser(found.pw_name, found.pw_uid, found.pw_gid, Path(found.pw_dir))


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    import fcntl

    with _LOCK.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_login_user(name: str = DLAMI_USER) -> LoginUser:
    """The instance's login user: ``name`` (made if missing) when root, else the current user.

    Raises RuntimeError with what to install when root lacks ``useradd`` or ``sudo``.
    """
    if os.geteuid() != 0:
        current = _entry(getpass.getuser())
        if current is None:  # a uid without a passwd entry (some containers)
            return LoginUser(getpass.getuser(), os.geteuid(), os.getegid(), Path.home())
        return current
    for tool, package in (("useradd", "passwd"), ("sudo", "sudo"), ("runuser", "util-linux")):
        if shutil.which(tool, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin") is None:
            raise RuntimeError(f"the loopback instance needs {tool}: apt-get install {package}")
    with _locked():
        if _entry(name) is None:
            # "*": no password, but not "locked" ("!"), which sshd without PAM refuses.
            options = ["--create-home", "--shell", "/bin/bash", "--user-group", "--password", "*"]
            subprocess.run(
                ["useradd", *options, name],
                check=True,
                capture_output=True,
            )
        if not _SUDOERS.exists():
            # As cloud-init writes for the default user (90-cloud-init-users).
            staged = _SUDOERS.with_name(".ec2nb-login-user.new")
            staged.write_text(f"{name} ALL=(ALL) NOPASSWD:ALL\n", encoding="utf-8")
            staged.chmod(0o440)
            staged.replace(_SUDOERS)
    user = _entry(name)
    if user is None:
        raise RuntimeError(f"could not create the login user {name}")
    return user


def reachable_folder(prefix: str) -> Path:
    """A new folder under the system's temporary folder that every user may pass through.

    Test folders (``/tmp/pytest-of-root``) and root's home are closed to other users; the
    instance's files (authorised keys, notebook homes, the framework env) must not be.
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder
