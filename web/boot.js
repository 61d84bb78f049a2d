// Runs in <head>, before anything else: the app's code downloads and compiles from here on, on the
// browser's background threads; glue.js hands the compiled module to Emscripten (which would only
// start it later). A file, not an inline script, so the Content-Security-Policy can forbid inline code.
'use strict';
window.waypointCompiling = typeof WebAssembly === 'object' && WebAssembly.compileStreaming
  ? WebAssembly.compileStreaming(fetch('waypoint.wasm', { credentials: 'same-origin' })) : null;
if (window.waypointCompiling) window.waypointCompiling.catch(() => {});  // glue.js reports failures
