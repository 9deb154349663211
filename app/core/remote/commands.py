"""Command lines and an ``~/.ssh/config`` entry for people who use OpenSSH, PuTTY or VS Code.

Host keys stay verified outside the app too: the OpenSSH line and the config entry name the
instance id as ``HostKeyAlias`` (the key is stored under that alias, never under a reused IP),
and the PuTTY line carries ``-hostkey SHA256:...``.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.core.errors import WizardError
from app.core.remote.hostkeys import KnownHosts, add_to_user_known_hosts, is_sha256_fingerprint
from app.core.sentence import QT_TRANSLATE_NOOP
from app.core.small_files import display_path
from app.core.user_files import read_user_text, write_user_text

ALIAS_PREFIX = "ec2nb-"
_SAFE_ARG = re.compile(r"^[A-Za-z0-9_@%+=:,./\\-]+$")
_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_UNSAFE_IN_CONFIG = re.compile(r'[\x00-\x1f\x7f"]')


def _is_windows(windows: bool | None) -> bool:
    return sys.platform == "win32" if windows is None else windows


def _quote(arg: str, windows: bool) -> str:
    if _SAFE_ARG.fullmatch(arg):
        return arg
    if windows:
        return '"' + arg.replace('"', '\\"') + '"'  # cmd.exe and PowerShell both take this
    return shlex.quote(arg)


def _forward(local_port: int, remote_port: int) -> str:
    return f"{int(local_port)}:127.0.0.1:{int(remote_port)}"


def _command_line(args: list[str], user: str, host: str, windows: bool | None) -> str:
    """``args user@host`` as one line, quoted for the shell it will be pasted into."""
    win = _is_windows(windows)
    return " ".join(_quote(a, win) for a in [*args, f"{user}@{host}"])


def ssh_command(
    *,
    host: str,
    user: str,
    key_path: str | Path,
    local_port: int = 8888,
    remote_port: int = 8888,
    port: int = 22,
    instance_id: str | None = None,
    known_hosts_path: str | Path | None = None,
    windows: bool | None = None,
) -> str:
    """``ssh -i KEY -L 8888:127.0.0.1:8888 user@host`` (Windows' built-in ssh takes it too).

    With ``instance_id`` the host key is looked up under that alias; with ``known_hosts_path``
    in that file (the app's own), so the line verifies the key without asking.
    """
    args = ["ssh", "-i", str(key_path), "-L", _forward(local_port, remote_port)]
    if port != 22:
        args += ["-p", str(int(port))]
    if instance_id:
        args += ["-o", f"HostKeyAlias={instance_id}"]
    if known_hosts_path:
        args += ["-o", f"UserKnownHostsFile={known_hosts_path}"]
    return _command_line(args, user, host, windows)


def putty_command(
    *,
    host: str,
    user: str,
    ppk_path: str | Path,
    local_port: int = 8888,
    remote_port: int = 8888,
    port: int = 22,
    host_key_fingerprints: Sequence[str] = (),
    putty: str = "putty.exe",
    windows: bool | None = None,
) -> str:
    """``putty.exe -ssh -i KEY.ppk -L ... user@host``; ``-hostkey SHA256:...`` pins the key."""
    args = [putty, "-ssh", "-i", str(ppk_path), "-L", _forward(local_port, remote_port)]
    args += ["-P", str(int(port))]
    for fingerprint in host_key_fingerprints:
        if not is_sha256_fingerprint(fingerprint):
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "A pinned host key must be a SHA256:... fingerprint."),
                detail=f"-hostkey {fingerprint!r}",
                code="invalid-plan",
            )
        args += ["-hostkey", fingerprint]
    return _command_line(args, user, host, windows)


def alias_for(name: str) -> str:
    """``ec2nb-<name>``, with anything ssh_config would choke on replaced."""
    cleaned = _NAME.sub("-", name).strip("-") or "instance"
    return cleaned if cleaned.startswith(ALIAS_PREFIX) else ALIAS_PREFIX + cleaned


def _config_value(value: str, windows: bool) -> str:
    if windows:
        value = value.replace("\\", "/")  # OpenSSH for Windows reads / and needs no escaping
    return f'"{value}"' if any(c.isspace() for c in value) else value


def _check_config_values(**values: str) -> None:
    """Refuse values that would end a config line early (a line break would start a directive
    of its own) or break its quoting."""
    for field, value in values.items():
        if _UNSAFE_IN_CONFIG.search(value):
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "A value for ~/.ssh/config holds a line break, a control character or "
                    "a double quote, so the entry was not written.",
                ),
                detail=f"{field}={value!r}",
                code="invalid-ssh-setting",
            )


def ssh_config_entry(
    *,
    name: str,
    host: str,
    user: str,
    key_path: str | Path,
    local_port: int = 8888,
    remote_port: int = 8888,
    port: int = 22,
    instance_id: str | None = None,
    windows: bool | None = None,
) -> str:
    """A ``Host ec2nb-<name>`` block for ``~/.ssh/config`` (VS Code Remote-SSH, plain ssh)."""
    win = _is_windows(windows)
    alias = alias_for(name)
    _check_config_values(host=host, user=user, key_path=str(key_path), alias=alias)
    lines = [
        f"# {ALIAS_PREFIX}begin {alias} (written by EC2 Notebook Wizard)",
        f"Host {alias}",
        f"    HostName {host}",
        f"    User {user}",
        f"    IdentityFile {_config_value(str(key_path), win)}",
        "    IdentitiesOnly yes",
        f"    LocalForward {int(local_port)} 127.0.0.1:{int(remote_port)}",
        "    ServerAliveInterval 30",
    ]
    if port != 22:
        lines.insert(3, f"    Port {int(port)}")
    if instance_id:
        lines.append(f"    HostKeyAlias {instance_id}")
    lines.append(f"# {ALIAS_PREFIX}end {alias}")
    return "\n".join(lines) + "\n"


def parse_ssh_command(line: str) -> dict[str, Any]:
    """The settings of a line made by :func:`ssh_command` (what a config entry needs)."""
    args = shlex.split(line, posix=True)
    found: dict[str, Any] = {"port": 22}
    it = iter(args[1:])
    for arg in it:
        if arg == "-i":
            found["key_path"] = next(it)
        elif arg == "-L":
            local, _, remote = next(it).split(":")
            found["local_port"], found["remote_port"] = int(local), int(remote)
        elif arg == "-p":
            found["port"] = int(next(it))
        elif arg == "-o":
            option, _, value = next(it).partition("=")
            if option == "HostKeyAlias":
                found["instance_id"] = value
        elif "@" in arg:
            found["user"], found["host"] = arg.rsplit("@", 1)
    return found


def write_ssh_config_entry(
    source: Any = None,
    *,
    name: str | None = None,
    path: Path | None = None,
    known_hosts_path: Path | None = None,
    add_host_keys: bool = True,
    known_hosts: KnownHosts | None = None,
    **settings: Any,
) -> str:
    """Add or replace the entry in ``~/.ssh/config``; return its alias (``ec2nb-<name>``).

    ``source`` may be a launch result (its ``ssh_command`` and ``instance_id`` are used);
    ``settings`` are :func:`ssh_config_entry`'s arguments and win over it. With
    ``add_host_keys`` the instance's trusted keys go to ``~/.ssh/known_hosts`` under the alias,
    so the first connection does not ask.
    """
    values: dict[str, Any] = {}
    if source is not None:
        values.update(parse_ssh_command(str(getattr(source, "ssh_command", "") or "")))
        if getattr(source, "instance_id", None):
            values["instance_id"] = source.instance_id
    values.update({k: v for k, v in settings.items() if v is not None})
    missing = [k for k in ("host", "user", "key_path") if not values.get(k)]
    if missing:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The SSH settings are incomplete: no {missing}.").format(
                missing=", ".join(missing)
            ),
            code="ssh-config-incomplete",
        )
    entry_name = name or str(values.get("instance_id") or values["host"])
    text = ssh_config_entry(name=entry_name, **values)
    alias = alias_for(entry_name)
    target = path or Path.home() / ".ssh" / "config"
    _replace_block(target, alias, text)
    instance_id = values.get("instance_id")
    if add_host_keys and instance_id:
        keys = (known_hosts or KnownHosts()).expected(instance_id)
        if keys:
            add_to_user_known_hosts(instance_id, keys, known_hosts_path)
    return alias


def remove_ssh_config_entry(name: str, path: Path | None = None) -> bool:
    """Remove the entry (after terminating the instance); True when there was one."""
    target = path or Path.home() / ".ssh" / "config"
    if not target.exists():
        return False
    return _replace_block(target, alias_for(name), "")


def _replace_block(path: Path, alias: str, block: str) -> bool:
    """Put ``block`` where the alias's block was, else before the first Host/Match line."""
    lines = (read_user_text(path) or "").splitlines(keepends=True)
    begin, end = f"# {ALIAS_PREFIX}begin {alias} ", f"# {ALIAS_PREFIX}end {alias}"
    start = next((i for i, line in enumerate(lines) if line.startswith(begin)), None)
    if start is not None:
        stop = next((i for i in range(start, len(lines)) if lines[i].strip() == end), None)
        if stop is None:
            # Only a complete block is ours to replace: what follows a lone begin line may be
            # the user's own entries.
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{path} has the start of the entry {alias} but not its end, so it was "
                    "left unchanged.",
                ).format(path=display_path(path), alias=alias),
                code="ssh-config-damaged",
                hint=QT_TRANSLATE_NOOP(
                    "core", "Remove the lines of {alias} from that file by hand and try again."
                ).format(alias=alias),
            )
        if stop + 1 < len(lines) and not lines[stop + 1].strip():
            stop += 1  # the blank line that separated the block from the next one
        head, tail = lines[:start], lines[stop + 1 :]
    elif not block:
        return False
    else:
        # Options before the first Host/Match line are global: a block inserted among them
        # would capture them. Placed before the first Host line, ours also wins over "Host *".
        first = next(
            (i for i, line in enumerate(lines) if re.match(r"\s*(Host|Match)\s", line, re.I)),
            len(lines),
        )
        head, tail = lines[:first], lines[first:]
        if head and not head[-1].endswith("\n"):
            head[-1] += "\n"
    new = [*head, block, "\n" if block and tail else "", *tail]
    _write_private(path, "".join(new))
    return True


def _write_private(path: Path, text: str) -> None:
    # ssh refuses a config others can write; keep it the user's alone, replaced atomically
    # (through a symlink into a dotfiles folder, which stays a symlink).
    write_user_text(path, text, mode=0o600)
