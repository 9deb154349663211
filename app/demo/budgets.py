"""AWS Budgets calls moto 5.2 lacks or answers unlike AWS, played on moto's own budgets.

- ``UpdateBudget``: moto has none. AWS replaces the budget's settings and keeps its name and
  notifications; its calculated spend "drops to zero until AWS has new usage data" (the
  UpdateBudget API reference); an unknown budget is ``NotFoundException``.
- Spend: moto always reports $0; :func:`seed_spend` plays the figures AWS computes a few times
  a day (the demo and the tests set them).
- ``DescribeSubscribersForNotification``: moto has none. AWS lists a notification's
  subscribers; an unknown budget or notification is ``NotFoundException``.
- ``DescribeNotificationsForBudget`` on an unknown budget: moto crashes (a 500 that botocore
  retries); AWS answers ``NotFoundException``.
- ``CreateBudget`` / ``CreateNotification`` with a subscriber address that has a line break:
  AWS refuses it (``InvalidParameterException``, botocore's model: "can't contain line
  breaks"); moto stores it.
"""

from __future__ import annotations

import json
from typing import Any

from app.demo.emulator import ACCOUNT_ID, AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse, EmulatedApi, json_response

_CONTENT = "application/x-amz-json-1.1"


def _error(code: str, message: str) -> ApiResponse:
    return ApiResponse(400, json.dumps({"__type": code, "Message": message}).encode(), _CONTENT)


def _budget(body: dict[str, Any]) -> Any:
    """moto's budget object named by the request, or None."""
    from moto.budgets.models import budgets_backends

    backend = budgets_backends[ACCOUNT_ID]["aws"]
    name = body.get("BudgetName") or body.get("NewBudget", {}).get("BudgetName")
    return backend.budgets[str(body.get("AccountId", ""))].get(name)


def update_budget(request: ApiRequest) -> ApiResponse:
    body = request.json_body()
    new = dict(body.get("NewBudget") or {})
    found = _budget(body)
    if found is None:
        return _error(
            "NotFoundException",
            f"Unable to update budget: {new.get('BudgetName')} - the budget doesn't exist.",
        )
    if "BudgetLimit" not in new and "PlannedBudgetLimits" not in new:
        return _error("InvalidParameterException", "A budget needs a BudgetLimit.")
    kept = {k: found.budget[k] for k in ("TimePeriod", "LastUpdatedTime") if k in found.budget}
    new.pop("CalculatedSpend", None)  # not the caller's to set; zero until AWS recomputes it
    found.budget = {**new, **{k: v for k, v in kept.items() if k not in new}}
    return json_response({})


def seed_spend(account: str, name: str, actual: float, forecast: float | None = None) -> None:
    """Give budget ``name`` the spend AWS would have computed (moto reports $0)."""
    found = _budget({"AccountId": account, "BudgetName": name})
    if found is None:
        raise KeyError(name)
    spend: dict[str, Any] = {"ActualSpend": {"Amount": f"{actual:.2f}", "Unit": "USD"}}
    if forecast is not None:
        spend["ForecastedSpend"] = {"Amount": f"{forecast:.2f}", "Unit": "USD"}
    found.budget["CalculatedSpend"] = spend


def describe_subscribers(request: ApiRequest) -> ApiResponse:
    body = request.json_body()
    found = _budget(body)
    wanted = body.get("Notification")
    for note in found.notifications if found is not None else []:
        if note.details == wanted:
            return json_response({"Subscribers": note.subscribers})
    return _error(
        "NotFoundException", "Unable to describe subscribers - the notification doesn't exist."
    )


def _wrap_missing_budget(previous: EmulatedApi | None) -> EmulatedApi:
    def describe_notifications(request: ApiRequest) -> ApiResponse | None:
        if _budget(request.json_body()) is None:
            return _error(
                "NotFoundException", "Unable to get notifications - the budget doesn't exist."
            )
        return previous(request) if previous is not None else None

    return describe_notifications


def _subscribers_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(body.get("Subscribers") or [])
    for item in body.get("NotificationsWithSubscribers") or []:
        found.extend(item.get("Subscribers") or [])
    return found


def _wrap_address_check(previous: EmulatedApi | None) -> EmulatedApi:
    def create(request: ApiRequest) -> ApiResponse | None:
        for subscriber in _subscribers_of(request.json_body()):
            address = str(subscriber.get("Address", ""))
            if any(c in address for c in "\r\n"):
                return _error(
                    "InvalidParameterException", "A subscriber address can't contain line breaks."
                )
        return previous(request) if previous is not None else None

    return create


def emulate_budgets(aws: AwsEmulator) -> None:
    """Fill moto's Budgets gaps on ``aws`` (wrapping any handler already there)."""
    gateway = aws.gateway
    aws.emulate("UpdateBudget", update_budget)
    aws.emulate("DescribeSubscribersForNotification", describe_subscribers)
    with gateway.lock:
        previous = dict(gateway.emulated)
    aws.emulate(
        "DescribeNotificationsForBudget",
        _wrap_missing_budget(previous.get("DescribeNotificationsForBudget")),
    )
    for action in ("CreateBudget", "CreateNotification"):
        aws.emulate(action, _wrap_address_check(previous.get(action)))
