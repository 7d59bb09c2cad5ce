"""One complaint: number, state, level and overdue on top, the facts, the guest's own words, the
six steps as a timeline, and ONE button for the next step (opening the dialog that step needs);
escalate, withdraw, addendum, link guest and print beside it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import ComplaintDetail

from .complaint_apology_dialog import ComplaintApologyDialog
from .complaint_attachments import ComplaintAttachments
from .complaint_escalate_dialog import ComplaintEscalateDialog
from .complaint_follow_up_dialog import ComplaintFollowUpDialog
from .complaint_format import (
    OVERDUE_RED,
    lang,
    level_text,
    overdue_text,
    severity_text,
    state_text,
    when_text,
)
from .complaint_link_guest_dialog import ComplaintLinkGuestDialog
from .complaint_remedy_dialog import ComplaintRemedyDialog
from .complaint_remedy_done_dialog import ComplaintRemedyDoneDialog
from .complaint_response_dialog import ComplaintResponseDialog
from .complaint_step_dialog import complaint_action_kind
from .complaint_text_dialog import ComplaintAddendumDialog, ComplaintWithdrawDialog
from .complaint_timeline import ComplaintTimeline
from .complaint_verify_dialog import ComplaintVerifyDialog
from .guest_format import code_label, money_text, or_dash
from .row_conflict import Outcome, resolve_action
from .ui_context import UserSession

STEP_DIALOGS = {
    "apologize": ComplaintApologyDialog,
    "verify": ComplaintVerifyDialog,
    "propose_remedy": ComplaintRemedyDialog,
    "record_guest_response": ComplaintResponseDialog,
    "record_remedy_done": ComplaintRemedyDoneDialog,
    "close": ComplaintFollowUpDialog,
}
BADGE = "QLabel#{name} {{ color: #ffffff; background: {colour}; border-radius: 4px; padding: 2px 8px; }}"


class ComplaintDetailView(QWidget):
    back_requested = Signal()
    changed = Signal()  # a save: the list and the overdue count are stale
    guest_requested = Signal(int)

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: ComplaintDetail | None = None
        self.service = session.ctx.services.complaints(session.actor)
        self.back_button = QPushButton(tr("ui.complaint.back"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.number = QLabel(objectName="pageTitle")
        self.state = QLabel(objectName="complaintState")
        self.level = QLabel(objectName="complaintLevel")
        self.setStyleSheet(BADGE.format(name="complaintState", colour="#5b6b78")
                           + BADGE.format(name="complaintLevel", colour="#8a5a00"))
        self.overdue = QLabel(wordWrap=True)
        self.overdue.setStyleSheet(f"color: {OVERDUE_RED}; font-weight: 600;")
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(18)
        self.facts.setVerticalSpacing(4)
        self.words = QLabel(wordWrap=True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timeline = ComplaintTimeline()
        self._fit_timer = QTimer(self, singleShot=True, interval=0)  # dies with the view
        self._fit_timer.timeout.connect(self._fit_scroll)
        self.attachments = ComplaintAttachments(session)
        self.attachments.added.connect(self._attachment_added)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.setAutoDefault(True)
        self.next_button.clicked.connect(self.next_step)
        self.refusal = QLabel(objectName="hint", wordWrap=True)
        self.buttons = {key: QPushButton(tr(f"ui.complaint.action.{key}"))
                        for key in ("escalate", "withdraw", "addendum", "link_guest", "open_guest", "print_report",
                                    "print_notice")}
        handlers = {"escalate": self.escalate, "withdraw": self.withdraw, "addendum": self.addendum,
                    "link_guest": self.link_guest, "open_guest": self.open_guest,
                    "print_report": lambda: self.print_form("complaint-report"),
                    "print_notice": lambda: self.print_form("complaint-notice")}
        for key, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, f=handlers[key]: f())
        self._build()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(10)
        top.addWidget(self.number)
        top.addWidget(self.state)
        top.addWidget(self.level)
        top.addStretch(1)
        for key in ("print_report", "print_notice"):
            top.addWidget(self.buttons[key])
        facts_frame = QFrame(objectName="card")
        facts_box = QVBoxLayout(facts_frame)
        facts_box.addLayout(self.facts)
        facts_box.addWidget(QLabel(tr("ui.complaint.field.guest_words"), objectName="sectionTitle"))
        facts_box.addWidget(self.words)
        facts_box.addWidget(QLabel(tr("ui.complaint.attachments"), objectName="sectionTitle"))
        facts_box.addWidget(self.attachments)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addWidget(facts_frame)
        inner.addWidget(QLabel(tr("ui.complaint.timeline"), objectName="sectionTitle"))
        inner.addWidget(self.timeline, 1)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        actions = QHBoxLayout()
        actions.addWidget(self.next_button)
        actions.addWidget(self.refusal, 1)
        for key in ("link_guest", "open_guest", "escalate", "withdraw", "addendum"):
            actions.addWidget(self.buttons[key])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.overdue)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

    # --- loading ------------------------------------------------------------------------
    def load(self, complaint_id: int) -> None:
        self.session.ctx.runner.run(lambda: self.service.detail(complaint_id), on_success=self.show_detail,
                                    parent=self)

    def reload(self) -> None:
        if self.detail is not None:
            self.load(self.detail.id)

    def show_detail(self, detail: ComplaintDetail) -> None:
        self.detail = detail
        self.number.setText(detail.number)
        self.state.setText(state_text(detail.state))
        self.level.setText(tr("ui.complaint.level_badge", level=level_text(detail.escalation_level)))
        self.level.setVisible(detail.escalation_level != "handler")
        self.overdue.setText(overdue_text(detail.overdue) if detail.open else "")
        self.overdue.setVisible(detail.open and detail.overdue.any)
        self._facts(detail)
        self.words.setText(detail.guest_words)
        self.timeline.show_detail(detail)
        self.attachments.show_detail(detail)
        # The new frames are shown from the event loop and their layout request reaches the
        # viewport, not the scroll area: ask it to fit them then (else they are squeezed below
        # their height instead of scrolling).
        self._fit_timer.start()
        self._actions(detail)

    def _fit_scroll(self) -> None:
        QApplication.sendEvent(self.scroll, QEvent(QEvent.Type.LayoutRequest))

    def _facts(self, d: ComplaintDetail) -> None:
        while self.facts.count():
            item = self.facts.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # deleteLater() alone would leave it painted until the event loop runs
                item.widget().deleteLater()
        departments = ", ".join(x.name(lang()) for x in ((d.department,) if d.department else ())
                                + d.other_departments)
        due = [(tr(f"ui.complaint.target.{k}"), getattr(d, f"due_{k}_at")) for k in ("acknowledge", "remedy", "close")]
        pairs = [
            (tr("ui.complaint.field.guest"), d.guest_name or tr("ui.complaint.guest_unlinked")),
            (tr("ui.complaint.field.room"), d.room_no),
            (tr("ui.complaint.field.channel"), code_label("complaint_channel", d.channel)),
            (tr("ui.complaint.field.category"), d.category.name(lang())),
            (tr("ui.complaint.field.severity"), severity_text(d.severity)),
            (tr("ui.complaint.field.department"), departments),
            (tr("ui.complaint.field.received_by"), d.received_by_name),
            (tr("ui.complaint.field.received_at"), when_text(d.received_at)),
            (tr("ui.complaint.field.due"), "\n".join(f"{k}: {when_text(v)}" for k, v in due if v)),
            (tr("ui.complaint.field.recovery_cost"),
             money_text(d.recovery_cost_cents, d.currency) if d.recovery_cost_cents else None),
        ]
        for index, (label, value) in enumerate(pairs):
            row, col = divmod(index, 2)
            name = QLabel(label, objectName="hint")
            text = QLabel(or_dash(value), wordWrap=True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(name, row, col * 2)
            self.facts.addWidget(text, row, col * 2 + 1)
        self.facts.setColumnStretch(1, 1)
        self.facts.setColumnStretch(3, 1)

    def _actions(self, d: ComplaintDetail) -> None:
        nxt = d.next_step
        self.next_button.setVisible(nxt.action is not None)
        if nxt.action is not None:
            self.next_button.setText(tr(f"ui.complaint.action.{nxt.action}"))
            self.next_button.setEnabled(nxt.allowed)
        refusal = "" if nxt.allowed or nxt.refusal is None else tr(
            f"ui.complaint.refusal.{nxt.refusal}", level=level_text(nxt.required_level))
        self.refusal.setText(refusal)
        writer = d.can_write
        self.buttons["escalate"].setVisible(writer and d.open)
        self.buttons["escalate"].setEnabled(d.escalation_level != "general_manager")
        self.buttons["withdraw"].setVisible(writer and d.open)
        self.buttons["addendum"].setVisible(writer and d.read_only)
        can_link = self.session.can(Permission.COMPLAINT_RECORD) and self.session.can(Permission.GUEST_READ)
        self.buttons["link_guest"].setVisible(can_link and d.guest_id is None)
        self.buttons["open_guest"].setVisible(d.guest_id is not None and self.session.can(Permission.GUEST_READ))
        printing = self.session.can(Permission.REPORT_RUN)
        self.buttons["print_report"].setVisible(printing)
        self.buttons["print_notice"].setVisible(printing)

    # --- actions ------------------------------------------------------------------------
    def next_step(self) -> None:
        d = self.detail
        if d is None or d.next_step.action is None or not d.next_step.allowed:
            return
        if d.next_step.action == "approve_remedy":
            self.approve()
            return
        self._run_dialog(STEP_DIALOGS[d.next_step.action](self.session, d, self))

    def approve(self) -> None:
        d = self.detail
        offer = d.current_offer
        amount = money_text(offer.compensation_cents or 0, d.currency) if offer else ""
        if not self.session.ctx.messages.confirm(self, tr("ui.complaint.approve_confirm", number=d.number,
                                                          amount=amount)):
            return
        def failed(text: str, error: BaseException) -> None:
            if not isinstance(error, Conflict):
                self.session.ctx.messages.error(self, text)
                return
            # another desk acted on the complaint meanwhile: show it, then approve on the current version
            kind = complaint_action_kind(self.session, d.id, lambda now: self.service.approve_remedy(now.id, now.version))
            resolve_action(self.session, kind, d, tr("ui.complaint.action.approve_remedy"),
                           Outcome(lambda new: self._saved(d, new), self._reloaded,
                                   lambda t, _e: self.session.ctx.messages.error(self, t)), self)

        self.session.ctx.runner.run(lambda: self.service.approve_remedy(d.id, d.version),
                                    on_success=lambda new: self._saved(d, new), on_failure=failed, parent=self)

    def _reloaded(self, detail: ComplaintDetail) -> None:
        self.show_detail(detail)
        self.changed.emit()

    def escalate(self) -> None:
        self._run_dialog(ComplaintEscalateDialog(self.session, self.detail, self), announce=False)

    def withdraw(self) -> None:
        self._run_dialog(ComplaintWithdrawDialog(self.session, self.detail, self))

    def addendum(self) -> None:
        self._run_dialog(ComplaintAddendumDialog(self.session, self.detail, self))

    def link_guest(self) -> None:
        self._run_dialog(ComplaintLinkGuestDialog(self.session, self.detail, self))

    def _attachment_added(self) -> None:
        self.reload()
        self.changed.emit()

    def open_guest(self) -> None:
        if self.detail is not None and self.detail.guest_id is not None:
            self.guest_requested.emit(self.detail.guest_id)

    def _run_dialog(self, dialog, announce: bool = True) -> None:
        before = self.detail
        dialog.exec()
        if dialog.result_value is not None:
            self._saved(before, dialog.result_value, announce)

    def _saved(self, before: ComplaintDetail, after: ComplaintDetail, announce: bool = True) -> None:
        self.show_detail(after)
        self.changed.emit()
        new = after.escalations[len(before.escalations):]
        if announce and new:
            last = new[-1]
            self.session.ctx.messages.info(self, tr(
                "ui.complaint.escalated_auto", number=after.number, level=level_text(last.to_level),
                reason=code_label("escalation_reason", last.reason)))

    def print_form(self, name: str) -> None:
        from hotelcrm.reports import ReportParam

        from .report_preview_dialog import ReportPreviewDialog

        if self.detail is not None:
            ReportPreviewDialog.show_report(self.session, name, {ReportParam.COMPLAINT: self.detail.number}, self)
