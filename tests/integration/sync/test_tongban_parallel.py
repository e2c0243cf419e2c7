"""通办 and 并联 over real HTTP against the sandbox (docs/online.md): a 跨域通办 case of 前锋区 accepted at 清河区's
window is routed to 前锋区's body, decided by its back office and pulled back naming it; an item outside its 通办范围
is refused with the reason; a 一件事 case is split by the platform into one sub-case per department, each decided
on its own, and the status pulls bring them back exactly once, the case's state derived from them. The papers are
rendered, read with pdftotext and their codes decoded with zbar; PNGs are left in /tmp/tongban-papers."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from clerk_app.acceptance.practice import build_session
from clerk_app.acceptance.supplement import SuppliedMaterial
from clerk_app.acceptance.tongban import OutsideTongbanScope
from clerk_app.domain.case import CaseStatus, Decision
from clerk_app.sync.engine import drain
from offline_cache.cases import PageRef
from offline_cache.sync_store import store_cursor
from printing.model import DocumentKind
from sandbox.backoffice import BackOffice
from sandbox.store import Store
from tests.integration.printing.test_cups_printing import decode
from tests.unit.acceptance.conftest import applicant

pytestmark = pytest.mark.integration

PNG_DIR = Path("/tmp/tongban-papers")
NEIGHBOUR_BODY = "广安市公安局前锋区分局"
BUNDLE = "YJS-511602-GTKY"  # 个体工商户开办一件事: 市场监管, 市场监管 (食品经营), 税务


def _hits(services, query: str) -> dict[str, object]:
    return {hit.body: hit for hit in services.catalog.search(query, limit=10)
            if hit.name == query}


def _text(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _papers(services, case_uuid: str, stem: str, kinds: tuple[DocumentKind, ...]) -> dict[str, str]:
    """Each paper's text; its first page as PNG (to look at) and its codes decoded."""
    PNG_DIR.mkdir(exist_ok=True)
    texts = {}
    for (title, pdf), kind in zip(services.documents.preview(case_uuid, kinds), kinds, strict=True):
        path = PNG_DIR / f"{stem}-{kind.value}.pdf"
        texts[title] = _text(pdf, path)
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1", str(path),
                        str(PNG_DIR / f"{stem}-{kind.value}")], check=True)
    return texts


def _platform_moves(workstation, case_uuid: str) -> list[tuple[str, str, dict]]:
    rows = workstation.db.query("SELECT from_status, to_status, details FROM case_events WHERE case_uuid = ?"
                                " AND kind = 'platform_status' ORDER BY event_id", (case_uuid,))
    return [(r[0], r[1], json.loads(r[2] or "{}")) for r in rows]


def test_tongban_case_is_routed_decided_there_and_pulled_back(qtbot, workstation, services, sandbox, synced,
                                                              monkeypatch):
    services.catalog.ensure_training_catalog()
    changes = _hits(services, "居民身份证换领")
    cross = changes[NEIGHBOUR_BODY]
    assert (cross.reach, changes["清河区公安分局"].reach) == ("cross", "local")  # 跨域通办 beside the local item
    outside = _hits(services, "个体工商户设立登记")["前锋区市场监督管理局"]
    assert outside.reach == "outside" and "全县(区)" in outside.reach_note

    refused = build_session(services.acceptance, services.catalog, outside.item_code, Decision.ACCEPT, applicant())
    with pytest.raises(OutsideTongbanScope) as why:
        services.acceptance.commit(refused, Decision.ACCEPT)
    assert "前锋区政务服务中心" in why.value.user_text()  # where to apply instead
    assert workstation.db.query("SELECT count(*) FROM cases")[0][0] == 0

    session = build_session(services.acceptance, services.catalog, cross.item_code, Decision.ACCEPT, applicant())
    result = services.acceptance.commit(session, Decision.ACCEPT)
    drain(synced.engine, timeout=30)
    body = json.loads(sandbox.query("SELECT body FROM cases WHERE case_uuid = ?", (result.case_uuid,))[0][0])
    [routed] = body["tongban"]
    assert routed["implementing_body"]["name"] == NEIGHBOUR_BODY and routed["scope"] == "全国"
    assert sandbox.query("SELECT body_name, region_code FROM case_routes WHERE case_uuid = ?",
                         (result.case_uuid,)) == [(NEIGHBOUR_BODY, "511603000000")]

    monkeypatch.setattr("sandbox.backoffice.outcome", lambda *_: "approved")  # its reviewer approves
    office = BackOffice(Store(sandbox.db_path), delay=0, seed=3)  # the platform's back office, for that body
    for _ in range(3):
        office.step()
    synced.run_once(push=False)
    moves = _platform_moves(workstation, result.case_uuid)
    assert [m[1] for m in moves][-1] == CaseStatus.READY_FOR_PICKUP.value
    assert {m[2].get("decided_by") for m in moves} == {NEIGHBOUR_BODY}
    assert any(m[2]["note"].startswith(NEIGHBOUR_BODY) for m in moves if m[2]["note"])

    texts = _papers(services, result.case_uuid, "tongban",
                    (DocumentKind.THERMAL_RECEIPT, DocumentKind.ACCEPTANCE_NOTICE))
    receipt, notice = texts["受理回执"], texts["受理通知书"]
    for text in (receipt, notice):
        assert "跨域通办" in text and NEIGHBOUR_BODY in text
    assert "出 件 地" in receipt and "收 件 地" in receipt
    flat = "".join(notice.split())  # a wrapped line may split a phrase
    assert "收件地" in flat and "出件地" in flat and "邮政寄递" in flat
    if shutil.which("zbarimg"):
        codes = decode(PNG_DIR / "tongban-thermal_receipt.pdf", PNG_DIR)
        assert codes["CODE-128"] == [result.case_number]
    dialog = _look_at_dialog(qtbot, services.cases.get(result.case_uuid), "tongban-case-dialog.png")
    assert dialog.sub_cases is None and "跨域通办" in dialog.body.text() and NEIGHBOUR_BODY in dialog.body.text()


def test_outside_item_is_refused_when_chosen(services):
    services.catalog.ensure_training_catalog()
    outside = _hits(services, "个体工商户设立登记")["前锋区市场监督管理局"]
    found = services.catalog.reach_of(services.catalog.get_item(outside.item_code))
    assert not found.acceptable and "前锋区市场监督管理局" in found.reason


def _decide(sandbox, number: str, status: str) -> None:
    requests.post(f"{sandbox.base_url}/__admin/sub-cases/{number}/decide", json={"status": status},
                  timeout=5).raise_for_status()


def test_bundle_is_split_into_sub_cases_pulled_back_exactly_once(qtbot, workstation, services, sandbox, synced):
    services.catalog.ensure_training_catalog()
    session = build_session(services.acceptance, services.catalog, BUNDLE, Decision.ACCEPT, applicant())
    result = services.acceptance.commit(session, Decision.ACCEPT)
    reports = drain(synced.engine, timeout=30)
    assert sum(r.actions_done for r in reports) == 1, [r for r in reports][-1:]
    subs = sandbox.query("SELECT sub_number, item_name, department, status FROM sub_cases WHERE case_uuid = ?"
                         " ORDER BY position", (result.case_uuid,))
    platform_number = sandbox.query("SELECT platform_number FROM cases WHERE case_uuid = ?",
                                    (result.case_uuid,))[0][0]
    assert [s[0] for s in subs] == [f"{platform_number}-{n:02d}" for n in (1, 2, 3)]
    assert [s[1] for s in subs] == ["个体工商户设立登记", "食品经营许可", "个体工商户税务信息确认"]
    assert {s[3] for s in subs} == {"received"}
    one, two, three = (s[0] for s in subs)

    _decide(sandbox, one, "in_review")
    _decide(sandbox, one, "approved")
    _decide(sandbox, two, "in_review")
    _decide(sandbox, three, "supplement_required")
    synced.run_once(push=False)
    stored = services.cases.get(result.case_uuid)
    assert [(s.sub_number, s.status) for s in stored.sub_cases] == [
        (one, "approved"), (two, "in_review"), (three, "correction_requested")]
    assert all(s.deadline is not None and s.department for s in stored.sub_cases)
    assert stored.case.status is CaseStatus.CORRECTION_REQUESTED  # any 补正 → 待补正
    assert services.corrections.open_request(result.case_uuid) is not None  # the department's request is kept
    events = len(stored.events)

    _rewind(workstation)
    synced.run_once(push=False)  # the same pages again: nothing applied twice
    again = services.cases.get(result.case_uuid)
    assert len(again.events) == events and again.sub_cases == stored.sub_cases

    # The window answers the department's 补正 (the real 补正 flow, one outbox action); until that department reports
    # again its sub-case counts as back in review: another department's decision does not make the bundle 待补正.
    request = services.corrections.open_request(result.case_uuid)
    draft = services.corrections.new_draft(result.case_uuid)
    for asked in request.items:
        data = f"补正 {asked.material_code}".encode() * 500
        page = PageRef(workstation.blobs.put(data), len(data), "image/png")
        draft.set(SuppliedMaterial(asked.material_code, original_verified=True, copies_received=1, pages=(page,)))
    services.corrections.commit(draft)
    drain(synced.engine, timeout=30)
    assert sandbox.query("SELECT request_id FROM correction_submissions") == [(request.request_id,)]
    _decide(sandbox, two, "denied")
    synced.run_once(push=False)
    assert services.cases.get(result.case_uuid).case.status is not CaseStatus.CORRECTION_REQUESTED

    office = BackOffice(Store(sandbox.db_path), delay=0, seed=1)  # the 税务 department takes the 补正, then approves
    for _ in range(2):
        office.step()
    synced.run_once(push=False)
    final = services.cases.get(result.case_uuid)
    assert [s.status for s in final.sub_cases] == ["approved", "denied", "approved"]
    # 部分办结: the approved results are sent to the window and collected there (出件 of the one case)
    assert final.case.status is CaseStatus.READY_FOR_PICKUP
    states = [m[2].get("bundle_state") for m in _platform_moves(workstation, result.case_uuid)]
    assert states[-2:] == ["partial", None] and "correction" in states

    texts = _papers(services, result.case_uuid, "bundle", (DocumentKind.THERMAL_RECEIPT,
                                                            DocumentKind.ACCEPTANCE_NOTICE))
    receipt = texts["受理回执"]
    for name, department in (("食品经营许可", "市场监管"), ("个体工商户税务信息确认", "税务")):
        assert name in receipt and department in receipt
    assert one in receipt and "并联审批" in receipt and "子件编号" in texts["受理通知书"]
    if shutil.which("zbarimg"):
        assert decode(PNG_DIR / "bundle-thermal_receipt.pdf", PNG_DIR)["CODE-128"] == [result.case_number]
    dialog = _look_at_dialog(qtbot, final, "bundle-case-dialog.png")
    table = dialog.sub_cases
    assert table is not None and table.table.rowCount() == 3
    assert "部分办结" in table.heading.text()
    assert [table.table.item(r, 0).text() for r in range(3)] == [s.sub_number for s in final.sub_cases]


def _look_at_dialog(qtbot, stored, png: str):
    """The case dialog, in Chinese, saved as PNG to look at."""
    from PySide6.QtWidgets import QApplication

    from ui.acceptance.case_list import CaseDialog, CaseListPanel
    from ui.i18n import load_translators

    translators = load_translators(QApplication.instance(), "zh_CN")
    panel = CaseListPanel()
    dialog = CaseDialog(None, stored, "", panel.status_text)
    qtbot.addWidget(dialog)
    qtbot.addWidget(panel)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(PNG_DIR / png))
    for translator in translators:
        QApplication.instance().removeTranslator(translator)
    return dialog


def _rewind(workstation) -> None:
    """The status stream's cursor back to the start: the platform sends every change again."""
    with workstation.db.transaction() as conn:
        store_cursor(conn, "case_changes", "")
