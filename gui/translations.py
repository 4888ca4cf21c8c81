"""Keep the `.ts` files in step with the code: `python -m gui.translations` runs Qt's
lupdate over every Python file of `gui/` and `engine/` (new strings are added unfinished,
translations of unchanged strings are kept, strings gone from the code are dropped).

Adding a language: add it to `gui.i18n.Language`, run this module with its code
(`python -m gui.translations de`), translate the new `.ts` in Qt Linguist
(`pyside6-linguist resources/i18n/backprop_studio_de.ts`), and commit the `.ts`.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from gui.i18n import TS_PREFIX, Language, lrelease_program

REPO = Path(__file__).resolve().parent.parent
SOURCE_PACKAGES = ("gui", "engine")


def source_files(root: Path = REPO) -> list[Path]:
    files = [path for package in SOURCE_PACKAGES for path in sorted((root / package).rglob("*.py"))]
    return [path for path in files if "__pycache__" not in path.parts]


def lupdate_program() -> Path:
    lrelease = lrelease_program()
    return lrelease.with_name(lrelease.name.replace("lrelease", "lupdate"))


def update_ts(ts: Path, root: Path = REPO, language: str = "") -> str:
    """Run lupdate over the sources into `ts` (created when missing); returns its report."""
    command = [str(lupdate_program()), "-no-obsolete", "-locations", "none", "-silent"]
    if language:
        command += ["-target-language", language]
    command += [str(path.relative_to(root)) for path in source_files(root)] + ["-ts", str(ts)]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lupdate failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def merge_translations(ts: Path, translations: dict[str, dict[str, str | list[str]]]) -> int:
    """Fill `ts` from {context: {English source: translation, or a list of plural forms}};
    returns how many messages were filled. lupdate is run afterwards to keep its layout."""
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        table = translations.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            wanted = table.get(message.findtext("source") or "")
            if not wanted:
                continue
            translation = message.find("translation")
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                forms = wanted if isinstance(wanted, list) else [wanted] * 3
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = wanted if isinstance(wanted, str) else wanted[0]
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def main(argv: list[str]) -> int:
    if argv[:1] == ["--merge"]:  # python -m gui.translations --merge sr_Latn a.json b.json
        code, files = argv[1], argv[2:]
        ts = REPO / "resources" / "i18n" / f"{TS_PREFIX}{code}.ts"
        merged: dict[str, dict] = {}
        for name in files:
            for context, table in json.loads(Path(name).read_text(encoding="utf-8")).items():
                merged.setdefault(context, {}).update(table)
        print(f"filled {merge_translations(ts, merged)} messages")
        argv = [code]
    codes = argv or [lang.value for lang in Language if lang is not Language.ENGLISH]
    for code in codes:
        ts = REPO / "resources" / "i18n" / f"{TS_PREFIX}{code}.ts"
        print(update_ts(ts, language=code) or f"updated {ts.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
