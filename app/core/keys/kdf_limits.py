"""How much work a key file may ask for to check its passphrase, and running that work so that
Ctrl-C still stops the program.

The cost parameters of Argon2 (PPK v3) and bcrypt (OpenSSH) come from the file. Unchecked, a file
can ask for a terabyte of memory or a derivation that runs for days. The bounds are far above
what the tools write: PuTTYgen's defaults are Argon2id, 8192 KiB, passes worth about 100 ms and
1 lane (PuTTY manual, 8.2.13.2); RFC 9106's heaviest recommendation is 2 GiB and 1 pass;
ssh-keygen uses 16 bcrypt rounds (``-a``) and guides suggest up to a few hundred.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP

MAX_ARGON2_MEMORY_KIB = 1024 * 1024  # 1 GiB
# Memory times passes: 8 MiB x 2048 passes, or 1 GiB x 16 passes (about 15 s on a slow VM).
MAX_ARGON2_WORK_KIB = 16 * 1024 * 1024
MAX_ARGON2_PARALLELISM = 64
MAX_BCRYPT_ROUNDS = 1000  # ssh-keygen's default is 16; 1000 takes about 15 s on a slow VM

T = TypeVar("T")


def check_argon2(memory_kib: int, passes: int, parallelism: int) -> None:
    """Refuse Argon2 settings that are impossible (``corrupt-key``) or far beyond any real key
    file (``unsupported-kdf``), before any memory is allocated."""
    if passes < 1 or parallelism < 1 or memory_kib < 8 * parallelism:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The PuTTY key file has passphrase settings that cannot be used."
            ),
            detail=f"Argon2 memory {memory_kib} KiB, passes {passes}, parallelism {parallelism}",
            code="corrupt-key",
        )
    if (
        memory_kib > MAX_ARGON2_MEMORY_KIB
        or memory_kib * passes > MAX_ARGON2_WORK_KIB
        or parallelism > MAX_ARGON2_PARALLELISM
    ):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "This PuTTY key file asks for {memory} KiB of memory, {passes} passes "
                "and {parallelism} lanes to check its passphrase, far more than "
                "PuTTYgen uses; at most 1 GiB of memory, 16 GiB of work and 64 lanes "
                "are accepted, so it was not opened.",
            ).format(memory=memory_kib, passes=passes, parallelism=parallelism),
            code="unsupported-kdf",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Open it in PuTTYgen and save it again with the default settings (Argon2id).",
            ),
        )


def check_bcrypt(rounds: int, salt: bytes) -> None:
    """Refuse bcrypt settings of an OpenSSH key that are impossible or absurdly slow."""
    if rounds < 1 or not salt:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The OpenSSH key file is damaged or cut short."),
            detail=f"bcrypt rounds {rounds}, salt of {len(salt)} bytes",
            code="corrupt-key",
        )
    if rounds > MAX_BCRYPT_ROUNDS:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "This OpenSSH key asks for {rounds} bcrypt rounds to check its "
                "passphrase; at most {limit} are accepted (ssh-keygen uses 16), so it "
                "was not opened.",
            ).format(rounds=rounds, limit=MAX_BCRYPT_ROUNDS),
            code="unsupported-kdf",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Change its passphrase with ssh-keygen -p, which re-encrypts it with aes256-ctr.",
            ),
        )


def interruptible(call: Callable[[], T]) -> T:
    """Run ``call`` (a key derivation in C that releases the GIL) so Ctrl-C is not held up.

    Python handles a signal only in the main thread between bytecodes, so a long C call there
    delays Ctrl-C until it returns. On the main thread the call runs in a helper thread while
    the main thread waits in short slices and so sees KeyboardInterrupt at once (the helper is
    a daemon; it ends with the process). Elsewhere it simply runs.
    """
    if threading.current_thread() is not threading.main_thread():
        return call()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the waiting thread
            failure.append(exc)

    worker = threading.Thread(target=run, name="key-derivation", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
    if failure:
        raise failure[0]
    return outcome[0]
