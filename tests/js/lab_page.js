// Page-side helpers for driving JupyterLab and an explorer in it (tests/jupyterlab_harness.py
// and tests/lab_explorer.py, used by the browser test and the slider benchmark).  Loaded
// into every page as an init script.  The explorer helpers take the explorer's root
// element (`.mlelib-explorer`).

window.mlelibLab = {
  // Run All has started (`all` false) or finished (`all` true) every code cell; with
  // stopOnError, also true as soon as a cell shows an error
  cellsRun(all, stopOnError) {
    // a collapsed cell (an exercise's solution) shows a placeholder prompt without "[n]"
    const prompts = [...document.querySelectorAll(
      ".jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)")];
    if (!prompts.length) return false;
    if (stopOnError && document.querySelector(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) return true;
    const ran = prompts.map((p) => /\[(\d+|\*)\]/.test(p.textContent));
    const done = prompts.map((p) => /\[\d+\]/.test(p.textContent));
    return all ? done.every(Boolean) : ran.some(Boolean);
  },

  sliderByLabel(root, label) {
    return [...root.querySelectorAll(".widget-slider")].find(
      (s) => (s.querySelector("label.widget-label")?.textContent || "").trim() === label);
  },

  // focus a slider's handle; true when it has the focus
  focusHandle(root, label) {
    const handle = this.sliderByLabel(root, label)?.querySelector(".noUi-handle");
    if (!handle) return false;
    handle.focus();
    return document.activeElement === handle;
  },

  // each slider's readout text, by label (textContent: a cell scrolled out of view is
  // not laid out and its innerText is empty)
  sliderReadouts(root) {
    const out = {};
    for (const s of root.querySelectorAll(".widget-slider")) {
      const label = (s.querySelector("label.widget-label")?.textContent || "").trim();
      out[label] = s.querySelector(".widget-readout")?.textContent ?? null;
    }
    return out;
  },

  readoutRows(root) {
    return [...root.querySelectorAll(".mlelib-readout-row")]
      .map((r) => r.textContent.replace(/\s+/g, " ").trim());
  },

  // each row's number (its <code>), the part of a readout no translation changes
  readoutNumbers(root) {
    return [...root.querySelectorAll(".mlelib-readout-row code")]
      .map((c) => c.textContent.replace(/\s+/g, " ").trim());
  },

  canvas(root) {
    return root.querySelector("canvas.mlelib-explorer-canvas");
  },

  // the canvas holds a painted figure, not a blank or one-colour rectangle
  hasPicture(root) {
    const el = this.canvas(root);
    if (!el || !el.dataset.frame || !el.width) return false;
    const d = el.getContext("2d").getImageData(0, 0, el.width, el.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 31) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return colours.size > 16;
  },

  // press `key` on the focused handle and report, in the same task (before anything
  // from the kernel can arrive), the readout rows and the position the canvas shows
  keyInSameTask(root, key) {
    return new Promise((resolve) => {
      const seen = () => {
        window.removeEventListener("keydown", seen);
        resolve({ rows: this.readoutRows(root), shown: this.canvas(root).dataset.key });
      };
      window.addEventListener("keydown", seen); // bubbling: after the slider's own handler
      document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {
        key, code: key, bubbles: true, cancelable: true }));
    });
  },

  // `count` synthetic key presses in one task: the worst case for a backlog
  keyBurst(key, count) {
    const el = document.activeElement;
    for (let i = 0; i < count; i++) {
      el.dispatchEvent(new KeyboardEvent("keydown", { key, code: key, bubbles: true,
        cancelable: true }));
    }
  },
};
