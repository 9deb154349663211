"""Which GPU type the wizard preselects: a policy over the catalog and the quota verdicts, kept
apart from both so neither imports the other."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.core.aws.catalog import GpuType, price_order
from app.core.aws.quotas import QuotaState

DEFAULT_MIN_GPU_MEMORY_GIB = 16.0


def default_gpu_type(
    types: Sequence[GpuType],
    quotas: Mapping[str, QuotaState] | None = None,
    *,
    architecture: str = "x86_64",
    min_gpu_memory_gib: float = DEFAULT_MIN_GPU_MEMORY_GIB,
) -> GpuType | None:
    """The cheapest current-generation single-GPU NVIDIA type with >= 16 GiB GPU memory that
    is offered in some zone and not known to be over quota (``quotas``: type -> state)."""
    candidates = [
        gpu
        for gpu in types
        if gpu.current_generation
        and gpu.gpu_count == 1
        and gpu.gpu_maker.upper() == "NVIDIA"
        and gpu.gpu_memory_gib >= min_gpu_memory_gib
        and gpu.architecture == architecture
        and gpu.zones
        and (quotas is None or getattr(quotas.get(gpu.instance_type), "status", "") != "short")
    ]
    return min(candidates, key=price_order, default=None)
