"""``ec2nb launch --check``: the launch's calls tried with ``DryRun`` and read-only calls, as a
table of what this identity may do (see :mod:`app.core.aws.preflight`). Nothing is created."""

from __future__ import annotations

import dataclasses
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1
_RESULT = {"allowed": "allowed", "not-checked": "not checked", "failed": "failed"}


def result_text(check: Any) -> str:
    """What the table's last column says of one check."""
    if check.status == "denied":
        text = f"MISSING {check.permission}"
    else:
        text = _RESULT.get(check.status, check.status)
    if check.note:
        text += f" ({check.note})" if check.status != "not-checked" else f": {check.note}"
    elif check.status == "denied" and not check.required:
        text += " (optional)"
    return text


def run_check(plan: Any, reporter: Any) -> int:
    """Check ``plan``'s permissions, print the table (or one JSON object), return the exit code."""
    from app.core.aws.preflight import check_permissions
    from app.core.aws.session import Credentials, make_session

    session = make_session(Credentials(profile=plan.profile), plan.region)
    report = check_permissions(session, plan, progress=lambda _step, _message: None)
    reporter.event(
        {
            "event": "preflight",
            "region": report.region,
            "account": report.account,
            "arn": report.arn,
            "ok": report.ok,
            "missing": report.missing,
            "checks": [dataclasses.asdict(check) for check in report.checks],
        }
    )
    if not reporter.as_json:
        reporter.say(f"Permissions of {report.arn} (account {report.account}) in {report.region}:")
        width = max(len(check.call) for check in report.checks) + 2
        reporter.say(f"  {'CALL':<{width}}{'HOW':<11}RESULT")
        for check in report.checks:
            reporter.say(f"  {check.call:<{width}}{check.how:<11}{result_text(check)}")
        if report.ok:
            reporter.say("Every call this launch needs is allowed. Nothing was created.")
        else:
            reporter.say(
                "Missing permissions: " + ", ".join(report.missing or ["(see the table)"]) + "."
                " Nothing was created."
            )
    return EXIT_OK if report.ok else EXIT_FAILED
