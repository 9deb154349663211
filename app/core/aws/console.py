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

from app.core.aws.consistency import NotFoundBackoff
from app.core.aws.errors import error_code, translating
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.keys.ssh_wire import WireReader
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

BEGIN = "-----BEGIN SSH HOST KEY KEYS-----"
END = "-----END SSH HOST KEY KEYS-----"
# Algorithms SSH clients accept as host keys; DSA is refused by modern OpenSSH and paramiko.
_KEY_LINE = re.compile(
    r"(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521)"
    r"\s+([A-Za-z0-9+/]+={0,2})"
)
#: What a cut or damaged console key is called (the key reader's error, never shown: skipped).
_HOST_KEY = QT_TRANSLATE_NOOP("core", "host key")
POLL_SECONDS = 10.0
#: The first wait between polls; it doubles up to ``poll_seconds``. The console is empty for
#: the first stretch of boot, but a boot whose keys come early should not cost a full poll.
FIRST_POLL_SECONDS = 2.0


#: The curve each ECDSA host key type names, and its public point's length (uncompressed).
_ECDSA_POINTS = {
    "ecdsa-sha2-nistp256": ("nistp256", 65),
    "ecdsa-sha2-nistp384": ("nistp384", 97),
    "ecdsa-sha2-nistp521": ("nistp521", 133),
}
_MIN_RSA_BITS = 1024


def _whole_key(key_type: str, blob_b64: str) -> bool:
    """True when ``blob_b64`` is one whole public key of ``key_type``.

    A console line can be cut short (another writer, the console buffer's end) where base64
    still decodes; such a key must be skipped, not compared with the host's real key. So the
    blob is parsed as the SSH wire format and every field checked for its length.
    """
    try:
        reader = WireReader(base64.b64decode(blob_b64, validate=True), _HOST_KEY)
        if reader.text() != key_type:
            return False
        if key_type == "ssh-ed25519":
            whole = len(reader.string()) == 32
        elif key_type == "ssh-rsa":
            exponent, modulus = reader.mpint(), reader.mpint()
            whole = exponent > 1 and modulus.bit_length() >= _MIN_RSA_BITS
        else:
            curve, point_length = _ECDSA_POINTS[key_type]
            point = (reader.text(), reader.string())
            whole = point[0] == curve and len(point[1]) == point_length and point[1][0] == 4
    except (ValueError, WizardError):  # binascii.Error is a ValueError
        return False
    return whole and reader.remaining == 0


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
        if found and _whole_key(found.group(1), found.group(2)):
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
    created: bool = False,
) -> list[str]:
    """The instance's SSH host keys from its console output, polled while it boots.

    Polls after 2, 4, 8 s, then every ``poll_seconds``. ``created``: the caller has just
    started the instance, so a NotFound about it means "not visible yet" (EC2's eventual
    consistency) for a while. Raises
    ``WizardError(code="no-host-keys")`` if none appeared within ``timeout``.
    """
    ec2 = client(session, "ec2", region)
    latest = True  # the newest output, not the last snapshot (Nitro instances only)
    started = time.monotonic()
    wait = min(FIRST_POLL_SECONDS, poll_seconds)
    fresh = NotFoundBackoff([instance_id] if created else [])
    while True:
        with translating(
            QT_TRANSLATE_NOOP("core", "read the instance's console output"), region=region
        ):
            try:
                text = _console_text(ec2, instance_id, latest)
            except ClientError as exc:
                retry_in = fresh.delay(exc)
                if retry_in is not None:
                    cancel.wait(retry_in)
                    continue
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
        cancel.wait(wait)
        wait = min(wait * 2, poll_seconds)
