"""Demo data: one user per role, the shipped catalog and departments, KB articles.

The `department` user dept1 handles the orders of 徐汇区建设和管理委员会
(310104-CONSTRUCTION), where the demo catalog's road and drainage matters in 徐汇区 go.

`seed_demo` runs at every start with `--demo` and is idempotent: users are created once
(an existing user keeps its password), the catalog and departments are replaced only
when the shipped files changed, and a shipped KB article is written only when it is new
or its version is higher than the stored one. Demo passwords are `<username>-demo`.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from agent_desktop.domain import reference
from agent_desktop.domain.enums import Role
from agent_desktop.domain.models import KbArticle
from agent_desktop.packaged import resource

from .db import Database
from .kb import upsert_shipped
from .reference import store_catalog, store_departments
from .security import hash_password
from .tables import UserRow, utcnow

log = logging.getLogger(__name__)

DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("operator1", "王小梅", Role.OPERATOR),
    ("lead1", "李建国", Role.LEAD),
    ("trainer1", "陈静", Role.TRAINER),
    ("admin1", "张伟", Role.ADMIN),
    ("dept1", "赵磊", Role.DEPARTMENT),
)
# username → the department a `department` demo user acts for
DEMO_DEPARTMENTS: dict[str, str] = {"dept1": "310104-CONSTRUCTION"}


def demo_password(username: str) -> str:
    return f"{username}-demo"


def seed_demo(db: Database) -> None:
    with db.write() as session:
        _seed_users(session)
        catalog = reference.load_catalog()
        if store_catalog(session, catalog):
            log.info("stored catalog version %s (%d nodes)", catalog.version, len(catalog.nodes))
        departments_file = resource("departments.json")
        version = json.loads(departments_file.read_bytes()).get("version", "")
        departments = reference.load_departments(departments_file)
        if store_departments(session, departments, version):
            log.info("stored departments version %s (%d)", version, len(departments))
        _seed_kb(session)


def _seed_users(session: Session) -> None:
    existing = set(session.scalars(select(UserRow.username)))
    for username, display_name, role in DEMO_USERS:
        if username not in existing:
            session.add(
                UserRow(
                    username=username,
                    display_name=display_name,
                    role=role.value,
                    password_hash=hash_password(demo_password(username)),
                    created_at=utcnow(),
                    department_code=DEMO_DEPARTMENTS.get(username),
                )
            )


def _seed_kb(session: Session) -> None:
    path = resource("kb", "articles.json")
    if not path.is_file():
        return
    raw = json.loads(path.read_bytes())
    written = sum(upsert_shipped(session, KbArticle.model_validate(a)) for a in raw["articles"])
    if written:
        log.info("stored %d knowledge-base articles from %s", written, path)
