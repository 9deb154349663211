"""The packaged entry point's smoke test: the wizard opens and paints."""

from __future__ import annotations

import os
import subprocess
import sys


def test_smoke_test_opens_the_wizard_and_exits_zero() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "app", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "first paint after" in result.stdout
