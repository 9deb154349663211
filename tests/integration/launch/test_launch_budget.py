"""The launch's spending alert (AWS Budgets): set with the launch, a refusal is a warning that
does not stop the launch, and the clean-up of the launch keeps the account's budget."""

from __future__ import annotations

import dataclasses

from app.core.aws.budgets import describe_budget
from app.core.aws.session import Credentials, make_session
from app.core.launch import LaunchJob, LaunchOverrides, StepEvent
from app.core.plan import LaunchPlan
from app.demo.budgets import emulate_budgets
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION

EMAIL = "ada@example.com"


def _job(stand_in: StandIn, events: list[StepEvent], **plan: object) -> LaunchJob:
    emulate_budgets(stand_in.aws)
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


def test_a_launch_sets_the_budget_and_its_clean_up_keeps_it(stand_in: StandIn) -> None:
    events: list[StepEvent] = []
    job = _job(stand_in, events, budget_usd=40.0, budget_email=EMAIL)
    try:
        result = job.run()
        assert result.warnings == []
        done = [e for e in events if e.step == "budget" and e.state == "done"]
        assert done
        assert "Monthly budget $40" in done[0].message
    finally:
        job.cleanup()
    session = make_session(Credentials(), REGION)
    info = describe_budget(session, REGION)
    assert info is not None
    assert (info.limit_usd, info.emails) == (40.0, (EMAIL,))


def test_a_refused_budget_is_a_warning_and_the_launch_goes_on(stand_in: StandIn) -> None:
    stand_in.aws.inject("CreateBudget", "AccessDeniedException", message="not authorized")
    events: list[StepEvent] = []
    job = _job(stand_in, events, budget_usd=40.0, budget_email=EMAIL)
    try:
        result = job.run()
        [warning] = result.warnings
        assert warning.startswith("No spending alert was set (the launch goes on)")
        assert "budgets:ModifyBudget" in warning
        assert result.instance_id
    finally:
        job.cleanup()
    assert describe_budget(make_session(Credentials(), REGION), REGION) is None


def test_without_a_budget_the_step_is_skipped_and_budgets_is_not_called(
    stand_in: StandIn,
) -> None:
    events: list[StepEvent] = []
    job = _job(stand_in, events)
    try:
        job.run()
    finally:
        job.cleanup()
    assert any(e.step == "budget" and e.state == "skipped" for e in events)
    assert not {"CreateBudget", "DescribeBudget"} & set(stand_in.aws.calls)
