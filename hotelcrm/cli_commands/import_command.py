"""``hotelcrm import guests|stays FILE [--mapping NAME|FILE] [--errors OUT.csv] [--json]``.

FILE is a CSV (UTF-8 with or without BOM, GBK/GB18030) or an XLSX workbook. Exit 0 when the
file was processed (rejected rows included: they are listed, with --errors in a file); 2 when
the file cannot be used (missing, unreadable encoding, empty, header only, unknown or duplicate
columns, a mapping that does not fit: nothing imported); 1 otherwise, e.g. cancelled with
Ctrl+C (the rows done so far stay, whole, and the same command resumes after them).
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
    for kind in ("guests", "stays"):
        sub = kinds.add_parser(kind, parents=[common], help=tr(f"cli.import.{kind}.help"),
                               description=tr(f"cli.import.{kind}.description"))
        sub.add_argument("file", metavar="FILE", help=tr("cli.import.file"))
        sub.add_argument("--mapping", metavar="NAME|FILE", default=None, help=tr("cli.import.mapping"))
        sub.add_argument("--errors", metavar="OUT.csv", default=None, help=tr("cli.import.errors_out"))
        sub.set_defaults(run=run_import)


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


def run_import(ctx) -> int:
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.guest_import_service import GuestImportService
    from hotelcrm.services.import_job import problem_text
    from hotelcrm.services.import_mapping_service import ImportMappingService
    from hotelcrm.services.stay_import_service import StayImportService

    def progress(done: int, total: int) -> None:
        ctx.progress(tr("cli.import.progress", done=done, total=total), done=done == total)

    kind = ctx.args.import_kind
    with ctx.services() as app, _ctrl_c_cancels() as cancelled:
        actor = Actor.system()
        mapping = ImportMappingService(app.db, actor).resolve(ctx.args.mapping) if ctx.args.mapping else None
        options = {"errors_out": ctx.args.errors, "progress": progress, "cancel": lambda: cancelled[0],
                   "mapping": mapping}
        if kind == "stays":
            result = StayImportService(app.db, actor).import_stays(ctx.args.file, **options)
        else:
            result = GuestImportService(app.db, actor).import_guests(ctx.args.file, **options)
    payload = {"rows": result.rows, "imported": result.imported, "matched": result.matched,
               "rejected": result.rejected, "warnings": len(result.warnings), "cancelled": result.cancelled,
               "resumed_from": result.resumed_from, **dict(result.details), "kind": kind,
               "mapping": mapping.name if mapping else None, "encoding": result.encoding,
               "seconds": round(result.seconds, 3), "errors_file": ctx.args.errors}
    lines = [tr(f"cli.import.done_{kind}", rows=result.rows, seconds=f"{result.seconds:.1f}",
                imported=result.imported, matched=result.matched, rejected=result.rejected)]
    if result.resumed_from:
        lines.append(tr("cli.import.resumed", rows=result.resumed_from))
    if kind == "stays":
        details = dict(result.details)
        lines.append(tr("cli.import.stay_guests", created=details.get("guests_created", 0),
                        matched=details.get("guests_matched", 0)))
    if result.cancelled:
        lines.append(tr("cli.import.cancelled", rows=result.rows))
    if result.warnings:
        lines.append(tr("cli.import.warnings", count=len(result.warnings)))
    if result.errors:
        shown = result.errors[:SHOWN_ERRORS]
        lines.append(tr("cli.import.first_errors", count=len(shown)))
        lines += [tr("cli.import.error_line", row=p.row, column=p.column or "-", reason=problem_text(p))
                  for p in shown]
    if ctx.args.errors:
        lines.append(tr("cli.import.errors_written", path=ctx.args.errors))
    elif result.errors:
        lines.append(tr("cli.import.see_errors"))
    ctx.emit(payload, *lines)
    return 1 if result.cancelled else 0
