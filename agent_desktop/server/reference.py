"""Reference data on the server: the matter catalog and the departments.

Both are kept as rows and replaced wholesale when a new version is stored.
`GET /catalog` and `GET /departments` render them to JSON once per stored version, serve
that with a strong ETag, and answer a matching `If-None-Match` with 304. `reference_data`
gives the same sets as objects (for validation, deadlines, routing, Open311), built once
per stored version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Header, Response
from pydantic import BaseModel, TypeAdapter
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from agent_desktop.domain.models import Catalog, CatalogNode, Department
from agent_desktop.forms.routing import Router

from .auth import current_user
from .state import ServerState, get_state
from .tables import CatalogNodeRow, DepartmentRow, ReferenceSetRow, utcnow

CATALOG = "catalog"
DEPARTMENTS = "departments"

_departments_json = TypeAdapter(list[Department])
M = TypeVar("M", bound=BaseModel)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _mark_stored(session: Session, name: str, version: str, digest: str) -> bool:
    """Record the version now in the tables; False if that digest was there already."""
    current = session.get(ReferenceSetRow, name)
    if current and current.digest == digest:
        return False
    session.merge(ReferenceSetRow(name=name, version=version, digest=digest, updated_at=utcnow()))
    return True


def store_catalog(session: Session, catalog: Catalog) -> bool:
    """Replace the stored catalog with `catalog`; False if it was stored already."""
    digest = _sha256(catalog.model_dump_json().encode())
    if not _mark_stored(session, CATALOG, catalog.version, digest):
        return False
    session.execute(delete(CatalogNodeRow))
    session.add_all(
        CatalogNodeRow(position=position, **node.model_dump(mode="json"))
        for position, node in enumerate(catalog.nodes)
    )
    return True


def store_departments(session: Session, departments: list[Department], version: str) -> bool:
    """Replace the stored departments; False if the same list was stored already."""
    digest = _sha256(_departments_json.dump_json(departments))
    if not _mark_stored(session, DEPARTMENTS, version, digest):
        return False
    session.execute(delete(DepartmentRow))
    session.add_all(
        DepartmentRow(position=position, **department.model_dump(mode="json"))
        for position, department in enumerate(departments)
    )
    return True


def _from_row(model: type[M], row: object) -> M:
    return model.model_validate({name: getattr(row, name) for name in model.model_fields})


def load_catalog(session: Session) -> Catalog:
    stored = session.get(ReferenceSetRow, CATALOG)
    rows = session.scalars(select(CatalogNodeRow).order_by(CatalogNodeRow.position))
    return Catalog(
        version=stored.version if stored else "empty",
        nodes=[_from_row(CatalogNode, row) for row in rows],
    )


def load_departments(session: Session) -> list[Department]:
    rows = session.scalars(select(DepartmentRow).order_by(DepartmentRow.position))
    return [_from_row(Department, row) for row in rows]


@dataclass
class ReferenceData:
    """The stored catalog and departments as objects, for one pair of stored versions."""

    key: tuple[str, str]  # (catalog digest, departments digest)
    nodes: dict[str, CatalogNode]
    departments: dict[str, Department]

    @cached_property
    def router(self) -> Router:
        return Router(self.departments.values())

    def leaf(self, code: str) -> CatalogNode | None:
        node = self.nodes.get(code)
        return node if node is not None and node.is_leaf else None

    def leaves(self) -> list[CatalogNode]:
        return [node for node in self.nodes.values() if node.is_leaf]

    def ancestors(self, code: str) -> list[CatalogNode]:
        """The node and its parents, level 1 first."""
        chain: list[CatalogNode] = []
        node = self.nodes.get(code)
        while node is not None and len(chain) < 10:
            chain.append(node)
            node = self.nodes.get(node.parent_code) if node.parent_code else None
        return chain[::-1]

    def department_name(self, code: str | None) -> str | None:
        department = self.departments.get(code) if code else None
        return department.name if department else None


def _stored_digest(session: Session, name: str) -> str:
    stored = session.get(ReferenceSetRow, name)
    return stored.digest if stored else ""


def reference_data(state: ServerState, session: Session) -> ReferenceData:
    """The catalog and departments stored now, built once per stored version."""
    key = (_stored_digest(session, CATALOG), _stored_digest(session, DEPARTMENTS))
    cached = state.reference
    if cached is not None and cached.key == key:
        return cached
    data = ReferenceData(
        key=key,
        nodes={node.code: node for node in load_catalog(session).nodes},
        departments={d.code: d for d in load_departments(session)},
    )
    state.reference = data
    return data


def _rendered(
    state: ServerState, name: str, render: Callable[[Session], bytes]
) -> tuple[bytes, str]:
    """The JSON body and strong ETag of a reference set, rendered once per stored version."""
    with state.db.read() as session:
        stored = session.get(ReferenceSetRow, name)
        digest = stored.digest if stored else ""
        cached = state.rendered.get(name)
        if cached and cached[0] == digest:
            return cached[1], cached[2]
        body = render(session)
    etag = f'"{_sha256(body)[:32]}"'
    state.rendered[name] = (digest, body, etag)
    return body, etag


def _etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def _conditional(body: bytes, etag: str, if_none_match: str | None) -> Response:
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if _etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


router = APIRouter(tags=["reference data"], dependencies=[Depends(current_user)])
_IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match")]
_NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the ETag in If-None-Match is current."}
}


@router.get(
    "/catalog",
    response_model=Catalog,
    responses=_NOT_MODIFIED,
    summary="The 5-level matter catalog",
)
def get_catalog(
    state: Annotated[ServerState, Depends(get_state)], if_none_match: _IfNoneMatch = None
) -> Response:
    body, etag = _rendered(
        state, CATALOG, lambda s: load_catalog(s).model_dump_json(exclude_none=True).encode()
    )
    return _conditional(body, etag, if_none_match)


@router.get(
    "/departments",
    response_model=list[Department],
    responses=_NOT_MODIFIED,
    summary="Departments with their jurisdiction",
)
def get_departments(
    state: Annotated[ServerState, Depends(get_state)], if_none_match: _IfNoneMatch = None
) -> Response:
    body, etag = _rendered(
        state,
        DEPARTMENTS,
        lambda s: _departments_json.dump_json(load_departments(s), exclude_none=True),
    )
    return _conditional(body, etag, if_none_match)
