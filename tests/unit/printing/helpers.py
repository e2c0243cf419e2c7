"""Sample documents and a minimal committed case for the printing tests."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from clerk_app.domain.case import MaterialState as S
from printing.model import DocumentContext, DocumentKind, ItemFacts, MaterialRow
from printing.spooler import PrintJob

NAME = "张三丰"
FULL_ID = "110105194912310021"
MATERIALS = (
    MaterialRow("营业执照（副本）", S.RECEIVED, True, 1, 1, 2),
    MaterialRow("法定代表人身份证明", S.ELICENCE_REUSED),
    MaterialRow("食品经营场所平面图", S.MISSING, requirement="A4纸打印，标明尺寸"),
    MaterialRow("食品安全管理制度文本", S.DEFECTIVE, copies_received=1, defect_note="未加盖公章",
                requirement="加盖单位公章"),
    MaterialRow("从业人员健康证明", S.DEFERRED, supply_by=date(2026, 12, 4), requirement="有效期内"),
)


LICENCE_ITEM = ItemFacts("食品经营许可（新办）", "行政许可", "《中华人民共和国食品安全法》第三十五条",
                         "鹿城区市场监督管理局", legal_limit="20个工作日", promised_limit="10个工作日",
                         consultation_phone="0577-88001234", complaint_phone="0577-12345")


PAYMENT_QR = "https://pay.example.gov.cn/p?code=33000000000000000017"
FEE_LINES = '[{"name": "证书工本费", "standard": "10元/本", "basis": "浙价费〔2017〕1号", "amount_fen": 1000}]'
FEE_EXTRA = {"lines": FEE_LINES,
             "amount": "10.00", "payment_code": "33000000000000000017", "payment_qr": PAYMENT_QR,
             "expires_on": "2026-12-06", "stage": "before_conclusion"}


def context(kind: DocumentKind, number: str = "33030200101202611220007", code: str = "K7QX2M",
            **changes: object) -> DocumentContext:
    values: dict[str, object] = dict(
        kind=kind, case_number=number, verification_code=code, centre_name="培训演示便民服务中心",
        window_name="综合受理1号窗口", clerk_name="王小明", applicant_name=NAME, applicant_id_label="居民身份证",
        applicant_id_display=FULL_ID, item_names=("食品经营许可（新办）",), accepted_at=datetime(2026, 11, 22, 9, 35),
        materials=MATERIALS, department="市场监督管理局", promised_date=date(2026, 12, 4), handling_type="承诺件",
        decision_reason="申请事项依法不属于本机关职权范围",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        apply_instead="鹿城区卫生健康局", reconsideration_body="鹿城区人民政府", litigation_court="鹿城区人民法院",
        items=(LICENCE_ITEM,), rejection_type="not_competent",
    )
    if kind is DocumentKind.FEE_NOTICE:  # a fee notice is not one without its lines and payment code
        values["extra"] = FEE_EXTRA
    values.update(changes)
    return DocumentContext(**values)  # type: ignore[arg-type]


def insert_case(conn: sqlite3.Connection, number: str) -> str:
    case = str(uuid.uuid4())
    applicant = str(uuid.uuid4())
    conn.execute("INSERT INTO applicants VALUES (?, 'person', 'resident', 'i', x'00', 'manual', 'now')",
                 (applicant,))
    conn.execute(
        "INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, centre_code, window_code,"
        " clerk_id, created_at) VALUES (?, ?, ?, '[]', 'accepted', '330302001', '01', 'k', 'now')",
        (case, number, applicant),
    )
    return case


@dataclass
class RecordingSpooler:
    """A spooler that keeps what it was given (the real ones are exercised in tests/integration/printing)."""

    known: list[str] = field(default_factory=lambda: ["A4-Laser", "Thermal-80"])
    default: str | None = "A4-Laser"
    jobs: list[tuple[str, bytes, str]] = field(default_factory=list)
    media: list[str | None] = field(default_factory=list)

    def printers(self) -> list[str]:
        return list(self.known)

    def default_printer(self) -> str | None:
        return self.default

    def submit(self, printer: str, pdf: bytes, title: str, media: str | None = None) -> PrintJob:
        self.jobs.append((printer, pdf, title))
        self.media.append(media)
        return PrintJob(printer, str(len(self.jobs)))

    def wait(self, job: PrintJob, timeout: float) -> str:
        del job, timeout
        return "completed"
