"""The conflict round trip (``conflict_dialog.resolve_conflict``) for editors that type a draft:
a whole record (a company, a card's notes) or one row of a record (a card's document, contact,
address, preference or special date; a company's special date).

Both versions are compared draft field by draft field: theirs is the current row turned into the
draft that keeps it, yours is the draft as typed; a field counts as changed here when it differs
from the draft the form started with. "Apply" saves the typed draft with every field not changed
here taken from the current version. A row removed by the other desk meanwhile is offered back
(apply adds it again with the typed values); a removal of a row the other desk changed shows what
it holds now (apply removes it anyway); a removal of a row already gone just says so."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from functools import partial
from typing import Any

from hotelcrm.domain.errors import Conflict, NotFound
from hotelcrm.i18n import tr

from .conflict_dialog import ConflictRoundTrip, FieldVersions, resolve_conflict, shown
from .ui_context import UserSession

Text = Callable[[str, Any, Any], str]  # (field, value, the draft it belongs to) -> shown


def plain_text(_field: str, value: Any, _draft: Any) -> str:
    return shown(value)


def on_top(theirs: Any, typed: Any, initial: Any) -> Any:
    """``typed`` with every field this desk left as it started taken from ``theirs``."""
    kept = {f.name: getattr(theirs, f.name) for f in fields(typed)
            if getattr(typed, f.name) == getattr(initial, f.name)}
    return replace(typed, **kept)


def draft_rows(labels: Mapping[str, str], text: Text, theirs: Mapping[str, str] | None,
               started: Mapping[str, str], typed: Any, initial: Any) -> list[FieldVersions]:
    """One comparison row per labelled field. ``theirs`` and ``started`` are the shown texts of
    the current and of the original version (``theirs`` None: the row was removed meanwhile); a
    field typed as it started shows its original text, a changed one the typed value."""
    gone = tr("ui.conflict.row.removed")
    rows = []
    for name, label in labels.items():
        changed = getattr(typed, name) != getattr(initial, name)
        yours = text(name, getattr(typed, name), typed) if changed else started[name]
        rows.append(FieldVersions(label, gone if theirs is None else theirs[name], yours, changed or theirs is None))
    return rows


@dataclass(frozen=True)
class RowKind:
    """One kind of row inside a record (or a whole record). ``load`` reads the record now (on the
    task runner), ``rows`` lists its rows of this kind, ``draft_of`` turns a row into the draft
    that keeps it; ``update(row, draft)``, ``add(draft)`` and ``remove(row)`` save and return the
    record."""

    entity: str  # the service's entity name in ``NotFound`` (e.g. "guest_contact")
    what: str  # translated, for the dialog's heading ("contact")
    labels: Mapping[str, str]  # draft field -> translated label, in the order shown
    load: Callable[[], Any]
    draft_of: Callable[[Any], Any]
    update: Callable[[Any, Any], Any]
    rows: Callable[[Any], tuple] = lambda _record: ()  # a whole record (``resolve_record_edit``) has none
    add: Callable[[Any], Any] | None = None
    remove: Callable[[Any], Any] | None = None
    text: Text = plain_text
    texts: Callable[[Any], Mapping[str, str]] | None = None  # a row as shown (e.g. a masked number)

    def shown_row(self, row: Any) -> Mapping[str, str]:
        if self.texts is not None:
            return self.texts(row)
        draft = self.draft_of(row)
        return {name: self.text(name, getattr(draft, name), draft) for name in self.labels}

    def find(self, record: Any, row_id: int) -> Any | None:
        return next((r for r in self.rows(record) if r.id == row_id), None)

    def conflicting(self, row_id: int) -> Callable[[BaseException], bool]:
        """A save refused because the row changed (``Conflict``) or is gone (``NotFound`` of it)."""
        def test(error: BaseException) -> bool:
            return isinstance(error, Conflict) or (
                isinstance(error, NotFound) and error.params.get("entity") == self.entity
                and error.params.get("key") == row_id)
        return test


@dataclass
class Outcome:
    """What the editor does with the result: the record saved, the record as the other desk left
    it (discarded), or a failure text."""

    saved: Callable[[Any], None]
    discarded: Callable[[Any], None]
    failed: Callable[[str, BaseException], None]


def resolve_row_edit(session: UserSession, kind: RowKind, row: Any, initial: Any, typed: Any,
                     outcome: Outcome, parent) -> None:
    """The typed change of ``row`` was refused: compare, then save on the current row (or add it
    again when it was removed meanwhile) or discard."""

    def current(record: Any) -> Any | None:
        return kind.find(record, row.id)

    def rows(record: Any) -> list[FieldVersions]:
        now = current(record)
        return draft_rows(kind.labels, kind.text, None if now is None else kind.shown_row(now),
                          kind.shown_row(row), typed, initial)

    def reapply(record: Any) -> Callable[[], Any]:
        now = current(record)
        if now is None:
            return partial(kind.add, typed)
        return partial(kind.update, now, on_top(kind.draft_of(now), typed, initial))

    def note(record: Any) -> str:
        return tr("ui.conflict.row.edit_removed", what=kind.what) if current(record) is None else ""

    resolve_conflict(ConflictRoundTrip(
        what=kind.what, load_current=kind.load, rows_for=rows, reapply=reapply, on_saved=outcome.saved,
        on_discarded=outcome.discarded, on_failure=outcome.failed, note_for=note,
        conflicting=kind.conflicting(row.id)), session.ctx.runner, parent)


def resolve_row_removal(session: UserSession, kind: RowKind, row: Any, outcome: Outcome, parent) -> None:
    """The removal of ``row`` was refused: the other desk changed it (compare what is there now
    with what was removed here; apply removes it anyway) or already removed it (say so)."""
    removed_here = kind.shown_row(row)

    def rows(record: Any) -> list[FieldVersions]:
        now = kind.shown_row(kind.find(record, row.id))
        # yours: the row as this desk removed it, so the highlight shows what the other desk changed
        return [FieldVersions(label, now[name], removed_here[name], True) for name, label in kind.labels.items()]

    def gone(record: Any) -> str | None:
        return tr("ui.conflict.row.already_removed", what=kind.what) if kind.find(record, row.id) is None else None

    resolve_conflict(ConflictRoundTrip(
        what=kind.what, load_current=kind.load, rows_for=rows,
        reapply=lambda record: partial(kind.remove, kind.find(record, row.id)),
        on_saved=outcome.saved, on_discarded=outcome.discarded, on_failure=outcome.failed,
        note_for=lambda _record: tr("ui.conflict.row.remove_changed", what=kind.what), settled=gone,
        conflicting=kind.conflicting(row.id), tell=lambda text: session.ctx.messages.info(parent, text)),
        session.ctx.runner, parent)


def remove_row(session: UserSession, kind: RowKind, row: Any, on_done: Callable[[Any], None], parent) -> None:
    """Removes ``row`` with its version; a refusal because another desk changed or removed it
    meanwhile goes through ``resolve_row_removal``. ``on_done`` gets the record either way."""

    def failed(text: str, error: BaseException) -> None:
        if kind.conflicting(row.id)(error):
            resolve_row_removal(session, kind, row, Outcome(on_done, on_done, shown_error), parent)
        else:
            shown_error(text, error)

    def shown_error(text: str, _error: BaseException) -> None:
        session.ctx.messages.error(parent, text)

    session.ctx.runner.run(lambda: kind.remove(row), on_success=on_done, on_failure=failed, parent=parent)


def resolve_record_edit(session: UserSession, kind: RowKind, record: Any, initial: Any, typed: Any,
                        outcome: Outcome, parent) -> None:
    """A whole record typed as a draft (a company, a card's notes; ``kind.rows`` unused): compare
    with the record now, then ``kind.update(record_now, draft_on_top)`` or discard."""
    draft_of, save = kind.draft_of, kind.update
    resolve_conflict(ConflictRoundTrip(
        what=kind.what, load_current=kind.load,
        rows_for=lambda now: draft_rows(kind.labels, kind.text, kind.shown_row(now), kind.shown_row(record),
                                        typed, initial),
        reapply=lambda now: partial(save, now, on_top(draft_of(now), typed, initial)),
        on_saved=outcome.saved, on_discarded=outcome.discarded, on_failure=outcome.failed),
        session.ctx.runner, parent)


class ShowsRefusal:
    """A form dialog with ``buttons`` and ``errors``: a refused save says why, and the form stays
    open with what was typed, to be corrected and saved again."""

    def _refused(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)


class RowEditing(ShowsRefusal):
    """For a dialog that edits one row through a ``RowKind`` (it has ``session``, ``buttons``,
    ``errors``, ``draft()`` and ``_saved``): a refused save because the row changed or went away
    meanwhile opens the round trip; "discard" closes the dialog with the record as it is now."""

    row_kind: RowKind | None = None
    row: Any = None
    initial_draft: Any = None
    typed_draft: Any = None
    conflict_hook: Callable[[str, BaseException], bool] | None = None  # True: the caller handled it

    def track_row(self, kind: RowKind | None, row: Any) -> None:
        """Call after the form is filled from ``row``: what it shows now is the starting draft."""
        self.row_kind, self.row = kind, row
        if kind is not None and row is not None:
            self.initial_draft = self.draft()

    def _failed(self, text: str, error: BaseException) -> None:
        if self.conflict_hook is not None and self.conflict_hook(text, error):
            return
        kind = self.row_kind
        if kind is not None and self.row is not None and kind.conflicting(self.row.id)(error):
            resolve_row_edit(self.session, kind, self.row, self.initial_draft, self.typed_draft,
                             Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)


def resolve_action(session: UserSession, kind: RowKind, record: Any, action: str, outcome: Outcome,
                   parent) -> None:
    """An action without typed fields (approve, mark done, deactivate …) refused because the
    record changed meanwhile: the record now beside the record as this desk saw it (nothing of it
    is this desk's change: theirs stays), then ``kind.update(record_now, None)`` does the action
    on the current version, or discard."""

    def rows(now: Any) -> list[FieldVersions]:
        theirs, seen = kind.shown_row(now), kind.shown_row(record)
        return [FieldVersions(label, theirs[name], seen[name], False) for name, label in kind.labels.items()]

    resolve_conflict(ConflictRoundTrip(
        what=kind.what, load_current=kind.load, rows_for=rows, reapply=lambda now: partial(kind.update, now, None),
        on_saved=outcome.saved, on_discarded=outcome.discarded, on_failure=outcome.failed,
        note_for=lambda _now: tr("ui.conflict.row.action", action=action)), session.ctx.runner, parent)
