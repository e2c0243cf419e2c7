"""The standard acceptance at the real window, offscreen: card placed on the (simulated) reader → item found →
materials received → accepted → documents printed through CUPS to the cups-pdf queue. Counts every keystroke and
click the clerk needs (target ≤ 8) and decodes the printed case number from the spooler's output with zbar."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.stack import require

pytestmark = [pytest.mark.integration, pytest.mark.gui]

QUERY = "ldht"  # initials of 劳动合同(备案): a 即办件 with two required materials and no fee before acceptance
TARGET_INPUTS = 8


class Clerk:
    """Presses keys where the keyboard focus is, as a person would, and counts them."""

    def __init__(self, window: object) -> None:
        self.window = window
        self.inputs: list[str] = []

    def _target(self) -> object:
        return QApplication.focusWidget() or self.window

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.inputs.append(f"{modifier.name}+{key.name}")
        QTest.keyClick(self._target(), key, modifier)

    def type(self, text: str) -> None:
        for char in text:
            self.inputs.append(char)
            QTest.keyClick(self._target(), char)


def _decode(pdf: Path, folder: Path) -> list[str]:
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            require(tool, "poppler-utils / zbar-tools are not installed")
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    [page] = sorted(folder.glob(f"{pdf.stem}-*1.png"))
    result = subprocess.run(["zbarimg", "-q", str(page)], capture_output=True, text=True)
    return result.stdout.splitlines()


@pytest.fixture
def app(qapp, ow_home: Path, cups_pdf):
    import main
    from clerk_app.paths import resolve_paths

    paths = resolve_paths(ow_home).ensure()
    paths.config_file.write_text(f'[printing]\na4_printer = "{cups_pdf.queue}"\n', encoding="utf-8")
    started = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield started
    started.shutdown()


def test_standard_acceptance_from_card_to_printed_receipt(qtbot, app, cups_pdf, tmp_path: Path) -> None:
    from ui.acceptance.controller import AcceptanceController
    from ui.catalog_panel import CatalogPanel

    window = app.window
    window.activateWindow()
    qtbot.waitActive(window)
    controller = window.findChild(AcceptanceController)
    catalog = window.findChild(CatalogPanel)
    assert controller is not None and catalog is not None
    qtbot.waitUntil(lambda: catalog.service.counts()["items"] > 0, timeout=30_000)
    reader = app.services.identity.drivers
    simulated = next(d for d in reader if d.kind.value == "simulated").reader
    clerk = Clerk(window)

    # The applicant puts the ID card on the reader: no keystroke.
    simulated.place(simulated.cards[0].key)
    qtbot.waitUntil(lambda: controller.session.applicant is not None, timeout=20_000)

    clerk.key(Qt.Key.Key_F3)
    clerk.type(QUERY)
    qtbot.waitUntil(lambda: catalog.results.count() > 0)
    clerk.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.checklist.table.rowCount() == 2 and controller.checklist.table.hasFocus())
    clerk.key(Qt.Key.Key_A)  # all materials received as the guide asks
    with qtbot.waitSignal(controller.printed, timeout=60_000) as printed:
        clerk.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert len(clerk.inputs) <= TARGET_INPUTS, clerk.inputs
    print(f"\nkeystrokes/clicks from card placed to receipt printed: {len(clerk.inputs)} ({' '.join(clerk.inputs)})")
    result = controller.last_result
    assert result.concluded  # a 即办件 accepted in full is concluded at the window
    outcomes = printed.args[0]
    assert [o.archived.kind.value for o in outcomes] == ["acceptance_notice", "material_list"]
    for outcome in outcomes:
        pdf = cups_pdf.wait_for_output(int(outcome.job.job_id))
        codes = _decode(pdf, tmp_path)
        assert f"CODE-128:{result.case_number}" in codes
        assert any(line.startswith("QR-Code:") and result.case_number in line for line in codes)
    db = app.workstation.db
    assert db.query("SELECT count(*) FROM cases")[0][0] == 1
    assert db.query("SELECT kind FROM outbox")[0][0] == "case_upsert"
