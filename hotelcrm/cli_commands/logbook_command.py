"""``hotelcrm logbook list|status``: the lobby manager's log from the command line (DESIGN.md §2.4).

- ``list [--date D | --from D --to D] [--shift KIND] [--type TYPE] [--open] [--search TEXT]
  [--limit N]``: entries, newest first. JSON: ``{"ok", "rows": [...]}``.
- ``status``: the open shift, handovers awaiting acknowledgement, open and overdue follow-ups.
  JSON: ``{"ok", "shift", "awaiting", "open_followups", "overdue"}``.

Shifts are opened, closed and acknowledged in the GUI only: the handover carries the names of
the two lobby managers, and the command line acts as the operating-system user. The daily log
prints with ``hotelcrm report logbook-daily --date D``.
"""

from __future__ import annotations

from hotelcrm.domain import codes
from hotelcrm.domain.errors import ValidationError
from hotelcrm.i18n import tr

from .arg_types import choice_arg, int_arg
from .cli_context import plain
from .report_command import date_arg

ORDER = 53
MAX_LIMIT = 2000


def register(commands, common) -> None:
    logbook = commands.add_parser("logbook", parents=[common], help=tr("cli.logbook.help"),
                                  description=tr("cli.logbook.help"))
    tasks = logbook.add_subparsers(dest="logbook_task", metavar="list|status", required=True)
    listing = tasks.add_parser("list", parents=[common], help=tr("cli.logbook.list.help"),
                               description=tr("cli.logbook.list.help"))
    listing.add_argument("--date", type=date_arg("logbook_date"), metavar="YYYY-MM-DD", help=tr("cli.logbook.date"))
    listing.add_argument("--from", dest="period_from", type=date_arg("logbook_date"), metavar="YYYY-MM-DD",
                         help=tr("cli.logbook.from"))
    listing.add_argument("--to", dest="period_to", type=date_arg("logbook_date"), metavar="YYYY-MM-DD",
                         help=tr("cli.logbook.to"))
    listing.add_argument("--shift", type=choice_arg("logbook_shift_kind", codes.SHIFT_KIND), metavar="KIND",
                         help=tr("cli.logbook.shift"))
    listing.add_argument("--type", dest="entry_type", type=choice_arg("logbook_entry_type", codes.LOG_ENTRY_TYPE),
                         metavar="TYPE", help=tr("cli.logbook.type"))
    listing.add_argument("--open", action="store_true", help=tr("cli.logbook.open"))
    listing.add_argument("--search", metavar="TEXT", help=tr("cli.logbook.search"))
    listing.add_argument("--limit", type=int_arg("limit", 1, MAX_LIMIT), default=200, metavar="N",
                         help=tr("cli.logbook.limit"))
    listing.set_defaults(run=run_list)
    status = tasks.add_parser("status", parents=[common], help=tr("cli.logbook.status.help"),
                              description=tr("cli.logbook.status.help"))
    status.set_defaults(run=run_status)


def _when(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "-"


def _shift(day, kind) -> str:
    return f"{day.isoformat()} {tr(f'code.shift_kind.{kind}')}"


def run_list(ctx) -> int:
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.logbook_dto import EntryFilter

    a = ctx.args
    first, last = (a.date, a.date) if a.date else (a.period_from, a.period_to)
    if first and last and first > last:
        raise ValidationError("logbook_date", "period_reversed")
    filt = EntryFilter(date_from=first, date_to=last, shift_kind=a.shift, entry_type=a.entry_type,
                       open_only=a.open, text=a.search, limit=a.limit)
    with ctx.services() as app:
        rows = app.logbook_entries(Actor.system()).find(filt)
    lines = [tr("cli.logbook.line", at=_when(e.occurred_at), shift=_shift(e.shift_date, e.shift_kind),
                type=tr(f"code.log_entry_type.{e.entry_type}"), room=e.room_no or "-", author=e.author or "-",
                text=" ".join(e.text.split()),
                followup=tr("cli.logbook.followup_open") if e.followup_open else "") for e in rows]
    ctx.emit({"rows": [plain(e) for e in rows]}, *(lines or [tr("cli.logbook.none")]))
    return 0


def run_status(ctx) -> int:
    from hotelcrm.services.actor import Actor

    with ctx.services() as app:
        glance = app.logbook_glance(Actor.system()).glance()
    lines = [tr("cli.logbook.status_shift", shift=_shift(glance.shift.shift_date, glance.shift.kind),
                who=glance.shift.opened_by or "-", at=_when(glance.shift.opened_at))
             if glance.shift else tr("cli.logbook.status_no_shift",
                                     shift=_shift(glance.expected_date, glance.expected_kind))]
    lines += [tr("cli.logbook.status_awaiting", shift=_shift(h.shift.shift_date, h.shift.kind),
                 who=h.shift.closed_by or "-", at=_when(h.shift.closed_at), count=len(h.items))
              for h in glance.awaiting_ack]
    lines.append(tr("cli.logbook.status_followups", count=len(glance.open_followups), overdue=glance.overdue_count))
    ctx.emit({"shift": plain(glance.shift) if glance.shift else None,
              "awaiting": [plain(h) for h in glance.awaiting_ack],
              "open_followups": [plain(e) for e in glance.open_followups], "overdue": glance.overdue_count},
             *lines)
    return 0
