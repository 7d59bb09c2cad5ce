"""``hotelcrm bench search [--guests N] [--json]``: measured guest search on N demo guests, next
to the raw index query and a LIKE scan of the same run (DESIGN.md §6–7)."""

from __future__ import annotations

from hotelcrm.i18n import tr

from .arg_types import int_arg
from .bench_args import add_guests, progress_of
from .cli_context import plain

ORDER = 90


def register(commands, common) -> None:
    bench = commands.add_parser("bench", parents=[common], help=tr("cli.bench.help"),
                                description=tr("cli.bench.help"))
    kinds = bench.add_subparsers(dest="bench_kind", title=tr("cli.commands_title"), metavar="KIND", required=True)
    search = kinds.add_parser("search", parents=[common], help=tr("cli.bench.search.help"),
                              description=tr("cli.bench.search.description"))
    add_guests(search)
    search.add_argument("--queries", type=int_arg("queries", 200, 10_000), default=240, metavar="Q",
                        help=tr("cli.bench.queries"))
    search.set_defaults(run=run_search)
    card = kinds.add_parser("card", parents=[common], help=tr("cli.bench.card.help"),
                            description=tr("cli.bench.card.description"))
    add_guests(card)
    card.add_argument("--runs", type=int_arg("runs", 20, 10_000), default=200, metavar="R",
                      help=tr("cli.bench.card.runs"))
    card.add_argument("--opens", type=int_arg("opens", 0, 1_000), default=30, metavar="K",
                      help=tr("cli.bench.card.opens"))
    card.set_defaults(run=run_card)
    report = kinds.add_parser("report", parents=[common], help=tr("cli.bench.report.help"),
                              description=tr("cli.bench.report.description"))
    report.add_argument("--rows", type=int_arg("bench_rows", 100, 200_000), default=10_000, metavar="N",
                        help=tr("cli.bench.report.rows"))
    report.add_argument("--repeat", type=int_arg("bench_repeat", 1, 50), default=3, metavar="R",
                        help=tr("cli.bench.report.repeat"))
    report.set_defaults(run=run_report)
    from .bench_import import add_import_bench  # the import's bench lives with the import

    add_import_bench(kinds, common)
    from .bench_startup import add_startup_benches  # the GUI's benches (startup, typing)

    add_startup_benches(kinds, common)


def _bench_url(ctx, guests: int) -> str:
    """``--db`` when given (a PostgreSQL database to fill, or a SQLite file); else a SQLite file
    in the data folder named after the size, reused by the next run."""
    from hotelcrm.config import data_dir, sqlite_url

    if getattr(ctx.args, "db", None):
        return ctx.config().database_url
    return sqlite_url(data_dir() / f"bench-sqlite-{guests}.db")


def _open_bench_db(ctx, guests: int):
    from hotelcrm.db import migrate
    from hotelcrm.db.engine import Database

    db = Database.open(_bench_url(ctx, guests))
    if migrate.needs_upgrade(db):
        migrate.upgrade(db)
    return db


def run_report(ctx) -> int:
    from hotelcrm.reports import complaint_list_bench

    result = complaint_list_bench.run(ctx.args.rows, ctx.args.repeat)
    ctx.emit(result, tr("cli.bench.report.done", **result))
    return 0


def run_card(ctx) -> int:
    from hotelcrm.services import card_bench
    from hotelcrm.services.startup_bench import run_card_paint

    progress = progress_of(ctx)
    db = _open_bench_db(ctx, ctx.args.guests)
    try:
        result = card_bench.run(db, ctx.args.guests, ctx.args.runs, progress=progress)
        painted = (run_card_paint(db, _bench_url(ctx, ctx.args.guests), result.guest_id, ctx.args.opens, progress)
                   if ctx.args.opens else None)
    finally:
        db.dispose()
    lines = [tr("cli.bench.card.done", guests=result.guests, backend=result.backend, runs=result.runs,
                stays=result.stays, complaints=result.complaints, ledger=result.ledger_rows,
                open_p50=result.open_ms["p50"], open_p95=result.open_ms["p95"],
                save_p50=result.save_ms["p50"], save_p95=result.save_ms["p95"])]
    if painted:
        lines.append(tr("cli.bench.card.painted", opens=ctx.args.opens, **painted))
    ctx.emit({**plain(result), "painted_ms": painted}, *lines)
    return 0


def run_search(ctx) -> int:
    from hotelcrm.services import search_bench

    guests = ctx.args.guests
    db = _open_bench_db(ctx, guests)
    try:
        result = search_bench.run(db, guests, ctx.args.queries,
                                 progress=progress_of(ctx))
    finally:
        db.dispose()
    ctx.emit(plain(result), tr(
        "cli.bench.search.done", guests=result.guests, backend=result.backend, queries=result.queries,
        service_p50=result.service_ms["p50"], service_p95=result.service_ms["p95"],
        raw_p50=result.raw_index_ms["p50"], raw_p95=result.raw_index_ms["p95"],
        like_p50=result.like_scan_ms["p50"], like_p95=result.like_scan_ms["p95"]),
        tr("cli.bench.search.match" if result.results_match_full_scan else "cli.bench.search.mismatch",
           checked=result.checked_queries))
    return 0
