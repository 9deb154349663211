"""The name search that stands in for the DLAMI's SSM parameters when SSM is denied.

AWS names the SSM parameter ``/aws/service/deeplearning/ami/<arch>/<ami_type>/latest/ami-id``
and derives ``ami_type`` from the image name by dropping the words "deep", "learning" and "ami"
("Finding the ID of a DLAMI", AWS DLAMI developer guide). A flavour chosen from SSM must find the
same image by name; Neuron DLAMIs (Inferentia/Trainium, no NVIDIA driver) are never offered for a
GPU.
"""

from __future__ import annotations

import datetime as dt

import boto3
import pytest

from app.core.aws.amis import flavour_from_name, list_dlamis, resolve_image
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION

PYTORCH = "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04"
STAMP = "20250602"


@pytest.mark.parametrize(
    ("name", "ami_type"),
    [
        (f"Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.7 (Ubuntu 22.04) {STAMP}", PYTORCH),
        (
            f"Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04) {STAMP}",
            "base-oss-nvidia-driver-gpu-ubuntu-22.04",
        ),
        (
            f"Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.6 (Amazon Linux 2023) {STAMP}",
            "oss-nvidia-driver-gpu-pytorch-2.6-amazon-linux-2023",
        ),
    ],
)
def test_the_flavour_of_a_name_is_the_ssm_ami_type(name: str, ami_type: str) -> None:
    assert flavour_from_name(name) == ami_type


def _deny_ssm(aws: AwsEmulator) -> None:
    for action in ("GetParametersByPath", "GetParameter"):
        aws.inject(action, "AccessDeniedException", status=400, times=20)


def _seed_neuron(aws: AwsEmulator, created: dt.datetime) -> str:
    return aws.seed_dlami(
        REGION,
        flavour="neuron-pytorch-2.6-ubuntu-22.04",
        name=f"Deep Learning AMI Neuron PyTorch 2.6 (Ubuntu 22.04) {created:%Y%m%d}",
        description="Supported EC2 instances: Inf2, Trn1, Trn1n, Trn2.",
        created=created,
        parameter=False,
    )


def test_a_flavour_from_ssm_is_found_by_name_when_ssm_is_denied(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    now = dt.datetime.now(dt.UTC)
    wanted = aws.seed_dlami(REGION, flavour=PYTORCH, created=now - dt.timedelta(days=3))
    _deny_ssm(aws)
    image = resolve_image(session, REGION, "latest", PYTORCH)
    assert image.image_id == wanted
    assert image.flavour == PYTORCH


def test_neuron_images_are_never_picked_for_a_gpu(session: boto3.Session, aws: AwsEmulator) -> None:
    now = dt.datetime.now(dt.UTC)
    gpu = aws.seed_dlami(REGION, flavour=PYTORCH, created=now - dt.timedelta(days=9))
    neuron = _seed_neuron(aws, now - dt.timedelta(days=1))  # newer, and PyTorch on Ubuntu too
    _deny_ssm(aws)
    listed = [image.image_id for image in list_dlamis(session, REGION)]
    assert neuron not in listed
    assert gpu in listed
    assert resolve_image(session, REGION, "latest", "").image_id == gpu


def test_an_arm64_image_is_found_by_its_flavour_without_the_architecture(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    # Its name says "ARM64"; the SSM path holds the architecture in a segment of its own.
    flavour = "base-oss-nvidia-driver-gpu-ubuntu-22.04"
    wanted = aws.seed_dlami(
        REGION,
        flavour=flavour,
        name=f"Deep Learning ARM64 Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04) {STAMP}",
        architecture="arm64",
    )
    _deny_ssm(aws)
    image = resolve_image(session, REGION, "latest", flavour)
    assert (image.image_id, image.architecture) == (wanted, "arm64")
