"""Add an ID document, a contact or an address to an existing card, or edit one in place (the
same dialog, pre-filled from the item)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.domain.errors import ValidationError
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import (
    AddressDraft,
    AddressInfo,
    ContactDraft,
    ContactInfo,
    DocumentDraft,
    DocumentInfo,
)

from .error_display import error_message
from .form_widgets import FormErrors, form_layout, select_data
from .guest_editor_dialog import code_combo, parse_date
from .row_conflict import RowEditing, RowKind
from .ui_context import UserSession

PARTS = ("document", "contact", "address")
FIELDS: dict[str, tuple[str, ...]] = {
    "document": ("id_type", "id_number", "issuing_country", "expiry_date"),
    "contact": ("contact_kind", "contact", "contact_label"),
    "address": ("address_kind", "address_line1", "address_line2", "city", "region", "postal_code", "country"),
}
COMBOS = {"id_type": ("id_type", codes.ID_TYPE), "contact_kind": ("contact_kind", codes.CONTACT_KIND),
          "address_kind": ("address_kind", codes.ADDRESS_KIND)}


class GuestPartDialog(QDialog, RowEditing):
    """``save`` gets the draft and runs through the task runner; an error names its field and
    the dialog keeps what was typed. With ``item`` the dialog edits that document, contact or
    address: pre-filled, titled "Edit …". A document's number is shown only when the caller
    knows it in clear (``clear_number``, after an audited reveal); otherwise the field stays
    empty, which keeps the stored number. With ``kind`` a save refused because another desk
    changed or removed the item meanwhile opens the conflict dialog (``row_conflict``)."""

    def __init__(self, session: UserSession, part: str, save: Callable[[Any], Any],
                 parent: QWidget | None = None, *, item: DocumentInfo | ContactInfo | AddressInfo | None = None,
                 clear_number: str | None = None, kind: RowKind | None = None) -> None:
        super().__init__(parent)
        assert part in PARTS
        self.session = session
        self.part = part
        self.save = save
        self.item = item
        self.result_value: Any = None
        self.widgets: dict[str, QWidget] = {}
        form = form_layout()
        for name in FIELDS[part]:
            if name in COMBOS:
                code_list, values = COMBOS[name]
                widget: QWidget = code_combo(code_list, values, values[0], optional=False)
            else:
                widget = QLineEdit(maxLength=200)
            self.widgets[name] = widget
            form.addRow(tr(f"field.{name}"), widget)
        for name, hint in (("expiry_date", "ui.editor.date_hint"), ("issuing_country", "ui.part.country_hint"),
                           ("country", "ui.part.country_hint")):
            if name in self.widgets:
                self.widgets[name].setPlaceholderText(tr(hint))
        self.errors = FormErrors(QLabel(), {**self.widgets, "number": self.widgets.get("id_number"),
                                            "value": self.widgets.get("contact"),
                                            "phone": self.widgets.get("contact"),
                                            "email": self.widgets.get("contact"),
                                            "wechat": self.widgets.get("contact"),
                                            "line1": self.widgets.get("address_line1")})
        self.errors.fields = {k: v for k, v in self.errors.fields.items() if v is not None}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(tr(f"ui.edit.title.{part}") if item is not None else tr(f"ui.part.add_{part}"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        if item is not None:
            self._fill(item, clear_number)
            self.track_row(kind, item)

    def _fill(self, item: DocumentInfo | ContactInfo | AddressInfo, clear_number: str | None) -> None:
        if isinstance(item, DocumentInfo):
            values = {"id_type": item.doc_type, "id_number": clear_number or "",
                      "issuing_country": item.issuing_country,
                      "expiry_date": item.expiry_date.isoformat() if item.expiry_date else ""}
            if not clear_number:
                hint = tr("ui.edit.keep_number", number=item.number)
                self.widgets["id_number"].setPlaceholderText(hint)
                self.widgets["id_number"].setToolTip(hint)
                self.setMinimumWidth(560)  # room for the masked number and the hint
        elif isinstance(item, ContactInfo):
            values = {"contact_kind": item.kind, "contact": item.value, "contact_label": item.label}
        else:
            values = {"address_kind": item.kind, "address_line1": item.line1, "address_line2": item.line2,
                      "city": item.city, "region": item.region, "postal_code": item.postal_code,
                      "country": item.country}
        for name, value in values.items():
            widget = self.widgets[name]
            if isinstance(widget, QLineEdit):
                widget.setText(value or "")
            else:
                select_data(widget, value)

    def _text(self, name: str) -> str | None:
        widget = self.widgets[name]
        return widget.text().strip() or None if isinstance(widget, QLineEdit) else widget.currentData()

    def draft(self) -> Any:
        t = self._text
        if self.part == "document":
            return DocumentDraft(t("id_type"), t("id_number") or "", (t("issuing_country") or "").upper() or None,
                                 parse_date(self.widgets["expiry_date"].text(), "expiry_date"))
        if self.part == "contact":
            return ContactDraft(t("contact_kind"), t("contact") or "", t("contact_label"))
        return AddressDraft(line1=t("address_line1") or "", kind=t("address_kind"), line2=t("address_line2"),
                            city=t("city"), region=t("region"), postal_code=t("postal_code"),
                            country=(t("country") or "").upper() or None)

    def _submit(self) -> None:
        self.errors.clear()
        try:
            draft = self.draft()
        except ValidationError as exc:
            self.errors.show(error_message(exc), exc)
            return
        self.typed_draft = draft
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: self.save(draft), on_success=self._saved, on_failure=self._failed,
                                    parent=self)

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()
