"""Pick the guest a complaint is about, from the keyboard: type 2+ characters in the guest desk's
search box, Down moves into the hits, Enter picks (Enter in the box picks the first hit). A
complaint may also stay without a guest and be linked later."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.search_query import MIN_QUERY
from hotelcrm.i18n import tr

from .guest_search_box import GuestSearchBox
from .ui_context import UserSession

HIT_LIMIT = 8


class _HitList(QListWidget):
    picked = Signal(int)  # row

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.picked.emit(self.currentRow())
            return
        super().keyPressEvent(event)


class ComplaintGuestPicker(QWidget):
    """``guest_id`` is the picked guest (None: none). ``picked`` carries the ``GuestHit``."""

    picked = Signal(object)
    done = Signal()  # Enter with nothing typed, or a guest picked: the form moves on

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guest_id: int | None = None
        self.hits: list = []
        self._pick_first = False
        self.box = GuestSearchBox()
        self.box.setPlaceholderText(tr("ui.complaint.guest_placeholder"))
        self.box.setToolTip(tr("ui.complaint.guest_tooltip"))
        self.box.search_requested.connect(self._search)
        self.box.activated.connect(self._enter)
        self.box.move_down.connect(self._focus_hits)
        self.list = _HitList()
        self.list.setMaximumHeight(120)
        self.list.hide()
        self.list.picked.connect(self._pick_row)
        self.list.itemDoubleClicked.connect(lambda item: self._pick_row(self.list.row(item)))
        self.chosen = QLabel(objectName="hint")
        self.clear_button = QPushButton(tr("ui.complaint.guest_clear"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.chosen, 1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.box)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.setFocusProxy(self.box)
        self._show_choice(None)

    def _search(self, query: str) -> None:
        if len(query) < MIN_QUERY:
            self._set_hits([])
            return
        service = self.session.ctx.services.guest_search(self.session.actor)
        self.session.ctx.runner.run(lambda: service.search(query, HIT_LIMIT),
                                    on_success=lambda hits: self._found(query, hits),
                                    on_failure=lambda text, _e: self.chosen.setText(text), parent=self, quiet=True)

    def _found(self, query: str, hits: list) -> None:
        if query != self.box.text().strip():
            return  # the user typed on; a newer search follows
        self._set_hits(hits)
        if self._pick_first and hits:
            self._pick_first = False
            self._pick_row(0)

    def _set_hits(self, hits: list) -> None:
        self.hits = list(hits)
        self.list.clear()
        for hit in self.hits:
            parts = [hit.display_name, hit.latin_name or hit.pinyin or "",
                     tr("ui.complaint.guest_in_room", room=hit.in_house_room) if hit.in_house_room else "",
                     hit.phone_masked or ""]
            self.list.addItem(QListWidgetItem("   ".join(p for p in parts if p)))
        self.list.setVisible(bool(self.hits))
        if self.hits:
            self.list.setCurrentRow(0)

    def _enter(self) -> None:
        if self.hits and self.box.text().strip():
            self._pick_row(self.list.currentRow() if self.list.currentRow() >= 0 else 0)
        elif self.box.text().strip():
            self._pick_first = True  # the search has not answered yet
        else:
            self.done.emit()

    def _focus_hits(self) -> None:
        if self.hits:
            self.list.setFocus()

    def _pick_row(self, row: int) -> None:
        if not 0 <= row < len(self.hits):
            return
        hit = self.hits[row]
        self.guest_id = hit.id
        self.box.setText(hit.display_name)  # setText: no new search (only typing searches)
        self._show_choice(hit)
        self.list.hide()
        self.picked.emit(hit)
        self.done.emit()

    def _show_choice(self, hit) -> None:
        if hit is None:
            self.chosen.setText(tr("ui.complaint.guest_none"))
            self.clear_button.hide()
            return
        room = tr("ui.complaint.guest_in_room", room=hit.in_house_room) if hit.in_house_room else ""
        self.chosen.setText(tr("ui.complaint.guest_picked", name=hit.display_name, room=room).strip())
        self.clear_button.show()

    def preset(self, guest_id: int, name: str) -> None:
        """A guest already chosen elsewhere (the log entry being written)."""
        self.guest_id = guest_id
        self.box.setText(name)
        self.chosen.setText(tr("ui.complaint.guest_picked", name=name, room="").strip())
        self.clear_button.show()

    def clear(self) -> None:
        self.guest_id = None
        self.box.clear()
        self._set_hits([])
        self._show_choice(None)

    def choose(self, query: str) -> None:
        """Search for ``query`` and pick the first hit (tests; a name typed elsewhere)."""
        self._pick_first = True
        self.box.set_query(query)
