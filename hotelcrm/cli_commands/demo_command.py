"""``hotelcrm demo [--guests N] [--seed S]``: realistic demo data in an empty database."""

from __future__ import annotations

from hotelcrm.i18n import tr

from .arg_types import int_arg
from .cli_context import plain

ORDER = 30
MAX_GUESTS = 2_000_000


def register(commands, common) -> None:
    demo = commands.add_parser("demo", parents=[common], help=tr("cli.demo.help"), description=tr("cli.demo.help"))
    demo.add_argument("--guests", type=int_arg("guests", 1, MAX_GUESTS), default=500, metavar="N",
                      help=tr("cli.demo.guests"))
    demo.add_argument("--seed", type=int_arg("seed", 0, 2**63 - 1), default=None, metavar="S",
                      help=tr("cli.demo.seed"))
    demo.set_defaults(run=run)


def run(ctx) -> int:
    from hotelcrm.services.actor import Actor

    def progress(done: int, total: int) -> None:
        ctx.progress(tr("cli.demo.progress", done=done, total=total), done=done == total)

    with ctx.services() as app:
        result = app.demo(Actor.system()).load(ctx.args.guests, ctx.args.seed, progress=progress)
    ctx.emit(plain(result), tr("cli.demo.done", seconds=f"{result.seconds:.1f}", guests=result.guests,
                               chinese=result.chinese_guests, foreign=result.foreign_guests,
                               companies=result.companies, vip=result.vip_guests,
                               blacklisted=result.blacklisted_guests, seed=result.seed))
    return 0
