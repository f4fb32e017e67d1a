"""Build the course website from the notebooks as stored in git: build/html/index.html.

    python tools/build_html.py [--out build/html] [--student DIR | --no-student]

The site is a Sphinx project (MyST-NB reads the notebooks, sphinx-book-theme lays
them out) assembled in build/site-src/ from:
- tools/site/ (conf.py, the theme's extra CSS),
- a copy of every notebooks/NN_*.ipynb, in course order, with the test plumbing
  (`# NBVAL_...` markers, `# noqa` comments) taken out of the code cells, and the
  repository files they link to (../nnfs/layer.py, an image) copied to _files/; the
  stored notebooks are only read,
- the start page, tools/site/start.md, filled in with one line per notebook: the
  notebook's own first heading and its line in tools/site/chapters.toml,
- the student edition (issue 11) as a section of its own, when DIR (default
  build/student/) holds NN_*.ipynb notebooks,
- MathJax 2 from jupyter-server-mathjax, so equations typeset without a network.
Nothing is executed: every page shows the outputs nbval compared. Sphinx runs with
warnings as errors, so a link to a page or heading that does not exist fails the build.
"""

import argparse
import pathlib
import re
import shutil
import sys
import tomllib
import urllib.parse

import jupyter_server_mathjax
import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE = ROOT / "tools" / "site"
CHAPTERS = SITE / "chapters.toml"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
STUDENT_DIR = "student"       # the student edition's folder in the site
STUDENT_CAPTION = "Student edition: exercises to do"

# Whole-line markers for nbval (and its older spelling), and ruff's noqa comments
# (any explanation after the codes stays, as a plain comment).
MARKER_LINE = re.compile(r"^\s*#\s*(NBVAL_[A-Z_]+|PYTEST_VALIDATE_[A-Z_]+)\b.*$")
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
    """A code cell's source without the lines and comments that only the tests read."""
    lines = [drop_noqa(line) for line in source.splitlines() if not MARKER_LINE.match(line)]
    return "\n".join(lines).strip("\n")


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


def stage_notebook(src, dest, src_dir, banner=None):
    """Copy one notebook for the site: plumbing stripped, linked files staged, optionally
    a banner cell after the first."""
    nb = nbformat.read(src, as_version=4)
    depth = len(dest.relative_to(src_dir).parts) - 1
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_plumbing(cell.source)
        elif cell.cell_type == "markdown":
            cell.source = stage_linked_files(cell.source, src_dir, depth)
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


def stage(src_dir, student_dir):
    """Assemble the Sphinx project in ``src_dir``; returns the number of pages."""
    course = notebooks_in(ROOT / "notebooks")
    if not course:
        raise SystemExit("no notebooks found in notebooks/")
    student = notebooks_in(student_dir) if student_dir else []
    lines = chapter_lines(course + student)

    if src_dir.exists():
        shutil.rmtree(src_dir)
    shutil.copytree(SITE, src_dir, ignore=shutil.ignore_patterns("start.md", "__pycache__"))
    shutil.copytree(pathlib.Path(jupyter_server_mathjax.__file__).parent / "static",
                    src_dir / "_extra" / "mathjax")

    entries = []
    for path in course:
        nb = stage_notebook(path, src_dir / path.name, src_dir)
        entries.append((path.stem, title_of(nb, path), lines[path]))
    student_entries = []
    titles = {f"{doc}.ipynb": title for doc, title, _ in entries}
    for path in student:
        banner = "Student edition: the exercises are yours to write."
        if path.name in titles:
            banner += (" The course's own page, with the solutions: "
                       f"[{titles[path.name]}](../{path.name}).")
        banner = f":::{{note}}\n{banner}\n:::"
        nb = stage_notebook(path, src_dir / STUDENT_DIR / path.name, src_dir, banner=banner)
        student_entries.append((f"{STUDENT_DIR}/{path.stem}", title_of(nb, path), lines[path]))
    (src_dir / "index.md").write_text(start_page(entries, student_entries), encoding="utf-8")
    return len(entries) + len(student_entries)


def build(out, student_dir):
    from sphinx.cmd.build import build_main

    src_dir = ROOT / "build" / "site-src"
    pages = stage(src_dir, student_dir)
    if out.exists():
        shutil.rmtree(out)
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-E",
                         "-d", str(ROOT / "build" / "site-doctrees"), str(src_dir), str(out)])
    if status:
        raise SystemExit(f"sphinx-build failed (exit {status}); see the warnings above")
    print(f"wrote {out / 'index.html'} (start page and {pages} notebook pages)")


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
