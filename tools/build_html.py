"""Build the course website from the notebooks as stored in git: build/html/index.html.

    python tools/build_html.py [--out build/html] [--student DIR | --no-student]

The site is a Sphinx project (MyST-NB reads the notebooks, sphinx-book-theme lays
them out) assembled in build/site-src/ from:
- tools/site/ (conf.py, the theme's extra CSS),
- a copy of every notebooks/NN_*.ipynb, in course order, without the cells tagged
  `test-only` and without ruff's `# noqa` comments, and the repository files they link
  to (../nnfs/layer.py, an image) copied to _files/; the stored notebooks are only read,
- the start page, tools/site/start.md, filled in with one line per notebook: the
  notebook's own first heading and its line in tools/site/chapters.toml; and the About
  page, tools/site/about.md, with the URLs of pyproject.toml's [project.urls],
- the student edition as a section of its own, when DIR (default build/student/) holds
  NN_*.ipynb notebooks, each page titled "... (student edition)",
- the hand-out (tools/release.py, built when missing or older than its inputs), which
  every chapter offers as its download, with the one command that runs it,
- MathJax 2 from jupyter-server-mathjax, so equations typeset without a network.
Nothing is executed: every page shows the outputs nbval compared (the checks' emoji
verdict marks drawn as text marks, readable without an emoji font). Sphinx runs with
warnings as errors, so a link to a page or heading that does not exist fails the build.
After the build, _static/page_texts.js gives the search page each page's text, from which
Sphinx's search shows a snippet (it cannot fetch() the pages from file://).
"""

import argparse
import json
import pathlib
import re
import shutil
import sys
import tomllib
import urllib.parse

import jupyter_server_mathjax
import nbformat

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import release  # noqa: E402  (the hand-out, next to this file)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE = ROOT / "tools" / "site"
CHAPTERS = SITE / "chapters.toml"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
STUDENT_DIR = "student"       # the student edition's folder in the site
STUDENT_CAPTION = "Student edition: exercises to do"
STUDENT_TITLE = " (student edition)"
TEST_ONLY = "test-only"      # a cell that exists for the tests: not shown
# The checks' verdict marks are emoji, which need an emoji font: shown as text marks.
TEXT_MARKS = str.maketrans({"\u2705": "\u2713", "\u274c": "\u2717"})   # ✅ ✓, ❌ ✗

# Ruff's noqa comments (any explanation after the codes stays, as a plain comment).
# A markdown link or image target: `](target)` or `](<target>)`, optionally with a title.
LINK_TARGET = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]+)")
NOQA = re.compile(r"\s*#\s*noqa\b(?::\s*[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)?(?P<rest>.*)$")


def notebooks_in(folder):
    """The course notebooks in ``folder``, in course order (NN_name.ipynb)."""
    return sorted(pathlib.Path(folder).glob(NOTEBOOK_GLOB))


def drop_noqa(line):
    """``line`` without ruff's ``# noqa`` comment; an explanation after it is kept."""
    match = NOQA.search(line)
    if not match:
        return line
    rest = match.group("rest").strip()
    return line[:match.start()] + (f"  # {rest}" if rest else "")


def strip_plumbing(source):
    """A code cell's source without ruff's comments (lines are never dropped: cells that
    exist for the tests carry the tag ``test-only`` and are left out whole)."""
    return "\n".join(drop_noqa(line) for line in source.splitlines()).strip("\n")


def text_marks(outputs):
    """The outputs with the verdict marks' emoji replaced by text marks."""
    for out in outputs:
        if "text" in out:
            out.text = out.text.translate(TEXT_MARKS)
        if "text/plain" in out.get("data", {}):
            out.data["text/plain"] = out.data["text/plain"].translate(TEXT_MARKS)
    return outputs


def stage_linked_files(markdown, src_dir, depth):
    """Make links to files of the repository (``../nnfs/layer.py``, an image) work.

    A link from a notebook to a file that is not a notebook resolves, as in
    JupyterLab, against notebooks/; the file is copied into the site under _files/ and
    the link pointed there (Sphinx then offers it as a download, or shows the image).
    ``depth`` is how many folders below the site's top the page is."""
    def fix(match):
        target = match.group(1).strip("<>")
        url = urllib.parse.urlsplit(target)
        if (url.scheme or url.netloc or not url.path or url.path.endswith(".ipynb")):
            return match.group(0)
        file = (ROOT / "notebooks" / urllib.parse.unquote(url.path)).resolve()
        if not file.is_file() or not file.is_relative_to(ROOT):
            return match.group(0)      # Sphinx reports it: a broken link fails the build
        rel = file.relative_to(ROOT).as_posix()
        dest = src_dir / "_files" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, dest)
        return f"]({'../' * depth}_files/{urllib.parse.quote(rel)}"
    return LINK_TARGET.sub(fix, markdown)


def title_of(nb, path):
    """The text of the notebook's first heading (its page title)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    raise SystemExit(f"{path}: no '# ' heading in a markdown cell, so the page has no title")


def chapter_key(path):
    """The key of a notebook in chapters.toml: its name without number and extension."""
    return path.stem.split("_", 1)[1]


def chapter_lines(paths, chapters=CHAPTERS):
    """{notebook path: its start-page line}; fails naming every notebook without one."""
    table = tomllib.loads(pathlib.Path(chapters).read_text(encoding="utf-8"))
    missing = [p.name for p in paths if not str(table.get(chapter_key(p), "")).strip()]
    if missing:
        raise SystemExit(
            f"no start-page line for {', '.join(missing)}: add "
            + ", ".join(f'{chapter_key(pathlib.Path(m))} = "..."' for m in missing)
            + f" to {chapters.relative_to(ROOT) if chapters.is_relative_to(ROOT) else chapters}")
    return {p: " ".join(table[chapter_key(p)].split()) for p in paths}


def stage_notebook(src, dest, src_dir, banner=None, title_suffix=""):
    """Copy one notebook for the site: test-only cells left out, noqa comments and emoji
    marks replaced, linked files staged; optionally a banner cell after the first, and a
    suffix to its title (the first heading)."""
    nb = nbformat.read(src, as_version=4)
    depth = len(dest.relative_to(src_dir).parts) - 1
    nb.cells = [c for c in nb.cells if TEST_ONLY not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_plumbing(cell.source)
            text_marks(cell.outputs)
        elif cell.cell_type == "markdown":
            cell.source = stage_linked_files(cell.source, src_dir, depth)
    if title_suffix:
        first = next(c for c in nb.cells if c.cell_type == "markdown"
                     and re.search(r"(?m)^# ", c.source))
        first.source = re.sub(r"(?m)^(# .*?)[ \t]*$", rf"\1{title_suffix}", first.source, count=1)
    if banner:
        nb.cells.insert(1, nbformat.v4.new_markdown_cell(banner))
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)
    return nb


def start_page(course, student):
    """The start page in MyST: ``course`` and ``student`` are lists of (docname, title, line)."""
    def listing(entries):
        items = "\n".join(f"{i}. [{title}]({doc}.ipynb): {line}"
                          for i, (doc, title, line) in enumerate(entries, 1))
        return f":::{{container}} course-index\n{items}\n:::\n"

    def toctree(caption, entries):
        docs = "\n".join(doc for doc, _, _ in entries)
        return f"```{{toctree}}\n:hidden:\n:caption: {caption}\n\n{docs}\n```\n"

    student_text = ""
    toctrees = toctree("The course", course)
    if student:
        student_text = (
            f"## {STUDENT_CAPTION}\n\n"
            "The same notebooks as a teacher hands them out: the exercises are left for you "
            "to write, the checks that grade them are kept, and the solutions are taken out. "
            "Each page shows what the checks print before any exercise is done.\n\n"
            + listing(student).replace("course-index", "student-index"))
        toctrees += "\n" + toctree(STUDENT_CAPTION, student)
    text = (SITE / "start.md").read_text(encoding="utf-8")
    for marker, value in (("{{ notebooks }}", listing(course)), ("{{ student }}", student_text),
                          ("{{ toctrees }}", toctrees)):
        text = text.replace(marker, value)
    return text


def urls():
    """The course's URLs, from pyproject.toml's [project.urls] (placeholders until it has a
    public home: there is the one place to change them)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["project"]["urls"]


def download_note(archive, depth, more=""):
    """The banner of a chapter: the hand-out to download and the one command that runs it."""
    up = "../" * depth
    return (f":::{{note}}\n{more}Run it yourself: download [{archive.name}]"
            f"({up}_files/release/{archive.name}) (every notebook, exercises blank), unzip "
            f"it and run `python start.py` in its folder (Python 3.11 or newer). "
            f"[What it does]({up}about.md#run-it-yourself).\n:::")


def stage(src_dir, student_dir, archive):
    """Assemble the Sphinx project in ``src_dir``; returns the number of pages."""
    course = notebooks_in(ROOT / "notebooks")
    if not course:
        raise SystemExit("no notebooks found in notebooks/")
    student = notebooks_in(student_dir) if student_dir else []
    lines = chapter_lines(course + student)

    if src_dir.exists():
        shutil.rmtree(src_dir)
    shutil.copytree(SITE, src_dir, ignore=shutil.ignore_patterns("*.md", "__pycache__"))
    shutil.copytree(pathlib.Path(jupyter_server_mathjax.__file__).parent / "static",
                    src_dir / "_extra" / "mathjax")
    (src_dir / "_files" / "release").mkdir(parents=True)
    shutil.copyfile(archive, src_dir / "_files" / "release" / archive.name)

    entries = []
    for path in course:
        banner = download_note(archive, 0, "This page shows the solutions. ")
        nb = stage_notebook(path, src_dir / path.name, src_dir, banner=banner)
        entries.append((path.stem, title_of(nb, path), lines[path]))
    student_entries = []
    titles = {f"{doc}.ipynb": title for doc, title, _ in entries}
    for path in student:
        banner = "Student edition: the exercises are yours to write."
        if path.name in titles:
            banner += (" The course's own page, with the solutions: "
                       f"[{titles[path.name]}](../{path.name}).")
        nb = stage_notebook(path, src_dir / STUDENT_DIR / path.name, src_dir,
                            banner=download_note(archive, 1, banner + "\n\n"),
                            title_suffix=STUDENT_TITLE)
        student_entries.append((f"{STUDENT_DIR}/{path.stem}", title_of(nb, path), lines[path]))
    (src_dir / "index.md").write_text(start_page(entries, student_entries), encoding="utf-8")
    about = (SITE / "about.md").read_text(encoding="utf-8")
    for key, value in {**urls(), "archive": f"_files/release/{archive.name}"}.items():
        about = about.replace(f"{{{{ {key} }}}}", value)
    (src_dir / "about.md").write_text(about, encoding="utf-8")
    return len(entries) + len(student_entries)


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


def build(out, student_dir):
    from sphinx.cmd.build import build_main

    src_dir = ROOT / "build" / "site-src"
    archive = release.ensure()[0]
    pages = stage(src_dir, student_dir, archive)
    if out.exists():
        shutil.rmtree(out)
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-E",
                         "-d", str(ROOT / "build" / "site-doctrees"), str(src_dir), str(out)])
    if status:
        raise SystemExit(f"sphinx-build failed (exit {status}); see the warnings above")
    page_texts(out)
    print(f"wrote {out / 'index.html'} (start page, about page and {pages} notebook pages)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "html")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--student", type=pathlib.Path, default=ROOT / "build" / "student",
                       help="folder of the student edition's notebooks (default: build/student; "
                            "left out when it holds none)")
    group.add_argument("--no-student", dest="student", action="store_const", const=None,
                       help="leave the student edition out")
    args = parser.parse_args()
    build(args.out.resolve(), args.student)


if __name__ == "__main__":
    sys.exit(main())
