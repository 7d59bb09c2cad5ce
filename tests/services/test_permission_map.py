"""Issue 9 item 5: every public method of every service, called as every role, is refused exactly
when the role lacks the permission that hotelcrm/services/permission_map.py names for it (the same
table the Administration page shows). Arguments are placeholders (ids that do not exist, empty
drafts): an allowed call may still fail on them, but never with ``PermissionDenied``; a refused call
must be refused before it looks at them, and must change nothing."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

import hotelcrm.services as services_pkg
from hotelcrm.config import Config
from hotelcrm.db.models import AuditEntry
from hotelcrm.domain.errors import PermissionDenied
from hotelcrm.domain.permissions import Permission, Role, role_allows
from hotelcrm.services.app_services import AppServices
from hotelcrm.services.base import Service
from hotelcrm.services.permission_map import METHOD_PERMISSIONS

MISSING_ID = 987_654


def _service_classes() -> list[type[Service]]:
    for info in pkgutil.iter_modules(services_pkg.__path__):
        importlib.import_module(f"{services_pkg.__name__}.{info.name}")
    found: set[type[Service]] = set()
    todo = [Service]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    # only the product's services: tests define Service subclasses of their own
    return sorted((c for c in found if c.__module__.startswith(f"{services_pkg.__name__}.")),
                  key=lambda c: c.__name__)


def public_methods() -> dict[str, tuple[type[Service], str]]:
    return {f"{cls.__name__}.{name}": (cls, name)
            for cls in _service_classes()
            for name, _fn in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}


def _placeholder(param: inspect.Parameter, tmp_path):
    kind = str(param.annotation)
    if "Path" in kind:
        return tmp_path / "no-such-dir" / "file.csv"
    if "datetime" in kind:
        return datetime(2026, 1, 1, tzinfo=UTC)
    if "date" in kind:
        return date(2026, 1, 1)
    if kind.startswith("int"):
        return MISSING_ID
    if kind.startswith("str"):
        return "zz-none"
    if kind.startswith("bytes"):
        return b""
    if kind.startswith("bool"):
        return False
    if kind.startswith(("dict", "Mapping")):
        return {}
    if kind.startswith(("list", "tuple")):
        return []
    return None  # drafts and filters: a placeholder the method never reaches when it refuses


# Allowed calls that would otherwise do real work on placeholders.
OVERRIDES = {
    "DemoService.load": lambda tmp_path: {"guests": 0, "seed": 1},
    "BackupService.backup": lambda tmp_path: {"out": tmp_path / "backup.db"},
    "PrivacyService.run_retention": lambda tmp_path: {"dry_run": True},
}


def call(db, actor, name: str, cls: type[Service], method: str, tmp_path):
    params = inspect.signature(cls.__init__).parameters
    config = Config(db.url if isinstance(db.url, str) else db.url.render_as_string(hide_password=False),
                    tmp_path, None)
    if "services" in params:
        service = cls(AppServices(config, db), actor)
    elif "config" in params:
        service = cls(db, actor, config)
    else:
        service = cls(db, actor)
    fn = getattr(service, method)
    kwargs = {}
    for param in inspect.signature(fn).parameters.values():
        if param.default is inspect.Parameter.empty and param.kind not in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            kwargs[param.name] = _placeholder(param, tmp_path)
    kwargs.update(OVERRIDES.get(name, lambda _t: {})(tmp_path))
    return fn(**kwargs)


def _audit_rows(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def test_the_map_names_every_public_method_and_nothing_else():
    found = set(public_methods())
    listed = set(METHOD_PERMISSIONS)
    assert sorted(found - listed) == [], "service methods missing from permission_map.py"
    assert sorted(listed - found) == [], "permission_map.py lists methods that do not exist"


def mismatches(db, actor, table, tmp_path, names=None) -> list[str]:
    role = actor.role.value
    wrong = []
    for name, (cls, method) in sorted(public_methods().items()):
        if names is not None and name not in names:
            continue
        needed = table[name]
        allowed = needed is None or role_allows(role, needed)
        before = _audit_rows(db)
        try:
            call(db, actor, name, cls, method, tmp_path)
        except PermissionDenied as exc:
            if allowed:
                wrong.append(f"{name}: refused ({exc.params['permission']}) but the table allows it")
            elif exc.params != {"permission": needed.value, "role": role}:
                wrong.append(f"{name}: refused for {exc.params['permission']}, the table says {needed.value}")
            elif _audit_rows(db) != before:
                wrong.append(f"{name}: a refused call left an audit row")
            continue
        except Exception as exc:  # noqa: BLE001 - an allowed call may fail on placeholder arguments
            if not allowed:
                wrong.append(f"{name}: {type(exc).__name__} before the check for {needed.value}")
            continue
        if not allowed:
            wrong.append(f"{name}: ran, but {role} lacks {needed.value}")
    return wrong


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_method_as_every_role(db, make_actor, tmp_path, role):
    wrong = mismatches(db, make_actor(role), METHOD_PERMISSIONS, tmp_path)
    assert wrong == [], "\n".join(wrong)


def test_a_wrong_table_entry_is_caught(sqlite_db, tmp_path):
    """The test can fail: claim guest search needs guest.read and staff's search is reported."""
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.user_service import UserService
    from tests.conftest import PASSWORD

    info = UserService(sqlite_db, Actor.system()).create("staffx", PASSWORD, "staff")
    staff = Actor(info.id, info.username, Role.STAFF)
    table = dict(METHOD_PERMISSIONS) | {"GuestSearchService.search": Permission.GUEST_READ,
                                        "StayService.get": Permission.GUEST_OBSERVE}
    wrong = mismatches(sqlite_db, staff, table, tmp_path, {"GuestSearchService.search", "StayService.get"})
    assert wrong == ["GuestSearchService.search: ran, but staff lacks guest.read",
                     "StayService.get: refused (guest.read) but the table allows it"]
