// Waypoint's page glue: checks the browser can run the app, sizes the canvas to the window
// at the device pixel ratio, wakes the paused frame loop on input, bridges the clipboard,
// records page errors, and (with ?automation=1) exposes window.waypoint for browser tests.
'use strict';
(function () {
  const errors = [];
  // The canvas draws its own menus: no browser context menu over it.
  document.getElementById('canvas').addEventListener('contextmenu', (e) => e.preventDefault());
  window.addEventListener('error', (e) => errors.push(String(e.message || e)));
  window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));

  // The app's code compiles (on the browser's background threads, started by index.html) while
  // this page makes its WebGL context and waypoint.js downloads and runs: Emscripten alone would
  // start it only then.
  function compileApp() {
    const get = () => fetch('waypoint.wasm', { credentials: 'same-origin' });
    const whole = (fetching) => fetching.then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes));
    if (!window.waypointCompiling) return whole(get());
    return window.waypointCompiling.catch(() => whole(get()));  // e.g. a proxy changed its type
  }
  const compiled = typeof WebAssembly === 'object' ? compileApp() : null;
  if (compiled) compiled.catch(() => {});  // failures are reported where the app needs it (instantiateWasm)

  // The app's own WebGL2 context, made now with the attributes main.cpp asks GLFW for (the
  // browser then hands the same context to the app): the check that WebGL2 works, and its
  // set-up cost (tens of ms in some browsers) paid while the app downloads and compiles.
  function missing() {
    const lacks = [];
    if (typeof WebAssembly !== 'object') lacks.push('WebAssembly');
    try {
      // Its final size first: resizing a canvas reallocates the drawing buffer.
      const c = document.getElementById('canvas');
      c.width = Math.round(window.innerWidth * (window.devicePixelRatio || 1));
      c.height = Math.round(window.innerHeight * (window.devicePixelRatio || 1));
      const gl = c.getContext('webgl2',
        { antialias: false, alpha: false, depth: false, stencil: false });
      if (!gl) lacks.push('WebGL 2');
    } catch (e) {
      lacks.push('WebGL 2');
    }
    return lacks;
  }

  function explain(title, detail) {
    document.getElementById('canvas').remove();
    document.getElementById('loading').remove();
    const box = document.createElement('div');
    box.id = 'message';
    const h1 = document.createElement('h1');
    h1.textContent = title;
    const p = document.createElement('p');
    p.textContent = detail;
    box.append(h1, p);
    document.body.append(box);
  }

  const lacks = missing();
  if (lacks.length) {
    explain('Waypoint cannot run in this browser',
      'This browser is missing ' + lacks.join(' and ') + '. Use a current version of Chrome, Edge, Firefox or ' +
      'Safari, or turn on hardware acceleration in the browser settings.');
    return;
  }

  const canvas = document.getElementById('canvas');
  let started = false;
  const call = (name, ...args) => (started && Module['_' + name] ? Module['_' + name](...args) : 0);

  function resize() {
    if (!started) return;
    Module.ccall('waypoint_resize', null, ['number', 'number', 'number'],
      [window.innerWidth, window.innerHeight, window.devicePixelRatio || 1]);
  }


  window.Module = {
    canvas,
    instantiateWasm: (imports, receive) => {
      compiled.then((module) => WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module)))
        .catch((e) => {
          errors.push('wasm: ' + e);
          explain('Waypoint could not load', 'The app could not be downloaded. Check your connection and reload.');
        });
      return {};
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => {
      errors.push('abort: ' + what);
      explain('Waypoint stopped', 'Something went wrong while running Waypoint. Reload the page to start again.');
    },
    // A frame whose meaning changed: the semantic mirror (mirror.js) follows it.
    waypointMirror: (json) => window.waypointMirror && window.waypointMirror.update(json),
    waypointStarted: () => {
      started = true;
      if (window.waypointMirror) window.waypointMirror.start(window.Module);
      resize();
    },
    // The canvas shows from the first frame drawn: an empty one would be composited (read back,
    // in software-rendering browsers) on every frame while the app loads.
    waypointDrawn: () => {
      document.getElementById('loading').remove();
      canvas.style.visibility = 'visible';
      canvas.focus();
      registerServiceWorker();
    },
  };

  // The app's files kept for opening without a network (sw.js). Only in a secure context (HTTPS, or
  // loopback); after the first frame, so its downloads never compete with the app's start.
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').catch((e) => errors.push('service worker: ' + String(e)));
  }

  // Input wakes the frame loop, which pauses when nothing changes.
  const wake = () => call('waypoint_wake');
  for (const type of ['pointerdown', 'pointerup', 'pointermove', 'mousedown', 'mouseup', 'mousemove', 'wheel',
    'keydown', 'keyup', 'keypress', 'focus', 'blur', 'touchstart', 'touchend']) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  }
  window.addEventListener('resize', resize);
  // The screen follows the URL hash: Back, Forward and typed addresses reach the app here.
  window.addEventListener('hashchange', () => {
    if (started) Module.ccall('waypoint_hash_changed', null, ['string'], [location.hash]);
  });
  matchMedia('(resolution: 1dppx)').addEventListener?.('change', resize);

  // The system clipboard: the browser hands over text only inside these events.
  // The mirror's own fields (mirror.js) copy, cut and paste as any input does.
  const inMirror = (e) => e.target && e.target.closest && e.target.closest('#mirror');
  function copyOut(e) {
    if (!started || inMirror(e)) return;
    const text = Module.UTF8ToString(Module._waypoint_clipboard_selection());
    if (text) {
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    }
  }
  document.addEventListener('copy', copyOut);
  document.addEventListener('cut', copyOut);
  document.addEventListener('paste', (e) => {
    if (!started || inMirror(e)) return;
    Module.ccall('waypoint_clipboard_paste', null, ['string'], [e.clipboardData.getData('text/plain') || '']);
    e.preventDefault();
    wake();
  });

  if (new URLSearchParams(location.search).get('automation') === '1') {
    window.waypoint = {
      items: () => (started ? JSON.parse(Module.UTF8ToString(Module._waypoint_items())) : []),
      frames: () => call('waypoint_frames'),
      // Each frame drawn since the last call as [start, duration] (ms; the start on the wall clock,
      // performance.timeOrigin + performance.now()), for the client benchmark.
      frameTimes: () => (started ? JSON.parse(Module.UTF8ToString(Module._waypoint_frame_times()))
        .map(([start, ms]) => [performance.timeOrigin + start, ms]) : []),
      ready: () => call('waypoint_ready') === 1,
      busy: () => call('waypoint_busy'),
      errors: () => errors.slice(),
      // The semantic mirror's cost for the last frame that changed it: building its tree in the
      // app and updating the DOM (ms), and how many such frames there were.
      mirror: () => ({
        build: started ? Module._waypoint_a11y_cost() : 0,
        dom: window.waypointMirror ? window.waypointMirror.cost() : 0,
        publishes: call('waypoint_a11y_publishes'),
        updates: window.waypointMirror ? window.waypointMirror.updates() : 0,
        bytes: window.waypointMirror ? window.waypointMirror.size() : 0,
      }),
      wake,
    };
  }

  const script = document.createElement('script');
  script.src = 'waypoint.js';
  script.onerror = () => explain('Waypoint could not load', 'The app could not be downloaded. Check your connection and reload.');
  document.body.append(script);
})();
