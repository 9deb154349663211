"""What a launch could not do although it went on reaches the user (result, progress, CLI):
a missing idle alarm, and a one-time spot instance that cannot be stopped."""

from __future__ import annotations

import dataclasses

from app.core.launch import LaunchJob, LaunchOverrides, StepEvent
from app.core.plan import LaunchPlan, Market
from app.demo.service_realism import service_realism
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION


def _job(stand_in: StandIn, events: list[StepEvent], **plan: object) -> LaunchJob:
    overrides = dataclasses.replace(LaunchOverrides.from_env(), provision_only=True)
    launch_plan = LaunchPlan(
        region=REGION,
        image_id="latest",
        instance_type="g4dn.xlarge",
        volume_gib=40,
        idle_stop_minutes=30,
        **plan,  # type: ignore[arg-type]
    )
    return LaunchJob(launch_plan, overrides=overrides, progress_event=events.append)


def test_a_failed_idle_alarm_is_shown_not_only_logged(stand_in: StandIn) -> None:
    service_realism(stand_in.aws).alarm_role.may_create = False
    events: list[StepEvent] = []
    job = _job(stand_in, events)
    try:
        result = job.run()
        [warning] = result.warnings
        assert warning.startswith("The idle alarm could not be created")
        assert "iam:CreateServiceLinkedRole" in warning
        assert any(e.step == "running" and e.message == warning for e in events)
        assert result.can_stop
    finally:
        job.cleanup()


def test_a_one_time_spot_launch_has_no_stop_alarm_and_says_so(stand_in: StandIn) -> None:
    events: list[StepEvent] = []
    job = _job(stand_in, events, market=Market.SPOT)
    try:
        result = job.run()
        assert not result.can_stop
        assert "PutMetricAlarm" not in stand_in.aws.calls
        [warning] = result.warnings
        assert warning.startswith("No idle alarm: AWS cannot stop a one-time spot instance")
    finally:
        job.cleanup()


def test_an_on_demand_launch_sizes_its_idle_alarm_to_the_vcpus(stand_in: StandIn) -> None:
    import boto3

    events: list[StepEvent] = []
    job = _job(stand_in, events)
    try:
        result = job.run()
        assert result.warnings == []
        cloudwatch = boto3.client("cloudwatch", region_name=REGION)
        alarm = cloudwatch.describe_alarms(AlarmNamePrefix=f"ec2nb-{job.launch_id}")[
            "MetricAlarms"
        ][0]
        assert alarm["Threshold"] == 5.0  # g4dn.xlarge: 4 vCPUs, half of one is 12.5 % > 5 %
    finally:
        job.cleanup()
