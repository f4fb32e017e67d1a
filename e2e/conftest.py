"""Fixtures for the browser tests: a throw-away JupyterLab server and Debian's Chromium.

The server runs on 127.0.0.1 with a random token, on a copy of the notebooks
(JupyterLab autosaves, and the stored outputs in git must not change), with
settings, workspaces, runtime and config folders of its own. Everything it
started is stopped at the end, also when a test fails.
"""

import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psutil
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "build" / "e2e"
# Without the background-networking flags Chromium keeps trying hosts that
# this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_settings(settings_dir):
    """Lab settings for a test: every cell in the DOM, no news or update checks."""
    overrides = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "checkForUpdates": False, "fetchNews": "false"},
    }
    for rel, value in overrides.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


class LabServer:
    def __init__(self, tmp):
        self.tmp = tmp
        self.root = tmp / "course"
        shutil.copytree(ROOT / "notebooks", self.root,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        for name in ("SETTINGS", "WORKSPACES"):
            env[f"JUPYTERLAB_{name}_DIR"] = str(tmp / name.lower())
        for name in ("RUNTIME", "CONFIG", "DATA"):
            env[f"JUPYTER_{name}_DIR"] = str(tmp / name.lower())
        env["IPYTHONDIR"] = str(tmp / "ipython")
        env.pop("MPLBACKEND", None)   # the kernel's inline backend draws the plots
        write_settings(tmp / "settings")
        self.log = open(tmp / "jupyterlab.log", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
             f"--ServerApp.root_dir={self.root}",
             "--LabApp.expose_app_in_browser=True",   # window.jupyterapp, for the tests
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.wait_ready()

    def api(self, path, method="GET"):
        req = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def wait_ready(self, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}; "
                                   f"see {self.tmp / 'jupyterlab.log'}")
            try:
                self.api("status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise TimeoutError(f"JupyterLab did not answer within {timeout} s")

    def kernel_state(self, notebook_name):
        """The execution state of the kernel of ``notebook_name``, or None if it has none yet."""
        for session in self.api("sessions"):
            if pathlib.PurePath(session["path"]).name == notebook_name and session.get("kernel"):
                return self.api(f"kernels/{session['kernel']['id']}")["execution_state"]
        return None

    def shutdown_kernels(self):
        for kernel in self.api("kernels"):
            self.api(f"kernels/{kernel['id']}", method="DELETE")

    def stop(self):
        """Shut down kernels and server; kill whatever is left. Returns pids that survived."""
        try:
            family = [self.proc.pid] + [p.pid for p in
                                        psutil.Process(self.proc.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            family = [self.proc.pid]
        try:
            self.shutdown_kernels()
            self.api("shutdown", method="POST")
            self.proc.wait(timeout=15)
        except Exception:
            pass
        for pid in family:   # whatever did not stop when asked
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait(timeout=10)
        self.log.close()
        time.sleep(0.2)
        return [pid for pid in family
                if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("lab"))
    try:
        yield server
    finally:
        left = server.stop()
    assert not left, f"processes left behind after shutdown: {left}"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package "
                    "(make e2e does it with apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
