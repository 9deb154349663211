"""A launch resumed moments after its last run: AWS may not show its new instance yet.

Eventual consistency (app.demo.realism_consistency): the instance the earlier run started can
answer NotFound for a moment; the resumed launch waits for it instead of failing.
"""

from __future__ import annotations

from app.core.launch import LaunchJob
from app.core.plan import LaunchPlan
from app.demo.realism_consistency import EventualConsistency
from tests.integration.launch.stand_in import StandIn, notebook_status
from tests.support.aws_emulator import needs_realism
from tests.support.constants import REGION

pytestmark = needs_realism


def test_a_launch_resumed_at_once_waits_for_its_instance_to_show(stand_in: StandIn) -> None:
    plan = LaunchPlan(
        region=REGION,
        image_id="latest",
        instance_type="g4dn.xlarge",
        volume_gib=40,
        trusted_host_key=stand_in.host_fingerprint,
    )
    job = LaunchJob(plan)
    first = job.run()
    first.tunnel.close()
    # The window has not closed yet for the next calls (another AWS server answers them).
    stand_in.aws.behaviour(EventualConsistency).hide("instance", first.instance_id)
    again = LaunchJob.resume(job.launch_id)
    second = again.run()
    try:
        assert second.instance_id == first.instance_id
        assert "started" in notebook_status(second.url or "")
    finally:
        second.tunnel.close()
        again.cleanup()
    assert stand_in.aws.calls.count("RunInstances") == 1
    assert stand_in.aws.tagged_resources(REGION, job.launch_id) == {}
