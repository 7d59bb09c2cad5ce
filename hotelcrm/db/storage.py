"""Checks on where and with what the SQLite file is stored."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import sqlean

from hotelcrm.domain.errors import StorageError

# FTS5 trigram queries of fewer than 3 non-ASCII characters misbehave before 3.43 (DESIGN.md §5).
MIN_SQLITE = (3, 43, 0)
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "fuse.sshfs", "davfs", "ncpfs"}


def sqlite_module():
    """The DB-API module we use for SQLite: sqlean.py ships its own, current SQLite
    (with FTS5 trigram) instead of whatever the operating system's Python has."""
    if sqlean.sqlite_version_info < MIN_SQLITE:
        raise StorageError(
            "sqlite_too_old",
            found=sqlean.sqlite_version,
            needed=".".join(map(str, MIN_SQLITE)),
        )
    return sqlean


def _linux_fs_type(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fs_type = "", None
    target = str(path)
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, fs_type = mount_point, parts[2]
    return fs_type


def _windows_is_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\"):
        return True
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE


def is_network_path(path: Path) -> bool:
    path = path.resolve()
    probe = path if path.exists() else path.parent
    if sys.platform.startswith("win"):
        return _windows_is_remote(probe)
    fs_type = _linux_fs_type(probe)
    return fs_type is not None and (fs_type in NETWORK_FS or fs_type.startswith("fuse.sshfs"))


def check_sqlite_location(path: Path) -> None:
    """Refuse a SQLite file on a network share: WAL needs shared memory on one machine."""
    if is_network_path(path):
        raise StorageError("network_share", path=str(path))
