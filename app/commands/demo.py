"""``ec2nb --demo reset``: end the demo world (its service, its instances' processes) and forget
its AWS state, launches and keys."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli import EXIT_OK, EXIT_USAGE


def register(subparsers: Any) -> None:
    reset = subparsers.add_parser(
        "reset",
        help="(--demo only) stop the demo world and forget everything in it",
        description="With --demo: stop the demo service and whatever its instances run, and "
        "forget the demo's AWS state, launches and keys. The next --demo command starts a new, "
        "empty world.",
    )
    reset.set_defaults(handler=run_reset)


def run_reset(args: argparse.Namespace) -> int:
    from app.demo.environment import default_demo_home
    from app.demo.world import reset

    if not args.demo:
        print("Error: 'reset' is for the demo only: ec2nb --demo reset", file=sys.stderr)
        return EXIT_USAGE
    home = default_demo_home()
    for line in reset(home):
        print(f"DEMO: {line.capitalize()}.")
    print("DEMO: The demo world is empty; the next --demo command starts a new one.")
    return EXIT_OK
