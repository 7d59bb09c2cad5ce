"""``hotelcrm privacy export GUEST --out FILE.json|FILE.pdf``, ``privacy anonymize GUEST``,
``privacy retention [--dry-run]``: privacy requests from the command line (audited under the
operating-system user)."""

from __future__ import annotations

from hotelcrm.i18n import tr

from .arg_types import int_arg

ORDER = 57
MAX_ID = 2**31 - 1


def register(commands, common) -> None:
    parser = commands.add_parser("privacy", parents=[common], help=tr("privacy.cli.help"),
                                 description=tr("privacy.cli.description"))
    actions = parser.add_subparsers(dest="privacy_action", title=tr("cli.commands_title"), metavar="ACTION",
                                    required=True)
    export = actions.add_parser("export", parents=[common], help=tr("privacy.cli.export.help"),
                                description=tr("privacy.cli.export.description"))
    export.add_argument("guest", type=int_arg("guest", 1, MAX_ID), metavar="GUEST", help=tr("privacy.cli.guest"))
    export.add_argument("--out", metavar="FILE.json|FILE.pdf", required=True, help=tr("privacy.cli.out"))
    export.set_defaults(run=run_export)
    anonymize = actions.add_parser("anonymize", parents=[common], help=tr("privacy.cli.anonymize.help"),
                                   description=tr("privacy.cli.anonymize.description"))
    anonymize.add_argument("guest", type=int_arg("guest", 1, MAX_ID), metavar="GUEST", help=tr("privacy.cli.guest"))
    anonymize.set_defaults(run=run_anonymize)
    retention = actions.add_parser("retention", parents=[common], help=tr("privacy.cli.retention.help"),
                                   description=tr("privacy.cli.retention.description"))
    retention.add_argument("--dry-run", action="store_true", help=tr("privacy.cli.dry_run"))
    retention.add_argument("--years", type=int_arg("retention_years", 0, 50), metavar="N", default=None,
                           help=tr("privacy.cli.years"))
    retention.set_defaults(run=run_retention)


def _service(app):
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.privacy_service import PrivacyService

    return PrivacyService(app.db, Actor.system())


def run_export(ctx) -> int:
    from hotelcrm.i18n import current_language
    from hotelcrm.services.privacy_service import export_format

    export_format(ctx.args.out)
    with ctx.services() as app:
        data = _service(app).export_to(ctx.args.guest, ctx.args.out, current_language())
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    ctx.emit({"guest": ctx.args.guest, "out": ctx.args.out, "counts": counts},
             tr("privacy.cli.exported", guest=ctx.args.guest, path=ctx.args.out))
    return 0


def run_anonymize(ctx) -> int:
    with ctx.services() as app:
        r = _service(app).anonymize(ctx.args.guest)
    ctx.emit({"guest": r.guest_id, "cards": r.cards, "rows_deleted": r.rows_deleted,
              "texts_redacted": r.texts_redacted, "audit_redacted": r.audit_redacted,
              "checkpointed": r.checkpointed},
             tr("privacy.cli.anonymized", guest=r.guest_id, cards=r.cards, rows=r.rows_deleted,
                texts=r.texts_redacted, audit=r.audit_redacted))
    return 0


def run_retention(ctx) -> int:
    from hotelcrm.domain.privacy_rules import RETENTION_SETTING
    from hotelcrm.services.actor import Actor

    with ctx.services() as app:
        if ctx.args.years is not None:  # saved first (audited), then applied
            app.settings(Actor.system()).set(RETENTION_SETTING, ctx.args.years)
        r = _service(app).run_retention(dry_run=ctx.args.dry_run)
    payload = {"years": r.years, "cutoff": r.cutoff.isoformat() if r.cutoff else None, "dry_run": r.dry_run,
               "guests": len(r.guest_ids), "guest_ids": list(r.guest_ids)}
    if r.years <= 0:
        line = tr("privacy.cli.retention_off")
    elif r.dry_run:
        line = tr("privacy.cli.retention_due", count=len(r.guest_ids), years=r.years, cutoff=r.cutoff)
    else:
        line = tr("privacy.cli.retention_done", count=len(r.guest_ids), years=r.years, cutoff=r.cutoff)
    ctx.emit(payload, line)
    return 0
