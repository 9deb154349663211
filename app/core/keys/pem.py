"""PEM private keys: PKCS#1 (``RSA PRIVATE KEY``), SEC1 (``EC PRIVATE KEY``), PKCS#8."""

from __future__ import annotations

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from app.core.errors import WizardError
from app.core.keys.key_blobs import PrivateKey, check_supported, rsa_numbers_consistent
from app.core.keys.sec1 import read_sec1_leniently
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP


def to_pem(key: PrivateKey, *, passphrase: str | None = None) -> str:
    """The key as PEM: PKCS#1 for RSA (the ``.pem`` EC2 hands out), SEC1 for ECDSA, PKCS#8 for
    Ed25519 (which has no older form). A passphrase encrypts it with AES-256-CBC."""
    key = check_supported(key)
    register_secret(passphrase)
    fmt = (
        serialization.PrivateFormat.PKCS8
        if isinstance(key, ed25519.Ed25519PrivateKey)
        else serialization.PrivateFormat.TraditionalOpenSSL
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(serialization.Encoding.PEM, fmt, encryption).decode("ascii")


def read_pem(block: bytes, passphrase: str | None, *, encrypted: bool) -> PrivateKey:
    """Load one PEM block, turning ``cryptography``'s errors into ones a person can act on."""
    password = passphrase.encode() if passphrase and encrypted else None
    try:
        # OpenSSL's RSA check (primality tests) costs ~0.5 s for RSA-4096; ours is enough.
        key = serialization.load_pem_private_key(
            block, password, unsafe_skip_rsa_key_validation=True
        )
    except TypeError as exc:
        # "Password was not given but private key is encrypted" (the header did not say so).
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "This key is protected by a passphrase: enter it to use the key."
            ),
            detail=str(exc),
            code="passphrase-needed",
        ) from exc
    except UnsupportedAlgorithm as exc:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "This key's type or encryption is not supported."),
            detail=str(exc),
            code="unsupported-key-type",
        ) from exc
    except ValueError as exc:
        if not encrypted and b"-----BEGIN EC PRIVATE KEY-----" in block:
            try:
                return read_sec1_leniently(block)
            except ValueError:
                pass
        if encrypted:
            # A wrong passphrase either fails the padding check or yields garbage ASN.1.
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "Wrong passphrase for this key."),
                detail=str(exc),
                code="wrong-passphrase",
            ) from exc
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The key file is damaged or cut short."),
            detail=str(exc),
            code="corrupt-key",
        ) from exc
    if isinstance(key, rsa.RSAPrivateKey) and not rsa_numbers_consistent(key.private_numbers()):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The key file is damaged: its RSA parameters do not fit together."
            ),
            code="corrupt-key",
        )
    return check_supported(key)
