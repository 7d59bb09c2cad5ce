"""``hotelcrm report NAME [--from D] [--to D] [--date D] [--guest ID] [--complaint NO] [--days N]
[--lang zh_CN|en] --out FILE.pdf [--json]``: one report as a PDF (DESIGN.md §2.6, §6).

The report's language is ``--lang`` (also the language of the messages). An unknown report, a
missing parameter or a folder that does not exist is bad input (exit 2) and is refused before
the database is opened. JSON: ``{"report": name, "pages": n, "out": path}``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from hotelcrm.domain.errors import ValidationError
from hotelcrm.i18n import current_language, tr

from .arg_types import int_arg

ORDER = 60
MAX_ID = 2**31 - 1


def date_arg(field: str) -> Callable[[str], date]:
    def parse(value: str) -> date:
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, "date_format") from None

    return parse


def register(commands, common) -> None:
    # The report list is not imported here (it loads ReportLab): an unknown name's error lists them.
    report = commands.add_parser("report", parents=[common], help=tr("cli.report.help"),
                                 description=tr("cli.report.description"))
    report.add_argument("name", metavar="NAME", help=tr("cli.report.name"))
    report.add_argument("--from", dest="period_from", type=date_arg("report_from"), metavar="YYYY-MM-DD",
                        help=tr("cli.report.from"))
    report.add_argument("--to", dest="period_to", type=date_arg("report_to"), metavar="YYYY-MM-DD",
                        help=tr("cli.report.to"))
    report.add_argument("--date", type=date_arg("report_date"), metavar="YYYY-MM-DD", help=tr("cli.report.date"))
    report.add_argument("--guest", type=int_arg("report_guest", 1, MAX_ID), metavar="ID",
                        help=tr("cli.report.guest"))
    report.add_argument("--complaint", metavar="NO", help=tr("cli.report.complaint"))
    report.add_argument("--days", type=int_arg("report_days", 1, 3660), metavar="N", help=tr("cli.report.days"))
    report.add_argument("--reveal-ids", action="store_true", help=tr("cli.report.reveal_ids"))
    report.add_argument("--out", required=True, metavar="FILE.pdf", help=tr("cli.report.out"))
    report.set_defaults(run=run)


def _params(args) -> dict:
    from hotelcrm.reports import ReportParam
    from hotelcrm.reports.guest_card_report import REVEAL_IDS

    given = {
        ReportParam.PERIOD_FROM: args.period_from, ReportParam.PERIOD_TO: args.period_to,
        ReportParam.DATE: args.date, ReportParam.GUEST: args.guest,
        ReportParam.COMPLAINT: args.complaint, ReportParam.DAYS: args.days,
    }
    params: dict = {k: v for k, v in given.items() if v not in (None, "")}
    if args.reveal_ids:
        params[REVEAL_IDS] = True
    return params


def _out_path(value: str) -> Path:
    path = Path(value).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError("report_out", "folder_missing", folder=str(folder))
    if path.is_dir():
        raise ValidationError("report_out", "is_folder")
    return path.resolve()


def run(ctx) -> int:
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.report_service import ReportService, report_spec

    args = ctx.args
    lang = getattr(args, "lang", None) or current_language()
    params = _params(args)
    spec = report_spec(args.name)  # bad input is refused before the database is opened
    spec.check_params(params)
    out = _out_path(args.out)
    with ctx.services() as app:
        result = ReportService(app, Actor.system()).render(
            spec.name, params, lang, out, progress=lambda pages: ctx.progress(tr("cli.report.progress", page=pages)))
    ctx.progress("", done=True)
    ctx.emit({"report": result.name, "pages": result.pages, "out": result.out},
             tr("cli.report.done", title=result.title, pages=result.pages, path=result.out))
    return 0
