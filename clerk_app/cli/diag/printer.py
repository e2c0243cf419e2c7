"""``diag printer [--print KIND] [--json]``: which printer each document goes to, and a real sample print.

The sample is a training document (case number with sequence 0001 on 2000-01-01, placeholder applicant) printed
through the OS spooler exactly like a real one, so IT staff can check paper size, fonts and that a barcode gun
reads the Code128. Nothing is archived: there is no case.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

from clerk_app.cli import ServicesFactory
from printing.model import DocumentContext, DocumentKind


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("printer", help="show printer routing; --print KIND prints a sample document")
    parser.add_argument("--print", dest="kind", choices=[k.value for k in DocumentKind],
                        help="print a sample of this document kind")
    parser.add_argument("--wait", type=float, default=30.0, help="seconds to wait for the job (default 30)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def sample_context(kind: DocumentKind, centre: str, window: str, verification: str, number: str) -> DocumentContext:
    return DocumentContext(
        kind=kind, case_number=number, verification_code=verification, centre_name=centre, window_name=window,
        clerk_name="测试", applicant_name="打印测试", applicant_id_label="（样张）", applicant_id_display="",
        item_names=("打印测试样张",), accepted_at=datetime.now().astimezone(), promised_date=date.today(),
        handling_type="样张",
    )


def run(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.domain.numbering import CaseNumber
    from printing.render import media_option, render_document
    from printing.spooler import resolve_printer, route, system_spooler

    services = make_services()
    config = services.config
    a4, receipt = str(config.get("printing.a4_printer")), str(config.get("printing.receipt_printer"))
    spooler = system_spooler()
    printers = spooler.printers()
    default = spooler.default_printer()
    routing = {kind.value: route(kind, a4, receipt) or "(system default)" for kind in DocumentKind}
    report: dict[str, object] = {"printers": printers, "default": default, "routing": routing}
    if args.kind:
        kind = DocumentKind(args.kind)
        number = str(CaseNumber(config.get("centre.code"), config.get("window.code"), date(2000, 1, 1), 1))
        ctx = sample_context(kind, config.get("centre.name"), config.get("window.name"),
                             services.rules.verification_code(number), number)
        printer = resolve_printer(spooler, route(kind, a4, receipt))
        job = spooler.submit(printer, render_document(ctx), f"OneWindow-sample-{kind.value}", media_option(ctx))
        report["sample"] = {"printer": printer, "job": job.job_id, "state": spooler.wait(job, args.wait),
                            "case_number": number}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"printers: {', '.join(printers) or '-'}  (default: {default or '-'})")
        for kind_name, target in routing.items():
            print(f"  {kind_name:<22} -> {target}")
        if "sample" in report:
            print(f"sample: {report['sample']}")
    return 0
