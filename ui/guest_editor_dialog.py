"""New card for a first-time guest (with the duplicate warning), or the general group of an
existing card (sent with the card's version)."""

from __future__ import annotations

import itertools
from dataclasses import fields, replace
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.domain.errors import Conflict, ValidationError
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import ContactDraft, DocumentDraft, DuplicateHit, GuestCard, GuestDraft

from .conflict_dialog import ConflictRoundTrip, FieldVersions, resolve_conflict, shown
from .duplicate_warning import DuplicateWarning
from .error_display import error_message
from .form_widgets import FormErrors, select_data
from .guest_format import code_label
from .ui_context import UserSession

DUPLICATE_DEBOUNCE_MS = 300
EDITOR_LABELS = {"company_id": "ui.editor.company"}
CODE_FIELDS = {"gender": "gender", "marital_status": "marital_status", "guest_type": "guest_type"}
GENERAL_FIELDS = tuple(f.name for f in fields(GuestDraft) if f.name not in ("documents", "contacts"))
TEXT_FIELDS = {"family_name": 50, "given_name": 50, "latin_name": 100, "nationality": 3, "language": 10,
               "vip_code": 20, "position": 100, "id_number": 40, "issuing_country": 3, "phone": 40,
               "email": 254}


def code_combo(code_list: str, values: tuple[str, ...], current: str | None, optional: bool = True) -> QComboBox:
    combo = QComboBox()
    if optional:
        combo.addItem("—", None)
    for value in values:
        combo.addItem(code_label(code_list, value), value)
    select_data(combo, current)
    return combo


def general_draft(card: GuestCard) -> GuestDraft:
    """The general group of a saved card, as a draft (what a reapplied change starts from)."""
    return GuestDraft(**{name: getattr(card, name) for name in GENERAL_FIELDS})


def on_top_of(current: GuestCard, read: GuestCard, typed: GuestDraft) -> GuestDraft:
    """The fields changed here since ``read`` (as typed) over the current version: what the
    other desk changed and this one did not stays as they saved it."""
    mine = general_draft(read)
    return replace(general_draft(current), **{name: getattr(typed, name) for name in GENERAL_FIELDS
                                              if getattr(typed, name) != getattr(mine, name)})


def parse_date(text: str, field: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, "date_format") from None


class GuestEditorDialog(QDialog):
    """``card`` None: a new card; documents and contacts are typed here too, and likely
    duplicates appear while typing. Otherwise the general group of ``card`` is edited."""

    def __init__(self, session: UserSession, card: GuestCard | None = None, parent: QWidget | None = None,
                 debounce_ms: int = DUPLICATE_DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.card = card
        self.result_value: GuestCard | None = None
        self.open_instead: int | None = None
        c = card
        self.edits = {name: QLineEdit(maxLength=size) for name, size in TEXT_FIELDS.items()}
        if c is not None:
            for name in ("family_name", "given_name", "latin_name", "nationality", "language", "vip_code",
                         "position"):
                self.edits[name].setText(getattr(c, name) or "")
        self.birth_date = QLineEdit(c.birth_date.isoformat() if c and c.birth_date else "", maxLength=10)
        self.birth_date.setPlaceholderText(tr("ui.editor.date_hint"))
        self.gender = code_combo("gender", codes.GENDER, c.gender if c else None)
        self.marital_status = code_combo("marital_status", codes.MARITAL_STATUS, c.marital_status if c else None)
        self.guest_type = code_combo("guest_type", codes.GUEST_TYPE, c.guest_type if c else "individual", False)
        self.company = QComboBox()
        self.company.addItem("—", None)
        self.id_type = code_combo("id_type", codes.ID_TYPE, "resident_id", False)
        self.edits["nationality"].setPlaceholderText("CHN")
        self.edits["issuing_country"].setPlaceholderText("CHN")
        self.edits["language"].setPlaceholderText("zh / en")
        self.edits["phone"].setPlaceholderText("138 1234 5678")
        self.duplicates = DuplicateWarning()
        self.duplicates.open_requested.connect(self._open_instead)
        self.errors = FormErrors(QLabel(), {**self.edits, "birth_date": self.birth_date, "gender": self.gender,
                                            "marital_status": self.marital_status, "guest_type": self.guest_type,
                                            "company_id": self.company, "id_type": self.id_type,
                                            "document_number": self.edits["id_number"]})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.check_duplicates)
        self._generation = itertools.count(1)
        self._latest = 0
        self._build()
        self._load_companies()
        if card is None:
            for widget in (*self.edits.values(), self.birth_date):
                widget.textEdited.connect(lambda _t: self.timer.start())

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        new = self.card is None
        self.setWindowTitle(tr("ui.editor.new_title" if new else "ui.editor.edit_title"))
        title = QLabel(tr("ui.editor.new_heading") if new else self.card.display_name, objectName="dialogTitle")
        names = QGridLayout()
        names.setHorizontalSpacing(12)
        names.setVerticalSpacing(8)
        cells = (("family_name", self.edits["family_name"]), ("given_name", self.edits["given_name"]),
                 ("latin_name", self.edits["latin_name"]), ("birth_date", self.birth_date),
                 ("gender", self.gender), ("nationality", self.edits["nationality"]),
                 ("language", self.edits["language"]), ("marital_status", self.marital_status),
                 ("guest_type", self.guest_type), ("vip_code", self.edits["vip_code"]),
                 ("company_id", self.company), ("position", self.edits["position"]))
        for number, (name, widget) in enumerate(cells):
            row, col = divmod(number, 2)
            names.addWidget(QLabel(tr(EDITOR_LABELS.get(name, f"field.{name}"))), row, col * 2)
            names.addWidget(widget, row, col * 2 + 1)
        names.setColumnStretch(1, 1)
        names.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(names)
        if new:
            box = QGroupBox(tr("ui.editor.identity_and_contacts"))
            form = QFormLayout(box)
            doc = QHBoxLayout()
            doc.addWidget(self.id_type)
            doc.addWidget(self.edits["id_number"], 1)
            doc.addWidget(QLabel(tr("field.issuing_country")))
            self.edits["issuing_country"].setFixedWidth(70)
            doc.addWidget(self.edits["issuing_country"])
            form.addRow(tr("ui.editor.document"), doc)
            form.addRow(tr("field.phone"), self.edits["phone"])
            form.addRow(tr("field.email"), self.edits["email"])
            layout.addWidget(box)
            layout.addWidget(self.duplicates)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)

    def _load_companies(self) -> None:
        companies = self.session.ctx.services.companies(self.session.actor)
        current = self.card.company_id if self.card else None

        def fill(rows) -> None:
            for company in rows:
                self.company.addItem(company.name, company.id)
            select_data(self.company, current)

        self.session.ctx.runner.run(lambda: companies.list(), on_success=fill,
                                    on_failure=lambda _t, _e: None, parent=self, quiet=True)

    # --- the draft ----------------------------------------------------------------------
    def _text(self, name: str) -> str | None:
        return self.edits[name].text().strip() or None

    def draft(self, lenient: bool = False) -> GuestDraft:
        """What was typed. ``lenient`` (the duplicate check while typing) skips a half-typed
        birth date instead of refusing it."""
        try:
            birth = parse_date(self.birth_date.text(), "birth_date")
        except ValidationError:
            if not lenient:
                raise
            birth = None
        documents: tuple[DocumentDraft, ...] = ()
        contacts: list[ContactDraft] = []
        if self.card is None:
            if self._text("id_number"):
                documents = (DocumentDraft(self.id_type.currentData(), self._text("id_number"),
                                           (self._text("issuing_country") or "").upper() or None),)
            if self._text("phone"):
                contacts.append(ContactDraft("phone", self._text("phone")))
            if self._text("email"):
                contacts.append(ContactDraft("email", self._text("email")))
        return GuestDraft(
            family_name=self._text("family_name") or "", given_name=self._text("given_name") or "",
            latin_name=self._text("latin_name"), gender=self.gender.currentData(), birth_date=birth,
            nationality=(self._text("nationality") or "").upper() or None, language=self._text("language"),
            marital_status=self.marital_status.currentData(), guest_type=self.guest_type.currentData(),
            vip_code=self._text("vip_code"), company_id=self.company.currentData(),
            position=self._text("position"), documents=documents, contacts=tuple(contacts))

    # --- duplicates ---------------------------------------------------------------------
    def check_duplicates(self) -> None:
        """Runs after typing pauses; an answer for an older draft is dropped."""
        self.timer.stop()
        draft = self.draft(lenient=True)
        generation = self._latest = next(self._generation)
        cards = self.session.ctx.services.guest_cards(self.session.actor)
        self.session.ctx.runner.run(lambda: cards.likely_duplicates(draft),
                                    on_success=lambda hits: self._duplicates(generation, hits),
                                    on_failure=lambda _t, _e: None, parent=self)

    def _duplicates(self, generation: int, hits: list[DuplicateHit]) -> None:
        if generation == self._latest:
            self.duplicates.show_hits(hits)

    def _open_instead(self, guest_id: int) -> None:
        self.open_instead = guest_id
        self.reject()

    # --- saving -------------------------------------------------------------------------
    def _submit(self) -> None:
        self.errors.clear()
        try:
            draft = self.draft()
        except ValidationError as exc:
            self.errors.show(error_message(exc), exc)
            return
        cards = self.session.ctx.services.guest_cards(self.session.actor)
        card = self.card
        if card is None:
            work = lambda: cards.create(draft)  # noqa: E731
        else:
            work = lambda: cards.update(card.id, card.version, draft)  # noqa: E731
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(work, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, card: GuestCard) -> None:
        self.result_value = card
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.card is not None:
            self._resolve(self.draft())
            return
        self.buttons.setEnabled(True)
        self.errors.show(text, error)

    # --- someone else saved the card meanwhile ------------------------------------------
    def _resolve(self, typed: GuestDraft) -> None:
        cards = self.session.ctx.services.guest_cards(self.session.actor)
        read, company = self.card, self.company.currentText()

        def rows(current: GuestCard) -> list[FieldVersions]:
            mine = general_draft(read)
            return [FieldVersions(tr(EDITOR_LABELS.get(name, f"field.{name}")),
                                  self._shown(name, getattr(current, name), current.company_name),
                                  self._shown(name, getattr(typed, name), company),
                                  getattr(typed, name) != getattr(mine, name))
                    for name in GENERAL_FIELDS]

        def discarded(current: GuestCard) -> None:
            self.result_value = current  # the card shows their version; nothing of this desk is saved
            self.accept()

        resolve_conflict(ConflictRoundTrip(
            what=tr("ui.conflict.what.guest"), load_current=lambda: cards.card(read.id), rows_for=rows,
            reapply=lambda current: lambda: cards.update(current.id, current.version,
                                                         on_top_of(current, read, typed)),
            on_saved=self._saved, on_discarded=discarded, on_failure=self._failed_after_conflict),
            self.session.ctx.runner, self)

    def _failed_after_conflict(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)

    @staticmethod
    def _shown(name: str, value, company_name: str | None) -> str:
        if value is None:
            return shown(None)
        if name == "company_id":
            return shown(company_name)
        if name in CODE_FIELDS:
            return code_label(CODE_FIELDS[name], value)
        return shown(value)
