"""Finding a launch's instance by its tag, and removing what a launch created."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.context import saved_moments_ago
from app.core.launch.journal import READY, TERMINATED, LaunchJournal
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import boto3

    from app.core.aws.cleanup import CleanupReport
    from app.core.aws.session import Credentials


def find_launch_instance(session: boto3.Session, region: str, launch_id: str) -> str | None:
    """The live instance tagged with ``launch_id``, if AWS has one (resume after a crash)."""
    from app.core.aws.provisioning import launch_instances

    found = launch_instances(session, region, launch_id)
    return found[0].instance_id if found else None


def clean_up(
    journal: LaunchJournal,
    *,
    session: boto3.Session | None,
    credentials: Credentials | None,
    profile: str | None,
    started_instance: bool | None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    delete_work_disk: bool | None = None,
) -> CleanupReport:
    """Terminate this launch's instance and delete what it created (see LaunchJob.cleanup).

    ``session`` is the launch's own when it made one (else one is made from ``credentials``
    or ``profile``); ``started_instance`` whether this run started the instance moments ago
    (None: judged from when the journal was last written)."""
    from app.core.aws.fleet import CleanupReport, cleanup_launch, terminate_instance
    from app.core.aws.session import Credentials, make_session
    from app.core.remote.hostkeys import KnownHosts

    progress = progress or no_progress
    cancel = cancel or NEVER_CANCELLED
    resources = journal.resources
    session = session or make_session(credentials or Credentials(profile=profile), journal.region)
    instance_id = resources.instance_id
    if not instance_id and resources.instance_requested:
        instance_id = find_launch_instance(session, journal.region, journal.launch_id)
    terminated: list[str] = []
    if instance_id:
        progress(
            "cleanup",
            QT_TRANSLATE_NOOP("core", "terminating {instance_id}").format(instance_id=instance_id),
        )
        # Cancelled right after RunInstances: AWS may not know the new id yet.
        created = (
            started_instance if started_instance is not None else saved_moments_ago(journal.updated)
        )
        terminate_instance(
            session, journal.region, instance_id, progress=progress, cancel=cancel, created=created
        )
        terminated.append(instance_id)
        with contextlib.suppress(WizardError):
            KnownHosts().forget(instance_id)
    made = [
        *([resources.security_group_id] if resources.security_group_created else []),
        *([resources.key_name] if resources.key_pair_created else []),
    ]
    report = cleanup_launch(
        session,
        journal.region,
        journal.launch_id,
        progress=progress,
        cancel=cancel,
        created=[m for m in made if m],
    )
    if resources.key_files_created:
        # The key pair is gone, so the private key opens nothing any more.
        for path in resources.key_files.values():
            with contextlib.suppress(OSError):
                Path(path).unlink()
    disk_deleted, disk_kept = _work_disk(
        session, journal, delete_work_disk, progress=progress, cancel=cancel
    )
    journal.status = TERMINATED
    journal.save()
    return CleanupReport(
        deleted=[*terminated, *report.deleted, *disk_deleted], kept=[*report.kept, *disk_kept]
    )


def _work_disk(
    session: boto3.Session,
    journal: LaunchJournal,
    delete: bool | None,
    *,
    progress: Progress,
    cancel: CancelToken,
) -> tuple[list[str], list[str]]:
    """Delete the launch's work disk when asked (``None``: only a disk this launch made and
    never got to use: a failed or cancelled launch), else say it is kept. Runs after the
    instance is gone: DeleteVolume needs the disk ``available``."""
    from app.core.aws.work_disks import delete_work_disk, wait_free

    resources = journal.resources
    volume_id = resources.work_disk_id
    if not volume_id:
        return [], []
    if delete is None:
        delete = resources.work_disk_created and journal.status != READY
    if delete:
        delete_work_disk(
            session, journal.region, volume_id, wait=True, progress=progress, cancel=cancel
        )
        return [f"{volume_id} (work disk)"], []
    try:
        # Free once its instance is gone, so the next launch can attach it at once.
        disk = wait_free(session, journal.region, volume_id, progress=progress, cancel=cancel)
    except WizardError as exc:
        if exc.code == "no-such-disk":
            return [], []  # deleted elsewhere already
        raise
    return [], [
        f"{disk.name} ({volume_id}, work disk, {disk.size_gib} GiB, ${disk.monthly_usd:.2f}/month)"
    ]
