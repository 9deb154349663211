"""The AWS CLI's profiles: list them from its config and credentials files, save a new one.

Reads the same files the AWS CLI does (``AWS_CONFIG_FILE`` / ``AWS_SHARED_CREDENTIALS_FILE`` or
``~/.aws/config`` / ``~/.aws/credentials``). Saving appends a section and never rewrites or
overwrites another profile; the credentials file is kept readable by its owner only.
"""

from __future__ import annotations

import configparser
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP
from app.core.small_files import read_small_file


class PastedKeys(Protocol):
    """What :func:`save_profile` reads of ``app.core.aws.session.Credentials`` (named by its
    shape: the session module imports this one, so this one cannot import it)."""

    @property
    def access_key_id(self) -> str | None: ...
    @property
    def secret_access_key(self) -> str | None: ...
    @property
    def session_token(self) -> str | None: ...


log = logging.getLogger(__name__)

_PROFILE_NAME = re.compile(r"^[A-Za-z0-9_.+@-]{1,64}$")
# us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1 (botocore's partition regions).
_REGION = re.compile(r"[a-z]{2,4}(-[a-z]+)+-\d{1,2}")


@dataclass(frozen=True)
class ProfileInfo:
    """One AWS CLI profile. ``kind``: sso, keys, role, process or config."""

    name: str
    region: str | None
    kind: str
    current: bool = False  # named by AWS_PROFILE


def config_path() -> Path:
    return Path(os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config").expanduser()


def credentials_path() -> Path:
    return Path(os.environ.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials").expanduser()


# An AWS config file is a few KiB; one far bigger (or /dev/zero behind a symlink) is not read.
MAX_AWS_FILE_BYTES = 4 * 1024 * 1024


def _read(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(default_section="\0none", strict=False)
    if not path.exists():
        return parser
    try:
        # A regular file only: a FIFO would hang the profile list, a device fill the memory.
        text = read_small_file(path, limit=MAX_AWS_FILE_BYTES).decode("utf-8")
        parser.read_string(text, source=str(path))
    except (WizardError, configparser.Error, UnicodeDecodeError, RecursionError) as exc:
        # A broken file should not hide the profiles of the other one.
        log.warning("cannot parse %s: %s", path, exc)
    return parser


def _config_sections() -> dict[str, dict[str, str]]:
    sections: dict[str, dict[str, str]] = {}
    parser = _read(config_path())
    for section in parser.sections():
        if section == "default":
            name = "default"
        elif section.startswith("profile "):
            name = section[len("profile ") :].strip()
        else:
            continue  # sso-session X, services X: not profiles
        sections[name] = dict(parser.items(section))
    return sections


def _credential_sections() -> dict[str, dict[str, str]]:
    parser = _read(credentials_path())
    return {section.strip(): dict(parser.items(section)) for section in parser.sections()}


def _kind(config: dict[str, str], credentials: dict[str, str]) -> str:
    if "sso_start_url" in config or "sso_session" in config:
        return "sso"
    if "role_arn" in config:
        return "role"
    if "credential_process" in config or "credential_process" in credentials:
        return "process"
    if "aws_access_key_id" in credentials or "aws_access_key_id" in config:
        return "keys"
    return "config"


def current_profile_name() -> str | None:
    return os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE") or None


def list_profiles() -> list[ProfileInfo]:
    """Every profile of the config and credentials files, ``default`` first."""
    config = _config_sections()
    credentials = _credential_sections()
    current = current_profile_name()
    names = sorted(set(config) | set(credentials), key=lambda n: (n != "default", n.lower()))
    return [
        ProfileInfo(
            name=name,
            region=config.get(name, {}).get("region") or None,
            kind=_kind(config.get(name, {}), credentials.get(name, {})),
            current=name == current,
        )
        for name in names
    ]


def profile_kind(name: str | None) -> str | None:
    """The kind of profile ``name`` (``None`` if there is no such profile)."""
    for profile in list_profiles():
        if profile.name == name:
            return profile.kind
    return None


def profile_region(name: str) -> str | None:
    """The ``region`` configured for profile ``name`` in the config file."""
    return _config_sections().get(name, {}).get("region") or None


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".ec2nb-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _appended(path: Path, section: str) -> str:
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    return existing + ("\n" if existing else "") + section


def save_profile(name: str, creds: PastedKeys, region: str | None) -> None:
    """Save pasted keys as profile ``name`` (credentials file) with its region (config file).

    Refuses (``code="profile-exists"``) if any profile of that name exists already.
    """
    from app.core.keys import write_private_file

    if not _PROFILE_NAME.fullmatch(name):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "'{name}' cannot be a profile name: use letters, digits, '-', '_' or '.'."
            ).format(name=name),
            code="invalid-profile-name",
        )
    if region and not _REGION.fullmatch(region):
        # Written into ~/.aws/config as is: a line break would add settings of its own.
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "'{region}' is not an AWS region name (like us-east-1)."
            ).format(region=region),
            code="bad-region",
        )
    if not (creds.access_key_id and creds.secret_access_key):
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Only a pasted access key pair can be saved as a profile."),
            code="invalid-profile",
        )
    taken = {profile.name for profile in list_profiles()}
    if name in taken:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "A profile named '{name}' exists already; it was left unchanged."
            ).format(name=name),
            hint=QT_TRANSLATE_NOOP("core", "Choose another name."),
            code="profile-exists",
        )
    lines = [
        f"[{name}]",
        f"aws_access_key_id = {creds.access_key_id}",
        f"aws_secret_access_key = {creds.secret_access_key}",
    ]
    if creds.session_token:
        lines.append(f"aws_session_token = {creds.session_token}")
    path = credentials_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_private_file(path, _appended(path, "\n".join(lines) + "\n"), overwrite=True)
    if region:
        header = "[default]" if name == "default" else f"[profile {name}]"
        _atomic_write(config_path(), _appended(config_path(), f"{header}\nregion = {region}\n"))
    log.info("saved AWS profile %s (region %s)", name, region)
