"""``hotelcrm import guests FILE.csv [--errors OUT.csv] [--json]``.

Exit 0 when the file was processed (rejected rows included: they are listed, with --errors in
a file); 2 when the file cannot be used (missing, not UTF-8, unknown columns: nothing imported);
1 otherwise, e.g. cancelled with Ctrl+C (the rows done so far stay, whole). ``import stays``,
column mappings, GBK and XLSX come with the import issue: each is a new subparser or option
here and a new source in the service.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from hotelcrm.i18n import tr

ORDER = 50
SHOWN_ERRORS = 10


def register(commands, common) -> None:
    parser = commands.add_parser("import", parents=[common], help=tr("cli.import.help"),
                                 description=tr("cli.import.description"))
    kinds = parser.add_subparsers(dest="import_kind", title=tr("cli.commands_title"), metavar="ACTION",
                                  required=True)
    guests = kinds.add_parser("guests", parents=[common], help=tr("cli.import.guests.help"),
                              description=tr("cli.import.guests.description"))
    guests.add_argument("file", metavar="FILE.csv", help=tr("cli.import.file"))
    guests.add_argument("--errors", metavar="OUT.csv", default=None, help=tr("cli.import.errors_out"))
    guests.set_defaults(run=run_guests)


@contextmanager
def _ctrl_c_cancels() -> Iterator[list[bool]]:
    """The first Ctrl+C asks the import to stop after the current batch (whole rows only)."""
    flag = [False]

    def handler(_signum, _frame) -> None:
        flag[0] = True

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: no handler, no cancel
        yield flag
        return
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


def run_guests(ctx) -> int:
    from hotelcrm.i18n import error_text
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.guest_import_service import GuestImportService

    def progress(done: int, total: int) -> None:
        ctx.progress(tr("cli.import.progress", done=done, total=total), done=done == total)

    with ctx.services() as app, _ctrl_c_cancels() as cancelled:
        result = GuestImportService(app.db, Actor.system()).import_guests(
            ctx.args.file, errors_out=ctx.args.errors, progress=progress, cancel=lambda: cancelled[0])
    payload = {"rows": result.rows, "imported": result.imported, "matched": result.matched,
               "rejected": result.rejected, "warnings": len(result.warnings), "cancelled": result.cancelled,
               "seconds": round(result.seconds, 3), "errors_file": ctx.args.errors}
    lines = [tr("cli.import.done", rows=result.rows, seconds=f"{result.seconds:.1f}", imported=result.imported,
                matched=result.matched, rejected=result.rejected)]
    if result.cancelled:
        lines.append(tr("cli.import.cancelled", rows=result.rows))
    if result.warnings:
        lines.append(tr("cli.import.warnings", count=len(result.warnings)))
    if result.errors:
        shown = result.errors[:SHOWN_ERRORS]
        lines.append(tr("cli.import.first_errors", count=len(shown)))
        lines += [tr("cli.import.error_line", row=p.row, column=p.column or "-", reason=error_text(p.as_error()))
                  for p in shown]
    if ctx.args.errors:
        lines.append(tr("cli.import.errors_written", path=ctx.args.errors))
    elif result.errors:
        lines.append(tr("cli.import.see_errors"))
    ctx.emit(payload, *lines)
    return 1 if result.cancelled else 0
