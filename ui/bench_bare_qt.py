"""The baseline of ``hotelcrm bench startup``: a bare QApplication + QMainWindow, run as a child
process (``python -m ui.bench_bare_qt OUT.json``) that writes when its window was first painted and
when the event loop went idle, then quits."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstPaint(QObject):
    def __init__(self, app: QApplication, out: str) -> None:
        super().__init__()
        self.app = app
        self.out = out
        self.painted_at: float | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.time()
            QTimer.singleShot(0, self._idle)
        return False

    def _idle(self) -> None:
        with open(self.out, "w", encoding="utf-8") as f:
            json.dump({"painted_at": self.painted_at, "idle_at": time.time()}, f)
        self.app.exit(0)


def main(out: str) -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    watch = _FirstPaint(app, out)
    window.installEventFilter(watch)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
