"""Preflight: every AWS call of a launch, tried without creating anything (``ec2nb launch
--check``, the review page's "Check permissions").

The mutating EC2 calls run with ``DryRun=True``: AWS answers ``DryRunOperation`` (HTTP 412) when
the caller may make the call and ``UnauthorizedOperation`` (403, with an encoded authorization
message) when not (``DryRun`` in the EC2 API reference and botocore's ec2 model). They name what
the launch would name where it exists already (the image, the default subnet) and a stand-in
where it does not yet (the VPC's ``default`` group for the launch's own group). The read-only
calls run for real. Calls without a dry run (CloudWatch's PutMetricAlarm) or that need the
instance (GetConsoleOutput, TerminateInstances) are put to ``iam:SimulatePrincipalPolicy``
(:mod:`app.core.aws.simulation`) when the caller may simulate, else reported as not checked.
A refusal's missing permission is read from AWS's message, else from
``sts:DecodeAuthorizationMessage``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.amis import DLAMI_ROOT, resolve_image
from app.core.aws.catalog import instance_type_facts
from app.core.aws.errors import error_code, missing_permission
from app.core.aws.identity import check_identity
from app.core.aws.instances import InstanceSpec
from app.core.aws.instances import _run_request as launch_request  # the launch's own request
from app.core.aws.quotas import QUOTA_CODES, bucket_of
from app.core.aws.session import client
from app.core.aws.simulation import REFUSALS, simulate
from app.core.aws.tags import resource_name, tag_specifications
from app.core.errors import WizardError
from app.core.plan import GroupChoice, KeyChoice, LaunchPlan
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import NOTHING, QT_TRANSLATE_NOOP, Sentence, verbatim

ALLOWED, DENIED, NOT_CHECKED, FAILED = "allowed", "denied", "not-checked", "failed"
_ENCODED = re.compile(r"Encoded authorization failure message:\s*(\S+)")
_PREFLIGHT_ID = "preflight"  # stands for the launch id in names and tags of the dry runs
_EXAMPLE_CIDR = "198.51.100.1/32"  # any one address: the rule's content needs no permission


@dataclass(frozen=True)
class PermissionCheck:
    """One call of the launch and whether this identity may make it."""

    call: str  # the IAM action, e.g. ec2:RunInstances
    how: str  # dry-run | read | simulated
    status: str  # allowed | denied | not-checked | failed
    permission: str = ""  # the missing IAM permission, when denied
    note: Sentence = (
        NOTHING  # why it was not checked, what failed, or what the launch does without it
    )
    required: bool = True  # False: the launch goes on without it


@dataclass(frozen=True)
class PreflightReport:
    """Every check, in the order the launch makes the calls."""

    region: str
    account: str
    arn: str
    checks: list[PermissionCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No call the launch needs is refused or failing."""
        return not any(c.required and c.status in (DENIED, FAILED) for c in self.checks)

    @property
    def missing(self) -> list[str]:
        """The IAM permissions refused, each once."""
        return list(dict.fromkeys(c.permission for c in self.checks if c.status == DENIED))


#: Without these the launch goes on, only with less help (the note says what).
_OPTIONAL_NOTES: dict[str, Sentence] = {
    "ssm:GetParametersByPath": QT_TRANSLATE_NOOP(
        "core", "Without it the images are found by name."
    ),
    "ssm:GetParameter": QT_TRANSLATE_NOOP("core", "Without it the images are found by name."),
    "servicequotas:GetServiceQuota": QT_TRANSLATE_NOOP(
        "core", "Without it the vCPU quota is not checked before launching."
    ),
    "ec2:GetConsoleOutput": QT_TRANSLATE_NOOP(
        "core", "Without it the machine's host key must be confirmed by hand."
    ),
    "cloudwatch:PutMetricAlarm": QT_TRANSLATE_NOOP(
        "core",
        "Without it there is no idle alarm; the notebook's own idle check still stops the machine.",
    ),
    "cloudwatch:DeleteAlarms": QT_TRANSLATE_NOOP(
        "core", "Without it the idle alarm stays after clean-up."
    ),
    "ec2:DeleteSecurityGroup": QT_TRANSLATE_NOOP(
        "core", "Without it the security group stays after clean-up."
    ),
    "ec2:DeleteKeyPair": QT_TRANSLATE_NOOP("core", "Without it the key pair stays after clean-up."),
    "ec2:DeleteVolume": QT_TRANSLATE_NOOP(
        "core", "Without it a failed launch's new work disk stays, and no disk can be deleted."
    ),
    "budgets:ViewBudget": QT_TRANSLATE_NOOP(
        "core", "Without it no spending alert is set; the launch goes on."
    ),
    "budgets:ModifyBudget": QT_TRANSLATE_NOOP(
        "core", "Without it no spending alert is set; the launch goes on."
    ),
    "iam:CreateServiceLinkedRole": QT_TRANSLATE_NOOP(
        "core", "Needed once per account, for the idle alarm's stop action."
    ),
}


class _Checker:
    """Runs the checks of one plan and collects their results."""

    def __init__(self, session: boto3.Session, plan: LaunchPlan, progress: Progress) -> None:
        self.session = session
        self.region = plan.region
        self.progress = progress
        self.checks: list[PermissionCheck] = []

    def add(
        self, call: str, how: str, status: str, permission: str = "", note: Sentence = NOTHING
    ) -> None:
        optional = _OPTIONAL_NOTES.get(call)
        if status == DENIED and optional and not note:
            note = optional
        self.checks.append(
            PermissionCheck(call, how, status, permission, note, required=optional is None)
        )

    def run(self, call: str, how: str, fn: Callable[[], Any], *, fine: Iterable[str] = ()) -> Any:
        """Make one call; record the verdict; return its answer (None unless it answered).

        ``fine``: error codes that still show the permission is there (a missing parameter).
        """
        self.progress("preflight", QT_TRANSLATE_NOOP("core", "Checking {call}").format(call=call))
        try:
            answer = fn()
        except ClientError as exc:
            code = error_code(exc)
            if code == "DryRunOperation" or code in set(fine):
                self.add(call, how, ALLOWED)
            elif code in REFUSALS:
                self.add(call, how, DENIED, self._permission(exc, call))
            else:
                message = exc.response.get("Error", {}).get("Message", "")
                self.add(call, how, FAILED, note=verbatim(f"{code}: {message}".strip(": ")))
            return None
        except BotoCoreError as exc:
            self.add(call, how, FAILED, note=verbatim(str(exc)))
            return None
        except WizardError as exc:
            if exc.code == "unauthorized":
                self.add(call, how, DENIED, exc.params.get("permission", call))
            else:
                self.add(call, how, FAILED, note=exc.message)
            return None
        if how == "dry-run":  # AWS never answers a dry run with success
            self.add(
                call,
                how,
                FAILED,
                note=QT_TRANSLATE_NOOP("core", "AWS answered the dry run without DryRunOperation."),
            )
            return None
        self.add(call, how, ALLOWED)
        return answer

    def _permission(self, exc: ClientError, call: str) -> str:
        message = str(exc.response.get("Error", {}).get("Message", ""))
        named = missing_permission(exc.operation_name, message)
        if "perform:" in message:
            return named
        encoded = _ENCODED.search(message)
        if encoded:
            decoded = self._decode(encoded.group(1))
            if decoded:
                return decoded
        return call

    def _decode(self, blob: str) -> str:
        """The action of an encoded authorization message (needs sts:DecodeAuthorizationMessage)."""
        try:
            sts = client(self.session, "sts", self.region)
            text = sts.decode_authorization_message(EncodedMessage=blob)["DecodedMessage"]
            return str(json.loads(text)["context"]["action"])
        except (ClientError, BotoCoreError, ValueError, KeyError, TypeError):
            return ""


def check_permissions(
    session: boto3.Session,
    plan: LaunchPlan,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PreflightReport:
    """Try every call the launch of ``plan`` makes, creating nothing; see the module docstring.

    Raises ``WizardError`` only when the credentials themselves do not work.
    """
    region = plan.region
    identity = check_identity(session, region)
    checker = _Checker(session, plan, progress)
    checker.add("sts:GetCallerIdentity", "read", ALLOWED)
    image = _check_image(checker, plan)
    cancel.raise_if_cancelled()
    _check_quota(checker, plan)
    ec2 = client(session, "ec2", region)
    found = _check_network(checker, ec2, plan)
    cancel.raise_if_cancelled()
    _check_key_pair(checker, ec2, plan)
    _check_instance(checker, ec2, plan, image, found)
    _check_work_disk(checker, ec2, plan, found)
    _check_budget(checker, plan, identity.account)
    cancel.raise_if_cancelled()
    _check_by_simulation(checker, plan, identity.arn)
    return PreflightReport(region, identity.account, identity.arn, checker.checks)


def _check_image(checker: _Checker, plan: LaunchPlan) -> Any:
    session, region = checker.session, checker.region
    if plan.image_id == "latest":
        ssm = client(session, "ssm", region)
        if plan.flavour:
            name = f"{DLAMI_ROOT}/x86_64/{plan.flavour}/latest/ami-id"
            checker.run(
                "ssm:GetParameter",
                "read",
                lambda: ssm.get_parameter(Name=name),
                fine=["ParameterNotFound"],
            )
        else:
            checker.run(
                "ssm:GetParametersByPath",
                "read",
                lambda: ssm.get_parameters_by_path(Path=f"{DLAMI_ROOT}/x86_64/", MaxResults=1),
            )
    return checker.run(
        "ec2:DescribeImages",
        "read",
        lambda: resolve_image(session, region, plan.image_id, plan.flavour),
    )


def _check_quota(checker: _Checker, plan: LaunchPlan) -> None:
    session, region = checker.session, checker.region
    checker.run(
        "ec2:DescribeInstanceTypes",
        "read",
        lambda: instance_type_facts(session, region, [plan.instance_type]),
    )
    bucket = bucket_of(plan.instance_type)
    code = QUOTA_CODES.get((bucket or "", plan.market.value))
    if code is not None:
        quotas = client(session, "service-quotas", region)
        checker.run(
            "servicequotas:GetServiceQuota",
            "read",
            lambda: quotas.get_service_quota(ServiceCode="ec2", QuotaCode=code),
            fine=["NoSuchResourceException"],  # never changed: only its default exists
        )
    ec2 = client(session, "ec2", region)
    checker.run("ec2:DescribeInstances", "read", lambda: ec2.describe_instances(MaxResults=5))


@dataclass
class _Network:
    vpc_id: str = ""
    subnets: dict[str, str] = field(default_factory=dict)
    zones: list[str] = field(default_factory=list)
    stand_in_group: str = ""  # the VPC's default group: exists everywhere, changed by nothing


def _check_network(checker: _Checker, ec2: Any, plan: LaunchPlan) -> _Network:
    found = _Network()
    vpcs = checker.run(
        "ec2:DescribeVpcs",
        "read",
        lambda: ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}]),
    )
    if vpcs is not None and vpcs["Vpcs"]:
        found.vpc_id = vpcs["Vpcs"][0]["VpcId"]
    elif vpcs is not None:
        checker.checks[-1] = replace(
            checker.checks[-1],
            status=FAILED,
            note=QT_TRANSLATE_NOOP(
                "core", "The region {region} has no default VPC (network)."
            ).format(region=plan.region),
        )
    vpc_filter = [{"Name": "vpc-id", "Values": [found.vpc_id or "none"]}]
    subnets = checker.run(
        "ec2:DescribeSubnets",
        "read",
        lambda: ec2.describe_subnets(
            Filters=[*vpc_filter, {"Name": "default-for-az", "Values": ["true"]}]
        ),
    )
    if subnets is not None:
        found.subnets = {s["AvailabilityZone"]: s["SubnetId"] for s in subnets["Subnets"]}
    offerings = checker.run(
        "ec2:DescribeInstanceTypeOfferings",
        "read",
        lambda: ec2.describe_instance_type_offerings(
            LocationType="availability-zone",
            Filters=[{"Name": "instance-type", "Values": [plan.instance_type]}],
        ),
    )
    if offerings is not None:
        offered = sorted(o["Location"] for o in offerings["InstanceTypeOfferings"])
        found.zones = [zone for zone in offered if zone in found.subnets]
    groups = checker.run(
        "ec2:DescribeSecurityGroups",
        "read",
        lambda: ec2.describe_security_groups(
            Filters=[*vpc_filter, {"Name": "group-name", "Values": ["default"]}]
        ),
    )
    if groups is not None and groups["SecurityGroups"]:
        found.stand_in_group = groups["SecurityGroups"][0]["GroupId"]
    if plan.group_choice is GroupChoice.EXISTING:
        return found  # the launch uses the user's group unchanged
    checker.run(
        "ec2:CreateSecurityGroup",
        "dry-run",
        lambda: ec2.create_security_group(
            GroupName=resource_name(_PREFLIGHT_ID),
            Description="EC2 Notebook Wizard: SSH from your IP only",
            VpcId=found.vpc_id,
            TagSpecifications=tag_specifications(_PREFLIGHT_ID, ["security-group"]),
            DryRun=True,
        ),
    )
    group = found.stand_in_group
    if not group:
        checker.add("ec2:AuthorizeSecurityGroupIngress", "dry-run", NOT_CHECKED, note=_NO_GROUP)
        checker.add("ec2:CreateTags", "dry-run", NOT_CHECKED, note=_NO_GROUP)
        return found
    checker.run(
        "ec2:AuthorizeSecurityGroupIngress",
        "dry-run",
        lambda: ec2.authorize_security_group_ingress(
            GroupId=group,
            IpPermissions=[
                {
                    "IpProtocol": "tcp",
                    "FromPort": 22,
                    "ToPort": 22,
                    "IpRanges": [{"CidrIp": plan.ssh_cidr or _EXAMPLE_CIDR}],
                }
            ],
            TagSpecifications=tag_specifications(_PREFLIGHT_ID, ["security-group-rule"]),
            DryRun=True,
        ),
    )
    checker.run(
        "ec2:CreateTags",
        "dry-run",
        lambda: ec2.create_tags(
            Resources=[group],
            Tags=tag_specifications(_PREFLIGHT_ID, ["security-group"])[0]["Tags"],
            DryRun=True,
        ),
    )
    return found


_NO_GROUP = QT_TRANSLATE_NOOP(
    "core", "Not checked: the default VPC's security groups could not be read."
)


def _check_key_pair(checker: _Checker, ec2: Any, plan: LaunchPlan) -> None:
    name = plan.existing_key_name if plan.key_choice is KeyChoice.EXISTING else None
    checker.run(
        "ec2:DescribeKeyPairs",
        "read",
        lambda: ec2.describe_key_pairs(**({"KeyNames": [name]} if name else {})),
    )
    tags = tag_specifications(_PREFLIGHT_ID, ["key-pair"])
    if plan.key_choice is KeyChoice.NEW_LOCAL:
        from app.core.keys import generate_key, public_openssh_line

        line = public_openssh_line(generate_key("ed25519"), "ec2nb-preflight")
        checker.run(
            "ec2:ImportKeyPair",
            "dry-run",
            lambda: ec2.import_key_pair(
                KeyName=resource_name(_PREFLIGHT_ID),
                PublicKeyMaterial=line.encode("ascii"),
                TagSpecifications=tags,
                DryRun=True,
            ),
        )
    elif plan.key_choice is KeyChoice.AWS_CREATED:
        checker.run(
            "ec2:CreateKeyPair",
            "dry-run",
            lambda: ec2.create_key_pair(
                KeyName=resource_name(_PREFLIGHT_ID),
                KeyType=plan.key_type,
                TagSpecifications=tags,
                DryRun=True,
            ),
        )


def _check_instance(
    checker: _Checker, ec2: Any, plan: LaunchPlan, image: Any, found: _Network
) -> None:
    if image is None or not found.zones or not found.stand_in_group:
        note = (
            QT_TRANSLATE_NOOP("core", "Not checked: the machine image could not be read.")
            if image is None
            else QT_TRANSLATE_NOOP(
                "core", "Not checked: no default subnet of a zone offering the type was found."
            )
        )
        checker.add("ec2:RunInstances", "dry-run", NOT_CHECKED, note=note)
        return
    spec = InstanceSpec(
        launch_id=_PREFLIGHT_ID,
        image_id=image.image_id,
        instance_type=plan.instance_type,
        key_name=(plan.existing_key_name or "") if plan.key_choice is KeyChoice.EXISTING else "",
        security_group_id=found.stand_in_group,
        volume_gib=max(plan.volume_gib, image.root_volume_gib),
        volume_type=plan.volume_type,
        delete_on_termination=plan.delete_volume_on_termination,
        market=plan.market.value,
        user_data="",
        root_device_name=image.root_device_name,
        zones=found.zones[:1],
    )
    zone = found.zones[0]
    request = launch_request(spec, zone, found.subnets[zone])
    if not request["KeyName"]:
        del request["KeyName"]  # the launch's own key pair does not exist yet
    checker.run("ec2:RunInstances", "dry-run", lambda: ec2.run_instances(**request, DryRun=True))


def _check_work_disk(checker: _Checker, ec2: Any, plan: LaunchPlan, found: _Network) -> None:
    """The work disk's calls: listing the kept disks, and creating a new one (a dry run)."""
    from app.core.work_disk_choice import NEW, NONE, parse_work_disk

    choice = parse_work_disk(plan.work_disk)
    if choice.kind == NONE:
        return
    checker.run("ec2:DescribeVolumes", "read", lambda: ec2.describe_volumes(MaxResults=5))
    if choice.kind != NEW:
        return
    if not found.zones:
        checker.add(
            "ec2:CreateVolume",
            "dry-run",
            NOT_CHECKED,
            note=QT_TRANSLATE_NOOP(
                "core", "Not checked: no default subnet of a zone offering the type was found."
            ),
        )
        return
    checker.run(
        "ec2:CreateVolume",
        "dry-run",
        lambda: ec2.create_volume(
            AvailabilityZone=found.zones[0],
            Size=choice.gib,
            VolumeType="gp3",
            Encrypted=True,
            DryRun=True,
        ),
    )


def _check_budget(checker: _Checker, plan: LaunchPlan, account: str) -> None:
    """The spending alert's read (a missing budget still shows the permission is there)."""
    if plan.budget_usd is None:
        return
    from app.core.aws.budget_terms import BUDGET_NAME
    from app.core.aws.budgets import budgets_region

    budgets = client(checker.session, "budgets", budgets_region(checker.session, checker.region))
    checker.run(
        "budgets:ViewBudget",
        "read",
        lambda: budgets.describe_budget(AccountId=account, BudgetName=BUDGET_NAME),
        fine=("NotFoundException",),
    )


def _simulated_actions(plan: LaunchPlan) -> list[str]:
    actions = ["ec2:GetConsoleOutput", "ec2:TerminateInstances"]
    if plan.group_choice is not GroupChoice.EXISTING:
        actions.append("ec2:DeleteSecurityGroup")
    if plan.key_choice is not KeyChoice.EXISTING:
        actions.append("ec2:DeleteKeyPair")
    if plan.idle_stop_minutes:
        # The alarm's EC2 stop action needs the service-linked role
        # AWSServiceRoleForCloudWatchEvents, which the first such alarm of an account creates.
        actions += [
            "cloudwatch:PutMetricAlarm",
            "cloudwatch:DeleteAlarms",
            "iam:CreateServiceLinkedRole",
        ]
    if plan.budget_usd is not None:
        actions.append("budgets:ModifyBudget")  # CreateBudget, UpdateBudget, CreateNotification
    if plan.work_disk.strip().lower() != "none":
        # Attaching needs the ids of a disk and an instance; deleting is the clean-up's.
        actions += ["ec2:AttachVolume", "ec2:DeleteVolume"]
    return actions


def _check_by_simulation(checker: _Checker, plan: LaunchPlan, caller_arn: str) -> None:
    actions = _simulated_actions(plan)
    if caller_arn.endswith(":root"):
        for action in actions:
            checker.add(
                action,
                "simulated",
                ALLOWED,
                note=QT_TRANSLATE_NOOP("core", "The root user may make every call."),
            )
        return
    checker.progress("preflight", QT_TRANSLATE_NOOP("core", "Checking the calls without a dry run"))
    simulation = simulate(checker.session, checker.region, caller_arn, actions)
    for action in actions:
        if simulation.reason:
            checker.add(action, "simulated", NOT_CHECKED, note=simulation.reason)
        elif simulation.allowed[action]:
            checker.add(action, "simulated", ALLOWED)
        else:
            checker.add(action, "simulated", DENIED, action)
