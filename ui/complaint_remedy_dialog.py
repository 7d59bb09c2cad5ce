"""Step 4 (制定措施): one remedy proposed to the guest — its kind, what exactly, a discount %, a
compensation amount (its cost) — and, if already asked, whether the guest accepted it. A cost
beyond the user's authority waits for approval; a rejected remedy escalates."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from hotelcrm.domain import codes
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.stay_rules import format_money, parse_money
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import RemedyInput

from .complaint_step_dialog import ComplaintStepDialog, plain, text_box
from .guest_format import code_label, money_text

ANSWERS = (None, True, False)


def parse_percent(text: str, field: str) -> int | None:
    raw = text.strip().rstrip("%").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError(field, "not_a_number")
    return int(raw)


class ComplaintRemedyDialog(ComplaintStepDialog):
    title_key = "ui.complaint.step_title.remedy_agreed"
    show_guideline = True

    def build(self, form: QFormLayout) -> None:
        self.kind = QComboBox()
        for kind in codes.REMEDY_TYPE:
            self.kind.addItem(code_label("remedy_type", kind), kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.detail_text = text_box(3)
        self.detail_text.setPlaceholderText(tr("ui.complaint.remedy_detail_placeholder"))
        self.discount = QLineEdit(maxLength=4)
        self.discount.setPlaceholderText("10")
        self.compensation = QLineEdit(maxLength=20)
        self.compensation.setPlaceholderText(format_money(0, self.detail.currency))
        self.answer = QComboBox()
        for key, value in zip(("not_asked", "accepted", "rejected"), ANSWERS, strict=True):
            self.answer.addItem(tr(f"ui.complaint.answer.{key}"), value)
        limit = self.detail.authority_limit_cents
        self.authority = QLabel(objectName="hint", wordWrap=True)
        self.authority.setText(tr("ui.complaint.authority_unlimited") if limit is None else
                               tr("ui.complaint.authority_limit", amount=money_text(limit, self.detail.currency)))
        rejected = [o for o in self.detail.offers if o.status == "rejected"]
        form.addRow(tr("ui.complaint.field.remedy_type"), self.kind)
        form.addRow(tr("ui.complaint.field.remedy_detail"), self.detail_text)
        form.addRow(tr("ui.complaint.field.discount_pct"), self.discount)
        form.addRow(tr("ui.complaint.field.compensation", currency=self.detail.currency), self.compensation)
        form.addRow(tr("ui.complaint.field.guest_accepted"), self.answer)
        form.addRow("", self.authority)
        if rejected:
            form.addRow("", QLabel(tr("ui.complaint.rejected_before", detail=rejected[-1].remedy_detail),
                                   objectName="hint", wordWrap=True))
        self.fields = {"complaint_remedy_type": self.kind, "complaint_remedy_detail": self.detail_text,
                       "complaint_discount_pct": self.discount, "complaint_compensation": self.compensation,
                       "complaint_response_note": self.answer}
        self._kind_changed()
        self.kind.setFocus()

    def _kind_changed(self) -> None:
        self.discount.setEnabled(self.kind.currentData() == "discount")

    def draft(self) -> RemedyInput:
        kind = self.kind.currentData()
        discount = parse_percent(self.discount.text(), "complaint_discount_pct") if kind == "discount" else None
        text = self.compensation.text().strip()
        compensation = parse_money(text, "complaint_compensation", self.detail.currency) if text else None
        return RemedyInput(remedy_type=kind, remedy_detail=plain(self.detail_text), discount_pct=discount,
                           compensation_cents=compensation)

    def call(self):
        data, answer = self.draft(), self.answer.currentData()
        d = self.detail
        return lambda: self.service.propose_remedy(d.id, d.version, data, answer)
