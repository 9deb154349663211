"""The AWS Deep Learning AMIs of a region, and validation of a custom AMI.

The current DLAMIs are published as public SSM parameters
``/aws/service/deeplearning/ami/<arch>/<flavour>/latest/ami-id``; listing that path tells which
flavours exist in the region. When SSM is denied, a name search among Amazon's images stands in.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import boto3
from botocore.exceptions import ClientError

from app.core.aws.errors import error_code, translating
from app.core.aws.session import client
from app.core.aws.states import state_word
from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DLAMI_ROOT = "/aws/service/deeplearning/ami"
ARCHITECTURES = ("x86_64", "arm64")
_LATEST_SUFFIX = "/latest/ami-id"
_SEARCH_LIMIT = 40
# The flavour the wizard offers first when the user has not chosen one.
_PREFERRED = ("pytorch", "ubuntu")
# The words AWS drops from a DLAMI's name to make the SSM ``ami_type`` ("Finding the ID of a
# DLAMI", DLAMI developer guide).
_DROPPED_WORDS = re.compile(r"\b(?:deep|learning|ami)\b", re.I)
# GPU DLAMIs with the open-source NVIDIA driver (what SSM lists under .../oss-nvidia-driver-...):
# the name search must not offer Neuron (Inferentia/Trainium) images for a GPU.
_GPU_IMAGE_NAMES = "Deep Learning*OSS Nvidia Driver*"


@dataclass(frozen=True)
class ImageInfo:
    """A machine image as the wizard shows it."""

    image_id: str
    name: str
    flavour: str  # the DLAMI flavour (SSM path segment), or a slug of the name
    description: str
    created: str  # ISO 8601
    root_volume_gib: int  # the smallest root volume the image accepts
    architecture: str  # x86_64 | arm64
    platform: str  # e.g. Linux/UNIX
    ssh_user: str  # ubuntu | ec2-user | ...
    root_device_name: str = "/dev/sda1"
    source: str = "ssm"  # ssm | search | custom


def ssh_user_for(*texts: str) -> str:
    """The login user of an image, guessed from its name, description or flavour."""
    text = " ".join(texts).lower()
    if "ubuntu" in text:
        return "ubuntu"
    if "debian" in text:
        return "admin"
    if "centos" in text:
        return "centos"
    if "rocky" in text:
        return "rocky"
    # Amazon Linux (al2, al2023), RHEL, SUSE and most others.
    return "ec2-user"


def flavour_from_name(name: str) -> str:
    """The SSM ``ami_type`` of a DLAMI name, as AWS derives it: the name without its date stamp
    and without the words "deep", "learning" and "ami" ("Deep Learning OSS Nvidia Driver AMI
    GPU PyTorch 2.7 (Ubuntu 22.04) 20250602" -> ``oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04``).
    """
    stem = re.sub(r"[\s_-]*\d{8}$", "", name.strip())
    stem = _DROPPED_WORDS.sub(" ", stem)
    return re.sub(r"[^a-z0-9.]+", "-", stem.lower()).strip("-")


def _same_flavour(found: str, wanted: str) -> bool:
    # The arm64 images carry "ARM64" in their name, while their SSM path holds the
    # architecture in a segment of its own.
    return wanted in (found, found.removeprefix("arm64-"))


def _image_info(raw: Mapping[str, Any], flavour: str | None, source: str) -> ImageInfo:
    name = raw.get("Name", "")
    description = raw.get("Description", "")
    root_name = raw.get("RootDeviceName", "/dev/sda1")
    size = 8
    for mapping in raw.get("BlockDeviceMappings", []):
        if mapping.get("DeviceName") == root_name and "Ebs" in mapping:
            size = int(mapping["Ebs"].get("VolumeSize") or size)
    platform = raw.get("PlatformDetails") or (
        "Windows" if raw.get("Platform") == "windows" else "Linux/UNIX"
    )
    flavour = flavour or flavour_from_name(name)
    return ImageInfo(
        image_id=raw["ImageId"],
        name=name,
        flavour=flavour,
        description=description,
        created=raw.get("CreationDate", ""),
        root_volume_gib=size,
        architecture=raw.get("Architecture", "x86_64"),
        platform=platform,
        ssh_user=ssh_user_for(name, description, flavour),
        root_device_name=root_name,
        source=source,
    )


def _latest_parameters(
    session: boto3.Session, region: str, architectures: Iterable[str]
) -> dict[str, str]:
    """``{image_id: flavour}`` from the public DLAMI parameters (raises ``ClientError``)."""
    ssm = client(session, "ssm", region)
    found: dict[str, str] = {}
    for arch in architectures:
        prefix = f"{DLAMI_ROOT}/{arch}/"
        pages = ssm.get_paginator("get_parameters_by_path").paginate(Path=prefix, Recursive=True)
        for page in pages:
            for parameter in page["Parameters"]:
                name = parameter["Name"]
                if name.startswith(prefix) and name.endswith(_LATEST_SUFFIX):
                    found[parameter["Value"]] = name[len(prefix) : -len(_LATEST_SUFFIX)]
    return found


def _describe(
    session: boto3.Session, region: str, image_ids: Sequence[str]
) -> list[dict[str, Any]]:
    # A filter (not ImageIds=) so that one withdrawn image does not fail the whole answer.
    ec2 = client(session, "ec2", region)
    images: list[dict[str, Any]] = []
    for start in range(0, len(image_ids), 100):
        chunk = list(image_ids[start : start + 100])
        answer = ec2.describe_images(Filters=[{"Name": "image-id", "Values": chunk}])
        images.extend(answer["Images"])
    return images


def _search(session: boto3.Session, region: str) -> list[ImageInfo]:
    """Amazon's GPU Deep Learning images by name, the newest of each flavour, newest first."""
    ec2 = client(session, "ec2", region)
    answer = ec2.describe_images(
        Owners=["amazon"],
        Filters=[
            {"Name": "name", "Values": [_GPU_IMAGE_NAMES]},
            {"Name": "state", "Values": ["available"]},
        ],
    )
    newest: dict[str, ImageInfo] = {}
    for raw in sorted(answer["Images"], key=lambda i: i.get("CreationDate", ""), reverse=True):
        if "neuron" in raw.get("Name", "").lower():
            continue  # a Neuron image named "...OSS Nvidia Driver..." would still be no GPU image
        image = _image_info(raw, None, "search")
        newest.setdefault(image.flavour, image)
    return list(newest.values())[:_SEARCH_LIMIT]


def list_dlamis(
    session: boto3.Session, region: str, *, architectures: Iterable[str] = ARCHITECTURES
) -> list[ImageInfo]:
    """The current Deep Learning AMIs of ``region``, newest first."""
    with translating(QT_TRANSLATE_NOOP("core", "list the Deep Learning images"), region=region):
        try:
            flavours = _latest_parameters(session, region, architectures)
        except ClientError as exc:
            log.info("SSM parameters unavailable (%s); searching images by name", error_code(exc))
            flavours = {}
        if not flavours:
            return _search(session, region)
        raws = _describe(session, region, sorted(flavours))
    images = [_image_info(raw, flavours.get(raw["ImageId"]), "ssm") for raw in raws]
    return sorted(images, key=lambda i: (i.created, i.flavour), reverse=True)


def describe_image(session: boto3.Session, region: str, image_id: str) -> ImageInfo:
    """Validate a (custom) AMI id: it exists in ``region``, is available and is not Windows."""
    ec2 = client(session, "ec2", region)
    with translating(
        QT_TRANSLATE_NOOP("core", "look up the machine image"), region=region, image_id=image_id
    ):
        images = ec2.describe_images(ImageIds=[image_id])["Images"]
    if not images:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "The machine image {image_id} does not exist in {region} or is not "
                "shared with your account.",
            ).format(image_id=image_id, region=region),
            hint=QT_TRANSLATE_NOOP("core", "AMI ids differ per region; pick one from this region."),
            code="bad-ami",
            params={"image_id": image_id, "region": region},
        )
    raw = images[0]
    image = _image_info(raw, None, "custom")
    if raw.get("State", "available") != "available":
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The machine image {image_id} is {state}, not available."
            ).format(image_id=image_id, state=state_word(str(raw.get("State")))),
            code="bad-ami",
            params={"image_id": image_id, "region": region},
        )
    if image.platform.lower().startswith("windows"):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "{image_id} is a Windows image; the notebook needs a Linux image."
            ).format(image_id=image_id),
            code="bad-ami",
            params={"image_id": image_id, "region": region},
        )
    return image


def _preferred(images: Sequence[ImageInfo]) -> ImageInfo | None:
    for image in images:
        if image.architecture == "x86_64" and all(w in image.flavour for w in _PREFERRED):
            return image
    return next((i for i in images if i.architecture == "x86_64"), None)


def resolve_image(
    session: boto3.Session, region: str, image_id_or_latest: str, flavour: str
) -> ImageInfo:
    """The image to launch: a custom AMI id, or the newest DLAMI of ``flavour``.

    With ``"latest"`` and no flavour, the newest PyTorch-on-Ubuntu image (x86_64) is chosen.
    """
    if image_id_or_latest != "latest":
        return describe_image(session, region, image_id_or_latest)
    if flavour:
        ssm = client(session, "ssm", region)
        for arch in ARCHITECTURES:
            name = f"{DLAMI_ROOT}/{arch}/{flavour}{_LATEST_SUFFIX}"
            try:
                with translating(
                    QT_TRANSLATE_NOOP("core", "look up the Deep Learning image"), region=region
                ):
                    value = ssm.get_parameter(Name=name)["Parameter"]["Value"]
            except WizardError as exc:
                if error_code(exc.__cause__ or exc) == "ParameterNotFound":
                    continue
                if exc.code == "network":
                    raise
                break  # denied: look among the listed images instead
            image = describe_image(session, region, value)
            return replace(image, flavour=flavour, source="ssm")
    # Without a flavour only an x86_64 image is chosen (_preferred): list that architecture only.
    images = list_dlamis(session, region, architectures=ARCHITECTURES if flavour else ("x86_64",))
    chosen = (
        next((i for i in images if _same_flavour(i.flavour, flavour)), None)
        if flavour
        else _preferred(images)
    )
    if chosen is None:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "No current Deep Learning image {flavour} was found in {region}."
            ).format(flavour=flavour, region=region)
            if flavour
            else QT_TRANSLATE_NOOP(
                "core", "No current Deep Learning image was found in {region}."
            ).format(region=region),
            hint=QT_TRANSLATE_NOOP("core", "Choose another image or region, or enter an AMI id."),
            code="bad-ami",
            params={"region": region, "flavour": flavour},
        )
    return chosen
