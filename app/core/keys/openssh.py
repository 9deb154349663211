"""OpenSSH private key files (``-----BEGIN OPENSSH PRIVATE KEY-----``, PROTOCOL.key).

Our own reader and writer rather than ``cryptography``'s, because that one drops the comment
on load and cannot write one; both matter when a key goes back and forth with PuTTY.
"""

from __future__ import annotations

import base64
import binascii
import os
import re

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.poly1305 import Poly1305

from app.core.errors import WizardError
from app.core.keys.kdf_limits import check_bcrypt, interruptible
from app.core.keys.key_blobs import (
    PrivateKey,
    check_supported,
    openssh_private_fields,
    public_blob,
    read_openssh_private_fields,
)
from app.core.keys.ssh_wire import WireReader, string, u32, wrap_base64
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP

MAGIC = b"openssh-key-v1\0"
BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----"
END = "-----END OPENSSH PRIVATE KEY-----"
# ssh-keygen's default bcrypt rounds; the library warns below 50, but compatibility wins.
DEFAULT_ROUNDS = 16
_WRITE_CIPHER = "aes256-ctr"

# cipher name -> (key bytes, IV bytes, block size, mode)
_CIPHERS: dict[str, tuple[int, int, int, str]] = {
    "none": (0, 0, 8, "none"),
    "aes128-ctr": (16, 16, 16, "ctr"),
    "aes192-ctr": (24, 16, 16, "ctr"),
    "aes256-ctr": (32, 16, 16, "ctr"),
    "aes128-cbc": (16, 16, 16, "cbc"),
    "aes192-cbc": (24, 16, 16, "cbc"),
    "aes256-cbc": (32, 16, 16, "cbc"),
    "aes128-gcm@openssh.com": (16, 12, 16, "gcm"),
    "aes256-gcm@openssh.com": (32, 12, 16, "gcm"),
    "chacha20-poly1305@openssh.com": (64, 0, 8, "chacha"),
}
_AUTHENTICATED = ("gcm", "chacha")
_TAG_BYTES = 16


#: What the wire readers of this module read (says which file is damaged).
_OPENSSH_FILE = QT_TRANSLATE_NOOP("core", "OpenSSH key file")


def _bcrypt_kdf(passphrase: str, salt: bytes, rounds: int, length: int) -> bytes:
    import bcrypt  # only encrypted keys need it; keep plain loading free of it

    check_bcrypt(rounds, salt)
    derived: bytes = interruptible(
        lambda: bcrypt.kdf(passphrase.encode(), salt, length, rounds, ignore_few_rounds=True)
    )
    return derived


def _chacha20_poly1305_open(secret: bytes, data: bytes) -> bytes:
    """OpenSSH's chacha20-poly1305 with sequence number 0 (PROTOCOL.chacha20poly1305)."""
    main_key, tag, body = secret[:32], data[-_TAG_BYTES:], data[:-_TAG_BYTES]

    def chacha(counter: int) -> Cipher[None]:
        # Its 64-bit block counter and 64-bit nonce, laid out as cryptography's 16-byte nonce.
        return Cipher(algorithms.ChaCha20(main_key, counter.to_bytes(8, "little") + bytes(8)), None)

    poly_key = chacha(0).encryptor().update(bytes(32))
    Poly1305.verify_tag(poly_key, body, tag)
    return chacha(1).decryptor().update(body)


def _cipher(name: str, secret: bytes, data: bytes, *, decrypt: bool) -> bytes:
    key_len, _, _, mode = _CIPHERS[name]
    key, iv = secret[:key_len], secret[key_len:]
    if mode == "chacha":
        return _chacha20_poly1305_open(secret, data)
    if mode == "gcm":
        aead = AESGCM(key)
        return aead.decrypt(iv, data, None) if decrypt else aead.encrypt(iv, data, None)
    cipher_mode = modes.CTR(iv) if mode == "ctr" else modes.CBC(iv)
    cipher = Cipher(algorithms.AES(key), cipher_mode)
    ctx = cipher.decryptor() if decrypt else cipher.encryptor()
    return ctx.update(data) + ctx.finalize()


def to_openssh(
    key: PrivateKey,
    *,
    comment: str = "",
    passphrase: str | None = None,
    rounds: int = DEFAULT_ROUNDS,
) -> str:
    """The key as an OpenSSH private key file, encrypted (aes256-ctr, bcrypt) with a passphrase."""
    key = check_supported(key)
    register_secret(passphrase)
    check = os.urandom(4)
    body = check + check + openssh_private_fields(key) + string(comment)
    cipher = _WRITE_CIPHER if passphrase else "none"
    key_len, iv_len, block, _ = _CIPHERS[cipher]
    body += bytes(range(1, -len(body) % block + 1))
    kdf_name, kdf_options = "none", b""
    if passphrase:
        salt = os.urandom(16)
        secret = _bcrypt_kdf(passphrase, salt, rounds, key_len + iv_len)
        body = _cipher(cipher, secret, body, decrypt=False)
        kdf_name, kdf_options = "bcrypt", string(salt) + u32(rounds)
    data = (
        MAGIC
        + string(cipher)
        + string(kdf_name)
        + string(kdf_options)
        + u32(1)
        + string(public_blob(key))
        + string(body)
    )
    return "\n".join([BEGIN, *wrap_base64(data, 70), END]) + "\n"


def _damaged(detail: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "The OpenSSH key file is damaged or cut short."),
        detail=detail,
        code="corrupt-key",
    )


def _decode_armour(text: bytes) -> bytes:
    match = re.search(
        rb"-----BEGIN OPENSSH PRIVATE KEY-----\s*(.*?)\s*-----END OPENSSH PRIVATE KEY-----",
        text,
        re.S,
    )
    if not match:
        raise _damaged("no END line")
    try:
        data = base64.b64decode(re.sub(rb"\s+", b"", match.group(1)), validate=True)
    except binascii.Error as exc:
        raise _damaged("bad base64") from exc
    if not data.startswith(MAGIC):
        raise _damaged("missing openssh-key-v1 magic")
    return data[len(MAGIC) :]


def is_encrypted(text: bytes) -> bool:
    """Whether an OpenSSH key file needs a passphrase."""
    reader = WireReader(_decode_armour(text), _OPENSSH_FILE)
    return reader.text() != "none"


def read_openssh(text: bytes, passphrase: str | None = None) -> tuple[PrivateKey, str, bool]:
    """Load an OpenSSH private key file: (key, comment, was it encrypted)."""
    reader = WireReader(_decode_armour(text), _OPENSSH_FILE)
    cipher, kdf_name, kdf_options = reader.text(), reader.text(), reader.string()
    count = reader.u32()
    if count != 1:
        raise _damaged(f"{count} keys in one file")
    pub = reader.string()
    body = reader.string()
    encrypted = cipher != "none"
    if cipher not in _CIPHERS or (encrypted and kdf_name != "bcrypt"):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "This OpenSSH key is encrypted with {cipher}/{kdf}, which is not supported."
            ).format(cipher=cipher, kdf=kdf_name),
            code="unsupported-kdf",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Change its passphrase with ssh-keygen -p, which re-encrypts it with aes256-ctr.",
            ),
        )
    if encrypted:
        options = WireReader(kdf_options, _OPENSSH_FILE)
        salt, rounds = options.string(), options.u32()
        check_bcrypt(rounds, salt)  # even without a passphrase: such a file is never usable
        if not passphrase:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "This OpenSSH key is protected by a passphrase: enter it to use the key.",
                ),
                code="passphrase-needed",
            )
        key_len, iv_len, _, mode = _CIPHERS[cipher]
        if mode in _AUTHENTICATED:
            body += reader.rest()[:_TAG_BYTES]  # the tag follows the encrypted body
        secret = _bcrypt_kdf(passphrase, salt, rounds, key_len + iv_len)
        try:
            body = _cipher(cipher, secret, body, decrypt=True)
        except (InvalidTag, InvalidSignature, ValueError):
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "Wrong passphrase for this OpenSSH key."),
                code="wrong-passphrase",
            ) from None
    private = WireReader(body, _OPENSSH_FILE)
    if private.u32() != private.u32():
        if encrypted:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "Wrong passphrase for this OpenSSH key."),
                code="wrong-passphrase",
            )
        raise _damaged("check integers differ")
    key = read_openssh_private_fields(private)
    comment = private.string().decode(errors="replace")
    if public_blob(key) != pub:
        raise _damaged("public and private halves differ")
    return key, comment, encrypted
