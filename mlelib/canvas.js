// Front end of mlelib.canvas.FrameCanvas: a <canvas> the kernel paints.
//
// Each custom message from the kernel is one frame given as runs of changed pixels in
// row-major order: three buffers of little-endian 32-bit words (where each run starts,
// how long it is, and the new RGBA pixels of all runs one after another).  The runs are
// copied into a pixel buffer that mirrors the canvas, and the rows they touch are put
// on the canvas at once, in the message handler: no image to decode, nothing to wait for.
// Frames must be applied in the order they arrive, each changes the one before it.

function words(view) {
  // a Uint32Array needs a 4-byte aligned offset; a message's buffers need not have one
  if (view.byteOffset % 4 === 0) {
    return new Uint32Array(view.buffer, view.byteOffset, view.byteLength / 4);
  }
  return new Uint32Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "mlelib-explorer-canvas";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", model.get("label"));
  // shrink with a narrow notebook, keeping the aspect ratio; never enlarge (blur)
  canvas.style.maxWidth = "100%";
  canvas.style.height = "auto";
  canvas.style.display = "block";
  const context = canvas.getContext("2d", { alpha: false });
  let image = null; // ImageData mirroring the canvas
  let pixels = null; // the same memory as 32-bit words
  let painted = 0;

  const resize = (width, height) => {
    canvas.width = width;
    canvas.height = height;
    image = context.createImageData(width, height);
    pixels = new Uint32Array(image.data.buffer);
  };

  const onMessage = (msg, buffers) => {
    if (!msg || msg.type !== "frame") return;
    if (image === null || canvas.width !== msg.width || canvas.height !== msg.height) {
      resize(msg.width, msg.height);
    }
    const starts = words(buffers[0]);
    const lengths = words(buffers[1]);
    const values = words(buffers[2]);
    let offset = 0;
    for (let k = 0; k < starts.length; k++) {
      const n = lengths[k];
      pixels.set(values.subarray(offset, offset + n), starts[k]);
      offset += n;
    }
    if (starts.length === 0) return;
    const last = starts[starts.length - 1] + lengths[lengths.length - 1] - 1;
    const top = Math.floor(starts[0] / msg.width);
    const bottom = Math.floor(last / msg.width);
    context.putImageData(image, 0, 0, 0, top, msg.width, bottom - top + 1);
    painted += 1;
    // tests and the benchmark watch this attribute to know a frame is on the canvas
    canvas.dataset.frame = String(painted);
  };

  if (model.get("width") > 0 && model.get("height") > 0) {
    resize(model.get("width"), model.get("height")); // the right size before any frame
  }
  model.on("msg:custom", onMessage);
  el.appendChild(canvas);
  // a new view (a second display, a reloaded page) starts from the whole picture
  model.send({ type: "send-whole-frame" });
  return () => model.off("msg:custom", onMessage);
}

export default { render };
