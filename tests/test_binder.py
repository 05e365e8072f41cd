"""Binder builds what CI tests: repo2docker's own build plan, read without building.

repo2docker (a dev dependency, pinned) picks a buildpack, a Python and the install steps
from the repository's files; its Python API gives the plan and the Dockerfile it would
build, with no docker daemon.  The plan must use runtime.txt's Python (the one CI runs),
install requirements.txt, and the installed set must pass ``pip check``.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.teacher, pytest.mark.filterwarnings(
    "ignore:pythonjsonlogger.jsonlogger has been moved:DeprecationWarning")]


@pytest.fixture(scope="module")
def plan():
    """(buildpack, its Python version, where that came from, the Dockerfile it renders)."""
    from repo2docker.app import Repo2Docker

    app = Repo2Docker()
    with contextlib.chdir(REPO):
        buildpack = next(bp for bp in (cls(app.base_image) for cls in app.buildpacks)
                         if bp.detect())
        buildpack.platform = "linux/amd64"
        version = buildpack.python_version
        return buildpack, version, buildpack._python_version_source, buildpack.render()


def test_runtime_txt_pins_the_python_ci_runs():
    runtime = (REPO / "runtime.txt").read_text().strip()
    ours = f"python-{sys.version_info.major}.{sys.version_info.minor}"
    assert runtime == ours, f"runtime.txt says {runtime}, the tests run on {ours}"


def test_repo2docker_uses_runtime_txt_and_requirements_txt(plan):
    buildpack, version, source, dockerfile = plan
    assert type(buildpack).__name__ == "PythonBuildPack"
    assert (version, source) == ((REPO / "runtime.txt").read_text().strip()[7:], "runtime")
    lock = f"conda/environment.py-{version}-linux-64.lock"  # the server's environment
    assert buildpack.get_build_script_files()[lock] == "/tmp/env/environment.lock"
    from repo2docker import buildpacks

    packages = (Path(buildpacks.__file__).parent / lock).read_text()
    assert f"/python-{version}." in packages, f"{lock} does not install Python {version}"
    assert 'pip install --no-cache-dir -r "requirements.txt"' in dockerfile
    assert "pip install --no-cache-dir ." in dockerfile  # mlelib itself, from pyproject.toml
    assert "./postBuild" in dockerfile  # the JupyterLab defaults of make lab


def test_requirements_pin_a_notebook_made_for_the_pinned_jupyterlab():
    """Binder's base environment brings an older notebook that caps jupyterlab; pinning
    a notebook made for our JupyterLab lets pip replace it."""
    from importlib.metadata import requires, version

    from packaging.requirements import Requirement

    pins = dict(line.split("==") for line in (REPO / "requirements.txt").read_text().split()
                if "==" in line)
    assert version("notebook") == pins["notebook"]
    caps = [Requirement(r) for r in requires("notebook") if r.startswith("jupyterlab")]
    assert any(r.name == "jupyterlab" and
                                    r.specifier.contains(pins["jupyterlab"]) for r in caps)


def test_the_installed_set_passes_pip_check():
    done = subprocess.run([sys.executable, "-m", "pip", "check"], check=False, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
