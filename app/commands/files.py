"""``ec2nb push`` / ``ec2nb pull``: files up to the instance's notebook folder and back down."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from app.commands.launch import EXIT_OK, Reporter


def register(subparsers: Any) -> None:
    """Add ``push`` and ``pull`` to the ``ec2nb`` parser."""
    pushing = subparsers.add_parser(
        "push",
        help="upload files and folders to the instance's notebook folder",
        description="Copy files and folders (recursively) to the instance over SFTP. An "
        "interrupted copy continues where it stopped when run again.",
    )
    pushing.add_argument("id", metavar="ID", help="launch id or instance id")
    pushing.add_argument("paths", nargs="+", metavar="PATH", help="local files or folders")
    pushing.add_argument(
        "--to",
        default=".",
        metavar="REMOTE_DIR",
        help="folder on the instance, relative to the notebook folder (default: the notebook "
        "folder itself); an absolute path reaches outside it",
    )
    _options(pushing)
    pushing.set_defaults(handler=run_push)

    pulling = subparsers.add_parser(
        "pull",
        help="download files and folders from the instance",
        description="Copy files and folders (recursively) from the instance over SFTP. Paths "
        "are relative to the notebook folder; an absolute path reaches outside it. An "
        "interrupted copy continues where it stopped when run again.",
    )
    pulling.add_argument("id", metavar="ID", help="launch id or instance id")
    pulling.add_argument("paths", nargs="+", metavar="REMOTE_PATH", help="files or folders")
    pulling.add_argument(
        "--to", default=".", type=Path, metavar="DIR", help="local folder (default: here)"
    )
    _options(pulling)
    pulling.set_defaults(handler=run_pull)


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON lines for scripts")
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="file holding the passphrase of your encrypted private key (else you are asked)",
    )


def _connection(args: argparse.Namespace) -> tuple[Any, str]:
    """How to reach the launch's instance (verified host key) and its notebook folder."""
    from app.commands.launch import key_passphrase
    from app.core.launch.journal import find_journal, load_journal
    from app.core.launch.remote import launch_connection

    journal = find_journal(args.id) or load_journal(args.id)
    saved = journal.resources.key_files.get("private")
    key_file = Path(saved) if saved and Path(saved).exists() else None
    return launch_connection(journal.launch_id, passphrase=key_passphrase(args, key_file))


def transfer_reporting(args: argparse.Namespace, reporter: Reporter) -> dict[str, Any]:
    """``progress`` and ``on_status`` for a transfer: one rewritten line, or JSON events."""
    import sys
    import time

    terminal = sys.stdout.isatty()
    last = [0.0]

    def progress(step: str, message: str) -> None:
        if getattr(args, "json", False):
            return
        if terminal:  # one line, rewritten in place
            print(f"\r  {message}\033[K", end="", flush=True)
            return
        if time.monotonic() - last[0] >= 5 or not message[:1].isdigit():
            last[0] = time.monotonic()  # a log file gets a line every few seconds
            reporter.say("  " + message)

    def on_status(status: Any) -> None:
        reporter.event({"event": "progress", **dataclasses.asdict(status)})

    return {"progress": progress, "on_status": on_status}


def _finish(args: argparse.Namespace, reporter: Reporter, report: Any) -> int:
    if args.json:
        payload = {
            "event": "done",
            **dataclasses.asdict(report),
            "bytes_per_second": report.bytes_per_second,
        }
        print(json.dumps(payload), flush=True)
        return EXIT_OK
    import sys

    from app.core.remote.transfer import human_size

    if sys.stdout.isatty():
        print()  # past the progress line
    resumed = f", {human_size(report.resumed_bytes)} resumed" if report.resumed_bytes else ""
    reporter.say(
        f"{'Uploaded' if report.direction == 'push' else 'Downloaded'} {len(report.files)} "
        f"file(s), {human_size(report.bytes)} in {report.seconds:.1f} s "
        f"({human_size(int(report.bytes_per_second))}/s{resumed})."
    )
    return EXIT_OK


def run_push(args: argparse.Namespace) -> int:
    from app.core.remote.transfer import push

    connector, folder = _connection(args)
    reporter = Reporter(args.json)
    report = push(
        connector, args.paths, args.to, notebook_folder=folder, **transfer_reporting(args, reporter)
    )
    return _finish(args, reporter, report)


def run_pull(args: argparse.Namespace) -> int:
    from app.core.remote.transfer import pull

    connector, folder = _connection(args)
    reporter = Reporter(args.json)
    report = pull(
        connector, args.paths, args.to, notebook_folder=folder, **transfer_reporting(args, reporter)
    )
    return _finish(args, reporter, report)
