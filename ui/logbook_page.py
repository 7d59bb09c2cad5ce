"""The Logbook page (大堂副理日志): today's shift at a glance, the entries with filters, and the
actions of the lobby manager: open the shift, log entries fast from the keyboard, incidents
with witnesses, follow-ups, addenda, attachments, close with handover, acknowledge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.codes import LOG_ENTRY_TYPE, SHIFT_KIND
from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import EntryFilter, EntryInfo, Glance

from .form_widgets import select_data
from .guest_format import code_label
from .logbook_addendum_dialog import AddendumDialog
from .logbook_detail import EntryDetail, detail_html
from .logbook_entry_conflict import entry_kind
from .logbook_entry_dialog import Choice, LogEntryDialog
from .logbook_entry_model import LogEntryModel
from .logbook_glance_panel import GlancePanel
from .logbook_handover_dialog import HandoverDialog
from .row_conflict import Outcome, resolve_action
from .row_table_model import setup_row_table
from .ui_context import UserSession

DAYS_SHOWN = 7


@dataclass(frozen=True)
class PageData:
    glance: Glance
    entries: list[EntryInfo]
    currency: str
    guests: list[Choice]


class LogbookPage(QWidget):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.data: PageData | None = None
        self.authors: dict[int, str] = {}
        self.glance_panel = GlancePanel()
        self.model = LogEntryModel(self)
        self.table = QTableView()
        setup_row_table(self.table, self.model)
        self.table.setWordWrap(False)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        write, manage = session.can(Permission.LOG_WRITE), session.can(Permission.SHIFT_MANAGE)
        self.open_button = QPushButton(tr("ui.logbook.open_shift"))
        self.new_button = QPushButton(tr("ui.logbook.new_entry"))
        self.edit_button = QPushButton(tr("ui.logbook.edit_entry"))
        self.addendum_button = QPushButton(tr("ui.logbook.addendum"))
        self.done_button = QPushButton(tr("ui.logbook.mark_done"))
        self.attach_button = QPushButton(tr("ui.logbook.attach"))
        self.close_button = QPushButton(tr("ui.logbook.close_shift"))
        self.ack_button = QPushButton(tr("ui.logbook.acknowledge_handover"))
        self.print_button = QPushButton(tr("ui.logbook.daily_log"))
        self.refresh_button = QPushButton(tr("ui.logbook.refresh"))
        self.pattern_button = QPushButton(tr("ui.logbook.shift_times"))
        self.pattern_button.setVisible(session.can(Permission.SETTINGS_ADMIN))
        self.new_button.setToolTip(QKeySequence("Ctrl+N").toString(QKeySequence.SequenceFormat.NativeText))
        for button, allowed in ((self.open_button, manage), (self.close_button, manage), (self.ack_button, manage),
                                (self.new_button, write), (self.edit_button, write), (self.addendum_button, write),
                                (self.done_button, write), (self.attach_button, write),
                                (self.print_button, session.can(Permission.REPORT_RUN))):
            button.setVisible(allowed)
        self.date_from = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        today = QDate.currentDate()
        self.date_from.setDate(today.addDays(-(DAYS_SHOWN - 1)))
        self.date_to.setDate(today.addDays(1))
        self.shift_filter = QComboBox()
        self.shift_filter.addItem(tr("ui.logbook.filter.all_shifts"), None)
        for kind in SHIFT_KIND:
            self.shift_filter.addItem(code_label("shift_kind", kind), kind)
        self.type_filter = QComboBox()
        self.type_filter.addItem(tr("ui.logbook.filter.all_types"), None)
        for kind in LOG_ENTRY_TYPE:
            self.type_filter.addItem(code_label("log_entry_type", kind), kind)
        self.author_filter = QComboBox()
        self.author_filter.addItem(tr("ui.logbook.filter.all_authors"), None)
        self.open_only = QCheckBox(tr("ui.logbook.filter.open_only"))
        self.search = QLineEdit(placeholderText=tr("ui.logbook.filter.search"))
        self._connect()
        self._build()
        self._update_buttons()

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.open_shift)
        self.new_button.clicked.connect(self.new_entry)
        self.edit_button.clicked.connect(self.edit_entry)
        self.addendum_button.clicked.connect(self.add_addendum)
        self.done_button.clicked.connect(self.mark_done)
        self.attach_button.clicked.connect(self.attach_file)
        self.close_button.clicked.connect(self.close_shift)
        self.ack_button.clicked.connect(self.acknowledge)
        self.print_button.clicked.connect(self.print_daily_log)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.pattern_button.clicked.connect(self.edit_pattern)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_entry,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(lambda _d: self.refresh())
        for combo in (self.shift_filter, self.type_filter, self.author_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_only.toggled.connect(lambda _c: self.refresh())
        self.search.returnPressed.connect(lambda: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.edit_entry())
        self.detail.anchorClicked.connect(self._link_clicked)

    def _build(self) -> None:
        title = QLabel(tr("ui.nav.logbook"), objectName="pageTitle")
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (self.open_button, self.new_button, self.edit_button, self.addendum_button, self.done_button,
                       self.attach_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.close_button, self.ack_button, self.print_button, self.pattern_button,
                       self.refresh_button):
            actions.addWidget(button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(QLabel(tr("ui.logbook.filter.from")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(tr("ui.logbook.filter.to")))
        filters.addWidget(self.date_to)
        for widget in (self.shift_filter, self.type_filter, self.author_filter, self.open_only):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setSizes([1000, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.glance_panel)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

    # --- loading ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.data is None:
            self.refresh()

    def entry_filter(self) -> EntryFilter:
        return EntryFilter(date_from=self.date_from.date().toPython(), date_to=self.date_to.date().toPython(),
                           shift_kind=self.shift_filter.currentData(), entry_type=self.type_filter.currentData(),
                           author_id=self.author_filter.currentData(), open_only=self.open_only.isChecked(),
                           text=self.search.text().strip() or None)

    def refresh(self, select_id: int | None = None) -> None:
        services, actor = self.session.ctx.services, self.session.actor
        wanted = self.entry_filter()
        current = self.selected_entry()
        keep = select_id if select_id is not None else (current.id if current else None)
        can_guests = self.session.can(Permission.GUEST_READ)

        def load() -> PageData:
            glance = services.logbook_glance(actor).glance()
            entries = services.logbook_entries(actor).find(wanted)
            currency = services.settings(actor).hotel().currency
            guests = [Choice(r.guest_id, f"{r.room_no or '—'}  {r.display_name}")
                      for r in services.stays(actor).in_house()] if can_guests else []
            return PageData(glance, entries, currency, guests)

        self.session.ctx.runner.run(load, on_success=lambda d: self._show(d, keep), parent=self, quiet=True)

    def _show(self, data: PageData, select_id: int | None) -> None:
        self.data = data
        self.glance_panel.show_glance(data.glance)
        for e in data.entries:
            if e.author_id is not None:
                self.authors[e.author_id] = e.author or str(e.author_id)
        self._fill_authors()
        self.model.set_rows(data.entries)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            widest = 380 if column == LogEntryModel.TEXT_COLUMN else 180
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column) + 12, 56), widest))
        row = self.model.row_of(select_id)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.detail.clear()
        self._update_buttons()

    def _fill_authors(self) -> None:
        chosen = self.author_filter.currentData()
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem(tr("ui.logbook.filter.all_authors"), None)
        for uid, name in sorted(self.authors.items(), key=lambda kv: kv[1]):
            self.author_filter.addItem(name, uid)
        select_data(self.author_filter, chosen)
        self.author_filter.blockSignals(False)

    def selected_entry(self) -> EntryInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        self._update_buttons()
        entry = self.selected_entry()
        if entry is None:
            self.detail.clear()
            return
        services, actor = self.session.ctx.services, self.session.actor

        def load() -> EntryDetail:
            return EntryDetail(entry,
                               services.logbook_incidents(actor).get(entry.id) if entry.has_incident else None,
                               tuple(services.logbook_entries(actor).addenda(entry.id)),
                               tuple(services.logbook_attachments(actor).list(entry.id)))

        self.session.ctx.runner.run(load, on_success=lambda d: self.detail.setHtml(detail_html(d)), parent=self,
                                    quiet=True)

    def _update_buttons(self) -> None:
        glance = self.data.glance if self.data else None
        shift_open = bool(glance and glance.shift)
        entry = self.selected_entry()
        self.open_button.setEnabled(glance is not None and not shift_open)
        self.new_button.setEnabled(shift_open)
        self.close_button.setEnabled(shift_open)
        self.ack_button.setEnabled(bool(glance and glance.awaiting_ack))
        self.edit_button.setEnabled(entry is not None and entry.editable)
        self.addendum_button.setEnabled(entry is not None)
        self.attach_button.setEnabled(entry is not None)
        self.done_button.setEnabled(entry is not None and entry.followup_open)

    # --- actions ------------------------------------------------------------------------------
    def _run(self, work, then=None) -> None:
        self.session.ctx.runner.run(work, on_success=lambda r: (then or (lambda _r: self.refresh()))(r), parent=self)

    def open_shift(self) -> None:
        shifts = self.session.ctx.services.logbook_shifts(self.session.actor)
        self._run(shifts.open_shift, lambda info: self._opened(info))

    def _opened(self, info) -> None:
        self.refresh()
        if self.data and self.data.glance.awaiting_ack and self.session.can(Permission.SHIFT_MANAGE):
            self.acknowledge()

    def _dialog_choices(self) -> tuple[str, list[Choice], list[Choice]]:
        data = self.data
        complaints = [Choice(c.complaint_id, f"{c.complaint_number} {c.summary[:60]}")
                      for c in data.glance.open_complaints] if data else []
        return (data.currency if data else "CNY"), (data.guests if data else []), complaints

    def new_entry(self) -> None:
        if not self.session.can(Permission.LOG_WRITE) or not self.new_button.isEnabled():
            return
        currency, guests, complaints = self._dialog_choices()
        dialog = LogEntryDialog(self.session, currency, guests, complaints, parent=self)
        dialog.exec()
        if dialog.result_value is not None:
            self.refresh(dialog.result_value.id)

    def edit_entry(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.editable or not self.session.can(Permission.LOG_WRITE):
            return
        currency, guests, complaints = self._dialog_choices()
        incidents = self.session.ctx.services.logbook_incidents(self.session.actor)

        def show(incident) -> None:
            dialog = LogEntryDialog(self.session, currency, guests, complaints, entry, incident, parent=self)
            dialog.exec()
            self.refresh(entry.id)

        self._run(lambda: incidents.get(entry.id), show)

    def add_addendum(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        dialog = AddendumDialog(self.session, entry, self)
        dialog.exec()
        if dialog.result_value is not None:
            self.refresh(entry.amends_id or entry.id)

    def mark_done(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.followup_open:
            return
        if not self.session.ctx.messages.confirm(self, tr("ui.logbook.mark_done_confirm", text=entry.text[:80])):
            return
        entries = self.session.ctx.services.logbook_entries(self.session.actor)

        def failed(text: str, error: BaseException) -> None:
            if not isinstance(error, Conflict):
                self.session.ctx.messages.error(self, text)
                return
            # the entry was changed at another desk meanwhile (corrected, or already marked done)
            kind = entry_kind(self.session, entry.id, None, None,
                              lambda now, _none: entries.followup_done(now.id, now.version))
            resolve_action(self.session, kind, entry, tr("ui.logbook.mark_done"),
                           Outcome(done, done, lambda t, _e: self.session.ctx.messages.error(self, t)), self)

        def done(_result) -> None:
            self.refresh(entry.id)

        self.session.ctx.runner.run(lambda: entries.followup_done(entry.id, entry.version), on_success=done,
                                    on_failure=failed, parent=self)

    def attach_file(self, path: str | None = None) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, tr("ui.logbook.attach_title"))
        if not path:
            return
        files = self.session.ctx.services.logbook_attachments(self.session.actor)
        name = Path(path).name
        self._run(lambda: files.add(entry.id, name, Path(path).read_bytes()), lambda _r: self.refresh(entry.id))

    def _link_clicked(self, url) -> None:
        text = url.toString()
        if text.startswith("attachment:"):
            self.save_attachment(int(text.split(":", 1)[1]))

    def save_attachment(self, attachment_id: int, path: str | None = None) -> None:
        """Fetch an attachment and write it where the user chooses."""
        files = self.session.ctx.services.logbook_attachments(self.session.actor)

        def save(found: tuple[str, bytes]) -> None:
            name, data = found
            target = path or QFileDialog.getSaveFileName(self, tr("ui.logbook.save_attachment_title"), name)[0]
            if target:
                self._run(lambda: Path(target).write_bytes(data), lambda _r: None)

        self._run(lambda: files.data(attachment_id), save)

    def close_shift(self) -> None:
        glance = self.data.glance if self.data else None
        if glance is None or glance.shift is None:
            return
        shifts = self.session.ctx.services.logbook_shifts(self.session.actor)

        def show(items) -> None:
            dialog = HandoverDialog(self.session, "close", glance.shift, items, self)
            dialog.exec()
            self.refresh()

        self._run(shifts.handover_preview, show)

    def acknowledge(self) -> None:
        glance = self.data.glance if self.data else None
        if glance is None or not glance.awaiting_ack:
            return
        handover = glance.awaiting_ack[0]
        dialog = HandoverDialog(self.session, "acknowledge", handover.shift, handover.items, self)
        dialog.exec()
        self.refresh()

    def edit_pattern(self) -> None:
        from .logbook_shift_pattern_dialog import ShiftPatternDialog

        shifts = self.session.ctx.services.logbook_shifts(self.session.actor)

        def show(pattern) -> None:
            dialog = ShiftPatternDialog(self.session, pattern, self)
            dialog.exec()
            if dialog.result_value is not None:
                self.refresh()

        self._run(shifts.pattern, show)

    def print_daily_log(self) -> None:
        from hotelcrm.reports.report_registry import ReportParam

        from .report_preview_dialog import ReportPreviewDialog

        day = self.selected_entry().shift_date if self.selected_entry() else date.today()
        if self.data and self.data.glance.shift is None and self.selected_entry() is None:
            day = self.data.glance.expected_date
        ReportPreviewDialog.show_report(self.session, "logbook-daily", {ReportParam.DATE: day}, self)


