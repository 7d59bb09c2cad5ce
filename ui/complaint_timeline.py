"""The six steps as a timeline: each step done shows who, when and what was recorded; the next
step is marked; later steps are grey. Remedy offers, escalations and addenda follow."""

from __future__ import annotations

from xml.sax.saxutils import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hotelcrm.domain import codes
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import ComplaintDetail, StepRecord

from .complaint_format import level_text, when_text
from .guest_format import code_label, money_text

TIMELINE_STYLE = """
QFrame#stepDone { background: #ffffff; border: 1px solid #dde3e8; border-left: 4px solid #2e7d32;
                  border-radius: 4px; }
QFrame#stepNext { background: #f2f8fc; border: 1px solid #9cc3de; border-left: 4px solid #1f5f8b;
                  border-radius: 4px; }
QFrame#stepLater { background: #f7f8f9; border: 1px dashed #d0d7dd; border-radius: 4px; }
QLabel#stepMark { font-size: 13pt; font-weight: 700; min-width: 34px; }
QLabel#stepName { font-weight: 600; color: #1d2a35; }
QLabel#stepLaterName { color: #8a97a2; }
"""


def step_lines(step: StepRecord, currency: str) -> list[tuple[str, str]]:
    """What a recorded step says, as (label, value) pairs, empty values left out."""
    def money(v: int | None) -> str | None:
        return money_text(v, currency) if v is not None else None

    accepted = None if step.guest_accepted is None else tr(
        "ui.complaint.answer.accepted" if step.guest_accepted else "ui.complaint.answer.rejected")
    pairs = [
        ("guest_account", step.guest_account), ("apology_manner", step.apology_manner),
        ("verified_what", step.verified_what), ("verified_with", step.verified_with), ("findings", step.findings),
        ("remedy_type", code_label("remedy_type", step.remedy_type) if step.remedy_type else None),
        ("remedy_detail", step.remedy_detail),
        ("discount_pct", f"{step.remedy_discount_pct}%" if step.remedy_discount_pct is not None else None),
        ("compensation_plain", money(step.compensation_cents)), ("guest_accepted", accepted),
        ("action_done", step.action_done), ("action_done_by", step.action_done_by),
        ("actual_cost_plain", money(step.actual_cost_cents)),
        ("followup_at", when_text(step.followup_at) if step.followup_at else None),
        ("followup_method", step.followup_method), ("followup_result", step.followup_result),
        ("satisfaction", tr("ui.complaint.satisfaction_of", value=step.satisfaction) if step.satisfaction else None),
        ("root_cause", step.root_cause), ("improvement", step.improvement_action), ("note", step.note),
    ]
    return [(tr(f"ui.complaint.field.{k}", currency=currency), v) for k, v in pairs if v]


class ComplaintTimeline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(TIMELINE_STYLE)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(8)
        self.step_frames: dict[str, QFrame] = {}

    def show_detail(self, detail: ComplaintDetail) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # deleteLater() alone would leave it painted until the event loop runs
                item.widget().deleteLater()
        self.step_frames = {}
        done = {s.step: s for s in detail.steps}
        for number, step in enumerate(codes.COMPLAINT_STEPS, start=1):
            record = done.get(step)
            is_next = record is None and detail.next_step.step == step
            frame = self._step_frame(number, step, record, is_next, detail.currency)
            if is_next and step == "remedy_agreed" and detail.current_offer is not None:
                frame.body.addWidget(QLabel(self._offer_text(detail.current_offer, detail.currency),
                                            wordWrap=True))
            self.step_frames[step] = frame
            self.layout_.addWidget(frame)
        if detail.state == "withdrawn":
            self.layout_.addWidget(self._box(tr("ui.complaint.withdrawn_box", when=when_text(detail.withdrawn_at),
                                                reason=detail.withdrawn_reason or ""), "stepNext"))
        self._offers(detail)
        self._escalations(detail)
        self._addenda(detail)
        self.layout_.addStretch(1)

    def _step_frame(self, number: int, step: str, record: StepRecord | None, is_next: bool,
                    currency: str) -> QFrame:
        name = "stepDone" if record else "stepNext" if is_next else "stepLater"
        frame = QFrame(objectName=name)
        row = QHBoxLayout(frame)  # (a grid with a spanning mark under-reports its height for width)
        row.setContentsMargins(10, 8, 10, 8)
        row.setSpacing(10)
        mark = QLabel(("✓ " if record else "▶ " if is_next else "") + str(number), objectName="stepMark")
        mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row.addWidget(mark)
        column = QVBoxLayout()
        column.setSpacing(4)
        row.addLayout(column, 1)
        title = code_label("complaint_step", step)
        if record:
            who = tr("ui.complaint.step_by", name=record.done_by_name or "—", when=when_text(record.done_at))
            head = QLabel(f"<b>{escape(title)}</b> &nbsp; <span style='color:#5b6b78'>{escape(who)}</span>")
        else:
            state = tr("ui.complaint.step_next" if is_next else "ui.complaint.step_later")
            head = QLabel(f"{escape(title)} — {escape(state)}",
                          objectName="stepName" if is_next else "stepLaterName")
        column.addWidget(head)
        if record:
            lines = step_lines(record, currency)
            body = QLabel("<br>".join(f"<span style='color:#5b6b78'>{escape(k)}:</span> "
                                      f"{escape(v).replace(chr(10), '<br>')}" for k, v in lines))
            body.setWordWrap(True)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(body)
        frame.body = column  # where the pending offer goes
        return frame

    def _box(self, text: str, name: str) -> QFrame:
        frame = QFrame(objectName=name)
        box = QVBoxLayout(frame)
        box.setContentsMargins(10, 8, 10, 8)
        label = QLabel(text, wordWrap=True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(label)
        return frame

    def _section(self, title: str, lines: list[str]) -> None:
        if not lines:
            return
        self.layout_.addWidget(QLabel(title, objectName="sectionTitle"))
        self.layout_.addWidget(self._box("\n".join(lines), "stepDone"))

    @staticmethod
    def _offer_text(o, currency: str) -> str:
        parts = [code_label("remedy_type", o.remedy_type), o.remedy_detail]
        if o.discount_pct is not None:
            parts.append(f"{o.discount_pct}%")
        if o.compensation_cents:
            parts.append(money_text(o.compensation_cents, currency))
        return tr("ui.complaint.offer_line", when=when_text(o.offered_at), by=o.offered_by_name or "—",
                  what=" · ".join(p for p in parts if p), status=code_label("remedy_offer_status", o.status))

    def _offers(self, d: ComplaintDetail) -> None:
        self._section(tr("ui.complaint.offers"), [self._offer_text(o, d.currency) for o in d.offers])

    def _escalations(self, d: ComplaintDetail) -> None:
        lines = [tr("ui.complaint.escalation_line", when=when_text(e.at), to=level_text(e.to_level),
                    reason=code_label("escalation_reason", e.reason),
                    by=e.escalated_by_name or tr("ui.complaint.automatic"))
                 + (f" — {e.note}" if e.note else "") for e in d.escalations]
        self._section(tr("ui.complaint.escalations"), lines)

    def _addenda(self, d: ComplaintDetail) -> None:
        lines = [tr("ui.complaint.addendum_line", when=when_text(a.created_at), by=a.created_by_name or "—",
                    text=a.text) for a in d.addenda]
        self._section(tr("ui.complaint.addenda"), lines)
