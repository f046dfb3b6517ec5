// MathJax 3 configuration, after Material for MkDocs' recipe. MathJax itself is
// served from this site (assets/mathjax/, see tools/vendor_mathjax.sh).
window.MathJax = {
  tex: {
    // arithmatex (generic) emits \( \) and \[ \]; notebook cells keep $ and $$.
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
    // Without `noundefined`, an unknown macro is a visible error (mjx-merror)
    // that the browser test reports, instead of red text that looks like math.
    packages: { "[-]": ["noundefined"] },
  },
  options: {
    // Typeset only what arithmatex marked and notebook Markdown cells. Material's
    // recipe ignores ".*|", which also matches an element with no class at all
    // and so skips the <p> inside a notebook cell: ".+" ignores every classed
    // element, and a class-less element inherits from its parent.
    ignoreHtmlClass: ".+",
    processHtmlClass: "arithmatex|jp-RenderedMarkdown|jp-MarkdownOutput",
  },
};

// Instant navigation swaps the page without reloading: typeset the new content.
// The first emission is the page MathJax is already typesetting at startup;
// typesetting it a second time would render every formula twice (and cost
// twice the time), so it is skipped.
let firstDocument = true;
document$.subscribe(() => {
  if (firstDocument) {
    firstDocument = false;
    return;
  }
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
