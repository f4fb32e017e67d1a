"""The course website (`make html`, build/html/) as a reader meets it, in Chromium.

Every page is opened from file:// with every network request refused and counted, so a
page that needs any host (a CDN, a font service) fails here. Checked: math typeset by the
local MathJax without errors (on a student page: its first formula and any its course page
lacks; the others are typeset on the course page), every image loaded, tracebacks of the
``raises-exception`` cells shown, copy buttons on code cells, an outline, previous / next
links in course order, no cell tagged ``test-only`` and no noqa comment shown,
100-character code lines without sideways scrolling at 1280 px, a title of its own for
every page, each chapter's download of the hand-out (the archive `make release` writes)
with the command that runs it, verdict marks without emoji (no emoji font needed), wide
formulas that scroll at 390 px instead of being cut, search for "softmax" (the expected
pages are computed from the notebooks) listing each page once with a snippet, the About
page's links to the article and the source, every internal link and anchor resolving, and
the dark mode. Screenshots go to build/e2e/: index.html.png (the start page),
01_*.html.png (the first chapter, whole), the top of every other course chapter, and
site_dark.png.
"""

import html.parser
import json
import pathlib
import re
import sys
import tomllib
import urllib.parse

import pytest
from conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_html  # noqa: E402  (tools/ is not a package)

SITE = ROOT / "build" / "html"
# The student edition, which `make html` builds and shows as a section of its own.
STUDENT = build_html.course_notebooks(build_html.STUDENT)
# (docname, stored notebook or None for the start page), in reading order.
PAGES = ([("index", None)] + [(p.stem, p) for p in NOTEBOOKS]
         + [(f"{build_html.STUDENT_DIR}/{p.stem}", p) for p in STUDENT])
CHAPTERS = [page for page in PAGES if page[1] is not None]
WIDTH = 1280
SOFTMAX = re.compile(r"\bsoftmax\b", re.IGNORECASE)
MATH = ".math.nohighlight"    # Sphinx's formulas (MathJax's own spans are .math too)
PHONE = 390                   # a phone's width in CSS pixels
# Characters drawn as emoji by default (they need an emoji font): JavaScript's own test.
EMOJI_JS = "t => Array.from(t.matchAll(/\\p{Emoji_Presentation}/gu), m => m[0])"
ARCHIVE = next(iter(sorted((ROOT / "build" / "release").glob("*-student.zip"))), None)

# MathJax 2 reads window.MathJax as its configuration when it loads: record the
# errors it signals (TeX parse errors, math processing errors) where the test sees them.
MATHJAX_ERRORS_JS = """
window.__mathErrors = [];
window.MathJax = {AuthorInit: function () {
  for (const kind of ["TeX Jax - parse error", "Math Processing Error"])
    MathJax.Hub.Register.MessageHook(kind, m => window.__mathErrors.push(String(m)));
}};
"""


def stored(path):
    """What the page of a stored notebook must show, counted from the notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"]
                   if build_html.TEST_ONLY not in c["metadata"].get("tags", [])]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"
            and build_html.strip_plumbing("".join(c["source"])).strip()]
    outputs = [o for c in code for o in c.get("outputs", [])]
    return {
        "code_cells": len(code),
        "png": sum("image/png" in o.get("data", {}) for o in outputs),
        "errors": [o["ename"] for o in outputs if o["output_type"] == "error"],
        "markdown": "\n".join("".join(c["source"]) for c in nb["cells"]
                              if c["cell_type"] == "markdown"),
        "all_text": json.dumps(nb),
        "verdicts": sum("\u2705" in json.dumps(o) or "\u274c" in json.dumps(o)
                        for o in outputs),
    }


def page_url(docname):
    return (SITE / f"{docname}.html").as_uri()


class OfflinePage:
    """A Chromium page that may load local files only; it counts everything else.

    With ``typeset=False`` MathJax loads and starts but typesets nothing by itself
    (``skipStartupTypeset``): the test says which formulas to typeset."""

    def __init__(self, browser, typeset=True):
        self.page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        self.refused, self.failed, self.errors = [], [], []
        self.page.route("**/*", self._route)
        self.page.on("requestfailed", self._failed)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.add_init_script(MATHJAX_ERRORS_JS)
        if not typeset:
            self.page.add_init_script("window.MathJax.skipStartupTypeset = true;")

    def _failed(self, request):
        # MathJax 2 tries a blank font (about:blank) to see whether web fonts load; and
        # leaving a page aborts what it was still loading (the crawl does not wait).
        if request.url != "about:blank" and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def open(self, url, math=True):
        """Go to ``url``; unless ``math`` is False, wait until MathJax has typeset it."""
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        if math and self.page.locator(MATH).count():
            self.page.wait_for_function(
                "() => window.MathJax && MathJax.isReady && MathJax.Hub.queue.pending === 0",
                timeout=60_000)
        return self.page

    def assert_clean(self, what):
        assert not self.refused, f"{what} asked the network for {self.refused}"
        assert not self.failed, f"{what}: local files that failed to load: {self.failed}"
        assert not self.errors, f"{what}: JavaScript errors: {self.errors}"

    def close(self):
        self.page.close()


@pytest.fixture
def offline(browser):
    pages = []

    def make(**kwargs):
        pages.append(OfflinePage(browser, **kwargs))
        return pages[-1]

    yield make
    for page in pages:
        page.close()


@pytest.fixture(scope="module", autouse=True)
def site_is_built():
    if not (SITE / "index.html").exists():
        pytest.fail("build/html/index.html is missing: run `make html` first")


# ------------------------------------------------------------------ the build itself

@pytest.mark.parametrize("source, shown", [
    # no line is dropped for a comment any more: test-only cells carry a tag
    ("# a timing\nt = time.perf_counter()", "# a timing\nt = time.perf_counter()"),
    ("import numpy as np  # noqa: F401", "import numpy as np"),
    ("return d  # noqa: F821  (as printed)", "return d  # (as printed)"),
    ("x = 1  # a comment, no marker", "x = 1  # a comment, no marker"),
])
def test_build_strips_test_plumbing_from_code(source, shown):
    assert build_html.strip_plumbing(source) == shown


def test_build_leaves_out_test_only_cells_and_titles_student_pages(tmp_path):
    nb = build_html.nbformat.v4.new_notebook()
    nb.cells = [build_html.nbformat.v4.new_markdown_cell("# 03 · A layer\n\nText."),
                build_html.nbformat.v4.new_code_cell("x = 1"),
                build_html.nbformat.v4.new_code_cell("assert x == 1",
                                                     metadata={"tags": ["test-only"]})]
    nb.cells[1].outputs = [build_html.nbformat.v4.new_output(
        "stream", text="\u2705 Correct! yes\n\u274c Not yet: no\n")]
    src = tmp_path / "03_layer.ipynb"
    build_html.nbformat.write(nb, src)
    staged = build_html.stage_notebook(src, tmp_path / "site" / "student" / src.name,
                                       banner="Note", title_suffix=build_html.STUDENT_TITLE)
    assert [c.source for c in staged.cells] == [
        "# 03 · A layer (student edition)\n\nText.", "Note", "x = 1"]
    assert staged.cells[2].outputs[0].text == "\u2713 Correct! yes\n\u2717 Not yet: no\n"


def test_every_notebook_has_a_start_page_line():
    lines = build_html.chapter_lines(NOTEBOOKS + STUDENT)   # raises SystemExit if one has none
    assert all(len(line) > 20 for line in lines.values()), lines


def test_a_notebook_without_a_line_fails_the_build(tmp_path):
    table = tmp_path / "chapters.toml"
    table.write_text('neuron = "One neuron."\n')
    with pytest.raises(SystemExit, match="99_brand_new"):
        build_html.chapter_lines([pathlib.Path("01_neuron.ipynb"),
                                  pathlib.Path("99_brand_new.ipynb")], chapters=table)


# ------------------------------------------------------------------ the pages

def test_start_page_says_what_the_course_is_and_lists_every_notebook(offline, shots):
    view = offline()
    page = view.open(page_url("index"))
    text = page.inner_text("article")
    for needed in ("Neural Networks from Scratch, part 4: Layers", "python start.py",
                   "make lab", "make test", "About the course"):
        assert needed in text, f"the start page does not say {needed!r}"
    sections = [(".course-index", NOTEBOOKS, ""),
                (".student-index", STUDENT, f"{build_html.STUDENT_DIR}/")]
    assert "Student edition" in text and STUDENT, "the start page has no student edition"
    for selector, notebooks, prefix in sections:
        suffix = build_html.STUDENT_TITLE if prefix else ""
        items = page.eval_on_selector_all(f"{selector} li", """els => els.map(li => {
            const a = li.querySelector('a');
            return {href: a.getAttribute('href'), title: a.innerText.trim(),
                    line: li.innerText.slice(a.innerText.length).replace(/^[:\\s]+/, '')};
        })""")
        assert [i["href"] for i in items] == [f"{prefix}{p.stem}.html" for p in notebooks]
        for item, path in zip(items, notebooks, strict=True):
            nb = build_html.nbformat.read(path, as_version=4)
            title = re.search(r"(?m)^# (.+?)\s*$", "\n".join(
                c.source for c in nb.cells if c.cell_type == "markdown"))[1]
            assert item["title"] == title + suffix    # the notebook's first heading
            assert len(item["line"]) > 20, f"no line for {path.name} on the start page: {item}"
    page.screenshot(path=str(shots / "index.html.png"), full_page=True)
    view.assert_clean("the start page")


@pytest.mark.parametrize("docname, path", CHAPTERS, ids=[d for d, _ in CHAPTERS])
def test_chapter_page(offline, shots, docname, path):
    expected = stored(path)
    student = docname.startswith(f"{build_html.STUDENT_DIR}/")
    view = offline(typeset=not student)
    page = view.open(page_url(docname))
    if student:
        typeset_formulas_the_course_page_lacks(page, docname)
    page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
    checked = f"{MATH}[data-checked]" if student else MATH
    seen = page.evaluate("""([MATH, CHECKED]) => {
      const all = s => Array.from(document.querySelectorAll(s));
      const pres = all('div.cell pre');
      return {
        math: all(MATH).length,
        unprocessed: all(CHECKED).filter(e => !e.querySelector('script[type^="math/tex"]'))
                     .map(e => e.textContent.slice(0, 80)),
        mathErrors: window.__mathErrors.concat(all('.MathJax_Error, .merror, merror')
                    .map(e => e.textContent)),
        images: all('img').filter(i => i.complete && i.naturalWidth > 0).length,
        brokenImages: all('img').filter(i => !(i.complete && i.naturalWidth > 0))
                      .map(i => i.getAttribute('src')),
        plots: all('div.cell_output img').length,
        tracebacks: all('div.cell_output div.output.traceback').map(e => e.innerText),
        cells: all('div.cell_input').length,
        copyButtons: all('div.cell_input button.copybtn').length,
        outputCopyButtons: all('div.cell_output button.copybtn').length,
        code: all('div.cell_input').map(e => e.innerText).join('\\n'),
        outputs: all('div.cell_output').map(e => e.innerText).join('\\n'),
        title: document.title, h1: (document.querySelector('article h1') || {}).innerText,
        downloads: all('a[href$=".zip"]').map(a => a.href),
        note: (document.querySelector('article .admonition.note') || {}).innerText || '',
        sections: all('article section > h2').map(h => h.parentElement.id),
        outline: all('#pst-page-toc-nav a').map(a => a.getAttribute('href')),
        prev: (document.querySelector('.prev-next-area a.left-prev') || {}).href || null,
        next: (document.querySelector('.prev-next-area a.right-next') || {}).href || null,
        tooWide: pres.map(p => ({
            longest: Math.max(...p.textContent.split('\\n').map(l => l.length)),
            overflow: p.scrollWidth - p.clientWidth, text: p.textContent.slice(0, 60)}))
          .filter(p => p.longest <= 100 && p.overflow > 0),
      };
    }""", [MATH, checked])

    # math: MathJax (local) typeset every formula it was given, without errors
    if "$" in expected["markdown"]:
        assert seen["math"] > 0, "the notebook has formulas but the page has no math"
    assert not seen["unprocessed"], f"math left untypeset: {seen['unprocessed'][:5]}"
    assert not seen["mathErrors"], f"MathJax errors: {seen['mathErrors'][:5]}"
    # plots: every image loaded, one per stored PNG output
    assert not seen["brokenImages"], f"images that did not load: {seen['brokenImages']}"
    assert seen["plots"] == expected["png"] and seen["images"] >= expected["png"]
    # tracebacks of the raises-exception cells, shown as tracebacks
    assert len(seen["tracebacks"]) == len(expected["errors"]), seen["tracebacks"]
    for shown, ename in zip(seen["tracebacks"], expected["errors"], strict=True):
        assert ename in shown, f"the traceback shown does not name {ename}: {shown[:200]}"
    # code cells: each with a copy button (outputs without), no test plumbing shown
    assert seen["cells"] == expected["code_cells"]
    assert seen["copyButtons"] == seen["cells"] and seen["outputCopyButtons"] == 0, seen
    for plumbing in ("NBVAL_", "# noqa"):
        assert plumbing not in seen["code"], f"{plumbing!r} shown in the code"
    # a title of its own: the student edition's pages say so
    assert seen["h1"].endswith(build_html.STUDENT_TITLE.strip()) == student, seen["h1"]
    assert seen["title"].startswith(seen["h1"].rstrip("#").strip()), (seen["title"], seen["h1"])
    # the download that runs: the hand-out, as `make release` wrote it, and its command
    assert ARCHIVE, "build/release/ holds no student archive: `make html` builds it"
    assert seen["downloads"], "the page offers no download of the hand-out"
    for href in seen["downloads"]:
        got = pathlib.Path(urllib.parse.unquote(urllib.parse.urlsplit(href).path))
        assert got.name == ARCHIVE.name and got.read_bytes() == ARCHIVE.read_bytes(), href
    assert "python start.py" in seen["note"], seen["note"]
    # verdict marks that need no emoji font, one per check output the notebook stores
    assert not page.evaluate(EMOJI_JS, seen["outputs"]), "emoji in the outputs"
    marks = seen["outputs"].count("\u2713 Correct!") + seen["outputs"].count("\u2717 Not yet")
    assert marks >= expected["verdicts"], (marks, expected["verdicts"])
    # 100-character lines fit at 1280 px
    assert not seen["tooWide"], f"code that scrolls sideways at {WIDTH} px: {seen['tooWide']}"
    # an outline of the page with every section; previous / next in reading order
    assert seen["sections"], "the page has no sections"
    missing = [s for s in seen["sections"] if f"#{s}" not in seen["outline"]]
    assert not missing, f"sections missing from the page outline: {missing}"
    order = [d for d, _ in PAGES]
    k = order.index(docname)
    assert seen["prev"] == page_url(order[k - 1])
    assert seen["next"] == (page_url(order[k + 1]) if k + 1 < len(order) else None)

    # The first chapter whole (a long page takes seconds); of the other course chapters, the
    # top (a student page is not shot: most of its formulas are left as TeX, see above).
    if not student:
        page.screenshot(path=str(shots / f"{docname}.html.png"),
                        full_page=docname == CHAPTERS[0][0])
        assert_wide_formulas_scroll_on_a_phone(page, docname)   # (a student page: same formulas)
    view.assert_clean(docname)


class _Formulas(html.parser.HTMLParser):
    """The text of every formula (Sphinx's math elements: TeX with its delimiters) of a page."""

    def __init__(self):
        super().__init__()
        self.formulas, self._depth = set(), 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += 1
        elif {"math", "nohighlight"} <= set(classes):
            self._depth, self._text = 1, []

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if not self._depth:
                self.formulas.add("".join(self._text))

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


# TeX that reaches beyond its own formula (a macro, a label): with it, a formula's text alone
# does not say how it typesets.
PAGE_WIDE_TEX = re.compile(r"\\(re)?newcommand|\\def\b|\\let\b|\\label|\\eqref|\\ref\b|"
                           r"\\tag|\\require")


def typeset_formulas_the_course_page_lacks(page, docname):
    """A student page's formulas are its course page's (test_chapter_page typesets every
    formula there) but for what the student edition changed. Typeset those here, and the
    first formula, which proves that MathJax typesets on this page too; every formula if
    the course page has TeX that reaches beyond its formula. (MathJax is asked to typeset
    each element: that its startup would find them is proven on the course page, which has
    the same configuration.)"""
    course = _Formulas()
    course.feed((SITE / f"{docname.split('/', 1)[1]}.html").read_text(encoding="utf-8"))
    if any(PAGE_WIDE_TEX.search(formula) for formula in course.formulas):
        course.formulas = set()
    chosen = page.evaluate("""([MATH, known]) => {
      const chosen = Array.from(document.querySelectorAll(MATH))
        .filter((e, i) => i === 0 || !known.includes(e.textContent));
      for (const e of chosen) {
        e.dataset.checked = "1";
        MathJax.Hub.Queue(["Typeset", MathJax.Hub, e]);
      }
      return chosen.length;
    }""", [MATH, sorted(course.formulas)])
    if chosen:
        page.wait_for_function("() => MathJax.Hub.queue.pending === 0", timeout=60_000)


def test_search_finds_the_notebooks_about_softmax(offline):
    """Sphinx's search, offline: typed into the sidebar's search field, from file://.

    Every notebook whose prose discusses softmax must be found, and nothing may be found
    whose source does not mention the word at all."""
    sources = {docname: stored(path) for docname, path in CHAPTERS}
    discuss = {d for d, s in sources.items() if SOFTMAX.search(s["markdown"])}
    mention = {d for d, s in sources.items() if SOFTMAX.search(s["all_text"])}
    start = (ROOT / "build" / "site-src" / "index.md").read_text(encoding="utf-8")
    if SOFTMAX.search(start):
        mention.add("index")
    assert discuss, "no notebook discusses softmax: choose another search word"

    view = offline()
    page = view.open(page_url("index"))
    page.locator(".bd-sidebar-primary .search-button-field").first.click()
    page.locator("#pst-search-dialog input[name=q]").fill("softmax")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=softmax*")
    page.wait_for_function(
        "() => /Search finished/.test(document.getElementById('search-results')?.innerText)",
        timeout=30_000)
    hrefs = page.eval_on_selector_all("#search-results ul.search li > a:first-of-type",
                                      "els => els.map(a => a.href)")
    found = {urllib.parse.urlsplit(h).path.removeprefix(SITE.as_uri().removeprefix("file://")
                                                        + "/").removesuffix(".html")
             for h in hrefs}
    assert discuss <= found, f"search missed {sorted(discuss - found)}; found {sorted(found)}"
    assert found <= mention, f"search found pages without the word: {sorted(found - mention)}"
    # each page listed once, under a title of its own, with the text around the word
    assert len(hrefs) == len(found), hrefs
    page.wait_for_function(f"() => document.querySelectorAll('#search-results li p.context')"
                           f".length === {len(hrefs)}", timeout=30_000)
    results = page.eval_on_selector_all("#search-results ul.search li", """els => els.map(li =>
        ({title: li.querySelector('a').innerText, snippet: li.querySelector('p.context')
          .innerText}))""")
    titles = [r["title"] for r in results]
    assert len(set(titles)) == len(titles), f"two results with one title: {titles}"
    for r in results:
        assert SOFTMAX.search(r["snippet"]) and len(r["snippet"]) > 80, r
    view.assert_clean("the search page")


class _Links(html.parser.HTMLParser):
    """The ids (and <a name>s) of an HTML page, and the targets of its <a href>s."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids |= {v for k, v in attrs.items() if v and (k == "id" or (k, tag) == ("name", "a"))}
        if tag == "a" and attrs.get("href") is not None:
            self.hrefs.append(attrs["href"])


def test_every_internal_link_resolves(offline):
    """Crawl the site's HTML from the start page: every <a href> to a local file must exist,
    and every #anchor must be an id in its page. No page may point outside the site. The
    pages the crawl reaches that no other test opens are opened in Chromium: none asks the
    network or has a JavaScript error."""
    ids, links, todo = {}, [], [SITE / "index.html"]
    while todo:
        path = todo.pop()
        if path in ids:
            continue
        parsed = _Links()
        parsed.feed(path.read_text(encoding="utf-8"))
        ids[path] = parsed.ids
        for href in parsed.hrefs:
            url = urllib.parse.urlsplit(urllib.parse.urljoin(path.as_uri(), href))
            if url.scheme != "file":
                continue   # an external link, for a reader online (none today)
            target = pathlib.Path(urllib.parse.unquote(url.path))
            links.append((path, target, urllib.parse.unquote(url.fragment)))
            if target.suffix == ".html" and target.is_relative_to(SITE) and target.exists():
                todo.append(target)

    broken = [(src.name, str(t), frag) for src, t, frag in links
              if not t.is_relative_to(SITE) or not t.exists()
              or (frag and t.suffix == ".html" and frag not in ids[t])]
    assert not broken, f"{len(broken)} broken links (page, target, anchor): {broken[:10]}"
    reached = {p.relative_to(SITE).with_suffix("").as_posix() for p in ids}
    assert {d for d, _ in PAGES} <= reached, f"pages no link leads to: {set(PAGES) - reached}"
    assert len(links) > 100
    view = offline()
    for docname in sorted(reached - {d for d, _ in PAGES} - {"about"}):
        view.open(page_url(docname), math=False)
        view.assert_clean(docname)


# For each display formula: is a box inside it clipping it (the bug of the theme's MathJax-3
# rules under MathJax 2), and once scrolled to its end, is its right edge inside the page
# (nothing pushed out on the left or cut on the right)?
FORMULA_BOXES_JS = """() => Array.from(document.querySelectorAll('div.math'))
  .map(d => { const wide = d.scrollWidth > d.clientWidth + 1;
    // MathJax 2's box of the formula, and the boxes between it and div.math
    const clips = [];
    for (let e = d.querySelector('.MathJax span.math'); e && e !== d; e = e.parentElement)
      if (getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)
        clips.push(e.className);
    d.scrollLeft = d.scrollWidth;
    const content = d.querySelector('.MathJax') || d;
    return {wide, clipped: clips.length, scrolled: d.scrollLeft,
            box: d.getBoundingClientRect().right,
            end: content.getBoundingClientRect().right,
            tex: d.textContent.slice(0, 60)}; })"""


def assert_wide_formulas_scroll_on_a_phone(page, docname):
    """At 390 px a display formula that is wider than the page scrolls in its own box:
    nothing is cut at the page's edge, and the page itself does not scroll sideways."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    boxes = page.evaluate(FORMULA_BOXES_JS)
    cut = [b for b in boxes if b["clipped"] or b["box"] > PHONE + 1 or b["end"] > b["box"] + 1]
    assert not cut, f"formulas cut at {PHONE} px: {cut[:3]}"
    stuck = [b for b in boxes if b["wide"] and not b["scrolled"]]
    assert not stuck, f"wide formulas that do not scroll: {stuck[:3]}"
    if docname == NOTEBOOKS[4].stem:   # 05's backward pass: wider than a phone
        assert any(b["wide"] for b in boxes), "no wide formula here: choose another page"


def test_about_page_links_the_article_and_the_source(offline):
    view = offline()
    page = view.open(page_url("about"), math=False)
    hrefs = page.eval_on_selector_all("article a", "els => els.map(a => a.href)")
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    assert urls["Article"] in hrefs and urls["Source"] in hrefs, hrefs
    text = page.inner_text("article")
    assert "Neural Networks from Scratch, part 4: Layers" in text and "python start.py" in text
    view.assert_clean("the about page")


def test_dark_mode_toggles_and_stays(offline, shots):
    view = offline(typeset=False)   # the colours are checked here, the math elsewhere
    page = view.open(page_url(CHAPTERS[-1][0]))
    background = "() => getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)
    page.locator(".theme-switch-button").first.click()
    page.locator(".theme-change-button[data-mode=dark]:visible").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = page.evaluate(background)
    assert dark != light

    def brightness(css):
        r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
        return (r + g + b) / 3

    assert brightness(dark) < 80 < brightness(light), (light, dark)
    page = view.open(page_url("index"))         # the choice holds on the next page
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.screenshot(path=str(shots / "site_dark.png"))
    page.locator(".theme-switch-button").first.click()
    page.locator(".theme-change-button[data-mode=light]:visible").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    view.assert_clean("the dark mode")
