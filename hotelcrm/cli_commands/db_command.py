"""``hotelcrm db upgrade | db check``: migrate the schema; check integrity, version and drift."""

from __future__ import annotations

from hotelcrm.i18n import tr

from .cli_context import plain

ORDER = 10


def register(commands, common) -> None:
    db = commands.add_parser("db", parents=[common], help=tr("cli.db.help"), description=tr("cli.db.help"))
    actions = db.add_subparsers(dest="db_action", title=tr("cli.commands_title"), metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", parents=[common], help=tr("cli.db.upgrade.help"),
                                 description=tr("cli.db.upgrade.help"))
    upgrade.set_defaults(run=run_upgrade)
    check = actions.add_parser("check", parents=[common], help=tr("cli.db.check.help"),
                               description=tr("cli.db.check.help"))
    check.set_defaults(run=run_check)


def run_upgrade(ctx) -> int:
    from hotelcrm.services import maintenance_service

    config = ctx.config()
    with ctx.database() as db:
        result = maintenance_service.upgrade(db, config)
    lines = []
    if result.from_revision == result.to_revision:
        lines.append(tr("cli.db.upgrade.current", backend=result.backend, to_revision=result.to_revision))
    else:
        lines.append(tr("cli.db.upgrade.done", backend=result.backend, to_revision=result.to_revision,
                        from_revision=result.from_revision or tr("cli.db.revision_none")))
    if result.backup is not None:
        lines.append(tr("cli.db.upgrade.backup", path=result.backup))
    ctx.emit(plain(result), *lines)
    return 0


def run_check(ctx) -> int:
    from hotelcrm.services import maintenance_service

    with ctx.database() as db:
        report = maintenance_service.check(db)
    lines = []
    if report.ok:
        lines.append(tr("cli.db.check.ok", backend=report.backend, head=report.head))
    else:
        lines.append(tr("cli.db.check.failed", backend=report.backend))
        if report.integrity != "ok":
            lines.append(tr("cli.db.check.integrity_failed", detail=report.integrity))
        if report.revision != report.head:
            lines.append(tr("cli.db.check.behind", revision=report.revision or tr("cli.db.revision_none"),
                            head=report.head))
        lines += [tr("cli.db.check.drift", detail=item) for item in report.drift]
    ctx.emit(plain(report), *lines)  # the report's own "ok" is the JSON document's
    return 0 if report.ok else 1
