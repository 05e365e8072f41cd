"""The package's shape, read from its source: the slider engine imports nothing of the
course, and no module or function of ``mlelib`` outgrows what a reader takes in at once.

The checks read the code with :mod:`ast` (nothing is imported); each is also run on a
small source that breaks its rule, so that it is known to catch what it looks for.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

MLELIB = Path(__file__).parents[1] / "mlelib"
ENGINE = MLELIB / "engine"
#: What the engine may import besides itself and the standard library: its dependencies.
ENGINE_DEPENDENCIES = {"numpy", "matplotlib", "ipywidgets", "anywidget", "traitlets", "PIL",
                       "IPython"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def foreign_imports(source: str, allowed: set[str]) -> list[str]:
    """The imports of a module of a package's top level that leave the package (a relative
    import above it, ``from .. import``) or name a top-level module outside ``allowed``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level > 1:
            found.append(f"line {node.lineno}: from {'.' * node.level}{node.module or ''}")
            continue
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        found += [f"line {node.lineno}: {name}" for name in names
                  if name.split(".")[0] not in allowed]
    return found


def long_functions(source: str, limit: int) -> list[str]:
    """Functions (methods and nested ones too) longer than ``limit`` lines, with their length."""
    return [f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > limit]


def _modules(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def test_the_checks_catch_what_they_look_for():
    allowed = set(sys.stdlib_module_names) | ENGINE_DEPENDENCIES
    source = ("import os\nimport numpy as np\nfrom .picture import Picture\n"
              "from ..datasets import heights\nimport mlelib.risk\nfrom scipy import stats\n")
    assert foreign_imports(source, allowed) == ["line 4: from ..datasets", "line 5: mlelib.risk",
                                                "line 6: scipy"]
    body = "".join(f"        x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES - 1))
    assert long_functions(f"class C:\n    def fits(self):\n{body}", MAX_FUNCTION_LINES) == []
    assert long_functions(f"class C:\n    def over(self):\n{body}        y = 0\n",
                          MAX_FUNCTION_LINES) == [f"over (line 2): {MAX_FUNCTION_LINES + 1} lines"]


@pytest.mark.parametrize("path", _modules(ENGINE), ids=lambda p: p.name)
def test_the_engine_imports_only_itself_the_standard_library_and_its_dependencies(path):
    allowed = set(sys.stdlib_module_names) | ENGINE_DEPENDENCIES
    assert foreign_imports(path.read_text(), allowed) == [], (
        f"mlelib/engine/{path.name} imports something of the course or an undeclared "
        f"dependency (allowed: the standard library, {sorted(ENGINE_DEPENDENCIES)})")


def test_the_engine_has_modules_to_check():
    assert {p.name for p in _modules(ENGINE)} >= {"explorer.py", "picture.py", "readout.py"}


@pytest.mark.parametrize("path", _modules(MLELIB), ids=lambda p: str(p.relative_to(MLELIB)))
def test_no_module_is_over_400_lines_and_no_function_over_60(path):
    source = path.read_text()
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path.name}: split it by topic"
    assert long_functions(source, MAX_FUNCTION_LINES) == [], \
        "move a panel or a step into a helper of its own"
