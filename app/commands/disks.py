"""``ec2nb disks [--json]`` and ``ec2nb disks delete NAME``: the work disks (issue 14).

Work disks outlive instances and are billed while kept, so they are listed in every region
with what they cost a month. ``disks move`` (:mod:`app.commands.disk_move`) adds itself here as
one more action of the ``disks`` parser.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from app.commands.launch import EXIT_OK, EXIT_USAGE, Reporter, ask, interactive


def register(subparsers: Any) -> None:
    """Add ``disks`` and its actions to the ``ec2nb`` parser."""
    disks = subparsers.add_parser(
        "disks",
        help="list the work disks (kept between instances, billed while kept), or delete one",
        description="Work disks are encrypted gp3 volumes mounted at ~/work that outlive the "
        "instances they were attached to. Without an action: list them in every region.",
    )
    _options(disks)
    disks.add_argument("--json", action="store_true", help="print JSON for scripts")
    disks.set_defaults(handler=run_disks)
    actions = disks.add_subparsers(dest="disks_action", metavar="ACTION")
    delete = actions.add_parser(
        "delete", help="delete a work disk and its files (refused while attached)"
    )
    delete.add_argument("name", metavar="NAME", help="the disk's name (or volume id)")
    delete.add_argument("--yes", "-y", action="store_true", help="do not ask")
    _options(delete)
    delete.set_defaults(handler=run_delete)
    from app.commands.disk_move import add_move_parser

    add_move_parser(actions)


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", help="AWS profile (default: the environment's credentials)")
    parser.add_argument("--region", help="only this region (default: every enabled region)")


def _session(args: argparse.Namespace) -> Any:
    from app.commands.launch import _default_region
    from app.core.aws.session import Credentials, make_session

    profile = getattr(args, "profile", None)
    return make_session(Credentials(profile=profile), args.region or _default_region(profile))


def _listed(args: argparse.Namespace) -> list[Any]:
    from app.core.aws.work_disks import list_all_work_disks

    return list_all_work_disks(_session(args), [args.region] if args.region else None)


def run_disks(args: argparse.Namespace) -> int:
    from app.core.aws.work_disks import kept_disks_monthly

    disks = _listed(args)
    if args.json:
        print(
            json.dumps(
                {
                    "disks": [dataclasses.asdict(d) for d in disks],
                    "kept_monthly_usd": kept_disks_monthly(disks),
                },
                indent=2,
            )
        )
        return EXIT_OK
    reporter = Reporter(False)
    if not disks:
        reporter.say("No work disks. 'ec2nb launch' makes one (--work-disk new:GIB).")
        return EXIT_OK
    reporter.say(
        f"{'NAME':28} {'SIZE':>8} {'ZONE':14} {'ATTACHED TO':20} {'$/MONTH':>8}  LAST USED"
    )
    for disk in disks:
        reporter.say(
            f"{disk.name:28} {str(disk.size_gib) + ' GiB':>8} {disk.zone:14} "
            f"{disk.attached_to or '-':20} {disk.monthly_usd:>8.2f}  {disk.last_used or '-'}"
        )
    kept = kept_disks_monthly(disks)
    if kept:
        reporter.say(
            f"Kept disks (attached to nothing) cost ${kept:.2f} a month until deleted "
            "('ec2nb disks delete NAME')."
        )
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    import sys

    from app.core.aws.work_disks import delete_work_disk, no_such_disk
    from app.core.errors import WizardError

    matches = [d for d in _listed(args) if args.name in (d.name, d.volume_id)]
    if not matches:
        raise no_such_disk(args.name, args.region or "any region")
    if len(matches) > 1:
        raise WizardError(
            f"{len(matches)} work disks are called '{args.name}' (in "
            f"{', '.join(sorted(d.region for d in matches))}).",
            code="ambiguous-disk",
            hint="Name the region (--region) or the volume id.",
        )
    disk = matches[0]
    if disk.attached_to:
        raise WizardError(
            f"The work disk {disk.name} is attached to {disk.attached_to}.",
            code="disk-attached",
            hint=f"Terminate that instance first: 'ec2nb terminate {disk.attached_to}'.",
        )
    if not args.yes:
        if not interactive():
            print("Error: add --yes to delete without being asked.", file=sys.stderr)
            return EXIT_USAGE
        question = (
            f"Delete work disk {disk.name} ({disk.size_gib} GiB in {disk.zone}) and every file "
            "on it? This cannot be undone."
        )
        if not ask(question, default=False):
            return EXIT_USAGE
    delete_work_disk(_session_for(args, disk.region), disk.region, disk.volume_id)
    Reporter(False).say(f"Deleted work disk {disk.name} ({disk.volume_id}).")
    return EXIT_OK


def _session_for(args: argparse.Namespace, region: str) -> Any:
    from app.core.aws.session import Credentials, make_session

    return make_session(Credentials(profile=getattr(args, "profile", None)), region)
