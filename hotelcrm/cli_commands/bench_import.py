"""``hotelcrm bench import [--guests N] [--json]`` (registered by ``bench_command``): the guest
import's rows per second on N generated guests (DESIGN.md §7: ≥ 10,000 rows/s with validation
and matching), into a fresh SQLite file, or into ``--db`` (which should hold no guests yet)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hotelcrm.i18n import tr

from .arg_types import int_arg
from .bench_args import progress_of
from .cli_context import plain

MAX_ROWS = 2_000_000


def add_import_bench(kinds, common) -> None:
    bench = kinds.add_parser("import", parents=[common], help=tr("cli.bench.import.help"),
                             description=tr("cli.bench.import.description"))
    bench.add_argument("--guests", type=int_arg("guests", 100, MAX_ROWS), default=100_000, metavar="N",
                       help=tr("cli.bench.import.guests"))
    bench.set_defaults(run=run_import_bench)


def run_import_bench(ctx) -> int:
    from hotelcrm.config import data_dir, sqlite_url
    from hotelcrm.db import migrate
    from hotelcrm.db.engine import Database
    from hotelcrm.services import import_bench

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        url = ctx.config().database_url if getattr(ctx.args, "db", None) else sqlite_url(Path(scratch) / "bench.db")
        db = Database.open(url)
        try:
            if migrate.needs_upgrade(db):
                migrate.upgrade(db)
            result = import_bench.run(db, ctx.args.guests, folder, progress=progress_of(ctx))
        finally:
            db.dispose()
    ctx.emit(plain(result), tr("cli.bench.import.done", rows=result.rows, backend=result.backend,
                               seconds=result.seconds, rows_per_s=result.rows_per_s, imported=result.imported,
                               matched=result.matched, rejected=result.rejected, rows_per_cpu_s=result.rows_per_cpu_s,
                               again_rows_per_s=result.again_rows_per_s))
    return 0
