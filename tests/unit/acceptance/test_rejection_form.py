"""The 不予受理 form: the reason type decides what must be filled in (where to apply only for lack of competence)."""

from __future__ import annotations

from clerk_app.domain.decision_rules import RejectionType
from ui.acceptance.decision_panel import RejectionForm


def _choose(form: RejectionForm, kind: RejectionType) -> None:
    form.kind.setCurrentIndex(form.kind.findData(kind))


def test_reason_type_decides_the_required_fields(qtbot, tmp_path) -> None:
    form = RejectionForm()
    qtbot.addWidget(form)
    form.show()
    assert form.reason_type() is RejectionType.NOT_COMPETENT and form.where.isEnabled()
    form.reason.setPlainText("申请人家庭人均收入高于保障标准")
    assert not form.confirm.isEnabled()  # lack of competence needs where to apply
    form.where.setText("清河市民政局")
    assert form.confirm.isEnabled()
    _choose(form, RejectionType.CONDITIONS_NOT_MET)
    assert not form.where.isEnabled() and form.confirm.isEnabled()
    details = form.details()
    assert details.reason_type is RejectionType.CONDITIONS_NOT_MET and details.where_to_apply == ""
    _choose(form, RejectionType.OTHER)
    assert not form.confirm.isEnabled()  # another reason names its legal basis
    form.basis.setEditText("《社会救助暂行办法》第九条")
    assert form.confirm.isEnabled()
    form.grab().save(str(tmp_path / "rejection_form.png"))
    form.clear()
    assert form.reason_type() is RejectionType.NOT_COMPETENT and form.details().reason == ""
