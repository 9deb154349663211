"""``ec2nb launch``: the wizard's whole flow from the command line, and the driver ``open`` shares.

Shows the plan and its price, asks (unless ``--yes``), runs the :class:`LaunchJob` while
printing its steps (``--json``: one JSON object per line, ending with a ``ready`` event), opens
the notebook in the browser and holds the tunnel until Ctrl+C. Cancel (Ctrl+C) or a failure
offers to remove what the launch created.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


def register(subparsers: Any) -> None:
    """Add ``launch`` to the ``ec2nb`` parser."""
    parser = subparsers.add_parser(
        "launch",
        help="launch a GPU instance with a Jupyter notebook and open it",
        description="Launch a GPU instance from a Deep Learning AMI, start Jupyter on it and "
        "open it through an SSH tunnel. Shows the plan and price first and asks before "
        "launching (unless --yes). Ctrl+C cancels a launch (and offers to clean up) or, once "
        "ready, closes the tunnel and leaves the instance running.",
    )
    parser.add_argument("--profile", help="AWS profile (default: the environment's credentials)")
    parser.add_argument("--region", help="AWS region (default: the profile's, else us-east-1)")
    parser.add_argument("--instance-type", default="g4dn.xlarge", metavar="T")
    parser.add_argument(
        "--ami", default="latest", help="'latest' (newest Deep Learning AMI) or an AMI id"
    )
    parser.add_argument(
        "--flavour",
        default="",
        metavar="F",
        help="Deep Learning AMI flavour, e.g. oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04",
    )
    parser.add_argument("--volume-gib", type=int, default=100, metavar="N")
    parser.add_argument(
        "--work-disk",
        default="new:50",
        metavar="new[:GIB]|NAME|none",
        help="a disk mounted at ~/work that outlives the instance: new (GiB, default 50), the "
        "name of a kept disk ('ec2nb disks'), or none",
    )
    parser.add_argument("--spot", action="store_true", help="a spot instance (cheaper, may stop)")
    parser.add_argument(
        "--key",
        default="new",
        metavar="new|aws|PATH",
        help="new: generate a key here (default); aws: let EC2 create it; PATH: your private "
        "key of an existing EC2 key pair (see --key-name)",
    )
    parser.add_argument("--key-name", help="the EC2 key pair of --key PATH (default: its stem)")
    parser.add_argument("--access", choices=("tunnel", "https"), default="tunnel")
    parser.add_argument("--ssh-cidr", help="allow SSH from this range (default: your IP /32)")
    parser.add_argument(
        "--allow-wide-cidr",
        action="store_true",
        help="allow an --ssh-cidr wider than /16 (0.0.0.0/0 included): anyone there may try SSH",
    )
    parser.add_argument(
        "--repo",
        metavar="URL",
        help="Git repository to clone for the notebook (no user name or password in it: use a "
        "deploy key or a credential helper for a private one)",
    )
    parser.add_argument(
        "--idle-stop-minutes",
        type=int,
        default=60,
        metavar="N",
        help="stop the instance after N idle minutes (0: never; default 60)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        metavar="USD",
        help="set a monthly AWS Budgets cost budget of USD for the account, with email alerts "
        "at 80%% and 100%% of actual spend (needs --email; the first two budgets of an account "
        "are free, more cost $0.02 a day each)",
    )
    parser.add_argument("--email", metavar="ADDRESS", help="where the --budget alerts go")
    parser.add_argument(
        "--max-hours",
        type=float,
        default=0,
        metavar="N",
        help="hard limit: the instance stops itself N hours after each start, busy or not, "
        "even with this computer off (0: no limit, the default; a one-time spot instance is "
        "terminated instead)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="launch nothing: try every call of the launch with DryRun (and the read-only calls) "
        "and print which IAM permissions are missing",
    )
    parser.add_argument(
        "--trust-host-key",
        metavar="SHA256:...",
        help="trust this host key fingerprint when the console output shows none",
    )
    add_driver_options(parser)
    parser.set_defaults(handler=run_launch)


def add_driver_options(parser: argparse.ArgumentParser) -> None:
    """Options ``launch`` and ``open`` share."""
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask before acting")
    parser.add_argument("--no-browser", action="store_true", help="do not open the browser")
    parser.add_argument("--json", action="store_true", help="print JSON lines for scripts")
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="file holding the passphrase of your encrypted private key (else you are asked)",
    )
    # Also accepted after the command; the global option is the documented one.
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--keep-on-failure",
        action="store_true",
        help="after a failure or cancel, keep what was created so 'ec2nb open ID' can resume",
    )


def demo_active() -> bool:
    return os.environ.get("EC2NB_DEMO") == "1"


class Reporter:
    """Prints what happens: text for people, JSON lines for scripts; thread-safe."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self._lock = threading.Lock()
        self._demo = "DEMO " if demo_active() else ""

    def event(self, payload: dict[str, Any]) -> None:
        """One JSON object on stdout (``--json`` only)."""
        if self.as_json:
            payload = {**payload, "demo": demo_active()}
            with self._lock:
                print(json.dumps(payload), flush=True)

    def say(self, text: str) -> None:
        """A line for people (stderr in JSON mode, so stdout stays machine-readable)."""
        stream = sys.stderr if self.as_json else sys.stdout
        line = f"{self._demo}{text}" if self._demo else text
        # A redirected stream on Windows may be cp1252: "✓" must not crash the launch.
        encoding = getattr(stream, "encoding", None) or "utf-8"
        line = line.encode(encoding, "replace").decode(encoding, "replace")
        with self._lock, contextlib.suppress(OSError):  # the terminal closed (a logout)
            print(line, file=stream, flush=True)

    def step(self, event: Any) -> None:
        from app.core.launch import PENDING, RUNNING, STEP_TITLES

        if self.as_json:
            self.event(event.to_dict())
            return
        if event.state == PENDING:
            return
        title = STEP_TITLES.get(event.step, event.step)
        mark = {"running": "…", "done": "✓", "failed": "✗", "skipped": "–", "cancelled": "✗"}
        message = event.message if event.state != RUNNING or event.elapsed else ""
        self.say(
            f"[{event.elapsed:5.1f}s] {mark.get(event.state, ' ')} {title}"
            + (f": {message}" if message and message != title + "…" else "")
        )


def ask(question: str, *, default: bool) -> bool:
    """A yes/no question on the terminal."""
    suffix = " [Y/n] " if default else " [y/N] "
    try:
        answer = input(question + suffix).strip().lower()
    except EOFError:
        return default
    return default if not answer else answer.startswith("y")


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def plan_from_args(args: argparse.Namespace) -> Any:
    from app.core.plan import Access, KeyChoice, LaunchPlan, Market

    region = args.region or _default_region(args.profile)
    key_choice, key_path, key_name = KeyChoice.NEW_LOCAL, None, None
    if args.key == "aws":
        key_choice = KeyChoice.AWS_CREATED
    elif args.key != "new":
        path = Path(args.key).expanduser()
        key_choice, key_path = KeyChoice.EXISTING, str(path)
        key_name = args.key_name or path.stem
    return LaunchPlan(
        region=region,
        profile=args.profile,
        image_id=args.ami,
        flavour=args.flavour,
        instance_type=args.instance_type,
        market=Market.SPOT if args.spot else Market.ON_DEMAND,
        volume_gib=args.volume_gib,
        work_disk=args.work_disk,
        ssh_cidr=args.ssh_cidr,
        allow_wide_cidr=args.allow_wide_cidr,
        access=Access(args.access),
        key_choice=key_choice,
        key_path=key_path,
        existing_key_name=key_name,
        git_repo=args.repo,
        idle_stop_minutes=args.idle_stop_minutes or None,
        max_hours=args.max_hours or None,
        trusted_host_key=args.trust_host_key,
        budget_usd=args.budget,
        budget_email=args.email,
    )


def _default_region(profile: str | None) -> str:
    import boto3

    try:
        return boto3.Session(profile_name=profile).region_name or "us-east-1"
    except Exception:  # a missing profile is reported by the identity step
        return os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


def price_per_hour(plan: Any) -> tuple[float | None, str]:
    """The plan's price per hour and where it comes from; (None, reason) when unknown."""
    from app.core.aws.prices import on_demand_prices, spot_prices
    from app.core.aws.session import Credentials, make_session
    from app.core.errors import WizardError

    try:
        session = make_session(Credentials(profile=plan.profile), plan.region)
        if plan.market.value == "spot":
            zones = spot_prices(session, plan.region, [plan.instance_type])
            per_zone = zones.get(plan.instance_type, {})
            return (min(per_zone.values()), "spot, cheapest zone") if per_zone else (None, "")
        prices = on_demand_prices(session, plan.region)
    except (WizardError, Exception) as exc:  # the price is shown if known; never blocks
        return None, str(exc)
    return prices.prices.get(plan.instance_type), prices.source


def describe_plan(plan: Any, price: float | None, source: str) -> list[str]:
    cost = f"${price:.3f}/hour ({source})" if price is not None else "price unknown"
    key = {
        "new-local": "new key generated here",
        "aws-created": "new key created by EC2",
        "existing": f"{plan.existing_key_name} ({plan.key_path})",
    }[plan.key_choice.value]
    idle = f"after {plan.idle_stop_minutes} idle minutes" if plan.idle_stop_minutes else "never"
    return [
        f"Region:         {plan.region}" + (f" (profile {plan.profile})" if plan.profile else ""),
        f"Machine image:  {plan.image_id} {plan.flavour}".rstrip(),
        f"Instance type:  {plan.instance_type}, {plan.market.value}",
        f"Disk:           {plan.volume_gib} GiB {plan.volume_type}",
        f"Work disk:      {work_disk_line(plan)}",
        f"Access:         {plan.access.value}; SSH from {plan.ssh_cidr or 'your IP'} only"
        + (" (a wide range: you confirmed it)" if plan.allow_wide_cidr else ""),
        f"Key:            {key}",
        f"Auto-stop:      {idle}",
        f"Time limit:     {time_limit_line(plan)}",
        f"Price:          {cost}",
        *budget_lines(plan),
    ]


def work_disk_line(plan: Any) -> str:
    """The plan's work disk in words (a new disk priced from the bundled EBS table)."""
    from app.core.aws.storage_prices import disk_monthly_cost
    from app.core.work_disk_choice import NEW, NONE, parse_work_disk

    choice = parse_work_disk(plan.work_disk)
    if choice.kind == NONE:
        return "none (the notebook folder is on the instance's own disk, deleted with it)"
    if choice.kind == NEW:
        monthly = disk_monthly_cost(plan.region, "gp3", choice.gib)
        return f"new, {choice.gib} GiB encrypted gp3 at ~/work, ${monthly:.2f}/month while kept"
    return f"reuse {choice.name} at ~/work (the instance runs in its zone)"


def budget_lines(plan: Any) -> list[str]:
    """The review's spending-alert lines (the address is the user's own: shown, not logged)."""
    if plan.budget_usd is None:
        return []
    from app.core.aws.budgets import PRICE_NOTE

    return [
        f"Spending alert: ${plan.budget_usd:g} a month (AWS Budgets), emails to "
        f"{plan.budget_email} at 80% and 100% of actual spend",
        f"                {PRICE_NOTE}",
    ]


def time_limit_line(plan: Any) -> str:
    if not plan.max_hours:
        return "none"
    line = f"stops {plan.max_hours:g} hours after each start, busy or not"
    if plan.market.value == "spot":  # the wizard's spot machines are one-time requests
        line += " (a one-time spot machine is terminated then, its disk with it unless kept)"
    return line


def run_launch(args: argparse.Namespace) -> int:
    from app.core.errors import WizardError

    reporter = Reporter(args.json)
    try:
        plan = plan_from_args(args)
        plan.validate()
    except WizardError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.check:
        from app.commands.check import run_check

        return run_check(plan, reporter)
    return launch_plan(plan, args, reporter)


def launch_plan(plan: Any, args: argparse.Namespace, reporter: Reporter) -> int:
    """Show ``plan`` and its price, ask (unless ``--yes``), launch it and serve the notebook:
    the run path of ``ec2nb launch`` and ``ec2nb relaunch``."""

    price, source = price_per_hour(plan)
    reporter.event(
        {"event": "plan", "plan": plan.to_dict(), "price_per_hour": price, "price_source": source}
    )
    if not args.json:
        reporter.say("Launch plan:")
        for line in describe_plan(plan, price, source):
            reporter.say("  " + line)
    if not args.yes:
        if not interactive():
            print("Error: add --yes to launch without being asked.", file=sys.stderr)
            return EXIT_USAGE
        if not ask("Launch it?", default=True):
            return EXIT_CANCELLED
    return run_plan(plan, args, reporter)


def run_plan(plan: Any, args: argparse.Namespace, reporter: Reporter) -> int:
    """Launch ``plan`` (already agreed to) and serve its notebook until the user stops."""
    from app.core.launch import LaunchJob
    from app.core.plan import KeyChoice

    key_file = (
        Path(plan.key_path).expanduser()
        if plan.key_choice is KeyChoice.EXISTING and plan.key_path
        else None
    )
    job = LaunchJob(
        plan,
        progress_event=reporter.step,
        confirm_host_key=_host_key_question(args),
        key_passphrase=key_passphrase(args, key_file),
    )
    return drive(job, reporter, args)


def key_passphrase(args: argparse.Namespace, key_file: Path | None) -> str | None:
    """The passphrase of ``key_file`` when it is encrypted: from ``--passphrase-file`` or asked
    on the terminal, before anything is created (``None`` for a plain key)."""
    from app.commands.keys import read_passphrase_file
    from app.core.errors import WizardError
    from app.core.keys import load_private_key

    if args.passphrase_file is not None:
        return read_passphrase_file(args.passphrase_file)
    if key_file is None:
        return None
    try:
        load_private_key(key_file)
        return None
    except WizardError as exc:
        if exc.code != "passphrase-needed":
            return None  # the launch reports a bad file before it creates anything
        if not interactive():
            raise WizardError(
                exc.message,
                code=exc.code,
                hint="Pass --passphrase-file F (a file holding it), or run in a terminal to be "
                "asked.",
            ) from exc
    import getpass

    try:
        return getpass.getpass(f"Passphrase of {key_file}: ")
    except EOFError:
        return None


def _host_key_question(args: argparse.Namespace) -> Any:
    if args.yes or not interactive():
        return None

    def confirm(fingerprint: str) -> bool:
        return ask(
            f"The instance's host key could not be checked against its console output.\n"
            f"It presents {fingerprint}. Trust it?",
            default=False,
        )

    return confirm


def _interrupt(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """SIGTERM (``timeout``, ``kill``, a shutdown) and SIGHUP (a logout) act as Ctrl+C, so a
    launch they stop is cancelled and cleaned up instead of leaving an instance billing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGTERM", "SIGHUP") if os.name != "nt" else ("SIGTERM",)
    numbers = [getattr(signal, name) for name in names if hasattr(signal, name)]
    previous = {number: signal.signal(number, _interrupt) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def drive(job: Any, reporter: Reporter, args: argparse.Namespace, *, resumed: bool = False) -> int:
    """Run ``job`` (Ctrl+C, SIGTERM or SIGHUP cancel it), then serve the notebook or clean up.

    A ``resumed`` launch (``ec2nb open``) is never removed without the user saying so: its
    instance may hold work, and the failure may be passing (a network hiccup).
    """
    with stop_signals_interrupt():
        return _drive(job, reporter, args, resumed=resumed)


def _drive(job: Any, reporter: Reporter, args: argparse.Namespace, *, resumed: bool) -> int:
    from app.core.errors import Cancelled, WizardError

    reporter.event({"event": "launch", "launch_id": job.launch_id, "region": job.plan.region})
    reporter.say(f"Launch {job.launch_id} in {job.plan.region}")
    outcome: dict[str, Any] = {}
    finished = threading.Event()

    def work() -> None:
        try:
            outcome["result"] = job.run()
        except BaseException as exc:  # handed to the main thread
            outcome["error"] = exc
        finally:
            finished.set()

    thread = threading.Thread(target=work, name=f"launch-{job.launch_id}", daemon=True)
    thread.start()
    # The main thread only waits, so that Ctrl+C (delivered to it) can cancel the job.
    while True:
        try:
            if finished.wait(0.2):
                break
        except KeyboardInterrupt:
            reporter.say("Cancelling…")
            job.cancel()
    thread.join()
    error = outcome.get("error")
    if error is None:
        return serve(outcome["result"], reporter, args)
    if not isinstance(error, WizardError):
        raise error
    cancelled = isinstance(error, Cancelled)
    reporter.event(
        {
            "event": "cancelled" if cancelled else "failed",
            "launch_id": job.launch_id,
            "code": error.code,
            "message": str(error),
        }
    )
    if error.code == "spot-taken-back":
        reporter.say(relaunch_advice(job.journal.resources.instance_id or job.launch_id))
    elif resumed:
        reporter.say(
            f"Nothing was removed. 'ec2nb open {job.launch_id}' tries again; "
            f"'ec2nb terminate {job.launch_id}' removes the launch."
        )
    else:
        offer_cleanup(job, reporter, args)
    if cancelled:
        reporter.say("Cancelled.")
        return EXIT_CANCELLED
    raise error


def relaunch_advice(instance_id: str) -> str:
    """How to launch again like a taken-back machine, with its work disk (``ec2nb relaunch``)."""
    return (
        f"To launch again with the same work disk: 'ec2nb relaunch {instance_id} --on-demand' "
        f"(not interrupted again) or 'ec2nb relaunch {instance_id} --spot' (cheaper)."
    )


def offer_cleanup(job: Any, reporter: Reporter, args: argparse.Namespace) -> None:
    """After a cancel or failure: remove what the launch created, unless told to keep it."""
    from app.core.errors import WizardError

    created = job.journal.resources
    if not (
        created.security_group_created or created.key_pair_created or created.instance_requested
    ):
        job.journal.delete()  # nothing in AWS to resume or remove
        return
    keep = args.keep_on_failure
    if not keep and not args.yes and interactive():
        try:
            keep = not ask("Remove what this launch created?", default=True)
        except KeyboardInterrupt:  # Ctrl+C on the question: keep, and say how to remove it
            keep = True
    if keep:
        reporter.say(
            f"Kept what was created: 'ec2nb open {job.launch_id}' resumes, "
            f"'ec2nb terminate {job.launch_id}' removes it."
        )
        return
    reporter.say("Removing what this launch created…")

    def progress(_step: str, message: str) -> None:
        event = {"event": "cleanup-progress", "launch_id": job.launch_id, "message": message}
        reporter.event(event)
        reporter.say("  " + message)

    try:
        report = job.cleanup(progress=progress)
    except WizardError as exc:
        reporter.say(f"Clean-up failed: {exc} Run 'ec2nb terminate {job.launch_id}' to retry.")
        return
    except KeyboardInterrupt:
        # A second Ctrl+C: stop, but say what may still exist (and bill) and how to remove it.
        left = left_behind(job.journal.resources)
        reporter.event({"event": "cleanup-interrupted", "launch_id": job.launch_id, "left": left})
        reporter.say(
            "Clean-up interrupted. Possibly left in AWS: "
            + (", ".join(left) or "nothing recorded")
            + f". 'ec2nb terminate {job.launch_id}' removes it."
        )
        return
    job.journal.delete()
    reporter.event({"event": "cleaned-up", "launch_id": job.launch_id, "deleted": report.deleted})
    reporter.say("Removed: " + (", ".join(report.deleted) or "nothing was left"))


CERTIFICATE_CHECK = (
    "Before you accept the browser's certificate warning, open the certificate it shows (the "
    "warning's details, or the address bar's lock icon) and check that its SHA-256 fingerprint "
    "is exactly this one; if it is not, do not continue."
)


def left_behind(resources: Any) -> list[str]:
    """What a launch made in AWS, as its journal records it (for a clean-up cut short)."""
    left = []
    if resources.instance_id or resources.instance_requested:
        left.append(f"instance {resources.instance_id or '(requested)'}")
    if resources.security_group_created and resources.security_group_id:
        left.append(f"security group {resources.security_group_id}")
    if resources.key_pair_created and resources.key_name:
        left.append(f"key pair {resources.key_name}")
    if resources.idle_alarm:
        left.append("idle alarm")
    if resources.work_disk_created and resources.work_disk_id:
        left.append(f"work disk {resources.work_disk_id}")
    return left


def open_in_browser(url: str, reporter: Reporter) -> bool:
    """Open ``url``, or say clearly why no browser opened."""
    from app.core.browser import find_browser
    from app.core.local_tools import open_url

    browser = find_browser()
    if open_url(url):  # tried even when none is set: the fallback may still find one
        return True
    if browser is None:
        reporter.say(
            "No default web browser is set on this computer (BROWSER, xdg-settings and "
            "xdg-mime name none): open the address below in a browser yourself."
        )
    else:
        reporter.say(f"Your browser ({browser}) could not be opened: open the address below.")
    return False


def serve(result: Any, reporter: Reporter, args: argparse.Namespace) -> int:
    """Print the ready notebook, open it, and hold the tunnel until Ctrl+C."""
    notebook = result.notebook
    reporter.event(
        {
            "event": "ready",
            "launch_id": result.launch_id,
            "instance_id": result.instance_id,
            "region": result.region,
            "instance_type": result.instance_type,
            "public_ip": result.public_ip,
            "url": result.url,
            "ssh_command": result.ssh_command,
            "putty_command": result.putty_command,
            "cert_fingerprint": getattr(notebook, "cert_fingerprint", None) or None,
            "gpu": getattr(notebook, "gpu_name", None),
            "jupyter_version": getattr(notebook, "jupyter_version", None),
            "warnings": list(result.warnings),
            "limit_stops_at": result.limit_stops_at.isoformat() if result.limit_stops_at else None,
            "work_disk": dataclasses.asdict(result.work_disk) if result.work_disk else None,
        }
    )
    if result.work_disk is not None:
        disk = result.work_disk
        reporter.say(
            f"Work disk {disk.name} ({disk.size_gib} GiB, {disk.zone}) is mounted at ~/work, the "
            f"notebook's folder; it is kept when the instance is terminated "
            f"(${disk.monthly_usd:.2f}/month)."
        )
    for warning in result.warnings:  # e.g. no idle alarm: the user must know, not only the log
        reporter.say(f"Warning: {warning}")
    if result.limit_stops_at is not None:
        when = result.limit_stops_at.astimezone().strftime("%Y-%m-%d %H:%M")
        action = "stops" if result.can_stop else "terminates"
        reporter.say(f"The time limit {action} the instance at {when} (this computer's time).")
    if result.url is None:
        reporter.say(f"Instance {result.instance_id} is running; there is no notebook to open.")
        return EXIT_OK
    from app.core.browser import hide_token

    fingerprint = getattr(notebook, "cert_fingerprint", "")
    if fingerprint:  # before the browser shows its warning
        # Read over the verified SSH connection: the one way to know the browser's warning is
        # about this self-signed certificate and not about someone in between.
        reporter.say(f"Certificate SHA-256 fingerprint: {fingerprint}")
        reporter.say(CERTIFICATE_CHECK)
    opened = False if args.no_browser else open_in_browser(result.url, reporter)
    if not args.json:
        # The token is printed only where asked (--no-browser) or needed (no browser opened):
        # a terminal's scroll-back and a screen shared in a call are not private.
        shown = result.url if not opened else hide_token(result.url)
        reporter.say(f"Notebook: {shown}")
        if opened:
            reporter.say("          opened in your browser; --no-browser prints it with its token")
        reporter.say(f"SSH:      {result.ssh_command}")
    forwards = getattr(args, "forward", None) or []
    if forwards:
        open_forwards(result, forwards, reporter)
    if result.tunnel is None:
        return EXIT_OK
    from app.core.remote.spot_watch import watch_launch

    def spot_notice(notice: Any) -> None:
        reporter.event({**notice.to_event(), "launch_id": result.launch_id})
        reporter.say(str(notice.sentence()))

    watcher = watch_launch(result, spot_notice)  # spot only: AWS may take the machine back
    try:
        # Inside the try: a Ctrl+C right after the line is printed closes the tunnel too.
        reporter.say("The tunnel is open. Press Ctrl+C to close it (the instance keeps running).")
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        from app.core.interrupts import quiet_interrupts

        quiet_interrupts()  # the process ends after this: a second Ctrl+C must not break it
        if watcher is not None:
            watcher.close()
        result.tunnel.close()
    reporter.event({"event": "closed", "launch_id": result.launch_id})
    if demo_active():
        reporter.say(
            f"Tunnel closed. {result.instance_id} keeps running in the demo world: "
            f"'ec2nb --demo stop {result.launch_id}', 'ec2nb --demo terminate "
            f"{result.launch_id}', or 'ec2nb --demo reset' to end the whole world."
        )
        return EXIT_OK
    if not result.can_stop:
        reporter.say(
            f"Tunnel closed. {result.instance_id} keeps running: it is a one-time spot "
            f"instance, which cannot be stopped: 'ec2nb terminate {result.launch_id}'."
        )
        return EXIT_OK
    reporter.say(
        f"Tunnel closed. {result.instance_id} keeps running: 'ec2nb stop {result.launch_id}' "
        f"or 'ec2nb terminate {result.launch_id}'."
    )
    return EXIT_OK


def open_forwards(result: Any, requests: list[Any], reporter: Reporter) -> None:
    """``ec2nb open --forward``: each port through the notebook's tunnel, said as it opens."""
    from app.core.errors import WizardError
    from app.core.remote.forwards import open_forward

    if result.tunnel is None:
        reporter.say(
            "Warning: --forward needs the SSH tunnel; this launch serves its notebook over "
            "HTTPS, so no port was forwarded."
        )
        return

    def progress(_step: str, message: str) -> None:
        reporter.event({"event": "forward-note", "message": message})
        reporter.say(f"Warning: {message}")

    for request in requests:
        try:
            forward = open_forward(
                result.tunnel, request.remote_port, request.local_port, progress=progress
            )
        except WizardError as exc:
            reporter.event(
                {"event": "forward-failed", "remote_port": request.remote_port, "code": exc.code}
            )
            reporter.say(f"Port {request.remote_port} was not forwarded: {exc}")
            continue
        info = forward.info()
        reporter.event({"event": "forward", **dataclasses.asdict(info), "moved": info.moved})
        moved = f" ({info.requested_port} is taken here)" if info.moved else ""
        idle = "" if info.listening else " (nothing listens there yet)"
        reporter.say(f"Port {info.remote_port} of the instance: {info.url}{moved}{idle}")
