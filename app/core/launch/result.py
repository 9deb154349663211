"""A launch that is ready: what the Done page and ``ec2nb launch`` show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.sentence import Sentence

if TYPE_CHECKING:
    from app.core.aws.work_disks import WorkDisk
    from app.core.launch.context import LaunchContext
    from app.core.remote.bootstrap import NotebookInfo
    from app.core.remote.tunnel import Tunnel


@dataclass
class LaunchResult:
    """A launch that is ready. ``tunnel`` (when not None) is open: the caller closes it."""

    launch_id: str
    instance_id: str
    region: str
    url: str | None  # holds the notebook token: show it, never log it
    ssh_command: str
    putty_command: str
    notebook: NotebookInfo | None  # None when provisioning only
    tunnel: Tunnel | None  # None for HTTPS access
    public_ip: str | None = None
    instance_type: str = ""
    demo: bool = False
    market: str = "on-demand"  # spot launches are one-time requests: no Stop, only Terminate
    warnings: list[Sentence] = field(default_factory=list)  # shown with the result, not logged only
    limit_stops_at: dt.datetime | None = None  # the hard time limit's moment (UTC), if any
    work_disk: WorkDisk | None = None  # the disk mounted at ~/work (issue 14), if any

    @property
    def can_stop(self) -> bool:
        return self.market != "spot"


def launch_result(ctx: LaunchContext) -> LaunchResult:
    """The result of a launch whose steps all ran."""
    from app.core.launch.commands import manual_commands
    from app.core.launch.remote import ssh_target

    plan, journal = ctx.plan, ctx.journal
    ssh_line, putty_line = manual_commands(
        ctx.ssh_target or ssh_target(ctx, ctx.key),
        key_files=ctx.resources.key_files,
        notebook_port=journal.notebook_port,
        host_keys=journal.host_keys,
        trusted_host_key=plan.trusted_host_key,
    )  # the SSH and PuTTY lines that open the same tunnel by hand, host key checked
    return LaunchResult(
        launch_id=journal.launch_id,
        instance_id=ctx.resources.instance_id or "",
        region=ctx.region,
        url=ctx.url,
        ssh_command=ssh_line,
        putty_command=putty_line,
        notebook=ctx.notebook_info,
        tunnel=ctx.open_tunnel,
        public_ip=journal.public_ip,
        instance_type=plan.instance_type,
        demo=journal.demo,
        market=plan.market.value,
        warnings=list(ctx.warnings),
        limit_stops_at=_limit_stops_at(ctx),
        work_disk=ctx.work_disk,
    )


def _limit_stops_at(ctx: LaunchContext) -> dt.datetime | None:
    """LaunchTime (reset by each start) plus the limit; the agent counts from the boot after."""
    hours = ctx.plan.max_hours
    if not hours:
        return None
    info = ctx.instance_info
    stamp = info.launch_time if info is not None else ctx.journal.created
    try:
        started = dt.datetime.fromisoformat(stamp)
    except ValueError:
        started = dt.datetime.now(dt.UTC)
    return started + dt.timedelta(hours=hours)
