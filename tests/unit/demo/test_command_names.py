"""The demo's output names its commands with ``--demo``, and leaves every other "ec2nb" alone."""

from __future__ import annotations

import io
import sys

import pytest

from app.cli import _say_commands_with_demo, build_parser
from app.demo.command_names import DemoCommandStream

COMMANDS = ("list", "terminate", "disks", "launch", "reset")


def _said(text: str) -> str:
    out = io.StringIO()
    DemoCommandStream(out, COMMANDS).write(text)
    return out.getvalue()


def test_a_named_command_gets_the_demo_flag() -> None:
    assert _said("Kept: 'ec2nb disks delete work-1' deletes it.") == (
        "Kept: 'ec2nb --demo disks delete work-1' deletes it."
    )
    assert _said("'ec2nb terminate i-1' removes it; ec2nb list shows them") == (
        "'ec2nb --demo terminate i-1' removes it; ec2nb --demo list shows them"
    )


def test_prose_and_commands_already_marked_stay_as_they_are() -> None:
    for text in (
        "No instance launched by ec2nb has the id 'x'.",
        "until 'ec2nb --demo reset'",
        "tag ec2nb:managed",
        "ec2nb listing",  # a word that merely starts like a command
    ):
        assert _said(text) == text


def test_the_command_line_wraps_both_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    _say_commands_with_demo(build_parser())
    print("'ec2nb relaunch i-1 --spot' or 'ec2nb push i-1 x'")
    print("'ec2nb open L' resumes", file=sys.stderr)
    assert out.getvalue() == "'ec2nb --demo relaunch i-1 --spot' or 'ec2nb --demo push i-1 x'\n"
    assert err.getvalue() == "'ec2nb --demo open L' resumes\n"
