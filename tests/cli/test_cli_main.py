"""The command line as a whole: version, help, GUI hand-off, exit codes, one-line errors."""

from __future__ import annotations

import pytest

from hotelcrm import __version__


def test_version(cli):
    r = cli("--version")
    assert (r.code, r.out.strip(), r.err) == (0, f"hotelcrm {__version__}", "")
    assert cli("--version", "--json").doc == {"ok": True, "version": __version__}


def test_help_is_translated(cli):
    en = cli("--help")
    assert en.code == 0 and "show this help and exit" in en.out and "demo" in en.out
    zh = cli("--lang", "zh_CN", "--help")
    assert zh.code == 0 and zh.out.startswith("用法：hotelcrm") and "显示本帮助并退出" in zh.out
    sub = cli("demo", "--help", "--lang", "zh_CN")
    assert sub.code == 0 and "宾客数量" in sub.out and sub.out.count("用法：") == 1


def test_language_from_the_environment(cli, monkeypatch):
    monkeypatch.setenv("HOTELCRM_LANG", "zh_CN")
    r = cli("demo", "--guests", "many")
    assert r.code == 2 and r.err_lines == ["宾客数量：必须是整数。"]


def test_no_command_starts_the_gui(cli):
    calls = []

    def gui(url, lang):
        calls.append((url, lang))
        return 0

    assert cli(gui=gui).code == 0
    assert cli("--db", "sqlite:////tmp/x.db", "gui", "--lang", "en", gui=gui).code == 0
    assert calls == [(None, None), ("sqlite:////tmp/x.db", "en")]
    assert cli(gui=lambda url, lang: 3).code == 3  # the GUI's own exit code


def test_without_a_gui_one_translated_line_and_exit_1(cli):
    r = cli("gui", "--lang", "zh_CN")
    assert r.code == 1 and len(r.err_lines) == 1 and "python main.py" in r.err and "无法" in r.err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--bogus"], 'Unknown argument: --bogus. See "hotelcrm --help".'),
        (["frob"], 'command: "frob" is not valid; choose from gui, db, user, demo'),
        (["db"], "Missing argument: ACTION. See \"hotelcrm --help\"."),
        (["demo", "--seed"], "--seed: a value is required."),
        (["demo", "--guests", "0"], "Number of guests: must be between 1 and 2000000."),
        (["--lang", "fr", "demo"], 'Language: unknown language "fr".'),
        (["--db", "postgresql+psycopg://[::1", "demo"], None),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, argv, expected):
    r = cli(*argv)
    assert r.code == 2
    assert len(r.err_lines) == 1 and "Traceback" not in r.err
    if expected:
        assert r.err_lines[0].startswith(expected)  # later commands extend the "choose from" list
    assert r.out == ""


def test_bad_database_url_names_the_field(cli):
    r = cli("--db", "postgresql+psycopg://[::1", "demo")
    assert r.err_lines[0].startswith("Database: not a valid database URL")


def test_bad_input_in_chinese(cli):
    r = cli("--lang", "zh_CN", "--bogus")
    assert (r.code, r.err_lines) == (2, ["无法识别的参数：--bogus。请参阅“hotelcrm --help”。"])


def test_json_errors_are_one_document(cli):
    r = cli("demo", "--guests", "x", "--json")
    assert r.code == 2
    assert r.doc == {"ok": False, "exit_code": 2, "error": "invalid.not_a_number",
                     "message": "Number of guests: must be a whole number.", "field": "guests"}
    usage = cli("--json", "--nope")
    assert usage.doc["ok"] is False and usage.doc["exit_code"] == 2


def test_unsupported_database_is_exit_1(cli):
    r = cli("--db", "mysql://root@localhost/hotel", "demo")
    assert r.code == 1 and r.err_lines == ['Unsupported database type "mysql": use SQLite or PostgreSQL.']


def test_refused_connection_is_one_line_and_exit_1(cli):
    r = cli("--db", "postgresql+psycopg://postgres@127.0.0.1:1/hotelcrm", "demo", "--json")
    assert r.code == 1
    assert len(r.err_lines) == 1 and r.err_lines[0].startswith("Cannot connect to the database:")
    assert r.doc["error"] == "cannot_connect"


def test_network_share_is_refused(cli, monkeypatch, tmp_path):
    monkeypatch.setattr("hotelcrm.db.storage.is_network_path", lambda path: True)
    r = cli("--db", str(tmp_path / "share.db"), "demo")
    assert r.code == 1 and "network share" in r.err_lines[0] and len(r.err_lines) == 1


def test_unexpected_failure_is_logged_not_shown(cli, db_url, monkeypatch, tmp_path):
    def boom(self, *args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("hotelcrm.services.demo_service.DemoService.load", boom)
    r = cli("--db", db_url, "demo")
    assert r.code == 1
    assert "Traceback" not in r.err and "kaboom" not in r.err
    assert r.err_lines[-1].startswith("Something went wrong.")
    log = tmp_path / "data" / "hotelcrm-cli.log"
    assert "RuntimeError: kaboom" in log.read_text(encoding="utf-8")


def test_interrupt_is_exit_1(cli, db_url, monkeypatch):
    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("hotelcrm.services.demo_service.DemoService.load", interrupted)
    r = cli("--db", db_url, "demo")
    assert r.code == 1 and r.err_lines[-1].startswith("Cancelled")


def test_plain_path_means_a_sqlite_file(cli, tmp_path):
    path = tmp_path / "by-path.db"
    assert cli("--db", str(path), "db", "upgrade").code == 0
    assert path.exists()


def test_default_database_is_the_local_file(cli, tmp_path):
    # conftest points HOTELCRM_DATA_DIR at tmp_path/data: the default file lands there.
    assert cli("db", "upgrade").code == 0
    assert (tmp_path / "data" / "hotelcrm.db").exists()


def test_environment_database_url(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("HOTELCRM_DATABASE_URL", f"sqlite:///{(tmp_path / 'env.db').as_posix()}")
    assert cli("db", "upgrade").code == 0
    assert (tmp_path / "env.db").exists()


def test_gui_with_a_bad_option_is_exit_2(cli):
    r = cli("gui", "--fullscreen", gui=lambda url, lang: 0)
    assert r.code == 2 and r.err_lines == ['Unknown argument: --fullscreen. See "hotelcrm --help".']
