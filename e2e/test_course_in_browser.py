"""The course as a learner meets it: JupyterLab in Chromium (the website: test_site.py).

For every notebook: open it in JupyterLab, wait until its kernel really
exists and is idle, clear the stored outputs, Run All from the Run menu, wait
for the last cell, then check that errors appear only in cells tagged
``raises-exception`` and that every plot rendered; save it (Ctrl+S) and compare
what JupyterLab saved with the stored outputs as nbval's strict mode does (every
output but images, tracebacks and metadata; cells tagged nbval-ignore-output
left out). `make test` starts JupyterLab with OpenBLAS's AVX2 kernel and one BLAS
thread (tools/run_tests.py), so that this run is also the course's second BLAS
kernel. Screenshots go to build/e2e/: the last notebook whole, the top of the others.
"""

import io
import json
import time

import pytest
from conftest import NOTEBOOKS
from nbval.plugin import coalesce_streams
from PIL import Image

IGNORED = {"nbval-ignore-output", "nbval-skip"}
# What nbval's strict mode leaves out of a comparison (its IPyNbFile.skip_compare).
SKIP = {"metadata", "traceback", "execution_count", "image/png", "image/jpeg",
        "application/vnd.jupyter.widget-view+json"}


def stored(path):
    """Per code cell of the stored notebook: (tagged raises-exception, number of PNG outputs)."""
    nb = json.loads(path.read_text())
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    return [("raises-exception" in c.get("metadata", {}).get("tags", []),
             sum("image/png" in o.get("data", {}) for o in c.get("outputs", [])))
            for c in cells]


def compared_outputs(nb: dict) -> list:
    """Per code cell, its outputs as nbval compares them (streams merged, ``\\r`` and
    ``\\b`` applied, by nbval's own function), or None for a cell nbval ignores."""
    import nbformat

    out = []
    for cell in nbformat.reads(json.dumps(nb), as_version=4).cells:   # joins split lines
        if cell.cell_type != "code":
            continue
        if IGNORED & set(cell.metadata.get("tags", [])):
            out.append(None)
            continue
        shown = []
        for o in coalesce_streams(cell.outputs):
            shown.append({k: v for k, v in o.items() if k not in SKIP and k != "data"}
                         | {k: v for k, v in o.get("data", {}).items() if k not in SKIP})
        out.append(shown)
    return out


def output_differences(saved: dict, stored: dict) -> list[str]:
    """Where the outputs of ``saved`` differ from ``stored`` (both notebook dicts)."""
    new, old = compared_outputs(saved), compared_outputs(stored)
    if len(new) != len(old):
        return [f"{len(new)} code cells, stored {len(old)}"]
    return [f"code cell {i}: ran {a!r:.300}, stored {b!r:.300}"
            for i, (a, b) in enumerate(zip(new, old, strict=True)) if a != b]


def test_output_differences_finds_a_changed_number_and_ignores_what_nbval_ignores(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("print(1)", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="loss 0.25\n")]),
        nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/plain": "3", "image/png": "AAAA"},
            execution_count=2)])])
    stored = json.loads(nbformat.writes(nb))
    assert output_differences(stored, stored) == []
    ran = json.loads(nbformat.writes(nb))
    ran["cells"][1]["outputs"][0] |= {"execution_count": 7, "data": {
        "text/plain": "3", "image/png": "BBBB"}}
    ran["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": t}
                                  for t in ("loss 0.", "25\n")]
    assert output_differences(ran, stored) == []      # split streams, images, counts
    ran["cells"][0]["outputs"][1]["text"] = "26\n"
    [diff] = output_differences(ran, stored)
    assert diff.startswith("code cell 0:") and "0.26" in diff and "0.25" in diff
    ran["cells"][1]["outputs"] = []
    assert len(output_differences(ran, stored)) == 2     # a lost output is a difference
    for nb in (ran, stored):
        nb["cells"][0]["metadata"]["tags"] = ["nbval-ignore-output"]
    assert len(output_differences(ran, stored)) == 1


def wait_until(predicate, timeout, what):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


# Per code cell in the page: its prompt, whether it shows a traceback or other
# stderr text, and how many of its images have loaded with a real size.
CELL_STATE_JS = """
() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')).map(cell => {
  const prompt = cell.querySelector('.jp-InputArea-prompt');
  const stderr = Array.from(cell.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(e => e.textContent);
  const imgs = Array.from(cell.querySelectorAll('.jp-RenderedImage img'));
  return {
    prompt: prompt ? prompt.textContent.trim() : '',
    error: stderr.some(t => t.includes('Traceback') || t.includes('Error')),
    stderr: stderr.join('\\n').slice(0, 500),
    images: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
  };
})
"""


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
PANEL_CELL = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell"


def notebook_screenshot(page, path, height=6000):
    """The whole notebook as one image: JupyterLab scrolls inside a panel, so make the
    window ``height`` CSS pixels tall, take the panel a window at a time, and paste."""
    page.set_viewport_size({"width": 1280, "height": height})
    panel = page.locator(PANEL)
    total, view = panel.evaluate("el => [el.scrollHeight, el.clientHeight]")
    pieces = []
    for top in range(0, total, view):
        actual = panel.evaluate(f"el => {{ el.scrollTop = {top}; return el.scrollTop; }}")
        page.wait_for_timeout(150)
        pieces.append((actual, Image.open(io.BytesIO(panel.screenshot()))))
    scale = pieces[0][1].height / view          # device pixels per CSS pixel
    sheet = Image.new("RGB", (pieces[0][1].width, round(total * scale)), "white")
    for top, image in pieces:
        sheet.paste(image, (0, round(top * scale)))
    sheet.save(path)


def click_menu(page, menu, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


class LabPage:
    """One JupyterLab page for every notebook: it boots once (seconds of scripts), and each
    notebook is opened in it with JupyterLab's own command after the last one is closed."""

    def __init__(self, browser, lab):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(f"{lab.url}/lab/workspaces/e2e?reset&token={lab.token}")
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started",
                                    timeout=60_000)
        self.page.evaluate("async () => { await window.jupyterapp.restored; }")

    def open(self, name):
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.page.evaluate("async name => { await window.jupyterapp.commands.execute("
                           "'docmanager:open', {path: name}); }", name)
        self.page.wait_for_selector(PANEL_CELL, timeout=60_000)
        return self.page

    def close_all(self):
        """Close every open document without asking to save it (nothing here is kept)."""
        self.page.evaluate("""() => { for (const w of Array.from(
            window.jupyterapp.shell.widgets('main'))) w.dispose(); }""")


@pytest.fixture(scope="module")
def lab_page(browser, lab):
    view = LabPage(browser, lab)
    yield view
    view.page.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(lab, lab_page, shots, path):
    expected = stored(path)
    errors_before = len(lab_page.errors)
    try:
        page = lab_page.open(path.name)
        # The toolbar says "Idle" before the kernel exists: ask the server.
        wait_until(lambda: lab.kernel_state(path.name) == "idle", 60, "the kernel to be idle")
        wait_until(lambda: len(page.evaluate(CELL_STATE_JS)) == len(expected), 30,
                   "every code cell to be in the page")

        click_menu(page, "Edit", "Clear Outputs of All Cells")
        wait_until(lambda: all(not c["images"] and c["prompt"] in ("[ ]:", "")
                               for c in page.evaluate(CELL_STATE_JS)), 15,
                   "the stored outputs to be cleared")

        click_menu(page, "Run", "Run All Cells")
        n = len(expected)
        wait_until(lambda: [c["prompt"] for c in page.evaluate(CELL_STATE_JS)]
                   == [f"[{i}]:" for i in range(1, n + 1)], 120,
                   "every cell to run, the last one included")
        wait_until(lambda: lab.kernel_state(path.name) == "idle", 30, "the kernel to finish")
        # Images decode asynchronously: give them a moment to report their size.
        wait_until(lambda: [c["images"] for c in page.evaluate(CELL_STATE_JS)]
                   == [png for _, png in expected], 20, "every plot to render")

        cells = page.evaluate(CELL_STATE_JS)
        for i, ((tagged, _), cell) in enumerate(zip(expected, cells, strict=True)):
            if tagged:
                assert cell["error"], f"cell {i} is tagged raises-exception but raised nothing"
            else:
                assert not cell["stderr"], f"cell {i} wrote an error or warning: {cell['stderr']}"
        assert sum(png for _, png in expected) > 0, f"{path.name} shows no plot"
        page_errors = lab_page.errors[errors_before:]
        assert not page_errors, f"JavaScript errors in the page: {page_errors}"

        # What JupyterLab saves is what ran: the stored outputs, as nbval compares them.
        saved = lab.root / path.name
        before = saved.stat().st_mtime_ns

        def saved_notebook():
            """The saved notebook once the server has written all of it (it writes the
            file in place: read too early, it is empty or cut short)."""
            if saved.stat().st_mtime_ns == before:
                return None
            try:
                return json.loads(saved.read_text(encoding="utf-8"))
            except ValueError:
                return None

        page.keyboard.press("Control+s")
        ran = wait_until(saved_notebook, 30, "the notebook to be saved")
        differences = output_differences(ran, json.loads(path.read_text(encoding="utf-8")))
        assert not differences, "\n".join(differences[:5])

        if path == NOTEBOOKS[-1]:   # one notebook whole (seconds); of the others, the top
            notebook_screenshot(page, shots / f"{path.stem}.png")
        else:
            page.screenshot(path=str(shots / f"{path.stem}.png"))
    finally:
        lab_page.close_all()
        lab.shutdown_kernels()
