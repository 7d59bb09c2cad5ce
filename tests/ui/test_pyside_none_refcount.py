"""PySide6 6.12.0 lowered ``None``'s reference count by one on every call of a void method; on
Python 3.11 (where ``None`` is not immortal) a long session then aborted with "none_dealloc".
pyproject.toml keeps PySide6 below 6.12; this test fails on a build with that bug."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        label.resize(10, 10)
    # other threads may take or drop a few references meanwhile; the bug lost 2,000 here
    assert sys.getrefcount(None) - before > -50
