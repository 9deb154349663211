"""A monthly AWS Budgets cost budget with email alerts: the account's spending alarm.

AWS Budgets is a global service: one endpoint (us-east-1 in the ``aws`` partition) and every
call names the account (from STS). The budget belongs to the account, not to a launch: no
clean-up deletes it. Its alerts are ACTUAL spend at 80 % and 100 %: an email when money was
really spent. FORECASTED alerts are left out on purpose: AWS needs about five weeks of usage
history before it forecasts, and a forecast early in the month of a fresh GPU machine swings
widely (one busy day projects to a month), so they would mostly be noise or silence.

The alert address is personal data (botocore's model marks ``SubscriberAddress`` sensitive):
it is registered with :mod:`app.core.redact` so the log masks it; it is shown only to its user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.budget_terms import BUDGET_NAME, PRICING_URL, THRESHOLDS
from app.core.aws.errors import translate
from app.core.aws.identity import check_identity
from app.core.aws.regions import partition_of
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

PRICE_NOTE = QT_TRANSLATE_NOOP(
    "core",
    "AWS Budgets: an account's first two budgets are free; each further budget costs $0.02 a "
    "day. Alerts are emails from AWS when the month's actual spend passes 80 % and 100 % of "
    "the limit (AWS updates spend a few times a day). {url}",
).format(url=PRICING_URL)

# A plain address, matched in full: one @, a dotted domain, no spaces or line breaks (AWS
# refuses an address with a line break).
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_LIMIT_MAX = Decimal("1000000")

# The IAM action each Budgets call needs (not "budgets:<Operation>": AWS groups them).
_PERMISSION = {
    "DescribeBudget": "budgets:ViewBudget",
    "DescribeNotificationsForBudget": "budgets:ViewBudget",
    "DescribeSubscribersForNotification": "budgets:ViewBudget",
    "CreateBudget": "budgets:ModifyBudget",
    "UpdateBudget": "budgets:ModifyBudget",
    "DeleteBudget": "budgets:ModifyBudget",
    "CreateNotification": "budgets:ModifyBudget",
    "DeleteNotification": "budgets:ModifyBudget",
}


@dataclass(frozen=True)
class BudgetInfo:
    """The tool's budget as AWS describes it."""

    name: str
    limit_usd: float
    actual_usd: float
    forecast_usd: float | None  # None until AWS has enough history to forecast
    emails: tuple[str, ...] = ()
    thresholds: tuple[float, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "limit_usd": self.limit_usd,
            "actual_usd": self.actual_usd,
            "forecast_usd": self.forecast_usd,
            "alerts": [
                {"type": "ACTUAL", "threshold_percent": t, "emails": list(self.emails)}
                for t in self.thresholds
            ],
        }


def check_email(address: str) -> str:
    """``address`` stripped, if it is a whole email address; else a clear error."""
    address = address.strip()
    if not _EMAIL.fullmatch(address) or len(address) > 254:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "'{address}' is not an email address.").format(
                address=address
            ),
            hint=QT_TRANSLATE_NOOP(
                "core", "Give the address that should receive the alerts, e.g. name@example.com."
            ),
            code="bad-email",
        )
    register_secret(address)
    return address


def check_limit(amount: float | str) -> Decimal:
    """A monthly limit in dollars (more than 0, at most a million, cents at most)."""
    try:
        value = Decimal(str(amount)).quantize(Decimal("0.01"))
    except InvalidOperation:
        value = Decimal(0)
    if not Decimal(0) < value <= _LIMIT_MAX:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "'{amount}' is not a monthly limit in dollars.").format(
                amount=amount
            ),
            hint=QT_TRANSLATE_NOOP("core", "Give an amount above 0, e.g. 50 or 120.50."),
            code="bad-budget",
        )
    return value


def budgets_region(session: boto3.Session, region: str) -> str:
    """Where Budgets answers: its one endpoint per partition (us-east-1 for ``aws``)."""
    partition = partition_of(session, region)
    return {"aws-cn": "cn-northwest-1", "aws-us-gov": "us-gov-west-1"}.get(partition, "us-east-1")


def _call(session: boto3.Session, region: str, operation: str, action: Sentence, **kw: Any) -> Any:
    budgets = client(session, "budgets", budgets_region(session, region))
    method = re.sub(r"(?<!^)([A-Z])", r"_\1", operation).lower()
    try:
        return getattr(budgets, method)(**kw)
    except (ClientError, BotoCoreError) as exc:
        raise translate(
            exc, action=action, permission=_PERMISSION[operation], budget=BUDGET_NAME
        ) from exc


def _account(session: boto3.Session, region: str, account: str | None) -> str:
    return account or check_identity(session, region).account


def _notification(threshold: float) -> dict[str, Any]:
    return {
        "NotificationType": "ACTUAL",
        "ComparisonOperator": "GREATER_THAN",
        "Threshold": threshold,
        "ThresholdType": "PERCENTAGE",
    }


def _budget(limit: Decimal) -> dict[str, Any]:
    return {
        "BudgetName": BUDGET_NAME,
        "BudgetLimit": {"Amount": str(limit), "Unit": "USD"},
        "TimeUnit": "MONTHLY",
        "BudgetType": "COST",
    }


_VIEW = QT_TRANSLATE_NOOP("core", "read the spending budget")
_MODIFY = QT_TRANSLATE_NOOP("core", "change the spending budget")


def describe_budget(
    session: boto3.Session, region: str, *, account: str | None = None
) -> BudgetInfo | None:
    """The tool's budget, or None when the account has none."""
    account = _account(session, region, account)
    try:
        found = _call(
            session, region, "DescribeBudget", _VIEW, AccountId=account, BudgetName=BUDGET_NAME
        )["Budget"]
    except WizardError as exc:
        if exc.code == "budget-not-found":
            return None
        raise
    notes = _call(
        session,
        region,
        "DescribeNotificationsForBudget",
        _VIEW,
        AccountId=account,
        BudgetName=BUDGET_NAME,
    ).get("Notifications", [])
    emails: list[str] = []
    for note in notes[:1]:  # every alert of ours has the same subscribers
        subscribers = _call(
            session,
            region,
            "DescribeSubscribersForNotification",
            _VIEW,
            AccountId=account,
            BudgetName=BUDGET_NAME,
            Notification=note,
        ).get("Subscribers", [])
        emails = [s["Address"] for s in subscribers if s.get("SubscriptionType") == "EMAIL"]
    for address in emails:
        register_secret(address)
    spend = found.get("CalculatedSpend", {})
    forecast = spend.get("ForecastedSpend")
    return BudgetInfo(
        name=BUDGET_NAME,
        limit_usd=float(found["BudgetLimit"]["Amount"]),
        actual_usd=float(spend.get("ActualSpend", {}).get("Amount", 0)),
        forecast_usd=float(forecast["Amount"]) if forecast else None,
        emails=tuple(emails),
        thresholds=tuple(sorted(float(n["Threshold"]) for n in notes)),
    )


def set_budget(
    session: boto3.Session,
    region: str,
    limit_usd: float | str,
    email: str | None = None,
    *,
    account: str | None = None,
) -> BudgetInfo:
    """Create the monthly budget with its alerts to ``email``, or change the existing one's
    limit (and, when ``email`` is given, where its alerts go).

    A new budget is made in one CreateBudget call with its notifications, so a failure leaves
    nothing half-made. A new budget needs ``email``.
    """
    limit = check_limit(limit_usd)
    address = check_email(email) if email is not None else None
    account = _account(session, region, account)
    existing = describe_budget(session, region, account=account)
    if existing is None:
        if address is None:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "There is no spending budget yet: an email is needed."),
                hint=QT_TRANSLATE_NOOP(
                    "core", "Give the address that should receive the alerts (--email)."
                ),
                code="bad-email",
            )
        subscribers = [{"SubscriptionType": "EMAIL", "Address": address}]
        try:
            _call(
                session,
                region,
                "CreateBudget",
                _MODIFY,
                AccountId=account,
                Budget=_budget(limit),
                NotificationsWithSubscribers=[
                    {"Notification": _notification(t), "Subscribers": subscribers}
                    for t in THRESHOLDS
                ],
            )
        except WizardError as exc:
            if exc.code != "budget-exists":  # made meanwhile (another launch): change it instead
                raise
            return set_budget(session, region, limit_usd, address, account=account)
    else:
        if float(limit) != existing.limit_usd:
            _call(
                session,
                region,
                "UpdateBudget",
                _MODIFY,
                AccountId=account,
                NewBudget=_budget(limit),
            )
        if address is not None and (
            existing.emails != (address,) or existing.thresholds != THRESHOLDS
        ):
            _replace_alerts(session, region, account, existing, address)
    found = describe_budget(session, region, account=account)
    if found is None:  # deleted meanwhile
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The spending budget disappeared while it was being set."),
            hint=QT_TRANSLATE_NOOP("core", "Try again."),
            code="budget-not-found",
        )
    return found


def _replace_alerts(
    session: boto3.Session, region: str, account: str, existing: BudgetInfo, address: str
) -> None:
    """Point the alerts at ``address``: each one is made afresh (a notification and its
    subscribers are created together, so an alert never exists without a recipient)."""
    subscribers = [{"SubscriptionType": "EMAIL", "Address": address}]
    for threshold in THRESHOLDS:
        if threshold in existing.thresholds:
            _call(
                session,
                region,
                "DeleteNotification",
                _MODIFY,
                AccountId=account,
                BudgetName=BUDGET_NAME,
                Notification=_notification(threshold),
            )
        _call(
            session,
            region,
            "CreateNotification",
            _MODIFY,
            AccountId=account,
            BudgetName=BUDGET_NAME,
            Notification=_notification(threshold),
            Subscribers=subscribers,
        )


def delete_budget(session: boto3.Session, region: str, *, account: str | None = None) -> bool:
    """Delete the tool's budget (and its alerts); False when there was none."""
    account = _account(session, region, account)
    try:
        _call(session, region, "DeleteBudget", _MODIFY, AccountId=account, BudgetName=BUDGET_NAME)
    except WizardError as exc:
        if exc.code == "budget-not-found":
            return False
        raise
    return True
