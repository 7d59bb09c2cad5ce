"""``hotelcrm bench startup [--guests N] [--runs R] [--json]`` and ``hotelcrm bench typing
[--guests N] [--keystrokes K] [--json]`` (registered by ``bench_command``): the GUI's start to a
usable main window next to a bare Qt window, its peak memory with a search shown, and keystroke
to painted results (DESIGN.md §7), on the bench database of ``bench search``."""

from __future__ import annotations

from hotelcrm.i18n import tr

from .arg_types import int_arg
from .bench_args import add_guests, progress_of
from .cli_context import plain


def add_startup_benches(kinds, common) -> None:
    startup = kinds.add_parser("startup", parents=[common], help=tr("bench_startup.cli.help"),
                               description=tr("bench_startup.cli.description"))
    add_guests(startup)
    startup.add_argument("--runs", type=int_arg("runs", 1, 200), default=10, metavar="R",
                         help=tr("bench_startup.cli.runs"))
    startup.set_defaults(run=run_startup)
    typing = kinds.add_parser("typing", parents=[common], help=tr("bench_startup.cli.typing_help"),
                              description=tr("bench_startup.cli.typing_description"))
    add_guests(typing)
    typing.add_argument("--keystrokes", type=int_arg("keystrokes", 5, 5_000), default=120, metavar="K",
                        help=tr("bench_startup.cli.keystrokes"))
    typing.set_defaults(run=run_typing)


def run_startup(ctx) -> int:
    from hotelcrm.services import startup_bench

    from .bench_command import _bench_url, _open_bench_db

    guests = ctx.args.guests
    db = _open_bench_db(ctx, guests)
    try:
        result = startup_bench.run_startup(db, _bench_url(ctx, guests), guests, ctx.args.runs, progress_of(ctx))
    finally:
        db.dispose()
    ctx.emit(plain(result), tr(
        "bench_startup.cli.done", guests=result.guests, backend=result.backend, runs=result.runs,
        p50=result.startup_s["p50"], p95=result.startup_s["p95"], bare_p50=result.bare_qt_s["p50"],
        bare_p95=result.bare_qt_s["p95"], rss=result.rss_mb))
    return 0


def run_typing(ctx) -> int:
    from hotelcrm.services import startup_bench

    from .bench_command import _bench_url, _open_bench_db

    guests = ctx.args.guests
    db = _open_bench_db(ctx, guests)
    try:
        result = startup_bench.run_typing(db, _bench_url(ctx, guests), guests, ctx.args.keystrokes, progress_of(ctx))
    finally:
        db.dispose()
    ctx.emit(plain(result), tr(
        "bench_startup.cli.typing_done", guests=result.guests, backend=result.backend,
        keystrokes=result.keystrokes, queries=result.queries, p50=result.keystroke_ms["p50"],
        p95=result.keystroke_ms["p95"]))
    return 0
