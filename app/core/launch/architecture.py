"""Whether an instance type can run a machine image (checked before launching): the image's
architecture, and the instance families a Deep Learning AMI says it supports.

A DLAMI's description starts "Supported EC2 instances: G4dn, G5, G6, Gr6, G6e, P4d, P4de, P5,
P5e, P5en. Release notes: ..." (the same list as ``supported_ec2_instances`` in its release
notes). The OSS-driver DLAMIs leave out P3, G3 and the AMD G4ad: their NVIDIA driver does not
run there, so such a launch would boot a machine without a working GPU.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.core.aws.amis import ImageInfo
    from app.core.launch.context import LaunchContext

#: GPU families to suggest for an image of each architecture.
_FAMILIES_FOR = {"x86_64": "g4dn, g5, g6", "arm64": "g5g"}
_SUPPORTED = re.compile(r"Supported EC2 instances:\s*([A-Za-z0-9 ,-]+)", re.I)
# The release notes write "P4" for the p4d family in some images' lists.
_ALIASES = {"p4": ("p4d",)}


def supported_families(description: str) -> tuple[str, ...]:
    """The instance families an image's description lists as supported, lower case (empty
    when it lists none: a custom image, which is not restricted)."""
    found = _SUPPORTED.search(description or "")
    if not found:
        return ()
    names = (part.strip().lower() for part in found.group(1).split(","))
    return tuple(name for name in names if name)


def image_supports(image: ImageInfo, instance_type: str) -> bool:
    """Whether ``instance_type``'s family is among those ``image`` (an ``ImageInfo``) lists."""
    families = supported_families(str(getattr(image, "description", "") or ""))
    if not families:
        return True
    family = instance_type.split(".", 1)[0].lower()
    return any(family == f or family in _ALIASES.get(f, ()) for f in families)


def check_architecture(
    instance_type: str, type_architectures: tuple[str, ...] | list[str], image: ImageInfo
) -> None:
    """Raise ``architecture-mismatch`` when ``instance_type`` (supporting
    ``type_architectures``) cannot run ``image`` (an ``ImageInfo``), ``image-type-mismatch``
    when the image does not list the type's family as supported."""
    image_architecture = str(image.architecture or "x86_64")
    if not type_architectures or image_architecture in type_architectures:
        _check_family(instance_type, image)
        return
    type_architecture = "arm64" if "arm64" in type_architectures else type_architectures[-1]
    families = _FAMILIES_FOR.get(image_architecture)
    hint = (
        QT_TRANSLATE_NOOP(
            "core",
            "Choose a GPU type for {image_architecture} (such as {families}) or a machine image "
            "for {type_architecture}.",
        ).format(
            image_architecture=image_architecture,
            families=families,
            type_architecture=type_architecture,
        )
        if families
        else QT_TRANSLATE_NOOP("core", "Choose a machine image for {type_architecture}.").format(
            type_architecture=type_architecture
        )
    )
    raise WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "{instance_type} runs {type_architecture} programs, but the machine image "
            "{image_id} is for {image_architecture}.",
        ).format(
            instance_type=instance_type,
            type_architecture=type_architecture,
            image_id=image.image_id,
            image_architecture=image_architecture,
        ),
        code="architecture-mismatch",
        hint=hint,
        detail=f"{instance_type} supports {', '.join(type_architectures)}; "
        f"{image.image_id} ({image.name}) is {image_architecture}",
        params={
            "instance_type": instance_type,
            "type_architecture": type_architecture,
            "image_id": image.image_id,
            "image_architecture": image_architecture,
            "families": families or "",
        },
    )


def _check_family(instance_type: str, image: ImageInfo) -> None:
    if image_supports(image, instance_type):
        return
    listed = ", ".join(supported_families(image.description))
    raise WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "The machine image {image_name} does not support {instance_type}; it supports "
            "{supported}.",
        ).format(image_name=image.name, instance_type=instance_type, supported=listed),
        code="image-type-mismatch",
        hint=QT_TRANSLATE_NOOP(
            "core", "Choose a GPU type of one of those families, or another machine image."
        ),
        detail=f"{image.image_id}: {image.description}",
        params={
            "instance_type": instance_type,
            "image_name": image.name,
            "image_id": image.image_id,
            "supported": listed,
        },
    )


def check_when_both_known(ctx: LaunchContext) -> None:
    """Refuse a type that cannot run the image before anything is created (RunInstances
    would refuse it later, and only cryptically). Called by the ami and quota steps, which run
    side by side: whichever learns its half last checks."""
    with ctx.architecture_lock:
        if ctx.image is None or ctx.type_architectures is None:
            return  # the other step has not got its half yet: it will check
        if ctx.architecture_checked:
            return
        ctx.architecture_checked = True
    check_architecture(ctx.plan.instance_type, ctx.type_architectures, ctx.image)
