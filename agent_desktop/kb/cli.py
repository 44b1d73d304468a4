"""`agent-desktop kb …`: search the local knowledge base, sync it, look up legal entities.

    agent-desktop kb search "房产证泡水了" --json
    agent-desktop kb sync --server-url http://127.0.0.1:8000 --username operator1
    agent-desktop kb entity "浦江物业"
    agent-desktop kb eval tests/kb/queries.json

Search uses the local index in the user data dir; before the first sync it searches the
bundled demo corpus and says so on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    kb = subparsers.add_parser("kb", help="knowledge base: search, sync, legal entities",
                               description="Search the local knowledge base, sync it with the "
                               "hotline server, look up legal entities.")
    sub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)

    search = sub.add_parser("search", help="ranked articles for a query (local index)")
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--matter", help="only articles under this matter code")
    search.add_argument("--department", help="only articles of this department")
    search.set_defaults(func=_search)

    sync = sub.add_parser("sync", help="pull article changes from the hotline server")
    sync.add_argument("--server-url", help="server root (default: from config)")
    sync.add_argument("--username", help="default: from config, else operator1")
    sync.add_argument("--password", help="default: $AGENT_DESKTOP_PASSWORD, else asked")
    sync.set_defaults(func=_sync)

    entity = sub.add_parser("entity", help="search the legal-entity directory")
    entity.add_argument("query")
    entity.add_argument("--json", action="store_true")
    entity.add_argument("--limit", type=int, default=10)
    entity.set_defaults(func=_entity)

    ev = sub.add_parser("eval", help="recall@1/@3 and MRR on a labelled query file")
    ev.add_argument("queries", type=Path)
    ev.set_defaults(func=_eval)


def _service():
    from .service import KbService
    from .store import ArticleStore

    return KbService(ArticleStore.open_default())


def _search(args: argparse.Namespace) -> int:
    kb = _service()
    kb.open_blocking()
    if kb.source == "demo":
        print("kb: the local index is empty (never synced): searching the bundled demo "
              "corpus. Run `agent-desktop kb sync` to use the server's articles.",
              file=sys.stderr)
    results = kb.search_blocking(args.query, limit=args.limit, matter_code=args.matter,
                                 department=args.department)
    if args.json:
        print(json.dumps([{"id": r.id, "title": r.title, "score": r.score} for r in results],
                         ensure_ascii=False, indent=1))
    else:
        for r in results:
            print(f"{r.score:8.3f}  {r.id}  {r.title}")
        if not results:
            print("no results", file=sys.stderr)
    return 0


def _sync(args: argparse.Namespace) -> int:
    from agent_desktop.api.client import ApiError, HotlineClient, ServerUnreachable
    from agent_desktop.config import load_settings

    from .sync import KbSync

    settings = load_settings()
    url = args.server_url or settings.server_url
    if not url:
        print("kb sync: no server configured; pass --server-url URL (the server root, "
              "e.g. http://127.0.0.1:8000)", file=sys.stderr)
        return 2
    username = args.username or settings.username or "operator1"
    password = args.password or os.environ.get("AGENT_DESKTOP_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            print("kb sync: no password; pass --password or set AGENT_DESKTOP_PASSWORD",
                  file=sys.stderr)
            return 2
        password = getpass.getpass(f"password for {username}@{url}: ")

    async def run() -> int:
        client = HotlineClient(url)
        kb = _service()
        try:
            await client.login(username, password)
            await kb.open()

            def progress(done: int, total: int | None) -> None:
                print(f"\rkb sync: {done}" + (f"/{total}" if total else "") + " articles",
                      end="", file=sys.stderr, flush=True)

            report = await kb.sync(KbSync(client.http, kb.store), progress=progress)
            print(file=sys.stderr)
            print(f"kb sync: {report.received} received, {report.upserted} updated, "
                  f"{report.removed} removed; {kb.article_count} articles in the local index")
            return 0
        except ServerUnreachable as exc:
            print(f"\nkb sync: server unreachable ({exc}); the local index is unchanged",
                  file=sys.stderr)
            return 3
        except ApiError as exc:
            hint = " (check username and password)" if exc.unauthorized else ""
            print(f"\nkb sync: server refused: {exc}{hint}", file=sys.stderr)
            return 4
        finally:
            await client.aclose()
            kb.store.close()

    return asyncio.run(run())


def _entity(args: argparse.Namespace) -> int:
    from .entities import LegalEntityDirectory

    matches = LegalEntityDirectory.default().search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([{"name": m.entity.name, "credit_code": m.entity.credit_code,
                           "address": m.entity.address, "district": m.entity.district,
                           "score": m.score} for m in matches], ensure_ascii=False, indent=1))
    else:
        for m in matches:
            print(f"{m.score:5.1f}  {m.entity.credit_code}  {m.entity.name}  {m.entity.address}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from .quality import evaluate, load_queries

    kb = _service()
    kb.open_blocking()
    report = evaluate(kb._index, load_queries(args.queries))
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    return 0
