"""Whether an instance type can run a machine image's programs (checked before launching)."""

from __future__ import annotations

from typing import Any

from app.core.errors import WizardError

#: GPU families to suggest for an image of each architecture.
_FAMILIES_FOR = {"x86_64": "g4dn, g5, g6", "arm64": "g5g"}


def check_architecture(
    instance_type: str, type_architectures: tuple[str, ...] | list[str], image: Any
) -> None:
    """Raise ``architecture-mismatch`` when ``instance_type`` (supporting
    ``type_architectures``) cannot run ``image`` (an ``ImageInfo``)."""
    image_architecture = str(image.architecture or "x86_64")
    if not type_architectures or image_architecture in type_architectures:
        return
    type_architecture = "arm64" if "arm64" in type_architectures else type_architectures[-1]
    families = _FAMILIES_FOR.get(image_architecture)
    hint = (
        f"Choose a GPU type for {image_architecture} (such as {families}) or a machine image "
        f"for {type_architecture}."
        if families
        else f"Choose a machine image for {type_architecture}."
    )
    raise WizardError(
        f"{instance_type} runs {type_architecture} programs, but the machine image "
        f"{image.image_id} is for {image_architecture}.",
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
