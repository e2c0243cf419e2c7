"""通办 at the window: an item outside its 通办范围 chosen from the catalog is refused with the reason (status bar
and a message box), the draft loads nothing; a 跨域通办 item loads as any other."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_ui import desk  # noqa: F401 - the fixture

pytestmark = pytest.mark.gui


def _code(controller, name: str, body: str) -> str:
    return next(h.item_code for h in controller.catalog.search(name, limit=10) if h.name == name and h.body == body)


def test_outside_item_is_refused_and_cross_area_item_loads(qtbot, desk) -> None:  # noqa: F811
    window, controller, _ = desk
    controller.set_applicant(applicant())
    controller.choose_item(_code(controller, "个体工商户设立登记", "前锋区市场监督管理局"))

    def box() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None, timeout=10_000)
    refused = box()
    assert refused is not None and "全县(区)" in refused.text() and "前锋区政务服务中心" in refused.text()
    assert "全县(区)" in window.statusBar().currentMessage()
    assert controller.session.items == ()
    refused.close()

    cross = _code(controller, "社会保障卡补换", "前锋区人力资源和社会保障局")
    controller.choose_item(cross)
    qtbot.waitUntil(lambda: controller.session.item_codes == (cross,), timeout=10_000)
