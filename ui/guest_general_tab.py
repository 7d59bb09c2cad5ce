"""General group (常规信息): names, personal data, ID documents (masked; Reveal where allowed),
contacts, addresses, company and position."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import DocumentInfo, GuestCard

from .guest_format import code_label, date_text, or_dash
from .guest_part_dialog import GuestPartDialog
from .guest_row_kinds import card_row_kind
from .guest_widgets import clear_layout, edit_button, edit_on_double_click, value_label
from .row_conflict import remove_row
from .ui_context import UserSession

GENERAL_FIELDS = ("family_name", "given_name", "latin_name", "pinyin", "gender", "birth_date", "nationality",
                  "language", "marital_status", "guest_type", "vip_code", "company", "position")


class GuestGeneralTab(QScrollArea):
    """Read-only view; the general group is edited through the editor dialog (with the card's
    version), each document, contact and address through its own dialog (Edit button or a
    double-click on it, with the item's version)."""

    revealed = Signal(int, str)  # document id, clear number (tests and the audit note)
    card_changed = Signal(object)  # the GuestCard a save returned

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card: GuestCard | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields = {name: value_label() for name in GENERAL_FIELDS}
        person = QGroupBox(tr("ui.card.section.person"))
        form = QFormLayout(person)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(6)
        for name in GENERAL_FIELDS:
            form.addRow(tr(f"field.{name}") if name not in ("pinyin", "company") else tr(f"ui.card.{name}"),
                        self.fields[name])
        self.documents_box = QGroupBox(tr("ui.card.section.documents"))
        self.documents = QGridLayout(self.documents_box)
        self.contacts_box = QGroupBox(tr("ui.card.section.contacts"))
        self.contacts = QGridLayout(self.contacts_box)
        self.addresses_box = QGroupBox(tr("ui.card.section.addresses"))
        self.addresses = QGridLayout(self.addresses_box)
        self.reveal_buttons: dict[int, QPushButton] = {}
        self.number_labels: dict[int, QLabel] = {}
        self.clear_numbers: dict[tuple[int, int], str] = {}  # (document id, version) -> number revealed
        self.edit_buttons: dict[tuple[str, int], QToolButton] = {}  # (part, item id) -> its Edit button
        self.editable = session.can(Permission.GUEST_WRITE)
        self.add_buttons: dict[str, QPushButton] = {}
        right = QVBoxLayout()
        right.setSpacing(12)
        for part, box in (("document", self.documents_box), ("contact", self.contacts_box),
                          ("address", self.addresses_box)):
            right.addWidget(box)
            button = QPushButton(tr(f"ui.part.add_{part}"))
            button.clicked.connect(lambda _c=False, p=part: self.add_part(p))
            button.setVisible(self.editable)
            self.add_buttons[part] = button
            right.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(14)
        left = QVBoxLayout()
        left.addWidget(person)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QWidget()
        inner.setLayout(columns)
        columns.setContentsMargins(4, 4, 4, 4)
        self.setWidget(inner)

    def show_card(self, card: GuestCard) -> None:
        self.card = card
        values = {
            "family_name": card.family_name, "given_name": card.given_name, "latin_name": card.latin_name,
            "pinyin": card.pinyin, "gender": code_label("gender", card.gender),
            "birth_date": date_text(card.birth_date), "nationality": card.nationality,
            "language": card.language, "marital_status": code_label("marital_status", card.marital_status),
            "guest_type": code_label("guest_type", card.guest_type), "vip_code": card.vip_code,
            "company": card.company_name, "position": card.position,
        }
        for name, text in values.items():
            self.fields[name].setText(or_dash(text))
        self._show_documents(card)
        self._show_contacts(card)
        self._show_addresses(card)

    def _show_documents(self, card: GuestCard) -> None:
        self.edit_buttons = {key: b for key, b in self.edit_buttons.items() if key[0] != "document"}
        clear_layout(self.documents)
        self.reveal_buttons.clear()
        self.number_labels.clear()
        if not card.documents:
            self.documents.addWidget(QLabel(tr("ui.card.none"), objectName="hint"), 0, 0)
        for row, doc in enumerate(card.documents):
            self.documents.addWidget(QLabel(code_label("id_type", doc.doc_type)), row, 0)
            number = value_label(doc.number)
            number.setStyleSheet("font-family: monospace;")
            self.number_labels[doc.id] = number
            self.documents.addWidget(number, row, 1)
            self.documents.addWidget(QLabel(self._document_extra(doc), objectName="hint"), row, 2)
            if doc.masked and card.can_reveal:
                button = QPushButton(tr("ui.card.reveal"))
                button.setToolTip(tr("ui.card.reveal_tooltip"))
                button.clicked.connect(lambda _c=False, d=doc.id: self.reveal(d))
                self.reveal_buttons[doc.id] = button
                self.documents.addWidget(button, row, 3)
            self._item_buttons(self.documents, row, 4, "document", doc, number)
        self.documents.setColumnStretch(1, 1)

    @staticmethod
    def _document_extra(doc: DocumentInfo) -> str:
        parts = [doc.issuing_country or ""]
        if doc.expiry_date:
            key = "ui.card.expired_on" if doc.expired else "ui.card.expires_on"
            parts.append(tr(key, date=date_text(doc.expiry_date)))
        return " · ".join(p for p in parts if p)

    def _show_contacts(self, card: GuestCard) -> None:
        self.edit_buttons = {key: b for key, b in self.edit_buttons.items() if key[0] != "contact"}
        clear_layout(self.contacts)
        if not card.contacts:
            self.contacts.addWidget(QLabel(tr("ui.card.none"), objectName="hint"), 0, 0)
        for row, contact in enumerate(card.contacts):
            kind = code_label("contact_kind", contact.kind)
            self.contacts.addWidget(QLabel(kind + (f" ({contact.label})" if contact.label else "")), row, 0)
            text = contact.display + ("  ★" if contact.is_primary else "")
            shown = value_label(text)
            self.contacts.addWidget(shown, row, 1)
            self._item_buttons(self.contacts, row, 2, "contact", contact, shown)
        self.contacts.setColumnStretch(1, 1)

    def _show_addresses(self, card: GuestCard) -> None:
        self.edit_buttons = {key: b for key, b in self.edit_buttons.items() if key[0] != "address"}
        clear_layout(self.addresses)
        if not card.addresses:
            self.addresses.addWidget(QLabel(tr("ui.card.none"), objectName="hint"), 0, 0)
        for row, address in enumerate(card.addresses):
            parts = [address.line1, address.line2, address.city, address.region, address.postal_code,
                     address.country]
            text = ", ".join(p for p in parts if p)
            shown = value_label(f"{code_label('address_kind', address.kind)}: {text}")
            self.addresses.addWidget(shown, row, 0)
            self._item_buttons(self.addresses, row, 1, "address", address, shown)
        self.addresses.setColumnStretch(0, 1)

    # --- documents, contacts, addresses ------------------------------------------------
    def _item_buttons(self, grid: QGridLayout, row: int, column: int, part: str, item, shown: QLabel) -> None:
        """Edit (also a double-click on the item) and remove, for roles that change cards."""
        if not self.editable:
            return
        edit = edit_button(lambda: self.edit_part(part, item))
        self.edit_buttons[(part, item.id)] = edit
        edit_on_double_click(shown, lambda: self.edit_part(part, item))
        grid.addWidget(edit, row, column)
        button = QToolButton(text="✕", toolTip=tr("ui.card.remove"), autoRaise=True)
        button.clicked.connect(lambda _c=False: self.remove_part(part, item))
        grid.addWidget(button, row, column + 1)

    def _cards(self):
        return self.session.ctx.services.guest_cards(self.session.actor)

    def add_part(self, part: str) -> None:
        if self.card is None:
            return
        cards, guest_id = self._cards(), self.card.id
        save = {"document": cards.add_document, "contact": cards.add_contact, "address": cards.add_address}[part]
        dialog = GuestPartDialog(self.session, part, lambda draft: save(guest_id, draft), self)
        dialog.exec()
        if dialog.result_value is not None:
            self.card_changed.emit(dialog.result_value)

    def edit_part(self, part: str, item) -> None:
        """The add dialog, pre-filled; the save sends the item's version (a change saved
        elsewhere meanwhile, or its removal, opens the conflict dialog)."""
        if self.card is None:
            return
        cards = self._cards()
        save = {"document": cards.update_document, "contact": cards.update_contact,
                "address": cards.update_address}[part]
        clear = self.clear_numbers.get((item.id, item.version)) if part == "document" else None
        dialog = GuestPartDialog(self.session, part, lambda draft: save(item.id, item.version, draft), self,
                                 item=item, clear_number=clear, kind=card_row_kind(self.session, part, self.card.id))
        dialog.exec()
        if dialog.result_value is not None:
            self.card_changed.emit(dialog.result_value)

    def remove_part(self, part: str, item) -> None:
        if not self.session.ctx.messages.confirm(self, tr(f"ui.part.remove_{part}")):
            return
        if self.card is None:
            return
        remove_row(self.session, card_row_kind(self.session, part, self.card.id), item, self.card_changed.emit, self)

    # --- reveal -------------------------------------------------------------------------
    def reveal(self, document_id: int) -> None:
        """Ask the service for the clear number (it checks the permission and audits it)."""
        cards = self.session.ctx.services.guest_cards(self.session.actor)
        self.session.ctx.runner.run(lambda: cards.reveal_document(document_id),
                                    on_success=lambda number: self._revealed(document_id, number), parent=self)

    def _revealed(self, document_id: int, number: str) -> None:
        doc = next((d for d in self.card.documents if d.id == document_id), None) if self.card else None
        if doc is not None:
            self.clear_numbers[(doc.id, doc.version)] = number  # an edit of it starts from the clear number
        label = self.number_labels.get(document_id)
        if label is not None:
            label.setText(number)
        button = self.reveal_buttons.pop(document_id, None)
        if button is not None:
            button.setEnabled(False)
            button.setText(tr("ui.card.revealed"))
        self.revealed.emit(document_id, number)
