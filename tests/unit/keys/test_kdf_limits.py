"""Key files whose passphrase settings ask for absurd work are refused at once, and Ctrl-C stops
a long but allowed key derivation."""

from __future__ import annotations

import base64
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.errors import WizardError
from app.core.keys import load_private_key, to_openssh, to_ppk
from app.core.keys.kdf_limits import MAX_BCRYPT_ROUNDS
from app.core.keys.openssh import MAGIC
from app.core.keys.ppk_crypto import Argon2Params
from app.core.keys.ssh_wire import WireReader, string, u32
from tests.unit.keys.samples import named_key, write

PASSPHRASE = "correct horse"


def _ppk(memory: int, passes: int, parallelism: int) -> str:
    text = to_ppk(
        named_key("ed25519"),
        comment="k",
        passphrase=PASSPHRASE,
        kdf=Argon2Params(memory_kib=8192, passes=1, parallelism=1),
    )
    text = re.sub(r"Argon2-Memory: \d+", f"Argon2-Memory: {memory}", text)
    text = re.sub(r"Argon2-Passes: \d+", f"Argon2-Passes: {passes}", text)
    return re.sub(r"Argon2-Parallelism: \d+", f"Argon2-Parallelism: {parallelism}", text)


def _openssh_with_rounds(rounds: int) -> str:
    """An encrypted OpenSSH key whose bcrypt rounds field says ``rounds``."""
    text = to_openssh(named_key("ed25519"), passphrase=PASSPHRASE, rounds=1)
    lines = text.strip().splitlines()
    data = base64.b64decode("".join(lines[1:-1]))
    reader = WireReader(data[len(MAGIC) :])
    cipher, kdf = reader.string(), reader.string()
    options = WireReader(reader.string())
    salt = options.string()
    head = MAGIC + string(cipher) + string(kdf) + string(string(salt) + u32(rounds))
    body = base64.b64encode(head + reader.rest()).decode()
    wrapped = [body[i : i + 70] for i in range(0, len(body), 70)]
    return "\n".join([lines[0], *wrapped, lines[-1]]) + "\n"


def _refused(source: str, passphrase: str | None = PASSPHRASE) -> WizardError:
    started = time.perf_counter()
    with pytest.raises(WizardError) as caught:
        load_private_key(source, passphrase)
    assert time.perf_counter() - started < 2, "the settings were tried before being refused"
    return caught.value


@pytest.mark.parametrize(
    ("memory", "passes", "parallelism"),
    [(999_999_999, 1, 1), (8192, 999_999_999, 1), (1_048_576, 1, 100_000), (1048576, 100, 1)],
    ids=["1-TB-memory", "1e9-passes", "100000-lanes", "too-much-work"],
)
@pytest.mark.parametrize("passphrase", [PASSPHRASE, None], ids=["passphrase", "no-passphrase"])
def test_ppk_asking_for_absurd_argon2_work_is_refused_at_once(
    memory: int, passes: int, parallelism: int, passphrase: str | None
) -> None:
    error = _refused(_ppk(memory, passes, parallelism), passphrase)
    assert error.code == "unsupported-kdf"
    assert "at most 1 GiB of memory" in error.message
    assert "PuTTYgen" in error.hint


@pytest.mark.parametrize(
    ("memory", "passes", "parallelism"), [(8192, 1, 0), (8192, 0, 1), (4, 1, 1)]
)
def test_ppk_with_impossible_argon2_settings_is_damaged_not_a_crash(
    memory: int, passes: int, parallelism: int
) -> None:
    for passphrase in (PASSPHRASE, None):
        assert _refused(_ppk(memory, passes, parallelism), passphrase).code == "corrupt-key"


def test_ppk_with_heavy_but_real_settings_still_loads() -> None:
    text = to_ppk(
        named_key("ed25519"),
        comment="k",
        passphrase=PASSPHRASE,
        kdf=Argon2Params(memory_kib=65536, passes=3, parallelism=4),
    )
    assert load_private_key(text, PASSPHRASE).source_format == "ppk3"


@pytest.mark.parametrize("rounds", [2**32 - 1, MAX_BCRYPT_ROUNDS + 1])
@pytest.mark.parametrize("passphrase", [PASSPHRASE, None], ids=["passphrase", "no-passphrase"])
def test_openssh_key_asking_for_absurd_bcrypt_rounds_is_refused_at_once(
    rounds: int, passphrase: str | None
) -> None:
    error = _refused(_openssh_with_rounds(rounds), passphrase)
    assert error.code == "unsupported-kdf"
    assert f"at most {MAX_BCRYPT_ROUNDS}" in error.message


def test_openssh_key_with_zero_rounds_is_damaged() -> None:
    assert _refused(_openssh_with_rounds(0)).code == "corrupt-key"


def test_openssh_key_with_more_rounds_than_the_default_loads() -> None:
    text = to_openssh(named_key("ed25519"), passphrase=PASSPHRASE, rounds=24)
    assert load_private_key(text, PASSPHRASE).encrypted


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("kind", ["openssh", "ppk"])
def test_ctrl_c_stops_a_long_key_derivation_at_once(tmp_path: Path, kind: str) -> None:
    # The most work the limits allow (each takes 10 s or more here); the passphrase is wrong,
    # so nothing would come of it anyway.
    if kind == "openssh":
        key = write(tmp_path / "key", _openssh_with_rounds(MAX_BCRYPT_ROUNDS))
    else:
        key = write(tmp_path / "key.ppk", _ppk(8192, 2048, 1))
    pass_file = write(tmp_path / "pass", "not the passphrase\n")
    env = {**os.environ, "EC2NB_HOME": str(tmp_path / "home")}
    argv = [sys.executable, "-m", "app", "convert-key", str(key), "--passphrase-file"]
    child = subprocess.Popen(
        [*argv, str(pass_file), "-o", str(tmp_path / "out")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Start-up (imports) takes well under 1.5 s of CPU; beyond that it is deriving.
        deadline = time.monotonic() + 60
        while _cpu_seconds(child.pid) < 1.5 and child.poll() is None:
            assert time.monotonic() < deadline, "the child never got busy"
            time.sleep(0.05)
        assert child.poll() is None, child.communicate()
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=3)
    finally:
        child.kill()
    assert child.returncode == 130, err
    assert "Cancelled." in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
