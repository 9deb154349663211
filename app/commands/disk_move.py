"""``ec2nb disks move NAME`` and ``ec2nb relocate ID``: move a kept disk, or a stopped machine.

Both go through snapshots (see :mod:`app.core.aws.disk_move` and :mod:`app.core.aws.relocate`),
say the cost first and ask (``--yes`` does not ask; without a terminal ``--yes`` is needed),
show the progress with percentages, and continue an interrupted move when run again.
``ec2nb disks`` (list, delete: :mod:`app.commands.disks`) adds ``move`` through
:func:`add_move_parser`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from app.commands.launch import EXIT_OK, EXIT_USAGE, ask, interactive

_MOVE_ABOUT = (
    "Move a kept work disk to another Availability Zone or region: a snapshot (and, across "
    "regions, an encrypted copy of it) becomes a new encrypted gp3 disk there with the same "
    "name, size and tags; then the temporary snapshots and the old disk are deleted. The cost "
    "is shown first. Interrupted, run it again: it continues without copying twice."
)
_RELOCATE_ABOUT = (
    "When a stopped machine cannot start for lack of capacity: make an image of its system "
    "disk, copy it to another region if asked, and move its work disk to the new zone. Then "
    "launch from the image there (the command is printed). The old machine stays stopped "
    "until you terminate it."
)


def register(subparsers: Any) -> None:
    """Add ``relocate`` to the ``ec2nb`` parser (``disks move`` is added by ``disks``)."""
    relocating = subparsers.add_parser(
        "relocate",
        help="move a stopped machine to a zone or region with capacity (keeps its work disk)",
        description=_RELOCATE_ABOUT,
    )
    relocating.add_argument("id", metavar="ID", help="launch id or instance id")
    _target_options(relocating)
    relocating.add_argument(
        "--from-region", metavar="R", help="where the machine is (default: found by its id)"
    )
    relocating.add_argument(
        "--launch",
        action="store_true",
        help="then launch the new machine there (its old plan, the moved work disk) and open "
        "its notebook",
    )
    relocating.add_argument(
        "--trust-host-key",
        metavar="SHA256:...",
        help="with --launch: trust this host key fingerprint when the console output shows none",
    )
    relocating.add_argument("--no-browser", action="store_true", help="do not open the browser")
    relocating.add_argument(
        "--passphrase-file", type=Path, metavar="F", help="with --launch: your key's passphrase"
    )
    relocating.add_argument(
        "--keep-on-failure",
        action="store_true",
        help="with --launch: after a failure, keep what was created so 'ec2nb open ID' resumes",
    )
    relocating.set_defaults(handler=run_relocate)


def add_move_parser(actions: Any) -> None:
    """Add ``move`` to the sub-actions of ``ec2nb disks``."""
    _move_options(
        actions.add_parser(
            "move", help="move a kept disk to another zone or region", description=_MOVE_ABOUT
        )
    )


def _move_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the work disk's name")
    _target_options(parser)
    parser.add_argument(
        "--from-region", metavar="R", help="where the disk is (default: every enabled region)"
    )
    parser.set_defaults(handler=run_move)


def _target_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--zone", metavar="Z", help="the Availability Zone to move to")
    parser.add_argument("--region", metavar="R", help="the region to move to")
    parser.add_argument("--profile", help="AWS profile (default: the environment's credentials)")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def _session(profile: str | None, region: str | None) -> Any:
    from app.commands.launch import _default_region
    from app.core.aws.session import Credentials, make_session

    return make_session(Credentials(profile=profile), region or _default_region(profile))


def _target_region(args: argparse.Namespace, here: str) -> str:
    """``--region``, else the region of ``--zone`` (us-west-2a: us-west-2), else ``here``."""
    if args.region:
        return str(args.region)
    if args.zone and args.zone[-1].isalpha() and args.zone[:-1][-1:].isdigit():
        return str(args.zone[:-1])
    return here


def _progress(json_mode: bool) -> Any:
    def show(_step: str, message: str) -> None:
        # With --json stdout is one JSON document: progress goes to stderr.
        print(message, file=sys.stderr if json_mode else sys.stdout, flush=True)

    return show


def _refused(args: argparse.Namespace, question: str) -> int | None:
    """The exit code when the user does not go ahead; None to go on."""
    if args.yes:
        return None
    if not interactive():  # a script: spending needs --yes
        print("Nothing was done: run again with --yes to go ahead.", file=sys.stderr)
        return EXIT_USAGE
    return None if ask(question, default=False) else EXIT_OK


def _find_disk(args: argparse.Namespace) -> Any:
    """The disk named ``args.name``: the source of a move under way if there are two."""
    from app.core.aws.disk_move import find_disks
    from app.core.aws.regions import enabled_region_names
    from app.core.errors import WizardError
    from app.core.sentence import QT_TRANSLATE_NOOP

    session = _session(args.profile, args.from_region)
    regions = [args.from_region] if args.from_region else enabled_region_names(session)
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = [d for disks in pool.map(lambda r: find_disks(session, r, args.name), regions)
                 for d in disks]  # fmt: skip
    sources = [d for d in found if d.moving_from is None]
    if len(sources) > 1:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "More than one disk is named {name}: {disks}.").format(
                name=args.name, disks=", ".join(f"{d.volume_id} ({d.zone})" for d in sources)
            ),
            code="ambiguous-disk",
        )
    if sources:
        return sources[0]
    if found:  # only the new half of a move that stopped after deleting the old disk
        return dataclasses.replace(found[0], volume_id=found[0].moving_from)
    raise WizardError(
        QT_TRANSLATE_NOOP("core", "There is no work disk named {name}.").format(name=args.name),
        hint=QT_TRANSLATE_NOOP("core", "'ec2nb disks' lists them."),
        code="disk-not-found",
    )


def run_move(args: argparse.Namespace) -> int:
    from app.core.aws.disk_move import move_volume
    from app.core.aws.move_cost import cost_sentence, estimate_move

    if not args.zone and not args.region:
        print("Say where to: --zone Z or --region R.", file=sys.stderr)
        return EXIT_USAGE
    disk = _find_disk(args)
    target = _target_region(args, disk.region)
    cost = estimate_move(disk.region, disk.size_gib, target_region=target)
    where = args.zone or target
    say = sys.stderr if args.json else sys.stdout
    print(
        f"Disk {disk.name} ({disk.volume_id}, {disk.size_gib} GiB) in {disk.zone} -> {where}.",
        file=say,
    )
    print(cost_sentence(cost), file=say)
    refused = _refused(args, f"Move {disk.name} to {where}?")
    if refused is not None:
        return refused
    session = _session(args.profile, disk.region)
    result = move_volume(
        session, disk.region, disk.volume_id, zone=args.zone, target_region=target,
        progress=_progress(args.json),
    )  # fmt: skip
    if args.json:
        print(json.dumps({**dataclasses.asdict(result), "cost": dataclasses.asdict(cost)}))
    elif not result.moved:
        print(f"{disk.name} is already in {result.zone}.")
    else:
        print(f"Moved {result.name}: now {result.volume_id} in {result.zone} ({result.region}).")
    return EXIT_OK


def run_relocate(args: argparse.Namespace) -> int:
    from app.commands.fleet import find_target
    from app.core.aws.instances import describe_instance
    from app.core.aws.move_cost import cost_sentence
    from app.core.aws.relocate import relocate_instance, relocation_cost
    from app.core.aws.relocate_launch import previous_plan

    if not args.zone and not args.region:
        print("Say where to: --zone Z or --region R.", file=sys.stderr)
        return EXIT_USAGE
    target = find_target(
        argparse.Namespace(id=args.id, profile=args.profile, region=args.from_region)
    )
    instance_id = target.instance_id or args.id
    session = _session(args.profile, target.region)
    to_region = _target_region(args, target.region)
    cost = relocation_cost(session, target.region, instance_id, target_region=to_region)
    # Read before the move: it takes the work disk's tag off the old machine.
    old = describe_instance(session, target.region, instance_id)
    say = sys.stderr if args.json else sys.stdout
    print(
        f"Machine {instance_id} in {target.region}: its system disk as an image and its work "
        f"disk -> {args.zone or to_region}.",
        file=say,
    )
    print(cost_sentence(cost.move, machine=True), file=say)
    print(
        f"The image's snapshot ({cost.root_gib} GiB) then costs ${cost.image_monthly:.2f} a "
        "month until you deregister the image.",
        file=say,
    )
    refused = _refused(args, f"Move {instance_id}?")
    if refused is not None:
        return refused
    relocation = relocate_instance(
        session, target.region, instance_id, zone=args.zone, target_region=to_region,
        progress=_progress(args.json),
    )  # fmt: skip
    if args.launch:
        return _launch_relocated(args, old, relocation, previous_plan(old))
    if args.json:
        print(json.dumps(dataclasses.asdict(relocation)))
        return EXIT_OK
    disk = relocation.work_disk
    print(f"Image {relocation.image_id} in {relocation.region}.")
    if disk is not None:
        print(f"Work disk {disk.name}: {disk.volume_id} in {disk.zone}.")
    print(
        f"Launch it: ec2nb launch --region {relocation.region} --ami {relocation.image_id} "
        f"--instance-type {relocation.instance_type}"
    )
    print(f"The old machine {instance_id} is still stopped: 'ec2nb terminate {instance_id}' "
          "once the new one works.")  # fmt: skip
    return EXIT_OK


def _launch_relocated(args: argparse.Namespace, old: Any, relocation: Any, previous: Any) -> int:
    """Launch from the relocation's image with the moved work disk, as ``ec2nb launch`` does;
    the old machine stays stopped until the user terminates it."""
    from dataclasses import replace

    from app.commands.launch import Reporter, run_plan
    from app.core.aws.relocate_launch import plan_after_relocation

    plan = plan_after_relocation(old, relocation, previous)
    if args.trust_host_key:
        plan = replace(plan, trusted_host_key=args.trust_host_key)
    if args.profile:
        plan = replace(plan, profile=args.profile)
    reporter = Reporter(args.json)
    reporter.event({"event": "relocated", **dataclasses.asdict(relocation)})
    reporter.say(
        f"Image {relocation.image_id} in {relocation.region}; launching there in "
        f"{relocation.zone} with work disk {plan.work_disk}."
    )
    reporter.say(
        f"The old machine {old.instance_id} stays stopped: 'ec2nb terminate {old.instance_id}' "
        "once the new one works."
    )
    return run_plan(plan, args, reporter)
