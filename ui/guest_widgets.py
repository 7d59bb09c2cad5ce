"""Small helpers the card's tabs share: selectable value labels, emptying a layout, and the
Edit button / double-click that open an item's dialog pre-filled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from hotelcrm.i18n import tr


def value_label(text: str = "") -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            # Off the screen now (deleteLater alone would leave the old card's rows drawn under
            # the new ones until the event loop runs). Not unparented: setParent(None) made each
            # label a window of its own first, a third of the time to show a card's complaints.
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def edit_button(on_click: Callable[[], None]) -> QToolButton:
    """The small "Edit…" button beside an item of the card (next to its remove button)."""
    button = QToolButton(text="✎", toolTip=tr("ui.edit.button"), autoRaise=True)
    button.clicked.connect(lambda _c=False: on_click())
    return button


class _DoubleClick(QObject):
    def __init__(self, widget: QWidget, on_double_click: Callable[[], None]) -> None:
        super().__init__(widget)
        self.on_double_click = on_double_click
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self.on_double_click()
            return True
        return False


def edit_on_double_click(widget: QWidget, on_double_click: Callable[[], None]) -> None:
    """A double-click on the item's text opens the same dialog as its Edit button."""
    _DoubleClick(widget, on_double_click)
    if not widget.toolTip():
        widget.setToolTip(tr("ui.edit.double_click"))
