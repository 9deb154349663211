"""The GPU page offers only types that can run the chosen image: no Graviton (arm64) type for an
x86_64 Deep Learning image, and only those for an arm64 one. The launch would refuse the others
(``architecture-mismatch``); the page does not offer them in the first place."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.core.aws.amis import ImageInfo
from app.core.errors import WizardError
from app.core.flow import PageId
from app.core.launch.architecture import check_architecture
from app.ui import i18n
from app.ui.pages.gpu import GpuPage
from app.ui.pages.image import ImagePage
from app.ui.sentences import error_text
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, click_next, next_button, wait_for_page
from tests.ui.screen_checks import assert_chinese

ARM64_FLAVOUR = "base-oss-nvidia-driver-gpu-ubuntu-22.04"


def _shown(page: GpuPage) -> set[str]:
    """The instance types the table shows (what the user can pick)."""
    return {page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())}


def _gpu_page(qtbot: QtBot, wizard: Any) -> GpuPage:
    page = wait_for_page(qtbot, wizard, PageId.GPU)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: wizard.ctx.state.gpu_chosen, timeout=30_000)
    assert isinstance(page, GpuPage)
    return page


def _choose_image(qtbot: QtBot, page: ImagePage, architecture: str) -> None:
    qtbot.waitUntil(lambda: bool(page.images), timeout=20_000)
    row = next(i for i, image in enumerate(page.images) if image.architecture == architecture)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.ctx.image is page.images[row], timeout=5_000)


def test_only_types_for_the_images_architecture_are_offered(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    world.seed_dlami(REGION, architecture="arm64", flavour=ARM64_FLAVOUR)
    wizard = make_wizard()
    image_page = advance_to(qtbot, wizard, PageId.IMAGE)
    _choose_image(qtbot, image_page, "x86_64")
    click_next(qtbot, wizard)
    page = _gpu_page(qtbot, wizard)
    every_type = {gpu.instance_type for gpu in page.model.types}
    assert "g5g.xlarge" in every_type  # the region offers it...
    shown = _shown(page)
    assert "g5g.xlarge" not in shown  # ...but not for this image
    assert {"g4dn.xlarge", "g5.xlarge"} <= shown
    assert wizard.ctx.gpu.architecture == "x86_64"
    qtbot.keyClicks(page.filter_edit, "g5g")
    assert page.proxy.rowCount() == 0
    page.filter_edit.clear()

    # Back to the images: an arm64 one offers the Graviton types only, and moves the choice.
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    wait_for_page(qtbot, wizard, PageId.IMAGE)
    _choose_image(qtbot, image_page, "arm64")
    click_next(qtbot, wizard)
    page = _gpu_page(qtbot, wizard)
    shown = _shown(page)
    assert "g5g.xlarge" in shown
    assert not any(name.startswith(("g4dn.", "g5.")) for name in shown)
    assert wizard.ctx.gpu.architecture == "arm64"
    assert wizard.ctx.plan.instance_type == "g5g.xlarge"  # the cheapest Graviton GPU
    assert next_button(wizard).isEnabled()


def test_a_remembered_type_the_image_cannot_run_gives_way_to_the_default(
    qtbot: QtBot, world: Any, settings: QSettings, make_wizard: WizardFactory
) -> None:
    settings.setValue("plan/instance_type", "g5g.xlarge")  # chosen last time, with arm64
    wizard = make_wizard()
    assert wizard.ctx.plan.instance_type == "g5g.xlarge"
    image_page = advance_to(qtbot, wizard, PageId.IMAGE)
    _choose_image(qtbot, image_page, "x86_64")
    click_next(qtbot, wizard)
    page = _gpu_page(qtbot, wizard)
    assert wizard.ctx.plan.instance_type == "g4dn.xlarge"  # the recommended x86_64 type
    assert wizard.ctx.gpu.instance_type == "g4dn.xlarge"
    selected = page.view.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["g4dn.xlarge"]


@pytest.mark.parametrize("architecture", ["x86_64", "i386"])
def test_the_launchs_refusal_is_shown_in_chinese(qapp: Any, architecture: str) -> None:
    image = ImageInfo(
        image_id="ami-0123456789abcdef0",
        name="Deep Learning Base",
        flavour="base",
        description="",
        created="2026-11-01T00:00:00Z",
        root_volume_gib=75,
        architecture=architecture,
        platform="Linux/UNIX",
        ssh_user="ubuntu",
    )
    with pytest.raises(WizardError) as caught:
        check_architecture("g5g.xlarge", ("arm64",), image)
    error = caught.value
    assert error.code == "architecture-mismatch"
    i18n.install_language(i18n.CHINESE)
    try:
        text = error_text(error)
    finally:
        i18n.install_language(i18n.ENGLISH)
    assert_chinese(text, error.params.values())
    for value in ("g5g.xlarge", "arm64", "ami-0123456789abcdef0", architecture):
        assert value in text


def test_types_the_image_does_not_support_are_not_offered(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    # The OSS-driver DLAMIs list their supported families in their description; P3 is not
    # among them (its V100 is not supported by that driver), though it runs x86_64 programs.
    wizard = make_wizard()
    image_page = advance_to(qtbot, wizard, PageId.IMAGE)
    _choose_image(qtbot, image_page, "x86_64")
    assert "Supported EC2 instances:" in image_page.ctx.image.description
    click_next(qtbot, wizard)
    page = _gpu_page(qtbot, wizard)
    assert "p3dn.24xlarge" in {gpu.instance_type for gpu in page.model.types}
    shown = _shown(page)
    assert "p3dn.24xlarge" not in shown
    assert {"g4dn.xlarge", "g5.xlarge", "p4d.24xlarge", "p5.48xlarge"} <= shown
    qtbot.keyClicks(page.filter_edit, "p3dn")
    assert page.proxy.rowCount() == 0


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE])
def test_the_unsupported_family_refusal_is_translated(qapp: Any, language: str) -> None:
    image = ImageInfo(
        image_id="ami-0123456789abcdef0",
        name="Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.7 (Ubuntu 22.04) 20250602",
        flavour="oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04",
        description="Supported EC2 instances: G4dn, G5, G6, P4, P5. Release notes: https://x",
        created="2026-11-01T00:00:00Z",
        root_volume_gib=75,
        architecture="x86_64",
        platform="Linux/UNIX",
        ssh_user="ubuntu",
    )
    with pytest.raises(WizardError) as caught:
        check_architecture("g4ad.xlarge", ("x86_64",), image)
    i18n.install_language(language)
    try:
        text = error_text(caught.value)
    finally:
        i18n.install_language(i18n.ENGLISH)
    if language == i18n.CHINESE:
        assert_chinese(text, caught.value.params.values())
    for value in ("g4ad.xlarge", "g4dn, g5, g6, p4, p5"):
        assert value in text
