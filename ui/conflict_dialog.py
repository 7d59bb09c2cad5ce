"""Someone else saved the record while this desk was editing it (a service ``Conflict``): show
both versions field by field — theirs as saved now beside yours as typed, differences
highlighted — and let the user apply their change to the current version or discard it.

``resolve_conflict`` is the whole round trip every editor uses: load the current version, ask,
then re-save on top of it (a new conflict asks again) or hand the current version back. Rows of
a record (a card's contact, a company's special date) use it through ``row_conflict``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict, HotelCrmError
from hotelcrm.i18n import tr

from .error_display import error_message
from .task_runner import BaseTaskRunner

CHANGED_BACKGROUND = QColor("#fff3cd")
KEPT_FOREGROUND = QColor("#6b7a86")
EMPTY = "—"
REAPPLY, DISCARD = "reapply", "discard"


@dataclass(frozen=True)
class FieldVersions:
    """One field: its label, the value saved now by the other desk, the value typed here, and
    whether it was changed here (a field left as it was keeps their value on "apply")."""

    label: str
    theirs: str
    yours: str
    changed_here: bool = True

    @property
    def differs(self) -> bool:
        return self.theirs != self.yours


def shown(value: Any) -> str:
    """A value as the comparison shows it (empty as a dash, dates in ISO form)."""
    if value is None or value == "":
        return EMPTY
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class ConflictDialog(QDialog):
    """The two versions and two choices; ``choice`` is ``REAPPLY`` or ``DISCARD``."""

    def __init__(self, what: str, rows: Sequence[FieldVersions], parent: QWidget | None = None,
                 note: str = "") -> None:
        super().__init__(parent)
        self.rows = tuple(rows)
        self.choice = DISCARD
        self.setWindowTitle(tr("ui.conflict.title"))
        title = QLabel(tr("ui.conflict.heading", what=what), objectName="dialogTitle")
        title.setWordWrap(True)
        hint = QLabel(tr("ui.conflict.hint"), objectName="hint")
        hint.setWordWrap(True)
        self.note = QLabel(note, objectName="conflictNote", wordWrap=True)  # what "apply" does here
        self.note.setStyleSheet("font-weight: 600; color: #8a4b00;")
        self.note.setVisible(bool(note))
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setHorizontalHeaderLabels([tr("ui.conflict.field"), tr("ui.conflict.theirs"),
                                              tr("ui.conflict.yours")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, field in enumerate(self.rows):
            for col, text in enumerate((field.label, field.theirs, field.yours)):
                kept = col == 2 and field.differs and not field.changed_here
                item = QTableWidgetItem(tr("ui.conflict.kept", value=text) if kept else text)
                if kept:  # applying keeps theirs: say so instead of suggesting it is overwritten
                    item.setForeground(QBrush(KEPT_FOREGROUND))
                    item.setToolTip(tr("ui.conflict.kept_tip"))
                if field.differs:
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                    if col and not kept:
                        bold = QFont(item.font())
                        bold.setBold(True)
                        item.setFont(bold)
                self.table.setItem(row, col, item)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.resizeRowsToContents()
        differing = sum(1 for r in self.rows if r.differs)
        self.summary = QLabel(tr("ui.conflict.summary", count=differing), objectName="hint")
        self.buttons = QDialogButtonBox()
        self.reapply_button = QPushButton(tr("ui.conflict.reapply"))
        self.discard_button = QPushButton(tr("ui.conflict.discard"))
        self.reapply_button.setDefault(True)
        self.buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.reapply_button.clicked.connect(lambda: self._choose(REAPPLY))
        self.discard_button.clicked.connect(lambda: self._choose(DISCARD))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        height = self.table.horizontalHeader().height() + sum(
            self.table.rowHeight(r) for r in range(len(self.rows))) + 8
        self.table.setMinimumHeight(min(height, 420))
        self.table.setMaximumHeight(height)
        self.setMinimumWidth(640)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted if choice == REAPPLY else QDialog.DialogCode.Rejected)

    def text_at(self, row: int, column: int) -> str:
        return self.table.item(row, column).text()

    def kept_theirs(self, row: int) -> bool:
        return self.table.item(row, 2).text() != self.rows[row].yours

    def highlighted(self, row: int) -> bool:
        return self.table.item(row, 1).background().color() == CHANGED_BACKGROUND


def ask(what: str, rows: Sequence[FieldVersions], parent: QWidget | None, note: str = "") -> str:
    dialog = ConflictDialog(what, rows, parent, note)
    dialog.exec()
    return dialog.choice


@dataclass
class ConflictRoundTrip:
    """What an editor tells ``resolve_conflict``: how to load the current version, how to
    compare it with what was typed, how to save the typed change on top of it, and what to do
    with the outcome. ``load_current`` runs on the task runner; ``reapply`` is called on the GUI
    thread with the current version (it may read the form) and returns the work that saves.
    Optional: ``note_for`` explains what "apply" does with this version (e.g. the row was removed
    and applying adds it again); ``settled`` returns a text when nothing is left to choose (the
    row this desk removed is already gone): it is shown and the current version discarded to;
    ``conflicting`` says which refusals of a re-save ask again (default: ``Conflict``)."""

    what: str
    load_current: Callable[[], Any]
    rows_for: Callable[[Any], Sequence[FieldVersions]]
    reapply: Callable[[Any], Callable[[], Any]]
    on_saved: Callable[[Any], None]
    on_discarded: Callable[[Any], None]
    on_failure: Callable[[str, BaseException], None]
    note_for: Callable[[Any], str] | None = None
    settled: Callable[[Any], str | None] | None = None
    conflicting: Callable[[BaseException], bool] = lambda error: isinstance(error, Conflict)
    tell: Callable[[str], None] | None = None  # shows ``settled``'s text (the messages service)


def resolve_conflict(trip: ConflictRoundTrip, runner: BaseTaskRunner, parent: QWidget | None) -> None:
    """Loads the current version and shows the dialog. "Apply my changes" saves on top of the
    version just loaded (another desk saving again in between asks again); "Discard" hands the
    current version to ``on_discarded``."""

    def loaded(current: Any) -> None:
        done = trip.settled(current) if trip.settled else None
        if done:
            if trip.tell is not None:
                trip.tell(done)
            trip.on_discarded(current)
            return
        note = trip.note_for(current) if trip.note_for else ""
        if ask(trip.what, trip.rows_for(current), parent, note) == DISCARD:
            trip.on_discarded(current)
            return
        try:
            work = trip.reapply(current)
        except HotelCrmError as exc:  # the form cannot be read as a value any more
            trip.on_failure(error_message(exc), exc)
            return
        runner.run(work, on_success=trip.on_saved, on_failure=failed, parent=parent)

    def failed(text: str, error: BaseException) -> None:
        if trip.conflicting(error):
            resolve_conflict(trip, runner, parent)
        else:
            trip.on_failure(text, error)

    runner.run(trip.load_current, on_success=loaded, on_failure=trip.on_failure, parent=parent)
