"""The ``hotelcrm`` command (DESIGN.md §6).

``hotelcrm`` alone starts the GUI through the ``gui`` callable that ``main.py`` hands in (this
package never imports Qt). Every subcommand lives in its own module in ``hotelcrm.cli_commands``
(``*_command.py``, found automatically), so a new command is a new file.

Exit codes: 0 success, 2 bad input (one translated line on stderr naming the field and the
reason), 1 any other failure (one translated line, never a traceback). ``--json`` prints one
JSON document on stdout, for errors too.

Start-up stays light: nothing here imports SQLAlchemy, Alembic or Qt at module level, so
``hotelcrm --version`` and ``--help`` are instant.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from hotelcrm import __version__, i18n
from hotelcrm.cli_commands import build_parser
from hotelcrm.cli_commands.cli_context import CommandContext
from hotelcrm.cli_commands.cli_parser import UsageError, translate_usage_error
from hotelcrm.domain.errors import HotelCrmError, ValidationError
from hotelcrm.i18n import tr

GuiStarter = Callable[[str | None, str | None], int]

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None, gui: GuiStarter | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    i18n.set_language(_requested_language(argv))
    wants_json = "--json" in argv
    try:
        args = build_parser().parse_args(argv)
        if args.version:
            return _print_version(args.json)
        return args.run(CommandContext(args, gui=gui))
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except UsageError as exc:
        return _fail(EXIT_USAGE, "usage", translate_usage_error(exc.message), wants_json)
    except ValidationError as exc:
        return _fail(EXIT_USAGE, exc.code, i18n.error_text(exc), wants_json, field=exc.field)
    except HotelCrmError as exc:
        return _fail(EXIT_FAILURE, exc.code, i18n.error_text(exc), wants_json)
    except KeyboardInterrupt:
        return _fail(EXIT_FAILURE, "interrupted", tr("cli.interrupted"), wants_json)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, no traceback
        return _fail(EXIT_FAILURE, *_unexpected(exc), wants_json)


def _tolerant_output() -> None:
    """Output redirected to a file on a Chinese Windows is GBK: a character it lacks must not
    turn a finished command into a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def _requested_language(argv: list[str]) -> str | None:
    """``--lang`` is needed before parsing (the help texts are translated), so look ahead."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("HOTELCRM_LANG")


def _print_version(as_json: bool) -> int:
    if as_json:
        _write_json(sys.stdout, {"ok": True, "version": __version__})
    else:
        print(tr("cli.version", version=__version__))
    return EXIT_OK


def _fail(code: int, error: str, message: str, as_json: bool, **extra: object) -> int:
    print(message, file=sys.stderr)
    if as_json:
        _write_json(sys.stdout, {"ok": False, "exit_code": code, "error": error, "message": message, **extra})
    return code


def _write_json(out: TextIO, payload: dict) -> None:
    out.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")


def _unexpected(exc: Exception) -> tuple[str, str]:
    """A database driver's error becomes one line with the driver's first line; anything else is
    an internal error whose traceback goes to a log file in the data folder, not the terminal."""
    if type(exc).__module__.startswith("sqlalchemy"):
        orig = getattr(exc, "orig", None) or exc
        detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0][:200]
        return "database", tr("cli.error.database", detail=detail)
    message = tr("error.internal")
    log = _log_traceback(exc)
    return "internal", f"{message} {tr('cli.error.logged', path=log)}" if log else message


def _log_traceback(exc: Exception) -> str | None:
    try:
        from hotelcrm.config import data_dir

        path = data_dir() / "hotelcrm-cli.log"
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')} hotelcrm {__version__}\n")
            log.write("".join(traceback.format_exception(exc)))
        return str(path)
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
