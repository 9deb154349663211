"""``ec2nb resize`` and the capacity choices of ``ec2nb start`` (issue 14 section 3).

``resize ID --instance-type T`` checks everything (stopped, not one-time spot, the type's
architecture and image, its zone, the vCPU quota) before changing the type, then starts it.
``start ID`` that AWS refuses for lack of capacity names the ways out: ``--wait-for-capacity
[MINUTES]``, ``--or-type T`` (another type in the same zone) and ``ec2nb relocate``.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from app.commands.launch import EXIT_OK, Reporter


def register(subparsers: Any) -> None:
    """Add ``resize`` to the ``ec2nb`` parser (``start``'s options: :func:`add_start_options`)."""
    from app.commands.fleet import _aws_options

    resize = subparsers.add_parser(
        "resize",
        help="change the GPU type of a stopped instance, then start it",
        description="Change the instance type of a stopped instance (checked first: its "
        "zone, architecture, machine image and your vCPU quota), then start it.",
    )
    resize.add_argument("id", metavar="ID", help="launch id or instance id")
    resize.add_argument("--instance-type", required=True, metavar="T", help="the new type")
    resize.add_argument("--no-start", action="store_true", help="leave it stopped")
    resize.add_argument("--json", action="store_true", help="print JSON for scripts")
    _aws_options(resize)
    resize.set_defaults(handler=run_resize)


def add_start_options(parser: argparse.ArgumentParser) -> None:
    """``ec2nb start``'s answers to a lack of capacity."""
    parser.add_argument(
        "--wait-for-capacity",
        nargs="?",
        type=float,
        const=30.0,
        default=None,
        metavar="MINUTES",
        help="when AWS has no capacity for the type, retry for MINUTES (default 30)",
    )
    parser.add_argument(
        "--or-type",
        metavar="T",
        help="when AWS has no capacity for the type, change it to T (same zone) and start",
    )


def run_resize(args: argparse.Namespace) -> int:
    from app.commands.fleet import _instance_target, _session
    from app.core.aws.resize import resize_instance
    from app.core.errors import WizardError

    target = _instance_target(args)
    reporter = Reporter(args.json)
    session = _session(args, target.region)
    try:
        result = resize_instance(
            session,
            target.region,
            target.instance_id,
            args.instance_type,
            start=not args.no_start,
            progress=_printer(reporter),
        )
    except WizardError as exc:
        _add_cli_hint(exc, args, session, target)
        raise
    reporter.event({"event": "resized", **dataclasses.asdict(result)})
    _say_resized(reporter, result, target.launch_id or target.instance_id)
    return EXIT_OK


def run_start(args: argparse.Namespace) -> int:
    """``ec2nb start ID [--wait-for-capacity [MINUTES]] [--or-type T]``."""
    from app.commands.fleet import _instance_target, _session
    from app.core.aws.capacity import lacks_capacity, start_when_capacity
    from app.core.aws.fleet import start_instance
    from app.core.aws.resize import resize_instance
    from app.core.errors import WizardError

    target = _instance_target(args)
    reporter = Reporter(False)
    session = _session(args, target.region)
    name = target.launch_id or target.instance_id
    progress = _printer(reporter)
    try:
        if args.wait_for_capacity is not None:
            info = start_when_capacity(
                session,
                target.region,
                target.instance_id,
                minutes=args.wait_for_capacity,
                progress=progress,
            )
        else:
            info = start_instance(session, target.region, target.instance_id)
    except WizardError as exc:
        if not (lacks_capacity(exc) and args.or_type):
            _add_cli_hint(exc, args, session, target)
            raise
        reporter.say(f"{exc.message} Changing it to {args.or_type} instead.")
        try:
            result = resize_instance(
                session, target.region, target.instance_id, args.or_type, progress=progress
            )
        except WizardError as again:
            _add_cli_hint(again, args, session, target)
            raise
        _say_resized(reporter, result, name)
        return EXIT_OK
    ip = getattr(info, "public_ip", None) or "a new address"
    reporter.say(f"Started {target.instance_id} at {ip}. 'ec2nb open {name}' opens it.")
    return EXIT_OK


def capacity_hint(instance_id: str, name: str, other_zones: list[str], instance_type: str) -> str:
    """What to type when AWS has no capacity to start ``instance_id``."""
    lines = [
        f"Wait for capacity: 'ec2nb start {name} --wait-for-capacity [MINUTES]'.",
        f"Or another GPU type in the same zone: 'ec2nb start {name} --or-type TYPE' "
        "('ec2nb gpus' lists them).",
    ]
    if other_zones:
        from app.core.aws.capacity import relocate_command

        lines.append(
            f"Or move it to a zone that offers {instance_type}: "
            f"'{relocate_command(name, other_zones[0])}'."
        )
    return "\n".join(lines)


def _add_cli_hint(exc: Any, args: argparse.Namespace, session: Any, target: Any) -> None:
    """Hints that name commands (the core's hints name no command: the wizard shares them)."""
    from app.core.aws.capacity import lacks_capacity
    from app.core.aws.catalog import zones_offering

    name = target.launch_id or target.instance_id
    if exc.code == "instance-not-stopped":
        exc.hint = f"Stop it first: 'ec2nb stop {name}', then run this again."
    elif lacks_capacity(exc):
        zone = exc.params.get("zone", "")
        instance_type = exc.params.get("instance_type", "")
        try:
            zones = zones_offering(session, target.region, [instance_type]).get(instance_type, [])
        except Exception:  # only for the hint: the error itself matters more
            zones = []
        others = [z for z in zones if z != zone]
        exc.hint = capacity_hint(target.instance_id, name, others, instance_type)


def _printer(reporter: Reporter) -> Any:
    def progress(_step: str, message: Any) -> None:
        reporter.say(f"  {message}")

    return progress


def _say_resized(reporter: Reporter, result: Any, name: str) -> None:
    from app.core.aws.resize import price_per_hour

    line = (
        f"Changed {result.instance_id} from {result.old_type} ({price_per_hour(result.old_price)}) "
        f"to {result.new_type} ({price_per_hour(result.new_price)})."
    )
    if result.started:
        address = result.public_ip or "a new address"
        line += f" Started at {address}. 'ec2nb open {name}' opens it."
    else:
        line += f" It is stopped: 'ec2nb start {name}' starts it."
    reporter.say(line)
