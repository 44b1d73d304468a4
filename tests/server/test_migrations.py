"""Migrations and demo seeding, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from agent_desktop.domain.reference import load_catalog
from agent_desktop.server.db import MIGRATIONS_DIR, Database
from agent_desktop.server.reference import store_catalog
from agent_desktop.server.seed import DEMO_USERS, seed_demo
from agent_desktop.server.tables import (
    Base,
    CatalogNodeRow,
    DepartmentRow,
    KbArticleRow,
    ReferenceSetRow,
    UserRow,
    WorkOrderPhoneRow,
    WorkOrderRow,
)


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()  # type: ignore[return-value]


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def test_upgrade_head_on_an_empty_database_then_again_is_a_no_op(database_url: str):
    db = Database(database_url)
    assert current_revision(db) is None
    db.migrate()
    assert current_revision(db) == head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert {"users", "tokens", "work_orders", "events", "kb_articles"} <= tables
    assert {"work_order_history", "agent_states"} <= tables
    db.migrate()
    assert current_revision(db) == head_revision()
    assert set(inspect(db.engine).get_table_names()) == tables
    db.dispose()


def test_the_orm_matches_the_migrated_schema(database_url: str):
    db = Database(database_url)
    db.migrate()
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    db.dispose()


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            row.__tablename__: session.scalar(select(func.count()).select_from(row)) or 0
            for row in (UserRow, CatalogNodeRow, DepartmentRow, KbArticleRow)
        }


def test_demo_seeding_is_idempotent_and_restores_the_shipped_catalog(database_url: str):
    db = Database(database_url)
    db.migrate()
    seed_demo(db)
    first = counts(db)
    assert first["users"] == len(DEMO_USERS)
    assert first["catalog_nodes"] == len(load_catalog().nodes)
    seed_demo(db)
    assert counts(db) == first

    shipped = load_catalog()
    with db.write() as session:
        store_catalog(
            session, shipped.model_copy(update={"version": "old", "nodes": shipped.nodes[:3]})
        )
    assert counts(db)["catalog_nodes"] == 3
    seed_demo(db)
    assert counts(db) == first
    with db.read() as session:
        assert session.get(ReferenceSetRow, "catalog").version == shipped.version  # type: ignore[union-attr]
    db.dispose()


def test_upgrading_a_0001_database_keeps_its_orders(database_url: str):
    """0002 only adds: orders, phones and users of a 0001 database survive, and older
    orders get updated_at = created_at."""
    db = Database(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO work_orders (id, number, status, matter_code, department_code, "
                "created_at, created_by, payload, deadlines) VALUES (7, '20260101000001', "
                "'dispatched', '0101010101', 'X', '2026-01-01 02:00:00', 'operator1', '{}', '{}')"
            )
        )
        conn.execute(
            text("INSERT INTO work_order_phones (work_order_id, phone) VALUES (7, '13900000000')")
        )
    db.migrate()
    assert current_revision(db) == head_revision()
    with db.read() as session:
        row = session.get(WorkOrderRow, 7)
        assert row is not None and row.updated_at == row.created_at
        assert (row.return_count, row.supervised, row.deadlines_approximate) == (0, False, False)
        phones = session.scalars(select(WorkOrderPhoneRow.phone)).all()
    assert phones == ["13900000000"]
    db.dispose()
