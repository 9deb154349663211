"""Who the credentials belong to: STS ``GetCallerIdentity``, with the opt-in region check that
tells a disabled region from bad keys."""

from __future__ import annotations

from dataclasses import dataclass

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.errors import error_code, translate
from app.core.aws.profiles import profile_kind
from app.core.aws.regions import DISABLED_REGION_CODES, region_not_enabled, region_opt_in_status
from app.core.aws.session import client
from app.core.sentence import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Identity:
    """Who the credentials belong to, from STS ``GetCallerIdentity``."""

    account: str
    arn: str
    user_id: str
    region: str | None  # the session's (profile's) default region


def profile_params(session: boto3.Session) -> dict[str, str]:
    """Message parameters naming the session's profile (and whether it signs in by SSO)."""
    name = session.profile_name
    params = {"profile": name, "region": session.region_name or ""}
    if profile_kind(name) == "sso":
        params["sso"] = "true"
    return params


def _raise_if_region_disabled(session: boto3.Session, region: str, exc: Exception) -> None:
    """STS in a region the account has not enabled rejects good credentials as unknown: ask
    an enabled region whether that is why, so the user is not told to fix their key."""
    if error_code(exc) not in DISABLED_REGION_CODES:
        return
    if region_opt_in_status(session, region) == "not-opted-in":
        raise region_not_enabled(region, detail=f"GetCallerIdentity: {exc}") from exc


def check_identity(session: boto3.Session, region: str | None = None) -> Identity:
    """Ask STS who these credentials are; raises a translated error when they do not work."""
    region = region or session.region_name or "us-east-1"
    sts = client(session, "sts", region)
    try:
        answer = sts.get_caller_identity()
    except (ClientError, BotoCoreError) as exc:
        _raise_if_region_disabled(session, region, exc)
        raise translate(
            exc,
            action=QT_TRANSLATE_NOOP("core", "check the credentials"),
            **profile_params(session),
        ) from exc
    return Identity(
        account=answer["Account"],
        arn=answer["Arn"],
        user_id=answer["UserId"],
        region=session.region_name,
    )
