"""``hotelcrm export guests --out FILE.csv [--json]``: the application's own guest CSV, which
``import guests`` reads back. Complaints, stays and XLSX come with later issues (new subparsers
here)."""

from __future__ import annotations

from hotelcrm.i18n import tr

ORDER = 55


def register(commands, common) -> None:
    parser = commands.add_parser("export", parents=[common], help=tr("cli.export.help"),
                                 description=tr("cli.export.description"))
    kinds = parser.add_subparsers(dest="export_kind", title=tr("cli.commands_title"), metavar="ACTION",
                                  required=True)
    guests = kinds.add_parser("guests", parents=[common], help=tr("cli.export.guests.help"),
                              description=tr("cli.export.guests.description"))
    guests.add_argument("--out", metavar="FILE.csv", required=True, help=tr("cli.export.out"))
    guests.set_defaults(run=run_guests)


def run_guests(ctx) -> int:
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.guest_export_service import GuestExportService

    with ctx.services() as app:
        written = GuestExportService(app.db, Actor.system()).export_guests(ctx.args.out)
    ctx.emit({"guests": written, "out": ctx.args.out}, tr("cli.export.done", guests=written, path=ctx.args.out))
    return 0
