"""``main.py case show NUMBER --json`` on a real home folder, in a subprocess like the hall's staff run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from clerk_app.domain.case import Decision
from tests.unit.acceptance.conftest import CHECKLIST, ID_NUMBER, applicant, item

ROOT = Path(__file__).resolve().parents[3]


def _main(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONEWINDOW_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_case_show_json_masks_personal_numbers(services, ow_home) -> None:
    service = services.acceptance
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    result = service.commit(session, Decision.ACCEPT)
    services.workstation.close()

    shown = _main(ow_home, "case", "show", result.case_number, "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["case_number"] == result.case_number and data["status"] == "accepted"
    assert data["applicant"]["id_number"] == "110105********002X" and data["applicant"]["name"] == "张*"
    assert ID_NUMBER not in shown.stdout and "张三" not in shown.stdout
    assert [m["material_code"] for m in data["materials"]] == ["M1", "M2", "M3"]
    assert [e["kind"] for e in data["events"]] == ["created", "decided"]

    today = _main(ow_home, "case", "today", "--json")
    assert today.returncode == 0, today.stderr
    assert [(c["case_number"], c["applicant"]) for c in json.loads(today.stdout)] == [(result.case_number, "张*")]

    missing = _main(ow_home, "case", "show", "33030200101209901010001")
    assert missing.returncode == 1 and missing.stderr.strip()
