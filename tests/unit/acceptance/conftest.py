"""Fixtures of the acceptance tests: a workstation, sample items and applicants, and rules that can
fail on cue."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from clerk_app.acceptance.ports import DeadlineInfo
from clerk_app.acceptance.service import AcceptanceService
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.catalog import (
    HandlingType,
    ItemType,
    MaterialSpec,
    PaperForm,
    ServiceItem,
    TimeLimit,
)
from offline_cache.cases import CaseRepository

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=CST)

ID_NUMBER = "11010519491231002X"


def applicant() -> Applicant:
    person = NaturalPerson("张三", IdDocumentType.RESIDENT_ID, ID_NUMBER, source=CaptureSource.SIMULATED)
    return Applicant(person)


CHECKLIST = (
    MaterialSpec("M1", "身份证", paper_form=PaperForm.ORIGINAL, original_count=1),
    MaterialSpec("M2", "申请表", paper_form=PaperForm.ORIGINAL_AND_COPY, original_count=1, copy_count=2),
    MaterialSpec("M3", "房产证明", paper_form=PaperForm.COPY, copy_count=1, deferrable=True),
)


def item(handling: HandlingType = HandlingType.PROMISED) -> ServiceItem:
    return ServiceItem("BASIC1", "IMPL1", "个体工商户设立登记", ItemType.ADMINISTRATIVE_LICENCE, "市场监管局",
                       handling, TimeLimit(20), TimeLimit(5), CHECKLIST)


@dataclass
class ScriptedRules:
    """Rules double: numbering by counting rows, events straight into case_events.

    ``fail_at`` raises at that step, to prove the commit is all or nothing.
    """

    fail_at: str | None = None
    events: list[str] = field(default_factory=list)

    def _maybe_fail(self, where: str) -> None:
        if self.fail_at == where:
            raise RuntimeError(f"injected failure at {where}")

    def allocate_number(self, conn: sqlite3.Connection, centre_code: str, window_code: str,
                        day: date) -> str:
        self._maybe_fail("number")
        prefix = f"{centre_code}{window_code}{day:%Y%m%d}"
        sql = "SELECT count(*) FROM cases WHERE case_number LIKE ?"
        count = conn.execute(sql, (prefix + "%",)).fetchone()[0]
        return f"{prefix}{count + 1:04d}"

    def record_event(self, conn: sqlite3.Connection, *, case_uuid: str, kind: str, from_status: str | None,
                     to_status: str | None, clerk_id: str, window_code: str, details: dict[str, Any],
                     device_time: datetime | None = None) -> None:
        self._maybe_fail(f"event:{kind}")
        conn.execute(
            "INSERT INTO case_events (case_uuid, kind, from_status, to_status, clerk_id, window_code,"
            " device_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (case_uuid, kind, from_status, to_status, clerk_id, window_code, (device_time or NOW).isoformat()))
        self.events.append(kind)

    def promised_deadline(self, items, accepted_on: date) -> DeadlineInfo | None:
        return DeadlineInfo(accepted_on + timedelta(days=7), True, None)

    def legal_deadline(self, items, accepted_on: date) -> DeadlineInfo | None:
        return DeadlineInfo(accepted_on + timedelta(days=28), True, None)

    def verification_code(self, case_number: str) -> str:
        return "ABCDEF"

    def supervision_level(self, deadline: date, today: date) -> str:
        return "red" if today > deadline else "normal"


@pytest.fixture
def rules() -> ScriptedRules:
    return ScriptedRules()


@pytest.fixture
def service(workstation: Any, rules: ScriptedRules) -> Iterator[AcceptanceService]:
    cases = CaseRepository(workstation.db, workstation.cipher, workstation.applicants)
    yield AcceptanceService(workstation.db, workstation.cipher, workstation.applicants, cases, rules,
                            centre_code="330302001", window_code="01", clerk_id="clerk7", clock=lambda: NOW)
