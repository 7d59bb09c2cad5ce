"""argparse with translated help and our own error line instead of argparse's."""

from __future__ import annotations

import argparse
import re

from hotelcrm.i18n import tr


class UsageError(Exception):
    """argparse refused the command line; ``message`` is argparse's English text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # Subcommand parsers build their "prog" with prefix "" (no prefix): keep that.
        super().add_usage(usage, actions, groups, prefix=tr("cli.usage_prefix") if prefix is None else prefix)


class CliParser(argparse.ArgumentParser):
    """Help and section titles come from the catalogues; errors raise ``UsageError`` so that
    ``main`` prints one translated line and exits 2."""

    def __init__(self, *args, add_help: bool = True, parents=(), **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = tr("cli.positionals_title")
        self._optionals.title = tr("cli.options_title")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=tr("cli.help.help"))
        # Parents are merged after the titles are translated, so their options join our
        # "options" section instead of opening a second one (what argparse itself would do).
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str):
        raise UsageError(message)


_PATTERNS = (
    (re.compile(r"^unrecognized arguments: (?P<args>.+)$"), "cli.error.unrecognized"),
    (re.compile(r"^the following arguments are required: (?P<args>.+)$"), "cli.error.required"),
    (re.compile(r"^argument (?P<arg>[^:]+): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.+)\)$"),
     "cli.error.invalid_choice"),
    (re.compile(r"^argument (?P<arg>[^:]+): expected (?:one|at least one|at most one) argument"),
     "cli.error.expected_value"),
)


def translate_usage_error(message: str) -> str:
    """argparse's English error line as one line in the current language."""
    for pattern, key in _PATTERNS:
        found = pattern.match(message.strip())
        if found:
            params = found.groupdict()
            if "arg" in params:
                params["arg"] = _argument_name(params["arg"])
            if "choices" in params:
                params["choices"] = params["choices"].replace("'", "")
            return tr(key, **params)
    return tr("cli.error.usage", detail=message.strip())


def _argument_name(spec: str) -> str:
    # "COMMAND", "--role" or "-h/--help": the subcommand slot reads better as "command".
    return tr("cli.command_word") if spec in ("COMMAND", "ACTION") else spec.split("/")[-1]
