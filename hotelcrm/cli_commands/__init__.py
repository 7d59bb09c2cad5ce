"""The subcommands of ``hotelcrm``: one module per area, named ``<area>_command.py``.

Each command module defines ``ORDER`` (its place in ``--help``) and
``register(commands, common)``, which adds its parser(s) to ``commands`` (an argparse
subparsers object), passes ``parents=[common]`` (the global options, so they also work after the
command name) and sets ``run=<function(ctx) -> exit code>``. Modules are discovered here, so a
new command never touches the existing ones. Command modules import services lazily, inside
their ``run`` functions: building the parser must not load SQLAlchemy, Alembic or Qt.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from types import ModuleType

from hotelcrm.i18n import tr

from .arg_types import language_arg
from .cli_parser import CliParser


def command_modules() -> list[ModuleType]:
    found = [importlib.import_module(f"{__name__}.{info.name}")
             for info in pkgutil.iter_modules(__path__) if info.name.endswith("_command")]
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """--db, --json, --lang. On subcommand parsers they default to SUPPRESS, so a value given
    before the command name is not overwritten by the subparser's default."""
    if defaults:
        kw_db, kw_json, kw_lang = {"default": None}, {"default": False}, {"default": None}
    else:
        kw_db = kw_json = kw_lang = {"default": argparse.SUPPRESS}
    parser.add_argument("--db", metavar="URL", help=tr("cli.help.db"), **kw_db)
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"), **kw_json)
    parser.add_argument("--lang", metavar="zh_CN|en", type=language_arg, help=tr("cli.help.lang"), **kw_lang)


def build_parser() -> CliParser:
    """The whole command line, with every help text in the current language."""
    parser = CliParser(prog="hotelcrm", description=tr("cli.description"))
    parser.add_argument("--version", action="store_true", help=tr("cli.help.version"))
    _global_options(parser, defaults=True)
    common = CliParser(add_help=False)
    _global_options(common, defaults=False)
    commands = parser.add_subparsers(dest="command", title=tr("cli.commands_title"), metavar="COMMAND",
                                     parser_class=CliParser)
    for module in command_modules():
        module.register(commands, common)
    parser.set_defaults(run=_default_command)
    return parser


def _default_command(ctx) -> int:
    """``hotelcrm`` with no command starts the GUI, like ``hotelcrm gui``."""
    from .gui_command import run

    return run(ctx)
