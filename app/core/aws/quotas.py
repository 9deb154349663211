"""The EC2 vCPU quota a GPU launch needs: enough, short (with numbers) or unknown.

GPU instances count against five vCPU quotas (On-Demand G and VT, On-Demand P, and the spot
quotas of G and VT, of P2-P4 and of P5: see :mod:`app.core.aws.quota_codes`). New accounts have
0 there, which makes this the most common reason a first launch
fails. AWS renames quotas now and then, so the codes are confirmed at run time by listing the
EC2 quotas and, if a code is missing, finding the quota by its name. Service Quotas shows an
account's own value only for a quota that was changed; otherwise only AWS's default is known,
and the verdict is "unknown (default N)", never enough or short.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.catalog import default_vcpus
from app.core.aws.errors import error_code, translate
from app.core.aws.quota_codes import (
    G_ON_DEMAND,
    G_SPOT,
    P_ON_DEMAND,
    P_SPOT,
    QuotaBucket,
    quota_for,
)
from app.core.aws.quota_codes import (
    bucket_of as bucket_of,
)
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

log = logging.getLogger(__name__)

SERVICE_CODE = "ec2"


#: (family letter, market) -> quota code of the older families; P5 spot is L-C4BD4855
#: (:func:`app.core.aws.quota_codes.quota_for` knows every type).
QUOTA_CODES = {
    ("G", "on-demand"): G_ON_DEMAND.code,
    ("P", "on-demand"): P_ON_DEMAND.code,
    ("G", "spot"): G_SPOT.code,
    ("P", "spot"): P_SPOT.code,
}


@dataclass(frozen=True)
class QuotaState:
    """Whether the vCPU quota leaves room for one more instance of a type."""

    status: str  # enough | short | unknown
    quota_code: str
    quota_name: str
    limit: float | None
    used: int | None  # vCPUs of running instances counted by this quota
    needed: int | None  # used + the new instance: what the limit must be at least
    message: Sentence
    instance_type: str = ""
    vcpus: int = 0
    # AWS's default value when the account's own (applied) value is not shown: Service Quotas
    # reports an applied value only for a quota that was changed, so the default may be stale.
    default_limit: float | None = None


@dataclass(frozen=True)
class QuotaRequest:
    request_id: str
    status: str  # PENDING | CASE_OPENED | APPROVED | DENIED | ...
    desired_value: float
    quota_code: str = ""
    case_id: str = ""


class _QuotaReader:
    """Reads quota values and vCPU usage once, for any number of checks in one region.

    ``known_vcpus`` are the vCPU counts the caller already has (the types it checks), so that
    counting the running instances of those types asks EC2 nothing more.
    """

    def __init__(
        self, session: boto3.Session, region: str, known_vcpus: dict[str, int] | None = None
    ) -> None:
        self.session = session
        self.region = region
        self._known_vcpus = dict(known_vcpus or {})
        self._listed: dict[str, tuple[str, float]] | None = None
        self._list_failure: Sentence | None = None
        self._usage: dict[str, int] | None = None
        self._singles: dict[str, _Limit | None] = {}
        self._single_failed = False

    def _list(self) -> dict[str, tuple[str, float]] | None:
        if self._listed is None and not self._list_failure:
            quotas = client(self.session, "service-quotas", self.region)
            try:
                listed: dict[str, tuple[str, float]] = {}
                pages = quotas.get_paginator("list_service_quotas").paginate(
                    ServiceCode=SERVICE_CODE
                )
                for page in pages:
                    for quota in page["Quotas"]:
                        listed[quota["QuotaCode"]] = (quota["QuotaName"], float(quota["Value"]))
                self._listed = listed
            except (ClientError, BotoCoreError) as exc:
                self._list_failure = _reason(exc)
                log.info("cannot list EC2 quotas in %s: %s", self.region, exc)
        return self._listed

    def _single(self, code: str) -> _Limit | None:
        if code not in self._singles:
            self._singles[code] = self._read_single(code)
        return self._singles[code]

    def _read_single(self, code: str) -> _Limit | None:
        if self._single_failed:  # denied or down once: the next code would fare no better
            return None
        quotas = client(self.session, "service-quotas", self.region)
        calls = [(quotas.get_service_quota, True), (quotas.get_aws_default_service_quota, False)]
        if self._listed is not None:
            # The listing shows every applied value: a quota missing from it has none.
            calls = calls[1:]
        for call, applied in calls:
            try:
                quota = call(ServiceCode=SERVICE_CODE, QuotaCode=code)["Quota"]
                return _Limit(code, quota["QuotaName"], float(quota["Value"]), applied)
            except (ClientError, BotoCoreError) as exc:
                log.info("cannot read quota %s in %s: %s", code, self.region, exc)
                if error_code(exc) != "NoSuchResourceException":
                    self._list_failure = self._list_failure or _reason(exc)
                    self._single_failed = True
                    return None
        return None

    def limit(self, bucket: QuotaBucket) -> _Limit | None:
        """The quota's value (applied, or only AWS's default), or ``None`` when unreadable."""
        listed = self._list()
        if listed is not None:
            if bucket.code in listed:
                return _Limit(bucket.code, *listed[bucket.code], applied=True)
            for code, (name, value) in listed.items():
                if bucket.matches.search(name.lower()):
                    log.info("quota %s is now %s (%s)", bucket.code, code, name)
                    return _Limit(code, name, value, applied=True)
        return self._single(bucket.code)

    def failure(self) -> Sentence:
        return self._list_failure or QT_TRANSLATE_NOOP("core", "Service Quotas did not report it")

    def used(self, quota_code: str) -> int:
        """vCPUs of pending and running instances counted by the quota ``quota_code``."""
        if self._usage is None:
            self._usage = self._read_usage()
        return self._usage.get(quota_code, 0)

    def _read_usage(self) -> dict[str, int]:
        ec2 = client(self.session, "ec2", self.region)
        counted: list[tuple[str, str]] = []
        pages = ec2.get_paginator("describe_instances").paginate(
            Filters=[{"Name": "instance-state-name", "Values": ["pending", "running"]}]
        )
        for page in pages:
            for reservation in page["Reservations"]:
                for instance in reservation["Instances"]:
                    market = "spot" if instance.get("InstanceLifecycle") == "spot" else "on-demand"
                    bucket = quota_for(instance["InstanceType"], market)
                    if bucket is not None:
                        counted.append((bucket.code, instance["InstanceType"]))
        unknown = {t for _, t in counted} - set(self._known_vcpus)
        vcpus = {**self._known_vcpus, **default_vcpus(self.session, self.region, unknown)}
        usage: dict[str, int] = {}
        for code, instance_type in counted:
            usage[code] = usage.get(code, 0) + vcpus.get(instance_type, 0)
        return usage


@dataclass(frozen=True)
class _Limit:
    code: str
    name: str
    value: float
    applied: bool  # False: only AWS's default is known, not this account's value


def _reason(exc: BaseException) -> Sentence:
    code = error_code(exc)
    if code in {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"}:
        return QT_TRANSLATE_NOOP(
            "core",
            "your AWS identity may not read Service Quotas (servicequotas:ListServiceQuotas)",
        )
    if isinstance(exc, BotoCoreError):
        return QT_TRANSLATE_NOOP("core", "Service Quotas could not be reached")
    if not code:
        return QT_TRANSLATE_NOOP("core", "Service Quotas answered with an error")
    return QT_TRANSLATE_NOOP("core", "Service Quotas answered {code}").format(code=code)


def _check(reader: _QuotaReader, instance_type: str, vcpus: int, market: str) -> QuotaState:
    market = str(market)
    bucket = quota_for(instance_type, market)
    if bucket is None:
        return QuotaState(
            "unknown", "", "", None, None, None,
            QT_TRANSLATE_NOOP(
                "core",
                "The wizard does not know which vCPU quota {instance_type} ({market}) counts "
                "against.",
            ).format(instance_type=instance_type, market=market),
            instance_type, vcpus,
        )  # fmt: skip
    limit = reader.limit(bucket)
    if limit is None:
        return QuotaState(
            "unknown", bucket.code, bucket.name, None, None, None,
            QT_TRANSLATE_NOOP(
                "core",
                "Could not read your quota '{quota}' ({reason}). If it is too low, the launch "
                "will say so.",
            ).format(quota=bucket.name, reason=reader.failure()),
            instance_type, vcpus,
        )  # fmt: skip
    code, name, value = limit.code, limit.name, limit.value
    if not limit.applied:
        # AWS's default says nothing sure about this account: it may have been raised
        # automatically with use, or be lower for a new account.
        return QuotaState(
            "unknown", code, name, None, None, None,
            QT_TRANSLATE_NOOP(
                "core",
                "Quota '{quota}' in {region}: unknown (default {default} vCPUs). Service Quotas "
                "shows your account's value only once it has been changed; {instance_type} needs "
                "{vcpus}.",
            ).format(
                quota=name, region=reader.region, default=f"{value:g}",
                instance_type=instance_type, vcpus=vcpus,
            ),
            instance_type, vcpus, default_limit=value,
        )  # fmt: skip
    try:
        used = reader.used(code)
    except (ClientError, BotoCoreError, WizardError) as exc:
        log.info("cannot count running vCPUs: %s", exc)
        used = 0
    needed = used + vcpus
    if value >= needed:
        message = QT_TRANSLATE_NOOP(
            "core",
            "Quota '{quota}' in {region}: {limit} vCPUs, {used} in use; {instance_type} needs "
            "{vcpus}.",
        ).format(
            quota=name,
            region=reader.region,
            limit=f"{value:g}",
            used=used,
            instance_type=instance_type,
            vcpus=vcpus,
        )
        return QuotaState("enough", code, name, value, used, needed, message, instance_type, vcpus)
    short = (
        QT_TRANSLATE_NOOP(
            "core",
            "Your quota '{quota}' in {region} allows {limit} vCPUs; {used} are in use and "
            "{instance_type} needs {vcpus}, so the quota must be at least {needed}. New AWS "
            "accounts start at 0 for GPU instances. Request an increase to {needed} vCPUs "
            "('Request increase', or the Service Quotas console); AWS answers within minutes to a "
            "few days. Then launch again.",
        )
        if value == 0
        else QT_TRANSLATE_NOOP(
            "core",
            "Your quota '{quota}' in {region} allows {limit} vCPUs; {used} are in use and "
            "{instance_type} needs {vcpus}, so the quota must be at least {needed}. Request an "
            "increase to {needed} vCPUs ('Request increase', or the Service Quotas console); AWS "
            "answers within minutes to a few days. Then launch again.",
        )
    )
    message = short.format(
        quota=name,
        region=reader.region,
        limit=f"{value:g}",
        used=used,
        instance_type=instance_type,
        vcpus=vcpus,
        needed=needed,
    )
    return QuotaState("short", code, name, value, used, needed, message, instance_type, vcpus)


def check_vcpu_quota(
    session: boto3.Session, region: str, instance_type: str, vcpus: int, market: str
) -> QuotaState:
    """Whether ``region``'s vCPU quota leaves room for one ``instance_type`` (``vcpus``: its
    default vCPU count, :func:`app.core.aws.catalog.default_vcpus`)."""
    reader = _QuotaReader(session, region, {instance_type: vcpus})
    return _check(reader, instance_type, vcpus, market)


def check_vcpu_quotas(
    session: boto3.Session, region: str, types: Sequence[tuple[str, int]], market: str
) -> dict[str, QuotaState]:
    """:func:`check_vcpu_quota` for many ``(instance type, vCPUs)`` with one read of quotas."""
    reader = _QuotaReader(session, region, dict(types))
    return {name: _check(reader, name, vcpus, market) for name, vcpus in types}


def _request(raw: dict[str, Any]) -> QuotaRequest:
    return QuotaRequest(
        request_id=raw.get("Id", ""),
        status=raw.get("Status", ""),
        desired_value=float(raw.get("DesiredValue", 0)),
        quota_code=raw.get("QuotaCode", ""),
        case_id=raw.get("CaseId", ""),
    )


def request_quota_increase(
    session: boto3.Session, region: str, quota_code: str, desired_value: float
) -> QuotaRequest:
    """File a Service Quotas increase request; an already open request is returned as is."""
    quotas = client(session, "service-quotas", region)
    action = QT_TRANSLATE_NOOP("core", "request a higher vCPU quota")
    try:
        answer = quotas.request_service_quota_increase(
            ServiceCode=SERVICE_CODE, QuotaCode=quota_code, DesiredValue=float(desired_value)
        )
        return _request(answer["RequestedQuota"])
    except ClientError as exc:
        if error_code(exc) != "ResourceAlreadyExistsException":
            raise translate(exc, action=action, region=region) from exc
        first_error = exc
    except BotoCoreError as exc:
        raise translate(exc, action=action, region=region) from exc
    try:
        history = quotas.list_requested_service_quota_change_history_by_quota(
            ServiceCode=SERVICE_CODE, QuotaCode=quota_code
        )["RequestedQuotas"]
    except (ClientError, BotoCoreError) as exc:
        raise translate(first_error, action=action, region=region) from exc
    for raw in history:
        if raw.get("Status") in {"PENDING", "CASE_OPENED"}:
            return _request(raw)
    raise translate(first_error, action=action, region=region)
