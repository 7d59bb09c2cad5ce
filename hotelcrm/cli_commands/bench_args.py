"""What the ``bench`` commands share (``bench_command``, ``bench_startup``, ``bench_import``): the
``--guests`` option of the benches on the demo database, and their progress lines."""

from __future__ import annotations

from collections.abc import Callable

from hotelcrm.i18n import tr

from .arg_types import int_arg

MAX_GUESTS = 2_000_000


def add_guests(parser) -> None:
    parser.add_argument("--guests", type=int_arg("guests", 1, MAX_GUESTS), default=10_000, metavar="N",
                        help=tr("cli.bench.guests"))


def progress_of(ctx) -> Callable[[str], None]:
    return lambda step: ctx.progress(tr("cli.bench.progress", step=step))
