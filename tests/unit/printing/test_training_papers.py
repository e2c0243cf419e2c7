"""Trainers' tools: ``training seed``, ``case print``, ``case verify`` (subprocesses on a real home, as run in the
hall), and papers in training mode with no print service (saved as PDF instead of an error)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from clerk_app.acceptance.practice import seed
from clerk_app.config import Config
from clerk_app.domain.case import Decision
from clerk_app.print_service import TRAINING_PRINTER
from printing.errors import SpoolerUnavailable
from printing.spooler import PrintJob

ROOT = Path(__file__).resolve().parents[3]


def _main(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONEWINDOW_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def test_seed_covers_every_situation_and_each_paper_renders_to_a_file(ow_home: Path, tmp_path: Path) -> None:
    made = _main(ow_home, "training", "seed", "--json")
    assert made.returncode == 0, made.stderr
    cases = json.loads(made.stdout)
    decisions = {c["decision"] for c in cases}
    assert decisions == {d.value for d in Decision}
    statuses = {c["status"] for c in cases}
    assert {"accepted_pending_supplement", "notice_issued", "rejected", "ready_for_pickup", "concluded"} <= statuses
    labels = " ".join(c["label"] for c in cases)
    assert "补齐" in labels and "follow-up" in labels
    today = date.today().strftime("%Y%m%d")
    assert all(today in c["case_number"] for c in cases)  # dated today

    rejected = next(c for c in cases if c["decision"] == "reject")
    out = tmp_path / "rejection.pdf"
    printed = _main(ow_home, "case", "print", rejected["case_number"], "--kind", "rejection_notice", "--out",
                    str(out))
    assert printed.returncode == 0, printed.stderr
    text = _text(out)
    assert "不予受理通知书" in text and rejected["case_number"] in text and "培训·非真实办件" in text
    supplied = next(c for c in cases if "补齐" in c["label"])
    receipt = tmp_path / "supplement.pdf"
    assert _main(ow_home, "case", "print", supplied["case_number"], "--kind", "supplement_receipt", "--out",
                 str(receipt)).returncode == 0
    assert "补齐材料接收回执" in _text(receipt)

    code = re.search(r"验证码([A-Z2-7]{6})", text)
    assert code is not None
    good = _main(ow_home, "case", "verify", rejected["case_number"], code.group(1), "--json")
    assert good.returncode == 0, good.stderr + good.stdout
    assert json.loads(good.stdout)["valid"] is True
    wrong = "A" if code.group(1)[0] != "A" else "B"
    bad = _main(ow_home, "case", "verify", rejected["case_number"], wrong + code.group(1)[1:])
    assert bad.returncode == 1 and "NOT valid" in bad.stdout


class DeadSpooler:
    """What the system gives when CUPS is not running."""

    def printers(self) -> list[str]:
        raise SpoolerUnavailable()

    def default_printer(self) -> str | None:
        raise SpoolerUnavailable()

    def submit(self, printer: str, pdf: bytes, title: str, media: str | None = None) -> PrintJob:
        raise SpoolerUnavailable()

    def wait(self, job: PrintJob, timeout: float) -> str:
        raise SpoolerUnavailable()


def _services(workstation, mode: str | None = None):
    from clerk_app.services import DeviceHooks, build_services

    if mode is not None:
        workstation = dataclasses.replace(workstation, config=Config({"mode": mode}))
    return build_services(workstation, DeviceHooks(spooler=DeadSpooler()))


def test_training_without_a_print_service_saves_the_papers_as_pdf(workstation) -> None:
    services = _services(workstation)
    services.catalog.ensure_training_catalog()
    case = seed(services)[0]
    outcomes = services.documents.print_case(case.case_uuid)
    assert outcomes and all(o.saved_to for o in outcomes)
    for outcome in outcomes:
        path = Path(outcome.saved_to)
        assert path.read_bytes() == outcome.pdf and path.parent.name == "training-prints"
        assert outcome.archived.printer == TRAINING_PRINTER
    again = services.documents.print_case(case.case_uuid)
    assert all(o.archived.reprint for o in again)
    assert len({o.saved_to for o in outcomes + again}) == len(outcomes) * 2  # a 补打 does not overwrite


def test_production_without_a_print_service_still_says_so(workstation) -> None:
    training = _services(workstation)
    training.catalog.ensure_training_catalog()
    case = seed(training)[0]
    production = _services(workstation, "production")
    with pytest.raises(SpoolerUnavailable):
        production.documents.print_case(case.case_uuid)


def test_practice_cases_are_refused_outside_training(workstation) -> None:
    from clerk_app.acceptance.practice import NotTrainingMode

    with pytest.raises(NotTrainingMode):
        seed(_services(workstation, "production"))
    assert workstation.db.query("SELECT count(*) AS n FROM cases")[0]["n"] == 0
