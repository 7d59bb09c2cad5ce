"""``hotelcrm user add NAME --role ROLE``: the password comes from stdin."""

from __future__ import annotations

import pytest

from hotelcrm.db.engine import Database
from hotelcrm.services.auth_service import AuthService

PASSWORD = "front desk 2026"


def login(db_url: str, name: str, password: str):
    db = Database.open(db_url)
    try:
        return AuthService(db).login(name, password)
    finally:
        db.dispose()


def test_add_from_a_pipe(cli, db_url):
    r = cli("--db", db_url, "user", "add", "Wang.Fang", "--role", "clerk", "--display-name", "王芳",
            stdin=PASSWORD + "\n")
    assert r.code == 0
    assert r.out.strip() == "User wang.fang added with the role Front-desk clerk."
    actor = login(db_url, "wang.fang", PASSWORD)
    assert actor.role == "clerk" and actor.display_name == "王芳"


def test_add_json_and_chinese(cli, db_url):
    r = cli("--db", db_url, "--lang", "zh_CN", "user", "add", "liming", "--role", "lobby_manager",
            "--language", "zh_CN", "--json", stdin=PASSWORD + "\r\n")
    assert r.code == 0
    user = r.doc["user"]
    assert (user["username"], user["role"], user["language"]) == ("liming", "lobby_manager", "zh_CN")
    assert PASSWORD not in r.out and "password" not in r.out
    zh = cli("--db", db_url, "--lang", "zh_CN", "user", "add", "zhaolei", "--role", "manager", stdin=PASSWORD)
    assert zh.out.strip() == "已新增用户 zhaolei，角色为经理。"


class FakeTerminal:
    def isatty(self) -> bool:
        return True

    def readline(self) -> str:  # pragma: no cover - a terminal is read through getpass
        raise AssertionError("password must not be read in clear from a terminal")


def test_terminal_asks_twice(cli, db_url, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or next(answers))
    monkeypatch.setattr("hotelcrm.cli_commands.user_command.sys.stdin", FakeTerminal())
    from hotelcrm.cli import main

    assert main(["--db", db_url, "user", "add", "desk1", "--role", "clerk"]) == 0
    assert prompts == ["Password for desk1: ", "Repeat the password: "]
    assert login(db_url, "desk1", PASSWORD).username == "desk1"


def test_terminal_mismatch_is_bad_input(db_url, monkeypatch, capsys):
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr("hotelcrm.cli_commands.user_command.sys.stdin", FakeTerminal())
    from hotelcrm.cli import main

    assert main(["--db", db_url, "user", "add", "desk2", "--role", "clerk"]) == 2
    assert capsys.readouterr().err.strip() == "Password: the two entries differ."


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["--role", "boss"], PASSWORD, 'Role: unknown role "boss".'),
        (["--role", "clerk"], "short\n", "Password: too short (at least 8 characters)."),
        (["--role", "clerk"], "", "Password: required."),
        (["--role", "clerk", "--language", "fr"], PASSWORD, 'Language: unknown language "fr".'),
        (["--role", "clerk", "--display-name", "x" * 101], PASSWORD,
         "Display name: too long (at most 100 characters)."),
        ([], PASSWORD, 'Missing argument: --role. See "hotelcrm --help".'),
    ],
)
def test_bad_input_is_exit_2(cli, db_url, argv, stdin, message):
    r = cli("--db", db_url, "user", "add", "someone", *argv, stdin=stdin)
    assert (r.code, r.err_lines) == (2, [message])


def test_bad_user_name_is_exit_2(cli, db_url):
    r = cli("--db", db_url, "user", "add", "王芳", "--role", "clerk", stdin=PASSWORD)
    assert r.code == 2 and r.err_lines[0].startswith("User name:")


def test_taken_name_is_exit_1(cli, db_url):
    assert cli("--db", db_url, "user", "add", "anna", "--role", "clerk", stdin=PASSWORD).code == 0
    r = cli("--db", db_url, "user", "add", "Anna", "--role", "admin", stdin=PASSWORD)
    assert (r.code, r.err_lines) == (1, ['The user name "anna" is already taken.'])
