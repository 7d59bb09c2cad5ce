"""``hotelcrm backup [--out FILE]`` and ``hotelcrm restore FILE``: SQLite's online backup, and a
restore that checks the file (integrity, schema revision) before it replaces anything. For
PostgreSQL both say to use pg_dump / pg_restore (exit 1)."""

from __future__ import annotations

from hotelcrm.i18n import tr

ORDER = 58


def register(commands, common) -> None:
    backup = commands.add_parser("backup", parents=[common], help=tr("backup.cli.help"),
                                 description=tr("backup.cli.description"))
    backup.add_argument("--out", metavar="FILE", default=None, help=tr("backup.cli.out"))
    backup.set_defaults(run=run_backup)
    restore = commands.add_parser("restore", parents=[common], help=tr("backup.cli.restore.help"),
                                  description=tr("backup.cli.restore.description"))
    restore.add_argument("file", metavar="FILE", help=tr("backup.cli.file"))
    restore.set_defaults(run=run_restore)


def run_backup(ctx) -> int:
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.backup_service import BackupService

    with ctx.services() as app:
        info = BackupService(app.db, Actor.system(), app.config).backup(ctx.args.out)
    ctx.emit({"out": str(info.path), "bytes": info.size_bytes, "revision": info.revision,
              "seconds": round(info.seconds, 3)},
             tr("backup.cli.done", path=info.path, size=f"{info.size_bytes / 1_048_576:.1f}"))
    return 0


def run_restore(ctx) -> int:
    """The database is opened without migrating: a restore must work on a database that a
    newer backup cannot be put into, and it replaces whatever schema is there."""
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.backup_service import BackupService

    with ctx.database() as db:
        info = BackupService(db, Actor.system(), ctx.config()).restore(ctx.args.file)
    lines = [tr("backup.cli.restored", path=info.path, revision=info.revision, previous=info.previous)]
    if info.upgrade_needed:
        lines.append(tr("backup.cli.restored_older"))
    ctx.emit({"restored": str(info.path), "revision": info.revision, "upgrade_needed": info.upgrade_needed,
              "previous": str(info.previous)}, *lines)
    return 0
