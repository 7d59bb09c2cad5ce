"""A human-readable name for the configured database: a file path or host/database, no password."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from hotelcrm.i18n import tr


def describe_database(url: str) -> str:
    scheme, _, rest = url.partition("://")
    if scheme.startswith("sqlite"):
        path = rest[1:] if rest.startswith("/") else rest
        # sqlite:////abs/path keeps its leading slash after the authority part is dropped
        return tr("ui.database.sqlite", path=unquote(path) or ":memory:")
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    if parts.port:
        host = f"{host}:{parts.port}"
    name = unquote(parts.path.lstrip("/")) or "postgres"
    return tr("ui.database.postgresql", host=host, database=name)
