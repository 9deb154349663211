"""``ec2nb launch`` in a region the account has not enabled says so and starts nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.demo.services import emulate_missing_services
from tests.support.aws_emulator import AwsEmulator, needs_realism

pytestmark = needs_realism


def test_launch_in_a_disabled_region_names_the_region(
    aws: AwsEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulate_missing_services(aws)  # the price look-up the CLI starts early
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")
    result = subprocess.run(
        [sys.executable, "-m", "app", "launch", "--region", "af-south-1", "--yes", "--no-browser"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert "The region af-south-1 is not enabled for your account." in errors[0]
    assert "AWS Regions" in result.stderr
    assert "access key" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "RunInstances" not in aws.calls
