"""EC2 key pairs: import a local public key, let EC2 create one, or check an existing one."""

from __future__ import annotations

import base64
import logging
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import serialization

from app.core.aws.consistency import retry_not_found
from app.core.aws.errors import error_code, translating
from app.core.aws.session import client
from app.core.aws.tags import resource_name, tag_specifications
from app.core.errors import WizardError
from app.core.keys import PrivateKey
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


def _public_blob(line: str | None) -> bytes | None:
    """The key blob of an OpenSSH public line (``type base64 [comment]``)."""
    parts = (line or "").split()
    if len(parts) < 2:
        return None
    try:
        return base64.b64decode(parts[1], validate=True)
    except ValueError:
        return None


def _local_blob(key: PrivateKey) -> bytes | None:
    line = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    return _public_blob(line.decode("ascii"))


def _describe(ec2: Any, name: str, *, created: bool = False) -> dict[str, Any] | None:
    """The key pair ``name``, or None. ``created``: AWS says it exists (Duplicate) although it
    did not list it a moment ago, so a NotFound is retried while AWS catches up."""
    try:
        pairs = retry_not_found(
            lambda: ec2.describe_key_pairs(KeyNames=[name], IncludePublicKey=True)["KeyPairs"],
            [name] if created else [],
        )
    except ClientError as exc:
        if error_code(exc) == "InvalidKeyPair.NotFound":
            return None
        raise
    return dict(pairs[0]) if pairs else None


def import_key_pair(session: boto3.Session, region: str, launch_id: str, public_line: str) -> str:
    """Import ``public_line`` as the launch's key pair and return its name (idempotent)."""
    ec2 = client(session, "ec2", region)
    name = resource_name(launch_id)
    with translating(
        QT_TRANSLATE_NOOP("core", "import the key pair"), region=region, key_name=name
    ):
        existing = _describe(ec2, name)
        if existing is None:
            try:
                ec2.import_key_pair(
                    KeyName=name,
                    PublicKeyMaterial=public_line.encode("ascii"),
                    TagSpecifications=tag_specifications(launch_id, ["key-pair"]),
                )
                return name
            except ClientError as exc:
                # Imported moments ago by an earlier run of this launch, not visible yet.
                if error_code(exc) != "InvalidKeyPair.Duplicate":
                    raise
                existing = _describe(ec2, name, created=True)
                if existing is None:
                    raise
    theirs = _public_blob(existing.get("PublicKey"))
    if theirs is not None and theirs != _public_blob(public_line):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "An EC2 key pair named {key_name} exists already with another key."
            ).format(key_name=name),
            hint=QT_TRANSLATE_NOOP("core", "Delete it in the EC2 console, or start a new launch."),
            code="bad-key-pair",
            params={"key_name": name, "region": region},
        )
    return name


def create_key_pair(
    session: boto3.Session, region: str, launch_id: str, key_type: str, save_to: Path
) -> str:
    """Let EC2 create the launch's key pair and write its private key owner-only to ``save_to``.

    EC2 shows the private key once, so it is written at once; if that fails the pair is
    deleted again rather than left unusable.
    """
    from app.core.keys import load_private_key, write_private_file

    if key_type not in {"rsa", "ed25519"}:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The key type must be rsa or ed25519."), code="invalid-plan"
        )
    ec2 = client(session, "ec2", region)
    name = resource_name(launch_id)
    with translating(
        QT_TRANSLATE_NOOP("core", "create the key pair"), region=region, key_name=name
    ):
        if _describe(ec2, name) is not None:
            if save_to.exists():  # a re-run after the key was saved
                verify_key_pair(session, region, name, load_private_key(save_to).key)
                return name
            # Ours (named after the launch) but its private key is lost: make a new one.
            ec2.delete_key_pair(KeyName=name)
        elif save_to.exists():  # checked first: EC2 would create a pair we cannot save
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core", "{path} exists already; the new private key was not written over it."
                ).format(path=save_to),
                hint=QT_TRANSLATE_NOOP("core", "Choose another file name for the key."),
                code="exists",
            )
        save_to.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        answer = ec2.create_key_pair(
            KeyName=name,
            KeyType=key_type,
            KeyFormat="pem",
            TagSpecifications=tag_specifications(launch_id, ["key-pair"]),
        )
    material = answer.pop("KeyMaterial")
    try:
        write_private_file(save_to, material)
    except BaseException:
        with translating(
            QT_TRANSLATE_NOOP("core", "delete the key pair"), region=region, key_name=name
        ):
            ec2.delete_key_pair(KeyName=name)
        raise
    log.info("EC2 created key pair %s; private key saved to %s", name, save_to)
    return name


def _digest(fingerprint: str) -> bytes:
    """A fingerprint's bytes, whether written as colon hex or as base64."""
    text = fingerprint.strip().removeprefix("SHA256:")
    if ":" in text:
        return bytes.fromhex(text.replace(":", ""))
    return base64.b64decode(text + "=" * (-len(text) % 4))


def verify_key_pair(session: boto3.Session, region: str, key_name: str, key: PrivateKey) -> None:
    """Raise ``bad-key-pair`` unless ``key`` is the private half of EC2 key pair ``key_name``."""
    from app.core.keys import ec2_fingerprint

    ec2 = client(session, "ec2", region)
    with translating(
        QT_TRANSLATE_NOOP("core", "check the key pair"), region=region, key_name=key_name
    ):
        pair = _describe(ec2, key_name)
    if pair is None:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "There is no EC2 key pair named {key_name} in {region}."
            ).format(key_name=key_name, region=region),
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Key pairs are per region; pick one from this region or let the wizard make one.",
            ),
            code="bad-key-pair",
            params={"key_name": key_name, "region": region},
        )
    theirs = _public_blob(pair.get("PublicKey"))
    if theirs is not None:
        matches = theirs == _local_blob(key)
    else:  # EC2 did not return the public key: compare fingerprints (imported or EC2-made)
        stored = _digest(pair.get("KeyFingerprint", ""))
        matches = any(
            _digest(ec2_fingerprint(key, created_by_aws=made)) == stored for made in (True, False)
        )
    if not matches:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The private key file does not belong to the EC2 key pair {key_name}."
            ).format(key_name=key_name),
            hint=QT_TRANSLATE_NOOP(
                "core", "Choose the .pem/.ppk file that was saved when this key pair was created."
            ),
            code="bad-key-pair",
            params={"key_name": key_name, "region": region},
        )
