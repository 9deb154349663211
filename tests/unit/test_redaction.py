"""The redaction filter masks every kind of secret wherever it appears in a log line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.core import redact as redaction
from app.core.logs import RedactingFilter, RedactingFormatter
from tests.support.constants import SECRET_ACCESS_KEY

SESSION_TOKEN = (
    "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDl1Wq0Jm7Xo2dXy0Ck6F8u1u3"
    "Xk9aZ0q7o5Q0a8yJQIgL3Wl6pX8Q0n0Wb3cYy2M9Vv9J7p0Qk2yVg3LwUq2xjEq9AIIk///////////ARAAGgw"
)
PEM = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)
TOKEN = "3f1c0ab1e2d94c5e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d"


@pytest.fixture(autouse=True)
def _clean_registry() -> None:
    redaction.forget_secrets()


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"aws_secret_access_key = {SECRET_ACCESS_KEY}", SECRET_ACCESS_KEY),
        (f'{{"SecretAccessKey": "{SECRET_ACCESS_KEY}"}}', SECRET_ACCESS_KEY),
        (f"the key {SECRET_ACCESS_KEY} was pasted", SECRET_ACCESS_KEY),
        (f"aws_session_token={SESSION_TOKEN}", SESSION_TOKEN),
        (f"X-Amz-Security-Token: {SESSION_TOKEN}", SESSION_TOKEN),
        (f"token in the open: {SESSION_TOKEN}", SESSION_TOKEN),
        (f"key file was:\n{PEM}", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"),
        (f"cut short: {PEM[:90]}", "b3BlbnNzaC1rZXkt"),
        ("Private-Lines: 1\nAAAAIGZvb2Jhcg==\nPrivate-MAC: 0a1b2c3d4e5f", "AAAAIGZvb2Jhcg"),
        (f"open http://127.0.0.1:8888/lab?token={TOKEN}", TOKEN),
        (f"Authorization: token {TOKEN}", TOKEN),
        (f'{{"token": "{TOKEN}", "port": 8888}}', TOKEN),
        (f"c.IdentityProvider.token = '{TOKEN}'", TOKEN),
        ("passphrase=correct-horse-battery", "correct-horse-battery"),
        ("launch --repo https://alice:ghp_s3cretT0ken@github.com/a/b.git", "ghp_s3cretT0ken"),
        ("git clone https://ghp_s3cretT0ken@github.com/a/b.git", "ghp_s3cretT0ken"),
        ("'http://bob:pa55word@git.example.com/x'", "pa55word"),
        ("ssh://git:pa55word@git.example.com:2222/x.git", "pa55word"),
    ],
)
def test_secret_is_masked(text: str, secret: str) -> None:
    cleaned = redaction.redact(text)
    assert secret not in cleaned
    assert redaction.MASK in cleaned


def test_registered_secret_is_masked_whatever_its_shape() -> None:
    redaction.register_secret("hunter2-but-longer")
    assert redaction.redact("password was hunter2-but-longer!") == "password was ***!"


@pytest.mark.parametrize(
    "text",
    [
        "launched i-0123456789abcdef0 in us-east-1a (g5.xlarge)",
        "fingerprint 1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca:9f:f5:f1:6f",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        "access key AKIAIOSFODNN7EXAMPLE",
        "clone git@github.com:owner/repo.git and ssh://git@github.com/owner/repo.git",
        "https://github.com/owner/repo.git (see mail me@example.com)",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redaction.redact(text) == text


def test_log_file_never_receives_a_secret(tmp_path: Path) -> None:
    logger = logging.getLogger("test.redaction")
    handler = logging.FileHandler(tmp_path / "run.log", encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(message)s"))
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    try:
        logger.warning("credentials %s / %s", "AKIAIOSFODNN7EXAMPLE", SECRET_ACCESS_KEY)
        try:
            raise RuntimeError(f"failed with token={TOKEN}")
        except RuntimeError:
            logger.exception("boom")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "run.log").read_text()
    assert SECRET_ACCESS_KEY not in text
    assert TOKEN not in text
    assert "AKIAIOSFODNN7EXAMPLE" in text  # the key id is not a secret and helps support
    assert "RuntimeError" in text
