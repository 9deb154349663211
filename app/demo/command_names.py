"""In the demo, every ``ec2nb`` command the output names carries ``--demo``.

Hints such as "'ec2nb terminate ID' removes it" are written once, for real use; copied as they
are from a demo's output they would reach the user's real AWS account instead of the demo world.
The demo's standard streams say them with ``--demo``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO


def demo_pattern(commands: Iterable[str]) -> re.Pattern[str]:
    """``ec2nb`` followed by one of ``commands`` (not "ec2nb launched", not "ec2nb --demo")."""
    names = "|".join(sorted((re.escape(c) for c in commands), key=len, reverse=True))
    return re.compile(rf"\bec2nb (?=(?:{names})\b)")


def with_demo_flag(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub("ec2nb --demo ", text)


class DemoCommandStream:
    """A text stream that adds ``--demo`` to the commands it is given to write."""

    def __init__(self, stream: TextIO, commands: Iterable[str]) -> None:
        self._stream = stream
        self._pattern = demo_pattern(commands)

    def write(self, text: str) -> int:
        self._stream.write(with_demo_flag(text, self._pattern))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
