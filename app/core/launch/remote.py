"""What a launch hands the remote layer: the SSH target and the notebook's bootstrap options."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import paramiko

    from app.core.keys import PrivateKey
    from app.core.launch.context import LaunchContext
    from app.core.launch.journal import LaunchJournal
    from app.core.launch.overrides import LaunchOverrides
    from app.core.progress import CancelToken
    from app.core.remote.bootstrap import BootstrapOptions
    from app.core.remote.connect import SshTarget


def ssh_target(job: LaunchContext, key: PrivateKey | None, trusted: str | None = None) -> SshTarget:
    """The ``SshTarget`` of the launch's instance, logging in with ``key`` (a private key or
    None); ``trusted`` is a fingerprint the user accepted, else the plan's pinned one."""
    from app.core.remote.sshkeys import to_paramiko

    target = journal_target(job.journal, job.overrides, trusted or job.plan.trusted_host_key)
    return replace(target, key=to_paramiko(key) if key is not None else None)


def journal_target(
    journal: LaunchJournal,
    overrides: LaunchOverrides,
    trusted: str | None = None,
    passphrase: str | None = None,
) -> SshTarget:
    """The ``SshTarget`` a launch's journal describes: its key file, the host keys it saw."""
    from app.core.remote.connect import SshTarget

    resources = journal.resources
    return SshTarget(
        host=overrides.ssh_host or journal.public_ip or "",
        port=overrides.ssh_port or 22,
        user=overrides.ssh_user or journal.ssh_user or "ubuntu",
        key_path=resources.key_files.get("private"),
        passphrase=passphrase,
        instance_id=resources.instance_id or "",
        host_keys=list(journal.host_keys),
        trusted_fingerprint=trusted or journal.plan.get("trusted_host_key"),
    )


def notebook_folder(journal: LaunchJournal, overrides: LaunchOverrides) -> str:
    """The notebook folder on the instance, as SFTP resolves it (``.`` is the login home):
    ``work`` in it when the launch has a work disk (mounted there, Jupyter's root)."""
    base = _home_folder(journal, overrides)
    if not journal.resources.work_disk_id:
        return base
    return "work" if base == "." else str(PurePosixPath(base) / "work")


def _home_folder(journal: LaunchJournal, overrides: LaunchOverrides) -> str:
    base = overrides.remote_home
    return str(PurePosixPath(base) / journal.launch_id) if base else "."


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
        # A spot machine watches for AWS taking it back; a stand-in only with a fake metadata
        # server to ask (169.254.169.254 is no address for this computer to call).
        spot=plan.market.value == "spot" and (not stand_in or bool(job.overrides.metadata_url)),
        metadata_url=job.overrides.metadata_url if stand_in else None,
        spot_poll_seconds=job.overrides.spot_poll_seconds if stand_in else None,
        wall_command=(job.overrides.wall_command or "") if stand_in else None,
        work_volume=job.resources.work_disk_id,
        disk_by_id=job.overrides.disk_by_id if stand_in else None,
        fstab=job.overrides.fstab if stand_in else None,
    )


def _launched(job: LaunchContext) -> float:
    # The journal's start, fixed across resumes, so a rerun of the bootstrap changes nothing.
    return dt.datetime.fromisoformat(job.journal.created).timestamp()


def _remote_home(job: LaunchContext) -> str | None:
    # One folder per launch: on a stand-in every instance is a machine of its own.
    folder = _home_folder(job.journal, job.overrides)
    return None if folder == "." else folder


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


def instance_connector(
    journal: LaunchJournal,
    *,
    passphrase: str | None = None,
    address: str | None = None,
    overrides: LaunchOverrides | None = None,
    cancel: CancelToken | None = None,
    deadline_seconds: float = 60,
) -> Callable[[], paramiko.SSHClient]:
    """Connects to a launch's instance as the launch did: its key, and only the host keys its
    journal or the known-hosts store hold (an unknown key is refused, never added)."""
    from app.core.errors import WizardError
    from app.core.launch.overrides import LaunchOverrides
    from app.core.progress import NEVER_CANCELLED
    from app.core.remote.connect import connect
    from app.core.remote.hostkeys import KnownHosts
    from app.core.sentence import QT_TRANSLATE_NOOP

    overrides = overrides or LaunchOverrides.from_env()
    target = journal_target(journal, overrides, passphrase=passphrase)
    if address and not overrides.ssh_host:  # the current address (it changes at each start)
        target = replace(target, host=address)
    if not target.host or not target.key_path:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "Launch {launch_id} has no running instance to reach."
            ).format(launch_id=journal.launch_id),
            code="not-ready",
            hint=QT_TRANSLATE_NOOP("core", "Open it first: 'ec2nb open {launch_id}'.").format(
                launch_id=journal.launch_id
            ),
        )
    known = KnownHosts()
    token = cancel or NEVER_CANCELLED
    return lambda: connect(
        target, cancel=token, deadline_seconds=deadline_seconds, known_hosts=known
    )


def launch_connection(
    launch_id: str,
    *,
    passphrase: str | None = None,
    address: str | None = None,
    cancel: CancelToken | None = None,
) -> tuple[Callable[[], paramiko.SSHClient], str]:
    """How to reach a launch of this computer's (its id or instance id) and its notebook
    folder: what ``ec2nb push / pull`` and the wizard's Upload / Download need."""
    from app.core.launch.journal import find_journal, load_journal
    from app.core.launch.overrides import LaunchOverrides

    journal = find_journal(launch_id) or load_journal(launch_id)
    overrides = LaunchOverrides.from_env()
    connector = instance_connector(
        journal, passphrase=passphrase, address=address, overrides=overrides, cancel=cancel
    )
    return connector, notebook_folder(journal, overrides)
