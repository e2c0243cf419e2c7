"""Training-mode helpers.

* ``training seed [--json]``: practice cases dated today on the training home, one per situation a trainer shows.
* ``training sample-cases [--count N] [--json]``: N plain accepted practice cases with the training deck's invented
  applicants, committed offline through the real acceptance service (numbering, events, outbox), so an installation
  check has a queue to keep across an upgrade and to sync. Training mode only.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from clerk_app.cli import ServicesFactory
from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the CLI loads the catalog code only when a command runs
    from clerk_app.catalog.service import CatalogService


class NotTraining(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "Practice cases can only be made in training mode.")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("training", help="training-mode helpers")
    actions = parser.add_subparsers(dest="training_command", metavar="ACTION", required=True)
    seed = actions.add_parser("seed", help="create practice cases dated today (every decision, 容缺, 补齐, "
                                           "a follow-up acceptance, a case ready for pickup)")
    seed.add_argument("--json", action="store_true", help="machine-readable output")
    seed.set_defaults(handler=run_seed)
    sample = actions.add_parser("sample-cases", help="accept N plain practice cases offline (training mode only)")
    sample.add_argument("--count", type=int, default=3)
    sample.add_argument("--json", action="store_true", help="machine-readable output")
    sample.set_defaults(handler=run_sample_cases)


def run_seed(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.acceptance.practice import seed

    services = make_services()
    services.catalog.ensure_training_catalog()
    cases = seed(services)
    data = [{"case_number": c.case_number, "decision": c.decision, "status": c.status, "label": c.label,
             "item_names": list(c.item_names)} for c in cases]
    online = _seed_online(services)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for row in data:
            print(f"{row['case_number']}  {row['decision']:<24} {row['status']:<28} {row['label']}"
                  f"  ({'、'.join(row['item_names'])})")
    for pre in online:  # beside the case list (whose --json shape callers rely on): on stderr
        print(f"{pre['number']}  网上申报  {pre['prereview']:<18} {pre['label']}  ({pre['item_name']})",
              file=sys.stderr if args.json else sys.stdout)
    return 0


def _seed_online(services: Any) -> list[dict[str, str]]:
    """网上申报 practice: pre-applications in the bundled training sandbox's online hall, for the window to fetch
    by number or by the applicant's card. None made when training runs against another platform URL."""
    if services.sandbox is None:
        return []
    try:
        return list(services.sandbox.seed_online(services.config.get("centre.code")))
    except (RuntimeError, OSError, ValueError) as exc:
        print(f"online pre-applications not made: {exc}", file=sys.stderr)
        return []


def run_sample_cases(args: argparse.Namespace, make_services: ServicesFactory) -> int:
    from clerk_app.domain.applicant import Applicant
    from clerk_app.domain.case import Decision
    from clerk_app.identity.records import to_natural_person
    from devices.identity_simulated import training_cards

    services = make_services()
    if not services.is_training:
        raise NotTraining()
    catalog = services.catalog
    catalog.ensure_training_catalog()
    item_code = _simple_item(catalog)
    item = catalog.get_item(item_code)
    checklist = tuple(catalog.checklist(item_code))
    service = services.acceptance
    people = [card.record for card in training_cards() if card.key.startswith("resident")]
    numbers = []
    for index in range(args.count):
        session = service.new_session()
        session.set_applicant(Applicant(to_natural_person(people[index % len(people)]), contact_phone="13800000000"))
        session.set_items((item,), checklist)
        for spec in checklist:
            session.mark_received(spec.code)
        numbers.append(service.commit(session, Decision.ACCEPT).case_number)
    if args.json:
        print(json.dumps({"item": item_code, "cases": numbers}, ensure_ascii=False))
    else:
        print("\n".join(numbers))
    return 0


def _simple_item(catalog: CatalogService) -> str:
    """The first training item that is not a bundle, needs no 情形 answers and charges nothing before acceptance
    (受理前收费 would hold the sample's offline acceptance until a payment the platform confirms)."""
    from clerk_app.catalog.training import load_training_changes
    from clerk_app.domain.fees import FeeStage, effective_stage

    for entry in load_training_changes()["items"]:
        code = str(entry["implementation_code"])
        if not catalog.is_bundle(code) and not catalog.situations(code) and \
                effective_stage([catalog.get_item(code)]) is not FeeStage.BEFORE_ACCEPTANCE:
            return code
    raise UserFacingError()
