"""Host key fingerprints, the per-instance known-hosts file and the copies for OpenSSH/PuTTY."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from app.core.errors import WizardError
from app.core.remote import hostkeys
from app.core.remote.hostkeys import KnownHosts
from tests.support.tools import require_tool


def _line(key: object) -> str:
    public = key.public_key()  # type: ignore[attr-defined]
    return public.public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    ).decode()


KEYS = {
    "ed25519": _line(ed25519.Ed25519PrivateKey.generate()),
    "rsa": _line(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    "p256": _line(ec.generate_private_key(ec.SECP256R1())),
    "p384": _line(ec.generate_private_key(ec.SECP384R1())),
    "p521": _line(ec.generate_private_key(ec.SECP521R1())),
}


@pytest.mark.parametrize("kind", list(KEYS))
def test_fingerprints_are_what_ssh_keygen_and_puttygen_print(
    kind: str, tmp_path: Path, puttygen: str
) -> None:
    keygen = require_tool("ssh-keygen", "openssh-client")
    pub = tmp_path / "key.pub"
    pub.write_text(KEYS[kind] + " comment\n")
    printed = subprocess.run(
        [keygen, "-l", "-E", "sha256", "-f", str(pub)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert hostkeys.fingerprint(KEYS[kind]) == printed[1]
    assert hostkeys.key_bits(KEYS[kind]) == int(printed[0])
    shown_by_putty = subprocess.run(
        [puttygen, "-l", "-E", "sha256", str(pub)], capture_output=True, text=True, check=True
    ).stdout
    assert hostkeys.putty_fingerprint(KEYS[kind]) == " ".join(shown_by_putty.split()[:3])


def test_a_pin_matches_with_or_without_base64_padding() -> None:
    pin = hostkeys.fingerprint(KEYS["ed25519"])
    assert hostkeys.matches_fingerprint(KEYS["ed25519"], pin)
    assert hostkeys.matches_fingerprint(KEYS["ed25519"], pin + "=")
    assert not hostkeys.matches_fingerprint(KEYS["rsa"], pin)


@pytest.mark.parametrize(
    "line",
    ["", "ssh-ed25519", "ssh-ed25519 not*base64", "ssh-rsa " + KEYS["ed25519"].split()[1]],
    ids=["empty", "no-blob", "bad-base64", "type-mismatch"],
)
def test_broken_lines_are_refused_clearly(line: str) -> None:
    with pytest.raises(WizardError) as caught:
        hostkeys.fingerprint(line)
    assert caught.value.code == "bad-host-key"


def test_known_hosts_are_kept_per_instance_in_openssh_format(tmp_path: Path) -> None:
    store = KnownHosts(tmp_path / "known_hosts")
    assert store.expected("i-0aaaaaaaaaaaaaaa1") == []
    store.remember("i-0aaaaaaaaaaaaaaa1", [KEYS["ed25519"] + " root@ip-10-0-0-1", KEYS["rsa"]])
    store.remember("i-0aaaaaaaaaaaaaaa1", [KEYS["ed25519"]])  # no duplicate
    store.remember("i-0bbbbbbbbbbbbbbb2", [KEYS["p256"]])
    assert store.expected("i-0aaaaaaaaaaaaaaa1") == [KEYS["ed25519"], KEYS["rsa"]]
    keygen = require_tool("ssh-keygen", "openssh-client")
    found = subprocess.run(
        [keygen, "-F", "i-0bbbbbbbbbbbbbbb2", "-f", str(store.path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert KEYS["p256"] in found
    store.remember("i-0aaaaaaaaaaaaaaa1", [KEYS["p384"]], replace=True)
    assert store.expected("i-0aaaaaaaaaaaaaaa1") == [KEYS["p384"]]
    store.forget("i-0aaaaaaaaaaaaaaa1")
    assert store.expected("i-0aaaaaaaaaaaaaaa1") == []
    assert store.expected("i-0bbbbbbbbbbbbbbb2") == [KEYS["p256"]]


def test_the_default_file_lives_in_the_apps_data_folder() -> None:
    assert KnownHosts().path == Path(os.environ["EC2NB_HOME"]) / "data" / "known_hosts"


def test_an_instance_id_cannot_smuggle_a_host_pattern(tmp_path: Path) -> None:
    with pytest.raises(WizardError):
        KnownHosts(tmp_path / "kh").remember("* ssh-ed25519", [KEYS["ed25519"]])


def test_user_known_hosts_get_the_alias_lines_and_keep_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "ssh" / "known_hosts"
    path.parent.mkdir()
    path.write_text(f"github.com {KEYS['rsa']}\ni-0aaaaaaaaaaaaaaa1 {KEYS['p256']}\n")
    hostkeys.add_to_user_known_hosts("i-0aaaaaaaaaaaaaaa1", [KEYS["ed25519"]], path)
    assert path.read_text().splitlines() == [
        f"github.com {KEYS['rsa']}",
        f"i-0aaaaaaaaaaaaaaa1 {KEYS['ed25519']}",
    ]
    fresh = tmp_path / "new" / "known_hosts"
    hostkeys.add_to_user_known_hosts("i-0aaaaaaaaaaaaaaa1", [KEYS["ed25519"]], fresh)
    assert fresh.stat().st_mode & 0o777 == 0o600


def test_putty_cache_values_follow_puttys_format() -> None:
    entries = hostkeys.putty_cache_entries("203.0.113.7", 22, [KEYS["rsa"], KEYS["p256"]])
    rsa_value = entries["rsa2@22:203.0.113.7"]
    exponent, modulus = rsa_value.split(",")
    assert exponent == "0x10001"
    assert int(modulus, 16).bit_length() == 2048
    curve, x, y = entries["ecdsa-sha2-nistp256@22:203.0.113.7"].split(",")
    assert curve == "nistp256"
    assert x.startswith("0x")
    assert y.startswith("0x")


def test_putty_ed25519_value_is_a_point_on_the_curve() -> None:
    (value,) = hostkeys.putty_cache_entries("h", 22, [KEYS["ed25519"]]).values()
    x, y = (int(part, 16) for part in value.split(","))
    p = 2**255 - 19
    d = (-121665 * pow(121666, -1, p)) % p
    assert (-x * x + y * y - 1 - d * x * x * y * y) % p == 0


def test_putty_value_names_are_escaped_like_putty_does() -> None:
    (name,) = hostkeys.putty_cache_entries(".odd host", 2222, [KEYS["ed25519"]])
    assert name == "ssh-ed25519@2222:.odd%20host"  # the dot is escaped only at the start


def test_putty_registry_is_left_alone_off_windows() -> None:
    assert hostkeys.add_to_putty_cache("203.0.113.7", 22, [KEYS["ed25519"]]) == 0
