"""Key types we support and their SSH encodings: public blobs and the private fields of PPK
and OpenSSH files, both ways."""

from __future__ import annotations

import math

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

from app.core.errors import WizardError
from app.core.keys.ssh_wire import WireReader, mpint, string
from app.core.sentence import QT_TRANSLATE_NOOP

PrivateKey = rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey
PublicKey = rsa.RSAPublicKey | ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey

MIN_RSA_BITS = 1024

# SSH curve name -> cryptography curve class; EC2 itself takes only RSA and Ed25519, but
# PuTTY and OpenSSH users have ECDSA keys we should be able to convert.
_CURVES: dict[str, type[ec.EllipticCurve]] = {
    "nistp256": ec.SECP256R1,
    "nistp384": ec.SECP384R1,
    "nistp521": ec.SECP521R1,
}
_CURVE_BY_OPENSSL_NAME = {cls().name: ssh for ssh, cls in _CURVES.items()}


def unsupported(what: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "{what} keys are not supported: use an RSA, Ed25519 or ECDSA (P-256, "
            "P-384, P-521) key.",
        ).format(what=what),
        code="unsupported-key-type",
    )


def check_supported(key: object) -> PrivateKey:
    """Return ``key`` typed as one we handle, or raise ``unsupported-key-type``."""
    if isinstance(key, rsa.RSAPrivateKey):
        if key.key_size < MIN_RSA_BITS:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core", "This RSA key has only {bits} bits; at least {minimum} are needed."
                ).format(bits=key.key_size, minimum=MIN_RSA_BITS),
                code="unsupported-key-type",
            )
        return key
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        if key.curve.name not in _CURVE_BY_OPENSSL_NAME:
            raise unsupported(f"ECDSA ({key.curve.name})")
        return key
    if isinstance(key, dsa.DSAPrivateKey):
        raise unsupported("DSA")
    if isinstance(key, ed448.Ed448PrivateKey):
        raise unsupported("Ed448")
    raise unsupported(type(key).__name__.removesuffix("PrivateKey") or "These")


def _curve_name(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> str:
    try:
        return _CURVE_BY_OPENSSL_NAME[key.curve.name]
    except KeyError:
        raise unsupported(f"ECDSA ({key.curve.name})") from None


def ssh_algorithm(key: PrivateKey | PublicKey) -> str:
    """The SSH name of the key's algorithm: ``ssh-rsa``, ``ssh-ed25519``, ``ecdsa-sha2-...``."""
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        return "ssh-rsa"
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "ssh-ed25519"
    return "ecdsa-sha2-" + _curve_name(key)


def describe(key: PrivateKey | PublicKey) -> str:
    """A short name a person recognises: ``RSA 4096``, ``Ed25519``, ``ECDSA P-256``."""
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        return f"RSA {key.key_size}"
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "Ed25519"
    return "ECDSA P-" + _curve_name(key).removeprefix("nistp")


def _public(key: PrivateKey | PublicKey) -> PublicKey:
    if isinstance(key, rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
        return key.public_key()
    return key


def _ec_point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def public_blob(key: PrivateKey | PublicKey) -> bytes:
    """The SSH public key blob (what ``ssh-rsa AAAA...`` carries in base64)."""
    pub = _public(key)
    alg = ssh_algorithm(pub)
    if isinstance(pub, rsa.RSAPublicKey):
        numbers = pub.public_numbers()
        return string(alg) + mpint(numbers.e) + mpint(numbers.n)
    if isinstance(pub, ed25519.Ed25519PublicKey):
        return string(alg) + string(pub.public_bytes_raw())
    return string(alg) + string(_curve_name(pub)) + string(_ec_point(pub))


def _putty_rsa_factors(key: rsa.RSAPrivateKey) -> tuple[int, int, int]:
    """p, q and iqmp as PuTTY stores them: p > q and iqmp = q^-1 mod p."""
    numbers = key.private_numbers()
    p, q = max(numbers.p, numbers.q), min(numbers.p, numbers.q)
    return p, q, pow(q, -1, p)


def ppk_private_blob(key: PrivateKey) -> bytes:
    """The private half of a PPK file, as PuTTY 0.78 writes it (before padding)."""
    if isinstance(key, rsa.RSAPrivateKey):
        p, q, iqmp = _putty_rsa_factors(key)
        return mpint(key.private_numbers().d) + mpint(p) + mpint(q) + mpint(iqmp)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return string(key.private_bytes_raw())
    return mpint(key.private_numbers().private_value)


def rsa_numbers_consistent(numbers: rsa.RSAPrivateNumbers) -> bool:
    """Whether an RSA key's parts fit together, checked with a few multiplications.

    OpenSSL's own check also tests p and q for primality, which takes half a second for an
    RSA-4096 key on a slow machine; for a key the user brings, consistency is what matters:
    that it signs correctly and matches its public half.
    """
    p, q, d = numbers.p, numbers.q, numbers.d
    n, e = numbers.public_numbers.n, numbers.public_numbers.e
    if min(p, q) < 3 or e < 3 or e % 2 == 0 or p * q != n:
        return False
    lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
    return (
        (e * d) % lam == 1
        and numbers.dmp1 == d % (p - 1)
        and numbers.dmq1 == d % (q - 1)
        and (numbers.iqmp * q) % p == 1
    )


def rsa_from_parts(n: int, e: int, d: int, p: int, q: int) -> rsa.RSAPrivateKey:
    """Build an RSA key from its parts, checking they belong together."""
    if p * q != n or min(p, q) < 3:
        raise _mismatch()
    numbers = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=d % (p - 1),
        dmq1=d % (q - 1),
        iqmp=pow(q, -1, p),
        public_numbers=rsa.RSAPublicNumbers(e, n),
    )
    if not rsa_numbers_consistent(numbers):
        raise _mismatch("RSA parameters do not fit together")
    try:
        return numbers.private_key(unsafe_skip_rsa_key_validation=True)
    except ValueError as exc:
        raise _mismatch(str(exc)) from exc


def _mismatch(detail: str = "private and public halves do not match") -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "The key file is damaged."), detail=detail, code="corrupt-key"
    )


def _ed25519_from_seed(seed: bytes) -> ed25519.Ed25519PrivateKey:
    if len(seed) != 32:
        raise _mismatch("Ed25519 seed is not 32 bytes")
    return ed25519.Ed25519PrivateKey.from_private_bytes(seed)


def _ec_from_scalar(curve_name: str, scalar: int) -> ec.EllipticCurvePrivateKey:
    curve = _CURVES.get(curve_name)
    if curve is None:
        raise unsupported(f"ECDSA ({curve_name})")
    try:
        return ec.derive_private_key(scalar, curve())
    except ValueError as exc:
        raise _mismatch(str(exc)) from exc


def _read_public(alg: str, blob: bytes) -> tuple[str, WireReader]:
    reader = WireReader(blob)
    blob_alg = reader.text()
    if blob_alg != alg:
        raise _mismatch(f"public blob says {blob_alg}, header says {alg}")
    return blob_alg, reader


def key_from_ppk(alg: str, pub_blob: bytes, priv_blob: bytes) -> PrivateKey:
    """Rebuild a key from a PPK file's public and (decrypted) private blobs."""
    _, pub = _read_public(alg, pub_blob)
    priv = WireReader(priv_blob)
    key: PrivateKey
    if alg == "ssh-rsa":
        e, n = pub.mpint(), pub.mpint()
        d, p, q = priv.mpint(), priv.mpint(), priv.mpint()
        key = rsa_from_parts(n, e, d, p, q)
    elif alg == "ssh-ed25519":
        key = _ed25519_from_seed(priv.string())
    elif alg.startswith("ecdsa-sha2-"):
        key = _ec_from_scalar(pub.text(), priv.mpint())
    elif alg == "ssh-dss":
        raise unsupported("DSA")
    else:
        raise unsupported(alg)
    if public_blob(check_supported(key)) != pub_blob:
        raise _mismatch()
    return key


def openssh_private_fields(key: PrivateKey) -> bytes:
    """A key's entry in an OpenSSH private key file (PROTOCOL.key), algorithm name included."""
    alg = string(ssh_algorithm(key))
    if isinstance(key, rsa.RSAPrivateKey):
        n = key.private_numbers()
        iqmp = pow(n.q, -1, n.p)
        pn = n.public_numbers
        return alg + b"".join(mpint(v) for v in (pn.n, pn.e, n.d, iqmp, n.p, n.q))
    if isinstance(key, ed25519.Ed25519PrivateKey):
        raw_pub = key.public_key().public_bytes_raw()
        return alg + string(raw_pub) + string(key.private_bytes_raw() + raw_pub)
    point = _ec_point(key.public_key())
    return (
        alg + string(_curve_name(key)) + string(point) + mpint(key.private_numbers().private_value)
    )


def read_openssh_private_fields(reader: WireReader) -> PrivateKey:
    """The inverse of :func:`openssh_private_fields`."""
    alg = reader.text()
    if alg == "ssh-rsa":
        n, e, d, _iqmp, p, q = (reader.mpint() for _ in range(6))
        return check_supported(rsa_from_parts(n, e, d, p, q))
    if alg == "ssh-ed25519":
        raw_pub, secret = reader.string(), reader.string()
        key = _ed25519_from_seed(secret[:32])
        if key.public_key().public_bytes_raw() != raw_pub:
            raise _mismatch()
        return key
    if alg.startswith("ecdsa-sha2-"):
        curve_name, point, scalar = reader.text(), reader.string(), reader.mpint()
        ec_key = _ec_from_scalar(curve_name, scalar)
        if _ec_point(ec_key.public_key()) != point:
            raise _mismatch()
        return ec_key
    if alg == "ssh-dss":
        raise unsupported("DSA")
    raise unsupported(alg)
