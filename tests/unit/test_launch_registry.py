"""The launch's steps as the registry declares them: the order, titles and concurrency the
progress page, ``--json`` and the journals of earlier versions rely on."""

from __future__ import annotations

import dataclasses

import pytest

from app.core.launch import STEP_TITLES, STEPS
from app.core.launch.journal import CreatedResources
from app.core.launch.registry import REGISTRY, Step, waves
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence


def test_the_steps_keep_their_order_and_titles() -> None:
    # Journals list done steps by these names: renaming one would break resuming old launches.
    assert STEP_TITLES == {
        "identity": "Check credentials",
        "ami": "Find the machine image",
        "quota": "Check the vCPU quota",
        "security-group": "Security group",
        "key-pair": "Key pair",
        "budget": "Spending alert",
        "work-disk": "Find the work disk",
        "instance": "Launch the instance",
        "running": "Wait until it runs",
        "host-keys": "Get its host key",
        "attach-disk": "Attach the work disk",
        "ssh": "Connect over SSH",
        "notebook": "Start Jupyter",
        "tunnel": "Open the tunnel",
        "ready": "Ready",
    }
    assert list(STEPS) == list(STEP_TITLES)


def test_independent_steps_run_side_by_side() -> None:
    assert [[step.name for step in wave] for wave in waves()] == [
        ["identity"],
        ["ami", "quota"],
        ["security-group", "key-pair", "budget", "work-disk"],
        ["instance"],
        ["running"],
        ["host-keys", "attach-disk"],
        ["ssh"],
        ["notebook"],
        ["tunnel"],
        ["ready"],
    ]


def test_what_a_step_creates_is_recorded_in_the_journal() -> None:
    fields = {f.name for f in dataclasses.fields(CreatedResources)}
    for step in REGISTRY:
        assert set(step.creates) <= fields, step.name


def test_a_new_step_takes_one_line_and_finds_its_place() -> None:
    def run(ctx: object, progress: object) -> Sentence:
        return QT_TRANSLATE_NOOP("core", "done")

    extra = Step("gpu-check", QT_TRANSLATE_NOOP("core", "Check the GPU"), run, after=("ssh",))
    placed = [[s.name for s in wave] for wave in waves((*REGISTRY, extra))]
    assert placed[placed.index(["ssh"]) + 1] == ["notebook", "gpu-check"]


def test_a_step_after_an_unknown_step_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown steps"):
        waves((Step("late", Sentence("Late"), REGISTRY[0].run, after=("nothing",)),))
