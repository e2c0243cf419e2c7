"""What the platform answers is checked against what was asked before it changes anything locally.

A 2xx is not a receipt: ``200 {}``, a replayed receipt of an earlier call, a receipt naming another case, file or
action, a hash that is not the hash of the body sent, or a platform number of an impossible shape all raise
``AnswerInvalid`` (the row stays queued and is retried with back-off, never marked done). A platform number that
differs from the one already recorded for the case, or that another local case already holds, is the platform
contradicting itself: ``PlatformNumberConflict`` (a conflict for the clerk, never retried automatically).

Pull pages are checked the same way (``PageRejected``): the page is refused as a whole, its cursor is not moved.
Messages name the field and the reason, never a value (receipts carry no personal data, but pages could).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.sync.errors import ContentConflict, PlatformBusy, SyncErrorKind
from offline_cache.cases import platform_number_of, platform_number_taken

PLATFORM_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
PLATFORM_STATUSES = frozenset({"received", "in_review", "approved", "denied", "supplement_required",
                               "ready_for_pickup", "handed_over", "mailed", "concluded"})
_SHA = re.compile(r"^[0-9a-f]{64}$")
MAX_CURSOR = 512


class AnswerInvalid(PlatformBusy):
    """A 2xx whose body is not the receipt of what was sent: retried later, never taken as success."""

    kind = SyncErrorKind.SERVER
    message = QT_TRANSLATE_NOOP(
        "errors", "The platform's answer does not confirm what was sent ({code}); the item stays queued.")

    def __init__(self, code: str, detail: str = "") -> None:
        UserFacingError.__init__(self, code=code)
        self.status, self.retry_after, self.code, self.detail = 200, None, code, detail


class PlatformNumberConflict(ContentConflict):
    """The platform gave this case a number other than the one it gave before, or another case's number."""

    message = QT_TRANSLATE_NOOP(
        "errors",
        "The platform answered a case number that contradicts an earlier one; it needs the clerk's attention.")

    def __init__(self, details: dict[str, Any]) -> None:
        super().__init__(200, "platform_number_changed", details)


class PageRejected(UserFacingError):
    """A pull page that does not follow the contract: nothing of it is stored, the other pulls go on."""

    kind = SyncErrorKind.SERVER
    code = "page_rejected"
    message = QT_TRANSLATE_NOOP("errors", "The platform sent a {stream} page that was refused ({reason}).")

    def __init__(self, stream: str, reason: str) -> None:
        super().__init__(stream=stream, reason=reason[:200])
        self.stream, self.reason = stream, reason


def body_digest(body: Any) -> str:
    """SHA-256 of the canonical JSON of a body (sorted keys, no spaces, UTF-8): what receipts call ``body_sha256``."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _need(answer: Any, name: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(answer, dict):
        raise AnswerInvalid("answer_not_object")
    value = answer.get(name)
    if value is None or not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise AnswerInvalid(f"receipt_missing_{name}")
    return value


def _same_key(answer: Any, name: str, expected: str) -> None:
    if str(_need(answer, name, str)).lower() != expected.lower():
        raise AnswerInvalid(f"receipt_other_{name}")


def _hash_of(answer: Any, body: Any) -> None:
    if _need(answer, "body_sha256", str) != body_digest(body):
        raise AnswerInvalid("receipt_wrong_hash")


def _time(answer: Any, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_need(answer, name, str))
    except ValueError:
        raise AnswerInvalid(f"receipt_bad_{name}") from None
    if moment.tzinfo is None:
        raise AnswerInvalid(f"receipt_bad_{name}")
    return moment


def check_case_receipt(answer: Any, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
    _same_key(answer, "case_uuid", case_uuid)
    _hash_of(answer, body)
    number = _need(answer, "platform_number", str)
    if not PLATFORM_NUMBER.match(number):
        raise AnswerInvalid("receipt_bad_platform_number")
    if _need(answer, "status", str) not in PLATFORM_STATUSES:
        raise AnswerInvalid("receipt_bad_status")
    _time(answer, "received_at")
    return dict(answer)


def check_platform_number(conn: Any, case_uuid: str, number: str) -> None:
    """Raise ``PlatformNumberConflict`` if the case already has another number, or another case has this one."""
    recorded = platform_number_of(conn, case_uuid)
    if recorded and recorded != number:
        raise PlatformNumberConflict({"recorded": recorded, "answered": number})
    if platform_number_taken(conn, number, case_uuid):
        raise AnswerInvalid("receipt_number_of_another_case")


def check_binding(answer: Any, case_uuid: str, materials: list[dict[str, Any]]) -> dict[str, Any]:
    _same_key(answer, "case_uuid", case_uuid)
    _hash_of(answer, {"materials": materials})
    if not isinstance(_need(answer, "processed", bool), bool):
        raise AnswerInvalid("receipt_missing_processed")
    wanted = {(m["material_code"], sha) for m in materials for sha in m["files"]}
    if _need(answer, "bound_files", int) != len(wanted):
        raise AnswerInvalid("receipt_wrong_bound_files")
    return dict(answer)


def check_write_receipt(answer: Any, key: str, body: dict[str, Any]) -> dict[str, Any]:
    """Handover (keyed by the case) and evaluation (keyed by its UUID): ``{id, received_at, body_sha256}``."""
    _same_key(answer, "id", key)
    _hash_of(answer, body)
    _time(answer, "received_at")
    return dict(answer)


def check_supplement_receipt(answer: Any, supplement_uuid: str, case_uuid: str,
                             body: dict[str, Any]) -> dict[str, Any]:
    _same_key(answer, "id", supplement_uuid)
    _same_key(answer, "case_uuid", case_uuid)
    _hash_of(answer, body)
    _need(answer, "processed", bool)
    wanted = {(m["material_code"], sha) for m in body.get("materials", ()) for sha in m.get("files", ())}
    if _need(answer, "bound_files", int) != len(wanted):
        raise AnswerInvalid("receipt_wrong_bound_files")
    return dict(answer)


def check_correction_receipt(answer: Any, submission_uuid: str, case_uuid: str,
                             body: dict[str, Any]) -> dict[str, Any]:
    """A 补正 submission's receipt: as a supplement's, and naming the request it answers."""
    checked = check_supplement_receipt(answer, submission_uuid, case_uuid, body)
    _same_key(answer, "request_id", str(body["request_id"]))
    return checked


def check_file_progress(offset: int, complete: bool, total: int, sent_from: int | None = None,
                        sent: int = 0) -> None:
    """An upload answer must stay within the file, say complete only at its end, and (after a PATCH) move on."""
    if not 0 <= offset <= total:
        raise AnswerInvalid("file_offset_out_of_range")
    if complete and offset != total:
        raise AnswerInvalid("file_complete_too_early")
    if sent_from is not None and not complete and offset != sent_from + sent and offset <= sent_from:
        raise AnswerInvalid("file_offset_did_not_move")


# -- pull pages ---------------------------------------------------------------------------------------------------

def _page_object(stream: str, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise PageRejected(stream, "the page is not a JSON object")
    return data


def _cursor(stream: str, data: dict[str, Any], name: str = "cursor") -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value or len(value) > MAX_CURSOR:
        raise PageRejected(stream, f"{name} is missing or not a short text")
    return value


def _changes_page(stream: str, data: Any, check_change: Callable[[str, int, dict[str, Any]], None]) -> dict[str, Any]:
    """A page of a change feed: ``changes`` a list of objects, each checked by ``check_change``, then the cursor."""
    page = _page_object(stream, data)
    changes = page.get("changes")
    if not isinstance(changes, list):
        raise PageRejected(stream, "changes is not a list")
    for index, change in enumerate(changes):
        if not isinstance(change, dict):
            raise PageRejected(stream, f"changes[{index}] is not an object")
        check_change(stream, index, change)
    _cursor(stream, page)
    if not isinstance(page.get("has_more", False), bool):
        raise PageRejected(stream, "has_more is not true or false")
    return page


def check_case_changes(data: Any) -> dict[str, Any]:
    return _changes_page("case_changes", data, _check_case_change)


def _check_case_change(stream: str, index: int, change: dict[str, Any]) -> None:
    for name, kind in (("seq", int), ("case_uuid", str), ("status", str), ("at", str)):
        value = change.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PageRejected(stream, f"changes[{index}].{name} is missing or of the wrong type")
    if not isinstance(change.get("note", ""), str):
        raise PageRejected(stream, f"changes[{index}].note is not a text")
    if change.get("correction") is not None:
        _check_correction(stream, index, change["correction"])
    if change.get("decision") is not None:
        _check_texts(stream, f"changes[{index}].decision", change["decision"], DECISION_TEXTS)
    if change.get("elicence") is not None:
        _check_elicence(stream, f"changes[{index}].elicence", change["elicence"])
    if not isinstance(change.get("decided_by") or "", str):
        raise PageRejected(stream, f"changes[{index}].decided_by is not a text")
    if change.get("sub_case") is not None:
        _check_sub_case(stream, index, change["sub_case"])


# The back office's decision with an approved/denied change: name -> longest text (all optional).
DECISION_TEXTS = {"decision_number": 64, "decided_at": 40, "deciding_body": 100, "basis": 500, "reasons": 2000}
ELICENCE_TEXTS = {"identifier": 200, "licence_kind": 60, "licence_number": 64, "issued_at": 40, "valid_until": 40}


def _check_texts(stream: str, where: str, value: Any, limits: dict[str, int]) -> None:
    if not isinstance(value, dict):
        raise PageRejected(stream, f"{where} is not an object")
    for name, longest in limits.items():
        text = value.get(name)
        if text is not None and (not isinstance(text, str) or len(text) > longest):
            raise PageRejected(stream, f"{where}.{name} is not a text of at most {longest} characters")


def _check_elicence(stream: str, where: str, value: Any) -> None:
    """The e-licence's shape (its identifier's structure is judged by the pull: a malformed one is recorded as
    refused on the case, it does not hold back the page's other changes)."""
    _check_texts(stream, where, value, ELICENCE_TEXTS)
    if not value.get("identifier"):
        raise PageRejected(stream, f"{where}.identifier is missing")
    data = value.get("data", {})
    if not isinstance(data, dict) or len(data) > 40 or any(
            not isinstance(k, str) or not isinstance(v, str) or len(k) > 40 or len(v) > 500 for k, v in data.items()):
        raise PageRejected(stream, f"{where}.data is not an object of at most 40 short texts")


def _check_sub_case(stream: str, index: int, sub: Any) -> None:
    """并联: the sub-case a change reports (its number, texts and an optional deadline date)."""
    where = f"changes[{index}].sub_case"
    if not isinstance(sub, dict) or not isinstance(sub.get("number"), str) or not 0 < len(sub["number"]) <= 64:
        raise PageRejected(stream, f"{where} has no number")
    if any(not isinstance(sub.get(k, 0), int) or isinstance(sub.get(k, 0), bool) for k in ("position", "count")):
        raise PageRejected(stream, f"{where}.position or count is not a number")
    for key in ("item_code", "item_name", "department", "deciding_body"):
        if not isinstance(sub.get(key, ""), str) or len(sub.get(key, "")) > 500:
            raise PageRejected(stream, f"{where}.{key} is not a short text")
    if sub.get("deadline") is not None:
        try:
            date.fromisoformat(str(sub["deadline"]))
        except ValueError:
            raise PageRejected(stream, f"{where}.deadline is not a date") from None


def _check_correction(stream: str, index: int, request: Any) -> None:
    """A 补正 request: its id, what is asked (material code, name, requirement per item) and an optional date."""
    where = f"changes[{index}].correction"
    if not isinstance(request, dict):
        raise PageRejected(stream, f"{where} is not an object")
    request_id = request.get("request_id")
    if not isinstance(request_id, str) or not 0 < len(request_id) <= 64:
        raise PageRejected(stream, f"{where}.request_id is missing or too long")
    items = request.get("items")
    if not isinstance(items, list) or not 0 < len(items) <= 100:
        raise PageRejected(stream, f"{where}.items is not a list of 1 to 100 entries")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("material_code"), str) or not item["material_code"]:
            raise PageRejected(stream, f"{where}.items has an entry without a material code")
        if any(not isinstance(item.get(k, ""), str) or len(item.get(k, "")) > 500 for k in ("name", "requirement")):
            raise PageRejected(stream, f"{where}.items has a name or requirement that is not a short text")
    due_by = request.get("due_by")
    if due_by is not None:
        try:
            date.fromisoformat(str(due_by))
        except ValueError:
            raise PageRejected(stream, f"{where}.due_by is not a date") from None


def check_payment_changes(data: Any) -> dict[str, Any]:
    return _changes_page("payments", data, _check_payment_change)


def _check_payment_change(stream: str, index: int, change: dict[str, Any]) -> None:
    for name in ("notice_uuid", "status", "paid_at", "voucher"):
        value = change.get(name)
        if not isinstance(value, str) or not 0 < len(value) <= 128:
            raise PageRejected(stream, f"changes[{index}].{name} is missing or not a short text")
    if not isinstance(change.get("seq"), int) or isinstance(change.get("seq"), bool):
        raise PageRejected(stream, f"changes[{index}].seq is not a number")
    _time_text(stream, f"changes[{index}].paid_at", change["paid_at"])


def _time_text(stream: str, where: str, value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise PageRejected(stream, f"{where} is not a time") from None


def check_calendar(data: Any, year: int) -> dict[str, Any]:
    stream = f"calendar:{year}"
    page = _page_object(stream, data)
    if page.get("year") != year:
        raise PageRejected(stream, "year differs from the year asked for")
    version = page.get("version", "")
    if not isinstance(version, str | int) or isinstance(version, bool) or len(str(version)) > 64:
        raise PageRejected(stream, "version is not a short text")
    days = page.get("days", [])
    if not isinstance(days, list) or len(days) > 366:
        raise PageRejected(stream, "days is not a list of at most 366 days")
    for index, day in enumerate(days):
        if not isinstance(day, dict):
            raise PageRejected(stream, f"days[{index}] is not an object")
        try:
            moment = date.fromisoformat(day.get("date"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise PageRejected(stream, f"days[{index}].date is not a date") from None
        if moment.year != year:
            raise PageRejected(stream, f"days[{index}].date is not in {year}")
        if day.get("kind") not in ("holiday", "workday"):
            raise PageRejected(stream, f"days[{index}].kind is neither holiday nor workday")
        if not isinstance(day.get("name", ""), str) or len(day.get("name", "")) > 100:
            raise PageRejected(stream, f"days[{index}].name is not a short text")
    return page


def is_sha256(value: Any) -> bool:
    return isinstance(value, str) and bool(_SHA.match(value))
