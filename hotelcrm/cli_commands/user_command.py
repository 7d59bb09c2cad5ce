"""``hotelcrm user add NAME --role ROLE``: create a user; the password comes from stdin."""

from __future__ import annotations

import getpass
import sys

from hotelcrm.domain.errors import ValidationError
from hotelcrm.i18n import tr

from .arg_types import language_arg, role_arg
from .cli_context import plain

ORDER = 20


def register(commands, common) -> None:
    user = commands.add_parser("user", parents=[common], help=tr("cli.user.help"), description=tr("cli.user.help"))
    actions = user.add_subparsers(dest="user_action", title=tr("cli.commands_title"), metavar="ACTION",
                                  required=True)
    add = actions.add_parser("add", parents=[common], help=tr("cli.user.add.help"),
                             description=tr("cli.user.add.description"))
    add.add_argument("name", metavar="NAME", help=tr("cli.user.add.name"))
    add.add_argument("--role", required=True, type=role_arg, help=tr("cli.user.add.role"))
    add.add_argument("--display-name", default="", metavar="TEXT", help=tr("cli.user.add.display_name"))
    add.add_argument("--language", default=None, metavar="zh_CN|en", type=language_arg,
                     help=tr("cli.user.add.language"))
    add.set_defaults(run=run_add)


def read_password(username: str) -> str:
    """Twice through getpass on a terminal; otherwise one line of stdin (scripts, pipes)."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        first = getpass.getpass(tr("cli.user.password_prompt", username=username))
        second = getpass.getpass(tr("cli.user.password_repeat"))
        if first != second:
            raise ValidationError("password", "password_mismatch")
        return first
    line = stdin.readline() if stdin is not None else ""
    password = line.rstrip("\r\n")
    if not password:
        raise ValidationError("password", "required")
    return password


def run_add(ctx) -> int:
    from hotelcrm.domain.passwords import validate_new_password
    from hotelcrm.domain.text_rules import clean_text, clean_username
    from hotelcrm.services.actor import Actor

    args = ctx.args
    # Refuse bad input before asking for a password or touching the database; the service
    # checks the same rules again.
    clean_username(args.name)
    clean_text(args.display_name, "display_name", max_len=100)
    password = read_password(args.name)
    validate_new_password(password)
    with ctx.services() as app:
        info = app.users(Actor.system()).create(args.name, password, args.role,
                                                display_name=args.display_name, language=args.language)
    ctx.emit({"user": plain(info)},
             tr("cli.user.added", username=info.username, role=tr(f"role.{info.role}")))
    return 0
