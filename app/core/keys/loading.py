"""Load a private key from text or a file, whatever form it comes in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import WizardError
from app.core.keys.key_blobs import PrivateKey, unsupported
from app.core.keys.openssh import is_encrypted as openssh_is_encrypted
from app.core.keys.openssh import read_openssh
from app.core.keys.pem import read_pem
from app.core.keys.ppk import read_ppk
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence
from app.core.small_files import read_small_file

# A key file is a few KiB; anything much bigger is not one, and should not be read into memory.
MAX_KEY_FILE_BYTES = 1024 * 1024

_PEM_FORMATS = {
    b"RSA PRIVATE KEY": "pkcs1",
    b"EC PRIVATE KEY": "sec1",
    b"PRIVATE KEY": "pkcs8",
    b"ENCRYPTED PRIVATE KEY": "pkcs8",
    b"OPENSSH PRIVATE KEY": "openssh",
}
_BEGIN = re.compile(rb"^-{4,5} ?BEGIN ([A-Z0-9 ]+?) ?-{4,5}\s*$", re.M)
_PUBLIC_LINE = re.compile(rb"^(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-\S+|sk-\S+) AAAA")


@dataclass(frozen=True)
class LoadedKey:
    """A private key and what we learnt about it while loading.

    ``source_format`` is one of ``pkcs1``, ``sec1``, ``pkcs8``, ``openssh``, ``ppk2``, ``ppk3``.
    """

    key: PrivateKey
    comment: str
    source_format: str
    encrypted: bool


def _not_a_key(message: Sentence, detail: str = "") -> WizardError:
    return WizardError(message, detail=detail, code="not-a-key")


def _read_source(source: Path | bytes | str) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str):
        if "\n" in source or "-----" in source or len(source) > 1024 or not Path(source).is_file():
            return source.encode()
        # A one-line string naming an existing file is a path passed as text.
        source = Path(source)
    # A regular file only (not a FIFO that hangs or /dev/zero that never ends), and no more of
    # it than a key file can be.
    return read_small_file(source, limit=MAX_KEY_FILE_BYTES, refused_code="not-a-key")


def _normalise(data: bytes) -> bytes:
    # Files saved by Windows editors: a UTF-8 byte order mark and CRLF (or, rarely, CR) endings.
    data = data.removeprefix(b"\xef\xbb\xbf")
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").strip() + b"\n"


def _pem_block(data: bytes, label: bytes) -> bytes:
    start = data.find(b"-----BEGIN " + label + b"-----")
    if start < 0:  # _BEGIN also takes a line with four dashes or a space, as some tools write
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The key file is damaged or cut short."),
            detail=f"no exact BEGIN {label.decode(errors='replace')} line",
            code="corrupt-key",
        )
    end_line = b"-----END " + label + b"-----"
    end = data.find(end_line, start)
    if end < 0:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The key file is cut short (it has no END line)."),
            detail=f"no {end_line.decode()}",
            code="corrupt-key",
        )
    return data[start : end + len(end_line)] + b"\n"


def _explain_other(label: bytes) -> WizardError:
    text = label.decode(errors="replace")
    if text == "DSA PRIVATE KEY":
        return unsupported("DSA")
    if "CERTIFICATE" in text:
        return _not_a_key(
            QT_TRANSLATE_NOOP("core", "This is a certificate, not a private key."), text
        )
    if "PUBLIC KEY" in text:
        return _not_a_key(
            QT_TRANSLATE_NOOP(
                "core",
                "This is a public key; the private key (the file you keep secret) is needed.",
            ),
            text,
        )
    if "SSH2 ENCRYPTED PRIVATE KEY" in text:
        return WizardError(
            QT_TRANSLATE_NOOP("core", "ssh.com private keys are not supported."),
            code="unsupported-key-type",
            hint=QT_TRANSLATE_NOOP("core", "Load it in PuTTYgen and export it as an OpenSSH key."),
        )
    return _not_a_key(
        QT_TRANSLATE_NOOP("core", "This is not a private key (it holds {what}).").format(
            what=text.lower()
        ),
        text,
    )


def load_private_key(source: Path | bytes | str, passphrase: str | None = None) -> LoadedKey:
    """Load a private key from a file or its contents: PEM (PKCS#1, SEC1, PKCS#8, plain or
    encrypted), OpenSSH (plain or encrypted) or PuTTY ``.ppk`` v2/v3 (plain or encrypted).

    The passphrase is ignored for unencrypted keys. Raises ``WizardError`` with a code from
    ``not-a-key``, ``unsupported-key-type``, ``passphrase-needed``, ``wrong-passphrase``,
    ``corrupt-key``, ``tampered-ppk``, ``unsupported-kdf`` (and ``not-found``/``cannot-read``
    for files).
    """
    register_secret(passphrase)
    data = _normalise(_read_source(source))
    if data.startswith(b"PuTTY-User-Key-File-"):
        ppk = read_ppk(data, passphrase)
        return LoadedKey(ppk.key, ppk.comment, f"ppk{ppk.version}", ppk.encrypted)
    if data.startswith(b"SSH PRIVATE KEY FILE FORMAT 1.1"):
        raise unsupported("SSH-1 (RSA1)")
    if _PUBLIC_LINE.match(data):
        if data.startswith(b"ssh-dss"):
            raise unsupported("DSA")
        raise _not_a_key(
            QT_TRANSLATE_NOOP(
                "core",
                "This is a public key; the private key (the file you keep secret) is needed.",
            )
        )
    match = _BEGIN.search(data)
    if not match:
        raise _not_a_key(
            QT_TRANSLATE_NOOP("core", "This is not a private key file."),
            "no BEGIN line or PuTTY header",
        )
    label = match.group(1)
    source_format = _PEM_FORMATS.get(label)
    if source_format is None or not match.group(0).startswith(b"-----BEGIN "):
        raise _explain_other(label)
    block = _pem_block(data, label)
    if source_format == "openssh":
        encrypted = openssh_is_encrypted(block)
        key, comment, encrypted = read_openssh(block, passphrase if encrypted else None)
        return LoadedKey(key, comment, "openssh", encrypted)
    encrypted = label == b"ENCRYPTED PRIVATE KEY" or b"Proc-Type: 4,ENCRYPTED" in block
    if encrypted and not passphrase:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "This key is protected by a passphrase: enter it to use the key."
            ),
            code="passphrase-needed",
        )
    return LoadedKey(read_pem(block, passphrase, encrypted=encrypted), "", source_format, encrypted)
