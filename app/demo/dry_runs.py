"""Dry runs that check the request as AWS does before answering ``DryRunOperation``.

moto answers ``RunInstances`` with ``DryRun=true`` with ``DryRunOperation`` whatever the request
names. AWS validates the request first: the image, subnet, security groups and key pair must
exist and the instance type must run the image's architecture (Karpenter's launch check relies
on this: aws/karpenter-provider-aws#7844), so a dry run that names a missing key pair fails with
``InvalidKeyPair.NotFound`` as the launch would. The error texts are AWS's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.demo.gateway import ApiRequest, ApiResponse, EmulatedApi, Fault, error_response
from app.demo.realism import RealismConfig

if TYPE_CHECKING:
    from app.demo.emulator import AwsEmulator


def _refuse(request: ApiRequest, code: str, message: str) -> ApiResponse:
    return error_response(Fault(request.action, code, message, 400, 0), request)


def _run_instances_problem(aws: AwsEmulator, request: ApiRequest) -> ApiResponse | None:
    from moto.ec2.models.instance_types import INSTANCE_TYPES

    params = request.params
    backend = aws.ec2_backend(request.region)
    image_id = params.get("ImageId", "")
    image = backend.amis.get(image_id)
    if image is None:
        return _refuse(
            request, "InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist"
        )
    instance_type = params.get("InstanceType", "m1.small")
    info = INSTANCE_TYPES.get(instance_type)
    if info is None:
        return _refuse(
            request, "InvalidParameterValue", f"Invalid value '{instance_type}' for InstanceType."
        )
    subnet_id = params.get("SubnetId")
    if subnet_id and subnet_id not in {s.id for s in backend.describe_subnets()}:
        return _refuse(
            request, "InvalidSubnetID.NotFound", f"The subnet ID '{subnet_id}' does not exist"
        )
    for key, group_id in params.items():
        if key.startswith("SecurityGroupId.") and not backend.get_security_group_from_id(group_id):
            return _refuse(
                request, "InvalidGroup.NotFound", f"The security group '{group_id}' does not exist"
            )
    key_name = params.get("KeyName")
    if key_name and key_name not in backend.key_pairs:
        return _refuse(
            request, "InvalidKeyPair.NotFound", f"The key pair '{key_name}' does not exist"
        )
    architectures = info.get("ProcessorInfo", {}).get("SupportedArchitectures", [])
    if architectures and image.architecture not in architectures:
        return _refuse(
            request,
            "InvalidParameterValue",
            f"The architecture '{architectures[0]}' of the specified instance type does not "
            f"match the architecture '{image.architecture}' of the specified AMI. Specify an "
            "instance type and an AMI that have matching architectures, and try again. You can "
            "use 'describe-instance-types' or 'describe-images' to discover the architecture "
            "of the instance type or AMI.",
        )
    return None


def install_dry_run_checks(aws: AwsEmulator, config: RealismConfig | None = None) -> None:
    """Check ``RunInstances`` dry runs as AWS does (a realism behaviour: off with
    ``EC2NB_REALISM=0``). Wraps the action's earlier handler."""
    if not (config or RealismConfig.from_env()).enabled:
        return
    with aws.gateway.lock:
        previous: EmulatedApi | None = aws.gateway.emulated.get("RunInstances")

        def run_instances(request: ApiRequest) -> ApiResponse | None:
            if request.params.get("DryRun", "").lower() == "true":
                problem = _run_instances_problem(aws, request)
                if problem is not None:
                    return problem
            return previous(request) if previous is not None else None

        aws.gateway.emulated["RunInstances"] = run_instances
