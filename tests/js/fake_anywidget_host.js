// A stand-in for anywidget's host on a blank page, for tests/test_canvas_page.py.
//
// It offers canvas.js exactly what anywidget does (a model with get/set/on/off/send and
// widget_manager.get_model; initialize({model}) once per model, render({model, el}) per
// view) and lets the test play the network: the test delivers the kernel's messages
// and state changes when and in the order it chooses, moves slider models as a learner
// would, and collects what canvas.js sends to the kernel.

class FakeModel {
  constructor(id, state, host) {
    this.id = id;
    this.state = { ...state };
    this.listeners = new Map();
    this.widget_manager = host.manager;
    this.host = host;
  }
  get(name) { return this.state[name]; }
  set(name, value) { this.update({ [name]: value }); }
  // like Backbone: every attribute is set before the first change event fires
  update(state) {
    Object.assign(this.state, state);
    for (const name of Object.keys(state)) this.emit(`change:${name}`);
  }
  on(event, callback) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(callback);
  }
  off(event, callback) {
    if (event === null) this.listeners.clear();
    else this.listeners.get(event)?.delete(callback);
  }
  emit(event, ...args) {
    for (const callback of [...(this.listeners.get(event) || [])]) callback(...args);
  }
  send(content) { this.host.outbox.push({ model: this.id, content }); }
}

function bytesOf(base64, offset) {
  // copy into a buffer at `offset` bytes, so that unaligned views are exercised too
  const raw = atob(base64);
  const buffer = new ArrayBuffer(raw.length + offset);
  const bytes = new Uint8Array(buffer, offset, raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return new DataView(buffer, offset, raw.length);
}

window.fakeHost = {
  models: new Map(),
  outbox: [],
  manager: { get_model: (id) => Promise.resolve(window.fakeHost.models.get(id)) },

  model(id, state) {
    const model = new FakeModel(id, state, this);
    this.models.set(id, model);
    return model;
  },

  // load the widget module and show one view per model in a fresh element
  async show(source, ids, views = 1) {
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const module = await import(url);
    for (const id of ids) {
      const model = this.models.get(id);
      const widget = typeof module.default === "function" ? await module.default()
        : module.default;
      await widget.initialize?.({ model });
      for (let v = 0; v < views; v++) {
        const el = document.createElement("div");
        el.dataset.model = id;
        document.body.appendChild(el);
        await widget.render({ model, el });
      }
    }
  },

  // a custom message from the kernel; buffers as base64 strings
  deliver(id, content, buffers, offset) {
    this.models.get(id).emit("msg:custom", content, buffers.map((b) => bytesOf(b, offset)));
  },

  setState(id, state) { this.models.get(id).update(state); },

  takeOutbox() {
    const out = this.outbox;
    this.outbox = [];
    return out;
  },

  // every view of a canvas model: its pixels (base64 RGBA) and data attributes
  canvases(id) {
    return [...document.querySelectorAll(`div[data-model="${id}"] canvas`)].map((canvas) => {
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let binary = "";
      for (let i = 0; i < data.length; i += 0x8000) {
        binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      }
      return { width: canvas.width, height: canvas.height, pixels: btoa(binary),
               ...canvas.dataset };
    });
  },

  readouts(id) {
    return [...document.querySelectorAll(`div[data-model="${id}"] .mlelib-readout-panel`)]
      .map((box) => ({ text: [...box.querySelectorAll(".mlelib-readout-row")]
        .map((row) => row.textContent.replace(/\s+/g, " ").trim()), key: box.dataset.key,
      note: box.querySelector(".mlelib-readout-note")?.textContent ?? "" }));
  },
};
