"""PuTTY private key files (``.ppk``) v2 and v3: writing exactly as PuTTYgen 0.78, and reading."""

from __future__ import annotations

import base64
import binascii
import hmac
import re
from dataclasses import dataclass

from app.core.errors import WizardError
from app.core.keys import ppk_crypto
from app.core.keys.kdf_limits import check_argon2
from app.core.keys.key_blobs import (
    PrivateKey,
    check_supported,
    key_from_ppk,
    ppk_private_blob,
    public_blob,
    ssh_algorithm,
    unsupported,
)
from app.core.keys.ppk_crypto import Argon2Params, PpkSecrets
from app.core.keys.ssh_wire import wrap_base64
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP

PPK_VERSIONS = (2, 3)
_LINE = 64  # base64 characters per line, as PuTTY writes


def _lines(data: bytes) -> list[str]:
    return wrap_base64(data, _LINE)


def _clean_comment(comment: str) -> str:
    # The comment is one header line: a line break would end the header and break the file.
    return comment.replace("\r", " ").replace("\n", " ")


def to_ppk(
    key: PrivateKey,
    *,
    comment: str,
    version: int = 3,
    passphrase: str | None = None,
    kdf: Argon2Params | None = None,
) -> str:
    """The key as a PuTTY ``.ppk`` file, byte for byte what PuTTYgen 0.78 writes.

    An empty passphrase means unencrypted (PuTTYgen does the same). ``kdf`` sets the Argon2
    parameters of an encrypted v3 file (default Argon2id, 8 MiB, a fresh random salt).
    """
    if version not in PPK_VERSIONS:
        raise ValueError(f"PPK version must be 2 or 3, not {version}")
    key = check_supported(key)
    passphrase = passphrase or None
    register_secret(passphrase)
    comment = _clean_comment(comment)
    alg = ssh_algorithm(key)
    encryption = "aes256-cbc" if passphrase else "none"
    pub = public_blob(key)
    private = ppk_private_blob(key)
    if passphrase:
        params = kdf or Argon2Params()
        secrets = (
            ppk_crypto.v3_secrets(passphrase, params)
            if version == 3
            else ppk_crypto.v2_secrets(passphrase)
        )
        private = ppk_crypto.pad(private)
    else:
        secrets = ppk_crypto.v3_secrets(None, None) if version == 3 else ppk_crypto.v2_secrets(None)
    mac = ppk_crypto.compute_mac(
        version,
        secrets.mac_key,
        algorithm=alg.encode(),
        encryption=encryption.encode(),
        comment=comment.encode(),
        public=pub,
        private_plain=private,
    )
    stored = ppk_crypto.encrypt(secrets, private) if passphrase else private
    out = [
        f"PuTTY-User-Key-File-{version}: {alg}",
        f"Encryption: {encryption}",
        f"Comment: {comment}",
        f"Public-Lines: {len(_lines(pub))}",
        *_lines(pub),
    ]
    if passphrase and version == 3:
        out += [
            f"Key-Derivation: {params.flavour}",
            f"Argon2-Memory: {params.memory_kib}",
            f"Argon2-Passes: {params.passes}",
            f"Argon2-Parallelism: {params.parallelism}",
            f"Argon2-Salt: {params.salt.hex()}",
        ]
    out += [f"Private-Lines: {len(_lines(stored))}", *_lines(stored), f"Private-MAC: {mac.hex()}"]
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class PpkFile:
    """A parsed ``.ppk`` file, before the passphrase is applied."""

    version: int
    algorithm: bytes
    encryption: bytes
    comment: bytes
    public: bytes
    private: bytes
    mac: bytes
    kdf: Argon2Params | None

    @property
    def encrypted(self) -> bool:
        return self.encryption != b"none"


def _damaged(detail: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "The PuTTY key file is damaged or cut short."),
        detail=detail,
        code="corrupt-key",
    )


class _Headers:
    """Reads the ``Name: value`` lines of a PPK file in the order PuTTY writes them."""

    def __init__(self, data: bytes) -> None:
        self._lines = data.replace(b"\r\n", b"\n").split(b"\n")
        self._pos = 0

    def next_line(self) -> bytes:
        if self._pos >= len(self._lines):
            raise _damaged("file ends early")
        line = self._lines[self._pos]
        self._pos += 1
        return line

    def peek_name(self) -> bytes:
        if self._pos >= len(self._lines):
            return b""
        return self._lines[self._pos].partition(b":")[0]

    def value(self, name: str) -> bytes:
        line = self.next_line()
        found, sep, value = line.partition(b":")
        if found.decode(errors="replace") != name or not sep:
            raise _damaged(f"expected {name} header")
        # PuTTY writes "Name: value"; an editor may have trimmed "Comment: " to "Comment:".
        return value.removeprefix(b" ")

    def number(self, name: str) -> int:
        raw = self.value(name)
        if not re.fullmatch(rb"\d{1,9}", raw):
            raise _damaged(f"{name} is not a number")
        return int(raw)

    def blob(self, name: str) -> bytes:
        count = self.number(name)
        text = b"".join(self.next_line().strip() for _ in range(count))
        try:
            return base64.b64decode(text, validate=True)
        except binascii.Error as exc:
            raise _damaged(f"{name}: bad base64") from exc


def parse_ppk(data: bytes) -> PpkFile:
    """Split a ``.ppk`` file into its fields; the MAC is checked later by :func:`read_ppk`."""
    headers = _Headers(data)
    first = headers.next_line()
    match = re.fullmatch(rb"PuTTY-User-Key-File-(\d+): (\S+)\s*", first)
    if not match:
        raise _damaged("first line is not a PuTTY key header")
    version = int(match.group(1))
    if version not in PPK_VERSIONS:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "This PuTTY key file uses format version {version}, which is not supported."
            ).format(version=version),
            code="unsupported-key-type",
            hint=QT_TRANSLATE_NOOP("core", "Open it in a current PuTTYgen and save it again."),
        )
    algorithm = match.group(2)
    encryption = headers.value("Encryption")
    if encryption not in (b"none", b"aes256-cbc"):
        raise _damaged(f"unknown encryption {encryption!r}")
    comment = headers.value("Comment")
    public = headers.blob("Public-Lines")
    kdf: Argon2Params | None = None
    if version == 3 and encryption != b"none":
        flavour = headers.value("Key-Derivation").decode(errors="replace")
        memory = headers.number("Argon2-Memory")
        passes = headers.number("Argon2-Passes")
        parallelism = headers.number("Argon2-Parallelism")
        try:
            salt = bytes.fromhex(headers.value("Argon2-Salt").decode())
        except (ValueError, UnicodeDecodeError) as exc:
            raise _damaged("Argon2-Salt is not hex") from exc
        # Before anything else: the file must not make us allocate a terabyte or spin for days.
        check_argon2(memory, passes, parallelism)
        kdf = Argon2Params(flavour, memory, passes, parallelism, salt)
    private = headers.blob("Private-Lines")
    try:
        mac = bytes.fromhex(headers.value("Private-MAC").decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise _damaged("Private-MAC is not hex") from exc
    if len(mac) != (32 if version == 3 else 20):
        raise _damaged("Private-MAC has the wrong length")
    if kdf is not None:
        # Only now: a file cut short inside its Key-Derivation line is damaged, not exotic.
        ppk_crypto.check_kdf_supported(kdf.flavour)
    return PpkFile(version, algorithm, encryption, comment, public, private, mac, kdf)


@dataclass(frozen=True)
class PpkKey:
    key: PrivateKey
    comment: str
    version: int
    encrypted: bool


def _secrets(ppk: PpkFile, passphrase: str | None) -> PpkSecrets:
    if ppk.version == 3:
        return ppk_crypto.v3_secrets(passphrase if ppk.encrypted else None, ppk.kdf)
    return ppk_crypto.v2_secrets(passphrase if ppk.encrypted else None)


def read_ppk(data: bytes, passphrase: str | None = None) -> PpkKey:
    """Load a ``.ppk`` file, verifying its MAC.

    A MAC that fails on an encrypted file whose private half still decrypts to the key named
    by the public half means the passphrase was right and the file was edited: ``tampered-ppk``;
    otherwise the passphrase was wrong. On an unencrypted file a bad MAC is always tampering.
    """
    ppk = parse_ppk(data)
    algorithm = ppk.algorithm.decode(errors="replace")
    if algorithm == "ssh-dss":
        raise unsupported("DSA")
    if ppk.encrypted and not passphrase:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "This PuTTY key is protected by a passphrase: enter it to use the key."
            ),
            code="passphrase-needed",
        )
    secrets = _secrets(ppk, passphrase)
    plain = ppk_crypto.decrypt(secrets, ppk.private) if ppk.encrypted else ppk.private
    mac = ppk_crypto.compute_mac(
        ppk.version,
        secrets.mac_key,
        algorithm=ppk.algorithm,
        encryption=ppk.encryption,
        comment=ppk.comment,
        public=ppk.public,
        private_plain=plain,
    )
    mac_ok = hmac.compare_digest(mac, ppk.mac)
    if not mac_ok and ppk.encrypted:
        try:
            key_from_ppk(algorithm, ppk.public, plain)
        except WizardError:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "Wrong passphrase for this PuTTY key."),
                code="wrong-passphrase",
            ) from None
    if not mac_ok:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "This PuTTY key file has been changed since it was saved (its check "
                "code does not match), so it cannot be trusted.",
            ),
            detail="Private-MAC mismatch",
            code="tampered-ppk",
        )
    key = key_from_ppk(algorithm, ppk.public, plain)
    return PpkKey(key, ppk.comment.decode(errors="replace"), ppk.version, ppk.encrypted)
