"""Where a stand-in instance really is (tests, ``--demo``): see :mod:`app.core.launch`."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP

SSH_ENDPOINT_ENV = "EC2NB_SSH_ENDPOINT"
PUBLIC_IP_ENV = "EC2NB_PUBLIC_IP"
REMOTE_HOME_ENV = "EC2NB_REMOTE_HOME"
PROVISION_ONLY_ENV = "EC2NB_PROVISION_ONLY"
METADATA_URL_ENV = "EC2NB_METADATA_URL"
WALL_COMMAND_ENV = "EC2NB_WALL_COMMAND"
SPOT_POLL_ENV = "EC2NB_SPOT_POLL_SECONDS"
#: A stand-in's folder of work-disk devices (instead of /dev/disk/by-id) and its fstab.
DISK_BY_ID_ENV = "EC2NB_DISK_BY_ID"
FSTAB_ENV = "EC2NB_FSTAB"
_ENDPOINT = re.compile(r"^(?:(?P<user>[^@\s]+)@)?(?P<host>[^:\s]+)(?::(?P<port>\d{1,5}))?$")


@dataclass(frozen=True)
class LaunchOverrides:
    """Where a stand-in instance really is (see the package docstring), for tests and the demo."""

    ssh_host: str | None = None
    ssh_port: int | None = None
    ssh_user: str | None = None
    public_ip: str | None = None
    #: Where the notebook's files go on the stand-in (a sandbox, not the user's own home).
    remote_home: str | None = None
    #: Stop after the host keys (the demo on a computer without an OpenSSH server).
    provision_only: bool = False
    #: A stand-in's work-disk devices and fstab (``app.demo.ebs_stand_in``); None: the real ones.
    disk_by_id: str | None = None
    fstab: str | None = None
    host_key_timeout: float = 300.0
    #: The stand-in's instance metadata (a fake IMDSv2 server on loopback), its poll pace and
    #: its ``wall`` (none by default: a stand-in's terminals are the developer's own).
    metadata_url: str | None = None
    wall_command: str | None = None
    spot_poll_seconds: float | None = None
    ssh_timeout: float = 300.0

    @property
    def stand_in(self) -> bool:
        """True when this computer (or another test machine) plays the instance."""
        return self.ssh_host is not None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LaunchOverrides:
        env = os.environ if environ is None else environ
        overrides = cls(
            public_ip=env.get(PUBLIC_IP_ENV) or None,
            remote_home=env.get(REMOTE_HOME_ENV) or None,
            provision_only=env.get(PROVISION_ONLY_ENV) == "1",
            metadata_url=env.get(METADATA_URL_ENV) or None,
            wall_command=env.get(WALL_COMMAND_ENV) or None,
            spot_poll_seconds=_seconds(env.get(SPOT_POLL_ENV)),
            disk_by_id=env.get(DISK_BY_ID_ENV) or None,
            fstab=env.get(FSTAB_ENV) or None,
        )
        raw = env.get(SSH_ENDPOINT_ENV, "").strip()
        if not raw:
            return overrides
        found = _ENDPOINT.fullmatch(raw)
        if not found:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "{variable}='{value}' is not [user@]host:port.").format(
                    variable=SSH_ENDPOINT_ENV, value=raw
                ),
                code="bad-setting",
            )
        port = found.group("port")
        return replace(
            overrides,
            ssh_host=found.group("host"),
            ssh_port=int(port) if port else None,
            ssh_user=found.group("user"),
        )


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
