"""Build the course website from the stored notebooks: build/html/index.html (make html).

The Sphinx project is docs/ (MyST-NB, sphinx-book-theme: docs/conf.py), staged in
build/site-src/ with the notebooks (without cells tagged test-only or ruff's noqa comments),
the student edition (build/student/, always built) as a section of its own, the start page
(docs/index.md, a line per notebook from docs/chapters.toml; MyST fills in each title), the
hand-out as every chapter's download, and MathJax 2 from jupyter-server-mathjax (no network).
Nothing is executed; warnings are errors (a broken link fails the build). _static/page_texts.js
gives the search page each page's text (Sphinx cannot fetch() pages from file://).
"""

import json
import re
import shutil
import sys
import tomllib

import jupyter_server_mathjax
import nbformat
import release
from notebook_files import ROOT, course_notebooks

SITE, SRC = ROOT / "docs", ROOT / "build" / "site-src"
STUDENT = ROOT / "build" / "student"     # student_edition.py's, made by release.ensure()
STUDENT_DIR, STUDENT_TITLE = "student", " (student edition)"
TEST_ONLY = "test-only"      # a cell that exists for the tests: not shown
# The checks' verdict marks are emoji, which need an emoji font: shown as text marks.
TEXT_MARKS = str.maketrans({"\u2705": "\u2713", "\u274c": "\u2717"})   # ✅ ✓, ❌ ✗
# Ruff's noqa comment; an explanation after its codes stays, as a plain comment.
NOQA = re.compile(r"(?m)[ \t]*#[ \t]*noqa\b(?::[ \t]*[A-Z]+[0-9]+(?:[ \t,]+[A-Z]+[0-9]+)*)?"
                  r"(?P<rest>.*)$")


def strip_plumbing(source):
    """A code cell's source without ruff's ``# noqa`` comments."""
    return NOQA.sub(lambda m: m["rest"].strip() and f"  # {m['rest'].strip()}",
                    source).strip("\n")


def chapter_lines(paths, chapters=SITE / "chapters.toml"):
    """{notebook path: its start-page line}; fails naming every notebook without one."""
    table = tomllib.loads(chapters.read_text(encoding="utf-8"))
    keys = {p: p.stem.split("_", 1)[1] for p in paths}
    if missing := [p for p in paths if not str(table.get(keys[p], "")).strip()]:
        raise SystemExit(f"no start-page line for {', '.join(p.name for p in missing)}: add "
                         + ", ".join(f'{keys[p]} = "..."' for p in missing) + f" to {chapters}")
    return {p: " ".join(table[keys[p]].split()) for p in paths}


def stage_notebook(src, dest, banner=None, title_suffix=""):
    """Copy one notebook for the site: test-only cells out, noqa comments and emoji marks
    replaced; a banner cell after the first, a suffix to the title."""
    nb = nbformat.read(src, as_version=4)
    nb.cells = [c for c in nb.cells if TEST_ONLY not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_plumbing(cell.source)
            for out in cell.outputs:
                for holder, key in ((out, "text"), (out.get("data", {}), "text/plain")):
                    if key in holder:
                        holder[key] = holder[key].translate(TEXT_MARKS)
    if title_suffix:
        first = next(c for c in nb.cells if c.cell_type == "markdown"
                     and re.search(r"(?m)^# ", c.source))
        first.source = re.sub(r"(?m)^(# .*?)[ \t]*$", rf"\1{title_suffix}", first.source,
                              count=1)
    if banner:
        nb.cells.insert(1, nbformat.v4.new_markdown_cell(banner))
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)
    return nb


def fill(name, values):
    """Stage docs/``name`` with each ``{{ key }}`` in it replaced by its value."""
    text = (SITE / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"{{{{ {key} }}}}", value)
    (SRC / name).write_text(text, encoding="utf-8")


def listing(kind, entries):
    """A start-page list of notebooks, ``entries`` (docname, line): MyST fills in the titles."""
    items = "\n".join(f"{i}. []({doc}.ipynb): {line}" for i, (doc, line) in enumerate(entries, 1))
    return f":::{{container}} {kind}-index\n{items}\n:::"


def download_note(archive, depth, more=""):
    """The banner of a chapter: the hand-out to download and the one command that runs it."""
    up = "../" * depth
    return (f":::{{note}}\n{more}Run it yourself: download [{archive.name}]"
            f"({up}_files/release/{archive.name}) (every notebook, exercises blank), unzip "
            f"it and run `python start.py` in its folder (Python 3.11 or newer). "
            f"[What it does]({up}about.md#run-it-yourself).\n:::")


def stage_pages(archive, course, student):
    """Stage the notebooks' pages; return the start page's lists (docname, line)."""
    lines, entries = chapter_lines(course + student), {"course": [], "student": []}
    for path in course:
        stage_notebook(path, SRC / path.name,
                       download_note(archive, 0, "This page shows the solutions. "))
        entries["course"].append((path.stem, lines[path]))
    for path in student:
        banner = "Student edition: the exercises are yours to write."
        if path.name in {p.name for p in course}:
            banner += f" The course's own page, with the solutions: [](../{path.name})."
        stage_notebook(path, SRC / STUDENT_DIR / path.name,
                       download_note(archive, 1, banner + "\n\n"), STUDENT_TITLE)
        entries["student"].append((f"{STUDENT_DIR}/{path.stem}", lines[path]))
    return entries


def stage(archive):
    """Assemble the Sphinx project in build/site-src/; return the number of pages."""
    shutil.rmtree(SRC, ignore_errors=True)
    shutil.copytree(SITE, SRC, ignore=shutil.ignore_patterns("*.md", "*.txt", "__pycache__"))
    shutil.copytree(f"{jupyter_server_mathjax.__path__[0]}/static", SRC / "_extra" / "mathjax")
    (SRC / "_files" / "release").mkdir(parents=True)
    shutil.copyfile(archive, SRC / "_files" / "release" / archive.name)
    entries = stage_pages(archive, course_notebooks(), course_notebooks(STUDENT))
    fill("index.md", {kind: listing(kind, pages) for kind, pages in entries.items()})
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    fill("about.md", pyproject["project"]["urls"] | {"archive": f"_files/release/{archive.name}"})
    return sum(map(len, entries.values()))


def page_texts(out):
    """_static/page_texts.js: each page's text, for the search page's snippets."""
    from bs4 import BeautifulSoup

    texts = {}
    for page in out.rglob("*.html"):
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(role="main")
        if main and page.name not in ("search.html", "genindex.html"):
            for junk in main.select(".headerlink, script, style"):
                junk.decompose()
            texts[page.relative_to(out).with_suffix("").as_posix()] = main.get_text()
    (out / "_static" / "page_texts.js").write_text(
        f"window.COURSE_PAGE_TEXTS = {json.dumps(texts)};\n", encoding="utf-8")


def main():
    from sphinx.cmd.build import build_main

    out = ROOT / "build" / "html"
    pages = stage(release.ensure()[0])
    shutil.rmtree(out, ignore_errors=True)
    if status := build_main(["-b", "html", "-q", "-W", "--keep-going", "-E", "-d",
                             str(ROOT / "build" / "site-doctrees"), str(SRC), str(out)]):
        sys.exit(f"sphinx-build failed (exit {status}); see the warnings above")
    page_texts(out)
    print(f"wrote {out / 'index.html'} (start page, about page and {pages} notebook pages)")


if __name__ == "__main__":
    main()
