"""Host keys the app trusts, stored per instance id, and copies for OpenSSH and PuTTY users.

EC2 gives a new instance an address another instance had, so keys are stored by instance id
(as the host name of an OpenSSH ``known_hosts`` line), never by IP: a reused IP must not give a
"host key changed" error, and a changed key for the same instance must.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import struct
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from app.core.errors import WizardError
from app.core.paths import data_dir
from app.core.sentence import QT_TRANSLATE_NOOP
from app.core.user_files import read_user_text, write_user_text

KNOWN_HOSTS_NAME = "known_hosts"
PUTTY_REGISTRY_KEY = r"Software\SimonTatham\PuTTY\SshHostKeys"

_HOST_KEY_TYPES = {
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
}
_INSTANCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
# What OpenSSH prints for a SHA-256 fingerprint: 43 base64 characters (padding optional).
_SHA256_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}=?")


def is_sha256_fingerprint(text: str) -> bool:
    """Whether ``text`` is exactly ``SHA256:`` + base64, and so safe on any command line
    (no quote, ``&`` or space can reach PuTTY or cmd.exe through a pin)."""
    return bool(_SHA256_FINGERPRINT.fullmatch(text))


class HostKeyMismatch(WizardError):
    """The server showed a key that is not the one known for this instance: refuse."""

    def __init__(self, instance_id: str, offered: str, expected: list[str]) -> None:
        """``expected`` holds the trusted fingerprints (``SHA256:...``)."""
        shown = fingerprint(offered)
        known = ", ".join(expected)
        super().__init__(
            QT_TRANSLATE_NOOP(
                "core",
                "Refusing to connect: the machine answering for {instance_id} showed host key "
                "{offered}, but the key trusted for it is {expected}. Someone may be intercepting "
                "the connection, or the address now belongs to another machine.",
            ).format(instance_id=instance_id, offered=shown, expected=known),
            code="host-key-mismatch",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "If you know why the key changed, forget the stored key for this "
                "instance and connect again.",
            ),
            detail=f"offered: {normalise(offered)}",
            params={"instance_id": instance_id, "offered": shown, "expected": known},
        )
        self.offered = normalise(offered)
        self.fingerprint = shown


class HostKeyUnknown(WizardError):
    """No key is known yet and none was pinned: the user must confirm the fingerprint."""

    def __init__(self, instance_id: str, offered: str) -> None:
        shown = putty_fingerprint(offered)
        super().__init__(
            QT_TRANSLATE_NOOP(
                "core",
                "The host key of {instance_id} is not known yet (the console output shows none). "
                "The machine presents {offered}.",
            ).format(instance_id=instance_id, offered=shown),
            code="host-key-unknown",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Check the fingerprint and trust it explicitly (--trust-host-key SHA256:...).",
            ),
            params={"instance_id": instance_id, "offered": shown},
        )
        self.offered = normalise(offered)
        self.fingerprint = fingerprint(offered)
        self.putty_fingerprint = shown  # for the confirmation dialog


def _split(public_line: str) -> tuple[str, bytes]:
    parts = public_line.strip().split()
    # Accept a known_hosts line too ("host type base64"): the key type finds the columns.
    while parts and parts[0] not in _HOST_KEY_TYPES:
        parts = parts[1:]
    if len(parts) < 2:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "'{line}' is not an SSH public key line.").format(
                line=public_line[:60]
            ),
            code="bad-host-key",
        )
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except binascii.Error as exc:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "A host key line has a broken base64 part."),
            code="bad-host-key",
        ) from exc
    if _read_strings(blob, 1)[0] != parts[0].encode():
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "A host key line names the wrong key type."),
            code="bad-host-key",
        )
    return parts[0], blob


def _read_strings(blob: bytes, count: int) -> list[bytes]:
    out: list[bytes] = []
    offset = 0
    for _ in range(count):
        if offset + 4 > len(blob):
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "A host key is cut short."), code="bad-host-key"
            )
        (size,) = struct.unpack(">I", blob[offset : offset + 4])
        out.append(blob[offset + 4 : offset + 4 + size])
        offset += 4 + size
    if offset > len(blob):
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "A host key is cut short."), code="bad-host-key"
        )
    return out


def normalise(public_line: str) -> str:
    """``type base64`` without comment or host field."""
    key_type, blob = _split(public_line)
    return f"{key_type} {base64.b64encode(blob).decode()}"


def key_type(public_line: str) -> str:
    return _split(public_line)[0]


def fingerprint(public_line: str) -> str:
    """``SHA256:...`` as ``ssh-keygen -l`` and PuTTY print it."""
    digest = hashlib.sha256(_split(public_line)[1]).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def key_bits(public_line: str, *, putty: bool = False) -> int:
    """The key size as ``ssh-keygen -l`` prints it (PuTTY counts Ed25519 as 255 bits)."""
    kind, blob = _split(public_line)
    if kind == "ssh-rsa":
        return int.from_bytes(_read_strings(blob, 3)[2], "big").bit_length()
    if kind == "ssh-ed25519":
        return 255 if putty else 256
    return int(kind.rsplit("nistp", 1)[1])


def putty_fingerprint(public_line: str) -> str:
    """``ssh-ed25519 255 SHA256:...``: what PuTTY's host key dialog shows."""
    bits = key_bits(public_line, putty=True)
    return f"{key_type(public_line)} {bits} {fingerprint(public_line)}"


def matches_fingerprint(public_line: str, pinned: str) -> bool:
    """True when ``pinned`` (``SHA256:...``, padding optional) is this key's fingerprint."""
    return fingerprint(public_line) == pinned.strip().rstrip("=")


class KnownHosts:
    """The app's own known-hosts file: one OpenSSH line per key, the instance id as host."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / KNOWN_HOSTS_NAME
        self._lock = threading.Lock()

    def _read(self) -> list[tuple[str, str]]:
        text = read_user_text(self.path)
        if text is None:
            return []
        entries: list[tuple[str, str]] = []
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 3 and not line.startswith("#") and parts[1] in _HOST_KEY_TYPES:
                entries.append((parts[0], f"{parts[1]} {parts[2]}"))
        return entries

    def _write(self, entries: list[tuple[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"{host} {key}\n" for host, key in entries)
        # Atomic: a crash never leaves a half-written file that would refuse every host.
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".known_hosts.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def expected(self, instance_id: str) -> list[str]:
        """The keys trusted for ``instance_id`` (``type base64`` lines), possibly none."""
        with self._lock:
            return [key for host, key in self._read() if host == instance_id]

    def remember(
        self, instance_id: str, public_lines: Iterable[str], *, replace: bool = False
    ) -> None:
        """Trust these keys for ``instance_id``; ``replace`` drops the ones known before."""
        _check_instance_id(instance_id)
        keys = [normalise(line) for line in public_lines]
        with self._lock:
            entries = self._read()
            if replace:
                entries = [(h, k) for h, k in entries if h != instance_id]
            known = {k for h, k in entries if h == instance_id}
            added = [(instance_id, k) for k in dict.fromkeys(keys) if k not in known]
            if added or replace:
                self._write(entries + added)

    def forget(self, instance_id: str) -> None:
        """Drop every key of ``instance_id`` (after terminating it, or to accept a new key)."""
        with self._lock:
            entries = self._read()
            kept = [(h, k) for h, k in entries if h != instance_id]
            if len(kept) != len(entries):
                self._write(kept)


def _check_instance_id(instance_id: str) -> None:
    if not _INSTANCE_ID.fullmatch(instance_id):
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "'{instance_id}' is not an instance id.").format(
                instance_id=instance_id
            ),
            code="bad-instance-id",
        )


def add_to_user_known_hosts(
    alias: str, public_lines: Iterable[str], path: Path | None = None
) -> Path:
    """Put the keys in ``~/.ssh/known_hosts`` under ``alias`` (the ``HostKeyAlias``).

    Lines for that alias are replaced; every other line of the user's file is kept as is.
    """
    _check_instance_id(alias)
    target = path or Path.home() / ".ssh" / "known_hosts"
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Bytes that are not UTF-8 (old entries, other tools) are kept as they are.
    lines = (read_user_text(target) or "").splitlines()
    kept = [line for line in lines if not (line.split() and line.split()[0] == alias)]
    new = [f"{alias} {normalise(line)}" for line in dict.fromkeys(public_lines)]
    if kept + new != lines:
        # One rename: ssh reading the file meanwhile sees the old or the new, never half.
        write_user_text(target, "".join(line + "\n" for line in kept + new), mode=0o600)
    return target


# -- PuTTY's host key cache ---------------------------------------------------------------------

_ED25519_P = 2**255 - 19
_ED25519_D = (-121665 * pow(121666, -1, _ED25519_P)) % _ED25519_P


def _ed25519_x(y: int, x_odd: int) -> int:
    """Recover the x coordinate PuTTY stores from a compressed Ed25519 point."""
    p = _ED25519_P
    xx = (y * y - 1) * pow(_ED25519_D * y * y + 1, -1, p) % p
    x = pow(xx, (p + 3) // 8, p)
    if (x * x - xx) % p:
        x = x * pow(2, (p - 1) // 4, p) % p
    if x % 2 != x_odd:
        x = p - x
    return x


def _putty_value(kind: str, blob: bytes) -> tuple[str, str]:
    if kind == "ssh-rsa":
        _, e, n = _read_strings(blob, 3)
        return "rsa2", f"{int.from_bytes(e, 'big'):#x},{int.from_bytes(n, 'big'):#x}"
    if kind == "ssh-ed25519":
        raw = int.from_bytes(_read_strings(blob, 2)[1], "little")
        y = raw & ~(1 << 255)
        return kind, f"{_ed25519_x(y, raw >> 255):#x},{y:#x}"
    from cryptography.hazmat.primitives.asymmetric import ec

    _, curve_name, point = _read_strings(blob, 3)
    curves: dict[bytes, ec.EllipticCurve] = {
        b"nistp256": ec.SECP256R1(),
        b"nistp384": ec.SECP384R1(),
        b"nistp521": ec.SECP521R1(),
    }
    numbers = ec.EllipticCurvePublicKey.from_encoded_point(
        curves[curve_name], point
    ).public_numbers()
    return kind, f"{curve_name.decode()},{numbers.x:#x},{numbers.y:#x}"


def _putty_munge(name: str) -> str:
    # PuTTY's escaping of registry value names (windows/storage.c, mungestr).
    out = []
    for index, char in enumerate(name):
        if char in " \\*?%~" or ord(char) < 32 or (char == "." and index == 0):
            out.append(f"%{ord(char):02X}")
        else:
            out.append(char)
    return "".join(out)


def putty_cache_entries(host: str, port: int, public_lines: Iterable[str]) -> dict[str, str]:
    """Registry values (name -> data) that make PuTTY trust these keys for host:port."""
    entries: dict[str, str] = {}
    for line in public_lines:
        kind, blob = _split(line)
        putty_type, value = _putty_value(kind, blob)
        entries[_putty_munge(f"{putty_type}@{port}:{host}")] = value
    return entries


def add_to_putty_cache(host: str, port: int, public_lines: Iterable[str]) -> int:
    """Store the keys in PuTTY's cache so PuTTY does not ask; Windows only (0 elsewhere)."""
    entries = putty_cache_entries(host, port, public_lines)
    if sys.platform == "win32":
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, PUTTY_REGISTRY_KEY) as key:
            for name, value in entries.items():
                winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)
        return len(entries)
    return 0
