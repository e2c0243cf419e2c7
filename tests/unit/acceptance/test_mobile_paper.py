"""The home-visit profile's paper: with ``acceptance.taken_at = "home_visit"`` (printing.paper auto) an accepted case
prints the 80 mm 受理回执 in place of the A4 受理通知书 and 材料清单; the notices with no 80 mm layout stay A4."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clerk_app.acceptance.documents import THERMAL_PAPER, documents_for, paper_of
from clerk_app.context import open_workstation
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.paths import resolve_paths
from clerk_app.services import DeviceHooks, build_services
from printing.model import DocumentKind
from tests.unit.acceptance.test_documents import RecordingSpooler, _commit

SHOTS = Path("/tmp/laptop")


@pytest.fixture
def home_visit(ow_home: Path):
    paths = resolve_paths(ow_home).ensure()
    paths.config_file.write_text('[acceptance]\ntaken_at = "home_visit"\n', encoding="utf-8")
    workstation = open_workstation(paths)
    spooler = RecordingSpooler()
    services = build_services(workstation, DeviceHooks(spooler=spooler))
    yield services, spooler
    services.close()


def test_the_paper_follows_where_cases_are_taken() -> None:
    assert documents_for(Decision.ACCEPT, paper=THERMAL_PAPER) == (DocumentKind.THERMAL_RECEIPT,)
    assert documents_for(Decision.ACCEPT_WITH_DEFICIENCY, paper=THERMAL_PAPER) == (
        DocumentKind.THERMAL_RECEIPT, DocumentKind.DEFICIENCY_COMMITMENT)
    assert documents_for(Decision.ONE_TIME_NOTICE, paper=THERMAL_PAPER) == (DocumentKind.ONE_TIME_NOTICE,)
    assert documents_for(Decision.REJECT, paper=THERMAL_PAPER) == (DocumentKind.REJECTION_NOTICE,)


def test_a_home_visit_prints_the_80mm_receipt(home_visit, tmp_path: Path) -> None:
    services, spooler = home_visit
    assert paper_of(services.config) == THERMAL_PAPER and services.documents.paper == THERMAL_PAPER
    result = _commit(services.acceptance, Decision.ACCEPT)
    stored = services.cases.get(result.case_uuid)
    assert stored.details.get("taken_at") == "home_visit"
    outcomes = services.documents.print_case(result.case_uuid)
    assert [o.archived.kind for o in outcomes] == [DocumentKind.THERMAL_RECEIPT]
    assert [title for _, _, title in spooler.jobs] == [f"受理回执-{result.case_number}"]
    pdf = outcomes[0].pdf
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
    assert box is not None and abs(float(box.group(1)) - 80 / 25.4 * 72) < 1  # 80 mm wide
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is required")
    SHOTS.mkdir(exist_ok=True)
    (tmp_path / "receipt.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(tmp_path / "receipt.pdf"),
                    str(SHOTS / "home_visit_receipt")], check=True)
    text = subprocess.run(["pdftotext", str(tmp_path / "receipt.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert result.case_number in "".join(text.split())
    assert "上门办理" in text  # where it was taken, on the slip the villager keeps
    deferred = _commit(services.acceptance, Decision.ACCEPT_WITH_DEFICIENCY, receive=("M1", "M2"),
                       M3={"state": MaterialState.DEFERRED, "supply_by": result.promised_date})
    kinds = [o.archived.kind for o in services.documents.print_case(deferred.case_uuid)]
    assert kinds == [DocumentKind.THERMAL_RECEIPT, DocumentKind.DEFICIENCY_COMMITMENT]
