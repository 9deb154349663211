"""Property tests: any key, comment, version and passphrase survive a trip through .ppk."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.keys import (
    Argon2Params,
    PrivateKey,
    load_private_key,
    to_openssh,
    to_pem,
    to_ppk,
)
from tests.unit.keys.samples import rsa_key, rsa_key_p_below_q, same_key

# Argon2 at its cheapest: the property is about the format, not the hash's cost.
FAST_KDF = Argon2Params(memory_kib=64, passes=1)
_ORDERS = {"p256": ec.SECP256R1, "p384": ec.SECP384R1, "p521": ec.SECP521R1}


def _ec_keys(curve: str) -> st.SearchStrategy[PrivateKey]:
    # Every scalar below 2^(bits-1) is smaller than these curves' group order, so all draws are
    # valid keys without writing the orders out by hand.
    bits = _ORDERS[curve]().key_size
    return st.integers(1, 2 ** (bits - 1)).map(lambda d: ec.derive_private_key(d, _ORDERS[curve]()))


# RSA key generation is slow: draw from a few pre-made keys of different sizes and p/q order.
keys: st.SearchStrategy[PrivateKey] = st.one_of(
    st.binary(min_size=32, max_size=32).map(ed25519.Ed25519PrivateKey.from_private_bytes),
    _ec_keys("p256"),
    _ec_keys("p384"),
    _ec_keys("p521"),
    st.sampled_from([1024, 1536, 2056]).map(rsa_key),
    st.just(0).map(lambda _: rsa_key_p_below_q(1024)),
)
comments = st.text(max_size=40)
passphrases = st.none() | st.text(min_size=1, max_size=20)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean(comment: str) -> str:
    return comment.replace("\r", " ").replace("\n", " ")


@FAST
@given(key=keys, comment=comments, version=st.sampled_from([2, 3]), passphrase=passphrases)
def test_ppk_round_trip(
    key: PrivateKey, comment: str, version: int, passphrase: str | None
) -> None:
    text = to_ppk(key, comment=comment, version=version, passphrase=passphrase, kdf=FAST_KDF)
    loaded = load_private_key(text, passphrase)

    assert same_key(loaded.key, key)
    assert loaded.comment == _clean(comment)
    assert loaded.source_format == f"ppk{version}"
    assert loaded.encrypted == bool(passphrase)
    if version == 2 or not passphrase:
        # Deterministic formats: writing the loaded key again gives the same bytes.
        assert (
            to_ppk(loaded.key, comment=loaded.comment, version=version, passphrase=passphrase)
            == text
        )


@FAST
@given(key=keys, comment=comments, version=st.sampled_from([2, 3]))
def test_ppk_to_openssh_and_pem_and_back_is_the_same_ppk(
    key: PrivateKey, comment: str, version: int
) -> None:
    ppk = to_ppk(key, comment=comment, version=version)
    via_openssh = load_private_key(to_openssh(load_private_key(ppk).key, comment=_clean(comment)))
    assert to_ppk(via_openssh.key, comment=via_openssh.comment, version=version) == ppk
    via_pem = load_private_key(to_pem(load_private_key(ppk).key))
    assert to_ppk(via_pem.key, comment=comment, version=version) == ppk
