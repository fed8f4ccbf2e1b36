// Starts the WebAssembly app. It lives in its own file, not inline in index.html, so the
// Content-Security-Policy can forbid inline scripts. Trunk writes the hashed file names of the
// app's JavaScript glue and WebAssembly module onto this script's tag (see Trunk.toml).
const tag = document.querySelector("script[data-wasm]");

function showFailure(error) {
  const boot = document.getElementById("boot");
  if (boot) {
    boot.classList.add("boot--failed");
    const text = boot.querySelector(".boot__text");
    if (text) {
      text.textContent =
        "The playground could not start. It needs a current browser with WebAssembly. " +
        "Details are in the browser console.";
    }
  }
  console.error("StatefulSet Playground could not start:", error);
}

try {
  if (!tag) {
    throw new Error("the loader tag with data-js and data-wasm is missing");
  }
  performance.mark("boot-start");
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
} catch (error) {
  showFailure(error);
}
