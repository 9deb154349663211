"""The ``ec2nb`` entry point: help lists every command, bad usage exits 2."""

from __future__ import annotations

import pytest

from app import cli


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    for command in (
        "launch",
        "list",
        "open",
        "stop",
        "start",
        "terminate",
        "cleanup",
        "convert-key",
        "keygen",
        "gpus",
        "amis",
    ):
        assert f"    {command} " in shown, command


def test_a_command_gets_its_own_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["convert-key", "--help"])
    assert "usage: ec2nb convert-key" in capsys.readouterr().out


def test_unknown_option_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--no-such-option"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err
