"""Render the course, with its stored outputs, to static pages under build/html/.

    python tools/build_html.py [--out build/html]

Each notebook becomes NN_name.html (JupyterLab's look, plots embedded as
images, equations typeset by a local copy of MathJax, so the pages work
offline), and index.html lists them in course order with their titles.
Nothing is executed: the pages show exactly what is stored in git.
"""

import argparse
import html
import pathlib
import shutil

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter

ROOT = pathlib.Path(__file__).resolve().parent.parent
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"


def title_of(nb, fallback):
    """The text of the first markdown heading, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def build(out):
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        raise SystemExit("no notebooks found in notebooks/")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(pathlib.Path(jupyter_server_mathjax.__file__).parent / "static",
                    out / "mathjax")

    loaded = [nbformat.read(p, as_version=4) for p in notebooks]
    pages = [{"href": p.stem + ".html", "title": title_of(nb, p.stem)}
             for p, nb in zip(notebooks, loaded, strict=True)]
    exporter = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_URL,
                            extra_template_paths=[str(ROOT / "tools" / "html")],
                            template_file="course.html.j2")
    for i, (nb, page) in enumerate(zip(loaded, pages, strict=True)):
        resources = {
            "metadata": {"name": page["title"]},
            "course_prev": pages[i - 1] if i > 0 else None,
            "course_next": pages[i + 1] if i + 1 < len(pages) else None,
        }
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        (out / page["href"]).write_text(body, encoding="utf-8")
        print(f"wrote {out / page['href']}")

    items = "\n".join(f'    <li><a href="{p["href"]}">{html.escape(p["title"])}</a></li>'
                      for p in pages)
    (out / "index.html").write_text(f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Neural Networks from Scratch, part 4: Layers</title>
  <style>
    body {{ font-family: sans-serif; max-width: 46em; margin: 3em auto; line-height: 1.5; }}
  </style>
</head>
<body>
  <h1>Neural Networks from Scratch, part 4: Layers</h1>
  <p>The course as static pages, with the outputs stored in the notebooks.
  To run and change the code, open the notebooks in JupyterLab (<code>make lab</code>).</p>
  <ol class="course-index">
{items}
  </ol>
</body>
</html>
""", encoding="utf-8")
    print(f"wrote {out / 'index.html'} ({len(pages)} notebooks)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "html")
    build(parser.parse_args().out.resolve())


if __name__ == "__main__":
    main()
