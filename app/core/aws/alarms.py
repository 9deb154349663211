"""A CloudWatch alarm that stops an idle instance: the safety net behind the on-instance agent."""

from __future__ import annotations

import math

import boto3

from app.core.aws.errors import translating
from app.core.aws.regions import partition_of
from app.core.aws.session import client
from app.core.aws.tags import launch_tags
from app.core.sentence import QT_TRANSLATE_NOOP

PERIOD_SECONDS = 300  # basic monitoring publishes CPU every 5 minutes
IDLE_CPU_PERCENT = 5.0
#: CPUUtilization is the average over all vCPUs: one busy core of a 192-vCPU machine is 0.5%.
#: Idle means less than half of one vCPU busy, and never more than IDLE_CPU_PERCENT.
BUSY_VCPU_SHARE = 0.5


def idle_threshold(vcpus: int) -> float:
    """The average CPU % below which a machine of ``vcpus`` vCPUs counts as idle."""
    if vcpus <= 0:
        return IDLE_CPU_PERCENT
    return round(min(IDLE_CPU_PERCENT, 100.0 * BUSY_VCPU_SHARE / vcpus), 3)


def alarm_prefix(launch_id: str) -> str:
    return f"ec2nb-{launch_id}-"


def create_idle_alarm(
    session: boto3.Session,
    region: str,
    instance_id: str,
    launch_id: str,
    minutes: int,
    *,
    threshold_percent: float = IDLE_CPU_PERCENT,
    vcpus: int = 0,
) -> str:
    """Stop ``instance_id`` after ``minutes`` of average CPU below ``threshold_percent``.

    Returns the alarm name. Creating it again replaces it (PutMetricAlarm is an upsert).
    ``vcpus``: the machine's vCPU count; when given, the threshold is :func:`idle_threshold`.
    """
    if vcpus:
        threshold_percent = min(threshold_percent, idle_threshold(vcpus))
    periods = max(1, math.ceil(minutes * 60 / PERIOD_SECONDS))
    name = f"{alarm_prefix(launch_id)}idle-stop"
    action = f"arn:{partition_of(session, region)}:automate:{region}:ec2:stop"
    cloudwatch = client(session, "cloudwatch", region)
    with translating(QT_TRANSLATE_NOOP("core", "create the idle alarm"), region=region):
        cloudwatch.put_metric_alarm(
            AlarmName=name,
            AlarmDescription=(
                f"EC2 Notebook Wizard: stop {instance_id} after {minutes} min below "
                f"{threshold_percent:g}% CPU"
            ),
            Namespace="AWS/EC2",
            MetricName="CPUUtilization",
            Dimensions=[{"Name": "InstanceId", "Value": instance_id}],
            Statistic="Average",
            Period=PERIOD_SECONDS,
            EvaluationPeriods=periods,
            DatapointsToAlarm=periods,
            Threshold=threshold_percent,
            ComparisonOperator="LessThanThreshold",
            # A stopped instance sends no data; that must not count as idle or as busy.
            TreatMissingData="missing",
            AlarmActions=[action],
            Tags=launch_tags(launch_id),
        )
    return name


def delete_idle_alarms(session: boto3.Session, region: str, launch_id: str) -> list[str]:
    """Delete the launch's alarms; returns their names."""
    cloudwatch = client(session, "cloudwatch", region)
    with translating(QT_TRANSLATE_NOOP("core", "delete the idle alarm"), region=region):
        found = cloudwatch.describe_alarms(AlarmNamePrefix=alarm_prefix(launch_id))
        names = [alarm["AlarmName"] for alarm in found.get("MetricAlarms", [])]
        if names:
            cloudwatch.delete_alarms(AlarmNames=names)
    return names
