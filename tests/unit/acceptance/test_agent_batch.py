"""代办批次: a village agent identified once brings three villagers' applications; each villager gets a separate case
with the authorisation recorded (agent on the applicant, the signed 委托书 and the villager's ID copy as pages), the
visit is one batch, and its receipt lists every case (rendered, archived with each case)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from clerk_app.acceptance.agent_batch import AgentNotRead, BatchEmpty
from clerk_app.domain.applicant import CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision, MaterialSource, MaterialState
from clerk_app.services import DeviceHooks, build_services
from offline_cache.agent_batches import batch_of_case, get_batch
from offline_cache.cases import PageRef
from tests.unit.printing.helpers import RecordingSpooler

ITEM = "51160202000501-511602000000-000-11511602MB1010020Y-1-00"  # 城乡居民基本养老保险参保登记 (agent 情形)
AGENT = NaturalPerson("周代办", IdDocumentType.RESIDENT_ID, "110105197001010012", source=CaptureSource.SIMULATED)
VILLAGERS = (("王大山", "110105194502020014"), ("李秀英", "110105195003030025"), ("张老根", "110105194804040017"))


@pytest.fixture
def batch_services(workstation):
    spooler = RecordingSpooler()
    built = build_services(workstation, DeviceHooks(spooler=spooler))
    built.catalog.ensure_training_catalog()
    yield built, spooler
    built.close()


def _villager(name: str, number: str) -> NaturalPerson:
    return NaturalPerson(name, IdDocumentType.RESIDENT_ID, number, source=CaptureSource.MANUAL,
                         manual_entry_reason="代办：依据身份证复印件录入")


def _page(services, rng: random.Random) -> PageRef:
    data = rng.randbytes(4_000)
    return PageRef(services.workstation.blobs.put(data), len(data), "image/png")


def test_three_villagers_one_batch_one_receipt(batch_services, tmp_path):
    services, spooler = batch_services
    desk, catalog = services.agent_batches, services.catalog
    with pytest.raises(AgentNotRead):
        desk.open(NaturalPerson("手输", IdDocumentType.RESIDENT_ID, "110105197001010012"))
    batch = desk.open(AGENT, village="清河区示范村")
    with pytest.raises(BatchEmpty):
        desk.close(batch)
    rng = random.Random(3)
    answers = {"agent": "agent"}
    results = []
    for name, number in VILLAGERS:
        session = desk.villager_session(batch, _villager(name, number))
        session.set_items((catalog.get_item(ITEM),), tuple(catalog.checklist(ITEM, answers)), answers)
        desk.prepare(session)
        assert session.record("agent_id").source is MaterialSource.CARD_READER  # the agent's card, read once
        session.attach_page("poa", _page(services, rng))  # the villager's signed 委托书, scanned
        session.attach_page("id", _page(services, rng))  # the villager's ID copy
        for code in session.records:
            session.mark_received(code)
        results.append(services.acceptance.commit(session, Decision.ACCEPT))

    record = get_batch(services.workstation.db, services.workstation.cipher, batch.batch_uuid)
    assert record.case_uuids == tuple(r.case_uuid for r in results)  # separate cases, in the order they came
    assert record.agent["name"] == "周代办"
    for result, (name, _number) in zip(results, VILLAGERS, strict=True):
        stored = services.cases.get(result.case_uuid)
        assert stored.case.applicant.display_name == name
        assert stored.case.applicant.agent is not None and stored.case.applicant.agent.agent.name == "周代办"
        assert stored.case.applicant.agent.relation == "村级代办员"
        poa = next(m for m in stored.case.materials if m.material_code == "poa")
        assert poa.state is MaterialState.RECEIVED and len(poa.page_blob_ids) == 1
        assert batch_of_case(services.workstation.db, result.case_uuid) == batch.batch_uuid

    assert desk.close(batch) == [r.case_uuid for r in results]
    ctx = desk.receipt_context(batch.batch_uuid)
    assert [r.case_number for r in ctx.batch_rows] == [r.case_number for r in results]
    assert all("*" in r.applicant_name and "*" in r.applicant_id for r in ctx.batch_rows)  # masked on paper
    outcomes = desk.print_receipt(batch.batch_uuid)
    assert len(spooler.jobs) == 1 and len(outcomes) == 3
    for result in results:
        kinds = [d.kind.value for d in services.printing.archived(result.case_uuid)]
        assert "agent_batch_receipt" in kinds
    pdf = tmp_path / "batch.pdf"
    pdf.write_bytes(spooler.jobs[0][1])
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
                   .stdout.split())
    assert "代办批次回执" in text and batch.batch_number in text and "周代办" in text
    for result in results:
        assert result.case_number in text
    assert "110105194502020014" not in text  # no villager's full ID number on the agent's paper
    shots = os.environ.get("ONEWINDOW_SHOTS")
    if shots:
        shutil.copy(pdf, Path(shots) / "agent-batch-receipt.pdf")
