"""``ec2nb list / open / stop / start / terminate / cleanup``: what ec2nb launched, everywhere.

Instances are found by their tags in every region, so these work from any computer; ``open``
needs this computer's launch journal (it holds the key's path and the host key).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from app.commands.launch import (
    EXIT_OK,
    EXIT_USAGE,
    Reporter,
    add_driver_options,
    ask,
    drive,
    interactive,
)
from app.commands.resize import add_start_options, run_start


def register(subparsers: Any) -> None:
    """Add the fleet commands to the ``ec2nb`` parser."""
    listing = subparsers.add_parser(
        "list", help="list the instances ec2nb launched, in every region"
    )
    _aws_options(listing)
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    listing.add_argument(
        "--remind-hours",
        type=float,
        default=None,
        metavar="N",
        help="remind about machines running longer than N hours (default 8)",
    )
    listing.set_defaults(handler=run_list)

    opening = subparsers.add_parser(
        "open",
        help="resume a launch or reopen a ready one: tunnel and notebook",
        description="Continue an interrupted launch where it stopped (no second instance is "
        "launched), or reconnect to a ready one, and open its notebook.",
    )
    opening.add_argument("id", metavar="ID", help="launch id (or instance id)")
    opening.add_argument(
        "--forward",
        action="append",
        default=[],
        type=_forward_request,
        metavar="REMOTE[:LOCAL]",
        help="also forward this port of the instance (e.g. 6006 for TensorBoard) to "
        "127.0.0.1:LOCAL here (default: the same number if free, else a free one); repeatable",
    )
    _aws_options(opening)
    add_driver_options(opening)
    opening.set_defaults(handler=run_open)

    stopping = subparsers.add_parser(
        "stop",
        help="stop an instance, or --all of them (disks stay and are billed; start again later)",
        description="Stop one instance, or with --all every running instance ec2nb launched "
        "in every region, after one confirmation listing them with their hourly cost. "
        "One-time spot instances cannot be stopped, only terminated: they are listed "
        "apart and terminated only with --terminate-spot (or when you say so).",
    )
    stopping.add_argument("id", nargs="?", metavar="ID", help="launch id or instance id")
    stopping.add_argument("--all", action="store_true", help="every running instance")
    stopping.add_argument(
        "--terminate-spot",
        action="store_true",
        help="with --all: also terminate the one-time spot instances (their disks go with them)",
    )
    stopping.add_argument("--yes", "-y", action="store_true", help="do not ask")
    stopping.add_argument("--json", action="store_true", help="with --all: print JSON")
    _download_options(stopping)
    _aws_options(stopping)
    stopping.set_defaults(handler=run_stop)

    starting = subparsers.add_parser(
        "start", help="start a stopped instance (it gets a new IP address)"
    )
    starting.add_argument("id", metavar="ID", help="launch id or instance id")
    add_start_options(starting)
    _aws_options(starting)
    starting.set_defaults(handler=run_start)

    terminate = subparsers.add_parser(
        "terminate",
        help="terminate an instance and delete its security group and key pair",
        description="Terminate the instance and remove what its launch created (security "
        "group, key pair, idle alarm, local key files). Nothing else is touched.",
    )
    terminate.add_argument("id", metavar="ID", help="launch id or instance id")
    terminate.add_argument(
        "--keep-resources",
        action="store_true",
        help="terminate only the instance; keep its security group, key pair and key files",
    )
    terminate.add_argument(
        "--delete-work-disk",
        action="store_true",
        help="delete everything: also its work disk (kept by default, billed while kept)",
    )
    terminate.add_argument("--yes", "-y", action="store_true", help="do not ask")
    _download_options(terminate)
    _aws_options(terminate)
    terminate.set_defaults(handler=run_terminate)

    cleanup = subparsers.add_parser(
        "cleanup",
        help="delete security groups and key pairs left by launches whose instance is gone",
        description="Delete what launches left behind once their instance is gone. Launches "
        "that can be resumed on this computer and launches younger than an hour (which may "
        "still be starting elsewhere) are skipped unless named.",
    )
    cleanup.add_argument(
        "ids", nargs="*", metavar="ID", help="only these launches (skipped ones included)"
    )
    cleanup.add_argument("--yes", "-y", action="store_true", help="do not ask")
    _aws_options(cleanup)
    cleanup.set_defaults(handler=run_cleanup)


def _forward_request(text: str) -> Any:
    from app.core.errors import WizardError
    from app.core.remote.forwards import parse_forward

    try:
        return parse_forward(text)
    except WizardError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _download_options(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.add_argument(
        "--download-notebooks",
        type=Path,
        metavar="DIR",
        help="first download every *.ipynb of the notebook folder into DIR; if that fails, "
        "the instance is left running (asked when it has no work disk and you are at a terminal)",
    )
    parser.add_argument(
        "--download-folder",
        metavar="REMOTE_DIR",
        help="with --download-notebooks: also this whole folder (relative to the notebook folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="file holding the passphrase of your encrypted private key (for the download)",
    )


def download_first(args: argparse.Namespace, target: Target, reporter: Reporter) -> bool:
    """Download the notebooks before a stop or terminate when asked or accepted; raises
    ``download-failed`` (and the caller stops nothing) when that fails."""
    from pathlib import Path

    from app.commands.files import transfer_reporting
    from app.commands.launch import key_passphrase
    from app.core.aws.instances import describe_instance
    from app.core.errors import WizardError
    from app.core.launch.remote import launch_connection
    from app.core.remote.download_first import download_failed, download_notebooks

    directory = getattr(args, "download_notebooks", None)
    if directory is None:
        if args.yes or not interactive() or target.journal is None or not target.instance_id:
            return True
        info = describe_instance(_session(args, target.region), target.region, target.instance_id)
        if info.work_disk or info.state != "running":
            return True
        if not ask(
            f"{target.instance_id} has no work disk: its notebooks are on its own disk. "
            "Download them first?",
            default=True,
        ):
            return True
        default = Path(f"ec2nb-notebooks-{target.launch_id or target.instance_id}")
        try:
            answer = input(f"Into which folder? [{default}] ").strip()
        except EOFError:
            answer = ""
        directory = Path(answer) if answer else default
    if target.journal is None:
        raise download_failed(
            WizardError(
                f"This computer did not launch {args.id}, so it has no key to reach it.",
                code="unknown-launch",
            )
        )
    saved = target.journal.resources.key_files.get("private")
    key_file = Path(saved) if saved and Path(saved).exists() else None
    try:
        connector, folder = launch_connection(
            target.journal.launch_id, passphrase=key_passphrase(args, key_file)
        )
    except WizardError as exc:
        raise download_failed(exc) from exc
    reporter.say(f"Downloading the notebooks into {directory}…")
    saved_files = download_notebooks(
        connector, directory, notebook_folder=folder,
        also=getattr(args, "download_folder", None), **transfer_reporting(args, reporter),
    )  # fmt: skip
    import sys

    if sys.stdout.isatty():
        print()  # past the progress line
    reporter.say(
        f"Downloaded {saved_files.notebooks} notebook(s), {len(saved_files.files)} file(s) in "
        f"all, into {saved_files.local_dir}."
    )
    return True


def _aws_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", help="AWS profile (default: the environment's credentials)")
    parser.add_argument("--region", help="only this region (default: every enabled region)")


def _session(args: argparse.Namespace, region: str | None) -> Any:
    from app.commands.launch import _default_region
    from app.core.aws.session import Credentials, make_session

    return make_session(
        Credentials(profile=args.profile), region or args.region or _default_region(args.profile)
    )


@dataclasses.dataclass
class Target:
    """The launch and instance an ID names."""

    launch_id: str | None
    instance_id: str | None
    region: str
    journal: Any = None


def find_target(args: argparse.Namespace) -> Target:
    """Resolve ID through this computer's journals, else through the instances' tags."""
    from app.core.aws.fleet import list_managed_instances
    from app.core.errors import WizardError
    from app.core.launch.journal import find_journal

    journal = find_journal(args.id)
    if journal is not None:
        return Target(journal.launch_id, journal.resources.instance_id, journal.region, journal)
    session = _session(args, None)
    regions = [args.region] if args.region else None
    for instance in list_managed_instances(session, regions=regions):
        if args.id in (instance.instance_id, instance.launch_id):
            return Target(instance.launch_id, instance.instance_id, instance.region)
    raise WizardError(
        f"No instance launched by ec2nb has the id '{args.id}'.",
        code="unknown-launch",
        hint="'ec2nb list' shows them.",
    )


def run_list(args: argparse.Namespace) -> int:
    from app.core.aws.fleet import kept_monthly_total, list_managed_instances
    from app.core.aws.running_reminder import REMIND_HOURS, reminder, running_too_long
    from app.core.launch.journal import scan_journals
    from app.core.small_files import display_path

    session = _session(args, None)
    instances = list_managed_instances(session, regions=[args.region] if args.region else None)
    journals, damaged = scan_journals()
    local = {j.launch_id for j in journals}
    for bad in damaged:  # on stderr: --json output stays one JSON document
        print(
            f"Warning: the record of launch '{bad.launch_id}' is damaged and cannot be read "
            f"({display_path(bad.path)}); it is left out.",
            file=sys.stderr,
        )
    hours = REMIND_HOURS if args.remind_hours is None else args.remind_hours
    rows = [
        {
            **dataclasses.asdict(i),
            "resumable_here": i.launch_id in local,
            "limit_stops_at": stops,
            "running_too_long": running_too_long(i, hours),
            "reminder": reminder(i, hours),
            "taken_back_by_aws": i.taken_back_by_aws,
        }
        for i in instances
        for stops in [i.limit_stops_at.isoformat() if i.limit_stops_at else None]
    ]
    rows += _launches_without_instance(journals, instances, args.region)
    if args.json:
        print(json.dumps(rows, indent=2, default=str))
        return EXIT_OK
    reporter = Reporter(False)
    if not rows:
        reporter.say("No instances launched by ec2nb.")
        _say_kept_disks(session, args.region, reporter)  # still billed without a machine
        return EXIT_OK
    header = f"{'LAUNCH ID':22} {'INSTANCE':20} {'REGION':14} {'STATE':11} {'TYPE':13} "
    reporter.say(header + f"{'PUBLIC IP':15} {'UPTIME':>7} {'COST':>8} {'KEPT/MONTH':>10}")
    for row in rows:
        uptime = f"{(row.get('uptime_seconds') or 0) / 3600:.1f}h"
        cost = row.get("cost_so_far")
        # What a stopped machine still costs: its disks and snapshots, per month while kept.
        kept = f"${row['storage_monthly']:.2f}" if row["state"] == "stopped" else ""
        reporter.say(
            f"{row.get('launch_id') or '-':22} {row['instance_id'] or '-':20} {row['region']:14} "
            f"{'taken back' if row.get('taken_back_by_aws') else row['state']:11} "
            f"{row['instance_type']:13} {row.get('public_ip') or '-':15} "
            f"{uptime:>7} {f'${cost:.2f}' if cost is not None else '-':>8} {kept:>10}"
        )
    for instance in instances:  # the hard time limit, when it will act (local time)
        if instance.limit_stops_at is not None:
            when = instance.limit_stops_at.astimezone().strftime("%Y-%m-%d %H:%M")
            action = "terminates" if not instance.can_stop else "stops"
            reporter.say(f"{instance.instance_id}: its time limit {action} it at {when}.")
    for instance in instances:
        if instance.taken_back_by_aws:
            reporter.say(_taken_back_line(instance))
    if instances:
        reporter.say(
            f"Disks and snapshots of these machines: ${kept_monthly_total(instances):.2f} per "
            "month while kept (running or stopped; 'ec2nb terminate ID' ends it, but for a "
            "work disk, which is kept)."
        )
    _say_kept_disks(session, args.region, reporter)
    for row in rows:
        if row.get("reminder"):
            reporter.say("Reminder: " + row["reminder"])
    if any(row["instance_id"] is None for row in rows):
        reporter.say(
            "A launch with no instance may still hold a security group or key pair: "
            "'ec2nb open ID' resumes it, 'ec2nb terminate ID' removes it."
        )
    return EXIT_OK


def _taken_back_line(instance: Any) -> str:
    """AWS took this spot machine back: said as such, with the way to launch again like it."""
    from app.commands.launch import relaunch_advice

    return (
        f"{instance.instance_id}: AWS took this spot machine back ({instance.state}); you did "
        f"not stop or terminate it. {relaunch_advice(instance.instance_id)}"
    )


def _say_kept_disks(session: Any, region: str | None, reporter: Reporter) -> None:
    """The work disks no machine uses: billed while kept, so part of what the account costs."""
    from app.core.aws.work_disks import kept_disks_monthly, list_all_work_disks
    from app.core.errors import WizardError

    try:
        disks = list_all_work_disks(session, [region] if region else None)
    except WizardError as exc:
        reporter.say(f"Work disks not listed: {exc}")
        return
    kept = [d for d in disks if not d.attached_to]
    if kept:
        names = ", ".join(d.name for d in kept)
        reporter.say(
            f"Kept work disks ({names}): ${kept_disks_monthly(kept):.2f} per month until "
            "deleted ('ec2nb disks')."
        )


def _launches_without_instance(
    journals: list[Any], instances: list[Any], region: str | None
) -> list[dict[str, Any]]:
    """Launches of this computer that stopped before their instance existed (or whose instance
    is gone while the launch is not over): listed so that they can be resumed or removed."""
    from app.core.launch.journal import TERMINATED

    listed = {i.launch_id for i in instances}
    rows = []
    for journal in journals:
        if journal.status == TERMINATED or journal.launch_id in listed:
            continue
        if journal.resources.instance_id or (region and journal.region != region):
            continue  # an instance that is gone (terminated elsewhere) is not shown either
        plan = journal.plan if isinstance(journal.plan, dict) else {}
        rows.append(
            {
                "launch_id": journal.launch_id,
                "instance_id": None,
                "region": journal.region,
                "state": "no instance",
                "instance_type": str(plan.get("instance_type") or "-"),
                "public_ip": None,
                "launch_status": journal.status,
                "resumable_here": True,
            }
        )
    return rows


def run_open(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.commands.launch import _host_key_question, key_passphrase
    from app.core.launch import LaunchJob
    from app.core.launch.journal import find_journal, load_journal

    reporter = Reporter(args.json)
    journal = find_journal(args.id) or load_journal(args.id)
    saved = journal.resources.key_files.get("private")
    key_file = Path(saved) if saved and Path(saved).exists() else None
    job = LaunchJob.resume(
        journal.launch_id,
        progress_event=reporter.step,
        confirm_host_key=_host_key_question(args),
        key_passphrase=key_passphrase(args, key_file),
    )
    return drive(job, reporter, args, resumed=True)


def run_stop(args: argparse.Namespace) -> int:
    from app.core.aws.fleet import stop_instance
    from app.core.errors import WizardError

    if args.all:
        if args.id:
            print("Error: give an ID or --all, not both.", file=sys.stderr)
            return EXIT_USAGE
        return run_stop_all(args)
    if not args.id:
        print("Error: say which instance to stop (ID), or --all.", file=sys.stderr)
        return EXIT_USAGE
    target = _instance_target(args)
    reporter = Reporter(False)
    download_first(args, target, reporter)
    try:
        stop_instance(_session(args, target.region), target.region, target.instance_id)
    except WizardError as exc:
        if exc.code == "spot-cannot-stop":
            exc.hint = (
                f"Terminate it when you are done: 'ec2nb terminate {args.id}' (its disk is "
                "deleted with it)."
            )
        raise
    reporter.say(f"Stopping {target.instance_id}. Its disk is kept (and billed) until terminated.")
    return EXIT_OK


def _instance_target(args: argparse.Namespace) -> Target:
    from app.core.errors import WizardError

    target = find_target(args)
    if not target.instance_id:
        raise WizardError(
            f"Launch {target.launch_id} has no instance (it stopped before launching one).",
            code="no-instance",
            hint=f"'ec2nb terminate {target.launch_id}' removes what it created.",
        )
    return target


def run_terminate(args: argparse.Namespace) -> int:
    from app.core.aws.fleet import cleanup_launch, terminate_instance
    from app.core.launch import LaunchJob
    from app.core.launch.journal import TERMINATED
    from app.core.plan import LaunchPlan

    target = find_target(args)
    reporter = Reporter(False)
    what = target.instance_id or f"launch {target.launch_id}"
    session = _session(args, target.region)
    disk = _work_disk_of(session, target)
    if not args.yes:
        if not interactive():
            print("Error: add --yes to terminate without being asked.", file=sys.stderr)
            return EXIT_USAGE
        fate = work_disk_fate(disk, args.delete_work_disk)
        if not ask(f"Terminate {what}? {fate}", default=False):
            return EXIT_USAGE
    download_first(args, target, reporter)
    delete_disk = bool(args.delete_work_disk)

    def progress(_step: str, message: str) -> None:
        reporter.say("  " + message)

    if args.keep_resources or not target.launch_id:
        if target.instance_id:
            terminate_instance(session, target.region, target.instance_id, progress=progress)
        if target.journal is not None:
            target.journal.status = TERMINATED
            target.journal.save()
        reporter.say(f"Terminated {what}; its security group and key pair were kept.")
        _after_terminate(session, disk, delete_disk, reporter, progress)
        return EXIT_OK
    if target.journal is not None:
        job = LaunchJob(LaunchPlan.from_dict(target.journal.plan), journal=target.journal)
        job.session = session
        report = job.cleanup(progress=progress, delete_work_disk=delete_disk)
        target.journal.delete()
        if delete_disk:
            disk = None  # the clean-up deleted it; a kept one still gets its next steps below
    else:
        if target.instance_id:
            terminate_instance(session, target.region, target.instance_id, progress=progress)
        report = cleanup_launch(session, target.region, target.launch_id, progress=progress)
    deleted = ", ".join(report.deleted) or "nothing else"
    reporter.say(f"Terminated {what}. Removed: {deleted}.")
    if report.kept:
        reporter.say("Kept (not created by this launch or still in use): " + ", ".join(report.kept))
    _after_terminate(session, disk, delete_disk, reporter, progress)
    return EXIT_OK


def _work_disk_of(session: Any, target: Target) -> Any:
    """The work disk of the target's instance (its journal, else the instance's tag), or None."""
    from app.core.aws.provisioning import describe_instance
    from app.core.aws.work_disks import describe_disk
    from app.core.errors import WizardError

    volume_id = target.journal.resources.work_disk_id if target.journal is not None else None
    try:
        if not volume_id and target.instance_id:
            volume_id = describe_instance(session, target.region, target.instance_id).work_disk
        return describe_disk(session, target.region, volume_id) if volume_id else None
    except WizardError:
        return None


def work_disk_fate(disk: Any, delete: bool) -> str:
    """What terminating does to the instance's disks, in one sentence for the question."""
    if disk is None:
        return "Its disk and data are deleted."
    if delete:
        return f"Everything is deleted, its work disk {disk.name} ({disk.size_gib} GiB) too."
    return (
        f"Its root disk is deleted; its work disk {disk.name} is kept "
        f"(${disk.monthly_usd:.2f}/month; --delete-work-disk deletes it too)."
    )


def _after_terminate(
    session: Any, disk: Any, delete: bool, reporter: Reporter, progress: Any
) -> None:
    """Delete (once free) or report the work disk the clean-up did not handle."""
    from app.core.aws.work_disks import delete_work_disk

    if disk is None:
        return
    if delete:
        delete_work_disk(session, disk.region, disk.volume_id, wait=True, progress=progress)
        reporter.say(f"Deleted work disk {disk.name} ({disk.volume_id}).")
    else:
        reporter.say(
            f"Kept work disk {disk.name} ({disk.size_gib} GiB, ${disk.monthly_usd:.2f}/month): "
            f"'ec2nb launch --work-disk {disk.name}' reuses it, "
            f"'ec2nb disks delete {disk.name}' deletes it."
        )


def run_cleanup(args: argparse.Namespace) -> int:
    from app.core.aws.cleanup import orphans_to_remove
    from app.core.aws.fleet import cleanup_launch, find_orphans
    from app.core.launch.journal import list_journals

    session = _session(args, None)
    found = find_orphans(session, [args.region] if args.region else None)
    local = {journal.launch_id: journal.status for journal in list_journals()}
    orphans, kept = orphans_to_remove(found, local_launches=local, named=args.ids)
    reporter = Reporter(False)
    for launch_id, why in sorted(kept.items()):
        reporter.say(f"Skipped {launch_id}: {why}. 'ec2nb cleanup {launch_id}' removes it.")
    if not orphans:
        reporter.say(
            "Nothing else to clean up."
            if kept
            else "Nothing to clean up: every launch's resources belong to a live instance."
        )
        return EXIT_OK
    for orphan in orphans:
        reporter.say(f"  {orphan}")
    if not args.yes:
        if not interactive():
            print("Error: add --yes to delete these without being asked.", file=sys.stderr)
            return EXIT_USAGE
        if not ask("Delete them?", default=True):
            return EXIT_OK
    for launch_id, region in sorted({(o.launch_id, o.region) for o in orphans}):
        report = cleanup_launch(session, region, launch_id)
        reporter.say(f"{launch_id}: removed {', '.join(report.deleted) or 'nothing'}")
    return EXIT_OK


def run_stop_all(args: argparse.Namespace) -> int:
    """``ec2nb stop --all``: list what runs everywhere with its cost, ask once, stop it all."""
    from app.core.aws.fleet import list_managed_instances
    from app.core.aws.stop_all import plan_stop_all, stop_all, stop_all_failed

    session = _session(args, None)
    plan = plan_stop_all(
        list_managed_instances(session, regions=[args.region] if args.region else None)
    )
    reporter = Reporter(False)
    if not args.json:
        if plan.empty:
            reporter.say(
                "Nothing is running: no instance launched by ec2nb is billing by the hour."
            )
            return EXIT_OK
        for instance in plan.to_stop:
            reporter.say(f"  stop       {_machine_line(instance)}")
        for instance in plan.terminate_only:
            name = instance.launch_id or instance.instance_id
            reporter.say(
                f"  {'terminate' if args.terminate_spot else 'keep':10} {_machine_line(instance)}"
                f"  one-time spot: AWS cannot stop it, only terminate it "
                f"('ec2nb terminate {name}'; its disk goes with it)"
            )
        reporter.say(f"Together: ${plan.hourly_total:.3f} per hour.")
    terminate_spot = args.terminate_spot
    if not args.yes and not plan.empty:
        if not interactive():
            print("Error: add --yes to stop them without being asked.", file=sys.stderr)
            return EXIT_USAGE
        count = len(plan.to_stop)
        if count and not ask(f"Stop these {count} instance(s)?", default=True):
            return EXIT_USAGE
        if plan.terminate_only and not terminate_spot:
            terminate_spot = ask(
                f"Terminate the {len(plan.terminate_only)} one-time spot instance(s) too? "
                "Their disks and files are deleted.",
                default=False,
            )

    def progress(_step: str, message: str) -> None:
        if not args.json:
            reporter.say("  " + message)

    report = stop_all(session, plan, terminate_spot=terminate_spot, progress=progress)
    if args.json:
        answer = {
            **dataclasses.asdict(report),
            "to_stop": [dataclasses.asdict(i) for i in plan.to_stop],
            "terminate_only": [dataclasses.asdict(i) for i in plan.terminate_only],
            "hourly_total": plan.hourly_total,
        }
        print(json.dumps(answer, indent=2, default=str))
    else:
        if report.stopped:
            reporter.say(
                f"Stopping {len(report.stopped)} instance(s); their disks are kept (and billed)."
            )
        for instance_id in report.left_running:
            reporter.say(f"Still running (one-time spot, not terminated): {instance_id}")
    if report.failed:
        raise stop_all_failed(report)
    return EXIT_OK


def _machine_line(instance: Any) -> str:
    price = f"${instance.hourly_price:.3f}/h" if instance.hourly_price is not None else "price ?"
    return (
        f"{instance.instance_id:20} {instance.region:14} {instance.instance_type:13} "
        f"{price:>10}  {instance.launch_id or ''}"
    )
