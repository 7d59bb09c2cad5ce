"""Run ``hotelcrm.cli.main`` in-process and capture what a user would see."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pytest

from hotelcrm.cli import main
from hotelcrm.config import sqlite_url


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def doc(self) -> dict:
        """The one JSON document on stdout (fails if there is anything else)."""
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture
def db_url(tmp_path) -> str:
    return sqlite_url(tmp_path / "cli.db")


@pytest.fixture
def cli(capsys, monkeypatch):
    """``cli("demo", "--guests", "5", stdin="...", gui=...)`` -> Outcome."""

    def run(*argv: str, stdin: str = "", gui=None) -> Outcome:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(list(argv), gui=gui)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run
