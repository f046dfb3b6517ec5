// Copying a selection that holds math gives its TeX: $...$ inline, $$...$$
// for a display. The math is rendered at build time, and each formula's
// wrapper keeps its TeX in data-tex. A selection that starts or ends inside
// a formula takes the whole formula.
document.addEventListener("copy", (event) => {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0).cloneRange();
  const formula = (node) =>
    (node.nodeType === 1 ? node : node.parentElement)?.closest("[data-tex]");
  const first = formula(range.startContainer);
  const last = formula(range.endContainer);
  if (first) range.setStartBefore(first);
  if (last) range.setEndAfter(last);
  const fragment = range.cloneContents();
  const formulas = fragment.querySelectorAll("[data-tex]");
  if (formulas.length === 0) return; // plain text: the browser's own copy
  for (const el of formulas) {
    const display = el.classList.contains("arithmatex-display") || el.tagName === "DIV";
    const delimiter = display ? "$$" : "$";
    const tex = delimiter + el.dataset.tex + delimiter;
    el.replaceWith(display ? `\n${tex}\n` : tex);
  }
  event.clipboardData.setData("text/plain", fragment.textContent);
  event.preventDefault();
});
