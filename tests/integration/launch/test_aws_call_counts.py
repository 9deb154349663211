"""How many AWS calls one launch makes, per API action: no step repeats another's work.

Counted on the wire by the emulator's gateway (retries included). A change that adds a call
fails here on purpose: pass along what an earlier step fetched, or update the table and say why.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from app.core.launch import LaunchJob, LaunchOverrides, LaunchResult
from app.core.plan import LaunchPlan
from app.demo.realism_consistency import EventualConsistency
from app.demo.realism_volumes import Volumes
from app.demo.services import emulate_missing_services
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION

# Shared by every launch: a new key imported, a new group, the newest DLAMI, an idle alarm.
PROVISIONING = {
    "GetCallerIdentity": 1,  # identity
    "GetParametersByPath": 1,  # ami: the x86_64 DLAMI parameters (one page here)
    "DescribeImages": 1,
    "DescribeInstanceTypes": 1,  # quota: the type's vCPUs
    "ListServiceQuotas": 1,
    "DescribeVpcs": 1,  # security group and instance subnet share one look-up
    "DescribeSecurityGroups": 1,
    "CreateSecurityGroup": 1,
    "AuthorizeSecurityGroupIngress": 1,
    "DescribeKeyPairs": 1,
    "ImportKeyPair": 1,
    "DescribeInstances": 2,  # no instance of this launch yet; then wait until running
    "DescribeSubnets": 1,
    "DescribeInstanceTypeOfferings": 1,
    "RunInstances": 1,
    "PutMetricAlarm": 1,
    "CreateVolume": 1,  # the new work disk
    "AttachVolume": 1,
    "CreateTags": 2,  # the instance names its work disk; the disk gets its last use
}
# The host keys: the console is empty for the first stretch of boot (as on EC2), so how many
# polls it takes depends on time, not on a step repeating another's work.
CONSOLE_POLLS = range(1, 4)
# The work disk: "creating" until available, then "attaching" until attached (polls likewise).
VOLUME_POLLS = range(4, 9)


def _without_console_polls(calls: Counter[str]) -> dict[str, int]:
    counted = dict(calls)
    assert counted.pop("GetConsoleOutput", 0) in CONSOLE_POLLS
    assert counted.pop("DescribeVolumes", 0) in VOLUME_POLLS
    return counted


def _plan(stand_in: StandIn) -> LaunchPlan:
    return LaunchPlan(
        region=REGION,
        image_id="latest",
        instance_type="g4dn.xlarge",
        volume_gib=40,
        idle_stop_minutes=30,
    )


def _calls_of(stand_in: StandIn, job: LaunchJob) -> tuple[LaunchResult, Counter[str]]:
    # The retries eventual consistency adds (a new group or instance not visible for a moment)
    # depend on timing: counted without it (test_eventual_consistency.py and the launch tests
    # run with it).
    stand_in.aws.behaviour(EventualConsistency).window = 0
    stand_in.aws.behaviour(Volumes).window = 0
    already = len(stand_in.aws.calls)
    result = job.run()
    return result, Counter(stand_in.aws.calls[already:])


def test_a_full_launch_calls_each_aws_action_once(stand_in: StandIn) -> None:
    # moto has no EC2 quotas: the list fails, one quota is asked for directly (applied, then
    # AWS default), each once; the quota stays unknown and the launch goes on.
    job = LaunchJob(_plan(stand_in))
    result, calls = _calls_of(stand_in, job)
    try:
        assert result.url is not None
        expected = {**PROVISIONING, "GetServiceQuota": 1, "GetAWSDefaultServiceQuota": 1}
        assert _without_console_polls(calls) == expected
    finally:
        result.tunnel.close()
        job.cleanup()


def test_with_service_quotas_the_vcpus_of_running_instances_are_not_asked_again(
    stand_in: StandIn,
) -> None:
    # Service Quotas answering (as on AWS): one listing, plus the vCPUs in use. The second
    # launch finds the first's instance running: its type's vCPUs are known already.
    emulate_missing_services(stand_in.aws)
    overrides = dataclasses.replace(LaunchOverrides.from_env(), provision_only=True)
    jobs = [LaunchJob(_plan(stand_in), overrides=overrides) for _ in range(2)]
    try:
        counted = [_calls_of(stand_in, job)[1] for job in jobs]
        quota = [[e for e in job.events if e.step == "quota"][-1] for job in jobs]
        assert [e.state for e in quota] == ["done", "done"]
        assert "0 in use" in quota[0].message
        assert "4 in use" in quota[1].message  # the first launch's g4dn.xlarge
        for calls in counted:
            # + the pending and running instances counted against the quota
            assert _without_console_polls(calls) == {**PROVISIONING, "DescribeInstances": 3}
    finally:
        for job in jobs:
            job.cleanup()


def test_a_quota_never_changed_is_read_from_the_listing_and_its_default_only(
    stand_in: StandIn,
) -> None:
    # As on AWS for an account that never changed its quotas: the listing leaves the quota
    # out, so its AWS default is read once; the verdict is unknown and no vCPUs are counted.
    emulate_missing_services(stand_in.aws, applied=())
    overrides = dataclasses.replace(LaunchOverrides.from_env(), provision_only=True)
    job = LaunchJob(_plan(stand_in), overrides=overrides)
    try:
        calls = _calls_of(stand_in, job)[1]
        quota = [e for e in job.events if e.step == "quota"][-1]
        assert quota.state == "skipped"
        assert "unknown (default 64 vCPUs)" in quota.message
        # Provisioning ends after the host keys, which the console shows (polled 1-3 times).
        expected = {**PROVISIONING, "GetAWSDefaultServiceQuota": 1}
        assert _without_console_polls(calls) == expected
    finally:
        job.cleanup()
