"""Knowledge-base articles: incremental sync for clients, writes for admins.

`GET /kb/articles` lists articles in (updated_at, id) order, retired ones included so that
clients can drop them. A first sync passes nothing (or `updated_since`, inclusive); every
page carries `next_cursor`, which continues the listing and, kept by the client, resumes
it at the next sync. Writes (`POST`, `PUT`, `POST …/retire`) bump `version` and
`updated_at`, and need the admin role.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from agent_desktop.domain import limits as L
from agent_desktop.domain.models import FieldError, KbArticle, User

from .auth import current_user, require_role
from .policy import KB_EDITORS
from .problems import ProblemError, invalid_fields, not_found
from .state import ServerState, get_state
from .tables import KbArticleRow, utcnow


class KbArticleFields(BaseModel):
    """The editable part of an article (`PUT /kb/articles/{id}` body)."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=L.KB_TITLE_MAX)
    body_html: str = Field(
        max_length=L.KB_BODY_MAX,
        description=f"Rich text, at most {L.KB_BODY_MAX:,} characters (the request body is "
        "capped at 1 MiB).",
    )
    matter_codes: list[Annotated[str, Field(max_length=L.CODE_MAX)]] = Field(
        [], max_length=L.CODES_MAX)
    keywords: list[Annotated[str, Field(max_length=L.KB_KEYWORD_MAX)]] = Field(
        [], max_length=L.KB_KEYWORDS_MAX)
    department: str = Field("", max_length=L.KB_DEPARTMENT_MAX)
    effective_from: AwareDatetime | None = None
    expires_at: AwareDatetime | None = None
    demo: bool = False


class KbArticleIn(KbArticleFields):
    """A new article (`POST /kb/articles` body); the server picks an id if none is given."""

    id: str | None = Field(None, pattern=r"^[A-Za-z0-9._-]{1,64}$")


class KbArticlePage(BaseModel):
    articles: list[KbArticle]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get what follows; keep it to resume the next sync."
    )
    has_more: bool


def _to_model(row: KbArticleRow) -> KbArticle:
    return KbArticle(
        id=row.id,
        title=row.title,
        body_html=row.body_html,
        matter_codes=row.matter_codes,
        keywords=row.keywords,
        department=row.department,
        effective_from=row.effective_from,
        expires_at=row.expires_at,
        version=row.version,
        updated_at=row.updated_at,
        retired=row.retired,
        demo=row.demo,
    )


def _encode_cursor(row: KbArticleRow) -> str:
    raw = json.dumps([row.updated_at.isoformat(), row.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        at, article_id = json.loads(raw)
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            raise ValueError("naive cursor time")
        return when, str(article_id)
    except (ValueError, TypeError) as exc:  # also binascii.Error, JSONDecodeError, not a pair
        raise invalid_fields(
            [FieldError(field="query.cursor", message="Not a cursor this server handed out.")]
        ) from exc


def apply_fields(row: KbArticleRow, fields: KbArticleFields) -> None:
    for name, value in fields.model_dump(exclude={"id"}).items():
        setattr(row, name, value)


def upsert_shipped(session: Session, article: KbArticle) -> bool:
    """Store a shipped (seed) article unless the stored one is as new; True if written."""
    row = session.get(KbArticleRow, article.id)
    if row and row.version >= article.version:
        return False
    if row is None:
        row = KbArticleRow(id=article.id)
        session.add(row)
    editable = article.model_dump(include=set(KbArticleFields.model_fields))
    apply_fields(row, KbArticleFields.model_validate(editable))
    row.version, row.retired, row.updated_at = article.version, article.retired, utcnow()
    return True


router = APIRouter(prefix="/kb", tags=["knowledge base"])
_State = Annotated[ServerState, Depends(get_state)]
_ArticleId = Annotated[str, Path(min_length=1, max_length=64, description="The article's id")]
_Admin = Annotated[User, Depends(require_role(*KB_EDITORS))]


@router.get("/articles", response_model=KbArticlePage, summary="Sync articles (incremental)")
def list_articles(
    state: _State,
    user: Annotated[User, Depends(current_user)],
    updated_since: Annotated[AwareDatetime | None, Query(description="Inclusive")] = None,
    cursor: Annotated[
        str | None,
        Query(max_length=L.CURSOR_MAX, description="next_cursor of an earlier page"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> KbArticlePage:
    query = select(KbArticleRow).order_by(KbArticleRow.updated_at, KbArticleRow.id)
    if updated_since:
        query = query.where(KbArticleRow.updated_at >= updated_since)
    if cursor:
        at, article_id = _decode_cursor(cursor)
        query = query.where(
            or_(
                KbArticleRow.updated_at > at,
                and_(KbArticleRow.updated_at == at, KbArticleRow.id > article_id),
            )
        )
    with state.db.read() as session:
        rows = list(session.scalars(query.limit(limit + 1)))
    page = rows[:limit]
    return KbArticlePage(
        articles=[_to_model(row) for row in page],
        next_cursor=_encode_cursor(page[-1]) if page else cursor,
        has_more=len(rows) > limit,
    )


@router.get("/articles/{article_id}", response_model=KbArticle, summary="One article")
def get_article(
    article_id: _ArticleId, state: _State, user: Annotated[User, Depends(current_user)]
) -> KbArticle:
    with state.db.read() as session:
        return _to_model(_existing(session, article_id))


@router.post("/articles", status_code=201, response_model=KbArticle, summary="Add an article")
def create_article(body: KbArticleIn, state: _State, admin: _Admin) -> KbArticle:
    article_id = body.id or f"kb-{utcnow():%Y%m%d%H%M%S%f}"
    with state.db.write() as session:
        if session.get(KbArticleRow, article_id):
            raise ProblemError(
                409,
                "Article exists",
                f"There is already an article {article_id!r}; change it with PUT.",
                slug="conflict",
            )
        row = KbArticleRow(id=article_id, version=1, retired=False, updated_at=utcnow())
        apply_fields(row, body)
        session.add(row)
        session.flush()
        return _to_model(row)


@router.put("/articles/{article_id}", response_model=KbArticle, summary="Change an article")
def update_article(
    article_id: _ArticleId, body: KbArticleFields, state: _State, admin: _Admin
) -> KbArticle:
    with state.db.write() as session:
        row = _existing(session, article_id)
        apply_fields(row, body)
        row.version, row.updated_at = row.version + 1, utcnow()
        session.flush()
        return _to_model(row)


@router.post(
    "/articles/{article_id}/retire", response_model=KbArticle, summary="Withdraw an article"
)
def retire_article(article_id: _ArticleId, state: _State, admin: _Admin) -> KbArticle:
    with state.db.write() as session:
        row = _existing(session, article_id)
        if not row.retired:
            row.retired, row.version, row.updated_at = True, row.version + 1, utcnow()
            session.flush()
        return _to_model(row)


def _existing(session: Session, article_id: str) -> KbArticleRow:
    row = session.get(KbArticleRow, article_id)
    if row is None:
        raise not_found(f"There is no knowledge-base article {article_id!r}.")
    return row
