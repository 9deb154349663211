"""The regions of the account, with the ones it has not opted into marked."""

from __future__ import annotations

from dataclasses import dataclass

import boto3

from app.core.aws.errors import translating
from app.core.aws.session import client
from app.core.sentence import QT_TRANSLATE_NOOP

DEFAULT_REGION = "us-east-1"


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
