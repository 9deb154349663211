"""The SSH wire encoding (RFC 4251 section 5) that PPK and OpenSSH key files are built from."""

from __future__ import annotations

import base64
import struct

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence


def u32(value: int) -> bytes:
    return struct.pack(">I", value)


def string(data: bytes | str) -> bytes:
    """A length-prefixed byte string (text is UTF-8 encoded)."""
    raw = data.encode() if isinstance(data, str) else data
    return u32(len(raw)) + raw


def mpint(value: int) -> bytes:
    """A non-negative integer, minimal big-endian, a zero byte only where the top bit is set."""
    if value < 0:
        raise ValueError("negative mpint")
    if value == 0:
        return u32(0)
    raw = value.to_bytes((value.bit_length() + 8) // 8, "big")
    return string(raw)


def wrap_base64(data: bytes, width: int) -> list[str]:
    """Base64 of ``data`` cut into lines of ``width`` characters."""
    text = base64.b64encode(data).decode("ascii")
    return [text[i : i + width] for i in range(0, len(text), width)]


#: What a reader reads, unless told: a key.
_KEY = QT_TRANSLATE_NOOP("core", "key")


class WireReader:
    """Reads SSH wire values from a buffer; running past the end is a corrupt key."""

    def __init__(self, data: bytes, what: Sentence = _KEY) -> None:
        self._data = data
        self._pos = 0
        self._what = what

    def _take(self, count: int) -> bytes:
        if count < 0 or self._pos + count > len(self._data):
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "The {what} is damaged or cut short.").format(
                    what=self._what
                ),
                detail="SSH wire data ended early",
                code="corrupt-key",
            )
        chunk = self._data[self._pos : self._pos + count]
        self._pos += count
        return chunk

    def u32(self) -> int:
        value: int = struct.unpack(">I", self._take(4))[0]
        return value

    def string(self) -> bytes:
        return self._take(self.u32())

    def text(self) -> str:
        try:
            return self.string().decode()
        except UnicodeDecodeError as exc:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "The {what} is damaged.").format(what=self._what),
                detail=str(exc),
                code="corrupt-key",
            ) from exc

    def mpint(self) -> int:
        return int.from_bytes(self.string(), "big", signed=True)

    def rest(self) -> bytes:
        return self._take(len(self._data) - self._pos)

    @property
    def remaining(self) -> int:
        return len(self._data) - self._pos
