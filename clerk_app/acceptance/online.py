"""网上申报 → 窗口接件: the window opens an online pre-application and turns it into an acceptance draft.

The clerk scans the pre-application's number (QR or barcode on the citizen's phone) or reads the applicant's card
(a platform search by the ID number). Both need the platform: offline the desk raises ``OnlineUnavailable`` and the
window offers a fresh acceptance instead. The draft arrives with the applicant, the item and its 情形 answers, the
materials uploaded online (received, marked ``online``, their files bound by hash at sync and never uploaded
again) and the pre-review result; the clerk checks the originals, adds what is missing and decides as usual.
Blocking (network): call off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.catalog.service import CatalogService
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.pre_application import PreApplication, looks_like_number, parse_pre_application
from clerk_app.errors import LoginExpired, UserFacingError, ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.sync.errors import PlatformBusy, PlatformRejected, PlatformUnreachable, Unauthorised

log = logging.getLogger("onewindow.online")

# The reason recorded for an applicant whose data came from the platform's real-name account, not a card read.
ONLINE_IDENTITY_REASON = "网上申报实名信息（到窗口请核验身份证）"


class OnlineUnavailable(UserFacingError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The online application cannot be fetched: the platform is not reachable now ({reason}). "
                  "Start a fresh acceptance at the window instead (Ctrl+N).")


class PreApplicationNotFound(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "No online application has the number {number}.")


class PreApplicationElsewhere(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The online application {number} was made for another service centre.")


class PreApplicationTaken(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The online application {number} was already taken at a window.")


class NotAPreApplicationNumber(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "{number} is not an online application number (WS and 12 digits).")


class OnlineAnswerInvalid(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The platform's answer about the online application is unusable ({field}).")


class PreApplicationSource(Protocol):
    def pre_application(self, number: str) -> dict[str, Any]: ...

    def search_pre_applications(self, id_number: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class PreApplicationHit:
    number: str
    item_code: str
    submitted_at: str
    passed: bool


class OnlineDesk:
    def __init__(self, source: PreApplicationSource, catalog: CatalogService, *, configured: bool,
                 token_rejected: Callable[[], None] | None = None) -> None:
        self._source = source
        self._catalog = catalog
        self.configured = configured
        self._token_rejected = token_rejected

    def _call(self, fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if not self.configured:
            raise OnlineUnavailable(reason="no platform configured")
        try:
            try:
                return fn()
            except Unauthorised:
                if self._token_rejected is not None:
                    self._token_rejected()  # refresh once, as the sync engine does
                return fn()
        except (Unauthorised, LoginExpired) as exc:
            raise OnlineUnavailable(reason="login expired") from exc
        except PlatformUnreachable as exc:
            raise OnlineUnavailable(reason=str(getattr(exc, "reason", "") or "network")) from exc
        except PlatformBusy as exc:
            raise OnlineUnavailable(reason=f"HTTP {exc.status}") from exc

    def fetch(self, number: str) -> PreApplication:
        number = number.strip().upper()
        if not looks_like_number(number):
            raise NotAPreApplicationNumber(number=number)
        try:
            data = self._call(lambda: self._source.pre_application(number))
        except PlatformRejected as exc:
            if exc.status == 404:
                raise PreApplicationNotFound(number=number) from exc
            if exc.status == 403:
                raise PreApplicationElsewhere(number=number) from exc
            raise
        try:
            pre = parse_pre_application(data)
        except ValueError as exc:
            log.warning("pre-application answer refused: field %s", exc)
            raise OnlineAnswerInvalid(field=str(exc)) from exc
        if pre.number != number:
            raise OnlineAnswerInvalid(field="number")
        if pre.taken_by_case is not None:
            raise PreApplicationTaken(number=number)
        return pre

    def find_for(self, applicant: Applicant | None) -> list[PreApplicationHit]:
        """The open pre-applications of the person whose card was read ([] for a legal entity)."""
        principal = applicant.principal if applicant is not None else None
        if not isinstance(principal, NaturalPerson):
            return []
        data = self._call(lambda: self._source.search_pre_applications(principal.id_number))
        found = data.get("pre_applications")
        if not isinstance(found, list):
            raise OnlineAnswerInvalid(field="pre_applications")
        hits = []
        for row in found:
            if not isinstance(row, dict) or not looks_like_number(str(row.get("number", ""))):
                raise OnlineAnswerInvalid(field="pre_applications.number")
            hits.append(PreApplicationHit(str(row["number"]), str(row.get("item_code", "")),
                                          str(row.get("submitted_at", "")), row.get("prereview_result") == "passed"))
        return hits

    def item_name(self, code: str) -> str:
        try:
            return self._catalog.get_item(code).name
        except UserFacingError:
            return code

    def session_for(self, pre: PreApplication, session: AcceptanceSession) -> AcceptanceSession:
        """Fill a fresh draft from the pre-application: applicant, item, 情形 answers, the online materials."""
        code = pre.item_code
        checklist = tuple(self._catalog.checklist(code, pre.answers))
        item = self._catalog.get_item(code)
        session.take_online(pre)
        session.set_applicant(applicant_of(pre))
        session.set_items((item,), checklist, pre.answers)
        return session


def applicant_of(pre: PreApplication) -> Applicant:
    """The applicant as the platform's real-name account gave it: typed data until the clerk reads the card."""
    id_type = IdDocumentType.RESIDENT_ID
    person = NaturalPerson(pre.applicant_name, id_type, pre.id_number, phone=pre.phone or None,
                           source=CaptureSource.MANUAL, manual_entry_reason=ONLINE_IDENTITY_REASON)
    return Applicant(person, contact_phone=pre.phone or None)
