"""``python main.py --version`` is instant: no SQLAlchemy, Alembic or Qt is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hotelcrm import __version__

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "PySide6", "pypinyin", "phonenumbers")


def test_main_py_version_in_a_subprocess_imports_nothing_heavy():
    done = subprocess.run([sys.executable, "-X", "importtime", "main.py", "--version"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.strip() == f"hotelcrm {__version__}"
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "hotelcrm" in imported  # the import log is really there
    assert not imported & set(HEAVY)


def test_help_builds_without_heavy_imports():
    code = ("import sys, contextlib, io\n"
            "from hotelcrm.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['--help']) == 0\n"
            "    assert main(['demo', '--help']) == 0\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
