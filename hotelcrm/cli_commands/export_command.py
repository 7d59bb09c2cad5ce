"""``hotelcrm export guests|stays|complaints --out FILE.csv|FILE.xlsx [--json]``: the format comes
from the file name. Guests and stays are written in the columns ``import guests`` / ``import
stays`` read back; complaints list number, state, category, guest and dates. The command line
acts as administrator, so ID numbers are in clear (the export is audited)."""

from __future__ import annotations

from hotelcrm.i18n import tr

ORDER = 55
KINDS = ("guests", "stays", "complaints")


def register(commands, common) -> None:
    parser = commands.add_parser("export", parents=[common], help=tr("export.cli.help"),
                                 description=tr("export.cli.description"))
    kinds = parser.add_subparsers(dest="export_kind", title=tr("cli.commands_title"), metavar="KIND",
                                  required=True)
    for kind in KINDS:
        sub = kinds.add_parser(kind, parents=[common], help=tr(f"export.cli.{kind}.help"),
                               description=tr(f"export.cli.{kind}.help") + " " + tr("export.cli.cells"))
        sub.add_argument("--out", metavar="FILE.csv|FILE.xlsx", required=True, help=tr("export.cli.out"))
        sub.set_defaults(run=run, kind=kind)


def run(ctx) -> int:
    from hotelcrm.domain.export_cells import export_format
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.export_service import ExportService

    export_format(ctx.args.out)  # a wrong suffix is bad input before the database is opened

    def progress(done: int, total: int) -> None:
        ctx.progress(tr("export.cli.progress", done=done, total=total), done=done == total)

    with ctx.services() as app:
        result = ExportService(app.db, Actor.system()).export(ctx.args.kind, ctx.args.out, progress=progress)
    ctx.emit({"kind": result.kind, result.kind: result.rows, "format": result.format, "rows": result.rows,
              "out": str(result.path),
              "ids_masked": result.ids_masked, "seconds": round(result.seconds, 3)},
             tr("export.cli.done", rows=result.rows, kind=tr(f"export.kind.{result.kind}"), path=result.path))
    return 0
