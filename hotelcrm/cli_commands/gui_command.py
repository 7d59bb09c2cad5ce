"""``hotelcrm [gui]``: start the application window."""

from __future__ import annotations

from hotelcrm.i18n import tr

ORDER = 0


def register(commands, common) -> None:
    parser = commands.add_parser("gui", parents=[common], help=tr("cli.gui.help"), description=tr("cli.gui.help"))
    parser.set_defaults(run=run)


def run(ctx) -> int:
    if ctx.gui is None:
        ctx.note(tr("cli.gui.unavailable"))
        return 1
    # The GUI applies its own defaults (environment, local file, login language) to what is None.
    return ctx.gui(getattr(ctx.args, "db", None), getattr(ctx.args, "lang", None))
