"""Owner-only key files on Windows: an ACL granting the current user alone, via ``icacls``.

OpenSSH for Windows refuses a private key that other accounts can read ("UNPROTECTED PRIVATE
KEY FILE"), and files inherit their folder's ACL, which usually grants Users or Administrators.
So: remove inherited entries (``/inheritance:r``) and grant only the current user's SID full
control (``/grant:r``). The commands are built by pure functions so they are tested anywhere.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP

# subprocess.CREATE_NO_WINDOW, spelled out because it does not exist on POSIX: no console
# window flashes up when the GUI runs icacls.
CREATE_NO_WINDOW = 0x08000000

Runner = Callable[[list[str]], "subprocess.CompletedProcess[str]"]


def _system_tool(name: str, env: Mapping[str, str]) -> str:
    # The full path, so a same-named program in the current folder or on PATH is never run.
    root = env.get("SystemRoot") or env.get("SYSTEMROOT") or r"C:\Windows"
    return str(Path(root, "System32", name))


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
        creationflags=CREATE_NO_WINDOW,
    )


def parse_whoami_sid(output: str) -> str | None:
    """The SID from ``whoami /user /fo csv /nh`` output (``"host\\user","S-1-5-21-..."``)."""
    for row in csv.reader(io.StringIO(output.strip())):
        if len(row) >= 2 and row[-1].startswith("S-1-"):
            return row[-1]
    return None


def current_user_principal(run: Runner | None = None, env: Mapping[str, str] | None = None) -> str:
    """How icacls should name the current user: ``*<SID>`` when ``whoami`` tells us the SID
    (immune to odd characters in user names), else ``DOMAIN\\user``."""
    env = os.environ if env is None else env
    runner = run or _run
    try:
        result = runner([_system_tool("whoami.exe", env), "/user", "/fo", "csv", "/nh"])
        sid = parse_whoami_sid(result.stdout) if result.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        sid = None
    if sid:
        return "*" + sid
    user = env.get("USERNAME", "")
    if not user:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "Could not tell which Windows account you are, so the key file cannot "
                "be made private to you.",
            ),
            code="acl-failed",
        )
    domain = env.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain else user


@functools.cache
def _cached_principal() -> str:
    return current_user_principal()


def icacls_command(path: Path, principal: str, env: Mapping[str, str] | None = None) -> list[str]:
    """The icacls call that leaves ``principal`` as the only account with access to ``path``."""
    env = os.environ if env is None else env
    return [
        _system_tool("icacls.exe", env),
        str(path),
        "/inheritance:r",
        "/grant:r",
        f"{principal}:F",
    ]


def restrict_to_current_user(
    path: Path, *, run: Runner | None = None, principal: str | None = None
) -> None:
    """Give the current user, and nobody else, access to ``path``."""
    runner = run or _run
    who = principal or (current_user_principal(run) if run else _cached_principal())
    try:
        result = runner(icacls_command(path, who))
    except (OSError, subprocess.SubprocessError) as exc:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Could not make {name} private to you.").format(
                name=path.name
            ),
            detail=str(exc),
            code="acl-failed",
        ) from exc
    if result.returncode != 0:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Could not make {name} private to you.").format(
                name=path.name
            ),
            detail=(result.stderr or result.stdout).strip(),
            code="acl-failed",
        )
