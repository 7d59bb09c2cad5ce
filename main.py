"""``python main.py`` == ``hotelcrm``: the command line, whose default command starts the GUI.

This module sits above both packages: ``hotelcrm`` never imports the GUI, so the GUI's entry
point is handed to the command line from here. Qt is imported only when the GUI really starts.
"""

from __future__ import annotations

import sys


def _start_gui(database_url: str | None, language: str | None) -> int:
    from ui.app import run_gui

    return run_gui(database_url, language)


def main(argv: list[str] | None = None) -> int:
    from hotelcrm.cli import main as cli_main

    return cli_main(argv, gui=_start_gui)


if __name__ == "__main__":
    sys.exit(main())
