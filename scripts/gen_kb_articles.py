"""Generate `resources/kb/articles.json`, the demo knowledge base, from `scripts/kb_src/*.txt`.

The articles were written for this project as demo content (plausible, not official
policy) and are flagged `demo: true`. Source markup, one article per block:

    === id | title | department | keyword,keyword,… [| expires=YYYY-MM-DD]
    A paragraph.            ## A heading        - a bullet        1. a numbered step

Run: `python scripts/gen_kb_articles.py` (writes the JSON; `--check` only validates).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(__file__).resolve().parent / "kb_src"
OUT = ROOT / "resources" / "kb" / "articles.json"

UPDATED_AT = "2026-01-05T08:00:00+08:00"
EFFECTIVE_FROM = "2025-01-01T00:00:00+08:00"

# Matter codes (leaves of resources/catalog/catalog.json) each article answers, as
# "article codes…" entries separated by ";" or line ends. Checked against the catalog when generating.
MATTER_TABLE = """
re-01 0606010101; re-02 0604020102; re-03 0606010102; re-04 0606010103; re-06 0606010104
re-08 0606010102; hf-01 0607010101; hf-02 0607010101; hf-04 0607010101; hf-05 0607010101
hf-08 0607010101; hf-03 0607010102; hf-06 0607010103; si-01 0504010103; si-02 0504010103
si-03 0501010202; si-04 0501010101 0501010103; si-05 0501010203; si-06 0501030101
si-07 0502030102; si-08 0501020101; si-09 0502010101 0502010102
si-10 0502020101 0502020102 0502020103; mi-01 0504010102; mi-03 0504010101; mi-04 0504010201
mi-05 0504010103; mi-06 0504010101; mi-07 0506020101; mi-08 0504010202; rp-01 0902010102
rp-02 0902010102; rp-03 0902010102; rp-06 0902010102; rp-04 0902010103
rp-05 0902010101 0503010202; rp-07 0902010101; ut-01 0104010101; ut-02 0104010101 0104010104
ut-03 0104010103; ut-04 0104010102; ut-05 0104010102 0802020103; ut-06 0104020101
ut-07 0104020101; ut-08 0104020201; ut-09 0104030101; ut-10 0104030102; wl-01 0101010201
wl-02 0101010201; wl-03 0101020101 0101020102; wl-04 0101020201 0101020202 0101020203
wl-05 0101010101 0101010103; wl-06 0101030101; wl-07 0101010202; wl-08 1206010102
ns-01 0102010201; ns-02 0901010103; ns-04 0901010101; ns-05 0901010102; ns-06 1003010102
ns-07 0903010103; ns-08 1003010101; ic-01 0102020101; ic-02 0102020102; ic-03 0604010101
ic-04 0602010102; ic-05 0904010102 0202020202 0904010103; ic-06 0204010202; gs-01 0201010102
gs-02 0201010203; gs-03 0201010202; gs-04 0201010201 0201020101; gs-05 0203010101 0201020102
gs-06 0201010102; gs-07 0201010102; cr-01 0401010101; cr-02 0401010102; cr-03 0401010103
cr-04 0401010104 0702010102; cr-05 0401030101; cr-06 0402010101 0402010102
cr-07 0403010101 0403010103; cr-08 0401030103; cr-09 1203010201; cr-11 0401020103
ar-04 1203010103; fr-01 0901020102; fr-02 0901020102; fr-03 0901020102; fr-04 0901020102
fr-05 0901020102; fr-06 0901020102; fr-07 0901020102; se-01 0701010101; se-02 0701010103
se-03 0701010201; se-04 0701010102; se-05 0703010101; se-06 0702010101; se-07 0701020101
se-08 0703010102; bl-01 1101010101; bl-02 1101010101; bl-03 1101010101; bl-04 0402010103
bl-05 0405020102; bl-08 0405020101 0202010101; tv-01 0903010101 0903010102; tv-02 0903010101
tv-04 0903020101; tv-05 0303020201; tv-06 0304020101; tv-07 0903020103
tv-08 0303020201 0304010101; tv-09 0302010101 0302010102 0302020101; ec-01 0506020103
ec-03 0506020102; ec-04 0506010101 0506010102; ec-08 0603020103; ds-01 0505020103
ds-02 0505020103; pt-01 0205010103; pt-02 0205010103; pt-04 0205010102 0205010101
pt-05 0205020102; pt-06 0205020101; ty-01 1206010102; ty-02 0204010103 0204010102
ty-03 0602010203; ty-04 0202020101; ty-05 1206010102; ty-06 1206010102; pm-01 0601010101
pm-02 0404010101 0404010102; pm-04 0601030101; hl-01 1207020102; hl-03 1207020102
hl-04 1207010101; hc-01 0801010102; hc-02 0803010201
"""
MATTERS = {
    entry.split()[0]: entry.split()[1:]
    for entry in MATTER_TABLE.replace("\n", ";").split(";") if entry.strip()
}


def render(lines: list[str]) -> str:
    out: list[str] = []
    list_tag: str | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            tag, text = "ul", line[2:]
        elif line[:1].isdigit() and ". " in line[:4]:
            tag, text = "ol", line.split(". ", 1)[1]
        else:
            tag, text = None, line
        if tag != list_tag:
            if list_tag:
                out.append(f"</{list_tag}>")
            if tag:
                out.append(f"<{tag}>")
            list_tag = tag
        if tag:
            out.append(f"<li>{html.escape(text)}</li>")
        elif line.startswith("## "):
            out.append(f"<h3>{html.escape(line[3:])}</h3>")
        else:
            out.append(f"<p>{html.escape(text)}</p>")
    if list_tag:
        out.append(f"</{list_tag}>")
    return "".join(out)


def parse(text: str) -> list[dict]:
    articles = []
    for block in text.split("=== ")[1:]:
        header, *body = block.splitlines()
        fields = [f.strip() for f in header.split("|")]
        art_id, title, department, keywords = fields[:4]
        extra = dict(f.split("=", 1) for f in fields[4:])
        articles.append({
            "id": f"kb-demo-{art_id}",
            "title": title,
            "body_html": render(body),
            "matter_codes": MATTERS.get(art_id, []),
            "keywords": [k.strip() for k in keywords.split(",") if k.strip()],
            "department": department,
            "effective_from": EFFECTIVE_FROM,
            "expires_at": f"{extra['expires']}T00:00:00+08:00" if "expires" in extra else None,
            "version": 1,
            "updated_at": UPDATED_AT,
            "retired": False,
            "demo": True,
        })
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only")
    args = parser.parse_args(argv)
    articles = []
    for path in sorted(SRC.glob("*.txt")):
        articles.extend(parse(path.read_text(encoding="utf-8")))
    ids = [a["id"] for a in articles]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        print(f"duplicate ids: {sorted(dupes)}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    from agent_desktop.domain import KbArticle

    for a in articles:
        KbArticle.model_validate(a)
    catalog = json.loads((ROOT / "resources" / "catalog" / "catalog.json").read_text("utf-8"))
    leaves = {n["code"] for n in catalog["nodes"] if n["level"] == 5}
    unknown = {c for a in articles for c in a["matter_codes"]} - leaves
    if unknown:
        print(f"matter codes not in the catalog: {sorted(unknown)}", file=sys.stderr)
        return 1
    if not args.check:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({"articles": articles}, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
    print(f"{len(articles)} articles{'' if args.check else f' → {OUT}'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
