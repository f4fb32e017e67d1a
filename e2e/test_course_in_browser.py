"""The course as a learner meets it: JupyterLab in Chromium (the website: test_site.py).

For every notebook: open it in JupyterLab, wait until its kernel really
exists and is idle, clear the stored outputs, Run All from the Run menu, wait
for the last cell, then check that errors appear only in cells tagged
``raises-exception`` and that every plot rendered. A full-page screenshot of
each notebook goes to build/e2e/.
"""

import io
import json
import time

import pytest
from conftest import NOTEBOOKS
from PIL import Image


def stored(path):
    """Per code cell of the stored notebook: (tagged raises-exception, number of PNG outputs)."""
    nb = json.loads(path.read_text())
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    return [("raises-exception" in c.get("metadata", {}).get("tags", []),
             sum("image/png" in o.get("data", {}) for o in c.get("outputs", [])))
            for c in cells]


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


def notebook_screenshot(page, path):
    """The whole notebook as one image: JupyterLab scrolls inside a panel, so scroll it
    a screen at a time, take each screen, and paste them together."""
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(lab, browser, shots, path):
    expected = stored(path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page_errors = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    try:
        # A workspace of its own, reset, so that no other notebook is open in the page.
        page.goto(f"{lab.url}/lab/workspaces/{path.stem}/tree/{path.name}"
                  f"?reset&token={lab.token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=60_000)
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
        assert not page_errors, f"JavaScript errors in the page: {page_errors}"

        notebook_screenshot(page, shots / f"{path.stem}.png")
    finally:
        page.close()
        lab.shutdown_kernels()
