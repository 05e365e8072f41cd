"""Execute notebooks top to bottom on a fresh kernel and store their outputs (``make notebooks``).

This is the only way stored outputs are made: never by hand after dragging sliders.
Before execution every exercise's solution is put at the back of its notebook
(tools/place_solutions.py: the order cells run in changes, so it cannot come after).
After execution the file is normalised so that a second run changes nothing:

* execution counts are 1..N (a fresh kernel, every code cell run once, in order);
* the live widget view is dropped from stored outputs.  Its model id is new on every
  run and names a model that exists only in a running kernel; what remains of an
  explorer's output is its PNG (what GitHub, nbviewer and a kernel-less JupyterLab show)
  and its plain-text summary (what nbval compares).  Running the notebook brings the
  sliders back;
* consecutive stream outputs are merged (where the kernel cut the text is timing);
* per-cell timing and widget-state metadata are not recorded; the kernel's metadata is
  fixed to the course's kernel.

Each English notebook is then turned into its Korean edition, ``notebooks/ko/<name>``
(tools/translations.py): its catalog is merged with the English just stored (a changed
paragraph or figure word becomes a stale entry), the markdown is replaced by the
catalog's translation, and the notebook is executed in ``notebooks/ko/``, whose
``.mlelib-language`` file makes mlelib speak Korean.  A string with no translation stays
English and is listed; tests/test_translations.py fails on it.

Usage: ``python tools/run_notebooks.py notebooks/*.ipynb`` (``--only en`` or ``--only ko``
for one edition; ``--only ko`` translates the stored English notebooks as they are)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from place_solutions import place_solutions
from translations import (
    TRANSLATED,
    catalog_path,
    edition_folder,
    load,
    merge,
    problems,
    translated_notebook,
    units,
)

from mlelib.i18n import LANGUAGES

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def normalise(nb: nbformat.NotebookNode) -> None:
    """Strip what changes from run to run, in place."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data is not None:
                data.pop(WIDGET_VIEW, None)
            out.get("metadata", {}).pop(WIDGET_VIEW, None)
        kept = []
        for out in cell.outputs:
            if out.get("output_type") in ("display_data", "execute_result") and not out.get("data"):
                continue
            previous = kept[-1] if kept else None
            if (out.get("output_type") == "stream" and previous is not None
                    and previous.get("output_type") == "stream"
                    and previous.get("name") == out.get("name")):
                # how print() output is cut into messages depends on timing: store one block
                previous["text"] += out["text"]
                continue
            kept.append(out)
        cell.outputs = kept


def execute(nb: nbformat.NotebookNode, path: Path, timeout: int) -> float:
    """Run ``nb`` on a fresh kernel in ``path``'s folder and store it at ``path``."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, store_widget_state=False, allow_errors=False)
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    normalise(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                raise SystemExit(f"{path}: a cell wrote to stderr (a warning?):\n{out['text']}")
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def run_english(path: Path, timeout: int) -> float:
    nb = nbformat.read(path, as_version=4)
    place_solutions(nb, path.name)
    return execute(nb, path, timeout)


def run_translation(path: Path, language: str, timeout: int) -> tuple[float, list[str]]:
    """Refresh ``path``'s catalog, write and execute its translation; list what is missing."""
    english = nbformat.read(path, as_version=4)
    wanted = units(english, path.name)
    catalog = catalog_path(path, language)
    po = merge(load(catalog, language), wanted)
    catalog.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(catalog))
    target = edition_folder(language) / path.name
    return execute(translated_notebook(english, po, path, language), target, timeout), \
        problems(po, wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument("--only", choices=LANGUAGES, help="one edition only")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if args.only in (None, "en"):
            elapsed = run_english(path, args.timeout)
            print(f"{path}: executed and stored in {elapsed:.1f} s")
        for language in TRANSLATED:
            if args.only in (None, language):
                elapsed, missing = run_translation(path, language, args.timeout)
                print(f"{edition_folder(language) / path.name}: translated, executed and "
                      f"stored in {elapsed:.1f} s" + (f"; {len(missing)} string(s) untranslated "
                      "(python tools/translations.py check)" if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
