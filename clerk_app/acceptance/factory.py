"""Building the acceptance service from a workstation (used by the GUI wiring and the CLI)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from clerk_app.acceptance.handover import HandoverDesk
from clerk_app.acceptance.rules_adapter import RulesEngineAdapter
from clerk_app.acceptance.service import AcceptanceService, local_now
from clerk_app.acceptance.supplement import SupplementDesk
from clerk_app.rules import rules_service
from offline_cache.cases import CaseRepository


def bind_to_clerk(workstation: Any, *objects: Any) -> None:
    """These desks record the logged-in clerk (``clerk_id``; a paper's letterhead names them), not the
    configuration's ``clerk.default_id``: they follow every login and shift change of the clerk session."""
    bound: list[Any] = workstation.services.setdefault("clerk_bound", [])
    bound.extend(objects)
    session = workstation.services.get("clerk_session")
    if session is not None and session.clerk is not None:
        apply_clerk(workstation, session.clerk)


def apply_clerk(workstation: Any, clerk: Any) -> None:
    """Called by the clerk session's wiring after a login (``clerk`` has ``account`` and ``name``)."""
    for obj in workstation.services.get("clerk_bound", []):
        obj.clerk_id = clerk.account
        letterhead = getattr(obj, "letterhead", None)
        if letterhead is not None:
            obj.letterhead = replace(letterhead, clerk_name=clerk.name)


def case_repository(workstation: Any) -> CaseRepository:
    return CaseRepository(workstation.db, workstation.cipher, workstation.applicants)


def handover_desk(workstation: Any) -> HandoverDesk:
    service = acceptance_service(workstation)
    desk = HandoverDesk(workstation.db, workstation.cipher, service.rules, window_code=service.window_code,
                        clerk_id=service.clerk_id, clock=local_now, blobs=workstation.blobs)
    bind_to_clerk(workstation, desk)
    return desk


def supplement_desk(workstation: Any) -> SupplementDesk:
    service = acceptance_service(workstation)
    desk = SupplementDesk(workstation.db, service.cases, service.rules, window_code=service.window_code,
                          clerk_id=service.clerk_id, clock=local_now)
    bind_to_clerk(workstation, desk)
    return desk


def acceptance_service(workstation: Any) -> AcceptanceService:
    """The workstation's acceptance service, built once and kept in ``workstation.services``."""
    existing = workstation.services.get("acceptance")
    if existing is not None:
        return existing
    config = workstation.config
    service = AcceptanceService(
        workstation.db, workstation.cipher, workstation.applicants, case_repository(workstation),
        RulesEngineAdapter(rules_service(workstation)),
        centre_code=config.get("centre.code"), window_code=config.get("window.code"),
        clerk_id=config.get("clerk.default_id"),
    )
    workstation.services["acceptance"] = service
    bind_to_clerk(workstation, service)
    return service


def document_desk(workstation: Any, clerk_name: str | None = None) -> Any:
    """The papers of the workstation's cases (letterhead and centre settings from the configuration, item facts
    from the catalog when it is loaded)."""
    from clerk_app.acceptance.documents import DocumentDesk, Letterhead
    from clerk_app.catalog.service import CatalogService
    from clerk_app.print_service import print_service

    service = acceptance_service(workstation)
    catalog = workstation.services.get("catalog") or CatalogService(workstation.db)
    config = workstation.config
    return DocumentDesk(service.cases, print_service(workstation),
                        Letterhead.from_config(config, clerk_name or service.clerk_id), clerk_id=service.clerk_id,
                        thermal_receipt=bool(config.get("acceptance.thermal_receipt")),
                        department_of=lambda code: catalog.get_item(code).department, item_of=catalog.get_item)
