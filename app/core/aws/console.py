"""The instance's SSH host keys, read from its console output (no trust on first use).

cloud-init prints the host's public keys to the serial console between
``-----BEGIN SSH HOST KEY KEYS-----`` and ``-----END SSH HOST KEY KEYS-----``. Only EC2 (through
the authenticated API) can show us that output, so keys read there are the real host's keys.
"""

from __future__ import annotations

import base64
import re
import time

import boto3
from botocore.exceptions import ClientError

from app.core.aws.errors import error_code, translating
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

BEGIN = "-----BEGIN SSH HOST KEY KEYS-----"
END = "-----END SSH HOST KEY KEYS-----"
# Algorithms SSH clients accept as host keys; DSA is refused by modern OpenSSH and paramiko.
_KEY_LINE = re.compile(
    r"(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521)"
    r"\s+([A-Za-z0-9+/]+={0,2})"
)
POLL_SECONDS = 10.0


def _blob_type(blob_b64: str) -> str | None:
    try:
        blob = base64.b64decode(blob_b64, validate=True)
    except ValueError:
        return None
    if len(blob) < 4:
        return None
    length = int.from_bytes(blob[:4], "big")
    return blob[4 : 4 + length].decode("ascii", "replace")


def parse_host_keys(console_output: str) -> list[str]:
    """``"type base64"`` lines from the last complete host-key block of the console output."""
    text = console_output.replace("\r\n", "\n")
    end = text.rfind(END)
    if end < 0:
        return []
    begin = text.rfind(BEGIN, 0, end)
    if begin < 0:
        return []
    keys: list[str] = []
    for line in text[begin + len(BEGIN) : end].splitlines():
        # Lines may carry a console prefix ("[  12.3] cloud-init[812]: ") and a comment.
        found = _KEY_LINE.search(line)
        if found and _blob_type(found.group(2)) == found.group(1):
            entry = f"{found.group(1)} {found.group(2)}"
            if entry not in keys:
                keys.append(entry)
    return keys


def _console_text(ec2: object, instance_id: str, latest: bool) -> str:
    # botocore decodes the base64 ``Output`` of GetConsoleOutput itself.
    kwargs = {"InstanceId": instance_id, **({"Latest": True} if latest else {})}
    answer = ec2.get_console_output(**kwargs)  # type: ignore[attr-defined]
    return str(answer.get("Output") or "")


def console_host_keys(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 300,
    poll_seconds: float = POLL_SECONDS,
) -> list[str]:
    """The instance's SSH host keys from its console output, polled while it boots.

    Raises ``WizardError(code="no-host-keys")`` if none appeared within ``timeout``.
    """
    ec2 = client(session, "ec2", region)
    latest = True  # the newest output, not the last snapshot (Nitro instances only)
    started = time.monotonic()
    while True:
        with translating(
            QT_TRANSLATE_NOOP("core", "read the instance's console output"), region=region
        ):
            try:
                text = _console_text(ec2, instance_id, latest)
            except ClientError as exc:
                if not latest or error_code(exc) not in {
                    "UnsupportedOperation",
                    "InvalidParameterValue",
                    "InvalidParameterCombination",
                }:
                    raise
                latest = False  # a Xen instance: only the snapshot is available
                text = _console_text(ec2, instance_id, latest)
        keys = parse_host_keys(text)
        if keys:
            progress(
                "host-keys",
                QT_TRANSLATE_NOOP("core", "{count} host keys read from the console").format(
                    count=len(keys)
                ),
            )
            return keys
        elapsed = time.monotonic() - started
        if elapsed >= timeout:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The instance's console output shows no SSH host keys yet, so its "
                    "identity cannot be checked automatically.",
                ),
                hint=QT_TRANSLATE_NOOP(
                    "core",
                    "Compare the fingerprint with the EC2 console (Actions > Monitor > Get "
                    "system log) before trusting it.",
                ),
                code="no-host-keys",
            )
        progress(
            "host-keys",
            QT_TRANSLATE_NOOP(
                "core", "waiting for the host keys in the console output, {seconds} s"
            ).format(seconds=int(elapsed)),
        )
        cancel.wait(poll_seconds)
