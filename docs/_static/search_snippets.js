/* The search page's snippets from disk. Sphinx's search fetch()es each page it lists for
   the text around the word; from file:// the browser refuses. page_texts.js (written by
   tools/build_html.py) holds each page's text: a fetch of a page of this site is answered
   from it, anything else goes to the real fetch. */
(() => {
  const texts = window.COURSE_PAGE_TEXTS || {};
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const realFetch = window.fetch.bind(window);
  window.fetch = (resource, options) => {
    const url = new URL(String(resource), location.href);
    const page = decodeURIComponent(url.pathname).replace(decodeURIComponent(root.pathname), "")
      .replace(/\.html$/, "");
    if (url.href.startsWith(root.href) && page in texts) {
      const main = document.createElement("div");
      main.setAttribute("role", "main");
      main.textContent = texts[page];
      return Promise.resolve(new Response(main.outerHTML,
                                          {headers: {"Content-Type": "text/html"}}));
    }
    return realFetch(resource, options);
  };
})();
