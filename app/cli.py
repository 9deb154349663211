"""Entry point: the wizard with no arguments, the ``ec2nb`` command line with a subcommand.

Kept light on imports: boto3, paramiko and Qt load only when a command or the GUI needs them,
so that ``--version`` answers at once and the first window appears fast.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from app import APP_NAME, __version__

if TYPE_CHECKING:
    import argparse

STARTED = time.perf_counter()

# One module per group of subcommands; each has ``register(subparsers)``.
COMMAND_MODULES: tuple[str, ...] = (
    "app.commands.keys",
    "app.commands.launch",
    "app.commands.relaunch",
    "app.commands.fleet",
    "app.commands.resize",
    "app.commands.files",
    "app.commands.catalog",
    "app.commands.budget",
    "app.commands.disk_move",
    "app.commands.demo",
    "app.commands.disks",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130

log = logging.getLogger(__name__)


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The ``ec2nb`` parser; without commands it knows only the global options (fast)."""
    import argparse  # not needed by a start without arguments (the wizard from a desktop)

    parser = argparse.ArgumentParser(
        prog="ec2nb",
        description=f"{APP_NAME}: a Jupyter notebook on an AWS GPU instance. "
        "Without a command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"ec2nb {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run against an embedded AWS emulator: nothing real is launched or billed",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the wizard, wait until its first page is painted, and exit",
    )
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="language of the wizard")
    parser.add_argument(
        "--debug", action="store_true", help="log everything and show tracebacks on errors"
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand's handler, turning errors into one clear paragraph and an exit code."""
    from app.core.errors import Cancelled, WizardError

    try:
        return int(args.handler(args) or EXIT_OK)
    except KeyboardInterrupt:
        print("Cancelled.", file=sys.stderr)
        return EXIT_CANCELLED
    except Cancelled as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_CANCELLED
    except WizardError as exc:
        log.error("%s failed: %s | %s", args.command, exc, exc.detail, exc_info=args.debug)
        print(f"Error: {exc}", file=sys.stderr)
        if args.debug and exc.detail:
            print(exc.detail, file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        log.exception("%s crashed", args.command)
        if args.debug:
            raise
        from app.core.logs import current_log

        print(
            f"Error: {exc.__class__.__name__}: {exc}\n"
            f"This is a bug in {APP_NAME}; details are in {current_log()}.",
            file=sys.stderr,
        )
        return EXIT_FAILED


def start_demo() -> bool:
    """Start the embedded AWS emulator (``--demo``) before anything builds an AWS client."""
    from app.core.paths import is_frozen

    if is_frozen():
        print(
            "The demo needs the source install: it runs an AWS emulator that is not part of "
            "this build. Clone the project and run scripts/run-demo.sh.",
            file=sys.stderr,
        )
        return False
    import importlib.util

    # The service needs moto (only in the "demo" extra): say so here, not in its log. Found,
    # not imported: importing it would cost this command most of a second for nothing.
    if importlib.util.find_spec("moto") is None:
        print("The demo needs the 'demo' extra (pip install -e '.[demo]').", file=sys.stderr)
        return False
    try:
        from app.demo.environment import NO_SSHD_MESSAGE, default_demo_home
        from app.demo.world import connect

        service = connect(default_demo_home())
    except RuntimeError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return False
    print(
        "DEMO: an AWS emulator on this computer stands in for AWS; nothing real is launched "
        f"or billed. The demo world (service pid {service.pid}) keeps its instances between "
        "commands until 'ec2nb --demo reset'; it pauses when idle (their notebooks stop).",
        file=sys.stderr,
    )
    if not service.ssh_endpoint:
        print(NO_SSHD_MESSAGE, file=sys.stderr)
    return True


NO_SCREEN_DEMO = (
    "No screen found (DISPLAY and WAYLAND_DISPLAY are unset), so no window can be shown: "
    "running the command-line demo instead (ec2nb --demo launch --yes --no-browser). "
    "scripts/run-demo.sh --xvfb shows the wizard on a virtual display."
)
NO_SCREEN = (
    "No screen found (DISPLAY and WAYLAND_DISPLAY are unset), so the wizard cannot open. "
    "Use the command line (ec2nb --help), e.g. 'ec2nb launch', or run it on a desktop."
)
DEMO_CLI_ARGS = ("launch", "--yes", "--no-browser")


def has_screen(env: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether a window can be shown: always on Windows and macOS; on Linux an X11 or Wayland
    display, or a Qt platform chosen on purpose (``offscreen`` in tests, ``vnc``)."""
    env = dict(os.environ) if env is None else env
    if not platform.startswith("linux"):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> int:
    """``ec2nb``: the command line, or the wizard when no command is given."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # The wizard started from a desktop: no option to read, so no parser to build.
        args: Any = SimpleNamespace(
            command=None, demo=False, smoke_test=False, lang=None, debug=False
        )
        parser = None
    else:
        # Opening the wizard needs only the global options: registering every subcommand
        # (and importing its module) would delay the first window for nothing.
        wants_help = bool({"-h", "--help"} & set(argv))
        parser = build_parser(with_commands=wants_help)
        args, rest = parser.parse_known_args(argv)
        if rest:
            parser = build_parser()
            args = parser.parse_args(argv)
    if not args.command and not has_screen():
        # A window nobody can see would wait forever: the demo shows its flow as text instead.
        run_cli_demo = args.demo and not args.smoke_test
        print(NO_SCREEN_DEMO if run_cli_demo else NO_SCREEN, file=sys.stderr)
        if not run_cli_demo:
            return EXIT_USAGE
        parser = build_parser()
        args = parser.parse_args([*argv, *DEMO_CLI_ARGS])
    # A reset stops the world: starting it first would be for nothing.
    if args.demo and args.command != "reset" and not start_demo():
        return EXIT_USAGE
    from app.core.logs import setup_logging

    # The wizard opens its log file after its first paint (records wait in memory till then).
    setup_logging(debug=args.debug, defer_file=not args.command)
    log.info("%s %s started: %s", APP_NAME, __version__, " ".join(sys.argv[1:]))
    if args.command:
        if args.smoke_test:
            (parser or build_parser()).error("--smoke-test opens the wizard; it takes no command")
        if args.demo:
            _say_commands_with_demo(parser or build_parser())
        return run_command(args)
    from app.ui.main import run_gui

    return run_gui(demo=args.demo, smoke_test=args.smoke_test, lang=args.lang, started=STARTED)


def _say_commands_with_demo(parser: argparse.ArgumentParser) -> None:
    """Every command the output names gets ``--demo`` (app/demo/command_names.py)."""
    import argparse

    from app.demo.command_names import DemoCommandStream

    commands = [
        name
        for action in parser._actions  # argparse keeps its subcommands nowhere public
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]
    sys.stdout = DemoCommandStream(sys.stdout, commands)  # type: ignore[assignment]
    sys.stderr = DemoCommandStream(sys.stderr, commands)  # type: ignore[assignment]


def main_gui() -> int:
    """Entry point of the windowed executable: always the wizard."""
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
