"""The conflict dialog answered in tests: what it showed (field → (theirs, yours), and its note)
is recorded, then the chosen button is clicked."""

from __future__ import annotations

import pytest

from ui.conflict_dialog import ConflictDialog


class Answers:
    def __init__(self) -> None:
        self.seen: list[dict[str, tuple[str, str]]] = []
        self.notes: list[str] = []
        self.button = "reapply"


@pytest.fixture
def answer(monkeypatch) -> Answers:
    answers = Answers()

    def exec_(dialog: ConflictDialog) -> int:
        answers.seen.append({dialog.text_at(r, 0): (dialog.text_at(r, 1), dialog.text_at(r, 2))
                             for r in range(dialog.table.rowCount())})
        answers.notes.append(dialog.note.text() if dialog.note.isVisibleTo(dialog) else "")
        (dialog.reapply_button if answers.button == "reapply" else dialog.discard_button).click()
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return answers
