// Front end of an explorer's widgets (mlelib/engine/canvas.py): the canvas the kernel
// paints (FrameCanvas), the panel beside the sliders that shows the readout (Panel) and
// the buttons that step a slider (StepButton, step_button.js).
//
// anywidget calls the default export once per widget model; `initialize` sets up the
// state every view of that model shares (the kernel's frames, the pictures and readouts
// sent ahead, the sliders followed in the page), and `render` makes one view that only
// paints that state.  The message protocol is described in mlelib/canvas.py.
//
// A slider position is keyed by each slider's step index ("3,10,1"), computed as
// mlelib.sliders.step_index does.  The page shows, for the sliders' position: the
// kernel's frame if it is for that position; else a picture the kernel sent ahead for
// it; else the kernel's newest frame (while it catches up).  A page with no kernel (the
// course's web site) paints what the build stored in the widget state instead: the
// functions for that are in canvas_stored.js, which canvas.py appends to this module.

const REF = "IPY_MODEL_";
const RETRY_MS = 500; // ask again for a whole frame if the last request went unanswered
const MAX_READOUTS = 4000; // readouts kept per widget
const MAX_PATCHES = 400; // pictures sent ahead, kept per widget

// ------------------------------------------------------------------ shared helpers

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

function applyRuns(target, runs) {
  let offset = 0;
  for (let k = 0; k < runs.starts.length; k++) {
    target.set(runs.values.subarray(offset, offset + runs.lengths[k]), runs.starts[k]);
    offset += runs.lengths[k];
  }
}

// The slider grid's arithmetic, as mlelib.engine.sliders computes it (step_index,
// value_at, _last_index): a position is min + index * step (a log slider's exponent).
function isLog(slider) {
  return slider.get("_model_name") === "FloatLogSliderModel";
}

function stepIndex(slider) {
  const value = slider.get("value");
  const position = isLog(slider) ? Math.log(value) / Math.log(slider.get("base")) : value;
  return Math.round((position - slider.get("min")) / slider.get("step"));
}

function lastIndex(slider) {
  return Math.round((slider.get("max") - slider.get("min")) / slider.get("step"));
}

function valueAtStep(slider, index) {
  const min = slider.get("min");
  const max = slider.get("max");
  const position = Math.min(Math.max(min + index * slider.get("step"), min), max);
  const tenDecimals = (x) => Math.round(x * 1e10) / 1e10;
  if (isLog(slider)) return slider.get("base") ** tenDecimals(position);
  if (slider.get("_model_name") === "IntSliderModel") return Math.round(position);
  return tenDecimals(position);
}

// Calls onMove whenever one of the model's sliders moves.  key() is the position of
// all of them, or null until their models are found.
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
    models: () => sliders,
    dispose: () => {
      alive = false;
      if (sliders !== null) for (const slider of sliders) slider.off("change:value", onMove);
    },
  };
}

// ------------------------------------------------------------------ picture state

function createPicture(model) {
  const s = {
    width: 0, height: 0, image: null, shown: null, scratch: null,
    base: null, baseId: -1, baseKey: null,
    anchor: null, anchorId: -1, patches: new Map(),
    showing: null, painted: 0, prefetchedShown: 0,
    views: new Set(), requestPending: false, timer: null,
  };
  s.sliders = followSliders(model, () => choosePicture(s));
  s.onMessage = (msg, buffers) => {
    if (msg && msg.type === "frame") onFrame(s, model, msg, runsOf(buffers));
    else if (msg && msg.type === "patch") onPatch(s, msg, runsOf(buffers));
  };
  s.onFrameId = () => checkBehind(s, model);
  model.on("msg:custom", s.onMessage);
  model.on("change:frame_id", s.onFrameId);
  if (model.get("width") > 0 && model.get("height") > 0) {
    resize(s, model.get("width"), model.get("height")); // the right size before any frame
  }
  s.site = null;
  const stored = model.get("site_frames");
  if (stored && stored.byteLength > 0) {
    loadStoredFrames(s, model, stored); // a page with no kernel: never ask it for frames
  } else {
    checkBehind(s, model); // a page (re)loaded after the kernel drew: ask for the frame
  }
  const dispose = () => {
    model.off("msg:custom", s.onMessage);
    model.off("change:frame_id", s.onFrameId);
    clearTimeout(s.timer);
    s.sliders.dispose();
  };
  return { state: s, dispose };
}

function resize(s, width, height) {
  s.width = width;
  s.height = height;
  s.image = new ImageData(width, height);
  s.shown = new Uint32Array(s.image.data.buffer);
  s.scratch = new Uint32Array(width * height);
  s.base = new Uint32Array(width * height);
  s.baseId = -1;
  s.anchor = null;
  s.anchorId = -1;
  s.patches.clear();
  s.showing = null;
  for (const view of s.views) view.resized();
}

function onFrame(s, model, msg, runs) {
  if (msg.id <= s.baseId) return; // older than what the page has
  if (msg.base === -1) {
    if (s.image === null || msg.width !== s.width || msg.height !== s.height) {
      resize(s, msg.width, msg.height);
    }
  } else if (msg.base !== s.baseId) {
    requestWholeFrame(s, model); // a frame in between never arrived
    return;
  }
  applyRuns(s.base, runs);
  s.baseId = msg.id;
  s.baseKey = msg.key;
  s.requestPending = false;
  choosePicture(s);
  checkBehind(s, model);
}

function onPatch(s, msg, runs) {
  if (s.image === null || msg.width !== s.width || msg.height !== s.height) return;
  if (msg.anchor !== s.anchorId) {
    if (msg.anchor !== s.baseId) return; // made from a frame the page does not have
    s.anchor = s.base.slice();
    s.anchorId = s.baseId;
    s.patches.clear();
  }
  if (s.patches.size >= MAX_PATCHES) s.patches.clear();
  s.patches.set(msg.key, runs);
  for (const view of s.views) view.ahead([...s.patches.keys()].join(" "));
  choosePicture(s); // the sliders may already be there
}

function checkBehind(s, model) {
  if (model.get("frame_id") > s.baseId) requestWholeFrame(s, model);
}

function requestWholeFrame(s, model) {
  if (s.requestPending) return;
  s.requestPending = true;
  model.send({ type: "send-whole-frame" });
  clearTimeout(s.timer);
  s.timer = setTimeout(() => {
    s.requestPending = false;
    checkBehind(s, model);
  }, RETRY_MS);
}

function choosePicture(s) {
  if (s.image === null || s.baseId < 0) return;
  const key = s.sliders.key();
  if (s.site !== null && key !== null) {
    const shown = s.site.nearest(key, s.sliders.models());
    walkTo(s.site, s.site.index.get(shown));
    paint(s, s.site.frame, shown, shown !== s.baseKey);
  } else if (key === null || key === s.baseKey) {
    paint(s, s.base, s.baseKey, false);
  } else if (s.patches.has(key)) {
    s.scratch.set(s.anchor);
    applyRuns(s.scratch, s.patches.get(key));
    paint(s, s.scratch, key, true);
  } else if (s.showing !== key) {
    paint(s, s.base, s.baseKey, false); // the kernel's newest, until it catches up
  }
}

// Make the shown pixels equal `target`; the views repaint the rows that changed.
function paint(s, target, key, ahead) {
  const shown = s.shown;
  let first = -1;
  let last = -1;
  for (let i = 0; i < target.length; i++) {
    if (shown[i] !== target[i]) {
      shown[i] = target[i];
      if (first < 0) first = i;
      last = i;
    }
  }
  const moved = key !== s.showing;
  s.showing = key;
  if (ahead && moved) s.prefetchedShown += 1;
  if (first < 0 && !moved) return;
  s.painted += 1;
  const rows = first < 0 ? null : [Math.floor(first / s.width), Math.floor(last / s.width)];
  for (const view of s.views) view.paint(rows);
}

function renderPicture(s, { model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "mlelib-explorer-canvas";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", model.get("label"));
  // shrink with a narrow notebook, keeping the aspect ratio; never enlarge (blur)
  Object.assign(canvas.style, { maxWidth: "100%", height: "auto", display: "block" });
  const context = canvas.getContext("2d", { alpha: false });
  const view = {
    resized() {
      canvas.width = s.width;
      canvas.height = s.height;
    },
    paint(rows) {
      if (rows !== null) {
        context.putImageData(s.image, 0, 0, 0, rows[0], s.width, rows[1] - rows[0] + 1);
      }
      // tests and the benchmark watch these to know what is on the canvas
      canvas.dataset.frame = String(s.painted);
      canvas.dataset.key = String(s.showing);
      canvas.dataset.prefetched = String(s.prefetchedShown);
    },
    ahead(keys) {
      canvas.dataset.ahead = keys;
    },
  };
  s.views.add(view);
  if (s.image !== null) {
    view.resized();
    view.paint([0, s.height - 1]);
  }
  el.appendChild(canvas);
  return () => s.views.delete(view);
}

// ------------------------------------------------------------------ readout state

function createReadout(model) {
  const s = { table: new Map(), html: null, key: null, prefetchedShown: 0, views: new Set(),
    site: null, siteNote: "" };
  const remember = (key, html) => {
    if (s.table.size >= MAX_READOUTS) s.table.clear();
    s.table.set(key, html);
  };
  const update = () => chooseReadout(s, model);
  s.sliders = followSliders(model, update);
  const onKernel = () => {
    remember(model.get("key"), model.get("html"));
    update();
  };
  const onMessage = (msg) => {
    if (!msg || msg.type !== "readouts") return;
    for (const [key, html] of Object.entries(msg.entries)) remember(key, html);
    update();
  };
  const onNote = () => {
    const text = [model.get("note"), s.siteNote].filter(Boolean).join("\n");
    for (const view of s.views) view.note(text);
  };
  model.on("change:html", onKernel);
  model.on("change:key", onKernel);
  model.on("change:note", onNote);
  model.on("msg:custom", onMessage);
  onKernel();
  const stored = model.get("site_readouts");
  if (stored && stored.byteLength > 0) {
    inflate(stored).then((bytes) => {
      const data = JSON.parse(new TextDecoder().decode(bytes));
      s.site = { table: data.readouts, readoutAt: storedPositions(Object.keys(data.readouts)),
        pictureAt: storedPositions(data.pictures), notes: data.notes || {} };
      update();
      onNote();
    });
  }
  const dispose = () => {
    model.off("change:html", onKernel);
    model.off("change:key", onKernel);
    model.off("change:note", onNote);
    model.off("msg:custom", onMessage);
    s.sliders.dispose();
  };
  return { state: s, dispose };
}

function chooseReadout(s, model) {
  const key = s.sliders.key();
  if (s.site !== null && key !== null) {
    const sliders = s.sliders.models();
    const shown = s.site.readoutAt(key, sliders);
    const note = storedNote(key, shown, s.site.pictureAt(key, sliders), sliders, s.site.notes);
    const changed = s.site.table[shown] !== s.html || note !== s.siteNote;
    s.html = s.site.table[shown];
    s.key = shown;
    s.siteNote = note;
    for (const view of s.views) {
      view.show(changed);
      view.note([model.get("note"), note].filter(Boolean).join("\n"));
    }
    return;
  }
  const found = key !== null && s.table.has(key);
  const html = found ? s.table.get(key) : model.get("html");
  const shownKey = found ? key : model.get("key");
  if (found && shownKey !== s.key && shownKey !== model.get("key")) s.prefetchedShown += 1;
  const changed = html !== s.html;
  s.html = html;
  s.key = shownKey;
  for (const view of s.views) view.show(changed);
}

function renderReadout(s, { model, el }) {
  const box = document.createElement("div");
  box.className = "mlelib-readout-panel";
  box.setAttribute("aria-live", "polite");
  const rows = document.createElement("div");
  const note = document.createElement("div");
  note.className = "mlelib-readout-note";
  note.setAttribute("role", "status");
  note.style.cssText = "white-space:pre-line;color:#a33;font-size:13px";
  box.append(rows, note);
  const view = {
    show(changed) {
      if (changed || rows.innerHTML === "") rows.innerHTML = s.html;
      box.dataset.key = s.key;
      box.dataset.prefetched = String(s.prefetchedShown);
    },
    note(text) {
      note.textContent = text;
    },
  };
  s.views.add(view);
  view.show(true);
  view.note(model.get("note"));
  el.appendChild(box);
  return () => s.views.delete(view);
}

// ------------------------------------------------------------------ anywidget entry

// Each widget's `part` names its state and its view (the step button: step_button.js).
const PARTS = {
  canvas: [createPicture, renderPicture],
  readout: [createReadout, renderReadout],
  step: [createStepButton, renderStepButton],
};

export default () => {
  let shared = null; // { state, dispose } of this widget model, shared by its views
  return {
    initialize({ model }) {
      shared = PARTS[model.get("part")][0](model);
      return shared.dispose;
    },
    render({ model, el }) {
      return PARTS[model.get("part")][1](shared.state, { model, el });
    },
  };
};
