'use strict';
// One Page API over two drivers: Playwright (chromium, firefox) and Selenium + WebKitWebDriver (webkit).
// Engine-specific code lives in the small backend classes at the bottom; everything that finds
// ImGui items and waits for the app is written once in Page.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { sleep, poll, withTimeout, freePort, outDir, trackChild, stopChild, addCleanup } = require('./util');
const { startXvfb } = require('./xvfb');
const context = require('./context');

const ENGINES = ['chromium', 'firefox', 'webkit'];
const BIN = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  miniBrowser: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
};
const VISIBLE = 0x100; // ImGuiItemStatusFlags_Visible
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'];

/** Executables an engine needs; a test runner may skip the engine when one is missing. */
function missingExecutables(engine) {
  const need = engine === 'chromium' ? [BIN.chromium] : engine === 'firefox' ? [BIN.firefox, '/usr/bin/Xvfb']
    : [BIN.webkitDriver, BIN.miniBrowser, '/usr/bin/Xvfb'];
  return need.filter((p) => !fs.existsSync(p));
}

// "Save##save" matches "Save##save", "Save" and "save"; "###id" ids match "id". RegExp tests the raw label.
function labelMatches(raw, wanted) {
  if (raw == null) return false;
  if (wanted instanceof RegExp) return wanted.test(raw);
  if (raw === wanted) return true;
  const i = raw.indexOf('##');
  return i >= 0 && (raw.slice(0, i) === wanted || raw.slice(i + 2).replace(/^#+/, '') === wanted);
}

class Page {
  constructor(engine, { width, height, deviceScaleFactor, firefoxPrefs, trustSpki }) {
    Object.assign(this, { engine, width, height, deviceScaleFactor, firefoxPrefs, trustSpki, launchMs: 0, xvfbMs: 0, browserMs: 0, closed: false });
    this._cleanups = [];
  }

  // ---- evaluation --------------------------------------------------------------------------
  /** Evaluate a function (or its source, or an expression) in the page; awaits promises. JSON in/out. */
  evaluate(fnOrSource, arg) {
    const src = typeof fnOrSource === 'function' ? fnOrSource.toString() : String(fnOrSource);
    const argJson = arg === undefined ? 'undefined' : JSON.stringify(arg);
    return this._eval(`(async () => { const __v = (${src}); return typeof __v === 'function' ? await __v(${argJson}) : await __v; })()`);
  }
  _wp(call) { return this.evaluate(`window.waypoint.${call}`); }
  items() { return this._wp('items()'); }
  frames() { return this._wp('frames()'); }
  busy() { return this._wp('busy()'); }
  errors() { return this._wp('errors()'); }
  /** Page console errors / uncaught exceptions seen by the driver (Playwright only; [] on WebKit). */
  consoleErrors() { return []; }
  /** {frames, busy} in one round trip; null until window.waypoint exists. */
  _state() {
    return this.evaluate('window.waypoint ? {frames: window.waypoint.frames(), busy: window.waypoint.busy()} : null');
  }

  // ---- navigation / waiting ---------------------------------------------------------------
  async goto(url, { timeoutMs = 30000 } = {}) {
    const u = new URL(url);
    if (!u.searchParams.has('automation')) u.searchParams.set('automation', '1');
    // The walks by canvas coordinates run without the semantic mirror (mirror.js) until its text
    // path passes them (a field typed and left within one frame loses the text: issue 18's note);
    // tests of the mirror open the app with ?mirror=1.
    if (!u.searchParams.has('mirror')) u.searchParams.set('mirror', '0');
    await withTimeout(this._goto(u.toString()), timeoutMs, `${this.engine}: goto ${u}`);
  }

  async waitForReady(timeoutMs = 30000) {
    const t0 = Date.now();
    await poll(() => this.evaluate('!!(window.waypoint && window.waypoint.ready())'), {
      timeoutMs, intervalMs: 50, what: `${this.engine}: window.waypoint.ready()`,
      describe: async () => this.diagnose(),
    });
    return Date.now() - t0;
  }

  /** Wait until frames advanced past `since` (default: already drawn) and busy() is 0, then until frames stop (max quietMs). */
  async settle({ since, timeoutMs = 10000, quietMs = 300 } = {}) {
    // Without `since`, an app that is already idle has settled: redraw-on-demand draws no further frame to wait for.
    if (since === undefined) since = ((await this._state()) || { frames: 1 }).frames - 1;
    let s = await poll(async () => { const st = await this._state(); return st && st.frames > since && st.busy === 0 && st; }, {
      timeoutMs, intervalMs: 20, what: `${this.engine}: frames > ${since} and busy() == 0`,
      describe: async (last) => `last state ${JSON.stringify(last)}. ${await this.diagnose()}`,
    });
    // Redraw-on-demand apps stop drawing soon after input; continuously drawing ones never do (capped).
    const end = Date.now() + quietMs;
    while (Date.now() < end) {
      await sleep(30);
      const n = await this._state();
      if (n && n.frames === s.frames && n.busy === 0) return n;
      s = n || s;
    }
    return s;
  }

  // ---- items --------------------------------------------------------------------------------
  /** The best item matching `label` (visible first, non-empty rect), or null. opts.window filters by window. */
  async findItem(label, { window, items } = {}) {
    items = items || (await this.items()) || [];
    const hits = items.filter((it) => it.w > 0 && it.h > 0 && labelMatches(it.label, label) &&
      (window === undefined || labelMatches(it.window, window)));
    hits.sort((a, b) => ((b.flags & VISIBLE) ? 1 : 0) - ((a.flags & VISIBLE) ? 1 : 0));
    return hits[0] || null;
  }

  async waitForItem(label, { window, timeoutMs = 10000 } = {}) {
    let seen = [];
    return poll(async () => {
      const items = (await this.items()) || [];
      seen = items;
      return this.findItem(label, { window, items });
    }, {
      timeoutMs, intervalMs: 50,
      what: `${this.engine}: item ${label}${window !== undefined ? ` in window ${window}` : ''}`,
      describe: () => `labels seen: ${seen.map((i) => JSON.stringify(`${i.window}/${i.label}`)).join(', ') || '(none)'}`,
    });
  }

  // ---- input --------------------------------------------------------------------------------
  /** Click at viewport CSS pixel (x, y), then settle. */
  async click(x, y, { settle = true } = {}) {
    const since = settle ? ((await this._state()) || { frames: 0 }).frames : 0;
    await this._click(Math.round(x), Math.round(y));
    if (settle) await this.settle({ since });
  }

  async clickByLabel(label, opts = {}) {
    const it = await this.waitForItem(label, opts);
    await this.click(it.x + it.w / 2, it.y + it.h / 2, opts);
    return it;
  }

  /** Type text with the keyboard (into whatever has focus), then settle. */
  async type(text, { settle = true } = {}) {
    const since = settle ? ((await this._state()) || { frames: 0 }).frames : 0;
    await this._type(text);
    if (settle) await this.settle({ since });
  }

  async typeInto(label, text, opts = {}) {
    await this.clickByLabel(label, opts);
    await this.press('Control+A');
    await this.type(text, opts);
  }

  /** Playwright-style key names: 'Enter', 'Tab', 'Escape', 'Backspace', 'ArrowDown', 'Control+A', 'Shift+Tab'... */
  async press(key, { settle = true } = {}) {
    const since = settle ? ((await this._state()) || { frames: 0 }).frames : 0;
    await this._press(key);
    if (settle) await this.settle({ since });
  }

  /** Mouse wheel at (x, y): dy > 0 scrolls down (CSS pixels, like WheelEvent.deltaY). */
  async scrollWheel(x, y, dy, { settle = true } = {}) {
    const since = settle ? ((await this._state()) || { frames: 0 }).frames : 0;
    await this._wheel(Math.round(x), Math.round(y), Math.round(dy));
    if (settle) await this.settle({ since });
  }

  /** PNG of the viewport into the output folder as `${name}-${engine}.png`; returns its path. */
  async screenshot(name) {
    const file = path.join(outDir(), `${name}-${this.engine}.png`);
    await withTimeout(this._screenshot(file), 30000, `${this.engine}: screenshot ${name}`);
    return file;
  }

  async setOffline(offline) { return this._setOffline(!!offline); }

  /** Resize the viewport to width x height CSS pixels; resolves once the app has laid itself out at that size. */
  async setViewport(width, height, { timeoutMs = 10000 } = {}) {
    await this._setViewport(width, height);
    this.width = width;
    this.height = height;
    // The canvas follows the window a few frames later: wait until the app's window spans the viewport.
    await poll(async () => {
      const app = await this.findItem('Waypoint', { window: 'Waypoint' });
      return app && Math.abs(app.w - width) < 1 && Math.abs(app.h - height) < 1;
    }, { timeoutMs, intervalMs: 50, what: `${this.engine}: the app laid out at ${width}x${height}` });
    await this.settle();
  }

  /** One-line-ish state for error messages. */
  async diagnose() {
    const info = await withTimeout(this.evaluate(`({url: location.href, hasWaypoint: !!window.waypoint,
      frames: window.waypoint && window.waypoint.frames(), busy: window.waypoint && window.waypoint.busy(),
      errors: window.waypoint && window.waypoint.errors(),
      labels: window.waypoint && window.waypoint.items().slice(0, 60).map(i => i.window + '/' + i.label)})`), 5000, 'diagnose')
      .catch((e) => ({ evaluateFailed: e.message }));
    const ce = this.consoleErrors();
    if (ce.length) info.consoleErrors = ce.slice(-10);
    return `page state: ${JSON.stringify(info)}`;
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    try { await withTimeout(this._close(), 15000, `${this.engine}: close`); } catch (e) { console.error(e.message); }
    for (const fn of this._cleanups.reverse()) { try { await fn(); } catch (e) { console.error(`close: ${e.message}`); } }
    if (this._removeCleanup) this._removeCleanup();
  }
}

// ---- Playwright: chromium + firefox ---------------------------------------------------------------
class PlaywrightPage extends Page {
  async _start(display) {
    const pw = require('playwright-core');
    const common = { headless: true, timeout: 30000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false };
    this.browser = this.engine === 'chromium'
      // trustSpki: a self-signed certificate's public key (base64 SHA-256), trusted as a real one
      // would be (a secure context: service workers register), not merely clicked through.
      ? await pw.chromium.launch({ ...common, executablePath: BIN.chromium,
        args: this.trustSpki ? [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${this.trustSpki}`] : CHROMIUM_ARGS })
      : await pw.firefox.launch({ ...common, channel: 'moz-firefox', executablePath: BIN.firefox, env: { ...process.env, DISPLAY: display },
        firefoxUserPrefs: this.firefoxPrefs });
    this.context = await this.browser.newContext({
      viewport: { width: this.width, height: this.height }, deviceScaleFactor: this.deviceScaleFactor,
      ...(this.trustSpki && this.engine !== 'chromium' ? { ignoreHTTPSErrors: true } : {}),
    });
    this.context.setDefaultTimeout(30000);
    this.page = await this.context.newPage();
    this._console = [];
    this.page.on('pageerror', (e) => this._console.push(`pageerror: ${e.message}`));
    this.page.on('console', (m) => { if (m.type() === 'error') this._console.push(`console.error: ${m.text()}`); });
  }
  consoleErrors() { return this._console.slice(); }
  _eval(expr) { return this.page.evaluate(expr); }
  _goto(url) { return this.page.goto(url, { waitUntil: 'load' }); }
  async _click(x, y) { await this.page.mouse.move(x, y); await this.page.mouse.down(); await this.page.mouse.up(); }
  async _type(text) {
    // Playwright types characters missing from its US layout (é, ệ, €) with insertText, which fires
    // no keydown/keypress in Chromium, so a canvas app never sees them: send those as CDP key events.
    for (const run of text.match(/[\x20-\x7e\n]+|[^\x20-\x7e\n]/gu) || []) {
      if (this.engine !== 'chromium' || /^[\x20-\x7e\n]/.test(run)) { await this.page.keyboard.type(run); continue; }
      this._cdp = this._cdp || await this.context.newCDPSession(this.page);
      await this._cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: run, text: run, unmodifiedText: run });
      await this._cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: run });
    }
  }
  _press(key) { return this.page.keyboard.press(key); }
  async _wheel(x, y, dy) { await this.page.mouse.move(x, y); await this.page.mouse.wheel(0, dy); }
  _screenshot(file) { return this.page.screenshot({ path: file }); }
  _setViewport(width, height) { return this.page.setViewportSize({ width, height }); }
  async _setOffline(offline) { await this.context.setOffline(offline); return true; }
  async _close() { if (this.browser) await this.browser.close(); }
}

// ---- Selenium + WebKitWebDriver + MiniBrowser -----------------------------------------------------
const KEY_NAMES = {
  Enter: 'ENTER', Tab: 'TAB', Escape: 'ESCAPE', Backspace: 'BACK_SPACE', Delete: 'DELETE', Insert: 'INSERT',
  ArrowUp: 'ARROW_UP', ArrowDown: 'ARROW_DOWN', ArrowLeft: 'ARROW_LEFT', ArrowRight: 'ARROW_RIGHT',
  Home: 'HOME', End: 'END', PageUp: 'PAGE_UP', PageDown: 'PAGE_DOWN', Space: 'SPACE',
  Control: 'CONTROL', Shift: 'SHIFT', Alt: 'ALT', Meta: 'META',
};
for (let i = 1; i <= 12; i++) KEY_NAMES[`F${i}`] = `F${i}`;

class WebKitPage extends Page {
  async _start(display) {
    const { Builder, Capabilities, Key } = require('selenium-webdriver');
    this.Key = Key;
    const env = { ...process.env, DISPLAY: display };
    if (this.deviceScaleFactor !== 1) {
      if (!Number.isInteger(this.deviceScaleFactor)) throw new Error('webkit: only integer deviceScaleFactor (GDK_SCALE)');
      env.GDK_SCALE = String(this.deviceScaleFactor);
    }
    // Start WebKitWebDriver on a free port (retry if another test grabbed it in between).
    const logFile = path.join(outDir(), `${context.name('webkitdriver')}.log`);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const log = fs.openSync(logFile, attempt === 1 ? 'w' : 'a');
      const child = trackChild(spawn(BIN.webkitDriver, [`--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', log, log], detached: true, env }));
      fs.closeSync(log);
      this._cleanups.push(() => stopChild(child, 3000));
      this.serverUrl = `http://127.0.0.1:${port}`;
      try {
        await poll(async () => {
          if (child.exitCode !== null) throw Object.assign(new Error(`WebKitWebDriver exited (${child.exitCode})`), { fatal: true });
          const r = await fetch(`${this.serverUrl}/status`, { signal: AbortSignal.timeout(1000) });
          return r.ok;
        }, { timeoutMs: 10000, what: 'WebKitWebDriver /status', describe: () => `see ${logFile}` });
        break;
      } catch (e) {
        await stopChild(child, 2000);
        if (attempt >= 3) throw e;
      }
    }
    const caps = new Capabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: BIN.miniBrowser, args: ['--automation'] } });
    this.driver = new Builder().usingServer(this.serverUrl).withCapabilities(caps).build();
    // Without a working X display, session creation hangs instead of failing.
    await withTimeout(this.driver.getSession(), 30000, 'WebKit session creation');
    await this.driver.manage().setTimeouts({ script: 30000, pageLoad: 30000 });
    await this._fitViewport();
  }

  // MiniBrowser's toolbar eats part of the window: resize until innerWidth x innerHeight is what we want.
  async _fitViewport() {
    const win = this.driver.manage().window();
    let w = this.width, h = this.height + 38;
    for (let i = 0; i < 4; i++) {
      await win.setRect({ x: 0, y: 0, width: w, height: h });
      await sleep(100);
      const v = await this.driver.executeScript('return [window.innerWidth, window.innerHeight]');
      if (v[0] === this.width && v[1] === this.height) return;
      w += this.width - v[0];
      h += this.height - v[1];
    }
    const v = await this.driver.executeScript('return [window.innerWidth, window.innerHeight]');
    throw new Error(`webkit: could not size the viewport to ${this.width}x${this.height}, got ${v.join('x')}`);
  }
  _eval(expr) { return this.driver.executeScript(`return ${expr};`); }
  _goto(url) { return this.driver.get(url); }
  _click(x, y) { return this.driver.actions().move({ x, y, origin: 'viewport', duration: 0 }).press().release().perform(); }
  _type(text) { return this.driver.actions().sendKeys(text).perform(); }
  _press(combo) {
    const parts = combo === '+' ? ['+'] : combo.split('+');
    const keys = parts.map((p) => {
      if (KEY_NAMES[p]) return this.Key[KEY_NAMES[p]];
      if (p.length === 1) return parts.length > 1 && !parts.includes('Shift') ? p.toLowerCase() : p;
      throw new Error(`webkit: unknown key ${JSON.stringify(p)} in ${JSON.stringify(combo)}`);
    });
    let a = this.driver.actions();
    for (const k of keys.slice(0, -1)) a = a.keyDown(k);
    a = a.keyDown(keys[keys.length - 1]).keyUp(keys[keys.length - 1]);
    for (const k of keys.slice(0, -1).reverse()) a = a.keyUp(k);
    return a.perform();
  }
  _wheel(x, y, dy) { return this.driver.actions().scroll(x, y, 0, dy, 'viewport').perform(); }
  async _screenshot(file) { fs.writeFileSync(file, Buffer.from(await this.driver.takeScreenshot(), 'base64')); }
  async _setViewport(width, height) {
    this.width = width;
    this.height = height;
    await this._fitViewport();
  }
  async _setOffline() {
    console.log('network emulation not available in WebKitWebDriver: skipped offline step');
    return false;
  }
  async _close() { if (this.driver) await this.driver.quit(); }
}

/**
 * launch(engine, {width=1280, height=720, deviceScaleFactor=1, firefoxPrefs}) -> Page.
 * Starts Xvfb for firefox/webkit when DISPLAY is unset; close() stops everything it started.
 * firefoxPrefs: about:config preferences for Firefox (e.g. full timer precision for benchmarks).
 */
async function launch(engine, { width = 1280, height = 720, deviceScaleFactor = 1, firefoxPrefs, trustSpki } = {}) {
  if (!ENGINES.includes(engine)) throw new Error(`unknown engine ${JSON.stringify(engine)}; use one of ${ENGINES.join(', ')}`);
  const missing = missingExecutables(engine);
  if (missing.length) throw new Error(`${engine}: missing ${missing.join(', ')}`);
  const t0 = Date.now();
  const page = engine === 'webkit' ? new WebKitPage(engine, { width, height, deviceScaleFactor })
    : new PlaywrightPage(engine, { width, height, deviceScaleFactor, firefoxPrefs, trustSpki });
  page._removeCleanup = addCleanup(() => page.close());
  try {
    let display = process.env.DISPLAY;
    if (!display && engine !== 'chromium') {
      const x = await startXvfb();
      page.xvfbMs = Date.now() - t0;
      page._cleanups.push(() => x.stop());
      display = x.display;
    }
    page.display = display;
    await withTimeout(page._start(display), 60000, `${engine}: launch`);
  } catch (e) {
    await page.close();
    throw e;
  }
  page.launchMs = Date.now() - t0;
  page.browserMs = page.launchMs - (page.xvfbMs || 0);
  return page;
}

module.exports = { launch, labelMatches, missingExecutables, ENGINES, VISIBLE };
