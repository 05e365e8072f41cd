"""The Korean edition's catalogs: extract, merge, check and apply (``make notebooks``).

The gettext model, as sphinx-intl keeps a translated documentation set: the English
notebooks are the only source, and each has one PO catalog per language in
``mlelib/locale/<lang>/notebooks/<notebook>.po`` (inside the package, because a kernel
looks up the words of a figure there wherever the notebook was copied to).  A catalog
holds two kinds of entries:

* the paragraphs of the markdown cells (``msgctxt`` = the cell's id), one entry per
  paragraph, so that an edited paragraph marks only its own translation stale;
* the words the notebook's figures show (``msgctxt`` = ``figure``), which the English run
  records in each figure output's metadata (:mod:`mlelib.i18n`).

``update`` merges the catalog with the English notebook as ``msgmerge`` does: an entry
whose English text changed keeps its old translation, flagged ``fuzzy``, with the old
English as ``#| msgid``, so a translator sees what changed.  ``check`` lists every missing
or fuzzy translation, naming notebook, cell and English text, and every glossary term
translated the wrong way.  ``apply`` writes the translated notebook (before execution).

Usage::

    python tools/translations.py update notebooks/*.ipynb      # refresh the catalogs
    python tools/translations.py check notebooks/*.ipynb       # what is left to translate
"""

from __future__ import annotations

import argparse
import copy
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

from mlelib.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "mlelib" / "locale"
EDITIONS = ROOT / "notebooks"          # English here, each translation in a folder of its code
#: The languages the course is translated into (English is the source).
TRANSLATED = tuple(language for language in LANGUAGES if language != "en")


def edition_folder(language: str) -> Path:
    """Where an edition's notebooks are: ``notebooks/``, or ``notebooks/<language>/``."""
    return EDITIONS if language == "en" else EDITIONS / language
FIGURE = "figure"
FIGURE_TEXT = "mlelib/figure-text"     # output metadata key (mlelib.i18n writes it)
FENCE = re.compile(r"^\s*(```|~~~)")
MATH_SPAN = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK_TARGET = re.compile(r"\]\((#[^)\s]+|https?://[^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
WORD = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*(?::[^{}]*)?\}")   # str.format's {name:spec}


@dataclass(frozen=True)
class Unit:
    """One string to translate: where it is (notebook, cell) and the English text."""

    notebook: str
    context: str
    text: str


def blocks(markdown: str) -> list[str]:
    """Split a markdown cell into paragraphs; a fenced block or a $$ block stays whole."""
    out: list[str] = []
    current: list[str] = []
    fenced = displayed = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.count("$$") % 2 == 1:
            displayed = not displayed
        if not line.strip() and not fenced and not displayed:
            if current:
                out.append("\n".join(current))
            current = []
            continue
        current.append(line)
    if current:
        out.append("\n".join(current))
    return out


def has_words(text: str) -> bool:
    """True when a block has words to translate outside maths, code and link targets."""
    bare = LINK_TARGET.sub("]", CODE_SPAN.sub(" ", MATH_SPAN.sub(" ", text)))
    return bool(WORD.search(bare))


def units(nb: nbformat.NotebookNode, name: str) -> list[Unit]:
    """Every string of one English notebook that its translation must cover, in order."""
    found: dict[tuple[str, str], Unit] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for block in blocks(cell.source):
                if has_words(block):
                    found.setdefault((cell.id, block), Unit(name, cell.id, block))
        elif cell.cell_type == "code":
            for out in cell.get("outputs", []):
                for text in out.get("metadata", {}).get("image/png", {}).get(FIGURE_TEXT, []):
                    found.setdefault((FIGURE, text), Unit(name, FIGURE, text))
    return list(found.values())


def catalog_path(notebook: Path, language: str) -> Path:
    return LOCALE / language / "notebooks" / f"{notebook.stem}.po"


def new_catalog(language: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "likelihood notebooks",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    return po


def load(path: Path, language: str) -> polib.POFile:
    if path.exists():
        po = polib.pofile(str(path), wrapwidth=0)
        po.wrapwidth = 0
        return po
    return new_catalog(language)


def _closest(old: list[polib.POEntry], text: str) -> polib.POEntry | None:
    """The translated entry of the same cell whose English is nearest to ``text``."""
    best, score = None, 0.6
    for entry in old:
        if not entry.msgstr:
            continue
        ratio = difflib.SequenceMatcher(None, entry.msgid, text).ratio()
        if ratio > score:
            best, score = entry, ratio
    return best


def merge(po: polib.POFile, wanted: list[Unit],
          compendium: polib.POFile | None = None) -> polib.POFile:
    """The catalog for ``wanted``, keeping what ``po`` already translated (msgmerge).

    A string neither translated nor stale takes the translation of the same string (same
    context) in ``compendium``, if any, as ``msgmerge --compendium`` does.
    """
    shared = {(e.msgctxt, e.msgid): e.msgstr for e in (compendium or [])
              if e.msgstr and not e.fuzzy}
    by_key = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    by_context: dict[str, list[polib.POEntry]] = {}
    by_text: dict[str, polib.POEntry] = {}
    for entry in by_key.values():
        by_context.setdefault(entry.msgctxt, []).append(entry)
        if entry.msgstr and not entry.fuzzy:
            by_text.setdefault(entry.msgid, entry)
    out = new_catalog(po.metadata.get("Language", "ko"))
    out.metadata.update(po.metadata)
    for unit in wanted:
        kept = by_key.get((unit.context, unit.text))
        entry = polib.POEntry(msgctxt=unit.context, msgid=unit.text,
                              occurrences=[(unit.notebook, unit.context)])
        if kept is not None and kept.msgstr:
            entry.msgstr, entry.flags = kept.msgstr, list(kept.flags)
            entry.previous_msgid, entry.tcomment = kept.previous_msgid, kept.tcomment
        elif (unit.context, unit.text) in shared:
            entry.msgstr = shared[(unit.context, unit.text)]
        else:
            near = by_text.get(unit.text) or _closest(by_context.get(unit.context, []), unit.text)
            if near is not None:
                entry.msgstr, entry.flags = near.msgstr, ["fuzzy"]
                entry.previous_msgid, entry.tcomment = near.msgid, near.tcomment
        if not entry.fuzzy:
            entry.previous_msgid = None
        out.append(entry)
    return out


def problems(po: polib.POFile, wanted: list[Unit], place: str = "cell") -> list[str]:
    """Missing and stale translations, one line each: notebook, cell, English text.

    ``place`` names what a unit's context is ("cell"; "exercise" for the answer key).
    """
    by_key = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    found = []
    for unit in wanted:
        entry = by_key.get((unit.context, unit.text))
        state = ("missing" if entry is None or not entry.msgstr
                 else "stale (fuzzy)" if entry.fuzzy else None)
        if state:
            english = unit.text if len(unit.text) < 90 else unit.text[:87] + "..."
            where = f"{unit.notebook}, {place} {unit.context}" if unit.context else unit.notebook
            found.append(f"{where}: {state} translation of {english!r}")
    return found


def glossary(language: str) -> list[tuple[re.Pattern, str, list[str]]]:
    """The course's terms: (English pattern, Korean term, accepted forms), longest first."""
    po = polib.pofile(str(LOCALE / language / "glossary.po"))
    terms = []
    for entry in sorted(po, key=lambda e: -len(e.msgid)):
        words = [re.escape(w) for w in re.split(r"[- ]", entry.msgid)]
        pattern = re.compile(r"\b" + r"[- ]?".join(words) + r"s?\b", re.IGNORECASE)
        note = entry.tcomment or ""
        accepted = note.split("accepted:", 1)[1].split(";")[0] if "accepted:" in note else ""
        forms = [entry.msgstr] + [f.strip() for f in accepted.split(",") if f.strip()]
        terms.append((pattern, entry.msgid, forms))
    return terms


def term_problems(po: polib.POFile, terms: list[tuple[re.Pattern, str, list[str]]],
                  place: str = "cell") -> list[str]:
    """Entries whose English uses a glossary term that the translation does not use."""
    found = []
    for entry in po:
        if entry.obsolete or not entry.msgstr or entry.fuzzy:
            continue
        english = PLACEHOLDER.sub(" ", CODE_SPAN.sub(" ", MATH_SPAN.sub(" ", entry.msgid)))
        korean = entry.msgstr.replace(" ", "")
        waived = re.findall(r"glossary-ok: ([^\n;]+)", entry.tcomment or "")
        taken: list[tuple[int, int]] = []
        for pattern, term, forms in terms:
            for match in pattern.finditer(english):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                taken.append(match.span())
                if term in waived or any(f.replace(" ", "") in korean for f in forms):
                    continue
                where = entry.occurrences[0][0] if entry.occurrences else "?"
                if entry.msgctxt:
                    where += f", {place} {entry.msgctxt}"
                found.append(f"{where}: '{term}' should read {forms[0]!r} "
                             f"in {entry.msgstr[:60]!r}")
                break
    return found


def _anchor(heading: str) -> str:
    return heading.replace(" ", "-")


def _translate_source(source: str, table: dict[str, str]) -> str:
    out, rest = [], source
    for block in blocks(source):
        at = rest.index(block)
        out.append(rest[:at] + table.get(block, block))
        rest = rest[at + len(block):]
    return "".join(out) + rest


def apply(nb: nbformat.NotebookNode, po: polib.POFile) -> nbformat.NotebookNode:
    """A translated copy of ``nb``: markdown from ``po``, code cells untouched.

    Links to headings (``](#Solution-2.1)``) are pointed at the translated headings.
    """
    table: dict[tuple[str, str], str] = {(e.msgctxt, e.msgid): e.msgstr for e in po
                                         if e.msgstr and not e.fuzzy and not e.obsolete}
    out = copy.deepcopy(nb)
    anchors: dict[str, str] = {}
    for cell in out.cells:
        if cell.cell_type != "markdown":
            continue
        cell_table = {text: msgstr for (context, text), msgstr in table.items()
                      if context == cell.id}
        translated = _translate_source(cell.source, cell_table)
        for english, korean in zip(cell.source.split("\n"), translated.split("\n")):
            mine, theirs = HEADING.match(english), HEADING.match(korean)
            if mine and theirs:
                anchors[_anchor(mine.group(2))] = _anchor(theirs.group(2))
        cell.source = translated
    for cell in out.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(r"\]\(#([^)\s]+)\)",
                                 lambda m: f"](#{anchors.get(m.group(1), m.group(1))})",
                                 cell.source)
    return out


def translated_notebook(english: nbformat.NotebookNode, po: polib.POFile, path: Path,
                        language: str) -> nbformat.NotebookNode:
    """The edition of ``english`` in ``language``, with metadata that says where it came from."""
    nb = apply(english, po)
    nb.metadata["mlelib"] = {
        "language": language,
        "generated-from": f"notebooks/{path.name}",
        "catalog": str(catalog_path(path, language).relative_to(ROOT)),
        "note": "generated by make notebooks: edit the English notebook or the catalog",
    }
    return nb


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "check"])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--language", default="ko")
    parser.add_argument("--compendium", type=Path,
                        help="update: a PO file whose translations fill missing strings")
    args = parser.parse_args(argv)
    compendium = polib.pofile(str(args.compendium)) if args.compendium else None
    status = 0
    for path in args.notebooks:
        wanted = units(_read(path), path.name)
        target = catalog_path(path, args.language)
        po = load(target, args.language)
        if args.action == "update":
            po = merge(po, wanted, compendium)
            target.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(target))
        found = problems(po, wanted)
        print(f"{target.relative_to(ROOT)}: {len(wanted) - len(found)} of {len(wanted)} "
              f"translated")
        if args.action == "check":
            found += term_problems(po, glossary(args.language))
            for line in found:
                print("  " + line)
            status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main())
