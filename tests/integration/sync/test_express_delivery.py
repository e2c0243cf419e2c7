"""快递送达 end to end on real parts: 邮寄送达 chosen at acceptance (the recipient encrypted, on the receipt masked,
sent once with the case), the waybill recorded at dispatch (mailed, one ``dispatch`` action over HTTP), the
当日寄件清单 printed through CUPS with its waybill barcodes decoded by zbar, and the sandbox's carrier reporting
returned (back to window pickup with the reason) and delivered (the case concludes) through the status pulls."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import requests

from clerk_app.acceptance.delivery import AlreadyMailed, DeliveryReturned, NotReadyToMail, WaybillTaken
from clerk_app.domain.case import CaseStatus, Decision
from clerk_app.domain.delivery import ExpressNotAllowed, Recipient, WaybillInvalid
from clerk_app.print_service import PrintService
from clerk_app.sync.engine import drain
from printing.spooler import CupsSpooler
from tests.integration.printing.test_cups_printing import decode
from tests.unit.acceptance.conftest import applicant

pytestmark = pytest.mark.integration

PNG_DIR = Path("/tmp/after-paper")
CATALOG = Path(__file__).resolve().parents[3] / "clerk_app" / "catalog" / "data" / "training.json"
RECIPIENTS = (Recipient.checked("李小龙", "13912345678", "四川省南充市顺庆区人民中路 88 号 2 单元 501 室", "637000"),
              Recipient.checked("王五", "0817-2345678", "四川省南充市高坪区江东中路 1 号"))
WAYBILLS = ("EA123456789CN", "1234567890123")


def _code_of(name: str) -> str:
    items = json.loads(CATALOG.read_text(encoding="utf-8"))["items"]
    return str(next(i["implementation_code"] for i in items if i["name"] == name))


def _commit(services, name: str, recipient: Recipient | None) -> str:
    item = services.catalog.get_item(_code_of(name))
    session = services.acceptance.new_session()
    session.set_applicant(applicant())
    session.set_items((item,), item.materials)
    for spec in item.materials:
        session.mark_received(spec.code)
    session.choose_mail_delivery(recipient)
    return services.acceptance.commit(session, Decision.ACCEPT).case_uuid


def _approve(sandbox, synced, case_uuid: str) -> None:
    """The back office approves (what its simulator does, here at once) and the pull brings it."""
    centre = sandbox.query("SELECT centre_code FROM cases WHERE case_uuid = ?", (case_uuid,))[0][0]
    with sqlite3.connect(sandbox.db_path) as conn:
        for status in ("in_review", "approved"):
            conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at) VALUES (?, ?, ?, '',"
                         " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", (case_uuid, centre, status))
        conn.execute("UPDATE cases SET status = 'approved' WHERE case_uuid = ?", (case_uuid,))
    synced.run_once(push=False)


def _status(services, case_uuid: str) -> CaseStatus:
    return services.cases.get(case_uuid).case.status


def test_mail_delivery_from_acceptance_to_returned_and_delivered(cups_pdf, workstation, services, sandbox, synced,
                                                                 tmp_path) -> None:
    services.catalog.ensure_training_catalog()
    with pytest.raises(ExpressNotAllowed):  # the catalog does not allow 物流快递 for this item
        _commit(services, "不动产权证书补发", RECIPIENTS[0])
    mailed = [_commit(services, "无犯罪记录证明开具", RECIPIENTS[0]),
              _commit(services, "普通护照签发", RECIPIENTS[1])]
    pickup = _commit(services, "无犯罪记录证明开具", None)

    # The recipient is personal data: encrypted at rest, never in the plain outbox payload or the event log.
    raw = workstation.db.query("SELECT recipient_enc FROM case_deliveries ORDER BY chosen_at")
    assert len(raw) == 2 and all("李小龙".encode() not in bytes(r[0]) for r in raw)
    plain = workstation.db.query("SELECT payload FROM outbox WHERE kind = 'case_upsert' AND case_uuid = ?",
                                 (mailed[0],))[0][0]
    assert json.loads(plain)["delivery"] == {"method": "mail"} and "13912345678" not in plain
    events = workstation.db.query("SELECT details FROM case_events WHERE kind = 'delivery_chosen'")
    assert len(events) == 2 and all("李小龙" not in e[0] and "人民中路" not in e[0] for e in events)

    # On the receipt: the choice with the recipient masked and the address to check.
    receipt = services.documents.contexts(mailed[0])[0]
    assert receipt.result_delivery.startswith("邮寄送达") and "李**" in receipt.result_delivery
    assert "139****5678" in receipt.result_delivery and "人民中路 88 号" in receipt.result_delivery
    assert services.documents.contexts(pickup)[0].result_delivery == ""

    drain(synced.engine, timeout=30)
    drain(synced.engine, timeout=30)
    bodies = {r[0]: json.loads(r[1]) for r in sandbox.query("SELECT case_uuid, body FROM cases")}
    assert bodies[mailed[0]]["delivery"] == {"method": "mail", "recipient": RECIPIENTS[0].as_dict()}
    assert "delivery" not in bodies[pickup]

    desk = services.deliveries
    with pytest.raises(NotReadyToMail):  # accepted, not decided yet
        desk.dispatch(mailed[0], WAYBILLS[0])
    for case_uuid in mailed:
        _approve(sandbox, synced, case_uuid)
    with pytest.raises(WaybillInvalid):
        desk.dispatch(mailed[0], "XX123")
    first = desk.dispatch(mailed[0], " ea123456789cn ")  # what a gun or a hand gives: case and spaces normalised
    assert first.created and first.waybill.carrier == "中国邮政EMS" and first.waybill.number == WAYBILLS[0]
    assert not desk.dispatch(mailed[0], WAYBILLS[0]).created  # the same scan again: the first record
    with pytest.raises(AlreadyMailed):
        desk.dispatch(mailed[0], "EB123456789CN")
    with pytest.raises(WaybillTaken):
        desk.dispatch(mailed[1], WAYBILLS[0])
    desk.dispatch(mailed[1], WAYBILLS[1])
    assert _status(services, mailed[0]) is CaseStatus.MAILED

    drain(synced.engine, timeout=30)
    drain(synced.engine, timeout=30)  # nothing sent twice
    sent = sandbox.query("SELECT case_uuid, waybill FROM dispatches ORDER BY received_at")
    assert sorted(sent) == sorted(zip(mailed, WAYBILLS, strict=True))
    assert {r[0] for r in sandbox.query("SELECT status FROM cases WHERE case_uuid IN (?, ?)", tuple(mailed))} == {
        "mailed"}

    # 当日寄件清单 through CUPS: the list's number and both waybills decode; recipients masked, addresses in full.
    to_cups = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        printing__a4_printer=cups_pdf.queue))
    services.documents.printer = PrintService(to_cups, CupsSpooler())
    outcome = desk.print_mailing_list()
    assert services.documents.printer.wait(outcome.job, 30.0) == "completed"
    printed = cups_pdf.wait_for_output(int(outcome.job.job_id))
    pdf = tmp_path / "mailing_list.pdf"
    shutil.copy(printed, pdf)
    printed.unlink()
    found = decode(pdf, tmp_path)
    number = desk.list_number(datetime.now().astimezone().date())
    assert sorted(found.get("CODE-128", [])) == sorted([number, *WAYBILLS])
    ours = tmp_path / "mailing-rendered.pdf"
    ours.write_bytes(outcome.pdf)
    flat = "".join(subprocess.run(["pdftotext", str(ours), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "当日寄件清单" in flat and "李**" in flat and "139****5678" in flat and "王*" in flat
    assert "人民中路88号2单元501室" in flat and "揽收签名" in flat and "本清单共2件" in flat
    assert "李小龙" not in flat and "13912345678" not in flat
    archived = {key for key in mailed
                if any(d.kind.value == "mailing_list" for d in services.documents.printer.archived(key))}
    assert archived == set(mailed)  # each case's file holds the list it left with

    # The carrier reports over the sandbox's back office: one returned (back to window pickup, reason kept) and
    # one delivered (the case concludes).
    base = sandbox.base_url
    returned = requests.post(f"{base}/__admin/cases/{mailed[0]}/delivery",
                             json={"outcome": "returned", "reason": "地址不详，无法投递"}, timeout=5)
    returned.raise_for_status()
    assert requests.post(f"{base}/__admin/cases/{mailed[0]}/delivery", json={"outcome": "delivered"},
                         timeout=5).status_code == 409
    requests.post(f"{base}/__admin/cases/{mailed[1]}/delivery", json={"outcome": "delivered"},
                  timeout=5).raise_for_status()
    assert requests.post(f"{base}/__admin/cases/{pickup}/delivery", json={"outcome": "delivered"},
                         timeout=5).status_code == 409
    synced.run_once(push=False)
    synced.run_once(push=False)  # a replayed page changes nothing
    assert _status(services, mailed[0]) is CaseStatus.READY_FOR_PICKUP
    back = desk.delivery(mailed[0])
    assert back is not None and back.outcome == "returned" and back.return_reason == "地址不详，无法投递"
    with pytest.raises(DeliveryReturned):
        desk.dispatch(mailed[0], "EB123456789CN")
    assert _status(services, mailed[1]) is CaseStatus.CONCLUDED
    done = desk.delivery(mailed[1])
    assert done is not None and done.outcome == "delivered"
    kinds = [r[0] for r in workstation.db.query(
        "SELECT kind FROM case_events WHERE case_uuid IN (?, ?) AND kind IN ('dispatched', 'delivered',"
        " 'delivery_returned') ORDER BY event_id", tuple(mailed))]
    assert sorted(kinds) == ["delivered", "delivery_returned", "dispatched", "dispatched"]

    PNG_DIR.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(ours), str(PNG_DIR / "mailing_list")],
                   check=True)
