"""The bootstrap run as on a systemd machine, with no systemd: ``fake_systemd``'s systemctl
runs the units the script writes (into a folder of the test's)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from app.core.remote.bootstrap import BootstrapOptions, script_text

FAKE_SYSTEMD = Path(__file__).parent / "fake_systemd"


def systemd_bootstrap(
    options: BootstrapOptions, units: Path, state: Path
) -> Callable[..., dict[str, object]]:
    """A runner: ``bootstrap(action="start")`` runs the script under the stand-in and returns
    its ``EC2NB_RESULT``."""
    env = {
        **os.environ,
        "PATH": f"{FAKE_SYSTEMD}:{os.environ['PATH']}",
        "EC2NB_UNIT_DIR": str(units),
        "FAKE_SYSTEMD_STATE": str(state),
    }

    def bootstrap(action: str = "start") -> dict[str, object]:
        done = subprocess.run(
            ["bash", "-c", script_text(options, action=action)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        result = [line for line in done.stdout.splitlines() if line.startswith("EC2NB_RESULT ")]
        assert result, done.stdout + done.stderr
        return dict(json.loads(result[-1].split(" ", 1)[1]))

    return bootstrap
