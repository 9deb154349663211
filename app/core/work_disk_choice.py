"""The plan's work-disk choice as text: ``new[:GIB]``, the name of a kept disk, or ``none``.

No boto3 here: the plan, the wizard's storage page and the CLI's argument check read it before
any AWS code loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

NEW, REUSE, NONE = "new", "reuse", "none"
DEFAULT_GIB = 50
DEFAULT = f"{NEW}:{DEFAULT_GIB}"
#: gp3 sizes (EC2 API Reference, CreateVolume: "gp3: 1 - 16,384 GiB").
GIB_RANGE = (1, 16384)
#: A disk's name: a tag value we also print and type, so kept to a safe alphabet.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")


@dataclass(frozen=True)
class WorkDiskChoice:
    """``kind`` new (``gib`` GiB), reuse (the disk called ``name``) or none."""

    kind: str
    gib: int = 0
    name: str = ""

    @property
    def text(self) -> str:
        """The choice as the plan and ``--work-disk`` write it."""
        if self.kind == NEW:
            return f"{NEW}:{self.gib}"
        return self.name if self.kind == REUSE else NONE


def parse_work_disk(text: str | None) -> WorkDiskChoice:
    """``new``, ``new:GIB``, ``none`` or a disk's name; ``invalid-plan`` for anything else."""
    value = (text if text is not None else DEFAULT).strip()
    lowered = value.lower()
    if lowered in (NONE, ""):
        return WorkDiskChoice(NONE)
    if lowered == NEW or lowered.startswith(NEW + ":"):
        size = value[len(NEW) + 1 :] or str(DEFAULT_GIB)
        low, high = GIB_RANGE
        if not size.isdigit() or not low <= int(size) <= high:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core", "A new work disk must be between {low} and {high} GiB."
                ).format(low=low, high=high),
                code="invalid-plan",
                detail=f"work disk {value!r}",
            )
        return WorkDiskChoice(NEW, gib=int(size))
    if not _NAME.fullmatch(value):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "'{name}' is not a work disk name (letters, digits, '.', '_' and '-', up to 63).",
            ).format(name=value),
            code="invalid-plan",
        )
    return WorkDiskChoice(REUSE, name=value)


def work_disk_problems(text: str | None) -> list[Sentence]:
    """What is wrong with a plan's work-disk choice (empty when nothing)."""
    try:
        parse_work_disk(text)
    except WizardError as exc:
        return [exc.message]
    return []
