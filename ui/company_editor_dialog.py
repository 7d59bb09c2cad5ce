"""One agreement company (协议单位): its name, kind, contact and notes, saved with the
company's version; its special dates below, each added or removed at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.domain.contact_rules import display_phone
from hotelcrm.domain.errors import Conflict
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import CompanyDraft, CompanyInfo

from .company_dates_panel import CompanyDatesPanel
from .conflict_dialog import shown
from .form_widgets import FormErrors, form_layout, select_data
from .guest_format import code_label
from .row_conflict import Outcome, RowKind, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession

# field name (as the service names it in a ValidationError) → maximum length
TEXT_FIELDS = {"company_name": 200, "company_name_latin": 200, "contact_person": 100, "phone": 40,
               "email": 254, "company_address": 500}
LABEL_FIELDS = {"company_name": "name", "company_name_latin": "name_latin", "company_kind": "kind",
                "contact_person": "contact_person", "phone": "phone", "email": "email",
                "company_address": "address", "company_notes": "notes"}
DRAFT_NAMES = {"company_name": "name", "company_name_latin": "name_latin", "contact_person": "contact_person",
               "phone": "phone", "email": "email", "company_address": "address"}


def company_text(name: str, value, _draft=None) -> str:
    """A company field as the conflict dialog shows it (kind by its label, phone spaced)."""
    if value in (None, ""):
        return shown(None)
    if name == "kind":
        return code_label("company_kind", value)
    if name == "phone" and str(value).startswith("+"):
        return display_phone(value)
    return shown(value)


def company_kind(session: UserSession, company_id: int, with_status: bool = False) -> RowKind:
    """A company for the conflict dialog; ``with_status`` adds its status (the list's activate /
    deactivate, whose ``update(now, None)`` is left to the caller to replace)."""
    companies = session.ctx.services.companies(session.actor)
    labels = {attr: tr(f"field.{field}") for field, attr in LABEL_FIELDS.items()}
    texts = None
    if with_status:
        labels["status"] = tr("ui.company.column.status")

        def texts(company: CompanyInfo) -> dict[str, str]:
            draft = draft_of(company)
            out = {name: company_text(name, getattr(draft, name)) for name in LABEL_FIELDS.values()}
            return {**out, "status": code_label("record_status", company.status)}

    return RowKind(entity="company", what=tr("ui.conflict.what.company"), labels=labels,
                   load=lambda: companies.get(company_id), draft_of=draft_of, texts=texts,
                   update=lambda now, draft: companies.update(now.id, now.version, draft), text=company_text)


def draft_of(company: CompanyInfo) -> CompanyDraft:
    """The company as stored, for a change of status alone."""
    return CompanyDraft(name=company.name, name_latin=company.name_latin, kind=company.kind,
                        contact_person=company.contact_person, phone=company.phone, email=company.email,
                        address=company.address, notes=company.notes)


class CompanyEditorDialog(ShowsRefusal, QDialog):
    """``company`` None: a new company. ``result_value`` is the saved company; ``dates_changed``
    tells the list to reload even when the dialog was cancelled after a date was added."""

    def __init__(self, session: UserSession, company: CompanyInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.company = company
        self.result_value: CompanyInfo | None = None
        self.dates_changed = False
        editable = session.can(Permission.GUEST_WRITE)
        self.edits = {name: QLineEdit(maxLength=size) for name, size in TEXT_FIELDS.items()}
        self.kind = QComboBox()
        for code in codes.COMPANY_KIND:
            self.kind.addItem(code_label("company_kind", code), code)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(72)
        self.edits["phone"].setPlaceholderText("010 6512 3456")
        self.edits["email"].setPlaceholderText("sales@example.com")
        self.initial_draft: CompanyDraft | None = None
        if company is not None:
            self._fill(company)
            self.initial_draft = self.draft()  # what the form started with: the conflict's "changed here"
        self.dates = CompanyDatesPanel(session, company, editable)
        self.dates.changed.connect(self._dates_changed)
        self.errors = FormErrors(QLabel(), {**self.edits, "company_kind": self.kind, "company_notes": self.notes})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(editable)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build()

    @classmethod
    def ask(cls, session: UserSession, company: CompanyInfo | None, parent: QWidget | None = None) \
            -> CompanyInfo | None:
        dialog = cls(session, company, parent)
        dialog.exec()
        return dialog.result_value

    def _fill(self, company: CompanyInfo) -> None:
        for field, attr in DRAFT_NAMES.items():
            self.edits[field].setText(getattr(company, attr) or "")
        if company.phone:
            self.edits["phone"].setText(display_phone(company.phone))
        select_data(self.kind, company.kind)
        self.notes.setPlainText(company.notes or "")

    def _build(self) -> None:
        new = self.company is None
        self.setWindowTitle(tr("ui.company.new_title" if new else "ui.company.edit_title"))
        heading = tr("ui.company.new_heading") if new else self.company.name
        title = QLabel(heading, objectName="dialogTitle", wordWrap=True)
        form = form_layout()
        for field, widget in (("company_name", self.edits["company_name"]),
                              ("company_name_latin", self.edits["company_name_latin"]),
                              ("company_kind", self.kind), ("contact_person", self.edits["contact_person"]),
                              ("phone", self.edits["phone"]), ("email", self.edits["email"]),
                              ("company_address", self.edits["company_address"]), ("company_notes", self.notes)):
            form.addRow(tr(f"field.{field}"), widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(title)
        if self.company is not None and self.company.status != "active":
            layout.addWidget(QLabel(tr("ui.company.inactive_hint"), objectName="hint", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.dates)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def draft(self) -> CompanyDraft:
        values = {attr: self.edits[field].text().strip() or None for field, attr in DRAFT_NAMES.items()}
        values["name"] = values["name"] or ""
        return CompanyDraft(kind=self.kind.currentData(), notes=self.notes.toPlainText().strip() or None, **values)

    def _dates_changed(self, company: CompanyInfo) -> None:
        # Only the dates are taken over: the version stays the one the typed fields started from,
        # so a company saved elsewhere meanwhile is still refused instead of overwritten.
        self.dates_changed = True

    def _submit(self) -> None:
        self.errors.clear()
        draft = self.typed = self.draft()
        companies = self.session.ctx.services.companies(self.session.actor)
        company = self.company
        if company is None:
            work = lambda: companies.create(draft)  # noqa: E731
        else:
            work = lambda: companies.update(company.id, company.version, draft)  # noqa: E731
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(work, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, company: CompanyInfo) -> None:
        self.result_value = company
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.company is not None:
            resolve_record_edit(self.session, self._kind(), self.company, self.initial_draft, self.typed,
                                Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)

    def _kind(self) -> RowKind:
        """Someone else saved the company meanwhile: both versions, then apply on theirs or discard
        (the list then shows their version)."""
        return company_kind(self.session, self.company.id)
