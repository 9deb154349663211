"""New key pairs: Ed25519 by default, RSA-4096 for systems that want RSA."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from app.core.errors import WizardError
from app.core.keys.key_blobs import PrivateKey
from app.core.sentence import QT_TRANSLATE_NOOP

KEY_TYPES = ("ed25519", "rsa")
RSA_BITS = 4096


def generate_key(key_type: str = "ed25519", *, rsa_bits: int = RSA_BITS) -> PrivateKey:
    """A new private key: ``"ed25519"`` or ``"rsa"`` (RSA-4096, public exponent 65537)."""
    kind = key_type.lower()
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)
    raise WizardError(
        QT_TRANSLATE_NOOP("core", "Unknown key type {key_type}: choose ed25519 or rsa.").format(
            key_type=repr(key_type)
        ),
        code="unsupported-key-type",
    )
