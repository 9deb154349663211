"""Starting PuTTY and VS Code for a ready launch (called on a worker thread)."""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
from pathlib import Path
from typing import Any

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP


def command_arguments(command: str, *, windows: bool | None = None) -> list[str]:
    """The arguments of a command line such as ``putty -i "C:\\k.ppk" user@host`` (program "
    "dropped)."""
    windows = os.name == "nt" if windows is None else windows
    words = shlex.split(command, posix=not windows)
    if windows:
        # posix=False keeps the quotes around paths with spaces; the program wants them gone.
        words = [w[1:-1] if len(w) >= 2 and w[0] == w[-1] == '"' else w for w in words]
    return words[1:]


def _detached(args: list[str]) -> None:
    from app.core.program_env import external_program_env

    options: dict[str, Any] = {
        "env": external_program_env(),
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
    }
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS
    else:
        options["start_new_session"] = True
    try:
        process = subprocess.Popen(args, **options)
    except OSError as exc:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "{program} could not be started.").format(
                program=Path(args[0]).name
            ),
            detail=str(exc),
            code="start-failed",
        ) from exc
    # Wait for it in the background: the program may outlive the window, but never as a zombie.
    threading.Thread(target=process.wait, name="reap-program", daemon=True).start()


def start_program(program: Path, command: str) -> None:
    """Start ``program`` (PuTTY) with the arguments of ``command`` (the launch's putty_command)."""
    _detached([str(program), *command_arguments(command)])


def open_in_vscode(code: Path, result: Any) -> None:
    """Open the machine's home folder in VS Code's Remote-SSH, through an ~/.ssh/config entry."""
    try:
        from app.core.remote.commands import write_ssh_config_entry
    except ImportError as exc:  # the remote commands module (issue 5) is not there yet
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Opening in VS Code is not available in this version."),
            code="unavailable",
        ) from exc

    alias = write_ssh_config_entry(result)
    _detached([str(code), "--remote", f"ssh-remote+{alias}", "."])
