"""Printer routing, the print archive and the print service (with a recording spooler; CUPS is integration)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from clerk_app.context import Workstation
from clerk_app.domain.case_states import EventKind
from clerk_app.print_service import PrintService
from offline_cache.case_events import load_events
from printing.errors import NoPrinter, PrinterNotFound
from printing.model import DocumentKind
from printing.spooler import resolve_printer, route
from tests.unit.printing.helpers import FULL_ID, RecordingSpooler, context, insert_case


def test_routing_per_document_kind() -> None:
    assert route(DocumentKind.ACCEPTANCE_NOTICE, "", "") == ""  # empty: system default
    assert route(DocumentKind.ONE_TIME_NOTICE, "A4-Laser", "Thermal-80") == "A4-Laser"
    assert route(DocumentKind.THERMAL_RECEIPT, "A4-Laser", "Thermal-80") == "Thermal-80"
    assert route(DocumentKind.THERMAL_RECEIPT, "A4-Laser", "") == "A4-Laser"


def test_resolving_unknown_or_missing_printers_raises_typed_errors() -> None:
    spooler = RecordingSpooler()
    assert resolve_printer(spooler, "") == "A4-Laser"
    assert resolve_printer(spooler, "Thermal-80") == "Thermal-80"
    with pytest.raises(PrinterNotFound) as caught:
        resolve_printer(spooler, "Gone")
    assert "Gone" in caught.value.user_text()
    with pytest.raises(NoPrinter):
        resolve_printer(RecordingSpooler(default=None), "")


def _service(workstation: Workstation) -> tuple[PrintService, RecordingSpooler, str]:
    workstation = dataclasses.replace(
        workstation, config=workstation.config.with_overrides(printing__receipt_printer="Thermal-80"))
    spooler = RecordingSpooler()
    with workstation.db.transaction() as conn:
        case = insert_case(conn, "33030200101202611220007")
    return PrintService(workstation, spooler), spooler, case


def test_print_archives_encrypted_and_records_the_event(workstation: Workstation) -> None:
    service, spooler, case = _service(workstation)
    outcome = service.print_document(case, context(DocumentKind.ACCEPTANCE_NOTICE), "clerk7")
    [(printer, sent, title)] = spooler.jobs
    assert printer == "A4-Laser" and sent == outcome.pdf and "受理通知书" in title
    assert service.archived_pdf(outcome.archived.sha256) == sent
    stored = workstation.blobs.path_for(outcome.archived.sha256).read_bytes()
    assert b"%PDF" not in stored and FULL_ID.encode() not in stored  # encrypted at rest
    [event] = load_events(workstation.db.conn, case)
    assert event.kind is EventKind.PRINTED and event.clerk_id == "clerk7" and event.window_code == "01"
    assert event.details["document"] == "acceptance_notice" and FULL_ID not in str(event.details)
    receipt = service.print_document(case, context(DocumentKind.THERMAL_RECEIPT), "clerk7")
    assert receipt.job.printer == "Thermal-80"
    assert spooler.media[0] == "A4" and spooler.media[1] is not None and spooler.media[1].startswith("Custom.80x")
    assert [d.kind for d in service.archived(case)] == [DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.THERMAL_RECEIPT]


def test_second_print_of_a_kind_is_a_reprint(workstation: Workstation) -> None:
    service, spooler, case = _service(workstation)
    service.print_document(case, context(DocumentKind.THERMAL_RECEIPT), "k")
    again = service.print_document(case, context(DocumentKind.THERMAL_RECEIPT), "k")
    assert again.archived.reprint and again.pdf != spooler.jobs[0][1]
    kinds = [e.kind for e in load_events(workstation.db.conn, case)]
    assert kinds == [EventKind.PRINTED, EventKind.REPRINTED]
    assert [d.reprint for d in service.archived(case)] == [False, True]


def test_failed_spooling_keeps_the_archive(workstation: Workstation, tmp_path: Path) -> None:
    service, spooler, case = _service(workstation)

    class Broken(RecordingSpooler):
        def submit(self, printer: str, pdf: bytes, title: str, media: str | None = None):  # type: ignore[no-untyped-def]
            raise PrinterNotFound(printer=printer)

    broken = PrintService(workstation, Broken())
    with pytest.raises(PrinterNotFound):
        broken.print_document(case, context(DocumentKind.ACCEPTANCE_NOTICE), "k")
    assert len(broken.archived(case)) == 1  # the clerk can reprint from the archive


def test_one_print_service_for_the_workstation(services) -> None:
    assert services.documents.printer is services.printing  # the acceptance paper goes through the same service
    assert services.printing.preview(context(DocumentKind.MATERIAL_LIST)).startswith(b"%PDF")


def test_a_paper_about_several_cases_renders_once_and_is_archived_with_each(workstation: Workstation,
                                                                            monkeypatch) -> None:
    from clerk_app import print_service

    service, spooler, first = _service(workstation)
    with workstation.db.transaction() as conn:
        others = [insert_case(conn, f"3303020010120261122000{n}") for n in (8, 9)]
    rendered: list[str] = []
    real = print_service.render_document
    monkeypatch.setattr(print_service, "render_document", lambda ctx: rendered.append(ctx.kind.value) or real(ctx))
    ctx = context(DocumentKind.ROUTING_SLIP)
    ctx = dataclasses.replace(ctx, extra={**ctx.extra, "document_tag": "slip-1"})
    outcomes = service.print_for_cases([first, *others], ctx, "clerk7")
    assert rendered == ["routing_slip"] and len(spooler.jobs) == 1  # was one render per case
    assert [o.archived.case_uuid for o in outcomes] == [first, *others]
    for case in (first, *others):
        [archived] = service.archived(case)
        assert archived.sha256 == outcomes[0].archived.sha256 and archived.printer == "A4-Laser"  # not 电子签名存档
        [event] = load_events(workstation.db.conn, case)
        assert event.kind is EventKind.PRINTED
    again = service.print_for_cases([first, *others], ctx, "clerk7")  # the same slip again: 补打 for every case
    assert all(o.archived.reprint for o in again)
