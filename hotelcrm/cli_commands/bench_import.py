"""``hotelcrm bench import [--guests N] [--runs R] [--json]`` (registered by ``bench_command``): the
guest import's rows per second on N generated guests (DESIGN.md §7: ≥ 10,000 rows/s with
validation and matching), the median of R imports, each into a fresh SQLite file, next to the
bare copy of the same file (``import_bench``); or one import into ``--db`` (which should hold no
guests yet)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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
    bench.add_argument("--runs", type=int_arg("runs", 1, 20), default=None, metavar="R",
                       help=tr("cli.bench.import.runs"))
    bench.set_defaults(run=run_import_bench)


def run_import_bench(ctx) -> int:
    from hotelcrm.config import data_dir
    from hotelcrm.domain.errors import ValidationError
    from hotelcrm.services import import_bench

    given_db = bool(getattr(ctx.args, "db", None))
    runs = ctx.args.runs or (1 if given_db else 3)
    if given_db and runs > 1:  # the given database is not emptied between runs
        raise ValidationError("runs", "bench_runs_need_fresh_db")
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        fresh = _given(ctx.config().database_url) if given_db else _fresh_sqlite(Path(scratch))
        result = import_bench.run(fresh, ctx.args.guests, folder, runs, progress=progress_of(ctx))
    ctx.emit(plain(result), tr("cli.bench.import.done", rows=result.rows, backend=result.backend,
                               seconds=result.seconds, rows_per_s=result.rows_per_s, imported=result.imported,
                               matched=result.matched, rejected=result.rejected, rows_per_cpu_s=result.rows_per_cpu_s,
                               again_rows_per_s=result.again_rows_per_s, runs=result.runs,
                               baseline_rows_per_s=result.baseline_rows_per_s, vs_baseline=result.vs_baseline))
    return 0


def _fresh_sqlite(folder: Path):
    """Each call: a new SQLite file, a copy of one migrated once."""
    from hotelcrm.config import sqlite_url
    from hotelcrm.db import migrate
    from hotelcrm.db.engine import Database

    template = folder / "template.db"
    db = Database.open(sqlite_url(template))
    try:
        migrate.upgrade(db)
    finally:
        db.dispose()
    made = iter(range(1, 1000))

    @contextmanager
    def fresh() -> Iterator:
        path = folder / f"bench-{next(made)}.db"
        shutil.copyfile(template, path)
        db = Database.open(sqlite_url(path))
        try:
            yield db
        finally:
            db.dispose()
            for f in folder.glob(f"{path.name}*"):
                f.unlink()

    return fresh


def _given(url: str):
    from hotelcrm.db import migrate
    from hotelcrm.db.engine import Database

    @contextmanager
    def given() -> Iterator:
        db = Database.open(url)
        try:
            if migrate.needs_upgrade(db):
                migrate.upgrade(db)
            yield db
        finally:
            db.dispose()

    return given
