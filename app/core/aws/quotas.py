"""The EC2 vCPU quota a GPU launch needs: enough, short (with numbers) or unknown.

GPU instances count against four vCPU quotas (On-Demand G and VT, On-Demand P, and their spot
twins). New accounts have 0 there, which makes this the most common reason a first launch
fails. AWS renames quotas now and then, so the codes are confirmed at run time by listing the
EC2 quotas and, if a code is missing, finding the quota by its name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.catalog import default_vcpus
from app.core.aws.errors import error_code, translate
from app.core.aws.session import client
from app.core.errors import WizardError

log = logging.getLogger(__name__)

SERVICE_CODE = "ec2"


@dataclass(frozen=True)
class _Bucket:
    code: str
    name: str
    matches: re.Pattern[str]  # finds the quota by name when its code changed


_BUCKETS = {
    ("G", "on-demand"): _Bucket(
        "L-DB2E81BA", "Running On-Demand G and VT instances", re.compile(r"on-demand.*\bg and vt\b")
    ),
    ("P", "on-demand"): _Bucket(
        "L-417A185B", "Running On-Demand P instances", re.compile(r"on-demand\s+p\s+instances")
    ),
    ("G", "spot"): _Bucket(
        "L-3819A6DF", "All G and VT Spot Instance Requests", re.compile(r"\bg and vt\b.*spot")
    ),
    ("P", "spot"): _Bucket(
        "L-7212CCBC", "All P Spot Instance Requests", re.compile(r"^all p\b.*spot|^all p\d.*spot")
    ),
}
QUOTA_CODES = {key: bucket.code for key, bucket in _BUCKETS.items()}


@dataclass(frozen=True)
class QuotaState:
    """Whether the vCPU quota leaves room for one more instance of a type."""

    status: str  # enough | short | unknown
    quota_code: str
    quota_name: str
    limit: float | None
    used: int | None  # vCPUs of running instances counted by this quota
    needed: int | None  # used + the new instance: what the limit must be at least
    message: str
    instance_type: str = ""
    vcpus: int = 0


@dataclass(frozen=True)
class QuotaRequest:
    request_id: str
    status: str  # PENDING | CASE_OPENED | APPROVED | DENIED | ...
    desired_value: float
    quota_code: str = ""
    case_id: str = ""


def bucket_of(instance_type: str) -> str | None:
    """``"G"`` or ``"P"``: which vCPU quota family an instance type counts against."""
    family = instance_type.split(".")[0].lower()
    if family.startswith(("g", "vt")):
        return "G"
    if family.startswith("p"):
        return "P"
    return None


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
        self._list_failure = ""
        self._usage: dict[tuple[str, str], int] | None = None
        self._singles: dict[str, tuple[str, float] | None] = {}
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

    def _single(self, code: str) -> tuple[str, float] | None:
        if code not in self._singles:
            self._singles[code] = self._read_single(code)
        return self._singles[code]

    def _read_single(self, code: str) -> tuple[str, float] | None:
        if self._single_failed:  # denied or down once: the next code would fare no better
            return None
        quotas = client(self.session, "service-quotas", self.region)
        for call in (quotas.get_service_quota, quotas.get_aws_default_service_quota):
            try:
                quota = call(ServiceCode=SERVICE_CODE, QuotaCode=code)["Quota"]
                return quota["QuotaName"], float(quota["Value"])
            except (ClientError, BotoCoreError) as exc:
                log.info("cannot read quota %s in %s: %s", code, self.region, exc)
                if error_code(exc) != "NoSuchResourceException":
                    self._list_failure = self._list_failure or _reason(exc)
                    self._single_failed = True
                    return None
        return None

    def limit(self, bucket: _Bucket) -> tuple[str, str, float] | None:
        """``(code, name, value)`` of the quota, or ``None`` when it cannot be read."""
        listed = self._list()
        if listed is not None:
            if bucket.code in listed:
                return (bucket.code, *listed[bucket.code])
            for code, (name, value) in listed.items():
                if bucket.matches.search(name.lower()):
                    log.info("quota %s is now %s (%s)", bucket.code, code, name)
                    return code, name, value
        single = self._single(bucket.code)
        return (bucket.code, *single) if single else None

    def failure(self) -> str:
        return self._list_failure or "Service Quotas did not report it"

    def used(self, bucket_key: str, market: str) -> int:
        """vCPUs of pending and running instances counted by the ``bucket_key`` quota."""
        if self._usage is None:
            self._usage = self._read_usage()
        return self._usage.get((bucket_key, market), 0)

    def _read_usage(self) -> dict[tuple[str, str], int]:
        ec2 = client(self.session, "ec2", self.region)
        counted: list[tuple[str, str, str]] = []
        pages = ec2.get_paginator("describe_instances").paginate(
            Filters=[{"Name": "instance-state-name", "Values": ["pending", "running"]}]
        )
        for page in pages:
            for reservation in page["Reservations"]:
                for instance in reservation["Instances"]:
                    bucket_key = bucket_of(instance["InstanceType"])
                    if bucket_key:
                        market = (
                            "spot" if instance.get("InstanceLifecycle") == "spot" else "on-demand"
                        )
                        counted.append((bucket_key, market, instance["InstanceType"]))
        unknown = {t for _, _, t in counted} - set(self._known_vcpus)
        vcpus = {**self._known_vcpus, **default_vcpus(self.session, self.region, unknown)}
        usage: dict[tuple[str, str], int] = {}
        for bucket_key, market, instance_type in counted:
            key = (bucket_key, market)
            usage[key] = usage.get(key, 0) + vcpus.get(instance_type, 0)
        return usage


def _reason(exc: BaseException) -> str:
    code = error_code(exc)
    if code in {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"}:
        return "your AWS identity may not read Service Quotas (servicequotas:ListServiceQuotas)"
    if isinstance(exc, BotoCoreError):
        return "Service Quotas could not be reached"
    return f"Service Quotas answered {code or 'with an error'}"


def _check(reader: _QuotaReader, instance_type: str, vcpus: int, market: str) -> QuotaState:
    market = str(market)
    bucket_key = bucket_of(instance_type)
    bucket = _BUCKETS.get((bucket_key or "", market))
    if bucket is None:
        return QuotaState(
            "unknown", "", "", None, None, None,
            f"The wizard does not know which vCPU quota {instance_type} ({market}) counts against.",
            instance_type, vcpus,
        )  # fmt: skip
    limit = reader.limit(bucket)
    if limit is None:
        return QuotaState(
            "unknown", bucket.code, bucket.name, None, None, None,
            f"Could not read your quota '{bucket.name}' ({reader.failure()}). If it is too low, "
            "the launch will say so.",
            instance_type, vcpus,
        )  # fmt: skip
    code, name, value = limit
    try:
        used = reader.used(bucket_key or "", market)
    except (ClientError, BotoCoreError, WizardError) as exc:
        log.info("cannot count running vCPUs: %s", exc)
        used = 0
    needed = used + vcpus
    if value >= needed:
        message = (
            f"Quota '{name}' in {reader.region}: {value:g} vCPUs, {used} in use; "
            f"{instance_type} needs {vcpus}."
        )
        return QuotaState("enough", code, name, value, used, needed, message, instance_type, vcpus)
    message = (
        f"Your quota '{name}' in {reader.region} allows {value:g} vCPUs; {used} are in use and "
        f"{instance_type} needs {vcpus}, so the quota must be at least {needed}."
    )
    if value == 0:
        message += " New AWS accounts start at 0 for GPU instances."
    message += (
        f" Request an increase to {needed} vCPUs ('Request increase', or the Service Quotas "
        "console); AWS answers within minutes to a few days. Then launch again."
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
    action = "request a higher vCPU quota"
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
