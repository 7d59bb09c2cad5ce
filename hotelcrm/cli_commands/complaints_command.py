"""``hotelcrm complaints list|show|check-overdue``: complaints from the command line (DESIGN.md §2.2).

- ``list [--state S]... [--severity S] [--open] [--overdue] [--search TEXT] [--from D] [--to D]
  [--limit N]``: newest first, overdue ones marked. JSON: ``{"ok", "total", "rows": [...]}``.
- ``show NUMBER``: one complaint with its steps, escalations and what comes next. JSON: the detail.
- ``check-overdue``: escalates every complaint whose time target ran out (what a scheduled task
  runs). JSON: ``{"ok", "escalated", "overdue"}``.
"""

from __future__ import annotations

from hotelcrm.domain import codes
from hotelcrm.i18n import tr

from .arg_types import choice_arg, int_arg
from .cli_context import plain
from .report_command import date_arg

ORDER = 52
MAX_LIMIT = 1000


def register(commands, common) -> None:
    complaints = commands.add_parser("complaints", parents=[common], help=tr("cli.complaints.help"),
                                     description=tr("cli.complaints.help"))
    tasks = complaints.add_subparsers(dest="complaints_task", metavar="list|show|check-overdue", required=True)
    listing = tasks.add_parser("list", parents=[common], help=tr("cli.complaints.list.help"),
                               description=tr("cli.complaints.list.help"))
    listing.add_argument("--state", action="append", default=[], metavar="STATE",
                         type=choice_arg("complaint_state", codes.COMPLAINT_STATE), help=tr("cli.complaints.state"))
    listing.add_argument("--severity", type=choice_arg("complaint_severity", codes.SEVERITY), metavar="SEVERITY",
                         help=tr("cli.complaints.severity"))
    listing.add_argument("--open", action="store_true", help=tr("cli.complaints.open"))
    listing.add_argument("--overdue", action="store_true", help=tr("cli.complaints.overdue"))
    listing.add_argument("--search", metavar="TEXT", help=tr("cli.complaints.search"))
    listing.add_argument("--from", dest="period_from", type=date_arg("complaint_period"), metavar="YYYY-MM-DD",
                         help=tr("cli.complaints.from"))
    listing.add_argument("--to", dest="period_to", type=date_arg("complaint_period"), metavar="YYYY-MM-DD",
                         help=tr("cli.complaints.to"))
    listing.add_argument("--limit", type=int_arg("limit", 1, MAX_LIMIT), default=100, metavar="N",
                         help=tr("cli.complaints.limit"))
    listing.set_defaults(run=run_list)
    show = tasks.add_parser("show", parents=[common], help=tr("cli.complaints.show.help"),
                            description=tr("cli.complaints.show.help"))
    show.add_argument("number", metavar="NUMBER", help=tr("cli.complaints.number"))
    show.set_defaults(run=run_show)
    check = tasks.add_parser("check-overdue", parents=[common], help=tr("cli.complaints.check_overdue.help"),
                             description=tr("cli.complaints.check_overdue.help"))
    check.set_defaults(run=run_check_overdue)


def _label(code_list: str, value: str | None) -> str:
    return tr(f"code.{code_list}.{value}") if value else tr("cli.complaints.none")


def _when(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else tr("cli.complaints.none")


def run_list(ctx) -> int:
    from hotelcrm.i18n import current_language
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.complaint_dto import ComplaintFilter

    a = ctx.args
    filt = ComplaintFilter(states=tuple(a.state), severity=a.severity, open_only=a.open, overdue_only=a.overdue,
                           search=a.search, received_from=a.period_from, received_to=a.period_to)
    with ctx.services() as app:
        page = app.complaints(Actor.system()).list(filt, limit=a.limit)
    lang = current_language()
    lines = []
    for r in page.rows:
        mark = f"  [{tr('cli.complaints.overdue_mark')}]" if r.overdue.any else ""
        lines.append(f"{r.number}  {_when(r.received_at)}  {_label('complaint_state', r.state)}  "
                     f"{_label('severity', r.severity)}  {r.category(lang)}  {r.guest_name or '-'}"
                     f"  {_label('escalation_level', r.escalation_level)}{mark}")
    lines.append(tr("cli.complaints.total", shown=len(page.rows), total=page.total))
    rows = [{"number": r.number, "received_at": r.received_at.isoformat(), "state": r.state,
             "severity": r.severity, "channel": r.channel, "category": r.category_en, "category_zh": r.category_zh,
             "department": r.department_en, "guest_id": r.guest_id, "guest": r.guest_name, "room": r.room_no,
             "escalation_level": r.escalation_level, "overdue": r.overdue.any,
             "next_due_at": r.next_due_at.isoformat() if r.next_due_at else None} for r in page.rows]
    ctx.emit({"total": page.total, "rows": rows}, *lines)
    return 0


def run_show(ctx) -> int:
    from hotelcrm.i18n import current_language
    from hotelcrm.services.actor import Actor

    with ctx.services() as app:
        d = app.complaints(Actor.system()).find(ctx.args.number)
    lang = current_language()
    lines = [tr("cli.complaints.detail.head", number=d.number, state=_label("complaint_state", d.state),
                severity=_label("severity", d.severity), category=d.category.name(lang)),
             tr("cli.complaints.detail.received", at=_when(d.received_at), channel=_label("complaint_channel", d.channel),
                guest=d.guest_name or "-", room=d.room_no or "-"),
             tr("cli.complaints.detail.level", level=_label("escalation_level", d.escalation_level)),
             tr("cli.complaints.detail.words", words=d.guest_words)]
    for step in d.steps:
        lines.append(tr("cli.complaints.detail.step", step=_label("complaint_step", step.step), at=_when(step.done_at),
                        who=step.done_by_name or "-"))
    for e in d.escalations:
        lines.append(tr("cli.complaints.detail.escalation", at=_when(e.at),
                        from_level=_label("escalation_level", e.from_level),
                        to_level=_label("escalation_level", e.to_level),
                        reason=_label("escalation_reason", e.reason)))
    if d.withdrawn_at:
        lines.append(tr("cli.complaints.detail.withdrawn", at=_when(d.withdrawn_at), reason=d.withdrawn_reason))
    if d.next_step.action == "approve_remedy":
        lines.append(tr("cli.complaints.detail.next_approval",
                        level=_label("escalation_level", d.next_step.required_level)))
    elif d.next_step.action == "record_guest_response":
        lines.append(tr("cli.complaints.detail.next_answer"))
    elif d.next_step.step:
        lines.append(tr("cli.complaints.detail.next", step=_label("complaint_step", d.next_step.step)))
    payload = plain(d)
    payload["overdue"]["any"] = d.overdue.any
    ctx.emit({"complaint": payload}, *lines)
    return 0


def run_check_overdue(ctx) -> int:
    from hotelcrm.services.actor import Actor

    with ctx.services() as app:
        svc = app.complaints(Actor.system())
        escalated = svc.escalate_overdue()
        overdue = svc.overdue_count()
    ctx.emit({"escalated": escalated, "overdue": overdue}, tr("cli.complaints.escalated", count=escalated,
                                                              overdue=overdue))
    return 0
