"""Start an isolated JupyterLab on 127.0.0.1 and drive it with Playwright in Debian's Chromium.

Shared by the browser tests (tests/test_browser.py, tests/test_canvas_page.py,
tests/test_browser_korean.py) and the slider benchmark (tools/bench_sliders/).  Everything
the server and the browser write goes to a temporary directory; :func:`jupyterlab_server`
stops the server (and its kernels) on exit.

A JupyterLab in another language is configured as ``make lab LANG=ko`` configures it: with
the user settings in ``etc/jupyterlab-<language>/`` (the language pack's locale).  The
menus are then found by their words in that language pack.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]


def find_chromium() -> str | None:
    """Path of Debian's Chromium, or None when it is not installed."""
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# a folder's course language (mlelib.i18n.MARKER), copied along with its notebooks
LANGUAGE_FILE = ".mlelib-language"


def lab_settings(language: str) -> Path:
    """The JupyterLab user settings of a launch in ``language`` (also read by make lab)."""
    return REPO / "etc" / f"jupyterlab-{language}"


@functools.cache
def _language_pack(language: str) -> dict[str, list[str]]:
    """JupyterLab's own words in ``language``, from the language pack the settings name."""
    if language == "en":
        return {}
    import json5

    settings = lab_settings(language) / "@jupyterlab" / "translation-extension"
    locale = json5.loads((settings / "plugin.jupyterlab-settings").read_text())["locale"]
    (pack,) = entry_points(group="jupyterlab.languagepack", name=locale)
    words = resources.files(pack.value) / "locale" / locale / "LC_MESSAGES" / "jupyterlab.json"
    return json.loads(words.read_text(encoding="utf-8"))


def lab_word(text: str, language: str, context: str | None = None) -> str:
    """``text`` of JupyterLab's interface as it reads in ``language`` (``context``: the
    gettext context, ``"menu"`` for the menu bar)."""
    pack = _language_pack(language)
    found = (context and pack.get(f"{context}\x04{text}")) or pack.get(text)
    return found[0] if found else text


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path
    language: str = "en"

    def notebook_url(self, name: str) -> str:
        # ?reset: never restore tabs of an earlier session of the same server
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"


@contextlib.contextmanager
def jupyterlab_server(notebooks: list[Path], *, language: str = "en",
                      startup_timeout: float = 90.0) -> Iterator[Lab]:
    """Copy ``notebooks`` (and their folder's language file) into a scratch root and serve
    it with a fresh JupyterLab whose interface is in ``language``."""
    with tempfile.TemporaryDirectory(prefix="mlelib-lab-") as tmp:
        tmp = Path(tmp)
        root = tmp / "root"
        root.mkdir()
        for nb in notebooks:
            shutil.copy(nb, root / nb.name)
            if (nb.parent / LANGUAGE_FILE).is_file():
                shutil.copy(nb.parent / LANGUAGE_FILE, root / LANGUAGE_FILE)
        settings = tmp / "settings"
        if language != "en":
            shutil.copytree(lab_settings(language), settings)
        (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True, exist_ok=True)
        (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
         ).write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        (settings / "@jupyterlab" / "docmanager-extension").mkdir(parents=True, exist_ok=True)
        (settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
         ).write_text(json.dumps({"autosave": False}))
        env = dict(os.environ)
        env.update({"JUPYTER_CONFIG_DIR": str(tmp / "config"),
                    "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
                    "IPYTHONDIR": str(tmp / "ipython"),
                    "MPLCONFIGDIR": str(tmp / "mpl")})
        port, token = _free_port(), secrets.token_hex(16)
        log = tmp / "server.log"
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={settings}",
               f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
               "--ServerApp.disable_check_xsrf=False", "--LabApp.news_url=",
               "--ServerApp.open_browser=False"]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        with open(log, "wb") as log_file:
            proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log_file,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + startup_timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"JupyterLab exited early:\n{log.read_text()[-3000:]}")
                try:
                    with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"JupyterLab did not start:\n{log.read_text()[-3000:]}")
                    time.sleep(0.3)
            yield Lab(url, token, root, log, language)
        finally:
            # the server's process group holds its kernels too
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


def launch_browser(playwright):
    """Debian's Chromium, headless, with its background network chatter turned off."""
    path = find_chromium()
    if path is None:
        raise RuntimeError("Debian's chromium is not installed: apt-get install -y chromium")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def browser_for_tests():
    """A launched Chromium for a pytest fixture; skip without one (fail under CI=true)."""
    import pytest

    if find_chromium() is None:
        message = ("Debian's chromium is not installed; install it with "
                   "`sudo apt-get install -y chromium` to run the browser tests")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = launch_browser(p)
        try:
            yield browser
        finally:
            browser.close()


HELPERS_JS = Path(__file__).parent / "js" / "lab_page.js"


def install_helpers(page_or_context) -> None:
    """Load tests/js/lab_page.js (``window.mlelibLab``) into every page from now on."""
    page_or_context.add_init_script(path=str(HELPERS_JS))


def open_and_run_all(page, lab: Lab, name: str, *, timeout_ms: int = 120_000,
                     stop_on_error: bool = False) -> None:
    """Open a notebook, clear its outputs, run every cell, wait until all are done.

    Waits for the notebook's kernel to be idle on the server first (the page names the
    kernel before it exists), and repeats Run All if no cell starts within 20 s (a Run
    All sent while the kernel connection is being set up is dropped).  With
    ``stop_on_error``, returns as soon as a cell shows an error.
    """
    install_helpers(page)
    page.goto(lab.notebook_url(name))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout_ms)
    wait_for_kernel_idle(lab, name, timeout=timeout_ms / 1000)
    run_command(page, "Edit", "Clear Outputs of All Cells", lab.language)
    for attempt in range(3):
        run_command(page, "Run", "Run All Cells", lab.language)
        try:
            page.wait_for_function("([a, s]) => mlelibLab.cellsRun(a, s)",
                                   arg=[False, stop_on_error], timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                raise
    page.wait_for_function("([a, s]) => mlelibLab.cellsRun(a, s)",
                           arg=[True, stop_on_error], timeout=timeout_ms)


def run_command(page, menu: str, item: str, language: str = "en") -> None:
    """Click ``menu`` in the menu bar, then ``item`` in the menu that opens (both named in
    English, found by their whole label in ``language``: "Run All Cells" is "모든 셀 실행",
    and "Run All Above Selected Cell" "위의 모든 셀 실행")."""
    for selector, label in ((".lm-MenuBar-itemLabel", lab_word(menu, language, "menu")),
                            (".lm-Menu-itemLabel", lab_word(item, language))):
        whole = re.compile(rf"^\s*{re.escape(label)}\s*$")
        page.locator(selector, has_text=whole).first.click()


def shutdown_kernels(lab: Lab) -> int:
    """Stop every running kernel of ``lab`` through its REST API; return how many.

    The benchmark opens one notebook after another in the same server; stopping the
    previous kernel keeps it from competing for the CPU with the one being measured.
    """
    headers = {"Authorization": f"token {lab.token}"}
    request = urllib.request.Request(f"{lab.url}/api/kernels", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{lab.url}/api/kernels/{kernel['id']}",
                                         headers=headers, method="DELETE")
        with urllib.request.urlopen(request, timeout=30):
            pass
    return len(kernels)


def wait_for_kernel_idle(lab: Lab, path: str, *, timeout: float = 120.0) -> str:
    """Wait until notebook ``path`` has a kernel whose server-side state is idle; its id.

    The page shows the kernel's name from the notebook's metadata before the kernel
    exists, so the page alone cannot tell when a Run All would be accepted.
    """
    headers = {"Authorization": f"token {lab.token}"}
    deadline = time.monotonic() + timeout
    while True:
        request = urllib.request.Request(f"{lab.url}/api/sessions", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            sessions = json.load(response)
        for session in sessions:
            kernel = session.get("kernel") or {}
            if session.get("path") == path and kernel.get("execution_state") == "idle":
                return kernel["id"]
        if time.monotonic() > deadline:
            raise TimeoutError(f"no idle kernel for {path} after {timeout:.0f} s: {sessions}")
        time.sleep(0.25)
