"""``ec2nb reset`` belongs to the demo: without ``--demo`` it touches nothing and says so."""

from __future__ import annotations

import pytest

from app import cli


def test_reset_without_demo_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["reset"]) == cli.EXIT_USAGE
    assert "ec2nb --demo reset" in capsys.readouterr().err
