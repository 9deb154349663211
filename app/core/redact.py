"""Masks secrets in text before it reaches a log, a traceback or a "Details" box.

Two layers: patterns that recognise secrets by their shape or their label, and an explicit
registry of values the app knows are secret (a pasted secret key, a notebook token read back
from the instance), masked wherever they appear whatever their shape.
"""

from __future__ import annotations

import re
import threading

MASK = "***"

_known: set[str] = set()
_known_lock = threading.Lock()

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # PEM / OpenSSH private key blocks, also when cut short (no END line).
    (
        re.compile(
            r"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\Z)",
            re.S,
        ),
        r"-----BEGIN \1PRIVATE KEY----- " + MASK + " -----END \1PRIVATE KEY-----",
    ),
    # PuTTY .ppk private section.
    (
        re.compile(r"(Private-Lines:\s*\d+)\s*(?:[A-Za-z0-9+/=]+\s*)+", re.S),
        r"\1 " + MASK + " ",
    ),
    (re.compile(r"(Private-MAC:\s*)[0-9a-fA-F]+"), r"\1" + MASK),
    # Labelled secrets: aws_secret_access_key = x, "SecretAccessKey": "x", SessionToken, etc.
    (
        re.compile(
            r"(?i)((?:aws_)?secret_?access_?key|secretkey|(?:aws_)?session_?token|"
            r"x-amz-security-token|passphrase|password|(?:notebook_?|jupyter_?)?token|"
            r"(?:ServerApp|IdentityProvider|NotebookApp)\.token)"
            r"""(["']?\s*[:=]\s*["']?)([^\s"',;&}]+)"""
        ),
        r"\1\2" + MASK,
    ),
    # The spending alert's email address (personal data): ``--email X``, "budget_email": "X".
    (
        re.compile(r"""(?i)(--email[= ]+|budget_email["']?\s*[:=]\s*["']?)([^\s"',;&}]+)"""),
        r"\1" + MASK,
    ),
    # User info in URLs (https://user:TOKEN@host/..., https://TOKEN@host/...): over HTTP(S) the
    # user name itself may be the token, so all of it goes; elsewhere (ssh://git:pw@) the password.
    (re.compile(r"(?i)(\bhttps?://)[^/\s@'\"]+@"), r"\1" + MASK + "@"),
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s@:'\"]+:)[^/\s@'\"]+@"), r"\1" + MASK + "@"),
    # Jupyter tokens in URLs and headers.
    (re.compile(r"(?i)([?&]token=)[^&\s\"'#]+"), r"\1" + MASK),
    (re.compile(r"(?i)(Authorization:\s*token\s+)\S+"), r"\1" + MASK),
    (re.compile(r"(?i)(\"token\"\s*:\s*\")[^\"]+"), r"\1" + MASK),
    # An AWS secret access key on its own: 40 base64 characters of mixed case and digits.
    (
        re.compile(
            r"(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
            r"(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"
        ),
        MASK,
    ),
    # STS session tokens: very long base64 runs that are not an SSH public key.
    (
        re.compile(
            r"(?<![A-Za-z0-9/+=])(?<!ssh-rsa )(?<!ssh-ed25519 )(?<!nistp256 )(?<!nistp384 )"
            r"(?<!nistp521 )(?!AAAA)[A-Za-z0-9/+]{100,}={0,2}"
        ),
        MASK,
    ),
]


def register_secret(value: str | None) -> None:
    """Mask ``value`` in everything redacted from now on (ignored when short or empty)."""
    if value and len(value) >= 8:
        with _known_lock:
            _known.add(value)


def forget_secrets() -> None:
    """Drop the registry (tests)."""
    with _known_lock:
        _known.clear()


def printable(text: str) -> str:
    """``text`` with lone surrogates (the undecodable bytes of a Linux file name) shown as
    ``\\xNN``, so a UTF-8 log file or console can take it instead of raising."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that did not come from a byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def redact(text: str) -> str:
    """Return ``text`` with every secret it contains replaced by ``***`` (and printable: see
    :func:`printable`)."""
    if not text:
        return text
    text = printable(text)
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
