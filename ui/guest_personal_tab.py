"""Personal group (个性信息): preferences by group, notes (religion masked when hidden),
taboos, special dates, special requests. Every save sends the card's or the row's version;
preferences and special dates are edited in place (Edit button or a double-click)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import GuestCard, PersonalDraft, PreferenceInfo, SpecialDateInfo

from .form_widgets import FormErrors
from .guest_format import code_label, date_text
from .guest_pref_labels import PreferenceLabels
from .guest_preference_dialog import PreferenceDialog
from .guest_row_kinds import card_row_kind
from .guest_special_date_dialog import SpecialDateDialog
from .guest_widgets import clear_layout, edit_button, edit_on_double_click, value_label
from .row_conflict import Outcome, RowKind, remove_row, resolve_record_edit
from .ui_context import UserSession

NOTES = ("character_notes", "hobbies", "habits", "religion", "taboos", "special_requests", "notes")


def personal_of(card: GuestCard) -> PersonalDraft:
    """The card's notes as the draft that keeps them."""
    return PersonalDraft(**{name: getattr(card, name) for name in NOTES})


class GuestPersonalTab(QScrollArea):
    card_changed = Signal(object)  # the GuestCard a save returned

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card: GuestCard | None = None
        self.labels = PreferenceLabels()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editable = session.can(Permission.GUEST_WRITE)
        self.group_boxes: dict[str, QGridLayout] = {}
        self.edit_buttons: dict[tuple[str, int], QToolButton] = {}  # ("preference"|"date", id) -> Edit
        prefs = QHBoxLayout()
        for group in codes.PREFERENCE_GROUP:
            box = QGroupBox(code_label("preference_group", group))
            grid = QGridLayout(box)
            self.group_boxes[group] = grid
            prefs.addWidget(box, 1)
        self.add_pref_button = QPushButton(tr("ui.pref.add"))
        self.add_pref_button.clicked.connect(self.add_preference)
        self.add_pref_button.setVisible(editable)
        notes_box = self._build_notes(editable)
        dates_box = self._build_dates(editable)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(12)
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel(tr("ui.card.section.preferences"), objectName="sectionTitle"))
        title_row.addStretch(1)
        title_row.addWidget(self.add_pref_button)
        layout.addLayout(title_row)
        layout.addLayout(prefs)
        bottom = QHBoxLayout()
        bottom.addWidget(notes_box, 3)
        bottom.addWidget(dates_box, 2)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self.setWidget(inner)

    def _build_notes(self, editable: bool) -> QGroupBox:
        self.notes = {name: QPlainTextEdit() for name in NOTES}
        notes_box = QGroupBox(tr("ui.card.section.notes"))
        form = QFormLayout(notes_box)
        for name, edit in self.notes.items():
            edit.setFixedHeight(52)
            edit.setTabChangesFocus(True)
            edit.setReadOnly(not editable)
            form.addRow(tr("field.guest_notes" if name == "notes" else f"field.{name}"), edit)
        self.save_notes_button = QPushButton(tr("ui.card.save_notes"))
        self.save_notes_button.clicked.connect(self.save_notes)
        self.save_notes_button.setVisible(editable)
        self.notes_errors = FormErrors(QLabel(), dict(self.notes))
        form.addRow("", self.notes_errors.label)
        form.addRow("", self.save_notes_button)
        return notes_box

    def _build_dates(self, editable: bool) -> QGroupBox:
        dates_box = QGroupBox(tr("ui.card.section.special_dates"))
        dates_layout = QVBoxLayout(dates_box)
        self.dates = QGridLayout()
        self.add_date_button = QPushButton(tr("ui.date.add"))
        self.add_date_button.clicked.connect(self.add_special_date)
        self.add_date_button.setVisible(editable)
        dates_layout.addLayout(self.dates)
        dates_layout.addWidget(self.add_date_button, 0, Qt.AlignmentFlag.AlignLeft)
        dates_layout.addStretch(1)
        return dates_box

    # --- showing ------------------------------------------------------------------------
    def set_labels(self, labels: PreferenceLabels) -> None:
        self.labels = labels
        if self.card is not None:
            self._show_preferences(self.card)

    def show_card(self, card: GuestCard, keep_typed: bool = False) -> None:
        self.card = card
        self._show_preferences(card)
        if not keep_typed:
            for name, edit in self.notes.items():
                edit.setPlainText(getattr(card, name) or "")
        religion = self.notes["religion"]
        hidden = card.religion is None and not self.session.can(Permission.SENSITIVE_READ)
        religion.setReadOnly(hidden or not self.session.can(Permission.GUEST_WRITE))
        religion.setPlaceholderText(tr("ui.card.sensitive_hidden") if hidden else "")
        self._show_dates(card)

    def _show_preferences(self, card: GuestCard) -> None:
        self.edit_buttons = {key: b for key, b in self.edit_buttons.items() if key[0] != "preference"}
        for group, grid in self.group_boxes.items():
            clear_layout(grid)
            rows = [p for p in card.preferences if p.pref_group == group]
            if not rows:
                grid.addWidget(QLabel(tr("ui.card.none"), objectName="hint"), 0, 0)
            for row, pref in enumerate(rows):
                text = self.labels.text(pref.pref_group, pref.pref_key, pref.value)
                if pref.note:
                    text += f" ({pref.note})"
                label = value_label(text)
                if pref.sensitive:
                    label.setStyleSheet("color: #a61b1b; font-weight: 600;")
                if pref.from_observation:
                    label.setToolTip(tr("ui.pref.from_observation"))
                grid.addWidget(label, row, 0)
                if self.session.can(Permission.GUEST_WRITE):
                    edit = edit_button(lambda p=pref: self.edit_preference(p))
                    self.edit_buttons[("preference", pref.id)] = edit
                    edit_on_double_click(label, lambda p=pref: self.edit_preference(p))
                    grid.addWidget(edit, row, 1)
                    remove = QToolButton(text="✕", toolTip=tr("ui.card.remove"), autoRaise=True)
                    remove.clicked.connect(lambda _c=False, p=pref: self.remove_preference(p))
                    grid.addWidget(remove, row, 2)
            grid.setColumnStretch(0, 1)

    def _show_dates(self, card: GuestCard) -> None:
        self.edit_buttons = {key: b for key, b in self.edit_buttons.items() if key[0] != "date"}
        clear_layout(self.dates)
        if not card.special_dates:
            self.dates.addWidget(QLabel(tr("ui.card.none"), objectName="hint"), 0, 0)
        for row, d in enumerate(card.special_dates):
            kind = code_label("special_date_kind", d.kind)
            when = f"{d.month:02d}-{d.day:02d}" if d.year is None else f"{d.year}-{d.month:02d}-{d.day:02d}"
            title = QLabel(kind + (f" · {d.label}" if d.label else ""))
            self.dates.addWidget(title, row, 0)
            self.dates.addWidget(value_label(when), row, 1)
            self.dates.addWidget(QLabel(tr("ui.date.next", date=date_text(d.next_date)), objectName="hint"), row, 2)
            if self.session.can(Permission.GUEST_WRITE):
                edit = edit_button(lambda day=d: self.edit_special_date(day))
                self.edit_buttons[("date", d.id)] = edit
                edit_on_double_click(title, lambda day=d: self.edit_special_date(day))
                self.dates.addWidget(edit, row, 3)
                remove = QToolButton(text="✕", toolTip=tr("ui.card.remove"), autoRaise=True)
                remove.clicked.connect(lambda _c=False, day=d: self.remove_special_date(day))
                self.dates.addWidget(remove, row, 4)
        self.dates.setColumnStretch(2, 1)

    # --- changes ------------------------------------------------------------------------
    def _cards(self):
        return self.session.ctx.services.guest_cards(self.session.actor)

    def _kind(self, part: str) -> RowKind:
        return card_row_kind(self.session, part, self.card.id, self.labels)

    def add_preference(self) -> None:
        if self.card is None:
            return
        cards, guest_id = self._cards(), self.card.id
        dialog = PreferenceDialog(self.session, self.labels, lambda d: cards.add_preference(guest_id, d),
                                  parent=self)
        dialog.exec()
        if dialog.result_value is not None:
            self.card_changed.emit(dialog.result_value)

    def remove_preference(self, pref: PreferenceInfo) -> None:
        text = self.labels.text(pref.pref_group, pref.pref_key, pref.value)
        if not self.session.ctx.messages.confirm(self, tr("ui.pref.remove_confirm", preference=text)):
            return
        remove_row(self.session, self._kind("preference"), pref, self.card_changed.emit, self)

    def edit_preference(self, pref: PreferenceInfo) -> None:
        """The add dialog, pre-filled; the save sends the preference's version (a change or
        removal elsewhere meanwhile opens the conflict dialog)."""
        cards = self._cards()
        dialog = PreferenceDialog(self.session, self.labels,
                                  lambda d: cards.update_preference(pref.id, pref.version, d), parent=self,
                                  initial=pref, kind=self._kind("preference"))
        dialog.exec()
        if dialog.result_value is not None:
            self.card_changed.emit(dialog.result_value)

    def edit_special_date(self, day: SpecialDateInfo) -> None:
        cards = self._cards()
        dialog = SpecialDateDialog(self.session, lambda d: cards.update_special_date(day.id, day.version, d), self,
                                   initial=day, kind=self._kind("special_date"))
        dialog.exec()
        if dialog.result_value is not None:
            self.card_changed.emit(dialog.result_value)

    def remove_special_date(self, day: SpecialDateInfo) -> None:
        kind = code_label("special_date_kind", day.kind)
        if not self.session.ctx.messages.confirm(self, tr("ui.edit.remove_date_confirm",
                                                          date=kind + (f" · {day.label}" if day.label else ""))):
            return
        remove_row(self.session, self._kind("special_date"), day, self.card_changed.emit, self)

    def add_special_date(self) -> None:
        if self.card is None:
            return
        cards, guest_id = self._cards(), self.card.id
        dialog = SpecialDateDialog(self.session, lambda d: cards.add_special_date(guest_id, d), self)
        dialog.exec()
        if dialog.result_value is not None:
            self.card_changed.emit(dialog.result_value)

    def personal_draft(self) -> PersonalDraft:
        return PersonalDraft(**{name: edit.toPlainText().strip() or None for name, edit in self.notes.items()})

    def save_notes(self) -> None:
        """The card's version goes along: a card saved elsewhere meanwhile is refused and the
        typed notes stay where they are."""
        if self.card is None:
            return
        self.notes_errors.clear()
        cards, card, draft = self._cards(), self.card, self.personal_draft()

        def failed(text: str, error: BaseException) -> None:
            if isinstance(error, Conflict):  # the card was saved elsewhere: both versions of the notes
                resolve_record_edit(self.session, self._notes_kind(), card, personal_of(card), draft,
                                    Outcome(self.card_changed.emit, self.card_changed.emit, self.notes_errors.show),
                                    self)
            else:
                self.notes_errors.show(text, error)

        self.session.ctx.runner.run(lambda: cards.update_personal(card.id, card.version, draft),
                                    on_success=self.card_changed.emit, on_failure=failed, parent=self)

    def _notes_kind(self) -> RowKind:
        cards, guest_id = self._cards(), self.card.id
        return RowKind(entity="guest", what=tr("ui.conflict.what.notes"),
                       labels={name: tr("field.guest_notes" if name == "notes" else f"field.{name}")
                               for name in NOTES},
                       load=lambda: cards.card(guest_id), draft_of=personal_of,
                       update=lambda now, draft: cards.update_personal(now.id, now.version, draft))
