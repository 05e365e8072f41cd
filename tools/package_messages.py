"""The package's own words: extract, merge and check ``mlelib/locale/<lang>/mlelib.po``.

What :mod:`mlelib` shows a learner itself (the checker's lines, the answer key's hints,
the explorers' labels, readout names and pictures) comes from two sources:

* the string literal of every ``_("...")``, ``gettext("...")`` (optionally with
  ``context="..."``) and ``N_("...")``/``gettext_noop("...")`` call in ``mlelib/**/*.py``,
  found with :mod:`ast`; any other argument is an error, since no catalog could hold
  its translation;
* the learner-facing texts of ``mlelib/answer_key.toml`` (``right``, ``otherwise``,
  each mistake's ``hint``, ``quantity``, ``exact`` and ``names``), with the exercise's
  key as ``msgctxt``, so that equal English in two exercises may read differently.

``update`` merges the catalog with them as ``tools/translations.py`` merges a notebook's;
``check`` lists every missing or stale translation, every glossary term translated the
wrong way, and every translation that lost a ``{placeholder}``, a ``$maths$`` span, a
```code``` span or a number of its English.

Usage::

    python tools/package_messages.py update     # refresh mlelib/locale/ko/mlelib.po
    python tools/package_messages.py check      # what is left to translate
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from translations import (
    CODE_SPAN,
    LOCALE,
    MATH_SPAN,
    PLACEHOLDER,
    ROOT,
    Unit,
    glossary,
    load,
    merge,
    problems,
    term_problems,
)

PACKAGE = ROOT / "mlelib"
ANSWER_KEY = PACKAGE / "answer_key.toml"
#: The functions whose first argument is a message to extract.
MARKERS = {"_", "gettext", "N_", "gettext_noop"}
#: Where the lookup itself lives (its calls pass messages through, they hold none).
LOOKUP = PACKAGE / "i18n.py"
#: The answer key's fields a learner reads (``question`` is for the teacher).
KEY_FIELDS = ("right", "otherwise", "quantity", "exact")
NUMBER = re.compile(r"(?<![A-Za-z_])\d+(?:\.\d+)?")


class ExtractionError(ValueError):
    """A call to gettext whose message is not a string literal."""


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def code_units(path: Path) -> list[Unit]:
    """The messages of one module; raises :class:`ExtractionError` naming every call whose
    message (or context) is not a string literal."""
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    found, errors = [], []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call) or _callee(node) not in MARKERS:
            continue
        context_node = next((k.value for k in node.keywords if k.arg == "context"),
                            node.args[1] if len(node.args) > 1 else None)
        text = _literal(node.args[0]) if node.args else None
        context = _literal(context_node)
        if text is None or (context_node is not None and context is None):
            errors.append(f"{where}:{node.lineno}: {_callee(node)}() needs a string literal "
                          f"(message and context), got {ast.unparse(node)[:70]!r}")
            continue
        found.append(Unit(f"{where}:{node.lineno}", context, text))
    if errors:
        raise ExtractionError("\n".join(errors))
    return found


def answer_key_units(path: Path = ANSWER_KEY) -> list[Unit]:
    """The learner-facing texts of the answer key, each with its exercise's key as context."""
    where = path.relative_to(ROOT).as_posix()
    found = []
    for key, table in tomllib.loads(path.read_text(encoding="utf-8")).items():
        texts = [table.get(field, "") for field in KEY_FIELDS]
        texts += [m["hint"] for m in table.get("mistakes", [])] + list(table.get("names", []))
        found += [Unit(where, key, text) for text in texts if text]
    return found


def units() -> list[Unit]:
    """Every message of the package, once per (context, English), code first."""
    out: dict[tuple[str | None, str], Unit] = {}
    errors = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == LOOKUP:
            continue
        try:
            for unit in code_units(path):
                out.setdefault((unit.context, unit.text), unit)
        except ExtractionError as error:
            errors.append(str(error))
    if errors:
        raise ExtractionError("\n".join(errors))
    for unit in answer_key_units():
        out.setdefault((unit.context, unit.text), unit)
    return list(out.values())


def catalog_path(language: str) -> Path:
    return LOCALE / language / "mlelib.po"


def _kept(text: str) -> dict[str, Counter]:
    """What a translation must keep of ``text``: placeholders, maths, code, numbers."""
    maths = MATH_SPAN.findall(text)
    code = CODE_SPAN.findall(text)
    rest = CODE_SPAN.sub(" ", MATH_SPAN.sub(" ", text))
    holders = PLACEHOLDER.findall(rest)
    return {"placeholder": Counter(holders), "maths": Counter(maths), "code": Counter(code),
            "number": Counter(NUMBER.findall(PLACEHOLDER.sub(" ", rest)))}


def form_problems(po: polib.POFile) -> list[str]:
    """Translations that lost or added a placeholder, maths span, code span or number."""
    found = []
    for entry in po:
        if entry.obsolete or not entry.msgstr or entry.fuzzy:
            continue
        english, korean = _kept(entry.msgid), _kept(entry.msgstr)
        for kind, wanted in english.items():
            if korean[kind] != wanted:
                lost = sorted((wanted - korean[kind]).elements())
                added = sorted((korean[kind] - wanted).elements())
                where = entry.occurrences[0][0] if entry.occurrences else "?"
                found.append(f"{where}: the translation of {entry.msgid[:60]!r} changes its "
                             f"{kind}s (lost {lost}, added {added})")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "check"])
    parser.add_argument("--language", default="ko")
    args = parser.parse_args(argv)
    try:
        wanted = units()
    except ExtractionError as error:
        print(error)
        return 1
    target = catalog_path(args.language)
    po = load(target, args.language)
    if args.action == "update":
        po = merge(po, wanted)
        po.metadata["Project-Id-Version"] = "mlelib"
        target.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(target))
    found = problems(po, wanted, place="exercise")
    print(f"{target.relative_to(ROOT)}: {len(wanted) - len(found)} of {len(wanted)} translated")
    if args.action == "check":
        found += term_problems(po, glossary(args.language), place="exercise")
        found += form_problems(po)
        for line in found:
            print("  " + line)
    return int(bool(found)) if args.action == "check" else 0


if __name__ == "__main__":
    sys.exit(main())
