// Front end of an explorer's two kernel-driven widgets (mlelib/canvas.py): the canvas
// the kernel paints (FrameCanvas) and the readout beside the sliders (Readout).
//
// Frames.  Each "frame" message from the kernel is the picture for the sliders' values
// the kernel last handled, given as runs of changed pixels in row-major order: three
// buffers of little-endian 32-bit words (where each run starts, how long it is, and the
// new RGBA pixels of all runs one after another).  The runs change the *base* (a copy
// of the frame the kernel knows the page has); frames must be applied in the order
// they arrive, each changes the one before it.
//
// Prefetched pictures and numbers.  While the kernel is idle it also sends what the
// explorer would show one slider step away: "patch" messages (runs that turn the base
// into that picture, tagged with the id of the base they apply to) and "readouts"
// messages (readout HTML by slider position).  Both widgets listen to the slider models
// in the page; when a slider moves to a position the kernel has already sent, the
// readout and the picture change in the same task as the key press or pointer move,
// without waiting for the kernel.  The kernel still handles the move and sends the
// same picture and numbers, which then change nothing.  A position is keyed by each
// slider's step index ("3,10,1"), computed the same way as in mlelib/canvas.py.

const REF = "IPY_MODEL_";

function words(view) {
  // a Uint32Array needs a 4-byte aligned offset; a message's buffers need not have one
  if (view.byteOffset % 4 === 0) {
    return new Uint32Array(view.buffer, view.byteOffset, view.byteLength / 4);
  }
  return new Uint32Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function runsOf(buffers) {
  return { starts: words(buffers[0]), lengths: words(buffers[1]), values: words(buffers[2]) };
}

// The step index of a slider model's value (for a log slider, of its exponent).
function stepIndex(slider) {
  const value = slider.get("value");
  const position = slider.get("_model_name") === "FloatLogSliderModel"
    ? Math.log(value) / Math.log(slider.get("base"))
    : value;
  return Math.round((position - slider.get("min")) / slider.get("step"));
}

// Calls onMove whenever a slider listed in the model's "sliders" moves; key() is the
// position of all of them ("i,j,k"), or null until their models are found.
function followSliders(model, onMove) {
  let sliders = null;
  let alive = true;
  const ids = (model.get("sliders") || []).map((ref) => ref.slice(REF.length));
  Promise.all(ids.map((id) => model.widget_manager.get_model(id))).then((found) => {
    if (!alive) return;
    sliders = found;
    for (const slider of sliders) slider.on("change:value", onMove);
    onMove();
  }, () => {}); // without its sliders the widget still shows what the kernel sends
  return {
    key: () => (sliders === null ? null : sliders.map(stepIndex).join(",")),
    dispose: () => {
      alive = false;
      if (sliders !== null) for (const slider of sliders) slider.off("change:value", onMove);
    },
  };
}

function renderCanvas({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "mlelib-explorer-canvas";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", model.get("label"));
  // shrink with a narrow notebook, keeping the aspect ratio; never enlarge (blur)
  canvas.style.maxWidth = "100%";
  canvas.style.height = "auto";
  canvas.style.display = "block";
  const context = canvas.getContext("2d", { alpha: false });
  let width = 0;
  let image = null; // ImageData: what the canvas shows
  let shown = null; // the same memory as 32-bit words
  let base = null; // the kernel's last frame, as words
  let baseId = -1;
  let baseKey = null; // the slider position that frame is for
  const patches = new Map(); // position -> runs from the base to its picture
  // a prefetched picture shown instead of the base: its position, and the runs where
  // the canvas may differ from the base
  let overlay = null;
  let top = Infinity;
  let bottom = -1;
  let painted = 0;
  let prefetchedShown = 0;

  const resize = (w, h) => {
    canvas.width = w;
    canvas.height = h;
    width = w;
    image = context.createImageData(w, h);
    shown = new Uint32Array(image.data.buffer);
    base = new Uint32Array(w * h);
    patches.clear();
    overlay = null;
  };

  const touchRows = (first, last) => {
    top = Math.min(top, Math.floor(first / width));
    bottom = Math.max(bottom, Math.floor(last / width));
  };

  // write the runs' pixels into target (the base, or the canvas)
  const apply = (runs, target) => {
    let offset = 0;
    const n = runs.starts.length;
    for (let k = 0; k < n; k++) {
      target.set(runs.values.subarray(offset, offset + runs.lengths[k]), runs.starts[k]);
      offset += runs.lengths[k];
    }
    if (target === shown && n > 0) {
      touchRows(runs.starts[0], runs.starts[n - 1] + runs.lengths[n - 1] - 1);
    }
  };

  // where the runs lie, make the canvas show the base again; repaint only what differs
  const restore = (runs) => {
    for (let k = 0; k < runs.starts.length; k++) {
      const end = runs.starts[k] + runs.lengths[k];
      for (let i = runs.starts[k]; i < end; i++) {
        if (shown[i] !== base[i]) {
          shown[i] = base[i];
          touchRows(i, i);
        }
      }
    }
  };

  const flush = () => {
    if (bottom < top) return;
    context.putImageData(image, 0, 0, 0, top, width, bottom - top + 1);
    top = Infinity;
    bottom = -1;
    painted += 1;
    // tests and the benchmark watch these attributes to know a frame is on the canvas
    canvas.dataset.frame = String(painted);
    canvas.dataset.key = overlay === null ? String(baseKey) : overlay.key;
  };

  const dropOverlay = () => {
    if (overlay !== null) for (const runs of overlay.touched) restore(runs);
    overlay = null;
  };

  // show the picture of the sliders' position in the page if the page has it: the
  // kernel's frame, or a prefetched patch of it
  const follow = () => {
    const key = sliders.key();
    if (key === null || image === null || (overlay !== null && overlay.key === key)) return;
    const showingBase = overlay === null;
    const patch = patches.get(key);
    if (key === baseKey) {
      dropOverlay();
    } else if (patch !== undefined) {
      dropOverlay();
      apply(patch, shown);
      overlay = { key, touched: [patch] };
    } else {
      return; // wait for the kernel's frame
    }
    flush();
    if (!(showingBase && key === baseKey)) {
      // the benchmark counts the moves shown without waiting for the kernel
      canvas.dataset.prefetched = String(++prefetchedShown);
    }
  };

  const onMessage = (msg, buffers) => {
    if (!msg || (msg.type !== "frame" && msg.type !== "patch")) return;
    if (image === null || canvas.width !== msg.width || canvas.height !== msg.height) {
      resize(msg.width, msg.height);
    }
    const runs = runsOf(buffers);
    if (msg.type === "patch") {
      if (msg.base !== baseId) return; // made for a frame this page no longer has
      patches.set(msg.key, runs);
      canvas.dataset.ahead = [...patches.keys()].join(" "); // what tests wait for
      follow(); // the slider may already be there
      return;
    }
    const page = sliders.key();
    const showing = overlay === null ? baseKey : overlay.key;
    apply(runs, base);
    baseId = msg.id;
    baseKey = msg.key;
    patches.clear();
    canvas.dataset.ahead = "";
    if (page !== null && showing === page && page !== msg.key) {
      // The frame is for a position the page has left (the kernel is behind a fast
      // drag, or the page already showed this one from a patch): keep the page's picture.
      if (overlay === null) overlay = { key: page, touched: [] };
      overlay.touched.push(runs);
      return;
    }
    // Show the base.  Where a patch already put the same pixels there is nothing to
    // repaint, so a frame the page had prefetched costs no second paint.
    dropOverlay();
    restore(runs);
    flush();
  };

  const sliders = followSliders(model, follow);
  if (model.get("width") > 0 && model.get("height") > 0) {
    resize(model.get("width"), model.get("height")); // the right size before any frame
  }
  model.on("msg:custom", onMessage);
  el.appendChild(canvas);
  // a new view (a second display, a reloaded page) starts from the whole picture
  model.send({ type: "send-whole-frame" });
  return () => {
    model.off("msg:custom", onMessage);
    sliders.dispose();
  };
}

const MAX_READOUTS = 4000; // prefetched readouts kept per view

function renderReadout({ model, el }) {
  const box = document.createElement("div");
  box.className = "mlelib-readout-panel";
  box.setAttribute("aria-live", "polite");
  el.appendChild(box);
  const table = new Map(); // position -> readout HTML (prefetched, or shown before)
  let html = null;
  let key = null;
  let prefetchedShown = 0;

  const show = () => {
    const page = sliders.key();
    const found = page !== null && table.has(page);
    const next = found ? table.get(page) : model.get("html");
    const nextKey = found ? page : model.get("key");
    if (next !== html) box.innerHTML = next;
    if (found && nextKey !== key && nextKey !== model.get("key")) {
      // the benchmark counts the moves shown without waiting for the kernel
      box.dataset.prefetched = String(++prefetchedShown);
    }
    html = next;
    key = nextKey;
    box.dataset.key = key;
  };

  const remember = (position, value) => {
    if (table.size >= MAX_READOUTS) table.clear();
    table.set(position, value);
  };

  const onChange = () => {
    remember(model.get("key"), model.get("html"));
    show();
  };
  // the kernel sets both in one message; the HTML can stay the same at a new position
  const onMessage = (msg) => {
    if (!msg || msg.type !== "readouts") return;
    for (const [position, value] of Object.entries(msg.entries)) remember(position, value);
    show();
  };

  const sliders = followSliders(model, show);
  model.on("change:html", onChange);
  model.on("change:key", onChange);
  model.on("msg:custom", onMessage);
  onChange();
  return () => {
    model.off("change:html", onChange);
    model.off("change:key", onChange);
    model.off("msg:custom", onMessage);
    sliders.dispose();
  };
}

function render(context) {
  return context.model.get("part") === "readout" ? renderReadout(context) : renderCanvas(context);
}

export default { render };
