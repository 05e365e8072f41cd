// Page-side probes of the slider benchmark (tools/bench_sliders/measure.py).  Loaded into
// every page as an init script; `benchProbes.install(root, mode)` starts recording, in the
// page's clock (performance.now()):
//   keys     every ArrowLeft/ArrowRight keydown (capture phase on window: just before the
//            slider's own handler),
//   pointer  every pointermove/pointerup while a mouse button is down,
//   readouts every change of the readout text,
//   srcs     every new picture: the explorer's canvas counts painted frames in data-frame;
//            the baseline's <img> gets a new src,
//   paints   the animation frame after a new picture was decoded (when it reaches the
//            screen).

window.benchProbes = {
  install(root, mode) {
    const old = window.__bench;
    if (old) {
      old.observer.disconnect();
      window.removeEventListener("keydown", old.onKey, true);
      window.removeEventListener("pointermove", old.onPointer, true);
      window.removeEventListener("pointerup", old.onPointer, true);
    }
    const readoutText = mode === "explorer"
      ? () => root.querySelector(".mlelib-readout-panel")?.innerText ?? ""
      : () => [...root.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]')]
        .map((e) => e.innerText).join("\n");
    const images = mode === "explorer"
      ? () => root.querySelectorAll("canvas.mlelib-explorer-canvas")
      : () => root.querySelectorAll(".widget-output img");
    const B = { keys: [], pointer: [], readouts: [], srcs: [], paints: [], lastText: null,
      seen: new WeakMap(), decodeErrors: 0, root };
    B.reset = () => { B.keys = []; B.pointer = []; B.readouts = []; B.srcs = []; B.paints = []; };
    B.scan = () => {
      const now = performance.now();
      const text = readoutText();
      if (text !== B.lastText) { B.lastText = text; B.readouts.push({ t: now, text }); }
      for (const img of images()) {
        const isCanvas = img.tagName === "CANVAS";
        const src = isCanvas ? img.dataset.frame : img.getAttribute("src");
        if (!src || B.seen.get(img) === src) continue;
        B.seen.set(img, src);
        const id = B.srcs.length;
        B.srcs.push({ t: now, id });
        // a canvas is painted synchronously; an <img> decodes first
        const decoded = isCanvas ? Promise.resolve() : img.decode();
        decoded.then(
          () => requestAnimationFrame(() => B.paints.push({ t: performance.now(), id })),
          () => { B.decodeErrors += 1; }); // superseded by a newer src before decoding
      }
    };
    B.onKey = (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      B.keys.push({ t: performance.now(), ts: e.timeStamp, trusted: e.isTrusted });
    };
    B.onPointer = (e) => {
      if (e.type === "pointerup" || e.buttons) B.pointer.push({ t: performance.now(), type: e.type });
    };
    B.observer = new MutationObserver(B.scan);
    B.observer.observe(root, { subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ["src", "data-frame"] });
    window.addEventListener("keydown", B.onKey, true);
    window.addEventListener("pointermove", B.onPointer, true);
    window.addEventListener("pointerup", B.onPointer, true);
    B.scan();
    window.__bench = B;
    return B.lastText;
  },

  reset() { window.__bench.reset(); },

  norm(text) { return (text || "").replace(/\u2212/g, "-").replace(/\s+=\s+/g, " = "); },

  state() {
    const B = window.__bench;
    const counter = (sel) => Number(B.root.querySelector(sel)?.dataset.prefetched || 0);
    return { keys: B.keys, pointer: B.pointer, readouts: B.readouts, srcs: B.srcs,
      paints: B.paints, text: B.lastText, decodeErrors: B.decodeErrors,
      prefetched: { readout: counter(".mlelib-readout-panel"),
        plot: counter("canvas.mlelib-explorer-canvas") } };
  },

  // one step is complete when the readout changed (unless the new value reads the same)
  // and the newest picture since the key is on screen
  stepDone(needText) {
    const B = window.__bench;
    if (!B.keys.length) return false;
    const text = !needText || B.readouts.some((r) => r.t >= B.keys[0].t);
    const last = B.srcs.length - 1;
    return text && last >= 0 && B.paints.some((p) => p.id === last);
  },

  showsText(lines) {
    const text = this.norm(window.__bench.lastText);
    return lines.every((l) => text.includes(l));
  },

  // a burst or drag has settled when the readout shows `lines`, the newest picture (if
  // any) is on screen and nothing changed for `quiet` ms
  settled(lines, quiet) {
    const B = window.__bench;
    if (!this.showsText(lines)) return false;
    const last = B.srcs.length - 1;
    if (last >= 0 && !B.paints.some((p) => p.id === last)) return false;
    const times = [...B.keys, ...B.pointer, ...B.readouts, ...B.srcs, ...B.paints]
      .map((e) => e.t);
    return performance.now() - Math.max(...times) >= quiet;
  },
};
