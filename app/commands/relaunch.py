"""``ec2nb relaunch ID``: after AWS took a spot machine back, launch again like it, with the same
work disk (on-demand or spot), through ``ec2nb launch``'s own run path."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.commands.launch import EXIT_USAGE, Reporter, add_driver_options, launch_plan


def register(subparsers: Any) -> None:
    """Add ``relaunch`` to the ``ec2nb`` parser."""
    parser = subparsers.add_parser(
        "relaunch",
        help="launch again like an instance AWS took back, with the same work disk",
        description="Launch a new instance like ID (a spot machine AWS took back): the same "
        "region, type, image and settings, and the same work disk at ~/work. Choose on-demand "
        "if the work must not be interrupted again. Options given here override the old ones.",
    )
    parser.add_argument("id", metavar="ID", help="instance id (or launch id)")
    market = parser.add_mutually_exclusive_group()
    market.add_argument("--spot", dest="market", action="store_const", const="spot")
    market.add_argument(
        "--on-demand",
        dest="market",
        action="store_const",
        const="on-demand",
        help="(default: as before)",
    )
    parser.add_argument("--profile", help="AWS profile (default: the environment's credentials)")
    parser.add_argument("--region", help="where to look for ID (default: every region)")
    parser.add_argument("--instance-type", metavar="T", help="another instance type")
    parser.add_argument("--max-hours", type=float, metavar="N", help="hard limit (0: none)")
    parser.add_argument("--idle-stop-minutes", type=int, metavar="N", help="0: never")
    parser.add_argument(
        "--work-disk", metavar="NAME|new[:GIB]|none", help="another work disk (default: its own)"
    )
    parser.add_argument("--trust-host-key", metavar="SHA256:...")
    add_driver_options(parser)
    parser.set_defaults(handler=run_relaunch)


def run_relaunch(args: argparse.Namespace) -> int:
    from app.core.errors import WizardError

    reporter = Reporter(args.json)
    try:
        plan = relaunch_from_args(args)
        plan.validate()
    except WizardError as exc:
        if exc.code not in ("invalid-plan", "not-taken-back"):
            raise
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return launch_plan(plan, args, reporter)


def relaunch_from_args(args: argparse.Namespace) -> Any:
    """The plan of the new launch: the old one (journal or tags), its disk, the options given."""
    from dataclasses import replace

    from app.commands.fleet import _session
    from app.core.aws.fleet import list_managed_instances
    from app.core.errors import WizardError
    from app.core.launch.journal import find_journal
    from app.core.launch.relaunch import relaunch_plan, work_disk_name
    from app.core.plan import LaunchPlan, Market
    from app.core.sentence import QT_TRANSLATE_NOOP

    session = _session(args, None)
    regions = [args.region] if args.region else None
    found = [
        i
        for i in list_managed_instances(session, regions=regions)
        if args.id in (i.instance_id, i.launch_id)
    ]
    if not found:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "No instance launched by ec2nb has the id '{id}'.").format(
                id=args.id
            ),
            code="unknown-launch",
            hint=QT_TRANSLATE_NOOP("core", "'ec2nb list' shows them."),
        )
    instance = found[0]
    if instance.state in ("pending", "running", "stopping"):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "{instance_id} is {state}: 'ec2nb open' reaches it, no new launch needed."
            ).format(instance_id=instance.instance_id, state=instance.state),
            code="not-taken-back",
        )
    journal = find_journal(instance.launch_id) if instance.launch_id else None
    previous = (
        LaunchPlan.from_dict(journal.plan)
        if journal is not None and isinstance(journal.plan, dict)
        else None
    )
    market = Market(args.market) if args.market else None
    plan = relaunch_plan(
        instance,
        previous,
        market=market,
        disk_name=work_disk_name(session, instance),
    )
    changes: dict[str, Any] = {}
    if args.instance_type:
        changes["instance_type"] = args.instance_type
    if args.max_hours is not None:
        changes["max_hours"] = args.max_hours or None
    if args.idle_stop_minutes is not None:
        changes["idle_stop_minutes"] = args.idle_stop_minutes or None
    if args.work_disk:
        changes["work_disk"] = args.work_disk
    if args.trust_host_key:
        changes["trusted_host_key"] = args.trust_host_key
    if args.profile:
        changes["profile"] = args.profile
    return replace(plan, **changes)
