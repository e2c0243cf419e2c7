"""``case show NUMBER [--json]`` and ``case today``: stored cases for the hall's staff, personal numbers masked."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.void import void_of
from clerk_app.cli import ServicesFactory
from clerk_app.domain.applicant import Applicant, LegalEntity, NaturalPerson
from clerk_app.domain.masking import mask_id_number, mask_name, mask_phone
from offline_cache.cases import StoredCase
from printing.model import DocumentKind


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("case", help="show stored cases (personal numbers masked)")
    actions = parser.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="one case by its number")
    show.add_argument("number", help="case number (办件编号)")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(handler=run_show)
    today = actions.add_parser("today", help="cases created today at this window")
    today.add_argument("--date", help="another day (YYYY-MM-DD)")
    today.add_argument("--json", action="store_true", help="machine-readable output")
    today.set_defaults(handler=run_today)
    paper = actions.add_parser("print", help="render one of a stored case's papers to a PDF file")
    paper.add_argument("number", help="case number (办件编号)")
    paper.add_argument("--kind", required=True, choices=[k.value for k in DocumentKind], help="which paper")
    paper.add_argument("--out", required=True, help="PDF file to write")
    paper.set_defaults(handler=run_print)
    verify = actions.add_parser("verify", help="check a receipt's verification code (any window of the centre)")
    verify.add_argument("code", help="the scanned QR (link or OW1:…), or the case number followed by CODE")
    verify.add_argument("verification", nargs="?", help="the 6-character code when the first argument is a number")
    verify.add_argument("--json", action="store_true", help="machine-readable output")
    verify.set_defaults(handler=run_verify)


def _person(person: NaturalPerson) -> dict[str, Any]:
    return {"name": mask_name(person.name), "id_type": person.id_type.value,
            "id_number": mask_id_number(person.id_number), "source": person.source.value}


def _applicant(applicant: Applicant) -> dict[str, Any]:
    principal = applicant.principal
    if isinstance(principal, LegalEntity):
        out: dict[str, Any] = {"kind": "legal_entity", "name": principal.name,
                               "credit_code": mask_id_number(principal.credit_code)}
    else:
        out = {"kind": "person", **_person(principal)}
    if applicant.agent is not None:
        out["agent"] = {**_person(applicant.agent.agent), "relation": applicant.agent.relation}
    out["contact_phone"] = mask_phone(applicant.contact_phone)
    return out


def case_json(stored: StoredCase) -> dict[str, Any]:
    case = stored.case
    details = stored.details.get("decision_details", {})
    return {
        "case_uuid": str(case.case_uuid),
        "case_number": case.case_number,
        "status": case.status.value,
        "decision": case.decision.value if case.decision else None,
        "item_codes": list(case.item_codes),
        "item_names": list(stored.item_names),
        "centre_code": case.centre_code,
        "window_code": case.window_code,
        "clerk_id": case.clerk_id,
        "created_at": case.created_at.isoformat(),
        "accepted_at": stored.accepted_at,
        "promised_date": case.promised_date.isoformat() if case.promised_date else None,
        "promised_certain": stored.deadline_certain,
        "legal_deadline": stored.legal_deadline.isoformat() if stored.legal_deadline else None,
        "frozen": stored.frozen,
        "applicant": _applicant(case.applicant),
        "materials": [
            {"material_code": m.material_code, "name": m.name, "state": m.state.value,
             "original_verified": m.original_verified, "copies_received": m.copies_received,
             "supply_by": m.supply_by.isoformat() if m.supply_by else None, "pages": len(m.page_blob_ids),
             "defect_note": m.defect_note}
            for m in case.materials
        ],
        "decision_details": details,
        "events": [{"kind": e.kind, "from": e.from_status, "to": e.to_status, "clerk_id": e.clerk_id,
                    "window_code": e.window_code, "device_time": e.device_time} for e in stored.events],
        "printed_documents": len(stored.printed),
        "void": void_of(stored),  # 作废: reason, approved_by, voided_at; None for a case not voided
    }


def run_show(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    cases = make_services().cases
    try:
        stored = cases.get_by_number(args.number)
    except KeyError:
        raise CaseNotFound() from None
    data = case_json(stored)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{data['case_number']}  {data['status']}  {'、'.join(data['item_names'])}")
    if data["void"]:
        void = data["void"]
        print(f"  VOIDED (作废) {void.get('voided_at', '')}: {void.get('reason', '')}"
              f" (approved by {void.get('approved_by', '')})")
    applicant = data["applicant"]
    print(f"  applicant: {applicant['name']} {applicant.get('id_number') or applicant.get('credit_code')}")
    print(f"  promised: {data['promised_date'] or '-'}{'' if data['promised_certain'] else ' (uncertain)'}"
          f"  legal: {data['legal_deadline'] or '-'}")
    for material in data["materials"]:
        supply = f" by {material['supply_by']}" if material["supply_by"] else ""
        print(f"  - {material['name']}: {material['state']}{supply}")
    return 0


def run_today(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    services = make_services()
    day = date.fromisoformat(args.date) if args.date else date.today()
    rows = services.cases.list_created_on(day, services.config.get("window.code"))
    data: list[dict[str, Any]] = [
        {"case_number": r.case_number, "status": r.status.value, "item_names": list(r.item_names),
         "applicant": mask_name(r.applicant_name),
         "promised_date": r.promised_date.isoformat() if r.promised_date else None}
        for r in rows
    ]
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for row in data:
            print(f"{row['case_number']}  {row['status']:<28} {row['promised_date'] or '-':<10}  "
                  f"{'、'.join(row['item_names'])}")
    return 0


def run_print(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    """Render (not print, not archive) one paper of a stored case: what the window would print now."""
    from pathlib import Path

    from printing.render import render_document

    services = make_services()
    desk = services.documents
    cases = services.cases
    try:
        stored = cases.get_by_number(args.number)
    except KeyError:
        raise CaseNotFound() from None
    case_uuid = str(stored.case.case_uuid)
    kind = DocumentKind(args.kind)
    if kind is DocumentKind.SUPPLEMENT_RECEIPT:
        supplements = services.supplements.supplements(case_uuid)
        if not supplements:
            print("this case has no 补齐 (supplement); no supplement receipt to render")
            return 2
        context = desk.supplement_contexts(case_uuid, supplements[-1:])[0]
    else:
        context = desk.contexts(case_uuid, (kind,))[0]
    out = Path(args.out)
    out.write_bytes(render_document(context))
    print(f"{out}: {context.title} of case {stored.case.case_number}")
    return 0


def run_verify(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.domain.numbering import NotACaseNumber, parse_qr_payload

    if args.verification:
        number, code = args.code.strip(), args.verification.strip().upper()
    else:
        try:
            number, code = parse_qr_payload(args.code)
        except NotACaseNumber:
            print("not a receipt code: give the scanned QR text, or the case number and the 6-character code")
            return 2
    result = make_services().rules.verify(number, code)
    if args.json:
        print(json.dumps({"case_number": number, "valid": result.valid, "key_id": result.key_id},
                         ensure_ascii=False))
    else:
        state = f"valid (centre key {result.key_id})" if result.valid else "NOT valid"
        print(f"{number} {code}: {state}")
    return 0 if result.valid else 1
