"""``hotelcrm bench startup`` / ``bench typing``: the GUI started in a child process offscreen,
logged in as the bench user, measured; the JSON carries every key (tiny sizes, one run)."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import User
from hotelcrm.services import startup_bench


def test_bench_startup_reports_start_times_beside_bare_qt_and_peak_memory(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    out = cli("bench", "startup", "--guests", "30", "--runs", "1", "--json", "--db", url)
    assert out.code == 0, out.err
    doc = out.doc
    assert (doc["guests"], doc["backend"], doc["runs"]) == (30, "sqlite", 1)
    for key in ("startup_s", "bare_qt_s"):
        assert set(doc[key]) == {"p50", "p95"} and 0 < doc[key]["p50"] <= doc[key]["p95"]
    assert doc["rss_mb"] > 0
    assert doc["search_query"] and doc["search_hits"] >= 1  # the search really ran in the window
    db = Database.open(url)
    try:
        with db.read() as s:
            assert s.scalar(select(User.role).where(User.username == startup_bench.BENCH_USER)) == "admin"
    finally:
        db.dispose()


def test_bench_typing_times_every_key_press_to_the_painted_list(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    out = cli("bench", "typing", "--guests", "30", "--keystrokes", "8", "--json", "--db", url)
    assert out.code == 0, out.err
    doc = out.doc
    assert set(doc["keystroke_ms"]) == {"p50", "p95"} and 0 < doc["keystroke_ms"]["p50"] <= doc["keystroke_ms"]["p95"]
    assert doc["keystrokes"] >= 8 and doc["timeouts"] == 0
    assert doc["debounce_ms"] == 150


def test_bench_user_is_added_beside_existing_users_once(db):
    from hotelcrm.services.setup_service import SetupService

    SetupService(db).initialize("Hotel", "boss", "Secret-pass-1")
    startup_bench.ensure_bench_user(db)
    startup_bench.ensure_bench_user(db)
    with db.read() as s:
        assert sorted(s.scalars(select(User.username))) == ["bench", "boss"]


def test_typing_queries_cover_the_keystrokes_asked_for():
    pairs = [("latin", "abc"), ("han2", "张伟"), ("phone", "1234"), ("email", "wang")]
    assert startup_bench.typing_queries(pairs, 5) == ["abc", "张伟"]
    assert startup_bench.typing_queries(pairs, 100) == ["abc", "张伟", "1234", "wang"]


def test_bench_typing_refuses_too_few_keystrokes(cli):
    out = cli("bench", "typing", "--keystrokes", "1")
    assert out.code != 0 and "Key presses" in out.err


def test_the_start_path_leaves_pinyin_reportlab_and_the_dummy_hash_for_later():
    code = ("import sys\n"
            "import ui.app, ui.main_window\n"
            "from hotelcrm.services import auth_service\n"
            "print(sorted(m for m in ('pypinyin', 'reportlab') if m in sys.modules),"
            " auth_service._dummy_hash.cache_info().currsize)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=startup_bench.ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] 0"
