"""A lenient reader of SEC1 ``EC PRIVATE KEY`` DER, for keys ``cryptography`` refuses.

PuTTYgen (0.78) writes the private scalar with a leading zero byte when its top bit is set,
one byte longer than RFC 5915 allows; OpenSSL and OpenSSH accept it, ``cryptography`` does not.
Half of PuTTYgen's exported ECDSA keys look like that, so we read them ourselves.
"""

from __future__ import annotations

import base64
import binascii
import re

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

_CURVE_OIDS: dict[bytes, type[ec.EllipticCurve]] = {
    bytes.fromhex("2a8648ce3d030107"): ec.SECP256R1,
    bytes.fromhex("2b81040022"): ec.SECP384R1,
    bytes.fromhex("2b81040023"): ec.SECP521R1,
}


class _Der:
    """Just enough DER: tag, length (short and long form), value."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def next(self) -> tuple[int, bytes]:
        if self.pos + 2 > len(self.data):
            raise ValueError("DER ends early")
        tag, length = self.data[self.pos], self.data[self.pos + 1]
        self.pos += 2
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 3:
                raise ValueError("unsupported DER length")
            length = int.from_bytes(self.data[self.pos : self.pos + count], "big")
            self.pos += count
        value = self.data[self.pos : self.pos + length]
        if len(value) != length:
            raise ValueError("DER ends early")
        self.pos += length
        return tag, value

    @property
    def done(self) -> bool:
        return self.pos >= len(self.data)


def _der_of(block: bytes) -> bytes:
    body = re.sub(rb"-----[^-]+-----", b"", block)
    try:
        return base64.b64decode(re.sub(rb"\s+", b"", body), validate=True)
    except binascii.Error as exc:
        raise ValueError("bad base64") from exc


def read_sec1_leniently(block: bytes) -> ec.EllipticCurvePrivateKey:
    """Load an unencrypted SEC1 PEM block; ``ValueError`` if it is not a usable one."""
    tag, body = _Der(_der_of(block)).next()
    if tag != 0x30:
        raise ValueError("not a SEQUENCE")
    fields = _Der(body)
    tag, version = fields.next()
    if tag != 0x02 or version != b"\x01":
        raise ValueError("not an ECPrivateKey v1")
    tag, scalar = fields.next()
    if tag != 0x04:
        raise ValueError("private key is not an OCTET STRING")
    curve: type[ec.EllipticCurve] | None = None
    public_point: bytes | None = None
    while not fields.done:
        tag, value = fields.next()
        if tag == 0xA0:
            oid_tag, oid = _Der(value).next()
            curve = _CURVE_OIDS.get(oid) if oid_tag == 0x06 else None
        elif tag == 0xA1:
            bits_tag, bits = _Der(value).next()
            public_point = bits[1:] if bits_tag == 0x03 and bits[:1] == b"\0" else None
    if curve is None:
        raise ValueError("unknown or missing curve")
    key = ec.derive_private_key(int.from_bytes(scalar, "big"), curve())
    derived = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    if public_point is not None and public_point != derived:
        raise ValueError("public point does not match the private key")
    return key
