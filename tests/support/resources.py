"""What a launch could leave behind in the emulator, listed as the user would see it."""

from __future__ import annotations

from typing import Any

import boto3


def emulator_resources(region: str) -> dict[str, Any]:
    """Instances, groups and their rules, key pairs, tags and alarms of ``region``."""
    ec2 = boto3.client("ec2", region_name=region)
    cloudwatch = boto3.client("cloudwatch", region_name=region)
    return {
        "instances": sorted(
            i["InstanceId"]
            for r in ec2.describe_instances()["Reservations"]
            for i in r["Instances"]
        ),
        "groups": sorted(g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"]),
        "rules": len(ec2.describe_security_group_rules()["SecurityGroupRules"]),
        "key_pairs": sorted(k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"]),
        "tags": len(ec2.describe_tags()["Tags"]),
        "alarms": len(cloudwatch.describe_alarms()["MetricAlarms"]),
    }
