"""Feeds one parser of the app a corpus of hostile files; run as a subprocess (under resource
limits) by ``tests/integration/test_hostile_corpus.py``:

    python -m tests.support.hostile_corpus PARSER WORKDIR SEED COUNT

Prints one JSON line per input (``label``, ``outcome`` ok|error|bad, ``seconds``, ``peak``
bytes of Python memory, ``problem``) as soon as it is done, so a hang names its input.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import sys
import time
import traceback
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests.support.hostile_files import DANGLING, Content, json_variants, place, variants

PASSPHRASE = "correct horse"
HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdD7y3aLq454yWBdwLWbieU1ebz9/cu7/QEXn9OIeZJ"
INSTANCE = "i-0123456789abcdef0"


class Bad(Exception):
    """The parser did something a user must never see (a crash, two lines, a leftover file)."""


_refusals = [0]  # clear one-line errors seen, to tell "refused" from "read fine"


def _one_line(error: BaseException) -> None:
    from app.core.errors import WizardError

    if not isinstance(error, WizardError):
        raise Bad("".join(traceback.format_exception(error))[-1500:])
    if "\n" in str(error) or not str(error).strip():
        raise Bad(f"not one line: {str(error)!r}")
    _refusals[0] += 1


def _leftovers(folder: Path, expected: set[str]) -> None:
    extra = {p.name for p in folder.iterdir()} - expected
    if extra:
        raise Bad(f"left behind: {sorted(extra)}")


# -- keys --------------------------------------------------------------------------------------


def _key_texts() -> dict[str, tuple[bytes, str | None]]:
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    from app.core.keys import to_openssh, to_ppk
    from app.core.keys.ppk_crypto import Argon2Params

    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 - fast
    ec_key = ec.generate_private_key(ec.SECP256R1())
    ed_key = ed25519.Ed25519PrivateKey.generate()
    fast = Argon2Params(memory_kib=64, passes=1, parallelism=1)
    pem, none = s.Encoding.PEM, s.NoEncryption()
    pkcs8_pw = s.BestAvailableEncryption(PASSPHRASE.encode())
    return {
        "pkcs1": (rsa_key.private_bytes(pem, s.PrivateFormat.TraditionalOpenSSL, none), None),
        "sec1": (ec_key.private_bytes(pem, s.PrivateFormat.TraditionalOpenSSL, none), None),
        "pkcs8": (ed_key.private_bytes(pem, s.PrivateFormat.PKCS8, none), None),
        "pkcs8-encrypted": (ec_key.private_bytes(pem, s.PrivateFormat.PKCS8, pkcs8_pw), PASSPHRASE),
        "openssh": (to_openssh(ed_key, comment="c").encode(), None),
        "openssh-encrypted": (
            to_openssh(rsa_key, comment="c", passphrase=PASSPHRASE, rounds=1).encode(),
            PASSPHRASE,
        ),
        "ppk2": (to_ppk(ec_key, comment="c", version=2).encode(), None),
        "ppk2-encrypted": (
            to_ppk(rsa_key, comment="c", version=2, passphrase=PASSPHRASE).encode(),
            PASSPHRASE,
        ),
        "ppk3": (to_ppk(ed_key, comment="c").encode(), None),
        "ppk3-encrypted": (
            to_ppk(ec_key, comment="c", passphrase=PASSPHRASE, kdf=fast).encode(),
            PASSPHRASE,
        ),
    }


def keys(rng: random.Random, work: Path, count: int) -> Iterator[tuple[str, Callable[[], None]]]:
    from app.cli import main
    from app.core.keys import load_private_key
    from app.core.keys.loading import MAX_KEY_FILE_BYTES

    pass_file = work / "passphrase"
    pass_file.write_text(PASSPHRASE + "\n")
    cli = main
    for form, (good, passphrase) in _key_texts().items():
        for number, (label, content) in enumerate(
            variants(rng, good, count, limit=MAX_KEY_FILE_BYTES)
        ):
            # Every input goes to the loader; every other one (and every special file) also
            # through ``convert-key``, whose start costs more than the load itself.
            with_cli = cli if number % 2 == 0 or not isinstance(content, bytes) else None
            yield (
                f"{form}/{label}",
                _key_case(work, content, passphrase, pass_file, with_cli, load_private_key),
            )


def _key_case(
    work: Path, content: Content, passphrase: str | None, pass_file: Path, main: Any, load: Any
) -> Callable[[], None]:
    def run() -> None:
        folder = work / "case"
        _reset(folder)
        source, out = folder / "key", folder / "out.ppk"
        place(source, content)
        try:
            load(source, passphrase)
        except BaseException as exc:  # judged below
            _one_line(exc)
        if main is None:
            return
        argv = ["convert-key", str(source), "-o", str(out)]
        if passphrase:
            argv += ["--passphrase-file", str(pass_file)]
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(argv)
        text = err.getvalue()
        if status == 0:
            load(out, None)  # what was written is a whole key
            _leftovers(folder, {"key", "out.ppk"})
        elif status != 1 or not text.startswith("Error: ") or text.count("\n") != 1:
            raise Bad(f"convert-key exit {status}: {text[-1500:]!r}")
        elif "bug" in text or "Traceback" in text:
            raise Bad(text[-1500:])
        else:
            _refusals[0] += 1
            _leftovers(folder, {"key"})

    return run


# -- journals ----------------------------------------------------------------------------------


def journal(rng: random.Random, work: Path, count: int) -> Iterator[tuple[str, Callable[[], None]]]:
    from app.core.launch.journal import LaunchJournal, load_journal, scan_journals
    from app.core.plan import LaunchPlan

    folder = work / "launches"
    good = LaunchJournal("250602-900d00", LaunchPlan().to_dict(), "us-east-1", directory=folder)
    good.resources.instance_id = INSTANCE
    good.resources.key_files = {"private": "/home/me/k", "ppk": "/home/me/k.ppk"}
    good.host_keys = [HOST_KEY]
    good.steps_done = ["identity", "ami"]
    good.image = {"image_id": "ami-0123456789abcdef0", "name": "DLAMI"}
    data = good.to_dict()
    contents = [*json_variants(rng, data, count), *variants(rng, json.dumps(data).encode(), 20)]
    for label, content in contents:

        def run(content: Content = content) -> None:
            _reset(folder)
            good.save()
            place(folder / "250602-bad000.json", content)
            try:
                load_journal("250602-bad000", folder).to_dict()
            except BaseException as exc:  # judged below
                _one_line(exc)
            journals, damaged = scan_journals(folder)
            if "250602-900d00" not in [j.launch_id for j in journals]:
                raise Bad("the good journal was not listed beside a damaged one")
            if content != DANGLING and len(journals) + len(damaged) != 2:
                raise Bad("a journal file was neither listed nor reported as damaged")
            for found in journals:
                LaunchPlan.from_dict(found.plan).problems()

        yield label, run


# -- AWS profiles ------------------------------------------------------------------------------


def aws_profiles(
    rng: random.Random, work: Path, count: int
) -> Iterator[tuple[str, Callable[[], None]]]:
    from app.core.aws.profiles import list_profiles, profile_region

    config = (
        b"[default]\nregion = us-east-1\n\n[profile work]\nregion = eu-west-1\n"
        b"sso_session = corp\n\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\n"
        b"[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n"
    )
    credentials = b"[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n[other]\nx=1\n"
    for which, good in (("config", config), ("credentials", credentials)):
        for label, content in variants(rng, good, count // 2 + 1, limit=4 * 1024 * 1024):

            def run(which: str = which, content: Content = content) -> None:
                folder = work / "aws"
                _reset(folder)
                (folder / "config").write_bytes(config)
                (folder / "credentials").write_bytes(credentials)
                (folder / which).unlink()
                place(folder / which, content)
                os.environ["AWS_CONFIG_FILE"] = str(folder / "config")
                os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(folder / "credentials")
                try:
                    names = [p.name for p in list_profiles()]
                    profile_region("work")
                except BaseException as exc:  # judged below
                    _one_line(exc)
                    return
                other = "other" if which == "config" else "work"
                if other not in names:
                    raise Bad(f"a broken {which} hid the other file's profiles: {names}")

            yield f"{which}/{label}", run


# -- ~/.ssh/config and known_hosts -------------------------------------------------------------


def ssh_config(
    rng: random.Random, work: Path, count: int
) -> Iterator[tuple[str, Callable[[], None]]]:
    from app.core.remote.commands import remove_ssh_config_entry, write_ssh_config_entry

    good = (
        b"ServerAliveCountMax 3\n\n# ec2nb-begin ec2nb-old (written by EC2 Notebook Wizard)\n"
        b"Host ec2nb-old\n    HostName 10.0.0.1\n# ec2nb-end ec2nb-old\n\n"
        b"Host work\n    HostName 10.0.0.2\n    User me\n\nHost *\n    Compression yes\n"
    )
    for label, content in variants(rng, good, count, limit=16 * 1024 * 1024):

        def run(content: Content = content) -> None:
            folder = work / "ssh"
            _reset(folder)
            config = folder / "config"
            place(config, content)
            before = _snapshot(config)
            for edit in (
                lambda: write_ssh_config_entry(
                    name="old",
                    path=config,
                    add_host_keys=False,
                    host="127.0.0.2",
                    user="ubuntu",
                    key_path="/home/me/k",
                ),
                lambda: remove_ssh_config_entry("old", config),
            ):
                try:
                    edit()
                except BaseException as exc:  # judged below
                    _one_line(exc)
                    if _snapshot(config) != before:
                        raise Bad("the config changed although the edit failed") from None
                    return
                _leftovers(folder, {"config", *_link_targets(config)})

        yield label, run


def known_hosts(
    rng: random.Random, work: Path, count: int
) -> Iterator[tuple[str, Callable[[], None]]]:
    from app.core.remote.hostkeys import KnownHosts, add_to_user_known_hosts

    good = (
        f"{INSTANCE} {HOST_KEY}\n|1|abc=|def= ssh-rsa AAAAB3NzaC1yc2E\n"
        "other.example ecdsa-sha2-nistp256 AAAAE2VjZHNh\n# comment\n"
    ).encode()
    for label, content in variants(rng, good, count, limit=16 * 1024 * 1024):

        def run(content: Content = content) -> None:
            folder = work / "known"
            _reset(folder)
            path = folder / "known_hosts"
            place(path, content)
            before = _snapshot(path)
            try:
                KnownHosts(path).expected(INSTANCE)
            except BaseException as exc:  # judged below
                _one_line(exc)
            try:
                add_to_user_known_hosts(INSTANCE, [HOST_KEY], path)
            except BaseException as exc:  # judged below
                _one_line(exc)
                if _snapshot(path) != before:
                    raise Bad("known_hosts changed although the edit failed") from None
                return
            _leftovers(folder, {"known_hosts", *_link_targets(path)})
            if f"{INSTANCE} {HOST_KEY}" not in path.read_text(errors="replace"):
                raise Bad("the key was not added")

        yield label, run


# -- the wizard's QSettings file and the price cache --------------------------------------------


def settings(
    rng: random.Random, work: Path, count: int
) -> Iterator[tuple[str, Callable[[], None]]]:
    from PySide6.QtCore import QSettings

    from app.core.plan import LaunchPlan
    from app.ui.settings import RememberedChoices

    good = (
        b"[credentials]\nprofile=work\nregion=eu-west-1\n\n[plan]\ninstance_type=g5.xlarge\n"
        b"volume_gib=200\nmarket=spot\naccess=tunnel\nidle_stop_minutes=30\nppk_version=2\n"
        b"flavour=oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04\nexisting_key_path=/k.pem\n"
    )
    # Qt reads this file itself (QSettings): only regular files are fed to it; a FIFO or a
    # device there would hang Qt, outside this app's code.
    for label, content in variants(rng, good, count):
        if not isinstance(content, bytes):
            continue

        def run(content: bytes = content) -> None:
            folder = work / "settings"
            _reset(folder)
            path = folder / "ec2nb.ini"
            path.write_bytes(content)
            choices = RememberedChoices(QSettings(str(path), QSettings.Format.IniFormat))
            plan = LaunchPlan()
            choices.apply_to(plan)
            plan.problems()
            _ = choices.existing_key_path, choices.profile, choices.region

        yield label, run


def price_cache(
    rng: random.Random, work: Path, count: int
) -> Iterator[tuple[str, Callable[[], None]]]:
    from app.core.aws import prices

    good = {"fetched_at": 1_750_000_000.0, "region": "us-east-1", "prices": {"g5.xlarge": 1.006}}
    contents = [
        *json_variants(rng, good, count),
        *variants(rng, json.dumps(good).encode(), 20, limit=prices.MAX_CACHE_BYTES),
    ]
    for label, content in contents:

        def run(content: Content = content) -> None:
            path = prices._cache_file("us-east-1")
            path.parent.mkdir(parents=True, exist_ok=True)
            _reset(path.parent)
            place(path, content)
            found = prices._read_cache("us-east-1")
            if found is not None and not all(isinstance(v, float) for v in found[0].values()):
                raise Bad(f"a damaged cache gave {found!r}")

        yield label, run


# -- running -----------------------------------------------------------------------------------


def _reset(folder: Path) -> None:
    import shutil

    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def _snapshot(path: Path) -> tuple[str, bytes | None]:
    if path.is_symlink():
        return "link:" + os.readlink(path), None
    if path.is_file():
        return "file", path.read_bytes()
    return ("folder" if path.is_dir() else "other" if path.exists() else "missing"), None


def _link_targets(path: Path) -> set[str]:
    return {Path(os.readlink(path)).name} if path.is_symlink() else set()


PARSERS: dict[str, Callable[[random.Random, Path, int], Iterator[tuple[str, Any]]]] = {
    "keys": keys,
    "journal": journal,
    "aws-profiles": aws_profiles,
    "ssh-config": ssh_config,
    "known-hosts": known_hosts,
    "settings": settings,
    "price-cache": price_cache,
}


MEMORY_LIMIT = 3 * 1024**3  # address space: a parser reading /dev/zero stops here


def main(parser: str, work: Path, seed: int, count: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.environ["EC2NB_HOME"] = str(work / "home")
    rng = random.Random(seed)
    tracemalloc.start()
    for label, run in PARSERS[parser](rng, work, count):
        tracemalloc.reset_peak()
        started = time.perf_counter()
        outcome, problem, refusals = "ok", "", _refusals[0]
        try:
            run()
            if _refusals[0] != refusals:
                outcome = "refused"
        except Bad as exc:
            outcome, problem = "bad", str(exc)
        except BaseException as exc:  # any other escape is a finding
            outcome, problem = "bad", "".join(traceback.format_exception(exc))[-1500:]
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        line = {"label": label, "outcome": outcome, "seconds": seconds, "peak": peak}
        print(json.dumps({**line, "problem": problem}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
