"""Test keys, generated once per test session (RSA generation is slow) and written as files."""

from __future__ import annotations

import functools
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from app.core.keys import PrivateKey

# Key sizes the oracle tests cover: the usual ones and two "odd" sizes.
RSA_SIZES = (1024, 1536, 2048, 2056, 3072, 4096)
CURVES = {"p256": ec.SECP256R1, "p384": ec.SECP384R1, "p521": ec.SECP521R1}
KEY_NAMES = ("ed25519", "p256", "p384", "p521", *(f"rsa{bits}" for bits in RSA_SIZES))


@functools.cache
def rsa_key(bits: int) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


@functools.cache
def rsa_key_p_below_q(bits: int = 1024) -> rsa.RSAPrivateKey:
    """The same key as ``rsa_key(bits)`` with p < q, as some tools write it (PuTTY swaps)."""
    n = rsa_key(bits).private_numbers()
    p, q = min(n.p, n.q), max(n.p, n.q)
    swapped = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=n.d,
        dmp1=n.d % (p - 1),
        dmq1=n.d % (q - 1),
        iqmp=pow(q, -1, p),
        public_numbers=n.public_numbers,
    )
    return swapped.private_key()


@functools.cache
def named_key(name: str) -> PrivateKey:
    """A key by name: ``ed25519``, ``p256``/``p384``/``p521`` or ``rsa<bits>``."""
    if name == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if name in CURVES:
        return ec.generate_private_key(CURVES[name]())
    return rsa_key(int(name.removeprefix("rsa")))


def same_key(a: PrivateKey, b: PrivateKey) -> bool:
    """Whether two key objects hold the same private key."""
    fmt = serialization.PrivateFormat.PKCS8
    enc = serialization.NoEncryption()
    der = serialization.Encoding.DER
    if isinstance(a, rsa.RSAPrivateKey) and isinstance(b, rsa.RSAPrivateKey):
        na, nb = a.private_numbers(), b.private_numbers()
        return (na.d, {na.p, na.q}, na.public_numbers) == (nb.d, {nb.p, nb.q}, nb.public_numbers)
    return bool(a.private_bytes(der, fmt, enc) == b.private_bytes(der, fmt, enc))


def pem_for_puttygen(key: PrivateKey) -> str:
    """A form PuTTYgen 0.78 reads: PKCS#1 / SEC1 PEM, or OpenSSH for Ed25519 (no PKCS#8)."""
    if isinstance(key, ed25519.Ed25519PrivateKey):
        fmt = serialization.PrivateFormat.OpenSSH
    else:
        fmt = serialization.PrivateFormat.TraditionalOpenSSL
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


def write(path: Path, text: str | bytes) -> Path:
    """Write a test input file, owner-only like a real key."""
    data = text.encode() if isinstance(text, str) else text
    path.write_bytes(data)
    path.chmod(0o600)
    return path


@functools.cache
def ec_key_with_high_bit(curve: str) -> ec.EllipticCurvePrivateKey:
    """An ECDSA key whose scalar has its top bit set: PuTTYgen writes it one byte too long."""
    bits = CURVES[curve]().key_size
    while True:
        key = ec.generate_private_key(CURVES[curve]())
        if key.private_numbers().private_value.bit_length() == bits:
            return key
