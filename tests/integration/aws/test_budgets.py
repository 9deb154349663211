"""The spending budget (AWS Budgets) against moto's Budgets and the emulator's gap-fillers."""

from __future__ import annotations

import json

import boto3
import pytest

from app.core.aws.budgets import (
    BUDGET_NAME,
    THRESHOLDS,
    check_email,
    delete_budget,
    describe_budget,
    set_budget,
)
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.redact import redact
from app.demo.budgets import emulate_budgets, seed_spend
from app.demo.emulator import ACCOUNT_ID
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION

EMAIL = "ada@example.com"


@pytest.fixture
def budgets(aws: AwsEmulator) -> AwsEmulator:
    emulate_budgets(aws)
    return aws


def test_a_new_budget_alerts_by_email_at_80_and_100_percent_of_actual_spend(
    session: boto3.Session, budgets: AwsEmulator
) -> None:
    assert describe_budget(session, REGION) is None
    info = set_budget(session, REGION, 50, EMAIL)
    assert (info.name, info.limit_usd, info.emails, info.thresholds) == (
        BUDGET_NAME,
        50.0,
        (EMAIL,),
        THRESHOLDS,
    )
    raw = client(session, "budgets", "us-east-1").describe_budget(
        AccountId=ACCOUNT_ID, BudgetName=BUDGET_NAME
    )["Budget"]
    assert (raw["TimeUnit"], raw["BudgetType"], raw["BudgetLimit"]["Unit"]) == (
        "MONTHLY",
        "COST",
        "USD",
    )
    notes = client(session, "budgets", "us-east-1").describe_notifications_for_budget(
        AccountId=ACCOUNT_ID, BudgetName=BUDGET_NAME
    )["Notifications"]
    assert {(n["NotificationType"], n["Threshold"]) for n in notes} == {
        ("ACTUAL", 80.0),
        ("ACTUAL", 100.0),
    }
    assert info.as_json()["alerts"][0] == {
        "type": "ACTUAL",
        "threshold_percent": 80.0,
        "emails": [EMAIL],
    }


def test_setting_it_again_changes_the_limit_and_the_recipient_and_keeps_one_budget(
    session: boto3.Session, budgets: AwsEmulator
) -> None:
    set_budget(session, REGION, 50, EMAIL)
    info = set_budget(session, REGION, "120.5")
    assert (info.limit_usd, info.emails) == (120.5, (EMAIL,))
    info = set_budget(session, REGION, 120.5, "bob@example.org")
    assert (info.emails, info.thresholds) == (("bob@example.org",), THRESHOLDS)
    listed = client(session, "budgets", "us-east-1").describe_budgets(AccountId=ACCOUNT_ID)
    assert [b["BudgetName"] for b in listed["Budgets"]] == [BUDGET_NAME]


def test_a_new_budget_needs_an_email_and_a_positive_limit(
    session: boto3.Session, budgets: AwsEmulator
) -> None:
    with pytest.raises(WizardError) as missing:
        set_budget(session, REGION, 50)
    assert missing.value.code == "bad-email"
    with pytest.raises(WizardError) as zero:
        set_budget(session, REGION, 0, EMAIL)
    assert zero.value.code == "bad-budget"
    assert describe_budget(session, REGION) is None  # nothing half-made


@pytest.mark.parametrize(
    "address",
    ["ada", "ada@", "@example.com", "ada@example", "ada@example.com\nbcc@evil.com", "a b@c.de"],
)
def test_an_email_is_matched_in_full(address: str) -> None:
    with pytest.raises(WizardError) as caught:
        check_email(address)
    assert caught.value.code == "bad-email"


def test_delete_removes_it_and_says_when_there_was_none(
    session: boto3.Session, budgets: AwsEmulator
) -> None:
    set_budget(session, REGION, 50, EMAIL)
    assert delete_budget(session, REGION) is True
    assert describe_budget(session, REGION) is None
    assert delete_budget(session, REGION) is False


def test_missing_permission_names_the_budgets_iam_action(
    session: boto3.Session, budgets: AwsEmulator
) -> None:
    budgets.inject("CreateBudget", "AccessDeniedException", message="User is not authorized")
    with pytest.raises(WizardError) as caught:
        set_budget(session, REGION, 50, EMAIL)
    assert caught.value.code == "unauthorized"
    assert "budgets:ModifyBudget" in str(caught.value)
    assert describe_budget(session, REGION) is None


def test_too_many_budgets_is_a_clear_sentence(session: boto3.Session, budgets: AwsEmulator) -> None:
    budgets.inject("CreateBudget", "CreationLimitExceededException", message="limit")
    with pytest.raises(WizardError) as caught:
        set_budget(session, REGION, 50, EMAIL)
    assert caught.value.code == "budget-limit"
    assert "too many budgets" in str(caught.value)


def test_the_address_is_masked_in_the_log(session: boto3.Session, budgets: AwsEmulator) -> None:
    set_budget(session, REGION, 50, "grace.hopper@example.com")
    assert "grace.hopper@example.com" not in redact("alerts go to grace.hopper@example.com")


def test_the_cli_sets_shows_and_deletes_the_budget(
    budgets: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    assert main(["budget", "--region", REGION]) == 0
    assert "No spending budget yet" in capsys.readouterr().out
    assert main(["budget", "set", "75", "--email", EMAIL, "--region", REGION]) == 0
    shown = capsys.readouterr().out
    assert "$75 a month" in shown
    assert "at 80%, 100% of actual spend" in shown
    assert "first two budgets are free" in shown
    assert main(["budget", "--json", "--region", REGION]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["limit_usd"], data["actual_usd"]) == (75.0, 0.0)
    assert [a["threshold_percent"] for a in data["alerts"]] == [80.0, 100.0]
    assert main(["budget", "delete", "--yes", "--region", REGION]) == 0
    assert "Deleted the budget" in capsys.readouterr().out
    assert main(["budget", "set", "75", "--email", "not-an-address", "--region", REGION]) == 1
    assert "is not an email address" in capsys.readouterr().err


def test_the_command_line_with_an_email_is_masked_in_the_log() -> None:
    assert redact("started: launch --budget 50 --email ada@example.com --yes") == (
        "started: launch --budget 50 --email *** --yes"
    )
    assert "ada@" not in redact('{"budget_email": "ada@example.com"}')


def test_a_plan_with_a_budget_needs_a_whole_email_and_a_positive_limit() -> None:
    from app.core.plan import LaunchPlan

    assert LaunchPlan(region=REGION, budget_usd=30, budget_email=EMAIL).problems() == []
    problems = LaunchPlan(region=REGION, budget_usd=-1, budget_email="x@y").problems()
    assert len(problems) == 2
    assert "is not a monthly limit" in problems[0]
    assert "is not an email" in problems[1]


def test_the_emulator_refuses_as_aws_does(session: boto3.Session, budgets: AwsEmulator) -> None:
    from botocore.exceptions import ClientError

    api = client(session, "budgets", "us-east-1")
    budget = {
        "BudgetName": "other",
        "BudgetLimit": {"Amount": "5", "Unit": "USD"},
        "TimeUnit": "MONTHLY",
        "BudgetType": "COST",
    }
    note = {"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN", "Threshold": 80}
    with pytest.raises(ClientError, match="InvalidParameterException"):
        api.create_budget(
            AccountId=ACCOUNT_ID,
            Budget=budget,
            NotificationsWithSubscribers=[
                {
                    "Notification": note,
                    "Subscribers": [{"SubscriptionType": "EMAIL", "Address": "a@b.co\nc@d.co"}],
                }
            ],
        )
    with pytest.raises(ClientError, match="NotFoundException"):
        api.update_budget(AccountId=ACCOUNT_ID, NewBudget=budget)
    with pytest.raises(ClientError, match="NotFoundException"):
        api.describe_notifications_for_budget(AccountId=ACCOUNT_ID, BudgetName="other")


def test_spend_is_shown_and_a_changed_limit_shows_zero_until_aws_recomputes(
    session: boto3.Session, budgets: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    set_budget(session, REGION, 50, EMAIL)
    seed_spend(ACCOUNT_ID, BUDGET_NAME, 12.34, 41.0)
    info = describe_budget(session, REGION)
    assert info is not None
    assert (info.actual_usd, info.forecast_usd) == (12.34, 41.0)
    assert main(["budget", "--region", REGION]) == 0
    assert "$12.34 this month (forecast: $41.00)" in capsys.readouterr().out
    # UpdateBudget: "the calculatedSpend drops to zero until AWS has new usage data".
    info = set_budget(session, REGION, 60)
    assert (info.limit_usd, info.actual_usd, info.emails) == (60.0, 0.0, (EMAIL,))
    # The same limit again changes nothing: the spend stays.
    seed_spend(ACCOUNT_ID, BUDGET_NAME, 5.0)
    assert set_budget(session, REGION, 60, EMAIL).actual_usd == 5.0
    assert "UpdateBudget" not in budgets.calls[-6:]


def test_launch_options_put_the_budget_in_the_plan_and_the_review() -> None:
    from app.cli import build_parser
    from app.commands.launch import describe_plan, plan_from_args

    args = build_parser().parse_args(
        ["launch", "--region", REGION, "--budget", "25", "--email", EMAIL]
    )
    plan = plan_from_args(args)
    assert (plan.budget_usd, plan.budget_email) == (25.0, EMAIL)
    review = "\n".join(describe_plan(plan, 0.5, "test"))
    assert f"Spending alert: $25 a month (AWS Budgets), emails to {EMAIL}" in review
    assert "first two budgets are free" in review
    plain = plan_from_args(build_parser().parse_args(["launch", "--region", REGION]))
    assert plain.budget_usd is None
    assert "Spending alert" not in "\n".join(describe_plan(plain, 0.5, "test"))


def test_a_budget_made_meanwhile_is_changed_not_refused(
    session: boto3.Session, budgets: AwsEmulator
) -> None:
    # Another launch created it between our look and our CreateBudget.
    budgets.inject("CreateBudget", "DuplicateRecordException", message="exists")
    info = set_budget(session, REGION, 30, EMAIL)
    assert (info.limit_usd, info.emails) == (30.0, (EMAIL,))
    assert budgets.calls.count("CreateBudget") == 2
