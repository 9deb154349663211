"""Launch again after AWS took a spot machine back: the new launch's work-disk step waits while
the disk still detaches from the terminated machine (AWS shows it ``in-use`` for a moment), then
mounts the same disk."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from app.core.aws.instances import describe_instance
from app.core.aws.session import Credentials, make_session
from app.core.launch import LaunchJob, StepEvent
from app.core.launch.relaunch import relaunch_plan, work_disk_name
from app.core.plan import LaunchPlan, Market
from app.demo.realism_spot_interrupt import SpotInterruption
from app.demo.realism_volumes import Volumes
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="loop mounts need root (CI is root)")


def test_the_relaunch_waits_for_the_disk_to_leave_the_taken_back_machine(
    stand_in: StandIn,
) -> None:
    plan = LaunchPlan(
        region=REGION,
        instance_type="g4dn.xlarge",
        volume_gib=40,
        market=Market.SPOT,
        trusted_host_key=stand_in.host_fingerprint,
        idle_stop_minutes=None,
        work_disk="new:1",
    )
    first = LaunchJob(plan)
    result = first.run()
    assert result.tunnel is not None
    result.tunnel.close()
    # AWS takes some seconds to detach a terminated machine's volume: longer than the launch
    # needs to reach its work-disk step.
    stand_in.aws.behaviour(Volumes).detaching = 4.0
    stand_in.aws.behaviour(SpotInterruption).take_back(REGION, result.instance_id)

    session = make_session(Credentials(), REGION)
    taken = describe_instance(session, REGION, result.instance_id)
    assert taken.taken_back_by_aws
    again = relaunch_plan(
        taken, plan, market=Market.ON_DEMAND, disk_name=work_disk_name(session, taken)
    )
    assert again.work_disk == f"work-{first.launch_id}"
    events: list[StepEvent] = []
    second = LaunchJob(
        replace(again, trusted_host_key=stand_in.host_fingerprint), progress_event=events.append
    )
    relaunched = second.run()
    try:
        notes = [str(e.message) for e in events if e.step == "work-disk"]
        assert any("waiting for it to detach" in note for note in notes), notes
        assert relaunched.market == "on-demand"
        assert relaunched.work_disk is not None
        assert relaunched.work_disk.volume_id == first.journal.resources.work_disk_id
    finally:
        if relaunched.tunnel is not None:
            relaunched.tunnel.close()
        second.cleanup()
