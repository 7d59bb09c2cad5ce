"""``hotelcrm bench startup`` and ``hotelcrm bench typing`` (DESIGN.md §6–7): the GUI measured in
child processes on the offscreen platform, on a bench database of N demo guests.

The parent prepares the database like ``bench search`` does (``search_bench.prepare``) plus a
bench-only administrator, then starts ``main.py gui`` with ``HOTELCRM_BENCH_PROBE`` set: the GUI
(``ui/bench_probe.py``) logs that user in without the login dialog, reports when the main window
was first painted and the event loop went idle, runs one guest search (startup) or types queries
key by key (typing), and writes what it measured to a JSON file. ``hotelcrm`` never imports the
GUI: the child is a separate process."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest, User
from hotelcrm.domain.errors import HotelCrmError

from . import search_bench
from .actor import Actor
from .bench_stats import percentiles
from .setup_service import SetupService
from .user_service import UserService

PROBE_ENV = "HOTELCRM_BENCH_PROBE"
BENCH_USER = "bench"
BENCH_PASSWORD = "bench-only-Passw0rd"  # a bench database only; never a real one
CHILD_TIMEOUT_S = 600
ROOT = Path(__file__).resolve().parents[2]  # main.py and ui/ sit beside the hotelcrm package

Progress = Callable[[str], None]


@dataclass(frozen=True)
class StartupBenchResult:
    guests: int
    backend: str
    runs: int
    startup_s: dict[str, float]
    bare_qt_s: dict[str, float]
    rss_mb: float
    search_query: str
    search_hits: int


@dataclass(frozen=True)
class TypingBenchResult:
    guests: int
    backend: str
    keystrokes: int
    queries: int
    keystroke_ms: dict[str, float]
    debounce_ms: int
    timeouts: int


def ensure_bench_user(db: Database) -> None:
    """The bench administrator the GUI child logs in as (created once per bench database)."""
    setup = SetupService(db)
    if setup.needs_setup():
        setup.initialize("Bench hotel", BENCH_USER, BENCH_PASSWORD)
        return
    with db.read() as s:
        exists = s.scalar(select(func.count()).select_from(User).where(User.username == BENCH_USER))
    if not exists:
        UserService(db, Actor.system()).create(BENCH_USER, BENCH_PASSWORD, "admin")


def prepare(db: Database, guests: int, progress: Progress | None = None) -> list[tuple[str, str]]:
    """The search bench's database and queries, plus the bench user."""
    search_bench.prepare(db, guests, progress)
    ensure_bench_user(db)
    return search_bench.make_queries(db, 240, random.Random(search_bench.BENCH_SEED))


def _child_env(home: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = home  # the probe's window geometry and last user stay out of the real settings
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop(PROBE_ENV, None)
    # An installed application runs from compiled bytecode; the first (unmeasured) start writes it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _last_lines(stderr: str | None) -> str:
    lines = [line for line in (stderr or "").splitlines() if "propagateSizeHints" not in line]
    return "\n".join(lines[-5:]).strip()


def _run_child(argv: list[str], env: dict[str, str], out: Path) -> tuple[float, dict]:
    """Start the child, wait for it, return (its start time, what it wrote)."""
    out.unlink(missing_ok=True)
    started = time.time()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    if done.returncode != 0 or not out.exists():
        raise HotelCrmError("bench_child_failed", exit_code=done.returncode, detail=_last_lines(done.stderr))
    return started, json.loads(out.read_text(encoding="utf-8"))


def _app_child(url: str, spec: dict, home: str, out: Path) -> tuple[float, dict]:
    env = _child_env(home)
    env[PROBE_ENV] = json.dumps({**spec, "user": BENCH_USER, "password": BENCH_PASSWORD, "out": str(out)})
    return _run_child([sys.executable, str(ROOT / "main.py"), "gui", "--db", url], env, out)


def run_startup(db: Database, url: str, guests: int, runs: int,
                progress: Progress | None = None) -> StartupBenchResult:
    """``runs`` app starts and ``runs`` bare Qt starts, alternating, after one unmeasured start of
    each (it warms the disk cache and takes the day's automatic backup)."""
    pairs = prepare(db, guests, progress)
    query = next(q for kind, q in pairs if kind == "pinyin") if pairs else "wang"
    app_s: list[float] = []
    bare_s: list[float] = []
    rss: list[float] = []
    hits = 0
    with tempfile.TemporaryDirectory(prefix="hotelcrm-bench-") as home:
        out = Path(home) / "probe.json"
        bare = [sys.executable, "-m", "ui.bench_bare_qt", str(out)]
        for n in range(runs + 1):
            if progress:
                progress(f"start {n}/{runs}")
            started, doc = _app_child(url, {"mode": "startup", "query": query}, home, out)
            if n:
                app_s.append(doc["idle_at"] - started)
                rss.append(doc["rss_mb"])
                hits = doc["hits"]
            started, doc = _run_child(bare, _child_env(home), out)
            if n:
                bare_s.append(doc["idle_at"] - started)
    return StartupBenchResult(guests=guests, backend=db.backend, runs=runs, startup_s=percentiles(app_s),
                              bare_qt_s=percentiles(bare_s), rss_mb=round(max(rss), 1), search_query=query,
                              search_hits=hits)


def run_card_paint(db: Database, url: str, guest_id: int, opens: int,
                   progress: Progress | None = None) -> dict[str, float]:
    """The card as the GUI shows it (DESIGN.md §7: painted p95 ≤ 150 ms): the child opens card
    ``guest_id`` ``opens`` times from the Guests area, another guest's card in between so that
    every open paints new content, and times each from the request to the first paint of the
    card's name after the card arrived from the worker thread."""
    ensure_bench_user(db)
    with db.read() as s:
        other = s.scalar(select(func.min(Guest.id)).where(Guest.id != guest_id, Guest.merged_into_id.is_(None)))
    with tempfile.TemporaryDirectory(prefix="hotelcrm-bench-") as home:
        out = Path(home) / "probe.json"
        if progress:
            progress("card")
        _started, doc = _app_child(url, {"mode": "card", "guest_id": guest_id, "other_id": other or guest_id,
                                         "opens": opens}, home, out)
    if not doc["card_ms"]:
        raise HotelCrmError("bench_child_failed", exit_code=0, detail="no card was painted")
    return percentiles(doc["card_ms"])


def typing_queries(pairs: list[tuple[str, str]], keystrokes: int) -> list[str]:
    """Queries (kinds in turn) whose characters add up to at least ``keystrokes``."""
    chosen: list[str] = []
    total = 0
    for _, q in pairs:
        if total >= keystrokes:
            break
        chosen.append(q)
        total += len(q)
    return chosen


def run_typing(db: Database, url: str, guests: int, keystrokes: int,
               progress: Progress | None = None) -> TypingBenchResult:
    pairs = prepare(db, guests, progress)
    queries = typing_queries(pairs, keystrokes)
    with tempfile.TemporaryDirectory(prefix="hotelcrm-bench-") as home:
        out = Path(home) / "probe.json"
        if progress:
            progress("typing")
        _started, doc = _app_child(url, {"mode": "typing", "queries": queries}, home, out)
    samples = doc["keystroke_ms"]
    if not samples:
        raise HotelCrmError("bench_child_failed", exit_code=0, detail="no keystroke was painted")
    return TypingBenchResult(guests=guests, backend=db.backend, keystrokes=len(samples), queries=len(queries),
                             keystroke_ms=percentiles(samples), debounce_ms=doc["debounce_ms"],
                             timeouts=doc["timeouts"])
