"""The regions of the account, with the ones it has not opted into marked."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.errors import error_code, translating
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DEFAULT_REGION = "us-east-1"
#: A region every account of the partition has enabled: where to ask about the others.
_ALWAYS_ENABLED = {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}
#: What AWS answers, in a region the account has not enabled, to credentials that are fine.
DISABLED_REGION_CODES = frozenset(
    {"InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure"}
)


@dataclass(frozen=True)
class RegionInfo:
    name: str
    opted_in: bool  # False: the account must enable the region before using it
    status: str = ""  # opt-in-not-required | opted-in | not-opted-in


def partition_of(session: boto3.Session, region: str) -> str:
    try:
        return str(session.get_partition_for_region(region))
    except Exception:  # a region newer than botocore's endpoint data
        return (
            "aws-cn"
            if region.startswith("cn-")
            else ("aws-us-gov" if region.startswith("us-gov-") else "aws")
        )


def list_regions(session: boto3.Session) -> list[RegionInfo]:
    """Every region of the session's partition (``DescribeRegions``), enabled ones first."""
    home = session.region_name or DEFAULT_REGION
    ec2 = client(session, "ec2", home)
    with translating(QT_TRANSLATE_NOOP("core", "list the regions"), region=home):
        answer = ec2.describe_regions(AllRegions=True)
    partition = partition_of(session, home)
    regions = []
    for item in answer["Regions"]:
        name = item["RegionName"]
        # An emulator (or a broad answer) may list other partitions; they need other accounts.
        if partition_of(session, name) != partition:
            continue
        status = item.get("OptInStatus", "opt-in-not-required")
        regions.append(RegionInfo(name, status != "not-opted-in", status))
    return sorted(regions, key=lambda r: (not r.opted_in, r.name))


def enabled_region_names(session: boto3.Session) -> list[str]:
    return [region.name for region in list_regions(session) if region.opted_in]


def region_opt_in_status(session: boto3.Session, region: str) -> str | None:
    """``OptInStatus`` of ``region`` for this account (``opt-in-not-required``, ``opted-in``,
    ``not-opted-in``), asked in the partition's always-enabled region; ``None`` when AWS would
    not say (no permission, no network)."""
    home = _ALWAYS_ENABLED.get(partition_of(session, region), DEFAULT_REGION)
    if region == home:
        return "opt-in-not-required"
    try:
        answer = client(session, "ec2", home).describe_regions(
            RegionNames=[region], AllRegions=True
        )
    except (ClientError, BotoCoreError) as exc:
        log.info("cannot tell whether %s is enabled: %s", region, error_code(exc) or exc)
        return None
    for item in answer.get("Regions", []):
        if item.get("RegionName") == region:
            return str(item.get("OptInStatus", "opt-in-not-required"))
    return None


def region_not_enabled(region: str, *, detail: str = "") -> WizardError:
    """The error for a region the account has not enabled (``opt-in-required``)."""
    return WizardError(
        QT_TRANSLATE_NOOP("core", "The region {region} is not enabled for your account.").format(
            region=region
        ),
        hint=QT_TRANSLATE_NOOP(
            "core",
            "Enable it in the AWS console (account menu > Account > AWS Regions; it takes a few "
            "minutes), or choose another region.",
        ),
        code="opt-in-required",
        detail=detail,
        params={"region": region},
    )


def require_region_enabled(session: boto3.Session, region: str) -> None:
    """Raise ``opt-in-required`` when the account has not enabled ``region``."""
    if region_opt_in_status(session, region) == "not-opted-in":
        raise region_not_enabled(region)
