"""Which instance families a Deep Learning AMI supports, read from its description.

The descriptions are AWS's own (DescribeImages ``Description`` of the OSS-driver DLAMIs, and the
``supported_ec2_instances`` row of their release notes).
"""

from __future__ import annotations

import pytest

from app.core.aws.amis import ImageInfo
from app.core.errors import WizardError
from app.core.launch.architecture import check_architecture, image_supports, supported_families

PYTORCH_2_6 = (
    "Supported EC2 instances: G4dn, G5, G6, Gr6, G6e, P4, P4de, P5, P5e, P5en. Release notes: "
    "https://docs.aws.amazon.com/dlami/latest/devguide/appendix-ami-release-notes.html"
)
BASE_2025 = (
    "Supported EC2 instances: G4dn, G5, G6, Gr6, G6e, P4d, P4de, P5, P5e, P5en. Release notes: "
    "https://aws.amazon.com/releasenotes/aws-deep-learning-base-gpu-ami-ubuntu-22-04/"
)


def _image(description: str, architecture: str = "x86_64") -> ImageInfo:
    return ImageInfo(
        image_id="ami-0123456789abcdef0",
        name="Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.6 (Ubuntu 22.04) 20250602",
        flavour="oss-nvidia-driver-gpu-pytorch-2.6-ubuntu-22.04",
        description=description,
        created="2025-06-02T00:00:00Z",
        root_volume_gib=75,
        architecture=architecture,
        platform="Linux/UNIX",
        ssh_user="ubuntu",
    )


def test_the_list_is_read_up_to_the_release_notes() -> None:
    assert supported_families(PYTORCH_2_6) == (
        "g4dn", "g5", "g6", "gr6", "g6e", "p4", "p4de", "p5", "p5e", "p5en",
    )  # fmt: skip
    assert supported_families("Supported EC2 instances: G5g, P6e-GB200") == ("g5g", "p6e-gb200")
    assert supported_families("My own image") == ()


@pytest.mark.parametrize("description", [PYTORCH_2_6, BASE_2025])
@pytest.mark.parametrize(
    ("instance_type", "supported"),
    [
        ("g4dn.xlarge", True),
        ("g6e.12xlarge", True),
        ("p4d.24xlarge", True),  # written "P4" in some lists, "P4d" in others
        ("p5en.48xlarge", True),
        ("p3.2xlarge", False),
        ("p3dn.24xlarge", False),
        ("g4ad.xlarge", False),  # AMD Radeon: no NVIDIA driver at all
        ("g3s.xlarge", False),
        ("g3.4xlarge", False),
        ("inf2.xlarge", False),
    ],
)
def test_oss_driver_images_refuse_old_and_amd_gpus(
    description: str, instance_type: str, supported: bool
) -> None:
    assert image_supports(_image(description), instance_type) is supported


def test_an_image_that_lists_nothing_runs_anywhere() -> None:
    assert image_supports(_image("Our team's image"), "p3.2xlarge")


def test_the_launch_check_names_the_supported_families() -> None:
    with pytest.raises(WizardError) as caught:
        check_architecture("g4ad.xlarge", ("x86_64",), _image(PYTORCH_2_6))
    error = caught.value
    assert error.code == "image-type-mismatch"
    assert error.message == (
        "The machine image Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.6 (Ubuntu 22.04) "
        "20250602 does not support g4ad.xlarge; it supports g4dn, g5, g6, gr6, g6e, p4, p4de, "
        "p5, p5e, p5en."
    )
    check_architecture("g5.xlarge", ("x86_64",), _image(PYTORCH_2_6))  # no error
