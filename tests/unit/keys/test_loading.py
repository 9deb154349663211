"""Loading private keys in every form a user may have, and refusing everything else clearly."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, rsa
from cryptography.x509.oid import NameOID

from app.core.errors import WizardError
from app.core.keys import (
    PrivateKey,
    load_private_key,
    public_openssh_line,
    to_openssh,
    to_pem,
    to_ppk,
)
from tests.support.tools import require_tool
from tests.unit.keys import vectors
from tests.unit.keys.samples import named_key, same_key, write

PEM = serialization.Encoding.PEM
PKCS1_OR_SEC1 = serialization.PrivateFormat.TraditionalOpenSSL
PKCS8 = serialization.PrivateFormat.PKCS8
OPENSSH = serialization.PrivateFormat.OpenSSH
PLAIN = serialization.NoEncryption()


def _pem(key: object, fmt: serialization.PrivateFormat, passphrase: str | None = None) -> bytes:
    encryption = serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else PLAIN
    return key.private_bytes(PEM, fmt, encryption)  # type: ignore[attr-defined, no-any-return]


def _error(source: Path | bytes | str, passphrase: str | None = None) -> WizardError:
    with pytest.raises(WizardError) as caught:
        load_private_key(source, passphrase)
    assert caught.value.message
    assert "\n" not in str(caught.value)  # one line for the CLI
    return caught.value


# (key name, serialization format, expected source_format)
FORMS = [
    ("rsa2048", PKCS1_OR_SEC1, "pkcs1"),
    ("p256", PKCS1_OR_SEC1, "sec1"),
    ("p521", PKCS1_OR_SEC1, "sec1"),
    ("rsa1024", PKCS8, "pkcs8"),
    ("p384", PKCS8, "pkcs8"),
    ("ed25519", PKCS8, "pkcs8"),
    ("rsa1024", OPENSSH, "openssh"),
    ("p256", OPENSSH, "openssh"),
    ("ed25519", OPENSSH, "openssh"),
]
FORM_IDS = [f"{name}-{expected}" for name, _, expected in FORMS]


@pytest.mark.parametrize(("name", "fmt", "expected"), FORMS, ids=FORM_IDS)
def test_every_form_loads_from_a_file(
    tmp_path: Path, name: str, fmt: serialization.PrivateFormat, expected: str
) -> None:
    key = named_key(name)
    loaded = load_private_key(write(tmp_path / "key", _pem(key, fmt)))
    assert same_key(loaded.key, key)
    assert (loaded.source_format, loaded.encrypted) == (expected, False)


@pytest.mark.parametrize(("name", "fmt", "expected"), FORMS, ids=FORM_IDS)
def test_every_encrypted_form_needs_and_takes_its_passphrase(
    name: str, fmt: serialization.PrivateFormat, expected: str
) -> None:
    key = named_key(name)
    data = _pem(key, fmt, "s3cret phrase")

    assert _error(data).code == "passphrase-needed"
    assert _error(data, "wrong phrase").code == "wrong-passphrase"
    loaded = load_private_key(data, "s3cret phrase")
    assert same_key(loaded.key, key)
    assert (loaded.source_format, loaded.encrypted) == (expected, True)


@pytest.mark.parametrize("as_type", [bytes, str])
def test_text_and_bytes_load_like_files(as_type: type) -> None:
    data = _pem(named_key("ed25519"), PKCS8)
    source = data if as_type is bytes else data.decode()
    assert same_key(load_private_key(source).key, named_key("ed25519"))


@pytest.mark.parametrize(("name", "fmt", "expected"), FORMS[:4], ids=FORM_IDS[:4])
def test_windows_editor_files_load(
    name: str, fmt: serialization.PrivateFormat, expected: str
) -> None:
    data = b"\xef\xbb\xbf" + _pem(named_key(name), fmt).replace(b"\n", b"\r\n") + b"\r\n\r\n"
    assert load_private_key(data).source_format == expected


def test_passphrase_given_for_a_plain_key_is_ignored() -> None:
    for data in (_pem(named_key("rsa1024"), PKCS1_OR_SEC1), to_ppk(named_key("p256"), comment="")):
        assert not load_private_key(data, "unneeded").encrypted


def test_openssh_comment_survives_our_round_trip() -> None:
    key = named_key("p384")
    text = to_openssh(key, comment="alice@laptop", passphrase="pw")
    loaded = load_private_key(text, "pw")
    assert (loaded.comment, loaded.encrypted) == ("alice@laptop", True)
    assert same_key(loaded.key, key)


@pytest.mark.parametrize(
    "cipher",
    [
        "aes256-ctr",
        "aes128-ctr",
        "aes256-cbc",
        "aes256-gcm@openssh.com",
        "chacha20-poly1305@openssh.com",
    ],
)
def test_ssh_keygen_encrypted_keys_load_with_comment(tmp_path: Path, cipher: str) -> None:
    ssh_keygen = require_tool("ssh-keygen", "openssh-client")
    path = tmp_path / "id_test"
    subprocess.run(
        [ssh_keygen, "-q", "-t", "ed25519", "-Z", cipher, "-N", "pass phrase", "-C", "bob@desk",
         "-f", str(path)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    assert _error(path, "not it").code == "wrong-passphrase"
    loaded = load_private_key(path, "pass phrase")
    assert (loaded.comment, loaded.source_format, loaded.encrypted) == ("bob@desk", "openssh", True)
    public = path.with_name("id_test.pub").read_text().split()
    assert public_openssh_line(loaded.key) == " ".join(public[:2])


def test_ssh_keygen_3des_key_is_refused_with_advice(tmp_path: Path) -> None:
    ssh_keygen = require_tool("ssh-keygen", "openssh-client")
    path = tmp_path / "old"
    subprocess.run(
        [ssh_keygen, "-q", "-t", "ed25519", "-Z", "3des-cbc", "-N", "pw", "-f", str(path)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    error = _error(path, "pw")
    assert error.code == "unsupported-kdf"
    assert "ssh-keygen -p" in error.hint


def _dsa(fmt: serialization.PrivateFormat) -> bytes:
    return _pem(dsa.generate_private_key(1024), fmt)  # noqa: S505 - a key we must refuse


def _certificate() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(PEM)


def _spki(key: PrivateKey) -> bytes:
    return key.public_key().public_bytes(PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _ssh_public(key: PrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (lambda: b"hello, this is just a note\n", "not-a-key", "not a private key"),
        (lambda: b"", "not-a-key", "not a private key"),
        (lambda: bytes(range(256)) * 4, "not-a-key", "not a private key"),
        (_certificate, "not-a-key", "certificate"),
        (lambda: _spki(named_key("rsa1024")), "not-a-key", "public key"),
        (lambda: _ssh_public(named_key("ed25519")), "not-a-key", "public key"),
        (
            lambda: b"---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n",
            "not-a-key",
            "public key",
        ),
        (lambda: _dsa(PKCS1_OR_SEC1), "unsupported-key-type", "DSA"),
        (lambda: _dsa(PKCS8), "unsupported-key-type", "DSA"),
        (lambda: vectors.OPENSSH_DSA, "unsupported-key-type", "DSA"),
        (lambda: _pem(ed448.Ed448PrivateKey.generate(), PKCS8), "unsupported-key-type", "Ed448"),
        (
            lambda: _pem(ec.generate_private_key(ec.SECP256K1()), PKCS8),
            "unsupported-key-type",
            "secp256k1",
        ),
        (lambda: vectors.RSA_512, "unsupported-key-type", "512 bits"),
    ],
    ids=[
        "text", "empty", "binary", "certificate", "pem-public", "ssh-public", "ssh2-public",
        "dsa-pkcs1", "dsa-pkcs8", "dsa-openssh", "ed448", "secp256k1", "rsa512",
    ],
)  # fmt: skip
def test_things_that_are_not_usable_keys_say_what_they_are(
    make: object, code: str, words: str
) -> None:
    error = _error(make())  # type: ignore[operator]
    assert error.code == code
    assert words in error.message


@pytest.mark.parametrize(("name", "fmt", "expected"), FORMS, ids=FORM_IDS)
@pytest.mark.parametrize("keep", [0.4, 0.8])
def test_truncated_files_are_corrupt(
    name: str, fmt: serialization.PrivateFormat, expected: str, keep: float
) -> None:
    data = _pem(named_key(name), fmt)
    assert _error(data[: int(len(data) * keep)]).code == "corrupt-key"


def test_damaged_base64_is_corrupt() -> None:
    data = bytearray(_pem(named_key("rsa1024"), PKCS1_OR_SEC1))
    data[100:110] = b"@@@@@@@@@@"
    assert _error(bytes(data)).code == "corrupt-key"


def test_ssh1_key_is_unsupported() -> None:
    assert _error(b"SSH PRIVATE KEY FILE FORMAT 1.1\n\0\0").code == "unsupported-key-type"


def test_missing_file_folder_and_huge_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "nope.pem").code == "not-found"
    assert _error(tmp_path).code == "not-a-key"
    huge = tmp_path / "huge.pem"
    huge.write_bytes(b"x" * (2 * 1024 * 1024))
    assert _error(huge).code == "not-a-key"


def test_our_pem_round_trips_encrypted_and_plain() -> None:
    for name in ("rsa1024", "p256", "ed25519"):
        key = named_key(name)
        assert same_key(load_private_key(to_pem(key)).key, key)
        assert same_key(load_private_key(to_pem(key, passphrase="pw"), "pw").key, key)
    assert to_pem(named_key("rsa1024")).startswith("-----BEGIN RSA PRIVATE KEY-----")
    assert to_pem(named_key("p256")).startswith("-----BEGIN EC PRIVATE KEY-----")
    assert to_pem(named_key("ed25519")).startswith("-----BEGIN PRIVATE KEY-----")


def test_rsa_key_whose_parts_do_not_fit_is_corrupt() -> None:
    # We skip OpenSSL's slow primality check, so our own consistency check must catch this.
    good = named_key("rsa1024").private_numbers()  # type: ignore[union-attr]
    bad = rsa.RSAPrivateNumbers(
        p=good.p,
        q=good.q,
        d=good.d,
        dmp1=good.dmp1 ^ 2,
        dmq1=good.dmq1,
        iqmp=good.iqmp,
        public_numbers=good.public_numbers,
    ).private_key(unsafe_skip_rsa_key_validation=True)
    assert _error(_pem(bad, PKCS1_OR_SEC1)).code == "corrupt-key"
    assert _error(_pem(bad, PKCS8)).code == "corrupt-key"


def test_a_path_given_as_text_is_read_as_a_file(tmp_path: Path) -> None:
    path = write(tmp_path / "key.pem", _pem(named_key("p256"), PKCS1_OR_SEC1))
    assert same_key(load_private_key(str(path)).key, named_key("p256"))
    assert _error(str(tmp_path / "missing.pem")).code == "not-a-key"
