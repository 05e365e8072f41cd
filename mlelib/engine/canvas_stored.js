// Stored positions for a page with no kernel (the course's web site, mlelib/engine/export.py):
// the widget state holds the readouts and pictures of a set of positions; a picture is
// stored as the runs that turn its parent position's picture into it, the first one whole.
// canvas.py appends this file to canvas.js: both are one module in the page.

async function inflate(view) {
  const stream = new Blob([view]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// The stored position nearest a key: fewest steps, each counted as a fraction of its
// track; of two as near, the one listed later (the farther from where the page started).
function storedPositions(keys) {
  const parsed = keys.map((key) => [key, key.split(",").map(Number)]);
  const known = new Set(keys);
  return (key, sliders) => {
    if (known.has(key) || sliders === null) return known.has(key) ? key : parsed[0][0];
    const want = key.split(",").map(Number);
    const span = sliders.map((m) => Math.max(1, lastIndex(m)));
    let best = parsed[0][0];
    let bestDistance = Infinity;
    for (const [stored, steps] of parsed) {
      let distance = 0;
      for (let i = 0; i < steps.length; i++) distance += Math.abs(steps[i] - want[i]) / span[i];
      if (distance <= bestDistance + 1e-12) [best, bestDistance] = [stored, distance];
    }
    return best;
  };
}

// "α = 2, n = 124": the slider values at a position key.
function describePosition(key, sliders) {
  const steps = key.split(",").map(Number);
  return (sliders || []).map((m, i) =>
    `${m.get("description")} = ${Number(valueAtStep(m, steps[i]).toPrecision(4))}`).join(", ");
}

// What the readout adds when the page shows a nearby position instead of the sliders'.
// `notes` holds the sentences, in the page's language, as the build wrote them
// (mlelib/engine/export.py): `readout` and `picture`, each with a {position} to fill in.
function storedNote(key, readoutKey, pictureKey, sliders, notes) {
  const parts = [];
  const fill = (template, at) =>
    (template || "").replace("{position}", describePosition(at, sliders));
  if (readoutKey !== key) parts.push(fill(notes.readout, readoutKey));
  if (pictureKey !== readoutKey) parts.push(fill(notes.picture, pictureKey));
  return parts.filter(Boolean).join(" ");
}

async function loadStoredFrames(s, model, blob) {
  const words = new Uint32Array((await inflate(blob)).buffer);
  const keys = model.get("site_keys").split(" ");
  const size = s.width * s.height;
  const nodes = [{ parent: -1, depth: 0, runs: null, back: null }];
  let at = size;
  for (let i = 1; i < keys.length; i++) {
    const [parent, count, pixels] = words.subarray(at, at + 3);
    const gaps = words.subarray(at + 3, at + 3 + count);
    const lengths = words.subarray(at + 3 + count, at + 3 + 2 * count);
    const values = words.subarray(at + 3 + 2 * count, at + 3 + 2 * count + pixels);
    at += 3 + 2 * count + pixels;
    const starts = new Uint32Array(count);
    for (let k = 0, end = 0; k < count; k++) {
      starts[k] = end + gaps[k];
      end = starts[k] + lengths[k];
    }
    nodes.push({ parent, depth: nodes[parent].depth + 1, runs: { starts, lengths, values },
      back: null });
  }
  s.base.set(words.subarray(0, size));
  s.baseId = model.get("frame_id");
  s.baseKey = keys[0];
  s.site = { nodes, at: 0, frame: s.base.slice(), index: new Map(keys.map((k, i) => [k, i])),
    nearest: storedPositions(keys) };
  choosePicture(s);
}

// Make site.frame the picture of stored position `target`: up the tree to the common
// ancestor (restoring the pixels each step overwrote), then down to the target.
function walkTo(site, target) {
  const { nodes, frame } = site;
  let from = site.at;
  let to = target;
  const down = [];
  while (from !== to) {
    if (nodes[from].depth >= nodes[to].depth) {
      const node = nodes[from];
      applyRuns(frame, { starts: node.runs.starts, lengths: node.runs.lengths, values: node.back });
      from = node.parent;
    } else {
      down.push(to);
      to = nodes[to].parent;
    }
  }
  for (let i = down.length - 1; i >= 0; i--) {
    const node = nodes[down[i]];
    if (node.back === null) node.back = valuesAt(frame, node.runs);
    applyRuns(frame, node.runs);
  }
  site.at = target;
}

function valuesAt(frame, runs) {
  const out = new Uint32Array(runs.values.length);
  let offset = 0;
  for (let k = 0; k < runs.starts.length; k++) {
    out.set(frame.subarray(runs.starts[k], runs.starts[k] + runs.lengths[k]), offset);
    offset += runs.lengths[k];
  }
  return out;
}
