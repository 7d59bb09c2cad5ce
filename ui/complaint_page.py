"""The Complaints area: filters and the list (paged in SQL), "New complaint…" for the quick
entry of step 1, Enter or a double-click opens the complaint's detail with its timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr

from .complaint_config_dialog import ComplaintConfigDialog
from .complaint_detail_view import ComplaintDetailView
from .complaint_filter_bar import ComplaintFilterBar
from .complaint_list_panel import ComplaintListPanel
from .complaint_quick_entry_dialog import ComplaintQuickEntryDialog
from .ui_context import UserSession


class ComplaintPage(QWidget):
    changed = Signal()  # something was saved: the overdue count may have moved
    guest_requested = Signal(int)

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.categories: tuple = ()
        self.departments: tuple = ()
        self.title = QLabel(tr("ui.nav.complaints"), objectName="pageTitle")
        self.new_button = QPushButton(tr("ui.complaint.new"))
        self.new_button.setToolTip(QKeySequence("Ctrl+N").toString(QKeySequence.SequenceFormat.NativeText))
        self.new_button.clicked.connect(self.new_complaint)
        self.new_button.setVisible(session.can(Permission.COMPLAINT_RECORD))
        self.config_button = QPushButton(tr("ui.complaint.config"))
        self.config_button.clicked.connect(self.open_config)
        self.config_button.setVisible(session.can(Permission.COMPLAINT_CONFIG))
        self.filters = ComplaintFilterBar()
        self.filters.changed.connect(self.refresh)
        self.list = ComplaintListPanel(session)
        self.list.open_requested.connect(self.open_complaint)
        self.filters.search.installEventFilter(self)
        self.detail = ComplaintDetailView(session)
        self.detail.back_requested.connect(self.show_list)
        self.detail.changed.connect(self._detail_changed)
        self.detail.guest_requested.connect(self.guest_requested.emit)
        list_page = QWidget()
        list_box = QVBoxLayout(list_page)
        list_box.setContentsMargins(0, 0, 0, 0)
        list_box.setSpacing(10)
        list_box.addWidget(self.filters)
        list_box.addWidget(self.list, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.detail)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.config_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_complaint)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self.load_config()
        self.refresh()

    def load_config(self) -> None:
        config = self.session.ctx.services.complaint_config(self.session.actor)
        self.session.ctx.runner.run(lambda: (config.categories(), config.departments()),
                                    on_success=self._config_loaded, parent=self, quiet=True)

    def _config_loaded(self, loaded) -> None:
        self.categories, self.departments = loaded
        self.filters.set_categories(self.categories)
        self.filters.set_departments(self.departments)

    # --- list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.list.load(self.filters.current())

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.list.table.setFocus()

    def show_overdue(self) -> None:
        self.show_list()
        self.filters.show_overdue()

    def focus_search(self) -> None:
        self.show_list()
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # Down in the search box goes to the list (as in the Guests area).
        if watched is self.filters.search and event.type() == event.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down:
            self.list.focus_list()
            return True
        return super().eventFilter(watched, event)

    # --- complaints ---------------------------------------------------------------------
    def open_complaint(self, complaint_id: int) -> None:
        self.detail.load(complaint_id)
        self.stack.setCurrentWidget(self.detail)

    def new_complaint(self) -> None:
        if not self.session.can(Permission.COMPLAINT_RECORD):
            return
        dialog = ComplaintQuickEntryDialog(self.session, self.categories, self.departments, self)
        dialog.exec()
        if dialog.result_value is not None:
            self._detail_changed()
            self.detail.show_detail(dialog.result_value)
            self.stack.setCurrentWidget(self.detail)
            if dialog.result_value.escalations:
                self.session.ctx.messages.info(self, tr("ui.complaint.escalated_on_receipt",
                                                        number=dialog.result_value.number))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Coming back to the area: other desks may have added or moved complaints meanwhile.
        super().showEvent(event)
        if self.stack.currentIndex() == 0 and not event.spontaneous():
            self.refresh()

    def _detail_changed(self) -> None:
        self.list.reload()
        self.changed.emit()

    def open_config(self) -> None:
        dialog = ComplaintConfigDialog(self.session, self)
        dialog.exec()
        if dialog.changed:
            self.load_config()
            self.refresh()
