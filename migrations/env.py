"""Alembic environment: the URL comes from the app's config (or the caller's connection)."""

from __future__ import annotations

from alembic import context

from hotelcrm.config import load_config
from hotelcrm.db.engine import create_db_engine
from hotelcrm.db.models import Base
from hotelcrm.db.models.search import is_search_index_object

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    # The search index's FTS5 table and PostgreSQL operator-class indexes live outside the models.
    return not (reflected and is_search_index_object(name, type_))


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or load_config().database_url
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or load_config().database_url
    engine = create_db_engine(url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
