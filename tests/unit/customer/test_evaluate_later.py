"""扫码评价: a QR lets the citizen evaluate later on a phone. Its link is the configured page with the case number and
the verification code as the only parameters; it is on the customer screen's evaluation page and on the papers a
visit ends with (受理通知书, 一次性告知书, the 80 mm 受理回执), and nowhere when no page is configured."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from clerk_app.customer.view import CustomerScreenPresenter, CustomerView, Stage
from clerk_app.domain.case import Decision
from printing.a4 import evaluation_link
from printing.codes import QR_QUIET, qr_matrix
from printing.model import DocumentKind
from printing.receipt import receipt_size, render_receipt
from printing.templates import render_a4
from tests.unit.customer.test_view_and_evaluation import CASE, SPECS
from tests.unit.printing.helpers import FULL_ID, NAME, context
from tests.unit.printing.test_documents import text_of
from ui.customer_screen.qr_widget import QrCode
from ui.customer_screen.screen import CustomerScreen

PAGE = "https://zwfw.example.gov.cn/evaluate"


def test_the_link_holds_the_case_number_and_the_code_only() -> None:
    ctx = context(DocumentKind.ACCEPTANCE_NOTICE, evaluation_url=PAGE)
    link = evaluation_link(ctx)
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == PAGE
    assert parse_qs(parts.query) == {"n": [ctx.case_number], "c": [ctx.verification_code]}
    assert NAME not in link and FULL_ID not in link
    assert evaluation_link(context(DocumentKind.ACCEPTANCE_NOTICE)) == ""


@pytest.mark.parametrize("kind", [DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.ONE_TIME_NOTICE])
def test_the_a4_papers_a_visit_ends_with_carry_the_evaluation_qr(kind: DocumentKind) -> None:
    assert "扫码评价" in text_of(render_a4(context(kind, evaluation_url=PAGE)))
    assert "扫码评价" not in text_of(render_a4(context(kind)))


def test_the_thermal_receipt_carries_it_below_the_query_qr() -> None:
    plain = context(DocumentKind.THERMAL_RECEIPT)
    with_qr = context(DocumentKind.THERMAL_RECEIPT, evaluation_url=PAGE)
    assert receipt_size(with_qr)[1] > receipt_size(plain)[1]
    assert "扫码评价" in text_of(render_receipt(with_qr)) and "扫码评价" not in text_of(render_receipt(plain))


def test_the_evaluation_page_shows_the_link_once_known_and_forgets_it_with_the_citizen() -> None:
    presenter = CustomerScreenPresenter("中心", "01")
    presenter.decided(CASE, Decision.ACCEPT, None, True, [], SPECS)
    presenter.invite_evaluation()
    assert presenter.view.stage is Stage.EVALUATION and presenter.view.evaluate_later == ""
    modules = ((True, False), (False, True))
    presenter.evaluation_link(CASE.case_uuid, PAGE + "?n=N&c=C", modules)
    assert presenter.view.evaluate_later == PAGE + "?n=N&c=C" and presenter.view.evaluate_later_qr == modules
    presenter.evaluation_link("another-case", PAGE + "?n=X&c=Y")
    assert presenter.view.evaluate_later == PAGE + "?n=N&c=C", "another case's link is not shown"
    presenter.end_citizen()
    presenter.decided(CASE, Decision.ACCEPT, None, True, [], SPECS)
    presenter.invite_evaluation()
    assert presenter.view.evaluate_later == "", "nothing of the last citizen is kept"
    assert presenter.view.evaluate_later_qr == ()


def test_the_screen_paints_the_qr_of_the_link(qtbot) -> None:
    link = PAGE + "?n=33030200101202612020001&c=K7QX2M"
    screen = CustomerScreen()
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    # the modules come made (by the render worker, through the wiring): the screen paints them as they are
    screen.show_view(CustomerView(Stage.EVALUATION, centre="中心", window="01", case_number="N1",
                                  reasons=("服务效率",), evaluate_later=link, evaluate_later_qr=qr_matrix(link)))
    qtbot.waitUntil(lambda: any(w.isVisible() for w in screen.findChildren(QrCode)))
    (code,) = [w for w in screen.findChildren(QrCode) if w.isVisible()]
    assert code.data == link
    image = code.grab().toImage()
    matrix = qr_matrix(link)
    cell = code.width() / (len(matrix) + 2 * QR_QUIET)
    for row in (0, 3, len(matrix) // 2, len(matrix) - 1):  # sample modules: the painted code is the link's
        for col in range(len(matrix)):
            colour = QColor(image.pixel(int((QR_QUIET + col + 0.5) * cell), int((QR_QUIET + row + 0.5) * cell)))
            assert (colour.lightness() < 128) == matrix[row][col], (row, col)
    assert "evaluate later" in " ".join(screen.texts())  # (unit tests run untranslated)
    for grade, reasons_shown in (("grade2", True), ("grade5", False), ("grade1", True)):
        next(b for b in screen.findChildren(QPushButton, grade) if b.isVisible()).click()
        qtbot.waitUntil(lambda shown=reasons_shown: screen.reasons_box.isVisible() is shown)
        assert screen.later_box.isVisible() is not reasons_shown, "the reasons take the QR's place"
        assert screen.height() == 800, "the page never needs room for both (the window would outgrow its monitor)"
    screen.show_view(CustomerView(Stage.EVALUATION, centre="中心", window="01", case_number="N1"))
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in screen.findChildren(QrCode)))
