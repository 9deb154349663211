"""Public key lines and fingerprints: OpenSSH's ``SHA256:...`` and what EC2 shows for a key pair."""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from app.core.errors import WizardError
from app.core.keys.key_blobs import PrivateKey, PublicKey, public_blob, ssh_algorithm
from app.core.sentence import QT_TRANSLATE_NOOP


def public_openssh_line(key: PrivateKey | PublicKey, comment: str = "") -> str:
    """The one-line public key (``ssh-ed25519 AAAA... comment``) for authorized_keys and
    ``ImportKeyPair``."""
    line = f"{ssh_algorithm(key)} {base64.b64encode(public_blob(key)).decode('ascii')}"
    comment = " ".join(comment.split())
    return f"{line} {comment}" if comment else line


def _blob_of(public_key_or_blob: PrivateKey | PublicKey | bytes | str) -> bytes:
    if isinstance(public_key_or_blob, bytes):
        return public_key_or_blob
    if isinstance(public_key_or_blob, str):
        # An OpenSSH public line: "<alg> <base64> [comment]".
        parts = public_key_or_blob.split()
        try:
            return base64.b64decode(parts[1], validate=True)
        except (IndexError, binascii.Error) as exc:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "This is not an OpenSSH public key line."),
                detail=public_key_or_blob[:80],
                code="not-a-key",
            ) from exc
    return public_blob(public_key_or_blob)


def sha256_fingerprint(public_key_or_blob: PrivateKey | PublicKey | bytes | str) -> str:
    """``SHA256:<base64, no padding>`` as ``ssh-keygen -l`` prints it. Takes a key (private or
    public), an SSH public blob, or an OpenSSH public key line."""
    digest = hashlib.sha256(_blob_of(public_key_or_blob)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def _colon_hex(digest: bytes) -> str:
    return ":".join(f"{b:02x}" for b in digest)


def ec2_fingerprint(key: PrivateKey | PublicKey, *, created_by_aws: bool) -> str:
    """The ``KeyFingerprint`` EC2 shows for this key's key pair.

    RSA made by EC2: SHA-1 of the PKCS#8 DER private key; RSA imported: MD5 of the DER
    SubjectPublicKeyInfo (both colon hex). Ed25519: base64 SHA-256 of the SSH public blob, with
    the ``=`` padding EC2 keeps. Compare with :func:`fingerprints_match`, which tolerates the
    small spelling differences (``SHA256:`` prefix, padding, case).
    """
    if isinstance(key, rsa.RSAPrivateKey) and created_by_aws:
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return _colon_hex(hashlib.sha1(der, usedforsecurity=False).digest())
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        if created_by_aws:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The private key is needed to compute the fingerprint of a key pair "
                    "EC2 created.",
                ),
                code="not-a-key",
            )
        public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
        der = public.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return _colon_hex(hashlib.md5(der, usedforsecurity=False).digest())
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return base64.b64encode(hashlib.sha256(public_blob(key)).digest()).decode("ascii")
    raise WizardError(
        QT_TRANSLATE_NOOP("core", "EC2 key pairs are RSA or Ed25519; this key cannot be one."),
        code="unsupported-key-type",
    )


def ec2_fingerprints(key: PrivateKey) -> list[str]:
    """Every fingerprint EC2 may show for this key's pair: imported, and created by EC2.

    A key EC2 created is fingerprinted over its PKCS#8 encoding, which depends on the order of
    p and q; PuTTY stores p > q, so a key that went through a ``.ppk`` may have lost the order
    of EC2's original ``.pem``. Both orders are listed.
    """
    if not isinstance(key, rsa.RSAPrivateKey):
        return [ec2_fingerprint(key, created_by_aws=False)]
    n = key.private_numbers()
    swapped = rsa.RSAPrivateNumbers(
        p=n.q,
        q=n.p,
        d=n.d,
        dmp1=n.dmq1,
        dmq1=n.dmp1,
        iqmp=pow(n.p, -1, n.q),
        public_numbers=n.public_numbers,
    ).private_key(unsafe_skip_rsa_key_validation=True)
    return [
        ec2_fingerprint(key, created_by_aws=False),
        ec2_fingerprint(key, created_by_aws=True),
        ec2_fingerprint(swapped, created_by_aws=True),
    ]


def _normalise_fingerprint(text: str) -> str:
    text = text.strip().removeprefix("SHA256:").removeprefix("MD5:").rstrip("=")
    # Hex fingerprints differ only in case; base64 ones are case-sensitive.
    return text.lower() if ":" in text else text


def fingerprints_match(a: str, b: str) -> bool:
    """Whether two spellings of a fingerprint (EC2's, ssh-keygen's, ours) are the same."""
    return bool(a.strip()) and _normalise_fingerprint(a) == _normalise_fingerprint(b)
