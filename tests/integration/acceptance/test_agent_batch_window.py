"""代办批次 of three villagers through the real window: the agent's card read once starts the batch, each villager's
card on the (simulated) reader starts that villager's own case with the agent recorded, the batch ends with the
代办批次回执 printed on the CUPS PDF printer (rendered and looked at)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clerk_app.domain.case import Decision, MaterialSource
from tests.stack import require

pytestmark = [pytest.mark.integration, pytest.mark.gui]

ITEM = "51160202000501-511602000000-000-11511602MB1010020Y-1-00"  # 城乡居民基本养老保险参保登记 (agent 情形)
VILLAGERS = ("resident_appended", "foreign_2023", "social_security")


@pytest.fixture
def app(qapp, ow_home: Path, cups_pdf):
    import main
    from clerk_app.paths import resolve_paths

    paths = resolve_paths(ow_home).ensure()
    paths.config_file.write_text(f'[printing]\na4_printer = "{cups_pdf.queue}"\n[acceptance]\nauto_print = false\n'
                                 "[sandbox]\nbackoffice_delay_seconds = -1\n", encoding="utf-8")
    started = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield started
    started.shutdown()


def test_three_villagers_in_one_batch_with_the_batch_receipt(qtbot, app, cups_pdf, tmp_path: Path) -> None:
    services, features = app.services, app.features
    controller, presenter = features.acceptance, features.agent_batch
    qtbot.waitUntil(lambda: not services.catalog.is_empty(), timeout=60_000)
    simulated = next(d for d in services.identity.drivers if d.kind.value == "simulated").reader
    simulated.place("resident")  # the village agent's card
    qtbot.waitUntil(lambda: controller.session.applicant is not None, timeout=20_000)
    qtbot.mouseClick(presenter.bar.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.agent_batch is not None, timeout=10_000)
    batch = controller.agent_batch
    assert batch.agent.name == "培训张三"

    numbers = []
    for key in VILLAGERS:
        simulated.remove()
        simulated.place(key)
        qtbot.waitUntil(lambda: controller.session.applicant is not None and controller.session.agent_batch
                        is not None and not controller.session.committed, timeout=20_000)
        session = controller.session
        assert session.applicant.agent is not None and session.applicant.agent.agent.name == "培训张三"
        controller.choose_item(ITEM)
        qtbot.waitUntil(lambda s=session: "poa" in s.records, timeout=10_000)
        assert session.record("agent_id").source is MaterialSource.CARD_READER  # the agent's card, read once
        controller.apply_action("poa", "all_received")
        with qtbot.waitSignal(controller.committed, timeout=20_000) as committed:
            controller.decide(Decision.ACCEPT)
        numbers.append(committed.args[0].case_number)
    assert "3" in presenter.bar.label.text()
    folder = Path(os.environ.get("ONEWINDOW_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    app.window.grab().save(str(folder / "agent-batch-window.png"))

    with qtbot.waitSignal(controller.printed, timeout=60_000) as printed:
        qtbot.mouseClick(presenter.bar.finish, Qt.MouseButton.LeftButton)
    [outcome] = printed.args[0]
    assert outcome.archived.kind.value == "agent_batch_receipt"
    pdf = cups_pdf.wait_for_output(int(outcome.job.job_id))
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            require(tool, "poppler-utils is not installed")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert batch.batch_number in text and all(n in text for n in numbers)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(folder / "agent-batch-cups")], check=True)
    assert controller.agent_batch is None and presenter.bar.start.isVisible()
    rows = services.workstation.db.query("SELECT count(*) FROM agent_batch_cases WHERE batch_uuid = ?",
                                         (batch.batch_uuid,))
    assert rows[0][0] == 3
