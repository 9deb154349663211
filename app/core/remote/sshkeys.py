"""Private keys as paramiko wants them: from a file (any format the keys module reads) or object."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import paramiko
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from app.core.errors import WizardError
from app.core.keys import load_private_key
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP


def to_paramiko(key: Any) -> paramiko.PKey:
    """A paramiko key from a ``cryptography`` private key (RSA, Ed25519, ECDSA) or a PKey."""
    if isinstance(key, paramiko.PKey):
        return key
    if isinstance(key, rsa.RSAPrivateKey):
        return paramiko.RSAKey(key=key)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        key_class: Any = paramiko.Ed25519Key
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        key_class = paramiko.ECDSAKey
    else:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "{what} keys cannot be used for SSH.").format(
                what=type(key).__name__
            ),
            code="unsupported-key-type",
        )
    # paramiko builds Ed25519 keys only from the OpenSSH format; it never leaves memory.
    text = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    ).decode()
    return key_class.from_private_key(io.StringIO(text))


def load_pkey(path: Path | str | None, passphrase: str | None = None) -> paramiko.PKey:
    """Read a private key file (PEM, PKCS#8, OpenSSH, PPK) for paramiko."""
    if path is None:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "No private key was given for SSH."), code="not-a-key"
        )
    register_secret(passphrase)
    return to_paramiko(load_private_key(Path(path), passphrase).key)
