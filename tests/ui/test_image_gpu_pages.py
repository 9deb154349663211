"""Machine image and GPU type pages against the emulator."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.core.plan import Market
from app.ui.gpu_table import COLUMNS, SORT_ROLE
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, next_button


def test_the_newest_image_is_preselected(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    page = advance_to(qtbot, wizard, PageId.IMAGE)
    qtbot.waitUntil(lambda: wizard.ctx.state.image_chosen, timeout=20_000)
    created = [image.created for image in page.images]
    assert created == sorted(created, reverse=True)
    assert wizard.ctx.image is page.images[0]
    assert wizard.ctx.plan.image_id == page.images[0].image_id
    assert page.description.text()
    assert next_button(wizard).isEnabled()


def test_a_custom_ami_is_checked_with_aws(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    page = advance_to(qtbot, wizard, PageId.IMAGE)
    qtbot.waitUntil(lambda: bool(page.images), timeout=20_000)
    custom = page.images[-1].image_id
    click(qtbot, page.custom_radio)
    assert not next_button(wizard).isEnabled()
    qtbot.keyClicks(page.custom_id, "ami-12345")
    click(qtbot, page.custom_check)
    assert page.error_panel.isVisible()  # refused before asking AWS
    page.custom_id.setText("ami-0123456789abcdef0")
    click(qtbot, page.custom_check)
    qtbot.waitUntil(lambda: not page.task_running("custom-image"), timeout=20_000)
    assert page.error_panel.isVisible()  # AWS does not know it
    assert not next_button(wizard).isEnabled()
    page.custom_id.setText(custom)
    click(qtbot, page.custom_check)
    qtbot.waitUntil(lambda: wizard.ctx.state.image_chosen, timeout=20_000)
    assert wizard.ctx.plan.image_id == custom
    assert not page.error_panel.isVisible()


def _gpu_page(qtbot: QtBot, wizard: Any) -> Any:
    page = advance_to(qtbot, wizard, PageId.GPU)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: len(page.model.quotas) == page.model.rowCount(), timeout=30_000)
    return page


def test_gpu_table_shows_real_types_with_prices_and_quota(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    page = _gpu_page(qtbot, wizard)
    assert wizard.ctx.state.gpu_chosen
    chosen = wizard.ctx.gpu
    assert chosen.gpu_count == 1
    assert chosen.gpu_memory_gib >= 16
    assert next_button(wizard).isEnabled()
    types = {gpu.instance_type for gpu in page.model.types}
    assert {"g4dn.xlarge", "g5.xlarge"} <= types
    quota_column = COLUMNS.index("quota")
    row = page.model.row_of(chosen.instance_type)
    cell = page.model.index(row, quota_column)
    # The state is told by text and icon, not colour alone.
    assert page.model.data(cell) in ("Enough", "Not enough", "Unknown")
    assert page.model.data(cell, Qt.ItemDataRole.DecorationRole) is not None
    assert page.model.data(cell, Qt.ItemDataRole.ForegroundRole) is not None


def test_gpu_table_sorts_by_value_and_filters(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    page = _gpu_page(qtbot, wizard)
    column = COLUMNS.index("vcpus")
    page.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    values = [page.proxy.index(row, column).data(SORT_ROLE) for row in range(page.proxy.rowCount())]
    assert values == sorted(values, reverse=True)
    qtbot.keyClicks(page.filter_edit, "g4dn")
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert shown
    assert all(name.startswith("g4dn.") for name in shown)


def test_spot_market_is_chosen_and_quotas_rechecked(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    page = _gpu_page(qtbot, wizard)
    calls = len(world.calls)
    click(qtbot, page.spot)
    assert wizard.ctx.plan.market is Market.SPOT
    qtbot.waitUntil(lambda: len(page.model.quotas) == page.model.rowCount(), timeout=30_000)
    assert len(world.calls) > calls


def test_a_type_without_quota_offers_an_increase_request(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    page = _gpu_page(qtbot, wizard)
    short = [t for t, q in page.model.quotas.items() if q.status == "short"]
    assert short  # the biggest G types need more than the demo account's 64 vCPUs
    assert wizard.ctx.plan.instance_type not in short  # the preselection can launch
    assert not page.request_button.isVisible()
    page.select(short[0])
    assert wizard.ctx.plan.instance_type == short[0]
    row = page.model.row_of(short[0])
    assert page.model.index(row, COLUMNS.index("quota")).data() == "Not enough"
    assert page.request_button.isVisible()
    click(qtbot, page.request_button)
    qtbot.waitUntil(lambda: "PENDING" in page.request_status.text(), timeout=20_000)
    click(qtbot, page.only_quota)
    shown = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert short[0] not in shown


def test_a_quota_known_only_by_its_default_says_unknown_with_the_number(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    # The demo account never changed its P quotas: Service Quotas knows only AWS's default 0.
    wizard = make_wizard()
    page = _gpu_page(qtbot, wizard)
    row = page.model.row_of("p4d.24xlarge")
    assert page.model.index(row, COLUMNS.index("quota")).data() == "Unknown (default 0)"
    page.select("p4d.24xlarge")
    assert "unknown (default 0 vCPUs)" in page.quota_label.text()
    assert page.request_button.isVisible()  # a new account's 0 is the usual case
    page.select("g5.xlarge")  # the demo account's G quota was changed: a verdict
    assert page.model.quotas["g5.xlarge"].status == "enough"
    assert not page.request_button.isVisible()
