"""How long key conversions take: an unencrypted RSA-4096 .pem to .ppk, and encrypted v3 keys.

Run: .venv/bin/python scripts/bench_keys.py [--repeat N]
Prints the median and the worst of N runs for each conversion (load + convert, no disk I/O).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from app.core.keys import load_private_key, to_openssh, to_ppk
from app.core.keys.ppk_crypto import DEFAULT_ARGON2_MEMORY_KIB, DEFAULT_ARGON2_PASSES

PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throw-away key's passphrase


def _time(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), max(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    repeat = parser.parse_args().repeat

    rsa4096 = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    pem = rsa4096.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    ed = ed25519.Ed25519PrivateKey.generate()
    rsa_v3 = to_ppk(rsa4096, comment="bench", passphrase=PASSPHRASE)
    ed_v3 = to_ppk(ed, comment="bench", passphrase=PASSPHRASE)

    cases: list[tuple[str, Callable[[], object]]] = [
        (
            "RSA-4096 .pem -> .ppk v3 (unencrypted)",
            lambda: to_ppk(load_private_key(pem).key, comment="bench"),
        ),
        (
            "RSA-4096 .pem -> .ppk v2 (unencrypted)",
            lambda: to_ppk(load_private_key(pem).key, comment="bench", version=2),
        ),
        (
            "RSA-4096 .pem -> .ppk v3 (encrypted, Argon2id)",
            lambda: to_ppk(load_private_key(pem).key, comment="bench", passphrase=PASSPHRASE),
        ),
        (
            "RSA-4096 encrypted .ppk v3 -> OpenSSH (Argon2id)",
            lambda: to_openssh(load_private_key(rsa_v3, PASSPHRASE).key),
        ),
        (
            "Ed25519 encrypted .ppk v3 -> load (Argon2id)",
            lambda: load_private_key(ed_v3, PASSPHRASE),
        ),
    ]
    print(
        f"Argon2id parameters: {DEFAULT_ARGON2_MEMORY_KIB} KiB, {DEFAULT_ARGON2_PASSES} passes, "
        f"1 lane; {repeat} runs each"
    )
    for label, action in cases:
        median, worst = _time(action, repeat)
        print(f"{label:50s} median {median * 1000:7.1f} ms   worst {worst * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
