"""Hostile files, generated from a seed: what a careless user, a crash or an attacker may leave
where the app reads keys, journals, settings and config files.

``variants(rng, good, count)`` yields ``(label, content)`` pairs, where content is the bytes of a
regular file or one of the special kinds (a symlink to /dev/zero, a FIFO, a folder, a dangling
or looping symlink, a file one byte over a size limit). ``place(path, content)`` puts one on disk.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Special kinds, placed by ``place`` instead of written.
DEV_ZERO, FIFO, FOLDER, DANGLING, LOOP = "dev-zero", "fifo", "folder", "dangling", "loop"
SPECIAL = (DEV_ZERO, FIFO, FOLDER, DANGLING, LOOP)
HUGE_NUMBERS = (b"0", b"-1", b"4294967295", b"4294967296", b"999999999999999999999", b"1e400")


class Huge:
    """A regular file of ``size`` bytes (sparse: nothing is really written)."""

    def __init__(self, size: int) -> None:
        self.size = size


Content = bytes | str | Huge


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _flip_bits(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return b"\x80"
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _insert(rng: random.Random, data: bytes, what: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + what + data[at:]


def _nul(rng: random.Random, data: bytes) -> bytes:
    return _insert(rng, data, b"\0" * rng.randint(1, 4))


def _not_utf8(rng: random.Random, data: bytes) -> bytes:
    return _insert(rng, data, rng.choice([b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\x80"]))


def _huge_number(rng: random.Random, data: bytes) -> bytes:
    runs = list(re.finditer(rb"\d+", data))
    if not runs:
        return data + rng.choice(HUGE_NUMBERS)
    run = rng.choice(runs)
    return data[: run.start()] + rng.choice(HUGE_NUMBERS) + data[run.end() :]


def _lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    choice = rng.randrange(4)
    if choice == 0 and lines:
        del lines[rng.randrange(len(lines))]
    elif choice == 1 and len(lines) > 1:
        a, b = rng.sample(range(len(lines)), 2)
        lines[a], lines[b] = lines[b], lines[a]
    elif choice == 2 and lines:
        at = rng.randrange(len(lines))
        lines[at:at] = [lines[at]] * rng.randint(2, 50)
    else:
        lines.insert(rng.randrange(len(lines) + 1), bytes(rng.randrange(256) for _ in range(40)))
    return b"\n".join(lines)


def _windows(rng: random.Random, data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")


def _garbage(rng: random.Random, data: bytes) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))


def _empty(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"", b"\n", b"   \n\t\n", b"\xef\xbb\xbf"])


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "truncated": _truncate,
    "bit-flips": _flip_bits,
    "nul-bytes": _nul,
    "not-utf8": _not_utf8,
    "huge-number": _huge_number,
    "lines": _lines,
    "crlf-bom": _windows,
    "garbage": _garbage,
    "empty": _empty,
}


def _json_wrong_types(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """``value`` with one member somewhere replaced by a value of another type."""
    replacements: list[Any] = [None, [], {}, 7, -1, 10**30, 1e308, True, "x", "\0", [None], {"": 1}]
    if isinstance(value, dict) and value and (depth == 0 or rng.random() < 0.7):
        key = rng.choice(list(value))
        if isinstance(value[key], (dict, list)) and value[key] and rng.random() < 0.5:
            return {**value, key: _json_wrong_types(rng, value[key], depth + 1)}
        return {**value, key: rng.choice(replacements)}
    if isinstance(value, list) and value:
        at = rng.randrange(len(value))
        return [*value[:at], rng.choice(replacements), *value[at + 1 :]]
    return rng.choice(replacements)


def json_variants(rng: random.Random, good: Any, count: int) -> Iterator[tuple[str, Content]]:
    """Hostile JSON documents built from the valid document ``good``."""
    text = json.dumps(good, indent=2)
    deep = rng.choice([1000, 100_000])
    yield "deep-nesting", "[" * deep + "]" * deep
    yield "deep-object", '{"a":' * 5000 + "1" + "}" * 5000
    yield "huge-int", text.replace("{", '{"launch_id": ' + "9" * 5000 + ",", 1)
    yield "top-level-list", json.dumps([good])
    yield "top-level-string", json.dumps("journal")
    for number in range(count):
        if number % 3 == 0:
            yield "wrong-types", json.dumps(_json_wrong_types(rng, good))
        else:
            name = rng.choice(list(MUTATIONS))
            yield name, MUTATIONS[name](rng, text.encode())


def variants(
    rng: random.Random, good: bytes, count: int, *, limit: int | None = None
) -> Iterator[tuple[str, Content]]:
    """``count`` mutations of ``good`` plus every special kind (and a file one byte over
    ``limit`` when given)."""
    for kind in SPECIAL:
        yield kind, kind
    if limit is not None:
        yield "over-limit", Huge(limit + 1)
    names = list(MUTATIONS)
    for number in range(count):
        name = names[number % len(names)]
        data = good
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            data = MUTATIONS[name](rng, data)
            name = rng.choice(names) if rng.random() < 0.3 else name
        yield name, data


def place(path: Path, content: Content) -> None:
    """Make ``path`` hold ``content`` (bytes, text, a special kind or a Huge file)."""
    if isinstance(content, Huge):
        with open(path, "wb") as file:
            file.truncate(content.size)
    elif content == DEV_ZERO:
        path.symlink_to("/dev/zero")
    elif content == FIFO:
        os.mkfifo(path)
    elif content == FOLDER:
        path.mkdir()
    elif content == DANGLING:
        path.symlink_to(path.with_name(path.name + ".missing"))
    elif content == LOOP:
        path.symlink_to(path)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
