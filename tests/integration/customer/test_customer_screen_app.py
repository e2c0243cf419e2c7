"""The customer screen in the real workstation on two offscreen screens: two citizens at the window, every state
checked and grabbed (the PNGs stay in the test's folder, or in $CUSTOMER_SCREEN_SHOTS to be looked at)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

pytestmark = [pytest.mark.integration, pytest.mark.gui]

ROOT = Path(__file__).resolve().parents[3]
SCREENS = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [
    {"name": "clerk", "x": 0, "y": 0, "width": 1600, "height": 900, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    {"name": "citizen", "x": 1600, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96, "logicalBaseDpi": 96,
     "dpr": 1}]}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("customer")
    (folder / "screens.json").write_text(json.dumps(SCREENS))
    shots = Path(os.environ.get("CUSTOMER_SCREEN_SHOTS") or folder / "shots")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={folder / 'screens.json'}",
           "ONEWINDOW_HOME": str(folder / "home"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("customer_driver.py")), str(folder / "home"),
                           str(shots)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads((shots / "report.json").read_text())


def _state(report: dict, name: str) -> dict:
    return next(s for s in report["states"] if s["name"] == name)


def test_the_screen_is_full_screen_on_the_administrators_monitor(report) -> None:
    assert sorted(report["screens"]) == ["citizen", "clerk"]
    assert report["placed_on"] == "citizen"
    x, width, full = report["screen_geometry"]
    assert (x, width, full) == (1600, 1280, True)


def test_every_state_follows_the_case(report) -> None:
    stages = [(s["name"], s["stage"]) for s in report["states"]]
    assert [s for _, s in stages] == ["idle", "confirm_identity", "confirm_identity", "checklist", "decision",
                                      "signature", "signature", "evaluation", "evaluation", "thanks", "idle",
                                      "confirm_identity", "checklist", "decision", "signature", "signature",
                                      "blank"]
    idle = " ".join(_state(report, "idle")["texts"])
    # the configured window name as printed on the papers, not the queue code, and 号窗口 never doubled
    assert "A012" in idle and "综合受理1号窗口" in idle and "号窗口号窗口" not in idle and "01号窗口" not in idle
    identity = " ".join(_state(report, "confirm_identity")["texts"])
    assert "请核对您的信息" in identity and "*" in identity
    assert "已确认" in " ".join(_state(report, "identity_confirmed")["texts"])
    assert "口头确认" in " ".join(_state(report, "verbal_confirmation")["texts"])
    checklist = " ".join(_state(report, "checklist")["texts"])
    assert "已收取" in checklist and "姓名变更登记" in checklist
    notice = " ".join(_state(report, "decision_one_time_notice")["texts"])
    assert "请您补齐以下材料" in notice and "空表：forms/" in notice and "填写样表：samples/" in notice
    assert "承诺办结日期" in " ".join(_state(report, "decision_accept")["texts"])
    for state in report["states"]:
        assert Path(state["png"]).stat().st_size > 2000
        with Image.open(state["png"]) as shot:  # the full-screen page never outgrows the citizen's monitor
            assert shot.size == (1280, 800), (state["name"], shot.size)


def test_privacy_no_full_id_and_nothing_of_the_previous_citizen(report) -> None:
    number = report["card_id_number"]
    for state in report["states"]:
        assert not any(number in t for t in state["texts"]), state["name"]
    after = _state(report, "idle_after_citizen")["texts"]
    first = _state(report, "confirm_identity")["texts"]
    personal = [t for t in first if "*" in t]
    assert personal and not set(personal) & set(after)
    assert _state(report, "blank_locked")["texts"] == []


def test_evaluations_once_per_case_and_the_clerk_never_sees_the_grade(report) -> None:
    evaluations = report["evaluations"]
    # citizen 2 pressed 满意 on the evaluation pad, then 非常不满意 for the same case: only the first counts
    assert [(e["score"], e["evaluated"]) for e in evaluations] == [(2, True), (4, True), (None, False)]
    low = evaluations[0]
    assert low["reasons"] == [report["reasons_offered"][0]] and low["comment"] == "窗口等候时间太长"
    assert report["reasons_offered"][:4] == ["服务效率", "服务水平", "服务态度", "办事指南准确度"]
    assert len({e["case_uuid"] for e in evaluations}) == 3
    for e in evaluations:
        assert e["window_code"] and e["clerk_id"] and e["item_codes"]
        assert "applicant" not in e and report["card_id_number"] not in json.dumps(e, ensure_ascii=False)
    assert report["clerk_evaluation_label_1"] == "评价：已评价"
    assert report["clerk_evaluation_label_2"] == "评价：已评价"
    assert report["grade_words_in_clerk_widgets"] == [] and report["grade_words_after_skip"] == []
    # the decision panel says only THAT the citizen evaluated (or not), never how
    assert (report["decision_evaluation_1"], report["decision_evaluation_2"], report["decision_evaluation_3"]) == (
        "好差评：已评价", "好差评：已评价", "好差评：未评价")
    for state in report["states"]:
        assert not any(w in t for t in state["clerk_texts"] for w in ("不满意", "非常满意", "基本满意")), state["name"]


def test_the_citizen_signs_on_the_screen_or_the_clerk_records_a_paper_signature(report, tmp_path) -> None:
    page = " ".join(_state(report, "signature")["texts"])
    assert "请签名：一次性告知书" in page and "签名人：申请人" in page and "确认签名" in page and "清除重写" in page
    assert report["clerk_paper_button_during_signature"] is True
    (screen_signed,) = report["signatures_1"]
    assert (screen_signed["document_kind"], screen_signed["method"]) == ("one_time_notice", "screen")
    assert screen_signed["sha256"] and report["signed_kind_1"] == "one_time_notice"
    (paper_signed,) = report["signatures_3"]
    assert (paper_signed["method"], paper_signed["sha256"]) == ("paper", None)
    rows = report["signature_rows"]
    assert [(r["method"], r["document_kind"]) for r in rows] == [("screen", "one_time_notice"),
                                                                 ("paper", "one_time_notice"),
                                                                 ("screen", "delivery_receipt")]
    assert rows[2]["case_uuid"] == report["case_2"]
    delivery = " ".join(_state(report, "signature_delivery_receipt")["texts"])
    assert "请签名：送达回执" in delivery and "签名人：领取人" in delivery
    assert rows[0]["materials"] == [{"material_code": "signature:one_time_notice", "files": [screen_signed["sha256"]]}]
    assert all(report["card_id_number"] not in json.dumps(r, ensure_ascii=False) for r in rows)
    # the archived signed paper carries the image (and its alpha mask); pdftoppm renders it for the eye
    pdf = Path(_state(report, "signature")["png"]).with_name("signed_one_time_notice.pdf")
    data = pdf.read_bytes()
    assert data.count(b"/Subtype /Image") >= 1
    assert pdf.with_name("signed_delivery_receipt.pdf").read_bytes().count(b"/Subtype /Image") >= 1
    done = subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))],
                          capture_output=True, timeout=60)
    assert done.returncode == 0 and pdf.with_name(pdf.stem + "-1.png").stat().st_size > 5000
