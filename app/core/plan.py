"""Every choice of the wizard as one validated dataclass: the :class:`LaunchPlan`.

The plan holds no secrets: credentials are referenced by profile name (pasted keys live only
in memory, in :class:`app.core.aws.session.Credentials`), and a key passphrase is never stored.
It serialises to JSON for the launch journal and ``ec2nb launch --json``.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence
from app.core.work_disk_choice import DEFAULT as WORK_DISK_DEFAULT
from app.core.work_disk_choice import work_disk_problems

IDLE_MINUTES_RANGE = (10, 24 * 60)
MAX_HOURS_RANGE = (0.5, 7 * 24.0)  # hard time limit, per start
#: SSH ranges with a shorter prefix (more than 65,536 addresses) need the user's confirmation.
WIDEST_UNCONFIRMED_PREFIX = 16
VOLUME_GIB_RANGE = (8, 16384)
_GIT_URL = re.compile(r"^(https://|git@|ssh://)[\w.@:/~+-]+$")
#: User info in a Git URL: ``scheme://USERINFO@`` or scp-like ``USERINFO@host:path``.
_URL_USERINFO = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/@]*)@")
_AMI_ID = re.compile(r"^ami-[0-9a-f]{8}([0-9a-f]{9})?$")


def _is_fingerprint(text: str) -> bool:
    from app.core.remote.hostkeys import is_sha256_fingerprint  # not needed at import time

    return is_sha256_fingerprint(text)


def repo_has_credentials(url: str) -> bool:
    """Whether a Git URL carries credentials: any user info over HTTP(S) (the user name may be
    a token there), or a password (``user:secret@``) in an SSH or scp-like address.

    Such a URL is refused rather than kept secret: it would reach EC2 user data (readable through
    the API and instance metadata), the launch journal and ``.git/config`` on the instance.
    """
    found = _URL_USERINFO.match(url.strip())
    if found is None:
        return False
    if url.lower().startswith(("https://", "http://")):
        return True
    return ":" in found.group(1)


class Market(StrEnum):
    ON_DEMAND = "on-demand"
    SPOT = "spot"


class Access(StrEnum):
    """How the browser reaches the notebook."""

    TUNNEL = "tunnel"  # SSH local port forward; nothing but SSH is open (recommended)
    HTTPS = "https"  # port 8888 open to the user's IP, self-signed certificate (the classic way)


class KeyChoice(StrEnum):
    NEW_LOCAL = "new-local"  # generate here, import only the public half (recommended)
    AWS_CREATED = "aws-created"  # EC2 creates the pair; we save the private key at once
    EXISTING = "existing"  # a .pem/.ppk the user has, matching an EC2 key pair


class GroupChoice(StrEnum):
    NEW = "new"
    EXISTING = "existing"


@dataclass
class LaunchPlan:
    """What to launch and how. Defaults give a working launch once region and AMI are known."""

    region: str = "us-east-1"
    profile: str | None = None  # None: environment / pasted keys held in memory
    image_id: str = "latest"  # "latest" resolves the newest DLAMI of ``flavour``
    flavour: str = ""  # DLAMI flavour, e.g. oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04
    instance_type: str = "g4dn.xlarge"
    market: Market = Market.ON_DEMAND
    volume_gib: int = 100
    volume_type: str = "gp3"
    delete_volume_on_termination: bool = True
    #: The work disk mounted at ~/work: "new:GIB", a kept disk's name, or "none" (issue 14).
    work_disk: str = WORK_DISK_DEFAULT
    group_choice: GroupChoice = GroupChoice.NEW
    existing_group_id: str | None = None
    ssh_cidr: str | None = None  # None: the user's own public IP as a /32, looked up at launch
    #: The user confirmed an SSH range wider than /16 (``--allow-wide-cidr``, the network page).
    allow_wide_cidr: bool = False
    access: Access = Access.TUNNEL
    key_choice: KeyChoice = KeyChoice.NEW_LOCAL
    key_type: str = "ed25519"  # ed25519 | rsa
    key_path: str | None = None  # private key file: where to save (new) or where it is (existing)
    existing_key_name: str | None = None  # EC2 key pair name, for KeyChoice.EXISTING
    ppk_version: int = 3
    git_repo: str | None = None
    idle_stop_minutes: int | None = 60  # None: no idle auto-stop
    # A monthly AWS Budgets limit in USD with email alerts (None: no budget is set).
    budget_usd: float | None = None
    budget_email: str | None = None  # where the alerts go (personal data: not logged)
    #: Hard limit: the instance stops itself this many hours after each start, busy or not.
    max_hours: float | None = None  # None: no limit (the default)
    ssh_user: str | None = None  # None: derived from the AMI
    trusted_host_key: str | None = None  # "SHA256:..." pin when the console shows none
    extra_tags: dict[str, str] = field(default_factory=dict)

    def validate(self, *, min_volume_gib: int | None = None) -> None:
        """Raise :class:`WizardError` (code ``invalid-plan``) naming the first bad choice."""
        problems = self.problems(min_volume_gib=min_volume_gib)
        if problems:
            raise WizardError(problems[0], code="invalid-plan", detail="; ".join(problems))

    def problems(self, *, min_volume_gib: int | None = None) -> list[Sentence]:
        """Every problem with the plan, as sentences a person understands."""
        found: list[Sentence] = []
        if not re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d", self.region):
            found.append(
                QT_TRANSLATE_NOOP(
                    "core", "'{region}' is not an AWS region name (like us-east-1)."
                ).format(region=self.region)
            )
        if self.image_id != "latest" and not _AMI_ID.fullmatch(self.image_id):
            found.append(
                QT_TRANSLATE_NOOP(
                    "core", "'{image_id}' is not an AMI id (ami- and 8 or 17 hex digits)."
                ).format(image_id=self.image_id)
            )
        if not re.fullmatch(r"[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9]+", self.instance_type):
            found.append(
                QT_TRANSLATE_NOOP(
                    "core", "'{instance_type}' is not an instance type (like g5.xlarge)."
                ).format(instance_type=self.instance_type)
            )
        low, high = VOLUME_GIB_RANGE
        floor = max(low, min_volume_gib or 0)
        if not floor <= self.volume_gib <= high:
            if min_volume_gib and self.volume_gib < min_volume_gib:
                found.append(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "The disk must be at least {min_volume_gib} GiB: the machine image "
                        "needs that much; {volume_gib} GiB is too small.",
                    ).format(min_volume_gib=min_volume_gib, volume_gib=self.volume_gib)
                )
            else:
                found.append(
                    QT_TRANSLATE_NOOP(
                        "core", "The disk size must be between {low} and {high} GiB."
                    ).format(low=floor, high=high)
                )
        if self.volume_type not in {"gp3", "gp2", "io1", "io2"}:
            found.append(
                QT_TRANSLATE_NOOP(
                    "core", "'{volume_type}' is not a supported volume type (gp3, gp2, io1, io2)."
                ).format(volume_type=self.volume_type)
            )
        found.extend(work_disk_problems(self.work_disk))
        if self.ssh_cidr is not None:
            try:
                network = ipaddress.ip_network(self.ssh_cidr, strict=False)
            except ValueError:
                found.append(
                    QT_TRANSLATE_NOOP(
                        "core", "'{ssh_cidr}' is not an IP address range (like 203.0.113.7/32)."
                    ).format(ssh_cidr=self.ssh_cidr)
                )
            else:
                if network.version != 4:
                    found.append(
                        QT_TRANSLATE_NOOP("core", "Only IPv4 ranges are supported for SSH access.")
                    )
                elif network.prefixlen < WIDEST_UNCONFIRMED_PREFIX and not self.allow_wide_cidr:
                    found.append(
                        QT_TRANSLATE_NOOP(
                            "core",
                            "'{ssh_cidr}' is wider than /16: confirm that this many addresses may "
                            "try to log in over SSH.",
                        ).format(ssh_cidr=self.ssh_cidr)
                    )
        if self.git_repo and repo_has_credentials(self.git_repo):
            found.append(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The repository address contains a user name or password, which would "
                    "be stored on the instance and in AWS: remove it and use a deploy key "
                    "or a Git credential helper on the instance instead.",
                )
            )
        if self.group_choice is GroupChoice.EXISTING and not self.existing_group_id:
            found.append(QT_TRANSLATE_NOOP("core", "Choose the existing security group to use."))
        if self.key_choice is KeyChoice.EXISTING and not (self.key_path and self.existing_key_name):
            found.append(
                QT_TRANSLATE_NOOP(
                    "core", "Choose your private key file and the EC2 key pair it belongs to."
                )
            )
        if self.key_type not in {"ed25519", "rsa"}:
            found.append(QT_TRANSLATE_NOOP("core", "The key type must be ed25519 or rsa."))
        if self.ppk_version not in (2, 3):
            found.append(QT_TRANSLATE_NOOP("core", "The PuTTY key version must be 2 or 3."))
        if self.idle_stop_minutes is not None:
            low, high = IDLE_MINUTES_RANGE
            if not low <= self.idle_stop_minutes <= high:
                found.append(
                    QT_TRANSLATE_NOOP(
                        "core", "Idle auto-stop must be between {low} and {high} minutes."
                    ).format(low=low, high=high)
                )
        if self.budget_usd is not None:
            found.extend(budget_problems(self.budget_usd, self.budget_email))
        if self.max_hours is not None:
            shortest, longest = MAX_HOURS_RANGE
            if not shortest <= self.max_hours <= longest:
                found.append(
                    QT_TRANSLATE_NOOP(
                        "core", "The time limit must be between {low} and {high} hours."
                    ).format(low=f"{shortest:g}", high=f"{longest:g}")
                )
        if self.git_repo and not _GIT_URL.fullmatch(self.git_repo):
            found.append(
                QT_TRANSLATE_NOOP(
                    "core", "'{git_repo}' does not look like a Git URL (https:// or git@)."
                ).format(git_repo=self.git_repo)
            )
        if self.trusted_host_key and not _is_fingerprint(self.trusted_host_key):
            found.append(
                QT_TRANSLATE_NOOP("core", "A pinned host key must be a SHA256:... fingerprint.")
            )
        return found

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LaunchPlan:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        plan = cls(**values)
        plan.market = Market(plan.market)
        plan.access = Access(plan.access)
        plan.key_choice = KeyChoice(plan.key_choice)
        plan.group_choice = GroupChoice(plan.group_choice)
        return plan

    @classmethod
    def from_json(cls, text: str) -> LaunchPlan:
        return cls.from_dict(json.loads(text))


def budget_problems(limit_usd: float, email: str | None) -> list[Sentence]:
    """What is wrong with a spending budget's limit and email (the launch creates it new, so
    it needs both)."""
    from app.core.aws.budgets import check_email, check_limit

    found: list[Sentence] = []
    try:
        check_limit(limit_usd)
    except WizardError as exc:
        found.append(exc.sentence)
    try:
        check_email(email or "")
    except WizardError as exc:
        found.append(exc.sentence)
    return found
