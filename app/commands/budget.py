"""``ec2nb budget [set USD [--email ADDRESS] | delete]``: the account's monthly spending budget.

One AWS Budgets cost budget (``ec2nb-monthly``) with email alerts at 80 % and 100 % of the
month's actual spend. It belongs to the account: terminating or cleaning up a launch keeps it.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.commands.launch import EXIT_OK, ask, interactive

_ABOUT = (
    "The account's monthly spending budget (AWS Budgets): AWS emails you when the month's "
    "actual spend passes 80% and 100% of the limit."
)


def register(subparsers: Any) -> None:
    """Add ``budget`` and its actions to the ``ec2nb`` parser."""
    budget = subparsers.add_parser(
        "budget", help="show or change the monthly spending alert", description=_ABOUT
    )
    _options(budget)
    budget.add_argument("--json", action="store_true", help="print JSON for scripts")
    budget.set_defaults(handler=run_show)
    actions = budget.add_subparsers(dest="budget_action", metavar="ACTION")
    setting = actions.add_parser(
        "set",
        help="create the budget or change its limit (and where alerts go)",
        description=_ABOUT,
    )
    setting.add_argument("usd", metavar="USD", help="the monthly limit in US dollars")
    setting.add_argument("--email", metavar="ADDRESS", help="where the alerts go (needed once)")
    _options(setting)
    setting.add_argument("--json", action="store_true", help="print JSON for scripts")
    setting.set_defaults(handler=run_set)
    deleting = actions.add_parser("delete", help="delete the budget and its alerts")
    deleting.add_argument("--yes", "-y", action="store_true", help="do not ask")
    _options(deleting)
    deleting.set_defaults(handler=run_delete)


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", help="AWS profile (default: the environment's credentials)")
    parser.add_argument("--region", help="region for the credentials (Budgets itself is global)")


def _session(args: argparse.Namespace) -> Any:
    from app.commands.launch import _default_region
    from app.core.aws.session import Credentials, make_session

    region = args.region or _default_region(args.profile)
    return make_session(Credentials(profile=args.profile), region), region


def _print(info: Any) -> None:
    from app.core.aws.budgets import PRICE_NOTE

    forecast = "not yet (AWS needs some usage history)"
    if info.forecast_usd is not None:
        forecast = f"${info.forecast_usd:.2f}"
    print(f"Budget:    {info.name}, ${info.limit_usd:g} a month")
    print(f"Spent:     ${info.actual_usd:.2f} this month (forecast: {forecast})")
    alerts = ", ".join(f"{t:g}%" for t in info.thresholds) or "none"
    print(f"Alerts:    at {alerts} of actual spend, emailed to {', '.join(info.emails) or '-'}")
    print(PRICE_NOTE)


def run_show(args: argparse.Namespace) -> int:
    from app.core.aws.budgets import PRICE_NOTE, describe_budget

    session, region = _session(args)
    info = describe_budget(session, region)
    if args.json:
        print(json.dumps(info.as_json() if info else None))
    elif info is None:
        print("No spending budget yet. Set one: ec2nb budget set USD --email ADDRESS")
        print(PRICE_NOTE)
    else:
        _print(info)
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    from app.core.aws.budgets import set_budget

    session, region = _session(args)
    info = set_budget(session, region, args.usd, args.email)
    if args.json:
        print(json.dumps(info.as_json()))
    else:
        _print(info)
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from app.core.aws.budget_terms import BUDGET_NAME
    from app.core.aws.budgets import delete_budget

    if (
        not args.yes
        and interactive()
        and not ask(f"Delete the budget {BUDGET_NAME} and its alerts?", default=False)
    ):
        return EXIT_OK
    session, region = _session(args)
    if delete_budget(session, region):
        print(f"Deleted the budget {BUDGET_NAME}: no more spending alerts.")
    else:
        print("There was no spending budget.")
    return EXIT_OK
