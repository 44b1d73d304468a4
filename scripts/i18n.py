"""Maintain the UI translations (Qt's .ts/.qm) for agent-desktop.

    python scripts/i18n.py update     # lupdate: collect tr() strings into the .ts files
    python scripts/i18n.py fill F.json   # set translations from {"context|source": "译文"}
    python scripts/i18n.py release    # lrelease: compile .ts → .qm (committed)
    python scripts/i18n.py check      # list unfinished strings; exit 1 if any

Source strings are English; resources/i18n/agent_desktop_zh_CN.ts holds the Chinese.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ["zh_CN"]


def ts_path(lang: str) -> Path:
    return I18N / f"agent_desktop_{lang}.ts"


def sources() -> list[str]:
    pkg = ROOT / "agent_desktop"
    files = sorted(p for p in pkg.rglob("*.py") if "tr(" in p.read_text(encoding="utf-8")
                   or "translate(" in p.read_text(encoding="utf-8")
                   or "QT_TRANSLATE_NOOP" in p.read_text(encoding="utf-8"))
    return [str(p.relative_to(ROOT)) for p in files]


def tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def lupdate(ts: Path, lang: str) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-silent",
                    "-target-language", lang, "-ts", str(ts)], cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   cwd=ROOT, check=True)


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        lupdate(ts_path(lang), lang)


def release() -> None:
    for lang in LANGUAGES:
        lrelease(ts_path(lang), ts_path(lang).with_suffix(".qm"))


def unfinished(lang: str = "zh_CN", ts: Path | None = None) -> list[str]:
    tree = ET.parse(ts or ts_path(lang))
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or (
                not (tr.text or "").strip() and not list(tr)
            ):
                if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append(f"{name}|{msg.findtext('source')}")
    return missing


def fill(mapping_file: str, lang: str = "zh_CN") -> None:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    path = ts_path(lang)
    tree = ET.parse(path)
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            value = mapping.get(f"{name}|{source}", mapping.get(source))
            if value is None:
                continue
            tr = msg.find("translation")
            if msg.get("numerus") == "yes":
                for child in list(tr):
                    tr.remove(child)
                ET.SubElement(tr, "numerusform").text = value
            else:
                tr.text = value
            tr.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main() -> int:
    cmd = sys.argv[1] if len(sys.argv) > 1 else "check"
    if cmd == "update":
        update()
    elif cmd == "release":
        release()
    elif cmd == "fill":
        fill(sys.argv[2])
    elif cmd == "check":
        missing = unfinished()
        for m in missing:
            print("unfinished:", m)
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
