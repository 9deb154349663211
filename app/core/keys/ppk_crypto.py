"""The cryptography of PuTTY key files: key derivation, AES-256-CBC, padding and the MAC.

PuTTY 0.78 (sshpubk.c) is the reference: v2 files derive the AES key with SHA-1 and MAC with
HMAC-SHA-1; v3 files derive cipher key, IV and MAC key with Argon2 and MAC with HMAC-SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf import argon2

from app.core.errors import WizardError
from app.core.keys.kdf_limits import check_argon2, interruptible
from app.core.keys.ssh_wire import string
from app.core.sentence import QT_TRANSLATE_NOOP

CIPHER_BLOCK = 16
ARGON2_FLAVOURS = ("Argon2id", "Argon2i", "Argon2d")
# PuTTYgen calibrates the passes to ~100 ms on the machine it runs on; we use a fixed count of
# that order (about 100 ms on a slow 2-core VM), so files are reproducible and tests predictable.
DEFAULT_ARGON2_PASSES = 21
DEFAULT_ARGON2_MEMORY_KIB = 8192


def _sha1(data: bytes) -> bytes:
    # SHA-1 is what the PPK format prescribes here; we do not choose it.
    return hashlib.sha1(data, usedforsecurity=False).digest()


def _random_salt() -> bytes:
    return os.urandom(16)


@dataclass(frozen=True)
class Argon2Params:
    """How a v3 file's passphrase is hashed (the ``Key-Derivation``/``Argon2-*`` headers)."""

    flavour: str = "Argon2id"
    memory_kib: int = DEFAULT_ARGON2_MEMORY_KIB
    passes: int = DEFAULT_ARGON2_PASSES
    parallelism: int = 1
    salt: bytes = field(default_factory=_random_salt, repr=False)


@dataclass(frozen=True)
class PpkSecrets:
    """What a passphrase turns into: AES key and IV (empty when unencrypted) and the MAC key."""

    cipher_key: bytes
    iv: bytes
    mac_key: bytes


def _argon2_class(flavour: str) -> type[argon2.Argon2id]:
    # Argon2i/Argon2d arrived in cryptography later than Argon2id: look them up by name.
    cls = getattr(argon2, flavour, None) if flavour in ARGON2_FLAVOURS else None
    if cls is None:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "This PuTTY key file protects its passphrase with {method}, which this "
                "version cannot read.",
            ).format(method=flavour or QT_TRANSLATE_NOOP("core", "an unknown method")),
            detail=f"Key-Derivation: {flavour}",
            code="unsupported-kdf",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Open it in PuTTYgen and save it again with the default settings (Argon2id).",
            ),
        )
    result: type[argon2.Argon2id] = cls
    return result


def check_kdf_supported(flavour: str) -> None:
    """Raise ``unsupported-kdf`` when ``flavour`` cannot be computed here."""
    _argon2_class(flavour)


def v3_secrets(passphrase: str | None, params: Argon2Params | None) -> PpkSecrets:
    """Argon2 (version 0x13) of the passphrase: 80 bytes = AES key, IV, HMAC-SHA-256 key."""
    if passphrase is None or params is None:
        return PpkSecrets(b"", b"", b"")
    check_argon2(params.memory_kib, params.passes, params.parallelism)
    try:
        kdf = _argon2_class(params.flavour)(
            salt=params.salt,
            length=80,
            iterations=params.passes,
            lanes=params.parallelism,
            memory_cost=params.memory_kib,
        )
        out = interruptible(lambda: kdf.derive(passphrase.encode()))
    except ValueError as exc:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The PuTTY key file has passphrase settings that cannot be used."
            ),
            detail=str(exc),
            code="corrupt-key",
        ) from exc
    return PpkSecrets(out[0:32], out[32:48], out[48:80])


def v2_secrets(passphrase: str | None) -> PpkSecrets:
    """SHA-1 based secrets of v2 files; the MAC key exists (from "") even when unencrypted."""
    pw = (passphrase or "").encode()
    mac_key = _sha1(b"putty-private-key-file-mac-key" + pw)
    if passphrase is None:
        return PpkSecrets(b"", b"", mac_key)
    key = (_sha1(b"\0\0\0\0" + pw) + _sha1(b"\0\0\0\1" + pw))[:32]
    return PpkSecrets(key, bytes(CIPHER_BLOCK), mac_key)


def pad(blob: bytes) -> bytes:
    """Pad to the AES block size with the leading bytes of SHA-1(blob), as PuTTY does."""
    missing = -len(blob) % CIPHER_BLOCK
    return blob + _sha1(blob)[:missing]


def _aes(secrets: PpkSecrets) -> Cipher[modes.CBC]:
    return Cipher(algorithms.AES(secrets.cipher_key), modes.CBC(secrets.iv))


def encrypt(secrets: PpkSecrets, padded: bytes) -> bytes:
    encryptor = _aes(secrets).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def decrypt(secrets: PpkSecrets, data: bytes) -> bytes:
    if len(data) % CIPHER_BLOCK:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The PuTTY key file is damaged or cut short."),
            detail="encrypted private blob is not a whole number of AES blocks",
            code="corrupt-key",
        )
    decryptor = _aes(secrets).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def compute_mac(
    version: int,
    mac_key: bytes,
    *,
    algorithm: bytes,
    encryption: bytes,
    comment: bytes,
    public: bytes,
    private_plain: bytes,
) -> bytes:
    """The ``Private-MAC``: HMAC over the SSH strings of the header fields and both blobs."""
    data = b"".join(string(x) for x in (algorithm, encryption, comment, public, private_plain))
    digest = hashlib.sha256 if version == 3 else hashlib.sha1
    return hmac.new(mac_key, data, digest).digest()
