"""Sphinx configuration of the course website (`make html`: tools/build_html.py stages it).

Everything the pages load comes from the build folder itself: no request goes to any host,
at build time or when a reader opens the pages (also from disk, file://).
"""

project = html_title = "Neural Networks from Scratch, part 4: Layers"
author = copyright = "the course's authors"
language = "en"
extensions = ["myst_nb", "sphinx_copybutton"]
exclude_patterns = ["_extra", "_files", "_static", "conf.py", "chapters.toml",
                    "**.ipynb_checkpoints"]
smartquotes = False            # titles as written: the start page repeats notebook headings

# The pages show the outputs stored in git, which nbval checked: never execute.
nb_execution_mode = "off"
nb_output_stderr = "show"
nb_merge_streams = True
nb_render_error_lexer = "ipythontb"
nb_ipywidgets_js = {}          # no widgets; and never require.js from a CDN
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 4       # [text](06_network.ipynb#some-heading) resolves
myst_update_mathjax = False    # MathJax 2 below is configured here, not by MyST

# MathJax 2 from jupyter-server-mathjax, copied into _extra/mathjax/ and from there (as it
# is) to the top of the site; Sphinx puts a relative mathjax_path under _static/.
mathjax_path = "../mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
html_extra_path = ["_extra"]
mathjax2_config = {
    # HTML-CSS with STIX-Web only: NativeMML and the TeX fonts of the fast preview would
    # need fonts this copy of MathJax does not ship.
    "jax": ["input/TeX", "output/HTML-CSS"],
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                "processRefs": False, "processEnvironments": False},
    "HTML-CSS": {"availableFonts": ["STIX-Web"], "preferredFont": "STIX-Web",
                 "webFont": "STIX-Web", "imageFont": None},
    "fast-preview": {"disabled": True},
    "showMathMenu": False,
    "messageStyle": "none",
}

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_copy_source = True        # the theme's download button offers the .ipynb
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {         # besides the theme's defaults
    "navbar_persistent": [],              # no top bar: search sits in the sidebar
    "use_fullscreen_button": False,
    "footer_content_items": [],           # no "By ... / (c) ..." lines
}
# On code cells and code blocks, not on outputs (myst-nb marks those with "output").
copybutton_selector = "div:not(.output) > div.highlight > pre"
copybutton_exclude = ".linenos, .gp, .go"

# Search results with the text around the word: Sphinx fetch()es each page for it, which
# browsers refuse from file://; on the search page, search_snippets.js answers from
# _static/page_texts.js (each page's text, written by tools/build_html.py).
html_show_search_summary = True


def setup(app):
    def search_page_scripts(app, pagename, templatename, context, doctree):
        if pagename == "search":
            app.add_js_file("page_texts.js", priority=100)
            app.add_js_file("search_snippets.js", priority=101)

    app.connect("html-page-context", search_page_scripts)
