"""What a launch hands the remote layer: the SSH target and the notebook's bootstrap options."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.keys import PrivateKey
    from app.core.launch.context import LaunchContext
    from app.core.remote.bootstrap import BootstrapOptions
    from app.core.remote.connect import SshTarget


def ssh_target(job: LaunchContext, key: PrivateKey | None, trusted: str | None = None) -> SshTarget:
    """The ``SshTarget`` of the launch's instance, logging in with ``key`` (a private key or
    None); ``trusted`` is a fingerprint the user accepted, else the plan's pinned one."""
    from app.core.remote.connect import SshTarget
    from app.core.remote.sshkeys import to_paramiko

    overrides, journal = job.overrides, job.journal
    resources = journal.resources
    return SshTarget(
        host=overrides.ssh_host or journal.public_ip or "",
        port=overrides.ssh_port or 22,
        user=overrides.ssh_user or journal.ssh_user or "ubuntu",
        key=to_paramiko(key) if key is not None else None,
        key_path=resources.key_files.get("private"),
        instance_id=resources.instance_id or "",
        host_keys=list(journal.host_keys),
        trusted_fingerprint=trusted or job.plan.trusted_host_key,
    )


def bootstrap_options(job: LaunchContext) -> BootstrapOptions:
    """The ``BootstrapOptions`` for the launch's notebook (as user data and over SSH alike)."""
    from app.core.remote.bootstrap import BootstrapOptions

    plan = job.plan
    stand_in = job.overrides.stand_in
    return BootstrapOptions(
        access=plan.access,
        git_repo=plan.git_repo,
        idle_stop_minutes=plan.idle_stop_minutes,
        port=_notebook_port(job),
        remote_home=_remote_home(job),
        # As user data the script runs as root: Jupyter must run as the login user (on a
        # stand-in, whoever the tests log in as: ubuntu when they run as root).
        user=(job.overrides.ssh_user or job.journal.ssh_user) if stand_in else job.journal.ssh_user,
        # A stand-in is this computer: the idle agent must never stop it, and the notebook
        # must not become a system service of it.
        idle_dry_run=stand_in,
        service="detached" if stand_in else "auto",
        max_hours=plan.max_hours,
        # A stand-in booted long ago: its limit counts from the launch instead (dry run).
        limit_from=_launched(job) if stand_in and plan.max_hours else None,
    )


def _launched(job: LaunchContext) -> float:
    # The journal's start, fixed across resumes, so a rerun of the bootstrap changes nothing.
    return dt.datetime.fromisoformat(job.journal.created).timestamp()


def _remote_home(job: LaunchContext) -> str | None:
    # One folder per launch: on a stand-in every instance is a machine of its own.
    base = job.overrides.remote_home
    return str(Path(base) / job.journal.launch_id) if base else None


def _notebook_port(job: LaunchContext) -> int:
    journal = job.journal
    if journal.notebook_port:
        return journal.notebook_port
    if not job.overrides.stand_in:
        return 8888
    # On a stand-in 8888 may be the user's own Jupyter: take a free port instead.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        journal.notebook_port = int(probe.getsockname()[1])
    return journal.notebook_port
