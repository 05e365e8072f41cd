// A button that moves a slider one step up its grid, back to the slider's minimum past
// its end (StepButton in mlelib/engine/canvas.py).  canvas.py appends this file to
// canvas.js: both are one module in the page.
//
// The step happens here, on the slider's model, so a click is a slider move made in the
// page like a drag: with a kernel, the kernel hears of it and the explorer draws it as
// any other move (the canvas and the panel show what was sent ahead meanwhile); on the
// course's web site, with no kernel, the canvas and the panel show the stored position.

function stepSlider(slider) {
  const next = stepIndex(slider) + 1;
  slider.set("value", valueAtStep(slider, next > lastIndex(slider) ? 0 : next));
  slider.save_changes(); // sends the move to the kernel; does nothing without one
}

function createStepButton(model) {
  const s = { sliders: followSliders(model, () => {}) };
  s.click = () => {
    for (const slider of s.sliders.models() || []) stepSlider(slider);
  };
  return { state: s, dispose: () => s.sliders.dispose() };
}

function renderStepButton(s, { model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-widgets jupyter-button widget-button mlelib-step-button";
  button.style.width = "100%";
  // ipywidgets shows `tooltip` only on a widget without a description: the button shows it
  const label = () => {
    button.textContent = model.get("description");
    button.title = model.get("tooltip") || "";
  };
  label();
  for (const name of ["description", "tooltip"]) model.on(`change:${name}`, label);
  button.addEventListener("click", s.click);
  el.appendChild(button);
  return () => {
    for (const name of ["description", "tooltip"]) model.off(`change:${name}`, label);
    button.removeEventListener("click", s.click);
  };
}
