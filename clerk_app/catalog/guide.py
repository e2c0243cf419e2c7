"""The 办事指南 for an item or bundle and chosen 情形 answers: as a PDF, and sent to the A4 printer."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from clerk_app.catalog.service import CatalogService
from clerk_app.print_service import PrintService
from printing.render_worker import render
from printing.spooler import PrintJob

log = logging.getLogger("onewindow.catalog")


def answer_labels(service: CatalogService, code: str, answers: Mapping[str, str]) -> list[tuple[str, str]]:
    """(question, chosen option label) for every question, defaults included, in the guide's order. In a bundle a
    member item's question names its item ("【户口迁入登记】是否委托他人代为办理？"): the same question asked for
    three items must say which answer belongs to which."""
    labels = []
    for situation in service.situations(code):
        option = situation.option(answers.get(situation.code, situation.default))
        if option is None:
            continue
        question = situation.question
        if situation.item_code:
            try:
                question = f"【{service.get_item(situation.item_code).name}】{question}"
            except Exception:  # a retired member: the question alone
                log.warning("bundle member of a guide question not in the catalog")
        labels.append((question, option.label))
    return labels


def guide_pdf(service: CatalogService, code: str, answers: Mapping[str, str] | None = None) -> bytes:
    answers = dict(answers or {})
    checklist = service.checklist(code, answers)
    labels = answer_labels(service, code, answers)
    if service.is_bundle(code):
        bundle = service.get_bundle(code)
        pdf: bytes = render("printing.guide_pdf:render_bundle_guide", bundle, service.bundle_members(code, answers),
                            checklist, labels)
    else:
        pdf = render("printing.guide_pdf:render_item_guide", service.get_item(code), checklist, labels)
    return pdf


def print_guide(catalog: CatalogService, printing: PrintService, code: str,
                answers: Mapping[str, str] | None = None) -> PrintJob:
    """Print the guide on the configured A4 printer (or the system default); returns the spooler job."""
    from printing.spooler import resolve_printer

    pdf = guide_pdf(catalog, code, answers)
    spooler = printing.spooler
    printer = resolve_printer(spooler, printing.a4_printer)
    job = spooler.submit(printer, pdf, f"办事指南-{code[:40]}")
    log.info("printed a service guide on %s (job %s)", printer, job.job_id)
    return job
