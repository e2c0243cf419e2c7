"""Results in the sandbox's back office: the decision sent with an ``approved`` / ``denied`` change, and the
e-licence issued on approval when the item's result is a licence (办理结果类型 证照 in the training catalog).

Training values, clearly invented: the decision number is the sandbox's own counter; the e-licence identifier has
the GB/T 36904 form ``1.2.156.3005.2.<类型代码>.<颁证单位>.<编号>.<版本>.<校验位>`` (FACTS §3.7) with a training
defining authority, the item's implementing organ as issuer and a serial of region + date + sequence. Its last
character is the sandbox's own (digit sum mod 10): the real check algorithm was not found, the workstation does not
recompute it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from sandbox.catalog_feed import _training
from sandbox.store import now_iso

ARC = "1.2.156.3005.2"
TRAINING_AUTHORITY = "11100000MB0000001T"  # a training 统一社会信用代码 (valid check character), not a real organ
DENIAL_REASONS = "经实质审查，申请事项不符合法定条件、标准（模拟审查意见）"
# Licence data items the sandbox sends for printing (training values; the kinds' templates use them).
TRAINING_DATA = {
    "营业执照": {"类型": "个体工商户", "经营者": "（培训）", "经营场所": "清河区清河大道88号（培训数据）",
             "经营范围": "日用百货零售（培训数据）"},
    "不动产权证书": {"共有情况": "单独所有", "坐落": "清河区清河大道88号1栋1单元101室（培训数据）",
               "权利类型": "国有建设用地使用权/房屋所有权", "用途": "住宅",
               "面积": "共有宗地面积 1000㎡/房屋建筑面积 98.5㎡"},
}


def _items() -> dict[str, dict[str, Any]]:
    training = _training() or {}
    return {str(item.get("implementation_code")): item for item in training.get("items", [])}


def _licence_kinds() -> list[str]:
    return sorted({str(i["result"]["name"]) for i in _items().values()
                   if (i.get("result") or {}).get("type") == "证照"})


def _check_char(body: str) -> str:
    return str(sum(int(c) for c in body if c.isdigit()) % 10)


def elicence_identifier(kind: str, issuer: str, region: str, serial_number: int, when: datetime) -> str:
    kinds = _licence_kinds()
    type_number = f"{(kinds.index(kind) + 1) if kind in kinds else 999:03d}"
    serial = f"{region[:6]}01{when:%Y%m%d}{serial_number % 10000:04d}"
    body = ".".join((ARC, TRAINING_AUTHORITY + type_number, issuer, serial, "001"))
    return f"{body}.{_check_char(body)}"


def decide(conn: sqlite3.Connection, case_uuid: str, centre_code: str, status: str, note: str,
           reasons: str | None = None) -> int:
    """Move the case to ``approved`` / ``denied`` with its decision (and e-licence); returns the change seq."""
    body = json.loads(conn.execute("SELECT body FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()[0])
    items = [_items().get(str(code)) for code in body.get("item_codes", [])]
    item = next((i for i in items if i), None) or {}
    stamp = now_iso()
    count = conn.execute("SELECT count(*) FROM results").fetchone()[0] + 1
    when = datetime.now(UTC) + timedelta(hours=8)
    issuer = (item.get("implementing_body") or {}).get("credit_code", "")
    decision = {"decision_number": f"清河审批〔{when.year}〕{count}号", "decided_at": stamp,
                "deciding_body": (item.get("implementing_body") or {}).get("name", ""),
                "basis": str(item.get("legal_basis", ""))}
    if status == "denied":
        decision["reasons"] = reasons or DENIAL_REASONS
    licence = None
    result = item.get("result") or {}
    if status == "approved" and result.get("type") == "证照" and issuer:
        kind = str(result["name"])
        region = str((item.get("implementing_body") or {}).get("region_code", "000000"))
        licence = {"identifier": elicence_identifier(kind, issuer, region, count, when), "licence_kind": kind,
                   "licence_number": f"QH{when.year}{count:06d}", "issued_at": stamp,
                   "valid_until": (when.date() + timedelta(days=5 * 365)).isoformat()
                   if "许可证" in kind else None,
                   "data": TRAINING_DATA.get(kind, {})}
    conn.execute("UPDATE cases SET status = ? WHERE case_uuid = ?", (status, case_uuid))
    seq = conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at) VALUES (?, ?, ?, ?, ?)",
                       (case_uuid, centre_code, status, note, stamp)).lastrowid
    conn.execute("INSERT INTO results (change_seq, case_uuid, decision, elicence) VALUES (?, ?, ?, ?)",
                 (seq, case_uuid, json.dumps(decision, ensure_ascii=False),
                  json.dumps(licence, ensure_ascii=False) if licence else None))
    return int(seq or 0)


def result_of_change(conn: sqlite3.Connection, seq: int) -> dict[str, Any]:
    """The ``decision`` / ``elicence`` keys of a change (none for a change without a result)."""
    row = conn.execute("SELECT decision, elicence FROM results WHERE change_seq = ?", (seq,)).fetchone()
    if row is None:
        return {}
    found = {"decision": json.loads(row["decision"])}
    if row["elicence"]:
        found["elicence"] = json.loads(row["elicence"])
    return found
