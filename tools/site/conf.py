"""Sphinx configuration of the course website (built by tools/build_html.py, `make html`).

tools/build_html.py copies this folder, the notebooks (test markers stripped) and a
generated start page into build/site-src/, and builds that with Sphinx. Everything
the pages load comes from the build folder itself: no request goes to any host, at
build time or when a reader opens the pages (also straight from disk, file://).
"""

project = "Neural Networks from Scratch, part 4: Layers"
author = "the course's authors"
copyright = "the course's authors"
html_title = project
language = "en"

extensions = ["myst_nb", "sphinx_copybutton"]
root_doc = "index"
exclude_patterns = ["_extra", "_files", "_static", "conf.py", "chapters.toml",
                    "**.ipynb_checkpoints"]

# --------------------------------------------------------------------- notebooks
# The pages show the outputs stored in git, which nbval checked: never execute.
nb_execution_mode = "off"
nb_output_stderr = "show"
nb_merge_streams = True
nb_render_error_lexer = "ipythontb"
nb_ipywidgets_js = {}          # no widgets; and never require.js from a CDN

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
# `[text](06_network.ipynb#some-heading)` and `[text](#some-heading)` resolve.
myst_heading_anchors = 4
myst_update_mathjax = False    # MathJax 2 below is configured here, not by MyST

# --------------------------------------------------------------------- math
# MathJax 2 from jupyter-server-mathjax, copied by tools/build_html.py into
# _extra/mathjax/ and from there to the top of the site (html_extra_path copies
# it as it is; in html_static_path Sphinx would list its files on every page).
# Sphinx puts a relative mathjax_path under _static/; the copy is at the top.
mathjax_path = "../mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
mathjax2_config = {
    # HTML-CSS only: the NativeMML output (in the combined config file) would add web
    # fonts of its own, which this copy of MathJax does not ship.
    "jax": ["input/TeX", "output/HTML-CSS"],
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processRefs": False,
        "processEnvironments": False,
    },
    "HTML-CSS": {"availableFonts": ["STIX-Web"], "preferredFont": "STIX-Web",
                 "webFont": "STIX-Web", "imageFont": None},
    # The quick preview would draw with MathJax's TeX fonts, which this copy lacks.
    "fast-preview": {"disabled": True},
    "showMathMenu": False,
    "messageStyle": "none",
}
html_extra_path = ["_extra"]

# --------------------------------------------------------------------- theme
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_copy_source = True        # the theme's download button offers the .ipynb
html_show_sourcelink = False
html_last_updated_fmt = None
# Search results with the text around the word. Sphinx fetch()es each page for it, which
# browsers refuse for pages opened from disk (file://): on the search page only,
# search_snippets.js answers those requests from _static/page_texts.js, which
# tools/build_html.py writes after the build (each page's text).
html_show_search_summary = True


def _search_page_scripts(app, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file("page_texts.js", priority=100)
        app.add_js_file("search_snippets.js", priority=101)


def setup(app):
    app.connect("html-page-context", _search_page_scripts)
html_theme_options = {
    "home_page_in_toc": False,            # the site's title above the chapters links home
    "navbar_persistent": [],              # no top bar: search sits in the sidebar
    "show_toc_level": 1,                  # the per-page outline, on the right
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_source_button": False,
    "use_edit_page_button": False,
    "use_issues_button": False,
    "launch_buttons": {},
    "navigation_with_keys": False,
    "footer_content_items": [],           # no "By ... / (c) ..." lines
}

# --------------------------------------------------------------------- copy buttons
# On code cells and code blocks, not on outputs (myst-nb marks those with "output").
copybutton_selector = "div:not(.output) > div.highlight > pre"
copybutton_exclude = ".linenos, .gp, .go"

# Titles and text as written: no curly quotes (the start page repeats notebook headings).
smartquotes = False
