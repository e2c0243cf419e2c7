"""The signature step of the customer screen: after a decision whose paper the citizen signs, 继续 leads to the
signing pad (one page per paper), then to the evaluation; strokes drawn with the mouse become a PNG of the
drawing; an empty pad cannot be confirmed."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from clerk_app.customer.view import CustomerScreenPresenter, CustomerView, Stage
from clerk_app.domain.case import Decision
from tests.unit.customer.test_view_and_evaluation import CASE, SPECS
from ui.customer_screen.screen import CustomerScreen


def _presenter_after(decision: Decision) -> CustomerScreenPresenter:
    presenter = CustomerScreenPresenter("培训中心", "01")
    presenter.decided(CASE, decision, date(2026, 12, 10), False, [("M03", "原件", date(2026, 12, 8))], SPECS)
    return presenter


def test_a_deficiency_acceptance_is_signed_before_the_evaluation() -> None:
    presenter = _presenter_after(Decision.ACCEPT_WITH_DEFICIENCY)
    assert presenter.invite_evaluation()
    view = presenter.view
    assert (view.stage, view.sign_paper, view.sign_title, view.signer) == (
        Stage.SIGNATURE, "deficiency_commitment", "容缺受理承诺书", "承诺人")
    assert view.case_number == CASE.case_number and not view.masked_name and not view.masked_id
    assert presenter.signing == "deficiency_commitment"
    presenter.signed("deficiency_commitment")
    assert presenter.view.stage is Stage.EVALUATION and presenter.signing == ""


def test_an_accepted_case_goes_straight_to_the_evaluation_and_a_notice_asks_for_its_receipt() -> None:
    presenter = _presenter_after(Decision.ACCEPT)
    presenter.invite_evaluation()
    assert presenter.view.stage is Stage.EVALUATION
    notice = _presenter_after(Decision.ONE_TIME_NOTICE)
    notice.invite_evaluation()
    assert (notice.view.stage, notice.view.sign_paper) == (Stage.SIGNATURE, "one_time_notice")


def test_the_next_citizen_has_nothing_left_to_sign() -> None:
    presenter = _presenter_after(Decision.ONE_TIME_NOTICE)
    presenter.end_citizen()
    presenter.ticket_called("A014")
    assert presenter.view == CustomerView(Stage.IDLE, centre="培训中心", window="01", ticket="A014")
    assert not presenter.invite_evaluation()


def _shown(qtbot, screen: CustomerScreen, name: str) -> QPushButton:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in screen.findChildren(QPushButton, name)))
    return next(b for b in screen.findChildren(QPushButton, name) if b.isVisible())


def draw(pad, points: list[tuple[int, int]]) -> None:
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


def test_strokes_drawn_with_the_mouse_become_the_signature_png(qtbot) -> None:
    screen = CustomerScreen()
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.show_view(CustomerView(Stage.SIGNATURE, centre="中心", window="01", case_number="N1",
                                  sign_paper="deficiency_commitment", sign_title="容缺受理承诺书", signer="承诺人"))
    confirm = _shown(qtbot, screen, "confirmSignature")
    pad = screen.pad
    assert pad is not None and not confirm.isEnabled()
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))
    assert not confirm.isEnabled(), "a tap is not a signature"
    _shown(qtbot, screen, "clearSignature").click()
    assert pad.strokes == []
    draw(pad, [(100, 200), (150, 120), (200, 210), (250, 110), (300, 205)])
    draw(pad, [(340, 150), (420, 150)])
    assert confirm.isEnabled()
    with qtbot.waitSignal(screen.signature_confirmed) as confirmed:
        confirm.click()
    paper, png = confirmed.args
    assert paper == "deficiency_commitment"
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    assert 300 <= image.width <= 360 and 90 <= image.height <= 140, image.size  # cropped to the strokes
    alpha = image.getchannel("A")
    inked = sum(1 for value in alpha.tobytes() if value > 128)
    assert inked > 500 and alpha.getpixel((0, 0)) == 0, "black strokes on a transparent background"
    assert not confirm.isEnabled(), "one confirmation per page"


def test_at_handover_the_collector_signs_the_delivery_receipt_then_thanks() -> None:
    presenter = CustomerScreenPresenter("培训中心", "01")
    presenter.ask_signature(CASE, "delivery_receipt")
    view = presenter.view
    assert (view.stage, view.sign_title, view.signer) == (Stage.SIGNATURE, "送达回执", "领取人")
    presenter.signed("delivery_receipt")
    assert presenter.view.stage is Stage.THANKS, "the case's one evaluation belongs to its acceptance"
